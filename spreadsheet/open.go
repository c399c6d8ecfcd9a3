package spreadsheet

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/aello-copilot/aello-import/i18n"
)

// zipMagic starts every XLSX file, which is a ZIP archive; cfbMagic starts
// the older .xls files and password-protected workbooks, which are OLE
// compound files.
var (
	zipMagic = []byte("PK\x03\x04")
	cfbMagic = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
)

// Open opens a CSV or XLSX file and reads up to its header. The format is
// decided by the file's first bytes rather than its extension.
func Open(path string, opts Options) (Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}

	head := make([]byte, len(cfbMagic))
	n, err := io.ReadFull(f, head)
	f.Close()
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	head = head[:n]

	switch {
	case bytes.HasPrefix(head, zipMagic):
		return openXLSX(path, opts)
	case bytes.HasPrefix(head, cfbMagic):
		return nil, &XLSXError{Path: path, Code: "xls_or_encrypted", Message: i18n.T(
			"the file is an old-style .xls workbook or a password-protected one, which cannot be read: open it in Excel, remove any password and save it as .xlsx (Excel Workbook) or as CSV")}
	case isWorkbookName(path):
		return nil, &XLSXError{Path: path, Code: "not_xlsx", Message: i18n.T(
			"the file is named like an Excel workbook but is not one (it is not a ZIP archive): open it in Excel and save it again as .xlsx (Excel Workbook)")}
	}
	return openCSV(path, opts)
}

// isWorkbookName reports whether path has an Excel workbook extension.
func isWorkbookName(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm", ".xls":
		return true
	}
	return false
}
