package spreadsheet

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// sharedStringsMemoryLimit is the size in bytes above which the shared
// string table goes to temporary files instead of the heap. That happens
// when the sharedStrings part declares more uncompressed bytes than this,
// or when the decoded entries and their offsets grow past it while
// parsing, because a ZIP header can understate a part's size. It is a
// variable so that tests can put the tables of small workbooks in files.
var sharedStringsMemoryLimit int64 = 16 << 20

// sharedStrings is the workbook's shared string table. A small table is
// stored as one string with the end offset of each entry, so that a cell's
// value is a substring and costs no allocation. A large one is stored in
// temporary files (see sharedStringsFile), so that its size does not grow
// the heap. It is not safe for concurrent use.
type sharedStrings struct {
	path string // the workbook, for error messages

	data string
	ends []uint32

	file *sharedStringsFile // nil for a table in memory
}

// get returns entry i of the table. ok is false when the table has no
// entry i. err is an *XLSXError when the temporary file of a large table
// cannot be read, or when the table was closed.
func (t *sharedStrings) get(i int) (text string, ok bool, err error) {
	if t.file != nil {
		if i < 0 || i >= t.file.count {
			return "", false, nil
		}
		text, err := t.file.get(i)
		if err != nil {
			return "", false, newXLSXError(t.path, "", "temp_file_failed", err,
				"the shared string table could not be read back from its temporary file in %s (%v); check the disk of that folder, or set TMPDIR (TMP on Windows) to another folder, and try again",
				os.TempDir(), err)
		}
		return text, true, nil
	}

	if i < 0 || i >= len(t.ends) {
		return "", false, nil
	}
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.data[start:t.ends[i]], true, nil
}

// close removes the temporary files of a large table. A nil table or one
// in memory has nothing to release.
func (t *sharedStrings) close() error {
	if t == nil || t.file == nil {
		return nil
	}
	return t.file.close()
}

var errTooManyStrings = errors.New("too many shared strings")

// loadSharedStrings reads the shared string table. A workbook without one
// (all text inline) gives an empty table.
func (p *xlsxPackage) loadSharedStrings() (*sharedStrings, error) {
	if p.sharedStringsPart == "" {
		return &sharedStrings{path: p.path}, nil
	}
	rc, err := p.openPart(p.sharedStringsPart, maxSharedStringsPartSize)
	if errors.Is(err, errPartMissing) {
		return &sharedStrings{path: p.path}, nil
	}
	if err != nil {
		return nil, err
	}
	defer rc.Close()

	declaredSize := p.parts[normalizePartName(p.sharedStringsPart)].UncompressedSize64
	table, err := readSharedStrings(rc, declaredSize)
	var tempErr *tempFileError
	switch {
	case errors.Is(err, errTooManyStrings):
		return nil, newXLSXError(p.path, "", "xlsx_part_too_large", err,
			"the shared string table has more than %d entries; the file may be a zip bomb: open it in Excel and save it again", maxSharedStrings)
	case errors.As(err, &tempErr):
		return nil, newXLSXError(p.path, "", "temp_file_failed", err,
			"the shared string table could not be written to a temporary file in %s (%v); make sure the folder exists, is writable and has free space, or set TMPDIR (TMP on Windows) to another folder, and try again",
			os.TempDir(), tempErr.err)
	case err != nil:
		return nil, p.partError(p.sharedStringsPart, err)
	}
	table.path = p.path
	return table, nil
}

// readSharedStrings parses a shared string table: one <si> per entry,
// holding one <t> or rich-text runs <r><t>, whose texts are joined.
// Phonetic runs <rPh> are not part of the value. declaredSize is the
// part's uncompressed size from the ZIP headers: above
// sharedStringsMemoryLimit the entries go straight to a temporary file.
// On error no temporary file is left behind.
func readSharedStrings(r io.Reader, declaredSize uint64) (_ *sharedStrings, err error) {
	builder := &sharedStringsBuilder{limit: sharedStringsMemoryLimit}
	defer func() {
		if err != nil {
			builder.abort()
		}
	}()
	if err := builder.start(declaredSize); err != nil {
		return nil, err
	}

	scanner := newXMLScanner(r, maxCellSize)
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
			if builder.count() >= maxSharedStrings {
				return nil, errTooManyStrings
			}
			if bytes.Contains(entry, []byte("_x")) {
				entry = decodeOOXMLEscapes(entry)
			}
			if err := builder.add(entry); err != nil {
				return nil, err
			}
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
	return builder.finish()
}

// sharedStringsBuilder collects the entries of a table in memory and moves
// them to a temporary file once they pass sharedStringsMemoryLimit.
type sharedStringsBuilder struct {
	limit int64
	data  strings.Builder
	ends  []uint32
	file  *sharedStringsWriter // nil while the entries are in memory
}

// start prepares the builder for a part of declaredSize uncompressed
// bytes: a large part goes to a temporary file from its first entry.
func (b *sharedStringsBuilder) start(declaredSize uint64) error {
	if declaredSize > uint64(max(b.limit, 0)) {
		return b.moveToFile()
	}

	// The text is most of the part's bytes, so a buffer of half its size
	// spares the copies of a doubling buffer, which tripled the peak memory
	// of a million-row workbook.
	b.data.Grow(int(declaredSize / 2))
	return nil
}

func (b *sharedStringsBuilder) count() int {
	if b.file != nil {
		return b.file.count
	}
	return len(b.ends)
}

// add appends one decoded entry.
func (b *sharedStringsBuilder) add(entry []byte) error {
	if b.file != nil {
		return b.file.add(entry)
	}

	b.data.Write(entry)
	b.ends = append(b.ends, uint32(b.data.Len()))
	if int64(b.data.Len())+4*int64(len(b.ends)) > b.limit {
		return b.moveToFile()
	}
	return nil
}

// moveToFile creates the temporary files and writes the entries collected
// so far to them, then frees the memory they took.
func (b *sharedStringsBuilder) moveToFile() error {
	w, err := newSharedStringsWriter()
	if err != nil {
		return err
	}
	b.file = w

	data := b.data.String()
	start := uint32(0)
	for _, end := range b.ends {
		if err := w.addString(data[start:end]); err != nil {
			return err
		}
		start = end
	}
	b.data = strings.Builder{}
	b.ends = nil
	return nil
}

// finish returns the table built.
func (b *sharedStringsBuilder) finish() (*sharedStrings, error) {
	if b.file == nil {
		return &sharedStrings{data: b.data.String(), ends: b.ends}, nil
	}
	file, err := b.file.finish()
	if err != nil {
		return nil, err
	}
	return &sharedStrings{file: file}, nil
}

// abort removes the temporary files, if any, after a failed parse.
func (b *sharedStringsBuilder) abort() {
	if b.file != nil {
		b.file.abort()
	}
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
