package aello

import (
	"errors"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/i18n"
)

func TestCheckBaseURL(t *testing.T) {
	tests := []struct {
		name     string
		raw      string
		want     string // the returned URL, when no error is expected
		wantCode string // the URLError code, when an error is expected
	}{
		{name: "sandbox https", raw: SandboxURL, want: SandboxURL},
		{name: "production https", raw: ProductionURL, want: ProductionURL},
		{name: "trailing slash removed", raw: "https://api.example.com/", want: "https://api.example.com"},
		{name: "path kept", raw: "https://api.example.com/v1/", want: "https://api.example.com/v1"},
		{name: "upper-case scheme", raw: "HTTPS://api.example.com", want: "https://api.example.com"},
		{name: "surrounding spaces", raw: "  https://api.example.com \n", want: "https://api.example.com"},
		{name: "http to 127.0.0.1", raw: "http://127.0.0.1:8089", want: "http://127.0.0.1:8089"},
		{name: "http to 127.8.9.10", raw: "http://127.8.9.10:80/", want: "http://127.8.9.10:80"},
		{name: "http to ::1", raw: "http://[::1]:8089", want: "http://[::1]:8089"},
		{name: "http to localhost", raw: "http://localhost:8089", want: "http://localhost:8089"},
		{name: "http to LOCALHOST", raw: "http://LOCALHOST:8089", want: "http://LOCALHOST:8089"},
		{name: "http to mapped loopback", raw: "http://[::ffff:127.0.0.1]:8089", want: "http://[::ffff:127.0.0.1]:8089"},

		{name: "empty", raw: "", wantCode: "base_url_invalid"},
		{name: "blank", raw: "   ", wantCode: "base_url_invalid"},
		{name: "relative", raw: "/leads", wantCode: "base_url_invalid"},
		{name: "no scheme", raw: "api.example.com", wantCode: "base_url_invalid"},
		{name: "opaque", raw: "https:api.example.com", wantCode: "base_url_invalid"},
		{name: "no host", raw: "https://", wantCode: "base_url_invalid"},
		{name: "port only", raw: "http://:8089", wantCode: "base_url_invalid"},
		{name: "port out of range", raw: "http://127.0.0.1:99999", wantCode: "base_url_invalid"},
		{name: "port zero", raw: "http://127.0.0.1:0", wantCode: "base_url_invalid"},
		{name: "space in host", raw: "https://api example.com", wantCode: "base_url_invalid"},
		{name: "ftp scheme", raw: "ftp://api.example.com", wantCode: "base_url_invalid"},
		{name: "http to public name", raw: "http://api.example.com", wantCode: "base_url_not_https"},
		{name: "http to public address", raw: "http://192.0.2.10", wantCode: "base_url_not_https"},
		{name: "http to private address", raw: "http://10.1.2.3:8089", wantCode: "base_url_not_https"},
		{name: "http to unspecified address", raw: "http://0.0.0.0:8089", wantCode: "base_url_not_https"},
		{name: "http to localhost subdomain", raw: "http://api.localhost", wantCode: "base_url_not_https"},
		{name: "http to name ending localhost", raw: "http://localhost.example.com", wantCode: "base_url_not_https"},
		{name: "user info", raw: "https://user:secret@api.example.com", wantCode: "base_url_user_info"},
		{name: "user info on loopback", raw: "http://user@127.0.0.1:8089", wantCode: "base_url_user_info"},
		{name: "query", raw: "https://api.example.com?key=1", wantCode: "base_url_query"},
		{name: "empty query", raw: "https://api.example.com?", wantCode: "base_url_query"},
		{name: "fragment", raw: "https://api.example.com#leads", wantCode: "base_url_query"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckBaseURL(tt.raw)
			if tt.wantCode == "" {
				if err != nil {
					t.Fatalf("CheckBaseURL(%q) error = %v, want none", tt.raw, err)
				}
				if got.String() != tt.want {
					t.Errorf("CheckBaseURL(%q) = %q, want %q", tt.raw, got, tt.want)
				}
				return
			}

			var urlErr *URLError
			if !errors.As(err, &urlErr) {
				t.Fatalf("CheckBaseURL(%q) error = %v (%T), want a *URLError", tt.raw, err, err)
			}
			if urlErr.Code != tt.wantCode {
				t.Errorf("CheckBaseURL(%q) code = %q, want %q (message: %s)", tt.raw, urlErr.Code, tt.wantCode, err)
			}
			if !i18n.HasFrench(urlErr.Message.Key) {
				t.Errorf("message %q has no French translation", urlErr.Message.Key)
			}
		})
	}
}

func TestCheckBaseURLNotHTTPSMessage(t *testing.T) {
	_, err := CheckBaseURL("http://api.example.com")
	if err == nil {
		t.Fatal("CheckBaseURL accepted plain http to a remote host")
	}
	for _, want := range []string{"http://api.example.com", "use https"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}

func TestCheckBaseURLHidesPassword(t *testing.T) {
	tests := []struct {
		name string
		raw  string
	}{
		{name: "valid url", raw: "https://user:hunter2secret@api.example.com/v1"},
		{name: "unparsable url", raw: "https://user:hunter2secret@api example.com"},
		{name: "at sign in password", raw: "https://user:hunter2secret@x@api.example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := CheckBaseURL(tt.raw)
			if err == nil {
				t.Fatalf("CheckBaseURL(%q) accepted a URL with a password", tt.raw)
			}
			if strings.Contains(err.Error(), "hunter2secret") {
				t.Errorf("error %q shows the password", err)
			}
			var urlErr *URLError
			if errors.As(err, &urlErr) && strings.Contains(urlErr.URL, "hunter2secret") {
				t.Errorf("URLError.URL %q shows the password", urlErr.URL)
			}
		})
	}
}

func TestRedactUserInfo(t *testing.T) {
	tests := []struct {
		raw  string
		want string
	}{
		{raw: "https://api.example.com/a@b", want: "https://api.example.com/a@b"},
		{raw: "https://u:p@api.example.com/x", want: "https://xxxxx@api.example.com/x"},
		{raw: "https://u:p@api.example.com?q=a@b", want: "https://xxxxx@api.example.com?q=a@b"},
		{raw: "mailto:a@b.example", want: "mailto:a@b.example"},
		{raw: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			if got := redactUserInfo(tt.raw); got != tt.want {
				t.Errorf("redactUserInfo(%q) = %q, want %q", tt.raw, got, tt.want)
			}
		})
	}
}
