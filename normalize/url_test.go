package normalize

import (
	"strings"
	"testing"
)

func TestURL(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
		err  string
	}{
		{"https", "https://www.example.lu/voitures/vo-20001", "https://www.example.lu/voitures/vo-20001", ""},
		{"http with query", "http://example.lu/a?b=c#d", "http://example.lu/a?b=c#d", ""},
		{"trimmed", " \u00a0https://example.lu/a\u200b ", "https://example.lu/a", ""},
		{"upper-case scheme", "HTTPS://EXAMPLE.LU/A", "HTTPS://EXAMPLE.LU/A", ""},
		{"localhost with port", "http://localhost:8080/photo.jpg", "http://localhost:8080/photo.jpg", ""},
		{"IPv6 loopback", "http://[::1]/photo.jpg", "http://[::1]/photo.jpg", ""},
		{"encoded space", "https://example.lu/a%20b", "https://example.lu/a%20b", ""},

		{"empty", "", "", CodeURLEmpty},
		{"space inside", "https://example.lu/a b", "", CodeURLSpaces},
		{"www without scheme", "www.example.lu/voitures", "", CodeURLNotAbsolute},
		{"domain without scheme", "example.lu", "", CodeURLNotAbsolute},
		{"scheme-relative", "//example.lu/a", "", CodeURLNotAbsolute},
		{"host and port without scheme", "localhost:8080/a", "", CodeURLNotAbsolute},
		{"colon missing", "http//www.example.lu", "", CodeURLNotAbsolute},
		{"relative path", "photos/car.jpg", "", CodeURLNotAbsolute},
		{"ftp", "ftp://example.lu/a", "", CodeURLScheme},
		{"mailto", "mailto:jeanne@example.lu", "", CodeURLScheme},
		{"javascript", "javascript:alert(1)", "", CodeURLScheme},
		{"Windows path", `C:\photos\car.jpg`, "", CodeURLScheme},
		{"network share", `\\server\photos\car.jpg`, "", CodeURLScheme},
		{"host without dot", "https://example/a", "", CodeURLInvalid},
		{"no host", "https:///a", "", CodeURLInvalid},
		{"bad escape", "https://example.lu/%zz", "", CodeURLInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := URL(tt.in)
			if code := issueCode(t, err); code != tt.err {
				t.Fatalf("URL(%q) error = %v, want code %q", tt.in, err, tt.err)
			}
			if got != tt.want {
				t.Errorf("URL(%q) = %q, want %q", tt.in, got, tt.want)
			}
			checkIssues(t, nil, err, Text(tt.in))
		})
	}
}

func TestURLSuggestsHTTPS(t *testing.T) {
	_, err := URL("www.example.lu/voitures")
	if err == nil {
		t.Fatal("URL without scheme returned no error")
	}
	want := "https://www.example.lu/voitures"
	if got := err.Error(); !strings.Contains(got, want) {
		t.Errorf("error %q does not suggest %q", got, want)
	}
}
