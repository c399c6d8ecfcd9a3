package spreadsheet

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// zipMagic starts every XLSX file, which is a ZIP archive.
var zipMagic = []byte("PK\x03\x04")

// Open opens a CSV or XLSX file, told apart by its first bytes rather than
// its extension, and reads up to its header.
func Open(path string, opts Options) (Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}

	head := make([]byte, len(zipMagic))
	n, err := io.ReadFull(f, head)
	f.Close()
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}

	if bytes.Equal(head[:n], zipMagic) {
		return openXLSX(path, opts)
	}
	return openCSV(path, opts)
}
