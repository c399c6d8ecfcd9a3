package spreadsheet

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// sharedStrings is the workbook's shared string table, stored as one
// string with the end offset of each entry, so that a cell's value is a
// substring and costs no allocation.
type sharedStrings struct {
	data string
	ends []uint32
}

// get returns entry i of the table.
func (t *sharedStrings) get(i int) (string, bool) {
	if i < 0 || i >= len(t.ends) {
		return "", false
	}
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.data[start:t.ends[i]], true
}

var errTooManyStrings = errors.New("too many shared strings")

// loadSharedStrings reads the shared string table. A workbook without one
// (all text inline) gives an empty table.
func (p *xlsxPackage) loadSharedStrings() (*sharedStrings, error) {
	if p.sharedStringsPart == "" {
		return &sharedStrings{}, nil
	}
	rc, err := p.openPart(p.sharedStringsPart, maxSharedStringsPartSize)
	if errors.Is(err, errPartMissing) {
		return &sharedStrings{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer rc.Close()

	// The text is most of the part's bytes, so a buffer of half its size
	// spares the copies of a doubling buffer, which tripled the peak memory
	// of a million-row workbook.
	sizeHint := int(p.parts[normalizePartName(p.sharedStringsPart)].UncompressedSize64 / 2)
	table, err := readSharedStrings(rc, sizeHint)
	if errors.Is(err, errTooManyStrings) {
		return nil, newXLSXError(p.path, "", "xlsx_part_too_large", err,
			"the shared string table has more than %d entries; the file may be a zip bomb: open it in Excel and save it again", maxSharedStrings)
	}
	if err != nil {
		return nil, p.partError(p.sharedStringsPart, err)
	}
	return table, nil
}

// readSharedStrings parses a shared string table: one <si> per entry,
// holding one <t> or rich-text runs <r><t>, whose texts are joined.
// sizeHint is the expected length of all texts together, or 0.
// Phonetic runs <rPh> are not part of the value.
func readSharedStrings(r io.Reader, sizeHint int) (*sharedStrings, error) {
	scanner := newXMLScanner(r, maxCellSize)
	var data strings.Builder
	data.Grow(sizeHint)
	var ends []uint32
	var entry []byte
	inEntry := false

	for {
		tag, err := scanner.nextTag()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}

		switch string(tag.name) {
		case "si":
			switch tag.kind {
			case xmlStart:
				inEntry, entry = true, entry[:0]
				continue
			case xmlEnd:
				inEntry = false
			}
			if len(ends) >= maxSharedStrings {
				return nil, errTooManyStrings
			}
			if bytes.Contains(entry, []byte("_x")) {
				entry = decodeOOXMLEscapes(entry)
			}
			data.Write(entry)
			ends = append(ends, uint32(data.Len()))
			entry = entry[:0]
		case "t":
			if !inEntry || tag.kind != xmlStart {
				continue
			}
			text, err := scanner.readText(maxCellSize - len(entry))
			if err != nil {
				return nil, err
			}
			entry = append(entry, text...)
		case "rPh":
			if tag.kind == xmlStart {
				if err := scanner.skipElement(); err != nil {
					return nil, err
				}
			}
		}
	}
	return &sharedStrings{data: data.String(), ends: ends}, nil
}

// decodeOOXMLEscapes decodes the _xHHHH_ escapes that OOXML uses for
// characters XML cannot hold, such as control characters. Excel escapes a
// literal "_x" sequence as _x005F_, so the escapes are decoded in one pass
// from left to right. Escaped UTF-16 surrogate pairs are joined. The text
// is decoded in place.
func decodeOOXMLEscapes(text []byte) []byte {
	out := text[:0]
	for i := 0; i < len(text); {
		unit, ok := ooxmlEscapeAt(text, i)
		if !ok {
			out = append(out, text[i])
			i++
			continue
		}
		i += 7

		r := rune(unit)
		if utf16.IsSurrogate(r) {
			low, ok := ooxmlEscapeAt(text, i)
			if pair := utf16.DecodeRune(r, rune(low)); ok && pair != utf8.RuneError {
				r = pair
				i += 7
			} else {
				r = utf8.RuneError
			}
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

// ooxmlEscapeAt returns the UTF-16 unit of an _xHHHH_ escape at text[i].
// Writing into text before i is safe because the output never grows
// longer than the escapes it replaces.
func ooxmlEscapeAt(text []byte, i int) (uint16, bool) {
	if i+7 > len(text) || text[i] != '_' || text[i+1] != 'x' || text[i+6] != '_' {
		return 0, false
	}
	var unit uint16
	for _, c := range text[i+2 : i+6] {
		switch {
		case c >= '0' && c <= '9':
			unit = unit<<4 | uint16(c-'0')
		case c >= 'a' && c <= 'f':
			unit = unit<<4 | uint16(c-'a'+10)
		case c >= 'A' && c <= 'F':
			unit = unit<<4 | uint16(c-'A'+10)
		default:
			return 0, false
		}
	}
	return unit, true
}
