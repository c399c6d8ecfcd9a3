package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/spreadsheet"
)

// checkLikeEncodingCSV fails when csvLineWriter and encoding/csv's Writer
// (UseCRLF, after EscapeFormula) write different bytes for cells.
func checkLikeEncodingCSV(t *testing.T, comma rune, cells []string) {
	t.Helper()
	var want bytes.Buffer
	reference := csv.NewWriter(&want)
	reference.Comma, reference.UseCRLF = comma, true
	escaped := make([]string, len(cells))
	for i, cell := range cells {
		escaped[i] = spreadsheet.EscapeFormula(cell)
	}
	if err := reference.Write(escaped); err != nil {
		t.Fatalf("encoding/csv: %v", err)
	}
	reference.Flush()

	var got bytes.Buffer
	out := bufio.NewWriter(&got)
	w := newCSVLineWriter(out, comma)
	if err := w.write(cells[:len(cells)/2], cells[len(cells)/2:]); err != nil {
		t.Fatal(err)
	}
	if err := out.Flush(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("cells %q with delimiter %q:\ngot  %q\nwant %q", cells, comma, got.Bytes(), want.Bytes())
	}
}

func TestCSVLineWriterMatchesEncodingCSV(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
	}{
		{"plain", []string{"12", "accepted", "", "", "", "", "Jean", "Dupont"}},
		{"delimiters", []string{"a;b", "a,b", "a\tb"}},
		{"quotes", []string{`say "hi"`, `"`, `""`}},
		{"line breaks", []string{"a\nb", "a\r\nb", "a\rb", "\n"}},
		{"leading spaces", []string{" a", "\ta", "\u00a0a", "\u2003a", "a "}},
		{"backslash dot", []string{`\.`, `\..`}},
		{"formulas", []string{"=1+1", "+352 621", "-3", "@x", "'=a", "''", "'"}},
		{"accents", []string{"Prénom", "Société; SARL", "€"}},
		{"one cell", []string{""}},
		{"long fields", []string{"Demande la finition Evolution en gris.", "Demande la finition \"Evolution\" en gris.",
			"0123456789abcdef;", "0123456789abcdefg\n", "01234567\r", "é0123456789\x7f€\x1f;"}},
	}
	for _, tt := range tests {
		for _, comma := range []rune{';', ',', '\t', '|', '§'} {
			t.Run(tt.name+"/"+string(comma), func(t *testing.T) {
				checkLikeEncodingCSV(t, comma, tt.cells)
			})
		}
	}
}

func FuzzCSVLineWriter(f *testing.F) {
	f.Add("a;b", "\"x\"\r\n", " y", ';')
	f.Add("=1", `\.`, "", '§')
	f.Fuzz(func(t *testing.T, a, b, c string, comma rune) {
		switch comma {
		case ';', ',', '\t', '|', '§':
		default:
			comma = ';'
		}
		checkLikeEncodingCSV(t, comma, []string{a, b, c})
	})
}

func TestNeedsQuotesEveryPosition(t *testing.T) {
	fillers := []string{"a", "é", "\x7f", "\xff", " ", "\t", "!", "#", ":", "<"}
	specials := []byte{'"', '\r', '\n', ';', ',', '|', '\t', 0, 0x1f, 0x21, 0x3a, 0x3c}
	for _, comma := range []rune{';', ',', '|', '\t'} {
		w := newCSVLineWriter(nil, comma)
		for _, filler := range fillers {
			for _, special := range specials {
				for length := 1; length <= 24; length++ {
					for at := range length {
						field := []byte(strings.Repeat(filler, length))[:length]
						field[at] = special
						got := w.needsQuotes(string(field))
						if want := csvFieldNeedsQuotes(string(field), comma); got != want {
							t.Fatalf("needsQuotes(%q) with delimiter %q = %v, want %v", field, comma, got, want)
						}
					}
				}
			}
		}
	}
}
