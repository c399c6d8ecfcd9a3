package spreadsheet

import (
	"bytes"
	"golang.org/x/text/transform"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
)

// TestCSVChooseEncoding covers detection from the first bytes of a file.
func TestCSVChooseEncoding(t *testing.T) {
	tests := []struct {
		name   string
		prefix string
		atEOF  bool
		want   textEncoding
		bomLen int
		ascii  bool
	}{
		{name: "UTF-8 BOM", prefix: "\xEF\xBB\xBFa;b", want: encUTF8, bomLen: 3},
		{name: "UTF-16LE BOM", prefix: "\xFF\xFEa\x00", want: encUTF16LE, bomLen: 2},
		{name: "UTF-16BE BOM", prefix: "\xFE\xFF\x00a", want: encUTF16BE, bomLen: 2},
		{name: "UTF-8 accents", prefix: "Prénom;Nom", want: encUTF8},
		{name: "UTF-8 cut at window end", prefix: "Pr\xC3", want: encUTF8},
		{name: "UTF-8 cut at end of file", prefix: "Pr\xC3", atEOF: true, want: encWindows1252},
		{name: "ASCII whole file", prefix: "a;b\n1;2\n", atEOF: true, want: encUTF8},
		{name: "ASCII prefix", prefix: "a;b\n1;2\n", want: encUTF8, ascii: true},
		{name: "windows-1252 euro", prefix: "Pr\xE9nom;15 \x80", want: encWindows1252},
		{name: "windows-1252 apostrophe", prefix: "l\x92essai", want: encWindows1252},
		{name: "windows-1252 by default", prefix: "Pr\xE9nom;No\xEBl", want: encWindows1252},
		{name: "windows-1252 fraction", prefix: "Pr\xE9nom;1\xBD", want: encWindows1252},
		{name: "windows-1252 wins over 8859-15 signs", prefix: "\xA4 c\xBDur \x80", want: encWindows1252},
		{name: "iso-8859-15 euro", prefix: "Pr\xE9nom;15 \xA4", want: encISO885915},
		{name: "iso-8859-15 oe", prefix: "Garage C\xBDur", want: encISO885915},
		{name: "iso-8859-15 S caron", prefix: "\xA6koda", want: encISO885915},
		{name: "undefined 1252 byte alone", prefix: "a\x81b", want: encWindows1252},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := chooseEncoding([]byte(tt.prefix), "", tt.atEOF)
			if err != nil {
				t.Fatalf("chooseEncoding: %v", err)
			}
			if got.encoding != tt.want {
				t.Errorf("encoding = %q, want %q", got.encoding, tt.want)
			}
			if got.bomLen != tt.bomLen {
				t.Errorf("bomLen = %d, want %d", got.bomLen, tt.bomLen)
			}
			if got.asciiOnly != tt.ascii {
				t.Errorf("asciiOnly = %v, want %v", got.asciiOnly, tt.ascii)
			}
		})
	}
}

// TestCSVEncodingNames checks the names Options.Encoding accepts.
func TestCSVEncodingNames(t *testing.T) {
	tests := []struct {
		name   string
		prefix string
		want   textEncoding
	}{
		{"utf-8", "a", encUTF8},
		{" UTF8 ", "a", encUTF8},
		{"windows-1252", "a", encWindows1252},
		{"CP1252", "a", encWindows1252},
		{"latin1", "a", encWindows1252},
		{"ISO-8859-1", "a", encWindows1252},
		{"iso-8859-15", "a", encISO885915},
		{"latin9", "a", encISO885915},
		{"utf-16le", "a\x00", encUTF16LE},
		{"utf-16be", "\x00a", encUTF16BE},
		{"utf-16", "a\x00", encUTF16LE},
		{"utf-16", "\xFE\xFF\x00a", encUTF16BE},
		{"UTF-16", "\xFF\xFEa\x00", encUTF16LE},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.prefix, func(t *testing.T) {
			forced, err := parseEncodingName(tt.name)
			if err != nil {
				t.Fatalf("parseEncodingName(%q): %v", tt.name, err)
			}
			got, err := chooseEncoding([]byte(tt.prefix), forced, true)
			if err != nil {
				t.Fatalf("chooseEncoding: %v", err)
			}
			if got.encoding != tt.want {
				t.Errorf("encoding = %q, want %q", got.encoding, tt.want)
			}
		})
	}
}

// csvLongASCII returns a header and ASCII rows that fill more than the
// detection window, and the number of the row after them.
func csvLongASCII() (string, int) {
	var b strings.Builder
	b.WriteString("Nom;Ville\n")
	row := 1
	for b.Len() <= encodingDetectBytes {
		b.WriteString("Martin;Luxembourg\n")
		row++
	}
	return b.String(), row + 1
}

// TestCSVLateInvalidUTF8 checks a byte that is not UTF-8 after a detection
// window that had UTF-8 accents: the row gets an error naming the byte
// offset, the value shows U+FFFD, and the next rows are read.
func TestCSVLateInvalidUTF8(t *testing.T) {
	head, next := csvLongASCII()
	head = "Prénom;Ville\n" + head[len("Nom;Ville\n"):]
	bad := "Andr\xE9;Esch\n"
	input := head + bad + "Zoé;Diekirch\n"

	table, rows := csvReadBytes(t, []byte(input), Options{})
	if got := table.Encoding(); got != "utf-8" {
		t.Errorf("Encoding() = %q, want utf-8", got)
	}
	row := rows[len(rows)-2]
	if row.Number != next {
		t.Fatalf("bad row number = %d, want %d", row.Number, next)
	}
	d := csvDiag(t, row, "invalid_encoding")
	if d.Severity != diag.Error || d.Column != 0 || d.Header != "Prénom" {
		t.Errorf("diagnostic = %v column %d header %q, want an error on column 0 (Prénom)", d.Severity, d.Column, d.Header)
	}
	offset := len(head) + len("Andr")
	if msg := d.Error(); !strings.Contains(msg, "0xE9") || !strings.Contains(msg, csvOffset(offset)) {
		t.Errorf("message %q does not name byte 0xE9 at offset %d", msg, offset)
	}
	if got, want := row.Cells[0], "Andr\uFFFD"; got != want || d.Value != want {
		t.Errorf("cell = %q, value = %q, want %q", got, d.Value, want)
	}
	if !diag.HasError(row.Diagnostics) {
		t.Error("the row has no error, so it would be sent")
	}

	last := rows[len(rows)-1]
	if last.Number != next+1 || last.Cells[0] != "Zoé" || len(last.Diagnostics) != 0 {
		t.Errorf("last row = %d %q %q, want %d [Zoé Diekirch] without diagnostics", last.Number, last.Cells, csvCodes(last.Diagnostics), next+1)
	}
}

// TestCSVLateWindows1252 checks that a file whose first 64 KiB are ASCII
// switches to Windows-1252 at its first byte that is not UTF-8.
func TestCSVLateWindows1252(t *testing.T) {
	head, next := csvLongASCII()
	input := head + "Andr\xE9;C\x9Cur d\x92Alsace\n" + "Zo\xE9;Esch\n"
	offset := len(input) + len("Bad;x")
	input += "Bad;x\x81\n"

	table, rows := csvReadBytes(t, []byte(input), Options{})
	if got := table.Encoding(); got != "windows-1252" {
		t.Errorf("Encoding() = %q, want windows-1252", got)
	}
	csvCheckRows(t, rows[len(rows)-3:], []csvWantRow{
		{number: next, cells: []string{"André", "Cœur d’Alsace"}},
		{number: next + 1, cells: []string{"Zoé", "Esch"}},
		{number: next + 2, cells: []string{"Bad", "x\uFFFD"}, codes: []string{"invalid_encoding"}},
	})
	csvCheckClean(t, rows[:len(rows)-1])

	d := rows[len(rows)-1].Diagnostics[0]
	if msg := d.Error(); !strings.Contains(msg, csvOffset(offset)+" ") || !strings.Contains(msg, "windows-1252") {
		t.Errorf("message %q does not name offset %d in windows-1252", msg, offset)
	}
}

// TestCSVLateUTF8 checks that a file whose first 64 KiB are ASCII stays
// UTF-8 when its first other byte starts a UTF-8 sequence.
func TestCSVLateUTF8(t *testing.T) {
	head, next := csvLongASCII()
	input := head + "André;Cœur\n"

	table, rows := csvReadBytes(t, []byte(input), Options{})
	if got := table.Encoding(); got != "utf-8" {
		t.Errorf("Encoding() = %q, want utf-8", got)
	}
	csvCheckRows(t, rows[len(rows)-1:], []csvWantRow{{number: next, cells: []string{"André", "Cœur"}}})
}

// TestCSVEncodingAnomalies checks the diagnostics of bytes that are not
// valid in the encoding in use and of control characters, with the file
// offset each one names.
func TestCSVEncodingAnomalies(t *testing.T) {
	tests := []struct {
		name   string
		input  []byte
		opts   Options
		code   string
		column int
		cell   string
		want   []string
	}{
		{
			name:  "UTF-8 forced on windows-1252",
			input: []byte("a;b\n1;Caf\xE9\n"), opts: Options{Encoding: "utf-8"},
			code: "invalid_encoding", column: 1, cell: "Caf\uFFFD",
			want: []string{"0xE9", csvOffset(9), "utf-8"},
		},
		{
			name:  "undefined windows-1252 byte",
			input: []byte("a;b\n\x80;x\x81y\n"),
			code:  "invalid_encoding", column: 1, cell: "x\uFFFDy",
			want: []string{"0x81", csvOffset(7), "windows-1252"},
		},
		{
			name:  "C1 byte in iso-8859-15",
			input: []byte("a;b\n\xA4;l\x92essai\n"), opts: Options{Encoding: "iso-8859-15"},
			code: "invalid_encoding", column: 1, cell: "l\uFFFDessai",
			want: []string{"0x92", csvOffset(7), "iso-8859-15"},
		},
		{
			name:  "C1 control in UTF-8",
			input: []byte("a;b\né;x\u0085y\n"),
			code:  "control_character", column: 1, cell: "x\u0085y",
			want: []string{"U+0085", csvOffset(8)},
		},
		{
			name:  "NUL after the detection window",
			input: []byte(strings.Repeat("a;b\n", encodingDetectBytes/4+1) + "x\x00;y\n"),
			code:  "control_character", column: 0, cell: "x\x00",
			want: []string{"U+0000", csvOffset(4*(encodingDetectBytes/4+1) + 1)},
		},
		{
			name:  "lone surrogate in UTF-16LE",
			input: csvUTF16LE("a;b\n€;x", []uint16{0xD800}, "y\n"),
			code:  "invalid_encoding", column: 1, cell: "x\uFFFDy",
			want: []string{"UTF-16", csvOffset(2 + 2*len(utf16.Encode([]rune("a;b\n€;x"))))},
		},
		{
			name:  "C1 control in UTF-16LE after emoji",
			input: csvUTF16LE("a;b\n🚗;x", []uint16{0x0085}, "\n"),
			code:  "control_character", column: 1, cell: "x\u0085",
			want: []string{"U+0085", csvOffset(2 + 2*len(utf16.Encode([]rune("a;b\n🚗;x"))))},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rows := csvReadBytes(t, tt.input, tt.opts)
			row := rows[len(rows)-1]
			d := csvDiag(t, row, tt.code)
			if d.Severity != diag.Error {
				t.Errorf("severity = %v, want error", d.Severity)
			}
			if d.Column != tt.column {
				t.Errorf("column = %d, want %d", d.Column, tt.column)
			}
			if got := row.Cells[tt.column]; got != tt.cell {
				t.Errorf("cell = %q, want %q", got, tt.cell)
			}
			msg := d.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not contain %q", msg, w)
				}
			}
		})
	}
}

// TestCSVOffsetAfterBufferRefills checks byte offsets far into a
// Windows-1252 file, after the scanner has dropped earlier text, where a
// wrong count of multi-byte characters would show.
func TestCSVOffsetAfterBufferRefills(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("a;b\n")
	for b.Len() < 5*csvBufferSize {
		b.WriteString("\x80\xE9\x92;\xE0\xE8\n")
	}
	offset := b.Len() + 3
	b.WriteString("x;y\x81\n")

	_, rows := csvReadBytes(t, b.Bytes(), Options{})
	d := csvDiag(t, rows[len(rows)-1], "invalid_encoding")
	if msg := d.Error(); !strings.Contains(msg, csvOffset(offset)+" ") {
		t.Errorf("message %q does not name offset %d", msg, offset)
	}
}

// csvUTF16LE encodes before, the raw code units, and after as UTF-16LE
// with a byte order mark.
func csvUTF16LE(before string, units []uint16, after string) []byte {
	all := utf16.Encode([]rune(before))
	all = append(all, units...)
	all = append(all, utf16.Encode([]rune(after))...)
	out := []byte{0xFF, 0xFE}
	for _, u := range all {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// csvOffset returns "offset N" as English messages write it.
func csvOffset(n int) string {
	return i18n.English.Sprintf("offset %d", n)
}

// TestCSVControlAndInvalidInOneCell checks that a cell with a control
// character and an invalid byte gets a diagnostic for each, so the U+FFFD
// that replaces the byte is reported.
func TestCSVControlAndInvalidInOneCell(t *testing.T) {
	_, rows := csvReadBytes(t, []byte("a;b\né;x\u008b\x80\n"), Options{Encoding: "utf-8"})
	if len(rows) != 1 {
		t.Fatalf("got %d rows, want 1", len(rows))
	}
	row := rows[0]
	if got, want := csvCodes(row.Diagnostics), []string{"control_character", "invalid_encoding"}; !slices.Equal(got, want) {
		t.Errorf("codes = %q, want %q", got, want)
	}
	if got, want := row.Cells[1], "x\u008b\uFFFD"; got != want {
		t.Errorf("cell = %q, want %q", got, want)
	}
}

func TestRuneCountMatchesUTF8(t *testing.T) {
	for _, text := range []string{"", "abc", "Prénom;Société", "a\xffb", "\xe2\x82", "€€€", "\xc3", "🚗x\x80",
		"abcdefgh", "abcdefghi", "abcdefgh€", "€abcdefghijklmnop", "0123456789abcdef\x81", "Prénom;Nom;E-mail;Téléphone;Société"} {
		if got, want := runeCount([]byte(text)), utf8.RuneCount([]byte(text)); got != want {
			t.Errorf("runeCount(%q) = %d, want %d", text, got, want)
		}
	}
}

// TestSingleByteDecoderSmallBuffers decodes through output buffers of
// every size from 3 bytes (the longest character, €) to 8, which cut ASCII runs and multi-byte
// characters, and compares with one call on a large buffer.
func TestSingleByteDecoderSmallBuffers(t *testing.T) {
	src := []byte("Pr\xE9nom;Soci\xE9t\xE9 ABC;15 \x80;abcdefghij\x92k")
	full := make([]byte, 4*len(src))
	n, consumed, err := newSingleByteDecoder(encWindows1252).Transform(full, src, true)
	if err != nil || consumed != len(src) {
		t.Fatalf("Transform on a large buffer = %d, %d, %v", n, consumed, err)
	}
	want := string(full[:n])

	for size := 3; size <= 8; size++ {
		var got []byte
		rest := src
		decoder := newSingleByteDecoder(encWindows1252)
		for steps := 0; len(rest) > 0; steps++ {
			if steps > 10*len(src) {
				t.Fatalf("buffer of %d bytes: no progress after %d calls", size, steps)
			}
			dst := make([]byte, size)
			nDst, nSrc, err := decoder.Transform(dst, rest, true)
			if err != nil && err != transform.ErrShortDst {
				t.Fatalf("buffer of %d bytes: %v", size, err)
			}
			got = append(got, dst[:nDst]...)
			rest = rest[nSrc:]
		}
		if string(got) != want {
			t.Errorf("buffer of %d bytes: got %q, want %q", size, got, want)
		}
	}
}
