// Package spreadsheet reads CSV and XLSX exports as a stream of rows with
// Excel's row numbers.
package spreadsheet

import "github.com/aello-copilot/aello-import/diag"

// Format is the kind of input file.
type Format string

// Input formats.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// Options override what Open detects. The zero value detects everything.
type Options struct {
	// Sheet is an XLSX sheet name or 1-based index; "" means the first
	// visible sheet.
	Sheet string
	// HeaderRow is the 1-based row of the header; 0 means detected.
	HeaderRow int
	// Delimiter is the CSV field separator; "" means detected. "\t" or
	// "tab" name the tab.
	Delimiter string
	// Encoding is the CSV encoding, such as "utf-8", "windows-1252",
	// "iso-8859-15", "utf-16le"; "" means detected.
	Encoding string
}

// Row is one data row.
type Row struct {
	// Number is the row number as Excel shows it: 1-based, header and
	// title rows counted, physical lines inside quoted cells not counted.
	Number int
	// Cells holds one value per header column, as the user sees it. A row
	// with a wrong number of fields keeps the fields as read.
	Cells []string
	// Diagnostics are problems the reader found on this row, such as a
	// wrong number of fields or a formula error value.
	Diagnostics []diag.Diagnostic
}

// Table is an open input file positioned after its header. It is not safe
// for concurrent use.
type Table interface {
	// Format returns CSV or XLSX.
	Format() Format
	// Header returns the header cells, trimmed, with the trailing empty
	// columns removed.
	Header() []string
	// HeaderRow returns the 1-based row number of the header.
	HeaderRow() int
	// Delimiter returns the CSV field separator, or 0 for XLSX.
	Delimiter() rune
	// Encoding returns the CSV encoding in use, or "" for XLSX.
	Encoding() string
	// Sheet returns the XLSX sheet name, or "" for CSV.
	Sheet() string
	// Next returns the next non-blank data row, or io.EOF after the last.
	// Any other error means the rest of the file cannot be read.
	Next() (Row, error)
	// Close releases the file.
	Close() error
}
