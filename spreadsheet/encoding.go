package spreadsheet

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
)

// textEncoding is a CSV encoding the reader decodes. Its value is the
// canonical name that Table.Encoding returns.
type textEncoding string

// Encodings the CSV reader supports.
const (
	encUTF8        textEncoding = "utf-8"
	encUTF16LE     textEncoding = "utf-16le"
	encUTF16BE     textEncoding = "utf-16be"
	encWindows1252 textEncoding = "windows-1252"
	encISO885915   textEncoding = "iso-8859-15"

	// encUTF16 is the name "utf-16": the byte order mark, if any, chooses
	// between little- and big-endian.
	encUTF16 textEncoding = "utf-16"
)

// encodingDetectBytes is the size of the file prefix that encoding and
// delimiter detection look at. The rest of the file is streamed.
const encodingDetectBytes = 64 << 10

// encodingAliases maps the accepted values of Options.Encoding, lower-cased,
// to an encoding. "latin1" and "iso-8859-1" mean windows-1252, as in the
// WHATWG Encoding Standard, because files labelled Latin-1 are in practice
// written by Windows. "utf-16" without a byte order mark means
// little-endian, the byte order of Excel's "Unicode Text".
var encodingAliases = map[string]textEncoding{
	"utf-8":        encUTF8,
	"utf8":         encUTF8,
	"utf-8-bom":    encUTF8,
	"utf-16":       encUTF16,
	"utf16":        encUTF16,
	"utf-16le":     encUTF16LE,
	"utf16le":      encUTF16LE,
	"utf-16be":     encUTF16BE,
	"utf16be":      encUTF16BE,
	"windows-1252": encWindows1252,
	"cp1252":       encWindows1252,
	"win1252":      encWindows1252,
	"latin1":       encWindows1252,
	"latin-1":      encWindows1252,
	"iso-8859-1":   encWindows1252,
	"iso8859-1":    encWindows1252,
	"iso-8859-15":  encISO885915,
	"iso8859-15":   encISO885915,
	"latin9":       encISO885915,
	"latin-9":      encISO885915,
}

// encodingNameList is the list of accepted names shown when a name is
// unknown.
const encodingNameList = "utf-8, utf-16, utf-16le, utf-16be, windows-1252 (cp1252, latin1), iso-8859-15 (latin9)"

// encodingChoice is the encoding chosen for a file, with the length of the
// byte order mark to skip.
type encodingChoice struct {
	encoding textEncoding
	bomLen   int
	// asciiOnly is set when UTF-8 was chosen only because the prefix is
	// plain ASCII, so a later byte may still show windows-1252.
	asciiOnly bool
}

// parseEncodingName resolves an Options.Encoding value. The empty name
// returns "" and no error, meaning "detect".
func parseEncodingName(name string) (textEncoding, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	if key == "" {
		return "", nil
	}
	if enc, ok := encodingAliases[key]; ok {
		return enc, nil
	}
	return "", csvFileError("unknown_encoding",
		i18n.T("unknown encoding %q: use one of %s", name, encodingNameList))
}

// detectBOM returns the encoding announced by a byte order mark at the
// start of prefix and the mark's length, or "" and 0.
func detectBOM(prefix []byte) (textEncoding, int) {
	switch {
	case bytes.HasPrefix(prefix, []byte{0xEF, 0xBB, 0xBF}):
		return encUTF8, 3
	case bytes.HasPrefix(prefix, []byte{0xFF, 0xFE}):
		return encUTF16LE, 2
	case bytes.HasPrefix(prefix, []byte{0xFE, 0xFF}):
		return encUTF16BE, 2
	}
	return "", 0
}

// chooseEncoding picks the encoding of a file from its first bytes. forced
// is the encoding set by the user, or "" to detect. atEOF is true when
// prefix is the whole file. A file with NUL bytes and no UTF-16 byte order
// mark is rejected as not being text.
func chooseEncoding(prefix []byte, forced textEncoding, atEOF bool) (encodingChoice, error) {
	bom, bomLen := detectBOM(prefix)

	if forced == encUTF16 {
		forced = encUTF16LE
		if bom == encUTF16BE {
			forced = encUTF16BE
		}
	}

	// A byte order mark names its encoding beyond doubt, so it wins over
	// the setting. A mapping written for a Windows-1252 export then still
	// reads the errors file made from it, which is UTF-8 with a BOM.
	if bom != "" {
		return encodingChoice{encoding: bom, bomLen: bomLen}, nil
	}
	if forced != "" {
		if forced != encUTF16LE && forced != encUTF16BE {
			if err := checkNoNUL(prefix); err != nil {
				return encodingChoice{}, err
			}
		}
		return encodingChoice{encoding: forced, bomLen: bomLen}, nil
	}

	if err := checkNoNUL(prefix); err != nil {
		return encodingChoice{}, err
	}

	ascii, valid := scanUTF8Prefix(prefix, atEOF)
	switch {
	case ascii:
		return encodingChoice{encoding: encUTF8, asciiOnly: !atEOF}, nil
	case valid:
		return encodingChoice{encoding: encUTF8}, nil
	}
	return encodingChoice{encoding: detectSingleByte(prefix)}, nil
}

// scanUTF8Prefix reports whether prefix is plain ASCII, and whether it is
// valid UTF-8. A multi-byte sequence cut by the end of the prefix counts as
// valid unless atEOF.
func scanUTF8Prefix(prefix []byte, atEOF bool) (ascii, valid bool) {
	ascii = true
	for i := 0; i < len(prefix); {
		if prefix[i] < utf8.RuneSelf {
			i++
			continue
		}
		ascii = false
		r, size := utf8.DecodeRune(prefix[i:])
		if r == utf8.RuneError && size <= 1 {
			if !atEOF && !utf8.FullRune(prefix[i:]) {
				return false, true
			}
			return false, false
		}
		i += size
	}
	return ascii, true
}

// detectSingleByte distinguishes Windows-1252 from ISO-8859-15 by the
// bytes they map differently. Bytes 0x80-0x9F are printable in Windows-1252 and C1
// control characters in ISO-8859-15, so any of them that Windows-1252
// defines settles it. Otherwise a euro sign (0xA4 in ISO-8859-15, "¤" in
// Windows-1252) or Š, š, Œ, œ, Ÿ next to a letter points to ISO-8859-15.
// Without either, it returns Windows-1252, which Excel writes.
func detectSingleByte(prefix []byte) textEncoding {
	evidence885915 := false
	for i, b := range prefix {
		switch {
		case b >= 0x80 && b <= 0x9F:
			if windows1252Defines(b) {
				return encWindows1252
			}
		case b == 0xA4:
			evidence885915 = true
		case b == 0xA6 || b == 0xA8 || b == 0xBC || b == 0xBD || b == 0xBE:
			if nextToLatinLetter(prefix, i) {
				evidence885915 = true
			}
		}
	}
	if evidence885915 {
		return encISO885915
	}
	return encWindows1252
}

// windows1252Defines reports whether Windows-1252 maps byte b (0x80-0x9F)
// to a character. Five bytes of that range are undefined.
func windows1252Defines(b byte) bool {
	switch b {
	case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
		return false
	}
	return true
}

// nextToLatinLetter reports whether the byte at i has an ASCII letter or
// a Latin-1 letter (0xC0-0xFF but × and ÷) just before or after it.
func nextToLatinLetter(text []byte, i int) bool {
	isLetter := func(b byte) bool {
		return (b|0x20 >= 'a' && b|0x20 <= 'z') || (b >= 0xC0 && b != 0xD7 && b != 0xF7)
	}
	return (i > 0 && isLetter(text[i-1])) || (i+1 < len(text) && isLetter(text[i+1]))
}

// checkNoNUL rejects a prefix that contains a NUL byte, which text in an
// 8-bit encoding never does. When the NUL bytes sit at every other position,
// as in UTF-16 text without a byte order mark, the error names the
// encoding to set.
func checkNoNUL(prefix []byte) error {
	first := bytes.IndexByte(prefix, 0)
	if first < 0 {
		return nil
	}

	if guess := guessUTF16(prefix); guess != "" {
		return csvFileError("not_csv",
			i18n.T("the file contains NUL bytes (first at byte offset %d) and no byte order mark: it looks like %s text, so set the encoding to %s",
				first, string(guess), string(guess)))
	}
	return csvFileError("not_csv",
		i18n.T("the file is not a CSV file: it contains NUL bytes (first at byte offset %d). Export the data as CSV and try again", first))
}

// guessUTF16 returns the byte order of UTF-16 text without a byte order
// mark, judged by where its NUL bytes are, or "" when prefix does not look
// like UTF-16.
func guessUTF16(prefix []byte) textEncoding {
	pairs := len(prefix) / 2
	if pairs == 0 {
		return ""
	}

	var evenNUL, oddNUL int
	for i := 0; i+1 < len(prefix); i += 2 {
		if prefix[i] == 0 {
			evenNUL++
		}
		if prefix[i+1] == 0 {
			oddNUL++
		}
	}

	// ASCII text in UTF-16 has a NUL in every code unit, so a mostly-ASCII
	// CSV shows NUL bytes on one side in well over half of the pairs.
	switch {
	case oddNUL*2 > pairs && evenNUL*10 < pairs:
		return encUTF16LE
	case evenNUL*2 > pairs && oddNUL*10 < pairs:
		return encUTF16BE
	}
	return ""
}

// csvFileError returns a fatal error about the whole file.
func csvFileError(code string, message i18n.Text) *diag.Diagnostic {
	return &diag.Diagnostic{Severity: diag.Error, Code: code, Column: -1, Message: message}
}
