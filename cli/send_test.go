package cli

import "testing"

func TestJournalTarget(t *testing.T) {
	same := [][]string{
		{"http://127.0.0.1:8089", "http://localhost:8089", "http://[::1]:8089/", "HTTP://LOCALHOST:8089", "http://127.0.0.2:8089"},
		{"https://api.customers.aello-copilot.com", "https://API.customers.aello-copilot.com/", "https://api.customers.aello-copilot.com:443"},
	}
	for _, group := range same {
		want := journalTarget(group[0])
		for _, address := range group[1:] {
			if got := journalTarget(address); got != want {
				t.Errorf("journalTarget(%q) = %q, want %q as for %q", address, got, want, group[0])
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
		target := journalTarget(address)
		if other, ok := seen[target]; ok {
			t.Errorf("journalTarget(%q) = journalTarget(%q) = %q, want different targets", address, other, target)
		}
		seen[target] = address
	}
}
