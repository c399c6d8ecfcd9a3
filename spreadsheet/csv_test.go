package spreadsheet

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/diag"
)

// TestCSVParsing covers quoting, line ends, blank rows and field counts on
// small inputs.
func TestCSVParsing(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		opts   Options
		header []string
		rows   []csvWantRow
	}{
		{
			name:   "doubled quotes and empty quoted field",
			input:  "a;b;c\n\"x \"\"y\"\"\";\"\";\"z\"\n",
			header: []string{"a", "b", "c"},
			rows:   []csvWantRow{{number: 2, cells: []string{`x "y"`, "", "z"}}},
		},
		{
			name:   "quoted delimiter and line ends",
			input:  "a;b\r\n\"1;2\";\"l1\r\nl2\rl3\nl4\"\r\n",
			header: []string{"a", "b"},
			rows:   []csvWantRow{{number: 2, cells: []string{"1;2", "l1\nl2\nl3\nl4"}}},
		},
		{
			name:   "CR line ends",
			input:  "a;b\rc;d\re;f",
			header: []string{"a", "b"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"c", "d"}},
				{number: 3, cells: []string{"e", "f"}},
			},
		},
		{
			name:   "CR at end of file",
			input:  "a;b\rc;d\r",
			header: []string{"a", "b"},
			rows:   []csvWantRow{{number: 2, cells: []string{"c", "d"}}},
		},
		{
			name:   "bare quotes are text",
			input:  "a;b\nIT\"S;17\" hiver\n",
			header: []string{"a", "b"},
			rows:   []csvWantRow{{number: 2, cells: []string{`IT"S`, `17" hiver`}}},
		},
		{
			name:   "text after closing quote on one line",
			input:  "a;b\n\"Le Lion\" Sàrl;x\n",
			header: []string{"a", "b"},
			rows:   []csvWantRow{{number: 2, cells: []string{`"Le Lion" Sàrl`, "x"}}},
		},
		{
			name:   "spaces after closing quote",
			input:  "a;b;c\n\"Martin; Fils\" ;\"l1\nl2\"\t;\"x\"  \n",
			header: []string{"a", "b", "c"},
			rows:   []csvWantRow{{number: 2, cells: []string{"Martin; Fils ", "l1\nl2\t", "x  "}}},
		},
		{
			name:   "leading space before quote",
			input:  "a;b\n \"x\";y\n",
			header: []string{"a", "b"},
			rows:   []csvWantRow{{number: 2, cells: []string{` "x"`, "y"}}},
		},
		{
			name:   "values not trimmed",
			input:  "a;b\n  x ;\u00a0y\u200b\n",
			header: []string{"a", "b"},
			rows:   []csvWantRow{{number: 2, cells: []string{"  x ", "\u00a0y\u200b"}}},
		},
		{
			name:   "blank lines counted",
			input:  "\n\na;b\n\n1;2\n;\n \u00a0; \n3;4\n\n",
			header: []string{"a", "b"},
			rows: []csvWantRow{
				{number: 5, cells: []string{"1", "2"}},
				{number: 8, cells: []string{"3", "4"}},
			},
		},
		{
			name:   "header trimmed",
			input:  "\ufeff\u00a0Prénom\u202f;\u2060Nom\u200b ;\"Email \"\n1;2;3\n",
			header: []string{"Prénom", "Nom", "Email"},
			rows:   []csvWantRow{{number: 2, cells: []string{"1", "2", "3"}}},
		},
		{
			name:   "trailing empty header columns",
			input:  "a;b;;\n1;2;;\n3;4\n5;6;;;\n",
			header: []string{"a", "b"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"1", "2"}},
				{number: 3, cells: []string{"3", "4"}},
				{number: 4, cells: []string{"5", "6"}},
			},
		},
		{
			name:   "empty header in the middle kept",
			input:  "a;;c\n1;2;3\n",
			header: []string{"a", "", "c"},
			rows:   []csvWantRow{{number: 2, cells: []string{"1", "2", "3"}}},
		},
		{
			name:   "extra value in unnamed column",
			input:  "a;b;;\n1;2;x;\n",
			header: []string{"a", "b"},
			rows:   []csvWantRow{{number: 2, cells: []string{"1", "2", "x", ""}, codes: []string{"field_count"}}},
		},
		{
			name:   "short row",
			input:  "a;b;c\n1;2\n4;5;6\n",
			header: []string{"a", "b", "c"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"1", "2"}, codes: []string{"field_count"}},
				{number: 3, cells: []string{"4", "5", "6"}},
			},
		},
		{
			name:   "Excel text formula unwrapped",
			input:  "a;b;c;d\n=\"0612345678\";\"=\"\"007\"\"\";=\"say \"\"hi\"\"\";=\"a\"b\"\n",
			header: []string{"a", "b", "c", "d"},
			rows:   []csvWantRow{{number: 2, cells: []string{"0612345678", "007", `say "hi"`, `="a"b"`}}},
		},
		{
			name:   "sep directive not counted",
			input:  "sep=|\r\na|b\r\n1|2,3\r\n",
			header: []string{"a", "b"},
			rows:   []csvWantRow{{number: 2, cells: []string{"1", "2,3"}}},
		},
		{
			name:   "sep directive upper case with override",
			input:  "SEP=|\na;b\n1;2\n",
			opts:   Options{Delimiter: ";"},
			header: []string{"a", "b"},
			rows:   []csvWantRow{{number: 2, cells: []string{"1", "2"}}},
		},
		{
			name:   "header row option",
			input:  "Title;\n\nName;Email\nJeanne;j@example.lu\n",
			opts:   Options{HeaderRow: 3},
			header: []string{"Name", "Email"},
			rows:   []csvWantRow{{number: 4, cells: []string{"Jeanne", "j@example.lu"}}},
		},
		{
			name:   "tab option",
			input:  "a;b\tc\n1;2\t3\n",
			opts:   Options{Delimiter: "tab"},
			header: []string{"a;b", "c"},
			rows:   []csvWantRow{{number: 2, cells: []string{"1;2", "3"}}},
		},
		{
			name:   "backslash t option",
			input:  "a,b\tc\n1,2\t3\n",
			opts:   Options{Delimiter: `\t`},
			header: []string{"a,b", "c"},
			rows:   []csvWantRow{{number: 2, cells: []string{"1,2", "3"}}},
		},
		{
			name:   "header only",
			input:  "a;b;c\r\n",
			header: []string{"a", "b", "c"},
		},
		{
			name:   "no final line end",
			input:  "a,b\n1,\"2\"",
			header: []string{"a", "b"},
			rows:   []csvWantRow{{number: 2, cells: []string{"1", "2"}}},
		},
		{
			name:   "final delimiter",
			input:  "a,b\n1,",
			header: []string{"a", "b"},
			rows:   []csvWantRow{{number: 2, cells: []string{"1", ""}}},
		},
		{
			name:   "U+FFFD written in the file",
			input:  "a;b\n\uFFFD;x\n",
			header: []string{"a", "b"},
			rows:   []csvWantRow{{number: 2, cells: []string{"\uFFFD", "x"}}},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, rows := csvReadBytes(t, []byte(tt.input), tt.opts)
			if got := table.Header(); !slices.Equal(got, tt.header) {
				t.Errorf("Header() = %q, want %q", got, tt.header)
			}
			csvCheckRows(t, rows, tt.rows)
		})
	}
}

// TestCSVHeaderRowNumber checks the header's row number after blank lines
// and a sep directive.
func TestCSVHeaderRowNumber(t *testing.T) {
	tests := []struct {
		name  string
		input string
		opts  Options
		want  int
	}{
		{"first line", "a;b\n1;2\n", Options{}, 1},
		{"after blank lines", "\r\n;;\r\na;b\r\n", Options{}, 3},
		{"after sep directive", "sep=;\na;b\n", Options{}, 1},
		{"sep directive then blank", "sep=;\n\na;b\n", Options{}, 2},
		{"set by option", "x\ny\na;b\n", Options{HeaderRow: 2}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, _ := csvReadBytes(t, []byte(tt.input), tt.opts)
			if got := table.HeaderRow(); got != tt.want {
				t.Errorf("HeaderRow() = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestCSVFieldCountMessages checks the text of the field count errors.
func TestCSVFieldCountMessages(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		column int
		value  string
		want   []string
	}{
		{
			name:   "extra with split value",
			input:  "a,b,c\n1,Schmit, SARL,3\n",
			column: 1,
			value:  "Schmit, SARL",
			want:   []string{"row 2", "4 fields", "header has 3", `"Schmit, SARL"`},
		},
		{
			name:   "extra without hint",
			input:  "a;b;c\n1;2;3;4\n",
			column: -1,
			want:   []string{"row 2", "4 fields", "header has 3", `unquoted ";"`},
		},
		{
			name:   "missing",
			input:  "a;b;c\n1;2\n",
			column: -1,
			want:   []string{"row 2", "2 fields", "header has 3", `missing ";" delimiters`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rows := csvReadBytes(t, []byte(tt.input), Options{})
			if len(rows) != 1 {
				t.Fatalf("got %d rows, want 1", len(rows))
			}
			d := csvDiag(t, rows[0], "field_count")
			if d.Severity != diag.Error {
				t.Errorf("severity = %v, want error", d.Severity)
			}
			if d.Column != tt.column {
				t.Errorf("Column = %d, want %d", d.Column, tt.column)
			}
			if d.Value != tt.value {
				t.Errorf("Value = %q, want %q", d.Value, tt.value)
			}
			msg := d.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not contain %q", msg, w)
				}
			}
		})
	}
}

// TestCSVUnclosedQuote checks that a quote that never closes is reported
// on its row and does not swallow the rows after it.
func TestCSVUnclosedQuote(t *testing.T) {
	tests := []struct {
		name  string
		input string
		rows  []csvWantRow
	}{
		{
			name:  "at end of file",
			input: "a;b\n1;2\n3;\"Best offer\n",
			rows: []csvWantRow{
				{number: 2, cells: []string{"1", "2"}},
				{number: 3, cells: []string{"3", `"Best offer`}, codes: []string{"unclosed_quote"}},
			},
		},
		{
			name:  "on one line at end of file",
			input: "a;b\n3;\"Best offer",
			rows: []csvWantRow{
				{number: 2, cells: []string{"3", `"Best offer`}, codes: []string{"unclosed_quote"}},
			},
		},
		{
			name:  "rows after it read",
			input: "a;b\n1;\"open\n2;x\n3;y\n",
			rows: []csvWantRow{
				{number: 2, cells: []string{"1", `"open`}, codes: []string{"unclosed_quote"}},
				{number: 3, cells: []string{"2", "x"}},
				{number: 4, cells: []string{"3", "y"}},
			},
		},
		{
			name:  "closed later by another field",
			input: "a;b\n1;\"open;z\n2;x\n3;\"quoted\";\n",
			rows: []csvWantRow{
				{number: 2, cells: []string{"1", `"open`, "z"}, codes: []string{"unclosed_quote", "field_count"}},
				{number: 3, cells: []string{"2", "x"}},
				{number: 4, cells: []string{"3", "quoted"}},
			},
		},
		{
			name:  "multi-line cell closed properly",
			input: "a;b\n1;\"l1\nl2\"\n2;x\n",
			rows: []csvWantRow{
				{number: 2, cells: []string{"1", "l1\nl2"}},
				{number: 3, cells: []string{"2", "x"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rows := csvReadBytes(t, []byte(tt.input), Options{})
			csvCheckRows(t, rows, tt.rows)
			for _, row := range rows {
				for _, d := range row.Diagnostics {
					if d.Code == "unclosed_quote" && (d.Column != 1 || d.Value != row.Cells[1]) {
						t.Errorf("row %d: unclosed_quote on column %d value %q, want column 1 value %q", row.Number, d.Column, d.Value, row.Cells[1])
					}
				}
			}
		})
	}
}

// TestCSVUnclosedQuoteLimit checks that a quote still open after
// csvMaxCellBytes ends its field at the end of its line.
func TestCSVUnclosedQuoteLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("a;b\n1;\"never closed\n")
	line := "2;" + strings.Repeat("x", 100) + "\n"
	rowsAfter := csvMaxCellBytes/len(line) + 10
	for range rowsAfter {
		b.WriteString(line)
	}
	b.WriteString("3;\"quoted\"\n")

	_, rows := csvReadBytes(t, []byte(b.String()), Options{})
	if len(rows) != rowsAfter+2 {
		t.Fatalf("got %d rows, want %d", len(rows), rowsAfter+2)
	}
	if got := csvCodes(rows[0].Diagnostics); !slices.Equal(got, []string{"unclosed_quote"}) {
		t.Errorf("row 2 codes = %q, want [unclosed_quote]", got)
	}
	last := rows[len(rows)-1]
	if last.Number != rowsAfter+3 || last.Cells[1] != "quoted" {
		t.Errorf("last row = %d %q, want %d [3 quoted]", last.Number, last.Cells, rowsAfter+3)
	}
}

// TestCSVOpenErrors checks the errors of files and options that cannot be
// read.
func TestCSVOpenErrors(t *testing.T) {
	tests := []struct {
		name  string
		input string
		opts  Options
		code  string
		row   int
		want  []string
	}{
		{name: "empty file", input: "", code: "header_not_found", want: []string{"no header found"}},
		{name: "only blank lines", input: "\r\n;;;\r\n\r\n", code: "header_not_found", want: []string{"empty"}},
		{name: "only sep directive", input: "sep=;\r\n", code: "header_not_found", want: []string{"no header found"}},
		{name: "header row past end", input: "a\nb\n", opts: Options{HeaderRow: 5}, code: "header_not_found", want: []string{"row 5", "only 2 rows"}},
		{name: "header row blank", input: "a\n\nb\n", opts: Options{HeaderRow: 2}, code: "header_not_found", row: 2, want: []string{"row 2", "empty"}},
		{name: "negative header row", input: "a\n", opts: Options{HeaderRow: -1}, code: "invalid_header_row", want: []string{"-1"}},
		{name: "unknown encoding", input: "a\n", opts: Options{Encoding: "ebcdic"}, code: "unknown_encoding", want: []string{`"ebcdic"`, "windows-1252", "utf-16le", "iso-8859-15"}},
		{name: "invalid delimiter", input: "a\n", opts: Options{Delimiter: "ab"}, code: "invalid_delimiter", want: []string{`"ab"`, "tab"}},
		{name: "quote delimiter", input: "a\n", opts: Options{Delimiter: `"`}, code: "invalid_delimiter", want: []string{`"\""`}},
		{name: "binary file", input: "PK\x05\x06\x00\x00\x00\x00data", code: "not_csv", want: []string{"not a CSV file", "offset 4"}},
		{name: "UTF-16LE without BOM", input: "a\x00;\x00b\x00\r\x00\n\x00", code: "not_csv", want: []string{"utf-16le"}},
		{name: "UTF-16BE without BOM", input: "\x00a\x00;\x00b\x00\r\x00\n", code: "not_csv", want: []string{"utf-16be"}},
		{name: "invalid UTF-8 in header", input: "Pr\xE9nom;Nom\n", opts: Options{Encoding: "utf-8"}, code: "invalid_encoding", row: 1, want: []string{"0xE9", "offset 2", "utf-8"}},
		{name: "unclosed quote in header", input: "\"Prénom;Nom\n", code: "unclosed_quote", row: 1, want: []string{"quote"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := csvOpenError(t, []byte(tt.input), tt.opts)
			if d.Code != tt.code {
				t.Errorf("code = %q, want %q (%v)", d.Code, tt.code, d)
			}
			if d.Row != tt.row {
				t.Errorf("row = %d, want %d", d.Row, tt.row)
			}
			msg := d.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not contain %q", msg, w)
				}
			}
		})
	}
}

func TestCSVByteOrderMarkOverridesSetting(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		forced string
		want   string
	}{
		{"UTF-8 BOM over windows-1252", "\xEF\xBB\xBFPr\xC3\xA9nom;Nom\r\nH\xC3\xA9l\xC3\xA8ne;Lef\xC3\xA8vre\r\n", "windows-1252", "utf-8"},
		{"UTF-16LE BOM over utf-16be", "\xFF\xFEP\x00;\x00N\x00\n\x00a\x00;\x00b\x00\n\x00", "utf-16be", "utf-16le"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "errors.csv")
			if err := os.WriteFile(path, []byte(tt.input), 0o644); err != nil {
				t.Fatal(err)
			}
			table, err := Open(path, Options{Encoding: tt.forced})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer table.Close()
			if got := table.Encoding(); got != tt.want {
				t.Errorf("encoding = %q, want %q", got, tt.want)
			}
			row, err := table.Next()
			if err != nil {
				t.Fatalf("Next: %v", err)
			}
			if strings.ContainsRune(strings.Join(row.Cells, ""), '\uFFFD') {
				t.Errorf("cells %q hold U+FFFD", row.Cells)
			}
		})
	}
}

// TestCSVLimits checks that values and rows over the limits stop reading
// with an error that names the row.
func TestCSVLimits(t *testing.T) {
	tests := []struct {
		name  string
		input string
		code  string
	}{
		{name: "cell too large", input: "a;b\n1;2\n3;" + strings.Repeat("x", csvMaxCellBytes+1) + "\n", code: "cell_too_large"},
		{name: "too many fields", input: "a;b\n1;2\n" + strings.Repeat(";", csvMaxFields) + "x\n", code: "too_many_fields"},
		{name: "row too large", input: "a;b\n1;2\n" + strings.Repeat(strings.Repeat("y", csvMaxCellBytes/2)+";", 2*csvMaxRecordBytes/csvMaxCellBytes+1) + "\n", code: "row_too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, err := newCSVTable(strings.NewReader(tt.input), Options{})
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			row, err := table.Next()
			if err != nil || row.Number != 2 {
				t.Fatalf("first Next = %d, %v; want row 2", row.Number, err)
			}

			_, err = table.Next()
			var d *diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("second Next error = %v, want a *diag.Diagnostic", err)
			}
			if d.Code != tt.code || d.Row != 3 {
				t.Errorf("error = %s on row %d, want %s on row 3", d.Code, d.Row, tt.code)
			}
			csvCheckFrench(t, *d)

			if _, again := table.Next(); again != err {
				t.Errorf("Next after the error = %v, want the same error", again)
			}
		})
	}
}

// TestCSVNextAfterEOF checks that Next keeps returning io.EOF.
func TestCSVNextAfterEOF(t *testing.T) {
	table, rows := csvReadBytes(t, []byte("a\n1\n"), Options{})
	if len(rows) != 1 {
		t.Fatalf("got %d rows, want 1", len(rows))
	}
	for range 2 {
		if _, err := table.Next(); !errors.Is(err, io.EOF) {
			t.Errorf("Next = %v, want io.EOF", err)
		}
	}
}

// TestCSVOpenFile checks Open on a CSV file, its Close, and the error for a
// missing file.
func TestCSVOpenFile(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/leads.csv"
	if err := os.WriteFile(path, []byte("Prénom;Nom\nJeanne;Martin\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	table, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if got := table.Format(); got != CSV {
		t.Errorf("Format() = %q, want csv", got)
	}
	if err := table.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}

	if _, err := Open(dir+"/missing.csv", Options{}); err == nil {
		t.Error("Open of a missing file succeeded")
	}
}
