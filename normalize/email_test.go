package normalize

import (
	"strings"
	"testing"
)

func TestEmail(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     string
		warnings []string
		err      string
	}{
		// The email column of a real export, row by row.
		{"spaces trimmed, domain lower-cased", " Jeanne.Martin@Example.LU ", "Jeanne.Martin@example.lu", nil, ""},
		{"mailto removed", "mailto:paul.schmit@example.com", "paul.schmit@example.com", []string{CodeEmailMailtoRemoved}, ""},
		{"two addresses with semicolon", "luc.weber@example.com; luc@example.org", "", nil, CodeEmailTwoAddresses},
		{"domain without dot", "anne.kieffer@example", "", nil, CodeEmailInvalid},
		{"two at signs", "marc.hansen@@example.lu", "", nil, CodeEmailInvalid},
		{"display name removed", "Sophie Muller <sophie.muller@example.com>", "sophie.muller@example.com", []string{CodeEmailDisplayNameRemoved}, ""},

		{"no-break space after address", "jeanne.martin@example.lu\u00a0", "jeanne.martin@example.lu", nil, ""},
		{"zero-width space before address", "\u200bpaul.schmit@example.com", "paul.schmit@example.com", nil, ""},
		{"plain address", "a.b+tag@sub.example.co.uk", "a.b+tag@sub.example.co.uk", nil, ""},
		{"quoted display name", `"Martin, Jeanne" <jeanne@example.lu>`, "jeanne@example.lu", []string{CodeEmailDisplayNameRemoved}, ""},
		{"brackets only", "<jeanne@example.lu>", "jeanne@example.lu", nil, ""},
		{"MAILTO upper case", "MAILTO:jeanne@example.lu", "jeanne@example.lu", []string{CodeEmailMailtoRemoved}, ""},
		{"name and mailto", "Jeanne <mailto:jeanne@example.lu>", "jeanne@example.lu", []string{CodeEmailDisplayNameRemoved, CodeEmailMailtoRemoved}, ""},
		{"two addresses with comma", "a@example.lu,b@example.lu", "", nil, CodeEmailTwoAddresses},
		{"two addresses with slash", "a@example.lu / b@example.lu", "", nil, CodeEmailTwoAddresses},
		{"two addresses with space", "a@example.lu b@example.lu", "", nil, CodeEmailTwoAddresses},
		{"empty", " \u00a0", "", nil, CodeEmailEmpty},
		{"space inside", "jeanne martin@example.lu", "", nil, CodeEmailInvalid},
		{"no at sign", "jeanne.example.lu", "", nil, CodeEmailInvalid},
		{"empty local part", "@example.lu", "", nil, CodeEmailInvalid},
		{"empty domain", "jeanne@", "", nil, CodeEmailInvalid},
		{"leading dot", ".jeanne@example.lu", "", nil, CodeEmailInvalid},
		{"trailing dot before at", "jeanne.@example.lu", "", nil, CodeEmailInvalid},
		{"double dot in local part", "jeanne..martin@example.lu", "", nil, CodeEmailInvalid},
		{"double dot in domain", "jeanne@example..lu", "", nil, CodeEmailInvalid},
		{"trailing dot in domain", "jeanne@example.lu.", "", nil, CodeEmailInvalid},
		{"comma in domain", "jeanne@example,lu", "", nil, CodeEmailInvalid},
		{"accent in local part", "hélène@example.lu", "", nil, CodeEmailInvalid},
		{"underscore in domain", "jeanne@exa_mple.lu", "", nil, CodeEmailInvalid},
		{"hyphen at label start", "jeanne@-example.lu", "", nil, CodeEmailInvalid},
		{"numeric top-level domain", "jeanne@example.123", "", nil, CodeEmailInvalid},
		{"one-letter top-level domain", "jeanne@example.l", "", nil, CodeEmailInvalid},
		{"local part too long", strings.Repeat("a", 65) + "@example.lu", "", nil, CodeEmailInvalid},
		{"label too long", "a@" + strings.Repeat("b", 64) + ".lu", "", nil, CodeEmailInvalid},
		{"mailto only", "mailto:", "", []string{CodeEmailMailtoRemoved}, CodeEmailInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warnings, err := Email(tt.in)
			if code := issueCode(t, err); code != tt.err {
				t.Fatalf("Email(%q) error = %v, want code %q", tt.in, err, tt.err)
			}
			if got != tt.want {
				t.Errorf("Email(%q) = %q, want %q", tt.in, got, tt.want)
			}
			checkCodes(t, warnings, tt.warnings...)
			checkIssues(t, warnings, err, Text(tt.in))
		})
	}
}

func TestEmailMessageNamesReason(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"domain without dot", "anne.kieffer@example", "no dot in its domain"},
		{"two at signs", "marc.hansen@@example.lu", "2 @ signs"},
		{"two addresses", "luc.weber@example.com; luc@example.org", "keep one"},
		{"invalid character", "jeanne@exa_mple.lu", `"_"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Email(tt.in)
			if err == nil {
				t.Fatalf("Email(%q) returned no error", tt.in)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Email(%q) error = %q, want it to contain %q", tt.in, err.Error(), tt.want)
			}
		})
	}
}

func FuzzEmail(f *testing.F) {
	for _, seed := range []string{"a@b.lu", " Jeanne.Martin@Example.LU ", "mailto:x@y.com", "A <a@b.lu>", "a@@b", "a;b@c.d", "<>", "\"\" <@>"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, _, err := Email(raw)
		if err != nil {
			issueCode(t, err)
			if got != "" {
				t.Fatalf("Email(%q) = %q with error %v, want an empty address", raw, got, err)
			}
			return
		}

		if strings.Count(got, "@") != 1 || strings.ContainsAny(got, " <>;,") {
			t.Fatalf("Email(%q) = %q is not a single plain address", raw, got)
		}
		again, warnings, err := Email(got)
		if err != nil || again != got || len(warnings) > 0 {
			t.Fatalf("Email(%q) = %q, but Email of that = %q, %v, %v", raw, got, again, warnings, err)
		}
	})
}

func BenchmarkEmail(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Email(" Jeanne.Martin@Example.LU ")
	}
}
