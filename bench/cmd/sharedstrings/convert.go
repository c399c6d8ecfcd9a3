package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Parts of the package that the conversion adds or edits.
const (
	sharedStringsPart = "xl/sharedStrings.xml"
	contentTypesPart  = "[Content_Types].xml"
	workbookRelsPart  = "xl/_rels/workbook.xml.rels"

	sharedStringsContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
	sharedStringsRelType     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
	// sharedStringsRelID is the relationship id of the new part; the ids
	// excelize gives are rId1, rId2 and so on, so this one cannot clash.
	sharedStringsRelID = "rIdSharedStrings"
)

// conversionStats counts the text cells rewritten and the entries of the
// table.
type conversionStats struct {
	cells  int
	unique int
}

// stringTable is a shared string table under construction. Entries are
// the inner markup of an <is> element (one <t>, or rich-text runs), which
// is also the content of an <si> element.
type stringTable struct {
	index   map[string]int
	entries []string
	cells   int
}

func newStringTable() *stringTable {
	return &stringTable{index: map[string]int{}}
}

// add returns the index of entry, adding it when it is new.
func (t *stringTable) add(entry []byte) int {
	t.cells++
	if i, ok := t.index[string(entry)]; ok {
		return i
	}
	i := len(t.entries)
	s := string(entry)
	t.index[s] = i
	t.entries = append(t.entries, s)
	return i
}

// writeTo writes the table as a SpreadsheetML sst part.
func (t *stringTable) writeTo(w io.Writer) error {
	buffered := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(buffered, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`,
		t.cells, len(t.entries))
	for _, entry := range t.entries {
		buffered.WriteString("<si>")
		buffered.WriteString(entry)
		buffered.WriteString("</si>")
	}
	buffered.WriteString("</sst>")
	return buffered.Flush()
}

// convertFile writes to out the workbook in with its inline strings moved
// to a shared string table. out is written through a temporary file and
// renamed, so a failure leaves no partial workbook behind.
func convertFile(in, out string) (conversionStats, error) {
	reader, err := zip.OpenReader(in)
	if err != nil {
		return conversionStats{}, err
	}
	defer reader.Close()

	temp, err := os.CreateTemp(filepath.Dir(out), filepath.Base(out)+".*.tmp")
	if err != nil {
		return conversionStats{}, err
	}
	defer os.Remove(temp.Name())

	stats, err := convert(&reader.Reader, temp)
	if closeErr := temp.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return stats, fmt.Errorf("convert %s: %w", in, err)
	}
	return stats, os.Rename(temp.Name(), out)
}

// convert writes the converted package of source to w.
func convert(source *zip.Reader, w io.Writer) (conversionStats, error) {
	for _, file := range source.File {
		if file.Name == sharedStringsPart {
			return conversionStats{}, errors.New("the workbook already has a shared string table")
		}
	}

	archive := zip.NewWriter(w)
	table := newStringTable()
	for _, file := range source.File {
		if err := copyPart(archive, file, table); err != nil {
			return conversionStats{}, fmt.Errorf("%s: %w", file.Name, err)
		}
	}

	part, err := archive.Create(sharedStringsPart)
	if err != nil {
		return conversionStats{}, err
	}
	if err := table.writeTo(part); err != nil {
		return conversionStats{}, err
	}
	if err := archive.Close(); err != nil {
		return conversionStats{}, err
	}
	return conversionStats{cells: table.cells, unique: len(table.entries)}, nil
}

// copyPart copies one part of the package, rewriting worksheets and
// registering the shared string part in the content types and the
// workbook's relationships.
func copyPart(archive *zip.Writer, file *zip.File, table *stringTable) error {
	source, err := file.Open()
	if err != nil {
		return err
	}
	defer source.Close()

	target, err := archive.CreateHeader(&zip.FileHeader{Name: file.Name, Method: zip.Deflate})
	if err != nil {
		return err
	}

	switch {
	case isWorksheet(file.Name):
		return rewriteSheet(source, target, table)
	case file.Name == contentTypesPart:
		return insertBefore(source, target, "</Types>",
			`<Override PartName="/`+sharedStringsPart+`" ContentType="`+sharedStringsContentType+`"/>`)
	case file.Name == workbookRelsPart:
		return insertBefore(source, target, "</Relationships>",
			`<Relationship Id="`+sharedStringsRelID+`" Type="`+sharedStringsRelType+`" Target="sharedStrings.xml"/>`)
	}
	_, err = io.Copy(target, source)
	return err
}

func isWorksheet(name string) bool {
	return strings.HasPrefix(name, "xl/worksheets/") && !strings.Contains(strings.TrimPrefix(name, "xl/worksheets/"), "/") &&
		strings.HasSuffix(name, ".xml")
}

// insertBefore copies a small part, inserting element before its closing
// tag.
func insertBefore(source io.Reader, target io.Writer, closing, element string) error {
	data, err := io.ReadAll(source)
	if err != nil {
		return err
	}
	at := bytes.LastIndex(data, []byte(closing))
	if at < 0 {
		return fmt.Errorf("closing tag %s not found", closing)
	}
	if _, err := target.Write(data[:at]); err != nil {
		return err
	}
	if _, err := io.WriteString(target, element); err != nil {
		return err
	}
	_, err = target.Write(data[at:])
	return err
}

// Markup of an inline-string cell as excelize writes it:
// <c r="A2" s="2" t="inlineStr"><is><t>text</t></is></c>.
var (
	inlineType   = []byte(` t="inlineStr"`)
	sharedType   = []byte(` t="s"`)
	inlineOpen   = []byte("<is>")
	inlineClose  = []byte("</is>")
	cellClose    = []byte("</c>")
	valueOpen    = []byte("<v>")
	valueClose   = []byte("</v>")
	cellTagStart = []byte("<c ")
)

// rewriteSheet copies a worksheet part, replacing each inline-string cell
// by a reference to its entry in table. It reads the part as a sequence of
// pieces that each end with '>': a tag, or text followed by a closing tag.
func rewriteSheet(source io.Reader, target io.Writer, table *stringTable) error {
	in := bufio.NewReaderSize(source, 1<<16)
	out := bufio.NewWriterSize(target, 1<<16)
	var cellTag, entry []byte
	var number [20]byte

	// state is where the scanner is in an inline-string cell.
	const (
		outside = iota
		afterCellTag
		inString
		afterString
	)
	state := outside

	for {
		piece, err := readPiece(in)
		if err == io.EOF && len(piece) == 0 {
			break
		}
		if err != nil && err != io.EOF {
			return err
		}

		switch state {
		case outside:
			if bytes.HasPrefix(piece, cellTagStart) && bytes.Contains(piece, inlineType) {
				cellTag = append(cellTag[:0], piece...)
				state = afterCellTag
				continue
			}
			out.Write(piece)
		case afterCellTag:
			if !bytes.Equal(piece, inlineOpen) {
				return fmt.Errorf("inline-string cell %s is not followed by <is>", cellTag)
			}
			entry = entry[:0]
			state = inString
		case inString:
			if bytes.Equal(piece, inlineClose) {
				state = afterString
				continue
			}
			entry = append(entry, piece...)
		case afterString:
			if !bytes.Equal(piece, cellClose) {
				return fmt.Errorf("inline-string cell %s does not end after </is>", cellTag)
			}
			out.Write(bytes.Replace(cellTag, inlineType, sharedType, 1))
			out.Write(valueOpen)
			out.Write(strconv.AppendInt(number[:0], int64(table.add(entry)), 10))
			out.Write(valueClose)
			out.Write(cellClose)
			state = outside
		}
		if err == io.EOF {
			break
		}
	}
	if state != outside {
		return errors.New("the worksheet ends inside an inline-string cell")
	}
	return out.Flush()
}

// readPiece returns the bytes up to and including the next '>', or the
// rest of the input at its end. The slice is valid until the next read.
func readPiece(in *bufio.Reader) ([]byte, error) {
	piece, err := in.ReadSlice('>')
	if err != bufio.ErrBufferFull {
		return piece, err
	}
	long := append([]byte(nil), piece...)
	for err == bufio.ErrBufferFull {
		piece, err = in.ReadSlice('>')
		long = append(long, piece...)
	}
	return long, err
}
