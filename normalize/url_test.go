package normalize

import (
	"math/rand/v2"
	"net"
	"net/url"
	"strings"
	"testing"
	"unicode"

	"github.com/aello-copilot/aello-import/i18n"
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

// urlWithoutShortcut is URL as it was before isPlainWebURL: every value
// goes through the white space and Windows path checks, missingScheme,
// url.Parse and the host checks.
func urlWithoutShortcut(raw string) (string, error) {
	value := Text(raw)
	if value == "" {
		return "", newIssue(CodeURLEmpty, "the URL is empty: enter an address such as https://www.example.lu/page")
	}
	if strings.ContainsFunc(value, unicode.IsSpace) {
		return "", newIssue(CodeURLSpaces,
			"the URL %q contains a space: remove it, or write it as %%20 if it belongs to the address", value)
	}

	if (len(value) > 1 && value[1] == ':' || value[0] == '\\') && windowsPath.MatchString(value) {
		return "", newIssue(CodeURLScheme,
			"the URL %q is a file path on a computer, which the CRM cannot open: put the file on a website and give its https:// address", value)
	}

	if suggestion, ok := missingScheme(value); ok {
		return "", newIssue(CodeURLNotAbsolute,
			"the URL %q does not start with http:// or https://: write it in full, such as %s", value, suggestion)
	}

	parsed, err := url.Parse(value)
	if err != nil {
		return "", newIssue(CodeURLInvalid, "the URL %q is not a valid address: copy it again from the browser's address bar", value)
	}

	scheme := strings.ToLower(parsed.Scheme)
	switch {
	case scheme == "":
		return "", newIssue(CodeURLNotAbsolute,
			"the URL %q does not start with http:// or https://: write it in full, such as https://www.example.lu/page", value)
	case scheme != "http" && scheme != "https":
		return "", newIssue(CodeURLScheme,
			"the URL %q uses the scheme %q: only http:// and https:// links can be opened from the CRM, so give the web address of the page", value, parsed.Scheme+":")
	}

	host := parsed.Hostname()
	switch {
	case host == "":
		return "", newIssue(CodeURLInvalid, "the URL %q has no host after the scheme: write it in full, such as https://www.example.lu/page", value)
	case !strings.Contains(host, ".") && !strings.EqualFold(host, "localhost") && net.ParseIP(host) == nil:
		return "", newIssue(CodeURLInvalid,
			"the URL %q has the host %q, which has no dot: write the full domain, such as %s.com or %s.lu", value, host, host, host)
	}
	return value, nil
}

// compareWithoutShortcut fails the test when URL and urlWithoutShortcut
// differ on raw, in the value, the error code or the message.
func compareWithoutShortcut(t *testing.T, raw string) {
	t.Helper()
	got, gotErr := URL(raw)
	want, wantErr := urlWithoutShortcut(raw)
	if got != want {
		t.Fatalf("URL(%q) = %q, want %q", raw, got, want)
	}
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("URL(%q) error = %v, want %v", raw, gotErr, wantErr)
	}
	if gotErr == nil {
		return
	}
	gotIssue, wantIssue := gotErr.(*Issue), wantErr.(*Issue)
	if gotIssue.Code != wantIssue.Code || gotIssue.Message.In(i18n.English) != wantIssue.Message.In(i18n.English) {
		t.Fatalf("URL(%q) error = %s %q, want %s %q", raw, gotIssue.Code, gotIssue.Message.In(i18n.English), wantIssue.Code, wantIssue.Message.In(i18n.English))
	}
}

// TestURLMatchesWithoutShortcut compares URL with urlWithoutShortcut on
// every combination of a set of schemes, hosts, ports and tails, and on
// random edits of the links that dealership exports hold.
func TestURLMatchesWithoutShortcut(t *testing.T) {
	schemes := []string{"https://", "http://", "HTTPS://", "Http://", "ftp://", "https:/", "https:", "https//", "//", "", "httpſ://", " https://", "\u00a0http://"}
	hosts := []string{
		"www.example-dealer.lu", "img.example-dealer.lu", "example.lu", "EXAMPLE.LU", "localhost", "LocalHost", "example",
		"127.0.0.1", "[::1]", "[::1", "[127.0.0.1]", "a:b.lu", "user@example.lu", "user:pw@example.lu", ".", "-.-", "a..b",
		"exämple.lu", "xn--exmple-cua.lu", "exa mple.lu", "exa%41mple.lu", "example.lu.", "_sip.example.lu", "",
	}
	ports := []string{"", ":", ":8080", ":80a", "::80", ":-1"}
	tails := []string{
		"", "/", "/vehicules/18505215", "/18505215.jpg", "?b=c", "#d", "/a?b=c#d", "/a%20b", "/a%2", "/a%zz", "/%",
		"?%zz", "#%zz", "#a#b", "/a b", "/a\tb", "/é", "/a\u007f", "/a@b.lu", "/a:b", "//x", "?", "?a?b", "/a\\b", "/a|b{}^`",
	}

	count := 0
	for _, scheme := range schemes {
		for _, host := range hosts {
			for _, port := range ports {
				for _, tail := range tails {
					compareWithoutShortcut(t, scheme+host+port+tail)
					count++
				}
			}
		}
	}

	random := rand.New(rand.NewPCG(29, 31))
	alphabet := []string{"/", ":", ".", "%", "%2", "%41", "?", "#", "@", "[", "]", " ", "\t", "\\", "é", "\u00a0", "\x00", "\x7f", "a", "Z", "0", "-", "_", "~"}
	bases := []string{
		"https://www.example-dealer.lu/vehicules/18505215", "https://img.example-dealer.lu/18505215.jpg",
		"www.example-dealer.lu/vehicules/18505215", "http://localhost:8080/photo.jpg", "http://[::1]/photo.jpg",
	}
	for range 30000 {
		value := []byte(bases[random.IntN(len(bases))])
		for range 1 + random.IntN(3) {
			at := random.IntN(len(value) + 1)
			edit := alphabet[random.IntN(len(alphabet))]
			switch random.IntN(3) {
			case 0:
				value = append(value[:at], append([]byte(edit), value[at:]...)...)
			case 1:
				if at < len(value) {
					value = append(value[:at], value[at+1:]...)
				}
			case 2:
				if at < len(value) {
					value = append(value[:at], append([]byte(edit), value[at+1:]...)...)
				}
			}
		}
		compareWithoutShortcut(t, string(value))
		count++
	}

	shortcut := 0
	for _, base := range bases[:2] {
		if isPlainWebURL(base) {
			shortcut++
		}
	}
	if shortcut != 2 {
		t.Errorf("isPlainWebURL accepted %d of the 2 plain links, want both", shortcut)
	}
	t.Logf("compared %d values", count)
}

// FuzzURLMatchesWithoutShortcut compares URL with urlWithoutShortcut on
// fuzzed values.
func FuzzURLMatchesWithoutShortcut(f *testing.F) {
	for _, seed := range []string{
		"https://www.example-dealer.lu/vehicules/18505215", "http://example.lu/a?b=c#d", "http://localhost:8080/photo.jpg",
		"https://example.lu/%zz", "www.example.lu", "ftp://example.lu/a", `C:\photos\car.jpg`, "https://a:b:c.lu/", "",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		compareWithoutShortcut(t, raw)
	})
}
