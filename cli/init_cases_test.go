package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/cli"
	"github.com/aello-copilot/aello-import/importer"
	"github.com/aello-copilot/aello-import/mapping"
	"github.com/aello-copilot/aello-import/spreadsheet"
)

// initCasesDir holds the real-world input files that every layer tests.
const initCasesDir = "../testdata/cases"

// TestInitCases runs init on every real-world case file, reads the mapping
// it wrote back, and runs check with it: the mapping must place the
// columns the cases assume, and check must accept it.
func TestInitCases(t *testing.T) {
	const (
		first   = aello.FieldFirstName
		last    = aello.FieldLastName
		email   = aello.FieldEmail
		phone   = mapping.FieldPhone
		company = aello.FieldCompanyName
		message = aello.FieldMessage
	)
	tests := []struct {
		file string
		// country is passed to init with --country, unless it is "": init
		// then uses its default, LU.
		country string
		// fields maps each field init must place to its header. No other
		// field may be mapped.
		fields map[string]string
		// source is the source section init must write.
		source mapping.Source
		// checkStatus is the exit status of check with the written mapping.
		checkStatus int
		// stderr lists patterns that init's output must match.
		stderr []string
	}{
		{
			file:   "c01_excel_fr_semicolon_cp1252.csv",
			fields: map[string]string{first: "Prénom", last: "Nom", email: "Email", phone: "Téléphone", company: "Société", message: "Commentaire"},
			source: mapping.Source{HeaderRow: 1, Delimiter: ";", Encoding: "windows-1252"},
		},
		{
			file:   "c02_utf8_bom_quoted_header.csv",
			fields: map[string]string{first: "Prénom", last: "Nom", email: "Email", phone: "Téléphone"},
			source: mapping.Source{HeaderRow: 1, Delimiter: ",", Encoding: "utf-8"},
		},
		{
			file:   "c03_utf8_bom_first_column_id.csv",
			fields: map[string]string{aello.FieldExternalID: "ID", first: "Prénom", last: "Nom", email: "Email"},
			source: mapping.Source{HeaderRow: 1, Delimiter: ";", Encoding: "utf-8"},
		},
		{
			file:   "c04_excel_unicode_text_utf16le.txt",
			fields: map[string]string{first: "Prénom", last: "Nom", email: "Email", company: "Société"},
			source: mapping.Source{HeaderRow: 1, Delimiter: "\t", Encoding: "utf-16le"},
		},
		{
			file:   "c06_sep_hint_first_line.csv",
			fields: map[string]string{first: "FirstName", last: "LastName", email: "Email", company: "Company"},
			source: mapping.Source{HeaderRow: 1, Delimiter: ";", Encoding: "utf-8"},
		},
		{
			file:        "c07_multiline_cells_row_numbers.csv",
			fields:      map[string]string{first: "Prénom", last: "Nom", email: "Email", phone: "Téléphone", message: "Commentaire"},
			source:      mapping.Source{HeaderRow: 1, Delimiter: ";", Encoding: "utf-8"},
			checkStatus: cli.ExitRows,
		},
		{
			file:   "c08_bare_quotes_in_unquoted_fields.csv",
			fields: map[string]string{first: "Prénom", last: "Nom", email: "Email", company: "Société", message: "Commentaire"},
			source: mapping.Source{HeaderRow: 1, Delimiter: ";", Encoding: "utf-8"},
		},
		{
			file:        "c10_unquoted_delimiter_extra_field.csv",
			fields:      map[string]string{first: "First name", last: "Last name", email: "Email", company: "Company", phone: "Phone"},
			source:      mapping.Source{HeaderRow: 1, Delimiter: ",", Encoding: "utf-8"},
			checkStatus: cli.ExitRows,
		},
		{
			file:   "c11_trailing_delimiter_rows_and_columns.csv",
			fields: map[string]string{first: "Prénom", last: "Nom", email: "Email"},
			source: mapping.Source{HeaderRow: 1, Delimiter: ";", Encoding: "windows-1252"},
		},
		{
			file:   "c14_nbsp_and_zero_width_spaces.csv",
			fields: map[string]string{first: "Prénom", last: "Nom", email: "E-mail", phone: "Téléphone"},
			source: mapping.Source{HeaderRow: 1, Delimiter: ";", Encoding: "utf-8"},
		},
		{
			file:        "c15_phone_scientific_notation.csv",
			fields:      map[string]string{first: "Prénom", last: "Nom", email: "Email", phone: "Téléphone"},
			source:      mapping.Source{HeaderRow: 1, Delimiter: ";", Encoding: "windows-1252"},
			checkStatus: cli.ExitRows,
		},
		{
			file:    "c17_phone_plus_sign_lost.csv",
			country: "FR",
			fields:  map[string]string{first: "Prénom", last: "Nom", email: "Email", phone: "Téléphone"},
			source:  mapping.Source{HeaderRow: 1, Delimiter: ";", Encoding: "windows-1252"},
		},
		{
			file:        "c18_email_variants.csv",
			fields:      map[string]string{first: "Prénom", last: "Nom", email: "Email"},
			source:      mapping.Source{HeaderRow: 1, Delimiter: ";", Encoding: "utf-8"},
			checkStatus: cli.ExitRows,
		},
		{
			file:        "c20_price_text_formats.csv",
			fields:      map[string]string{first: "Prénom", email: "Email", aello.FieldReference: "Référence", aello.FieldPrice: "Prix"},
			source:      mapping.Source{HeaderRow: 1, Delimiter: ";", Encoding: "utf-8"},
			checkStatus: cli.ExitRows,
		},
		{
			file:   "c21_title_row_header_on_row3.xlsx",
			fields: map[string]string{first: "Prénom", last: "Nom", email: "Email", phone: "Téléphone", message: "Commentaire"},
			source: mapping.Source{Sheet: "Prospects", HeaderRow: 3},
			stderr: []string{`sheet "Prospects", header on row 3`},
		},
		{
			file:   "c23_hidden_first_sheet_several_sheets.xlsx",
			fields: map[string]string{first: "Prénom", last: "Nom", email: "Email"},
			source: mapping.Source{Sheet: "Prospects", HeaderRow: 1},
			stderr: []string{
				`sheet "Prospects", header on row 1`,
				`1\. "Listes" +hidden +2 rows`,
				`2\. "Prospects" +visible +2 rows`,
				`3\. "Archive 2023" +visible +3 rows`,
				`4\. "Config" +veryHidden +0 rows`,
				`Statut \(D\)`,
			},
		},
		{
			file:   "c25_short_rows_blank_middle_row.xlsx",
			fields: map[string]string{first: "Prénom", last: "Nom", email: "Email", phone: "Téléphone", company: "Société", message: "Commentaire"},
			source: mapping.Source{Sheet: "Leads", HeaderRow: 1},
		},
		{
			file:    "c26_phone_numbers_stored_as_numbers.xlsx",
			country: "FR",
			fields:  map[string]string{first: "Prénom", last: "Nom", phone: "Téléphone", aello.FieldReference: "Référence"},
			source:  mapping.Source{Sheet: "Leads", HeaderRow: 1},
		},
		{
			// init cannot guess a template, so it leaves the date column
			// for the user to add and lists it as not placed.
			file:   "c28_date_serials_and_locale_formats.xlsx",
			fields: map[string]string{first: "Prénom", email: "Email", message: "Commentaire"},
			source: mapping.Source{Sheet: "Demandes", HeaderRow: 1},
			stderr: []string{`Date contact \(C\)`},
		},
		{
			file:   "c30_inline_strings_rich_text.xlsx",
			fields: map[string]string{first: "Prénom", last: "Nom", email: "Email", company: "Société"},
			source: mapping.Source{Sheet: "Export", HeaderRow: 1},
		},
	}
	for _, tt := range tests {
		name := strings.ToUpper(tt.file[:3])
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			input := copyInitCase(t, dir, tt.file)
			mappingPath := filepath.Join(dir, "mapping.yaml")

			args := []string{"init", input, "-o", mappingPath}
			if tt.country != "" {
				args = append(args, "--country", tt.country)
			}
			status, _, stderr := mainWithBuffers(args...)
			if status != cli.ExitOK {
				t.Fatalf("init exit status = %d, want %d\n%s", status, cli.ExitOK, stderr)
			}
			for _, pattern := range tt.stderr {
				if !regexp.MustCompile(pattern).MatchString(stderr) {
					t.Errorf("init output does not match %q:\n%s", pattern, stderr)
				}
			}

			m, err := mapping.Load(mappingPath)
			if err != nil {
				t.Fatalf("load the written mapping: %v", err)
			}
			checkPlacedFields(t, m, tt.fields)
			checkSource(t, m.Source, tt.source)
			wantCountry := tt.country
			if wantCountry == "" {
				wantCountry = mapping.DefaultCountry
			}
			if m.DefaultCountry != wantCountry {
				t.Errorf("defaults.country = %q, want %q", m.DefaultCountry, wantCountry)
			}

			status, _, stderr = mainWithBuffers("check", input, "-m", mappingPath)
			if status == cli.ExitUsage {
				t.Fatalf("check rejected the written mapping with exit status %d, want 0 or 1:\n%s", status, stderr)
			}
			if status != tt.checkStatus {
				t.Errorf("check exit status = %d, want %d\n%s", status, tt.checkStatus, stderr)
			}
			format := spreadsheet.CSV
			if filepath.Ext(tt.file) == ".xlsx" {
				format = spreadsheet.XLSX
			}
			reportPath, _ := importer.ReportPaths(input, "", format)
			if _, err := os.Stat(reportPath); err != nil {
				t.Errorf("report of check: %v", err)
			}
		})
	}
}

// checkPlacedFields checks that m maps exactly the fields of want, each
// from the column with that header.
func checkPlacedFields(t *testing.T, m *mapping.Mapping, want map[string]string) {
	t.Helper()
	for _, path := range mapping.FieldPaths() {
		f := m.Field(path)
		header, wanted := want[path]
		switch {
		case !wanted && f != nil:
			t.Errorf("%s is mapped (column %q, template %q), want it left out", path, f.Column, f.Template)
		case wanted && f == nil:
			t.Errorf("%s is not mapped, want column %q", path, header)
		case wanted && f.Kind != mapping.FromColumn:
			t.Errorf("%s is mapped with kind %d, want column %q", path, f.Kind, header)
		case wanted && f.Column != header:
			t.Errorf("%s is mapped to column %q, want %q", path, f.Column, header)
		}
	}
}

func checkSource(t *testing.T, got, want mapping.Source) {
	t.Helper()
	if got.Sheet != want.Sheet {
		t.Errorf("source.sheet = %q, want %q", got.Sheet, want.Sheet)
	}
	if got.HeaderRow != want.HeaderRow {
		t.Errorf("source.header_row = %d, want %d", got.HeaderRow, want.HeaderRow)
	}
	if got.Delimiter != want.Delimiter {
		t.Errorf("source.delimiter = %q, want %q", got.Delimiter, want.Delimiter)
	}
	if got.Encoding != want.Encoding {
		t.Errorf("source.encoding = %q, want %q", got.Encoding, want.Encoding)
	}
}

// mainWithBuffers runs the command line in this process with an empty locale, so
// that messages are in English, and returns the exit status, stdout and
// stderr.
func mainWithBuffers(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	status := cli.Main(args, cli.Env{
		Stdout: &stdout,
		Stderr: &stderr,
		Getenv: func(string) string { return "" },
	})
	return status, stdout.String(), stderr.String()
}

// copyInitCase copies a case file into dir, so that the reports written
// beside it stay in the test's folder.
func copyInitCase(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(initCasesDir, name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
