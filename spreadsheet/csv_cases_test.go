package spreadsheet

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// csvWantRow is a data row as a test expects it.
type csvWantRow struct {
	number int
	cells  []string
	// codes are the diagnostic codes in order, or nil for none.
	codes []string
}

// TestCSVCases reads the real-world case files and checks what the reader
// owes them: decoding, delimiter, quoting, row numbers and field counts.
func TestCSVCases(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		encoding  string
		delimiter rune
		header    []string
		rows      []csvWantRow
	}{
		{
			name: "C01 windows-1252 semicolon", file: "c01_excel_fr_semicolon_cp1252.csv",
			encoding: "windows-1252", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email", "Téléphone", "Société", "Commentaire"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"Hélène", "Lefèvre", "helene.lefevre@example.lu", "621 000 011", "Garage Cœur d’Alsace", "Budget 15 000 € maximum"}},
				{number: 3, cells: []string{"François", "Noël", "francois.noel@example.com", "621 000 012", "Säcker Automobiles", "Intéressé par l’essai"}},
			},
		},
		{
			name: "C02 BOM before quoted header", file: "c02_utf8_bom_quoted_header.csv",
			encoding: "utf-8", delimiter: ',',
			header: []string{"Prénom", "Nom", "Email", "Téléphone"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"Jeanne", "Martin", "jeanne.martin@example.lu", "+352 621 000 021"}},
				{number: 3, cells: []string{"Paul", "Schmit", "paul.schmit@example.com", "+352 621 000 022"}},
			},
		},
		{
			name: "C03 BOM before first column", file: "c03_utf8_bom_first_column_id.csv",
			encoding: "utf-8", delimiter: ';',
			header: []string{"ID", "Prénom", "Nom", "Email"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"LD-1001", "Jeanne", "Martin", "jeanne.martin@example.lu"}},
				{number: 3, cells: []string{"LD-1002", "Paul", "Schmit", "paul.schmit@example.com"}},
			},
		},
		{
			name: "C04 UTF-16LE tab", file: "c04_excel_unicode_text_utf16le.txt",
			encoding: "utf-16le", delimiter: '\t',
			header: []string{"Prénom", "Nom", "Email", "Société"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"Zofia", "Łęcka", "zofia.lecka@example.com", "Auto Łódź Sàrl"}},
				{number: 3, cells: []string{"Marie", "Dubois", "marie.dubois@example.lu", `Garage "Le Lion"`}},
			},
		},
		{
			name: "C06 sep directive", file: "c06_sep_hint_first_line.csv",
			encoding: "utf-8", delimiter: ';',
			header: []string{"FirstName", "LastName", "Email", "Company"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"Jeanne", "Martin", "jeanne.martin@example.lu", "Martin, Fils & Cie"}},
				{number: 3, cells: []string{"Paul", "Schmit", "paul.schmit@example.com", "Schmit SA"}},
			},
		},
		{
			name: "C07 line breaks in cells", file: "c07_multiline_cells_row_numbers.csv",
			encoding: "utf-8", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email", "Téléphone", "Commentaire"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"Jeanne", "Martin", "jeanne.martin@example.lu", "", "Rappeler après 18h\nIntéressée par une reprise"}},
				{number: 3, cells: []string{"Paul", "Schmit", "paul.schmit@example.com", "", "Adresse :\n12 rue de l'Exemple\nL-0000 Exempleville"}},
				{number: 4, cells: []string{"Luc", "Weber", "", "", "Pas de coordonnées"}},
			},
		},
		{
			name: "C08 bare quotes", file: "c08_bare_quotes_in_unquoted_fields.csv",
			encoding: "utf-8", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email", "Société", "Commentaire"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"Jeanne", "Martin", "jeanne.martin@example.lu", `Garage "Le Lion" Sàrl`, "Essai samedi"}},
				{number: 3, cells: []string{"Paul", "Schmit", "paul.schmit@example.com", "Auto 2000", `Pneus 17" hiver`}},
				{number: 4, cells: []string{"Luc", "Weber", "luc.weber@example.com", "Weber Autos", "RAS"}},
			},
		},
		{
			name: "C10 extra field", file: "c10_unquoted_delimiter_extra_field.csv",
			encoding: "utf-8", delimiter: ',',
			header: []string{"First name", "Last name", "Email", "Company", "Phone"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"Jeanne", "Martin", "jeanne.martin@example.lu", "Garage Martin", "+352 621 000 101"}},
				{number: 3, cells: []string{"Paul", "Schmit", "paul.schmit@example.com", "Schmit & Fils", " SARL", "+352 621 000 102"}, codes: []string{"field_count"}},
				{number: 4, cells: []string{"Luc", "Weber", "luc.weber@example.com", "Weber Autos", "+352 621 000 103"}},
			},
		},
		{
			name: "C11 trailing empty columns and rows", file: "c11_trailing_delimiter_rows_and_columns.csv",
			encoding: "windows-1252", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"Jeanne", "Martin", "jeanne.martin@example.lu"}},
				{number: 3, cells: []string{"Paul", "Schmit", "paul.schmit@example.com"}},
			},
		},
		{
			name: "C14 NBSP and zero-width spaces", file: "c14_nbsp_and_zero_width_spaces.csv",
			encoding: "utf-8", delimiter: ';',
			header: []string{"Prénom", "Nom", "E-mail", "Téléphone"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"Jeanne", "Martin", "jeanne.martin@example.lu\u00a0", "+352\u00a0621\u00a0000\u00a0141"}},
				{number: 3, cells: []string{"Paul", "Schmit\u00a0", "\u200bpaul.schmit@example.com", "+352 621 000 142"}},
			},
		},
		{
			name: "C15 scientific notation", file: "c15_phone_scientific_notation.csv",
			encoding: "windows-1252", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email", "Téléphone"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"Jeanne", "Martin", "", "3,52621E+11"}},
				{number: 3, cells: []string{"Paul", "Schmit", "paul.schmit@example.com", "3.52621E+11"}},
				{number: 4, cells: []string{"Luc", "Weber", "", "+352 621 000 153"}},
			},
		},
		{
			name: "C17 plus sign lost", file: "c17_phone_plus_sign_lost.csv",
			encoding: "windows-1252", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email", "Téléphone"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"Jeanne", "Martin", "", "352621000171"}},
				{number: 3, cells: []string{"Hugo", "Petit", "", "33612000172"}},
				{number: 4, cells: []string{"Paul", "Schmit", "", "00352621000173"}},
				{number: 5, cells: []string{"Marie", "Dubois", "", "0032470000174"}},
				{number: 6, cells: []string{"Luc", "Weber", "", "+352621000175"}},
			},
		},
		{
			name: "C18 email variants", file: "c18_email_variants.csv",
			encoding: "utf-8", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"Jeanne", "Martin", " Jeanne.Martin@Example.LU "}},
				{number: 3, cells: []string{"Paul", "Schmit", "mailto:paul.schmit@example.com"}},
				{number: 4, cells: []string{"Luc", "Weber", "luc.weber@example.com; luc@example.org"}},
				{number: 5, cells: []string{"Anne", "Kieffer", "anne.kieffer@example"}},
				{number: 6, cells: []string{"Marc", "Hansen", "marc.hansen@@example.lu"}},
				{number: 7, cells: []string{"Sophie", "Muller", "Sophie Muller <sophie.muller@example.com>"}},
			},
		},
		{
			name: "C20 price formats", file: "c20_price_text_formats.csv",
			encoding: "utf-8", delimiter: ';',
			header: []string{"Prénom", "Email", "Référence", "Prix"},
			rows: []csvWantRow{
				{number: 2, cells: []string{"Jeanne", "jeanne.martin@example.lu", "VO-20001", "45\u202f000\u00a0€"}},
				{number: 3, cells: []string{"Paul", "paul.schmit@example.com", "VO-20002", "45.000,00"}},
				{number: 4, cells: []string{"Luc", "luc.weber@example.com", "VO-20003", "45,000.00"}},
				{number: 5, cells: []string{"Anne", "anne.kieffer@example.lu", "VO-20004", "1.355,90 €"}},
				{number: 6, cells: []string{"Marc", "marc.hansen@example.lu", "VO-20005", "14 000,12 EUR"}},
				{number: 7, cells: []string{"Sophie", "sophie.muller@example.com", "VO-20006", "-500"}},
			},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, rows := csvReadFile(t, filepath.Join("..", "testdata", "cases", tt.file), Options{})

			if got := table.Format(); got != CSV {
				t.Errorf("Format() = %q, want %q", got, CSV)
			}
			if got := table.Encoding(); got != tt.encoding {
				t.Errorf("Encoding() = %q, want %q", got, tt.encoding)
			}
			if got := table.Delimiter(); got != tt.delimiter {
				t.Errorf("Delimiter() = %q, want %q", got, tt.delimiter)
			}
			if got := table.HeaderRow(); got != 1 {
				t.Errorf("HeaderRow() = %d, want 1", got)
			}
			if got := table.Sheet(); got != "" {
				t.Errorf("Sheet() = %q, want empty", got)
			}
			if got := table.Header(); !slices.Equal(got, tt.header) {
				t.Errorf("Header() = %q, want %q", got, tt.header)
			}
			csvCheckRows(t, rows, tt.rows)
			csvCheckClean(t, rows)
		})
	}
}

// TestCSVCaseC10Message checks that the field count error of C10 names the
// counts and the value that the comma split.
func TestCSVCaseC10Message(t *testing.T) {
	_, rows := csvReadFile(t, filepath.Join("..", "testdata", "cases", "c10_unquoted_delimiter_extra_field.csv"), Options{})
	if len(rows) != 3 {
		t.Fatalf("got %d rows, want 3", len(rows))
	}

	d := rows[1].Diagnostics
	if len(d) != 1 {
		t.Fatalf("row 3 has %d diagnostics, want 1", len(d))
	}
	msg := d[0].Error()
	for _, want := range []string{"row 3", "6 fields", "header has 5", `"Schmit & Fils, SARL"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not contain %q", msg, want)
		}
	}
	if got, want := d[0].Value, "Schmit & Fils, SARL"; got != want {
		t.Errorf("Value = %q, want %q", got, want)
	}
	if got, want := rows[1].Cells[5], "+352 621 000 102"; got != want {
		t.Errorf("row 3 phone cell = %q, want %q (never shifted)", got, want)
	}
}
