package mapping

import (
	"fmt"
	"sync"
	"testing"
)

func TestFoldMemoMatchesFoldKey(t *testing.T) {
	values := []string{"", "annulé", "Annulé", "ANNULE", "  Annulé\u00a0", "En cours", "Straße", "nouveau"}
	for i := range foldMemoSize + 10 {
		values = append(values, fmt.Sprintf("Statut é %d", i))
	}

	memo := &foldMemo{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, v := range values {
				if got, want := memo.key(v), foldKey(v); got != want {
					t.Errorf("key(%q) = %q, want %q", v, got, want)
				}
			}
		}()
	}
	wg.Wait()

	if len(memo.keys) > foldMemoSize {
		t.Errorf("memo has %d entries, want at most %d", len(memo.keys), foldMemoSize)
	}
}
