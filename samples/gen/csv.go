package main

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"github.com/aello-copilot/aello-import/i18n"
)

// writeCSV writes the header and rows data rows as French Excel saves
// "CSV (séparateur : point-virgule)". The file is Windows-1252 without BOM,
// with ";" between fields and CRLF after each record. A line break inside a
// cell is a bare LF, and only fields that contain ";", a quote or a line
// break are quoted. Encoding/csv would also quote fields that start with a
// space, which Excel does not.
func writeCSV(w io.Writer, g *generator, rows int) error {
	out := bufio.NewWriterSize(w, 64<<10)
	record := make([]byte, 0, 1024)

	cells := header
	for index := -1; index < rows; index++ {
		if index >= 0 {
			r, err := g.row(index)
			if err != nil {
				return err
			}
			r.cells[colPrice] = r.price.text()
			cells = r.cells[:]
		}

		var err error
		record, err = appendRecord(record[:0], cells, index+2)
		if err != nil {
			return err
		}
		if _, err := out.Write(record); err != nil {
			return err
		}
	}
	return out.Flush()
}

// appendRecord appends one CSV record, encoded in Windows-1252, to dst.
// line is the record's Excel row number, for the error message.
func appendRecord(dst []byte, cells []string, line int) ([]byte, error) {
	for i, cell := range cells {
		if i > 0 {
			dst = append(dst, ';')
		}

		quoted := strings.ContainsAny(cell, ";\"\r\n")
		if quoted {
			dst = append(dst, '"')
		}
		for _, r := range cell {
			b, ok := charmap.Windows1252.EncodeRune(r)
			if !ok {
				return dst, &messageError{text: i18n.T(
					"value %q of column %s on row %s has the character %q, which Windows-1252 cannot encode: use a character that exists in Windows-1252",
					cell, header[i], strconv.Itoa(line), r)}
			}
			if b == '"' {
				dst = append(dst, '"')
			}
			dst = append(dst, b)
		}
		if quoted {
			dst = append(dst, '"')
		}
	}
	return append(dst, '\r', '\n'), nil
}
