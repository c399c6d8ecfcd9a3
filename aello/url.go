package aello

import (
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"github.com/aello-copilot/aello-import/i18n"
)

// URLError is a base URL that the client does not accept. Its message
// never contains the password of a URL that carries user info.
type URLError struct {
	// URL is the value as given, with any user info replaced by "xxxxx".
	URL string
	// Code is a stable identifier: "base_url_invalid", "base_url_not_https",
	// "base_url_user_info" or "base_url_query".
	Code string
	// Message describes the problem and its fix.
	Message i18n.Text
}

// Error renders the message in English.
func (e *URLError) Error() string {
	return e.Message.String()
}

// CheckBaseURL parses raw as the base URL of the API and returns it with
// any trailing slash removed from its path. The URL must be absolute and
// use https, except that plain http is allowed to loopback hosts
// (127.0.0.0/8, ::1 and "localhost") such as the local sandbox. It must
// not carry user info, a query or a fragment. Any other value gives a
// *URLError.
func CheckBaseURL(raw string) (*url.URL, error) {
	safeURL := redactUserInfo(raw)
	trimmed := strings.TrimSpace(raw)
	if trimmed == "" {
		return nil, &URLError{URL: safeURL, Code: "base_url_invalid",
			Message: i18n.T("the API base URL is empty: give an https URL such as %s", SandboxURL)}
	}

	u, err := url.Parse(trimmed)
	if err != nil || u.Scheme == "" || u.Host == "" || u.Opaque != "" {
		return nil, &URLError{URL: safeURL, Code: "base_url_invalid",
			Message: i18n.T("invalid API base URL %q: give an absolute https URL such as %s", safeURL, SandboxURL)}
	}

	if u.Hostname() == "" {
		return nil, &URLError{URL: safeURL, Code: "base_url_invalid",
			Message: i18n.T("invalid API base URL %q: the host name is missing", safeURL)}
	}
	if port := u.Port(); port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return nil, &URLError{URL: safeURL, Code: "base_url_invalid",
				Message: i18n.T("invalid API base URL %q: the port %s is not between 1 and 65535", safeURL, port)}
		}
	}

	if u.User != nil {
		return nil, &URLError{URL: safeURL, Code: "base_url_user_info",
			Message: i18n.T("the API base URL %q contains a user name or password: remove the part before \"@\", because the API key is sent in a header", safeURL)}
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return nil, &URLError{URL: safeURL, Code: "base_url_query",
			Message: i18n.T("the API base URL %q has a query (?) or a fragment (#): give the base URL alone, such as %s", safeURL, SandboxURL)}
	}

	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopbackHost(u.Hostname()) {
			return nil, &URLError{URL: safeURL, Code: "base_url_not_https",
				Message: i18n.T("the API base URL %q uses plain http to a host that is not this machine: use https, because plain http is allowed only to 127.0.0.1, ::1 or localhost", safeURL)}
		}
	default:
		return nil, &URLError{URL: safeURL, Code: "base_url_invalid",
			Message: i18n.T("the API base URL %q uses the scheme %q: use https", safeURL, u.Scheme)}
	}

	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// isLoopbackHost reports whether host, as returned by url.URL.Hostname, is
// "localhost" or a loopback IP address. Other names that resolve to a
// loopback address are not trusted, because resolving them here would not
// bind the later connection to that address.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || addr.Zone() != "" {
		return false
	}
	return addr.Unmap().IsLoopback()
}

// redactUserInfo replaces the user info of an absolute URL, which may hold a
// password, with "xxxxx" so that the value can be safeURL in a message.
func redactUserInfo(raw string) string {
	schemeEnd := strings.Index(raw, "://")
	if schemeEnd < 0 {
		return raw
	}
	authorityStart := schemeEnd + len("://")
	authority := raw[authorityStart:]
	if end := strings.IndexAny(authority, "/?#"); end >= 0 {
		authority = authority[:end]
	}
	at := strings.LastIndex(authority, "@")
	if at < 0 {
		return raw
	}
	return raw[:authorityStart] + "xxxxx" + raw[authorityStart+at:]
}
