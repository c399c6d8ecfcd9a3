package journal

import "testing"

func TestNormalizeTarget(t *testing.T) {
	same := [][]string{
		{"http://127.0.0.1:8089", "http://localhost:8089", "http://[::1]:8089/", "HTTP://LOCALHOST:8089", "http://127.0.0.2:8089"},
		{"https://api.customers.aello-copilot.com", "https://API.customers.aello-copilot.com/", "https://api.customers.aello-copilot.com:443"},
	}
	for _, group := range same {
		want := normalizeTarget(group[0])
		for _, address := range group[1:] {
			if got := normalizeTarget(address); got != want {
				t.Errorf("normalizeTarget(%q) = %q, want %q as for %q", address, got, want, group[0])
			}
		}
	}

	different := []string{
		"http://127.0.0.1:8089",
		"http://127.0.0.1:8090",
		"https://api.customers.aello-copilot.com",
		"https://api.customers.sandbox.aello-copilot.com",
	}
	seen := map[string]string{}
	for _, address := range different {
		target := normalizeTarget(address)
		if other, ok := seen[target]; ok {
			t.Errorf("normalizeTarget(%q) = normalizeTarget(%q) = %q, want different targets", address, other, target)
		}
		seen[target] = address
	}
}
