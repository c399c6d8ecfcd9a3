package spreadsheet

import (
	"bytes"
	"strings"
	"testing"
)

func TestRowArenaCopyText(t *testing.T) {
	var a rowArena
	source := []byte("Majerus;Luc")
	got := a.copyText(source)
	copy(source, "XXXXXXXXXXX")
	if got != "Majerus;Luc" {
		t.Errorf("copyText = %q after the source changed, want %q", got, "Majerus;Luc")
	}

	// Strings handed out earlier keep their text while the arena fills
	// blocks and starts new ones.
	var texts []string
	var wants []string
	for i := range 5000 {
		want := strings.Repeat(string(rune('a'+i%26)), 1+i%300)
		texts = append(texts, a.copyText([]byte(want)))
		wants = append(wants, want)
	}
	large := bytes.Repeat([]byte("é"), arenaTextBytes)
	texts = append(texts, a.copyText(large))
	wants = append(wants, string(large))
	for i := range texts {
		if texts[i] != wants[i] {
			t.Fatalf("text %d = %.20q (%d bytes), want %.20q (%d bytes)", i, texts[i], len(texts[i]), wants[i], len(wants[i]))
		}
	}
	if empty := a.copyText(nil); empty != "" {
		t.Errorf("copyText(nil) = %q, want empty", empty)
	}
}

func TestRowArenaCellSlice(t *testing.T) {
	var a rowArena
	first := a.cellSlice(3)
	second := a.cellSlice(3)
	if len(first) != 3 || cap(first) != 3 {
		t.Fatalf("cellSlice(3): len %d, cap %d, want 3 and 3", len(first), cap(first))
	}
	second[0] = "next row"
	first = append(first, "extra")
	if second[0] != "next row" {
		t.Errorf("appending to one row changed the next: %q", second[0])
	}
	if wide := a.cellSlice(arenaCells); len(wide) != arenaCells {
		t.Errorf("cellSlice(%d) has length %d", arenaCells, len(wide))
	}
}
