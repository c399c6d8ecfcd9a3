package normalize

import (
	"net"
	"net/url"
	"regexp"
	"strings"
	"unicode"
)

var (
	// windowsPath matches "C:\photos\car.jpg", "C:/photos" and
	// "\\server\share".
	windowsPath = regexp.MustCompile(`^(?:[A-Za-z]:[\\/]|\\\\)`)

	// hostPort matches a host and port without a scheme, as in
	// "localhost:8080/page".
	hostPort = regexp.MustCompile(`^[A-Za-z0-9.-]+:\d+(?:[/?#]|$)`)
)

// URL checks that raw is an absolute http or https URL and returns it
// trimmed by Text but otherwise unchanged. The host must contain a dot, be
// "localhost" or be an IP address.
//
// Errors, returned as *Issue:
//   - CodeURLEmpty for an empty value.
//   - CodeURLSpaces when the URL contains white space.
//   - CodeURLNotAbsolute when the scheme is missing. The message suggests
//     the https:// form.
//   - CodeURLScheme for another scheme, such as ftp: or file:, and for a
//     Windows file path.
//   - CodeURLInvalid when the URL cannot be parsed, or its host is
//     missing or has no dot.
func URL(raw string) (string, error) {
	value := Text(raw)
	if value == "" {
		return "", newIssue(CodeURLEmpty, "the URL is empty: enter an address such as https://www.example.lu/page")
	}
	// Most links have a form that a byte scan proves valid, which saves
	// url.Parse and the slower checks below.
	if isPlainWebURL(value) {
		return value, nil
	}
	if strings.ContainsFunc(value, unicode.IsSpace) {
		return "", newIssue(CodeURLSpaces,
			"the URL %q contains a space: remove it, or write it as %%20 if it belongs to the address", value)
	}

	// A drive letter's colon or a leading backslash must be there before
	// the regular expression can match, and it costs more than the check.
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

// missingScheme reports whether value is a URL written without its
// scheme, such as "www.example.lu/page" or "//example.lu/page", and returns
// the https:// form to suggest.
func missingScheme(value string) (string, bool) {
	if rest, ok := strings.CutPrefix(value, "//"); ok {
		return "https://" + rest, true
	}

	colon := strings.IndexByte(value, ':')
	slash := strings.IndexByte(value, '/')
	dot := strings.IndexByte(value, '.')
	hasScheme := colon > 0 && (slash < 0 || colon < slash) && (dot < 0 || colon < dot) &&
		!hostPort.MatchString(value)
	if hasScheme {
		return "", false
	}

	host := value
	if end := strings.IndexAny(host, "/?#"); end >= 0 {
		host = host[:end]
	}
	if strings.Contains(host, ".") || strings.HasPrefix(strings.ToLower(host), "localhost") {
		return "https://" + value, true
	}
	return "", false
}

// isPlainWebURL reports whether value has a form that URL accepts as it
// is: "http://" or "https://" in any case, a host name of ASCII letters,
// digits, dots and hyphens with at least one dot, an optional ":" and
// port of digits, then nothing or a path, query or fragment. That last
// part holds printable ASCII other than the space, and each "%" in it
// starts a valid escape.
//
// Such a value passes each check of URL: it has no white space, no drive
// letter and a scheme, url.Parse of Go 1.26 accepts its host, port and
// escapes, and its host has a dot. The differential test in url_test.go
// compares URL with the version that had no such shortcut.
func isPlainWebURL(value string) bool {
	rest, ok := cutPrefixFold(value, "https://")
	if !ok {
		if rest, ok = cutPrefixFold(value, "http://"); !ok {
			return false
		}
	}

	i, dot := 0, false
	for i < len(rest) && isHostNameByte(rest[i]) {
		dot = dot || rest[i] == '.'
		i++
	}
	if i == 0 || !dot {
		return false
	}
	if i < len(rest) && rest[i] == ':' {
		i++
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
	}
	if i < len(rest) && rest[i] != '/' && rest[i] != '?' && rest[i] != '#' {
		return false
	}

	for ; i < len(rest); i++ {
		switch c := rest[i]; {
		case c == '%':
			if i+2 >= len(rest) || !isHexDigit(rest[i+1]) || !isHexDigit(rest[i+2]) {
				return false
			}
			i += 2
		case c <= ' ' || c >= 0x7F:
			return false
		}
	}
	return true
}

func isHostNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
