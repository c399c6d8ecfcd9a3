package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/i18n"
	"github.com/aello-copilot/aello-import/importer"
	"github.com/aello-copilot/aello-import/mapping"
	"github.com/aello-copilot/aello-import/spreadsheet"
)

// casesDir holds the real-world input files that every layer tests. The
// mapping of each, named after it, is in testdata/cases.
const casesDir = "../testdata/cases"

// rowWant is what the report and the emit file must show for one input row.
type rowWant struct {
	row    int
	status importer.Status
	// code and field are the report's error_code and field columns: the
	// first error of an invalid row, or the first warning of a valid one.
	code  string
	field string
	// lead is the request body of a valid row, compared field by field.
	lead aello.Lead
	// message lists texts that the report's message column must contain.
	message []string
}

// caseTest is one input run through importer.Run as check --emit runs it.
type caseTest struct {
	name string
	// file is an input in casesDir. When build is set, it writes a
	// generated input into dir instead and returns its path.
	file  string
	build func(t *testing.T, dir string) string
	// mapping is a file in testdata/cases, or "" for the one named after
	// file.
	mapping string
	// override changes the reader settings after the mapping's source
	// section, as the --sheet, --header-row, --delimiter and --encoding
	// flags do.
	override func(*spreadsheet.Options)
	lang     i18n.Lang
	// delimiter is the report's: the input's own, or ';' for XLSX input.
	delimiter rune
	// header is the input's columns as the report repeats them.
	header []string
	// rows lists every row of the report, in order.
	rows []rowWant
	// never checks what must not happen on this input.
	never func(t *testing.T, run *caseRun)
}

// caseRun is what one run produced.
type caseRun struct {
	summary *importer.Summary
	header  []string
	report  []reportLine
	emitted []emitLine
}

// reportLine is one data line of NAME.report.csv.
type reportLine struct {
	row        int
	status     string
	httpStatus string
	code       string
	field      string
	message    string
	cells      []string
}

// emitLine is one line of the emit file.
type emitLine struct {
	row  int
	lead aello.Lead
}

// person returns a lead with a contact; phone is written as the API wants
// it, "352/621000011" for phoneCountryCode 352 and phoneNumber 621000011,
// or "" for none.
func person(first, last, email, phone string) aello.Lead {
	code, number, _ := strings.Cut(phone, "/")
	return aello.Lead{Contact: aello.Contact{FirstName: first, LastName: last, Email: email, PhoneCountryCode: code, PhoneNumber: number}}
}

func withCompany(lead aello.Lead, company string) aello.Lead {
	lead.Contact.CompanyName = company
	return lead
}

func withMessage(lead aello.Lead, message string) aello.Lead {
	lead.Message = message
	return lead
}

func withExternalID(lead aello.Lead, id string) aello.Lead {
	lead.ExternalID = id
	return lead
}

func withProduct(lead aello.Lead, reference string, price *float64) aello.Lead {
	lead.Product = &aello.Product{Reference: reference, Price: price}
	return lead
}

func price(v float64) *float64 { return &v }

func valid(row int, lead aello.Lead) rowWant {
	return rowWant{row: row, status: importer.Valid, lead: lead}
}

// warned is a valid row whose report names a warning.
func warned(row int, lead aello.Lead, code, field string, message ...string) rowWant {
	return rowWant{row: row, status: importer.Valid, code: code, field: field, lead: lead, message: message}
}

func invalid(row int, code, field string, message ...string) rowWant {
	return rowWant{row: row, status: importer.Invalid, code: code, field: field, message: message}
}

// TestCases runs every real-world case file through the real reader, its
// mapping, validation and the report, as check --emit does, and compares
// the report and the request bodies with the expected behaviour.
func TestCases(t *testing.T) {
	tests := []caseTest{
		{
			name: "C01 Windows-1252 semicolon", file: "c01_excel_fr_semicolon_cp1252.csv", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email", "Téléphone", "Société", "Commentaire"},
			rows: []rowWant{
				valid(2, withMessage(withCompany(person("Hélène", "Lefèvre", "helene.lefevre@example.lu", "352/621000011"), "Garage Cœur d’Alsace"), "Budget 15 000 € maximum")),
				valid(3, withMessage(withCompany(person("François", "Noël", "francois.noel@example.com", "352/621000012"), "Säcker Automobiles"), "Intéressé par l’essai")),
			},
		},
		{
			name: "C02 BOM before quoted header", file: "c02_utf8_bom_quoted_header.csv", delimiter: ',',
			header: []string{"Prénom", "Nom", "Email", "Téléphone"},
			rows: []rowWant{
				valid(2, person("Jeanne", "Martin", "jeanne.martin@example.lu", "352/621000021")),
				valid(3, person("Paul", "Schmit", "paul.schmit@example.com", "352/621000022")),
			},
		},
		{
			name: "C03 BOM before ID column", file: "c03_utf8_bom_first_column_id.csv", delimiter: ';',
			header: []string{"ID", "Prénom", "Nom", "Email"},
			rows: []rowWant{
				valid(2, withExternalID(person("Jeanne", "Martin", "jeanne.martin@example.lu", ""), "LD-1001")),
				valid(3, withExternalID(person("Paul", "Schmit", "paul.schmit@example.com", ""), "LD-1002")),
			},
		},
		{
			name: "C04 UTF-16LE tab", file: "c04_excel_unicode_text_utf16le.txt", delimiter: '\t',
			header: []string{"Prénom", "Nom", "Email", "Société"},
			rows: []rowWant{
				valid(2, withCompany(person("Zofia", "Łęcka", "zofia.lecka@example.com", ""), "Auto Łódź Sàrl")),
				valid(3, withCompany(person("Marie", "Dubois", "marie.dubois@example.lu", ""), `Garage "Le Lion"`)),
			},
		},
		{
			name: "C06 sep directive", file: "c06_sep_hint_first_line.csv", delimiter: ';',
			header: []string{"FirstName", "LastName", "Email", "Company"},
			rows: []rowWant{
				valid(2, withCompany(person("Jeanne", "Martin", "jeanne.martin@example.lu", ""), "Martin, Fils & Cie")),
				valid(3, withCompany(person("Paul", "Schmit", "paul.schmit@example.com", ""), "Schmit SA")),
			},
			never: neverReportCellPrefix("sep="),
		},
		{
			name: "C07 line breaks and row numbers", file: "c07_multiline_cells_row_numbers.csv", delimiter: ';',
			header: c07Header,
			rows:   c07Rows,
		},
		{
			name: "C08 bare quotes", file: "c08_bare_quotes_in_unquoted_fields.csv", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email", "Société", "Commentaire"},
			rows: []rowWant{
				valid(2, withMessage(withCompany(person("Jeanne", "Martin", "jeanne.martin@example.lu", ""), `Garage "Le Lion" Sàrl`), "Essai samedi")),
				valid(3, withMessage(withCompany(person("Paul", "Schmit", "paul.schmit@example.com", ""), "Auto 2000"), `Pneus 17" hiver`)),
				valid(4, withMessage(withCompany(person("Luc", "Weber", "luc.weber@example.com", ""), "Weber Autos"), "RAS")),
			},
		},
		{
			name: "C10 extra field", file: "c10_unquoted_delimiter_extra_field.csv", delimiter: ',',
			header: c10Header,
			rows: []rowWant{
				valid(2, withCompany(person("Jeanne", "Martin", "jeanne.martin@example.lu", "352/621000101"), "Garage Martin")),
				invalid(3, "field_count", "", "D (Company)", "6 fields were found where the header has 5", `"Schmit & Fils, SARL"`),
				valid(4, withCompany(person("Luc", "Weber", "luc.weber@example.com", "352/621000103"), "Weber Autos")),
			},
			never: func(t *testing.T, run *caseRun) {
				line := run.line(t, 3)
				if strings.Contains(line.message, "E (Phone)") {
					t.Errorf("row 3: message = %q, want no diagnostic on the shifted column E (Phone)", line.message)
				}
				wantCells := []string{"Paul", "Schmit", "paul.schmit@example.com", "Schmit & Fils", " SARL", "'+352 621 000 102"}
				checkCells(t, 3, line.cells, wantCells)
				neverPhone("", "SARL")(t, run)
			},
		},
		{
			name: "C11 trailing empty columns and rows", file: "c11_trailing_delimiter_rows_and_columns.csv", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email"},
			rows: []rowWant{
				valid(2, person("Jeanne", "Martin", "jeanne.martin@example.lu", "")),
				valid(3, person("Paul", "Schmit", "paul.schmit@example.com", "")),
			},
			never: neverFailed,
		},
		{
			name: "C14 NBSP and zero-width spaces", file: "c14_nbsp_and_zero_width_spaces.csv", delimiter: ';',
			header: []string{"Prénom", "Nom", "E-mail", "Téléphone"},
			rows: []rowWant{
				valid(2, person("Jeanne", "Martin", "jeanne.martin@example.lu", "352/621000141")),
				valid(3, person("Paul", "Schmit", "paul.schmit@example.com", "352/621000142")),
			},
			never: func(t *testing.T, run *caseRun) {
				for _, e := range run.emitted {
					if n := len([]rune(e.lead.Contact.Email)); e.row == 2 && n != 24 {
						t.Errorf("row 2: email %q has %d characters, want 24", e.lead.Contact.Email, n)
					}
				}
			},
		},
		{
			name: "C15 scientific notation", file: "c15_phone_scientific_notation.csv", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email", "Téléphone"},
			rows: []rowWant{
				invalid(2, "phone_scientific_notation", mapping.FieldPhone, "D (Téléphone)", `"3,52621E+11"`, "scientific notation", "format the column as Text"),
				invalid(3, "phone_scientific_notation", mapping.FieldPhone, "D (Téléphone)", `"3.52621E+11"`, "scientific notation", "format the column as Text"),
				valid(4, person("Luc", "Weber", "", "352/621000153")),
			},
			never: neverPhone("352", "621000000"),
		},
		{
			name: "C17 plus sign lost with FR", file: "c17_phone_plus_sign_lost.csv", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email", "Téléphone"},
			rows: []rowWant{
				warned(2, person("Jeanne", "Martin", "", "352/621000171"), "phone_plus_assumed", mapping.FieldPhone, "warning: D (Téléphone)", `"352621000171"`),
				valid(3, person("Hugo", "Petit", "", "33/612000172")),
				valid(4, person("Paul", "Schmit", "", "352/621000173")),
				valid(5, person("Marie", "Dubois", "", "32/470000174")),
				valid(6, person("Luc", "Weber", "", "352/621000175")),
			},
		},
		{
			name: "C18 email variants", file: "c18_email_variants.csv", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email"},
			rows: []rowWant{
				valid(2, person("Jeanne", "Martin", "Jeanne.Martin@example.lu", "")),
				warned(3, person("Paul", "Schmit", "paul.schmit@example.com", ""), "email_mailto_removed", aello.FieldEmail, "warning: C (Email)", "mailto:"),
				invalid(4, "email_two_addresses", aello.FieldEmail, "C (Email)", `"luc.weber@example.com; luc@example.org"`, "keep one"),
				invalid(5, "email_invalid", aello.FieldEmail, "C (Email)", `"anne.kieffer@example"`, "dot"),
				invalid(6, "email_invalid", aello.FieldEmail, "C (Email)", `"marc.hansen@@example.lu"`, "@"),
				warned(7, person("Sophie", "Muller", "sophie.muller@example.com", ""), "email_display_name_removed", aello.FieldEmail, "warning: C (Email)"),
			},
			never: func(t *testing.T, run *caseRun) {
				for _, e := range run.emitted {
					if email := e.lead.Contact.Email; strings.ContainsAny(email, " ;<>") || strings.Contains(email, "mailto:") {
						t.Errorf("row %d: email %q sent, want a bare address", e.row, email)
					}
				}
			},
		},
		{
			name: "C20 price formats", file: "c20_price_text_formats.csv", delimiter: ';',
			header: c20Header,
			rows:   slices.Concat(c20ValidRows, []rowWant{invalid(7, "price_negative", aello.FieldPrice, "D (Prix)", `"-500"`, "negative")}),
			never:  neverPrice(45, 0.12, 1.35, -500),
		},
		{
			name: "C21 header on row 3", file: "c21_title_row_header_on_row3.xlsx", delimiter: ';',
			header: c21Header,
			rows:   c21Rows,
		},
		{
			name: "C23 first visible sheet", file: "c23_hidden_first_sheet_several_sheets.xlsx", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email", "Statut"},
			rows: []rowWant{
				valid(2, person("Jeanne", "Martin", "jeanne.martin@example.lu", "")),
				valid(3, person("Paul", "Schmit", "paul.schmit@example.com", "")),
			},
		},
		{
			name: "C25 short rows and blank row", file: "c25_short_rows_blank_middle_row.xlsx", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email", "Téléphone", "Société", "Commentaire"},
			rows: []rowWant{
				valid(2, withMessage(withCompany(person("Jeanne", "Martin", "jeanne.martin@example.lu", "352/621000251"), "Garage Martin"), "Essai samedi")),
				valid(3, person("Paul", "Schmit", "paul.schmit@example.com", "352/621000252")),
				valid(5, person("Luc", "Weber", "", "352/621000255")),
				valid(6, withMessage(person("Anne", "Kieffer", "anne.kieffer@example.lu", ""), "Rappeler")),
			},
		},
		{
			name: "C26 numbers stored as numbers", file: "c26_phone_numbers_stored_as_numbers.xlsx", delimiter: ';',
			header: []string{"Prénom", "Nom", "Téléphone", "Référence"},
			rows: []rowWant{
				valid(2, withProduct(person("Élodie", "Bernard", "", "33/612000261"), "00012345", nil)),
				valid(3, withProduct(person("Hugo", "Petit", "", "33/612000262"), "00012346", nil)),
				warned(4, person("Jeanne", "Martin", "", "352/621000263"), "phone_plus_assumed", mapping.FieldPhone, "warning: C (Téléphone)", `"352621000263"`),
				valid(5, person("Chloé", "Roux", "", "33/612000264")),
				valid(6, person("Nathan", "Moreau", "", "33/612000265")),
			},
		},
		{
			// The reader renders date serials as ISO 8601 dates whatever
			// their number format, and the text cell C5 stays as typed.
			name: "C28 date serials in a template", file: "c28_date_serials_and_locale_formats.xlsx", delimiter: ';',
			header: []string{"Prénom", "Email", "Date contact", "Commentaire"},
			rows: []rowWant{
				valid(2, withMessage(person("Jeanne", "", "jeanne.martin@example.lu", ""), "Essai routier – contact du 2024-03-15")),
				valid(3, withMessage(person("Paul", "", "paul.schmit@example.com", ""), "Demande de reprise – contact du 2024-03-16")),
				valid(4, withMessage(person("Luc", "", "luc.weber@example.com", ""), "Devis leasing – contact du 2024-03-17")),
				valid(5, withMessage(person("Anne", "", "anne.kieffer@example.lu", ""), "Rappeler – contact du 18/03/2024")),
			},
			never: func(t *testing.T, run *caseRun) {
				for _, e := range run.emitted {
					for _, bad := range []string{"45366", "45367", "45368", "03-15-24", "03-16-24", "03-17-24", "12:00"} {
						if strings.Contains(e.lead.Message, bad) {
							t.Errorf("row %d: message %q contains %q, want the date the user sees", e.row, e.lead.Message, bad)
						}
					}
				}
			},
		},
		{
			name: "C30 inline strings and rich text", file: "c30_inline_strings_rich_text.xlsx", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email", "Société"},
			rows: []rowWant{
				valid(2, withCompany(person("Jeanne", "Martin", "jeanne.martin@example.lu", ""), "Garage du Nord")),
				valid(3, withCompany(person("Paul", "Schmit", "paul.schmit@example.com", ""), "Auto Sud")),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkCase(t, tt)
		})
	}
}

// Expectations shared by a case and its variants.
var (
	c07Header = []string{"Prénom", "Nom", "Email", "Téléphone", "Commentaire"}
	c07Rows   = []rowWant{
		valid(2, withMessage(person("Jeanne", "Martin", "jeanne.martin@example.lu", ""), "Rappeler après 18h\nIntéressée par une reprise")),
		valid(3, withMessage(person("Paul", "Schmit", "paul.schmit@example.com", ""), "Adresse :\n12 rue de l'Exemple\nL-0000 Exempleville")),
		invalid(4, "email_or_phone_required", aello.FieldEmail, "C (Email)", "D (Téléphone)", "neither an email nor a phone"),
	}

	c10Header = []string{"First name", "Last name", "Email", "Company", "Phone"}

	c20Header    = []string{"Prénom", "Email", "Référence", "Prix"}
	c20ValidRows = []rowWant{
		valid(2, withProduct(person("Jeanne", "", "jeanne.martin@example.lu", ""), "VO-20001", price(45000))),
		valid(3, withProduct(person("Paul", "", "paul.schmit@example.com", ""), "VO-20002", price(45000))),
		valid(4, withProduct(person("Luc", "", "luc.weber@example.com", ""), "VO-20003", price(45000))),
		valid(5, withProduct(person("Anne", "", "anne.kieffer@example.lu", ""), "VO-20004", price(1355.9))),
		valid(6, withProduct(person("Marc", "", "marc.hansen@example.lu", ""), "VO-20005", price(14000.12))),
	}

	c21Header = []string{"Prénom", "Nom", "Email", "Téléphone", "Commentaire"}
	c21Rows   = []rowWant{
		valid(4, withMessage(person("Jeanne", "Martin", "jeanne.martin@example.lu", "352/621000111"), "Essai routier samedi")),
		valid(5, person("Paul", "Schmit", "paul.schmit@example.com", "352/621000112")),
		valid(6, withMessage(person("Luc", "Weber", "", "352/621000113"), "Rappeler lundi")),
	}
)

// TestCaseVariants runs inputs derived from the case files, as other
// exports or other settings give them.
func TestCaseVariants(t *testing.T) {
	c01Leads := []rowWant{
		valid(2, withMessage(withCompany(person("Hélène", "Lefèvre", "helene.lefevre@example.lu", "352/621000011"), "Garage Cœur d'Alsace"), "Budget 15 000 € maximum")),
		valid(3, withMessage(withCompany(person("François", "Noël", "francois.noel@example.com", "352/621000012"), "Säcker Automobiles"), "Intéressé par l'essai")),
	}
	c01Header := []string{"Prénom", "Nom", "Email", "Téléphone", "Société", "Commentaire"}

	tests := []caseTest{
		{
			// ISO-8859-15 has no U+2019, so the variant uses an apostrophe.
			// It puts € at 0xA4 and œ at 0xBD, which Windows-1252 reads as
			// ¤ and ½.
			name: "C01 saved as ISO-8859-15", mapping: "c01_excel_fr_semicolon_cp1252.yaml", delimiter: ';',
			build: func(t *testing.T, dir string) string {
				text := strings.ReplaceAll(decodeCase(t, "c01_excel_fr_semicolon_cp1252.csv", charmap.Windows1252), "’", "'")
				return writeEncoded(t, dir, "c01_latin9.csv", text, charmap.ISO8859_15.NewEncoder().String)
			},
			header: c01Header, rows: c01Leads,
		},
		{
			name: "C01 saved as CSV UTF-8", mapping: "c01_excel_fr_semicolon_cp1252.yaml", delimiter: ';',
			build: func(t *testing.T, dir string) string {
				text := strings.ReplaceAll(decodeCase(t, "c01_excel_fr_semicolon_cp1252.csv", charmap.Windows1252), "’", "'")
				return writeInput(t, dir, "c01_utf8.csv", "\ufeff"+text)
			},
			header: c01Header, rows: c01Leads,
		},
		{
			name: "C04 saved as UTF-16BE", mapping: "c04_excel_unicode_text_utf16le.yaml", delimiter: '\t',
			build: func(t *testing.T, dir string) string {
				text := decodeCase(t, "c04_excel_unicode_text_utf16le.txt", xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM))
				return writeEncoded(t, dir, "c04_be.txt", text, xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewEncoder().String)
			},
			header: []string{"Prénom", "Nom", "Email", "Société"},
			rows: []rowWant{
				valid(2, withCompany(person("Zofia", "Łęcka", "zofia.lecka@example.com", ""), "Auto Łódź Sàrl")),
				valid(3, withCompany(person("Marie", "Dubois", "marie.dubois@example.lu", ""), `Garage "Le Lion"`)),
			},
		},
		{
			// The directive sets "," as the delimiter, so the unquoted ";"
			// inside the company names stay in the values.
			name: "C06 sep comma directive", mapping: "c06_sep_hint_first_line.yaml", delimiter: ',',
			build: func(t *testing.T, dir string) string {
				return writeInput(t, dir, "c06_comma.csv", "sep=,\r\nFirstName,LastName,Email,Company\r\n"+
					"Jeanne,Martin,jeanne.martin@example.lu,Martin; Fils; Cie\r\n"+
					"Paul,Schmit,paul.schmit@example.com,Schmit; SA\r\n")
			},
			header: []string{"FirstName", "LastName", "Email", "Company"},
			rows: []rowWant{
				valid(2, withCompany(person("Jeanne", "Martin", "jeanne.martin@example.lu", ""), "Martin; Fils; Cie")),
				valid(3, withCompany(person("Paul", "Schmit", "paul.schmit@example.com", ""), "Schmit; SA")),
			},
			never: neverReportCellPrefix("sep="),
		},
		{
			name: "C07 with LF line ends", mapping: "c07_multiline_cells_row_numbers.yaml", delimiter: ';',
			build: func(t *testing.T, dir string) string {
				return writeInput(t, dir, "c07_lf.csv", strings.ReplaceAll(readCase(t, "c07_multiline_cells_row_numbers.csv"), "\r\n", "\n"))
			},
			header: c07Header, rows: c07Rows,
		},
		{
			// Excel for Mac's "CSV (Macintosh)" ends records with CR and
			// keeps LF for the line breaks inside cells.
			name: "C07 with CR line ends", mapping: "c07_multiline_cells_row_numbers.yaml", delimiter: ';',
			build: func(t *testing.T, dir string) string {
				return writeInput(t, dir, "c07_cr.csv", strings.ReplaceAll(readCase(t, "c07_multiline_cells_row_numbers.csv"), "\r\n", "\r"))
			},
			header: c07Header, rows: c07Rows,
		},
		{
			name: "C10 row with a missing field", mapping: "c10_unquoted_delimiter_extra_field.yaml", delimiter: ',',
			build: func(t *testing.T, dir string) string {
				return writeInput(t, dir, "c10_short.csv", "First name,Last name,Email,Company,Phone\n"+
					"Jeanne,Martin,jeanne.martin@example.lu,Garage Martin,+352 621 000 101\n"+
					"Paul,Schmit,paul.schmit@example.com,+352 621 000 102\n"+
					"Luc,Weber,luc.weber@example.com,Weber Autos,+352 621 000 103\n")
			},
			header: c10Header,
			rows: []rowWant{
				valid(2, withCompany(person("Jeanne", "Martin", "jeanne.martin@example.lu", "352/621000101"), "Garage Martin")),
				invalid(3, "field_count", "", "4 fields were found where the header has 5"),
				valid(4, withCompany(person("Luc", "Weber", "luc.weber@example.com", "352/621000103"), "Weber Autos")),
			},
			never: func(t *testing.T, run *caseRun) {
				if message := run.line(t, 3).message; strings.Contains(message, "D (Company)") {
					t.Errorf("row 3: message = %q, want no diagnostic on the shifted column D (Company)", message)
				}
			},
		},
		{
			name: "C11 with a thousand delimiter rows", mapping: "c11_trailing_delimiter_rows_and_columns.yaml", delimiter: ';',
			build: func(t *testing.T, dir string) string {
				text := "Pr\xe9nom;Nom;Email;;;\r\nJeanne;Martin;jeanne.martin@example.lu;;;\r\nPaul;Schmit;paul.schmit@example.com;;;\r\n" +
					strings.Repeat(";;;;;\r\n", 1000)
				return writeInput(t, dir, "c11_many.csv", text)
			},
			header: []string{"Prénom", "Nom", "Email"},
			rows: []rowWant{
				valid(2, person("Jeanne", "Martin", "jeanne.martin@example.lu", "")),
				valid(3, person("Paul", "Schmit", "paul.schmit@example.com", "")),
			},
			never: neverFailed,
		},
		{
			// With LU as the default country, 33612000172 is a valid
			// Luxembourg landline, so only a warning points to France.
			name: "C17 plus sign lost with LU", file: "c17_phone_plus_sign_lost.csv", mapping: "c17_phone_plus_sign_lost_lu.yaml", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email", "Téléphone"},
			rows: []rowWant{
				valid(2, person("Jeanne", "Martin", "", "352/621000171")),
				warned(3, person("Hugo", "Petit", "", "352/33612000172"), "phone_ambiguous", mapping.FieldPhone, "warning: D (Téléphone)", "+33 6 12 00 01 72"),
				valid(4, person("Paul", "Schmit", "", "352/621000173")),
				valid(5, person("Marie", "Dubois", "", "32/470000174")),
				valid(6, person("Luc", "Weber", "", "352/621000175")),
			},
		},
		{
			name: "C20 report in French", file: "c20_price_text_formats.csv", mapping: "c20_price_text_formats.yaml", delimiter: ';',
			lang:   i18n.French,
			header: c20Header,
			rows:   slices.Concat(c20ValidRows, []rowWant{invalid(7, "price_negative", aello.FieldPrice, "D (Prix) :", `"-500"`, "négatif")}),
		},
		{
			name: "C21 header row given", file: "c21_title_row_header_on_row3.xlsx", delimiter: ';',
			override: func(o *spreadsheet.Options) { o.HeaderRow = 3 },
			header:   c21Header, rows: c21Rows,
		},
		{
			name: "C23 other sheet with skip_if", file: "c23_hidden_first_sheet_several_sheets.xlsx", mapping: "c23_archive_skip_cancelled.yaml", delimiter: ';',
			header: []string{"Prénom", "Nom", "Email", "Statut"},
			rows: []rowWant{
				{row: 2, status: importer.Skipped, code: "skip_if", message: []string{"Statut"}},
				valid(3, person("Anne", "Kieffer", "anne.kieffer@example.lu", "")),
				valid(4, person("Marc", "Hansen", "marc.hansen@example.lu", "")),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkCase(t, tt)
		})
	}
}

// TestCaseWrongHeaderRow checks that a header row that holds the title
// stops the run before any report is written.
func TestCaseWrongHeaderRow(t *testing.T) {
	dir := t.TempDir()
	input := copyCase(t, dir, "c21_title_row_header_on_row3.xlsx")
	m := loadCaseMapping(t, "c21_title_row_header_on_row3.yaml")
	source := sourceOptions(m)
	source.HeaderRow = 1

	summary, err := importer.Run(context.Background(), importer.Options{Input: input, Mapping: m, Source: source, Lang: i18n.English})

	var setup *importer.SetupError
	if !errors.As(err, &setup) {
		t.Fatalf("Run error = %v, want a *importer.SetupError", err)
	}
	if summary != nil {
		t.Errorf("summary = %+v, want nil", summary)
	}
	if message := err.Error(); !strings.Contains(message, "Prénom") {
		t.Errorf("error = %q, want it to name the missing column Prénom", message)
	}
	reportPath, _ := importer.ReportPaths(input, "", spreadsheet.XLSX)
	if _, statErr := os.Stat(reportPath); !errors.Is(statErr, os.ErrNotExist) {
		t.Errorf("report %s: stat error = %v, want no report", reportPath, statErr)
	}
}

// checkCase runs one case and checks the report, the emit file and the
// summary against it.
func checkCase(t *testing.T, tt caseTest) {
	t.Helper()
	dir := t.TempDir()
	var input string
	if tt.build != nil {
		input = tt.build(t, dir)
	} else {
		input = copyCase(t, dir, tt.file)
	}
	mappingFile := tt.mapping
	if mappingFile == "" {
		mappingFile = strings.TrimSuffix(tt.file, filepath.Ext(tt.file)) + ".yaml"
	}
	lang := tt.lang
	if lang == (i18n.Lang{}) {
		lang = i18n.English
	}

	run := runCase(t, input, mappingFile, tt.override, tt.delimiter, lang)

	checkHeader(t, run.header, tt.header)
	checkRowNumbers(t, run, tt.rows)
	for _, want := range tt.rows {
		checkReportLine(t, run, want)
	}
	checkEmitted(t, run, tt.rows)
	checkSummary(t, run.summary, tt.rows)
	checkClean(t, run.emitted)
	if tt.never != nil {
		tt.never(t, run)
	}
}

// runCase runs check on input with a mapping from testdata/cases and
// reads back what it wrote.
func runCase(t *testing.T, input, mappingFile string, override func(*spreadsheet.Options), delimiter rune, lang i18n.Lang) *caseRun {
	t.Helper()
	m := loadCaseMapping(t, mappingFile)
	source := sourceOptions(m)
	if override != nil {
		override(&source)
	}
	emitPath := filepath.Join(filepath.Dir(input), "emit.jsonl")

	summary, err := importer.Run(context.Background(), importer.Options{
		Input:    input,
		Mapping:  m,
		Source:   source,
		EmitPath: emitPath,
		Lang:     lang,
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}

	run := &caseRun{summary: summary}
	run.header, run.report = readReport(t, summary.ReportPath, delimiter)
	run.emitted = readEmit(t, emitPath)
	return run
}

// sourceOptions returns the reader settings of a mapping's source
// section, as check builds them when no flag overrides it.
func sourceOptions(m *mapping.Mapping) spreadsheet.Options {
	return spreadsheet.Options{
		Sheet:     m.Source.Sheet,
		HeaderRow: m.Source.HeaderRow,
		Delimiter: m.Source.Delimiter,
		Encoding:  m.Source.Encoding,
	}
}

func loadCaseMapping(t *testing.T, name string) *mapping.Mapping {
	t.Helper()
	m, err := mapping.Load(filepath.Join("testdata", "cases", name))
	if err != nil {
		t.Fatalf("load mapping %s: %v", name, err)
	}
	return m
}

// readReport parses NAME.report.csv: UTF-8 with a byte order mark, in the
// input's delimiter. It returns the input columns of its header and its
// data lines.
func readReport(t *testing.T, path string, delimiter rune) ([]string, []reportLine) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read report: %v", err)
	}
	body, hasBOM := bytes.CutPrefix(data, []byte("\ufeff"))
	if !hasBOM {
		t.Errorf("report starts with %q, want the UTF-8 byte order mark", data[:min(len(data), 3)])
	}

	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = delimiter
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("parse report with delimiter %q: %v\n%s", delimiter, err, body)
	}
	if len(records) == 0 {
		t.Fatalf("report is empty, want a header line")
	}

	columns := len(importer.ReportColumns)
	header := records[0]
	if len(header) < columns {
		t.Fatalf("report header = %q, want it to start with %q", header, importer.ReportColumns)
	}
	for i, name := range importer.ReportColumns {
		if header[i] != name {
			t.Errorf("report column %d = %q, want %q", i+1, header[i], name)
		}
	}

	var lines []reportLine
	for i, record := range records[1:] {
		if len(record) < columns {
			t.Fatalf("report line %d has %d fields, want at least %d: %q", i+2, len(record), columns, record)
		}
		row, err := strconv.Atoi(record[0])
		if err != nil {
			t.Fatalf("report line %d: row = %q, want a number", i+2, record[0])
		}
		lines = append(lines, reportLine{
			row: row, status: record[1], httpStatus: record[2], code: record[3],
			field: record[4], message: record[5], cells: record[columns:],
		})
	}
	return header[columns:], lines
}

// readEmit parses the emit file. Each lead must decode into aello.Lead
// without unknown fields and encode back to the same bytes, so that it is
// exactly a request body.
func readEmit(t *testing.T, path string) []emitLine {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read emit file: %v", err)
	}

	var lines []emitLine
	for i, text := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if text == "" {
			continue
		}
		var raw struct {
			Row  int             `json:"row"`
			Lead json.RawMessage `json:"lead"`
		}
		if err := json.Unmarshal([]byte(text), &raw); err != nil {
			t.Fatalf("emit line %d: %v: %s", i+1, err, text)
		}

		var lead aello.Lead
		decoder := json.NewDecoder(bytes.NewReader(raw.Lead))
		decoder.DisallowUnknownFields()
		if err := decoder.Decode(&lead); err != nil {
			t.Fatalf("emit line %d: lead: %v: %s", i+1, err, raw.Lead)
		}
		again, err := json.Marshal(&lead)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, raw.Lead) {
			t.Errorf("emit line %d: lead = %s, want the encoding of aello.Lead %s", i+1, raw.Lead, again)
		}
		lines = append(lines, emitLine{row: raw.Row, lead: lead})
	}
	return lines
}

func checkHeader(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("report input columns = %q, want %q", got, want)
		return
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("report input column %d = %q, want %q", i+1, got[i], want[i])
		}
	}
}

func checkRowNumbers(t *testing.T, run *caseRun, rows []rowWant) {
	t.Helper()
	got := make([]int, len(run.report))
	for i, line := range run.report {
		got[i] = line.row
	}
	want := make([]int, len(rows))
	for i, row := range rows {
		want[i] = row.row
	}
	if !slices.Equal(got, want) {
		t.Errorf("report rows = %v, want %v", got, want)
	}
}

func checkReportLine(t *testing.T, run *caseRun, want rowWant) {
	t.Helper()
	line := run.find(want.row)
	if line == nil {
		return // checkRowNumbers reported it
	}

	if line.status != string(want.status) {
		t.Errorf("row %d: status = %q, want %q (message %q)", want.row, line.status, want.status, line.message)
	}
	if line.httpStatus != "" {
		t.Errorf("row %d: http_status = %q, want empty, since check sends nothing", want.row, line.httpStatus)
	}
	if line.code != want.code {
		t.Errorf("row %d: error_code = %q, want %q (message %q)", want.row, line.code, want.code, line.message)
	}
	if line.field != want.field {
		t.Errorf("row %d: field = %q, want %q", want.row, line.field, want.field)
	}
	for _, text := range want.message {
		if !strings.Contains(line.message, text) {
			t.Errorf("row %d: message = %q, want it to contain %q", want.row, line.message, text)
		}
	}
	if want.code == "" && line.message != "" {
		t.Errorf("row %d: message = %q, want none", want.row, line.message)
	}
}

// checkEmitted checks that the emit file holds exactly the valid rows, in
// order, each with the expected lead.
func checkEmitted(t *testing.T, run *caseRun, rows []rowWant) {
	t.Helper()
	var validRows []rowWant
	for _, row := range rows {
		if row.status == importer.Valid {
			validRows = append(validRows, row)
		}
	}

	got := make([]int, len(run.emitted))
	for i, e := range run.emitted {
		got[i] = e.row
	}
	want := make([]int, len(validRows))
	for i, row := range validRows {
		want[i] = row.row
	}
	if !slices.Equal(got, want) {
		t.Errorf("emitted rows = %v, want %v", got, want)
	}

	for _, row := range validRows {
		for _, e := range run.emitted {
			if e.row == row.row {
				checkLead(t, row.row, e.lead, row.lead)
			}
		}
	}
}

// checkLead compares every field of a lead on its own.
func checkLead(t *testing.T, row int, got, want aello.Lead) {
	t.Helper()
	gotProduct, wantProduct := got.Product, want.Product
	if (gotProduct == nil) != (wantProduct == nil) {
		t.Errorf("row %d: product = %+v, want %+v", row, gotProduct, wantProduct)
	}
	if gotProduct == nil {
		gotProduct = &aello.Product{}
	}
	if wantProduct == nil {
		wantProduct = &aello.Product{}
	}

	fields := []struct {
		path      string
		got, want string
	}{
		{aello.FieldExternalID, got.ExternalID, want.ExternalID},
		{aello.FieldFirstName, got.Contact.FirstName, want.Contact.FirstName},
		{aello.FieldLastName, got.Contact.LastName, want.Contact.LastName},
		{aello.FieldEmail, got.Contact.Email, want.Contact.Email},
		{aello.FieldPhoneCountryCode, got.Contact.PhoneCountryCode, want.Contact.PhoneCountryCode},
		{aello.FieldPhoneNumber, got.Contact.PhoneNumber, want.Contact.PhoneNumber},
		{aello.FieldCompanyName, got.Contact.CompanyName, want.Contact.CompanyName},
		{aello.FieldReference, gotProduct.Reference, wantProduct.Reference},
		{aello.FieldTitle, gotProduct.Title, wantProduct.Title},
		{aello.FieldLink, gotProduct.Link, wantProduct.Link},
		{aello.FieldImage, gotProduct.Image, wantProduct.Image},
		{aello.FieldPrice, priceText(gotProduct.Price), priceText(wantProduct.Price)},
		{aello.FieldMessage, got.Message, want.Message},
	}
	for _, f := range fields {
		if f.got != f.want {
			t.Errorf("row %d: %s = %q, want %q", row, f.path, f.got, f.want)
		}
	}
}

func priceText(p *float64) string {
	if p == nil {
		return "none"
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

// checkSummary checks the summary's counts against the expected statuses.
func checkSummary(t *testing.T, summary *importer.Summary, rows []rowWant) {
	t.Helper()
	want := map[importer.Status]int{}
	for _, row := range rows {
		want[row.status]++
	}

	if summary.Rows != len(rows) {
		t.Errorf("summary rows = %d, want %d", summary.Rows, len(rows))
	}
	for _, status := range importer.Statuses {
		if got := summary.Counts[status]; got != want[status] {
			t.Errorf("summary %s = %d, want %d", status, got, want[status])
		}
	}
	if hasErrorsFile := summary.ErrorsPath != ""; hasErrorsFile != (want[importer.Invalid] > 0) {
		t.Errorf("errors file = %q with %d invalid rows, want one exactly when a row is invalid", summary.ErrorsPath, want[importer.Invalid])
	}
}

// checkClean checks what no request body may contain, whatever the input:
// replacement characters, control characters, non-breaking, zero-width or
// byte order mark characters, and phones that are not digits only.
func checkClean(t *testing.T, emitted []emitLine) {
	t.Helper()
	for _, e := range emitted {
		for path, value := range leadValues(e.lead) {
			if i := strings.IndexFunc(value, forbiddenRune(path)); i >= 0 {
				r := []rune(value[i:])[0]
				t.Errorf("row %d: %s = %q contains %U, want none", e.row, path, value, r)
			}
		}
		for path, value := range map[string]string{
			aello.FieldPhoneCountryCode: e.lead.Contact.PhoneCountryCode,
			aello.FieldPhoneNumber:      e.lead.Contact.PhoneNumber,
		} {
			if strings.IndexFunc(value, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
				t.Errorf("row %d: %s = %q, want digits only", e.row, path, value)
			}
		}
	}
}

// forbiddenRune returns the test of characters that no value of field
// path may contain. Only message keeps line breaks, as LF.
func forbiddenRune(path string) func(rune) bool {
	return func(r rune) bool {
		switch {
		case r == '\n':
			return path != aello.FieldMessage
		case r == '\uFFFD', r == '\u00A0', r == '\u200B', r == '\uFEFF', r == '\u202F':
			return true
		}
		return unicode.IsControl(r)
	}
}

func leadValues(lead aello.Lead) map[string]string {
	values := map[string]string{
		aello.FieldExternalID:  lead.ExternalID,
		aello.FieldFirstName:   lead.Contact.FirstName,
		aello.FieldLastName:    lead.Contact.LastName,
		aello.FieldEmail:       lead.Contact.Email,
		aello.FieldCompanyName: lead.Contact.CompanyName,
		aello.FieldMessage:     lead.Message,
	}
	if lead.Product != nil {
		values[aello.FieldReference] = lead.Product.Reference
		values[aello.FieldTitle] = lead.Product.Title
		values[aello.FieldLink] = lead.Product.Link
		values[aello.FieldImage] = lead.Product.Image
	}
	return values
}

// neverPhone returns a check that no lead is sent with that phone. An
// empty code matches any country code.
func neverPhone(code, number string) func(*testing.T, *caseRun) {
	return func(t *testing.T, run *caseRun) {
		t.Helper()
		for _, e := range run.emitted {
			c := e.lead.Contact
			if (code == "" || c.PhoneCountryCode == code) && strings.Contains(c.PhoneNumber, number) {
				t.Errorf("row %d: phone %s/%s sent, want never %s/%s", e.row, c.PhoneCountryCode, c.PhoneNumber, code, number)
			}
		}
	}
}

// neverPrice returns a check that no lead is sent with any of prices.
func neverPrice(prices ...float64) func(*testing.T, *caseRun) {
	return func(t *testing.T, run *caseRun) {
		t.Helper()
		for _, e := range run.emitted {
			if e.lead.Product == nil || e.lead.Product.Price == nil {
				continue
			}
			for _, p := range prices {
				if *e.lead.Product.Price == p {
					t.Errorf("row %d: price %v sent, want never %v", e.row, *e.lead.Product.Price, p)
				}
			}
		}
	}
}

// neverReportCellPrefix returns a check that no report line has an input
// cell starting with prefix.
func neverReportCellPrefix(prefix string) func(*testing.T, *caseRun) {
	return func(t *testing.T, run *caseRun) {
		t.Helper()
		for _, line := range run.report {
			for _, cell := range line.cells {
				if strings.HasPrefix(cell, prefix) {
					t.Errorf("row %d: cell %q in the report, want no row starting with %q", line.row, cell, prefix)
				}
			}
		}
	}
}

// neverFailed checks that check would exit 0 and that no row is reported
// with the code of a blank row read as data.
func neverFailed(t *testing.T, run *caseRun) {
	t.Helper()
	if !run.summary.AllGood() {
		t.Errorf("summary counts = %v, want every row valid", run.summary.Counts)
	}
	for _, line := range run.report {
		if line.code == "first_name_required" {
			t.Errorf("row %d: error_code = %q, want blank rows skipped", line.row, line.code)
		}
	}
}

func checkCells(t *testing.T, row int, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("row %d: report cells = %q, want %q", row, got, want)
		return
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: report cell %d = %q, want %q", row, i+1, got[i], want[i])
		}
	}
}

func (r *caseRun) find(row int) *reportLine {
	for i := range r.report {
		if r.report[i].row == row {
			return &r.report[i]
		}
	}
	return nil
}

// line returns the report line of row, and stops the test when there is
// none.
func (r *caseRun) line(t *testing.T, row int) *reportLine {
	t.Helper()
	line := r.find(row)
	if line == nil {
		t.Fatalf("report has no row %d", row)
	}
	return line
}

func readCase(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(casesDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// decodeCase returns a case file's text decoded from enc.
func decodeCase(t *testing.T, name string, enc encoding.Encoding) string {
	t.Helper()
	text, err := enc.NewDecoder().String(readCase(t, name))
	if err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	return text
}

// copyCase copies a case file into dir, so that the reports written
// beside it stay in the test's folder.
func copyCase(t *testing.T, dir, name string) string {
	t.Helper()
	return writeInput(t, dir, name, readCase(t, name))
}

func writeInput(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeEncoded writes text encoded by encode into dir.
func writeEncoded(t *testing.T, dir, name, text string, encode func(string) (string, error)) string {
	t.Helper()
	encoded, err := encode(text)
	if err != nil {
		t.Fatalf("encode %s: %v", name, err)
	}
	return writeInput(t, dir, name, encoded)
}
