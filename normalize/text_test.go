package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", ""},
		{"clean value kept", "Jeanne Martin", "Jeanne Martin"},
		{"trimmed", "  Jeanne  ", "Jeanne"},
		{"tabs and line breaks folded", "Jeanne\t\r\nMartin", "Jeanne Martin"},
		{"no-break space after email", "jeanne.martin@example.lu\u00a0", "jeanne.martin@example.lu"},
		{"narrow no-break space grouping", "45\u202f000", "45 000"},
		{"figure space", "45\u2007000", "45 000"},
		{"ideographic and em spaces", "a\u3000b\u2003c", "a b c"},
		{"zero-width space before email", "\u200bpaul.schmit@example.com", "paul.schmit@example.com"},
		{"byte order mark removed", "\ufeffID", "ID"},
		{"zero-width joiners removed", "Jo\u200c\u200dhn\u2060", "John"},
		{"zero-width between spaces", "a \u200b b", "a b"},
		{"zero-width inside word joins it", "Sch\u200bmit", "Schmit"},
		{"only white space", " \u00a0\t\u200b ", ""},
		{"accents kept", "Hélène Lefèvre", "Hélène Lefèvre"},
		{"invalid UTF-8 replaced", "Pr\xe9nom", "Pr\ufffdnom"},
		{"next line character", "a\u0085b", "a b"},
		{"other controls kept", "a\x01b", "a\x01b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTextCleanValueNotCopied(t *testing.T) {
	clean := []string{"", "Jeanne Martin", "Garage Cœur d’Alsace", "jeanne.martin@example.lu"}
	for _, value := range clean {
		allocations := testing.AllocsPerRun(100, func() {
			if Text(value) != value {
				t.Fatalf("Text(%q) changed a clean value", value)
			}
		})
		if allocations != 0 {
			t.Errorf("Text(%q) allocated %v times, want 0", value, allocations)
		}
	}
}

func TestMessage(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", ""},
		{"single line", "Rappeler demain", "Rappeler demain"},
		{"LF kept", "Rappeler après 18h\nIntéressée par une reprise", "Rappeler après 18h\nIntéressée par une reprise"},
		{"CRLF to LF", "a\r\nb", "a\nb"},
		{"CR to LF", "a\rb\rc", "a\nb\nc"},
		{"lines cleaned", "  a\u00a0\u00a0b  \n\tc\u200b ", "a b\nc"},
		{"leading blank lines removed", "\n \n\u00a0\r\nfirst", "first"},
		{"trailing blank lines removed", "last\r\n\r\n  \n", "last"},
		{"inner blank line kept", "a\n \nb", "a\n\nb"},
		{"only blank lines", "\r\n \n\t\n", ""},
		{"tab inside line folded", "Budget\t15 000 €", "Budget 15 000 €"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Message(tt.in); got != tt.want {
				t.Errorf("Message(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzText(f *testing.F) {
	for _, seed := range []string{"", " a ", "a\u00a0\u200b b", "\xe2\u200b\x80\x8b", "a\r\n\r\nb", "\ufeff\t", "ab  cd", "a\x00b\x7f", "é é", "a b "} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var slow strings.Builder
		appendText(&slow, s)
		if clean := isCleanText(s); clean != (slow.String() == s) {
			t.Fatalf("isCleanText(%q) = %v, but the full cleaning gives %q", s, clean, slow.String())
		}
		got := Text(s)
		if again := Text(got); again != got {
			t.Fatalf("Text not idempotent: Text(%q) = %q, Text of that = %q", s, got, again)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("Text(%q) = %q is not valid UTF-8", s, got)
		}
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Fatalf("Text(%q) = %q has spaces at an end or twice in a row", s, got)
		}
		if strings.ContainsFunc(got, isZeroWidth) {
			t.Fatalf("Text(%q) = %q keeps a zero-width character", s, got)
		}
		if isCleanText(s) != (got == s) {
			t.Fatalf("isCleanText(%q) = %v, but Text returned %q", s, isCleanText(s), got)
		}

		message := Message(s)
		if again := Message(message); again != message {
			t.Fatalf("Message not idempotent: Message(%q) = %q, Message of that = %q", s, message, again)
		}
		if strings.ContainsRune(message, '\r') {
			t.Fatalf("Message(%q) = %q keeps a CR", s, message)
		}
	})
}

func BenchmarkText(b *testing.B) {
	inputs := map[string]string{
		"clean": "Garage Cœur d’Alsace Luxembourg",
		"dirty": "\u200b Garage\u00a0\u00a0Cœur  d’Alsace\tLuxembourg \r\n",
	}
	for name, input := range inputs {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Text(input)
			}
		})
	}
}
