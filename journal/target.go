package journal

import (
	"net"
	"net/url"
	"strings"
)

// normalizeTarget returns the name under which the journal files runs to
// baseURL. Spellings of one address give one name (case, default port,
// trailing slash), and every loopback host is one target. Otherwise a
// sandbox reached as localhost and then as 127.0.0.1 would be taken for
// another API, and rows could be sent twice.
func normalizeTarget(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil {
		return baseURL
	}
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if port == "" && scheme == "https" {
		port = "443"
	}
	if port == "" && scheme == "http" {
		port = "80"
	}
	if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
		host = "loopback"
	}
	return scheme + "://" + net.JoinHostPort(host, port) + strings.TrimRight(u.EscapedPath(), "/")
}
