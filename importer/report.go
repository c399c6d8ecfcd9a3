package importer

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
)

// utf8BOM makes Excel read a CSV file as UTF-8, so accents show right.
const utf8BOM = "\ufeff"

// ReportColumns are the report's leading columns; the input's original
// columns follow them.
var ReportColumns = []string{"row", "status", "http_status", "error_code", "field", "message"}

// reportWriter writes NAME.report.csv: one line per input row, in input
// order, UTF-8 with BOM, every cell escaped against formula injection.
type reportWriter struct {
	file   *replacedFile
	buffer *bufio.Writer
	lines  *csvLineWriter
	lang   i18n.Lang
	head   [6]string
}

func newReportWriter(path string, delimiter rune, header []string, lang i18n.Lang) (*reportWriter, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	file, err := createReplacing(path)
	if err != nil {
		return nil, err
	}

	w := &reportWriter{file: file, buffer: bufio.NewWriterSize(file, 64<<10), lang: lang}
	w.lines = newCSVLineWriter(w.buffer, delimiter)

	if _, err := w.buffer.WriteString(utf8BOM); err != nil {
		file.Close()
		return nil, err
	}
	if err := w.lines.write(ReportColumns, header); err != nil {
		file.Close()
		return nil, err
	}
	return w, nil
}

// Record writes the outcome of one row, with message, its OutcomeMessage.
func (w *reportWriter) Record(o *Outcome, message string) error {
	httpStatus := ""
	if o.HTTPStatus != 0 {
		httpStatus = strconv.Itoa(o.HTTPStatus)
	}
	w.head = [6]string{strconv.Itoa(o.Row), string(o.Status), httpStatus, o.Code, o.Field, message}
	return w.lines.write(w.head[:], o.Cells)
}

// Flush writes buffered lines to the file.
func (w *reportWriter) Flush() error {
	return w.buffer.Flush()
}

// Close flushes and closes the file.
func (w *reportWriter) Close() error {
	flushErr := w.Flush()
	closeErr := w.file.Close()
	if flushErr != nil {
		return flushErr
	}
	return closeErr
}

// OutcomeMessage renders the message column of a row: the API's or the
// transport's error first, then every diagnostic, errors before warnings,
// each prefixed with its column.
func OutcomeMessage(o *Outcome, lang i18n.Lang) string {
	var parts []string
	if !o.Note.IsZero() {
		parts = append(parts, o.Note.In(lang))
	}
	for _, severity := range []diag.Severity{diag.Error, diag.Warning} {
		for i := range o.Diagnostics {
			d := &o.Diagnostics[i]
			if d.Severity == severity {
				parts = append(parts, renderCellDiagnostic(d, lang))
			}
		}
	}
	return strings.Join(parts, " | ")
}

// renderCellDiagnostic renders a diagnostic without its row, which the
// report already shows: "D (Téléphone): message".
func renderCellDiagnostic(d *diag.Diagnostic, lang i18n.Lang) string {
	prefix := ""
	if d.Severity == diag.Warning {
		prefix = lang.Sprintf("warning: ")
	}
	if d.Column >= 0 {
		return prefix + lang.Sprintf("%s (%s): %s", diag.ColumnLetter(d.Column), d.Header, d.Message.In(lang))
	}
	return prefix + d.Message.In(lang)
}
