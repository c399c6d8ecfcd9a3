package spreadsheet

import "testing"

func TestEscapeFormula(t *testing.T) {
	tests := []struct {
		name  string
		value string
		want  string
	}{
		{"plain text", "Jeanne", "Jeanne"},
		{"empty", "", ""},
		{"formula", "=1+1", "'=1+1"},
		{"plus phone", "+352 621 000 111", "'+352 621 000 111"},
		{"negative price", "-500", "'-500"},
		{"at sign", "@SUM(A1)", "'@SUM(A1)"},
		{"leading tab", "\tx", "'\tx"},
		{"leading carriage return", "\rx", "'\rx"},
		{"apostrophe before trigger", "'=x", "''=x"},
		{"apostrophe alone", "'", "'"},
		{"apostrophe before text", "'abc", "'abc"},
		{"trigger inside", "a=b", "a=b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := EscapeFormula(tt.value)
			if got != tt.want {
				t.Errorf("EscapeFormula(%q) = %q, want %q", tt.value, got, tt.want)
			}
			if back := UnescapeFormula(got); back != tt.value {
				t.Errorf("UnescapeFormula(%q) = %q, want %q", got, back, tt.value)
			}
		})
	}
}

func FuzzEscapeFormula(f *testing.F) {
	for _, seed := range []string{"", "=x", "'=x", "''+1", "abc", "'", "-"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, value string) {
		escaped := EscapeFormula(value)
		if escaped != "" && escaped[0] != '\'' && len(escaped) > 0 {
			for _, trigger := range formulaTriggers {
				if rune(escaped[0]) == trigger {
					t.Fatalf("EscapeFormula(%q) = %q starts with a formula trigger", value, escaped)
				}
			}
		}
		if back := UnescapeFormula(escaped); back != value {
			t.Fatalf("round trip of %q gave %q", value, back)
		}
	})
}
