package importer

import (
	"bufio"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aello-copilot/aello-import/spreadsheet"
)

// csvLineWriter writes the report's and the errors file's CSV lines. Its
// output is byte for byte what encoding/csv's Writer gives with UseCRLF
// set, after spreadsheet.EscapeFormula on every cell. It builds each line
// in one buffer, because the Writer's calls per field took more than half
// of the report's time in a profile.
type csvLineWriter struct {
	out   *bufio.Writer
	comma rune
	line  []byte
	// quoteBytes marks the bytes that make a field quoted. It is filled
	// only when asciiComma is set, for an ASCII delimiter.
	quoteBytes [256]bool
	asciiComma bool
	// commaWord is the delimiter in each byte of a word, for an ASCII
	// delimiter.
	commaWord uint64
}

// newCSVLineWriter returns a writer of lines separated by comma to out.
func newCSVLineWriter(out *bufio.Writer, comma rune) *csvLineWriter {
	w := &csvLineWriter{out: out, comma: comma, asciiComma: comma < utf8.RuneSelf}
	if w.asciiComma {
		for _, c := range []byte{'"', '\r', '\n', byte(comma)} {
			w.quoteBytes[c] = true
		}
		w.commaWord = wordOnes * uint64(comma)
	}
	return w
}

// write writes one line made of the cells of each part in turn.
func (w *csvLineWriter) write(parts ...[]string) error {
	line := w.line[:0]
	first := true
	for _, cells := range parts {
		for _, cell := range cells {
			if !first {
				line = utf8.AppendRune(line, w.comma)
			}
			first = false
			line = w.appendField(line, spreadsheet.EscapeFormula(cell))
		}
	}
	line = append(line, '\r', '\n')
	w.line = line
	_, err := w.out.Write(line)
	return err
}

// appendField appends field, quoted where encoding/csv quotes it.
func (w *csvLineWriter) appendField(dst []byte, field string) []byte {
	if !w.needsQuotes(field) {
		return append(dst, field...)
	}
	dst = append(dst, '"')
	for len(field) > 0 {
		i := strings.IndexAny(field, "\"\r\n")
		if i < 0 {
			i = len(field)
		}
		dst = append(dst, field[:i]...)
		field = field[i:]
		if len(field) > 0 {
			switch field[0] {
			case '"':
				dst = append(dst, '"', '"')
			case '\n':
				// A lone CR is dropped and LF becomes CRLF, as with UseCRLF.
				dst = append(dst, '\r', '\n')
			}
			field = field[1:]
		}
	}
	return append(dst, '"')
}

// needsQuotes returns csvFieldNeedsQuotes(field, w.comma), with one table
// lookup per byte for an ASCII delimiter.
func (w *csvLineWriter) needsQuotes(field string) bool {
	if !w.asciiComma {
		return csvFieldNeedsQuotes(field, w.comma)
	}
	if field == "" {
		return false
	}
	// Eight bytes at a time while no byte may need quotes, then one byte
	// at a time from the first word that may.
	i := 0
	for ; i+8 <= len(field); i += 8 {
		if w.wordMayNeedQuotes(loadWord(field, i)) {
			break
		}
	}
	for ; i < len(field); i++ {
		if w.quoteBytes[field[i]] {
			return true
		}
	}
	return field == `\.` || startsWithSpace(field)
}

// Masks of the word-at-a-time checks: 0x01 and 0x80 in every byte.
const (
	wordOnes  = 0x0101010101010101
	wordHighs = 0x8080808080808080
)

// wordMayNeedQuotes reports whether the 8 bytes of x may hold a byte that
// makes a field quoted: a quote, the ASCII delimiter, or a control
// character, which covers CR and LF and also gives false alarms on tabs.
// It is never false for a word that holds such a byte.
//
// Each term is the classic test for a zero byte, (v - 0x01…) &^ v & 0x80…,
// which is not zero exactly when some byte of v is zero (or, in the first
// term, below 0x20).
func (w *csvLineWriter) wordMayNeedQuotes(x uint64) bool {
	control := (x - 0x20*wordOnes) &^ x & wordHighs
	quote := x ^ ('"' * wordOnes)
	comma := x ^ w.commaWord
	return control|((quote-wordOnes)&^quote&wordHighs)|((comma-wordOnes)&^comma&wordHighs) != 0
}

// loadWord returns the 8 bytes of s from i as a little-endian word, which
// the Go compiler turns into one load on amd64.
func loadWord(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// csvFieldNeedsQuotes mirrors encoding/csv's rule: a field is quoted when
// it holds a quote, a line break or the delimiter, when it is `\.`, or when
// it starts with white space.
func csvFieldNeedsQuotes(field string, comma rune) bool {
	if field == "" {
		return false
	}
	if field == `\.` {
		return true
	}
	if comma < utf8.RuneSelf {
		for i := 0; i < len(field); i++ {
			c := field[i]
			if c == '\n' || c == '\r' || c == '"' || c == byte(comma) {
				return true
			}
		}
	} else if strings.ContainsRune(field, comma) || strings.ContainsAny(field, "\"\r\n") {
		return true
	}
	return startsWithSpace(field)
}

// startsWithSpace reports whether the first rune of field, which is not
// empty, is white space as unicode.IsSpace defines it.
func startsWithSpace(field string) bool {
	if field[0] < utf8.RuneSelf {
		c := field[0]
		return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
	}
	r, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r)
}
