package importer

import (
	"bufio"
	"errors"
	"fmt"
	"os"

	"github.com/xuri/excelize/v2"

	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
)

// errorsWriter writes the rows to fix, in the input's format, so that the
// user can fix them in Excel and feed the file back with the same mapping.
type errorsWriter interface {
	// Record writes the row of o with message, its OutcomeMessage.
	Record(o *Outcome, message string) error
	// Count returns how many rows were written.
	Count() int
	Close() error
}

// errorColumn returns the header of the column that carries the messages.
func errorColumn(lang i18n.Lang) string {
	return lang.Sprintf("Import error")
}

// isErrorColumn reports whether header is the message column of an errors
// file, in any language the tool speaks.
func isErrorColumn(header string) bool {
	return header == errorColumn(i18n.English) || header == errorColumn(i18n.French)
}

// csvErrorsWriter writes NAME.errors.csv: the original header and the rows
// to fix with a message column at the end, in the input's delimiter, UTF-8
// with BOM. The file is created on the first row, so a run without errors
// leaves none behind.
type csvErrorsWriter struct {
	path      string
	delimiter rune
	header    []string
	lang      i18n.Lang

	file   *replacedFile
	buffer *bufio.Writer
	lines  *csvLineWriter
	count  int
	last   [1]string
}

func newCSVErrorsWriter(path string, delimiter rune, header []string, lang i18n.Lang) *csvErrorsWriter {
	return &csvErrorsWriter{path: path, delimiter: delimiter, header: header, lang: lang}
}

func (w *csvErrorsWriter) open() error {
	file, err := createReplacing(w.path)
	if err != nil {
		return err
	}
	w.file = file
	w.buffer = bufio.NewWriter(file)
	w.lines = newCSVLineWriter(w.buffer, w.delimiter)

	if _, err := w.buffer.WriteString(utf8BOM); err != nil {
		return err
	}
	w.last[0] = errorColumn(w.lang)
	return w.lines.write(w.header, w.last[:])
}

func (w *csvErrorsWriter) Record(o *Outcome, message string) error {
	if w.file == nil {
		if err := w.open(); err != nil {
			return err
		}
	}
	w.count++

	w.last[0] = message
	return w.lines.write(padCells(o.Cells, len(w.header)), w.last[:])
}

func (w *csvErrorsWriter) Count() int { return w.count }

func (w *csvErrorsWriter) Close() error {
	if w.file == nil {
		return removeStale(w.path)
	}
	err := w.buffer.Flush()
	if closeErr := w.file.Close(); err == nil {
		err = closeErr
	}
	return err
}

// removeStale deletes an errors file left by an earlier run, so that an
// old file is never mistaken for this run's.
func removeStale(path string) error {
	err := os.Remove(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	return nil
}

// padCells returns a copy of cells with at least n values, so that the
// message column lands under its header even for short rows.
func padCells(cells []string, n int) []string {
	padded := make([]string, max(n, len(cells)))
	copy(padded, cells)
	return padded
}

// xlsxErrorsWriter writes NAME.errors.xlsx with the rows to fix. Its sheet
// has the input sheet's name, so that a mapping naming the sheet reads it
// too. The bad cells are filled red (errors) or yellow (warnings) and carry
// the message as a comment in files of up to maxCommentedRows rows. A
// message column ends each row, and the header is styled and frozen.
//
// Record writes the rows' XML to a temporary file. Close builds the rest
// of the workbook with excelize and splices the rows into it, so memory
// does not grow with the rows to fix.
type xlsxErrorsWriter struct {
	path   string
	header []string
	lang   i18n.Lang
	// sheet is the sheet's name: the input sheet's.
	sheet string

	// file is the workbook without its data rows, which are in rows.
	file        *excelize.File
	rows        *sheetRows
	errorStyle  int
	warnStyle   int
	headerStyle int
	count       int
	comments    []excelize.Comment
	// err is the first error of Record, which later calls return too.
	err error
}

// maxCommentedRows is the largest errors file whose bad cells get comments.
// excelize v2.11.1 adds comments in time that grows with the square of
// their number (1.6 s for 8,000, measured once on a shared 2-core
// machine), and Close keeps them in memory. A larger errors file keeps its
// fills and message column only.
const maxCommentedRows = 2000

func newXLSXErrorsWriter(path, sheet string, header []string, lang i18n.Lang) *xlsxErrorsWriter {
	if sheet == "" {
		sheet = lang.Sprintf("Rows to fix")
	}
	return &xlsxErrorsWriter{path: path, sheet: sheet, header: header, lang: lang}
}

// open creates the temporary file of the rows and the workbook with its
// styles, whose ids the rows refer to.
func (w *xlsxErrorsWriter) open() error {
	rows, err := createSheetRows()
	if err != nil {
		return err
	}
	file, err := w.newWorkbook()
	if err != nil {
		rows.discard()
		return &errorsFileError{op: opBuild, path: w.path, err: err}
	}
	w.file, w.rows = file, rows
	return nil
}

func (w *xlsxErrorsWriter) newWorkbook() (*excelize.File, error) {
	file := excelize.NewFile()
	if err := file.SetSheetName("Sheet1", w.sheet); err != nil {
		file.Close()
		return nil, err
	}

	var err error
	w.headerStyle, err = file.NewStyle(&excelize.Style{
		Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#D9E1F2"}},
	})
	if err == nil {
		w.errorStyle, err = file.NewStyle(&excelize.Style{
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#FFC7CE"}},
		})
	}
	if err == nil {
		w.warnStyle, err = file.NewStyle(&excelize.Style{
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#FFEB9C"}},
		})
	}
	if err != nil {
		file.Close()
		return nil, err
	}
	return file, nil
}

func (w *xlsxErrorsWriter) Record(o *Outcome, message string) error {
	if w.err != nil {
		return w.err
	}
	if w.file == nil {
		if err := w.open(); err != nil {
			w.err = err
			return err
		}
	}
	w.count++
	rowNumber := w.count + 1

	styles, notes := w.markCells(o)
	if err := w.rows.write(rowNumber, o.Cells, len(w.header), styles, message); err != nil {
		w.err = err
		return err
	}

	if w.count > maxCommentedRows {
		w.comments = nil
		return nil
	}
	for _, column := range notes.order {
		cell, err := excelize.CoordinatesToCellName(column+1, rowNumber)
		if err != nil {
			return err
		}
		w.comments = append(w.comments, excelize.Comment{Cell: cell, Author: "aello-import", Text: notes.text[column], Width: 320, Height: 120})
	}
	return nil
}

// cellNotes are the comments of one row, by 0-based column, in the order
// the columns were first named.
type cellNotes struct {
	order []int
	text  map[int]string
}

// markCells returns the fill of each cell a diagnostic points at, and the
// messages of each such cell.
func (w *xlsxErrorsWriter) markCells(o *Outcome) (map[int]int, cellNotes) {
	styles := map[int]int{}
	notes := cellNotes{text: map[int]string{}}
	worst := map[int]diag.Severity{}
	for i := range o.Diagnostics {
		d := &o.Diagnostics[i]
		if d.Column < 0 {
			continue
		}
		if _, seen := notes.text[d.Column]; !seen {
			notes.order = append(notes.order, d.Column)
		} else {
			notes.text[d.Column] += "\n"
		}
		notes.text[d.Column] += renderCellDiagnostic(&diag.Diagnostic{Severity: d.Severity, Column: -1, Message: d.Message}, w.lang)
		worst[d.Column] = max(worst[d.Column], d.Severity)
	}
	for column, severity := range worst {
		styles[column] = w.warnStyle
		if severity == diag.Error {
			styles[column] = w.errorStyle
		}
	}
	return styles, notes
}

func (w *xlsxErrorsWriter) Count() int { return w.count }

// Close writes the errors file, or removes one left by an earlier run
// when no row was recorded or writing failed. The temporary file of the
// rows is removed in every case.
func (w *xlsxErrorsWriter) Close() error {
	if w.file == nil {
		return errors.Join(w.err, removeStale(w.path))
	}
	err := w.err
	if err == nil {
		err = w.save()
	}
	if err != nil {
		// A file from an earlier run would pass for this run's.
		err = errors.Join(err, removeStale(w.path))
	}

	w.file.Close()
	return errors.Join(err, w.rows.discard())
}

// save builds the workbook with the header row, its style, the frozen pane
// and the comments, then writes it with the rows spliced in.
func (w *xlsxErrorsWriter) save() error {
	rows, err := w.rows.finish()
	if err != nil {
		return err
	}

	// The comments are added before the sheet is streamed, because the
	// StreamWriter then writes the sheet's <legacyDrawing>, the link to
	// the comments' shapes, which it leaves out for comments added after
	// it. A comment refers to its cell by name, so the data rows need not
	// be in the sheet yet.
	for _, comment := range w.comments {
		if err := w.file.AddComment(w.sheet, comment); err != nil {
			return &errorsFileError{op: opBuild, path: w.path, err: fmt.Errorf("comment on %s: %w", comment.Cell, err)}
		}
	}
	if err := w.writeHeader(); err != nil {
		return &errorsFileError{op: opBuild, path: w.path, err: err}
	}

	// excelize.File.SaveAs builds the whole package in a bytes.Buffer
	// too, so writing it to a temporary file first would save no memory.
	// Without the data rows it stays small.
	template, err := w.file.WriteToBuffer()
	if err != nil {
		return &errorsFileError{op: opBuild, path: w.path, err: err}
	}
	lastCell, err := excelize.CoordinatesToCellName(w.rows.width, w.rows.lastRow)
	if err != nil {
		return &errorsFileError{op: opBuild, path: w.path, err: err}
	}
	return writeSplicedWorkbook(w.path, template.Bytes(), w.sheet, rows, "A1:"+lastCell)
}

// writeHeader streams the frozen, styled header row, the only row that
// excelize writes.
func (w *xlsxErrorsWriter) writeHeader() error {
	stream, err := w.file.NewStreamWriter(w.sheet)
	if err != nil {
		return err
	}
	if err := stream.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
	}); err != nil {
		return err
	}
	header := make([]any, 0, len(w.header)+1)
	for _, h := range w.header {
		header = append(header, excelize.Cell{Value: h, StyleID: w.headerStyle})
	}
	header = append(header, excelize.Cell{Value: errorColumn(w.lang), StyleID: w.headerStyle})
	if err := stream.SetRow("A1", header); err != nil {
		return err
	}
	return stream.Flush()
}
