package mapping

import (
	"bytes"
	"encoding/json"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
)

// rowCheck is what one row of a case must give.
type rowCheck struct {
	row  int
	want aello.Lead
	// wantError is the code of the row's first diag.Error, or "" for a
	// valid row.
	wantError string
	// wantWarning is a warning code the row must have, or "".
	wantWarning string
	// wantColumn is the column of the first diagnostic, when one is
	// expected.
	wantColumn int
}

func contact(first, last, email, code, number string) aello.Lead {
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

func withProduct(lead aello.Lead, reference string, price *float64) aello.Lead {
	lead.Product = &aello.Product{Reference: reference, Price: price}
	return lead
}

// TestApplyLogCases runs the real-world cases as a user would: init guesses
// a mapping from the header (written and loaded back), then each row is
// mapped. The rows are read from the CSV files, and given as the reader
// returns them for the XLSX files.
func TestApplyLogCases(t *testing.T) {
	tests := []struct {
		name    string
		country string
		// file, delimiter and encoding of a CSV case; header and rows
		// otherwise.
		file   string
		comma  rune
		cp1252 bool
		header []string
		rows   [][]string
		// template replaces the guessed message field when set.
		template string
		checks   []rowCheck
	}{
		{
			name: "C01 Windows-1252", file: "c01_excel_fr_semicolon_cp1252.csv", comma: ';', cp1252: true,
			checks: []rowCheck{
				{row: 2, want: withMessage(withCompany(contact("Hélène", "Lefèvre", "helene.lefevre@example.lu", "352", "621000011"), "Garage Cœur d’Alsace"), "Budget 15 000 € maximum")},
				{row: 3, want: withMessage(withCompany(contact("François", "Noël", "francois.noel@example.com", "352", "621000012"), "Säcker Automobiles"), "Intéressé par l’essai")},
			},
		},
		{
			name: "C03 BOM before ID", file: "c03_utf8_bom_first_column_id.csv", comma: ';',
			checks: []rowCheck{
				{row: 2, want: aello.Lead{ExternalID: "LD-1001", Contact: aello.Contact{FirstName: "Jeanne", LastName: "Martin", Email: "jeanne.martin@example.lu"}}},
				{row: 3, want: aello.Lead{ExternalID: "LD-1002", Contact: aello.Contact{FirstName: "Paul", LastName: "Schmit", Email: "paul.schmit@example.com"}}},
			},
		},
		{
			name: "C07 line breaks in messages", file: "c07_multiline_cells_row_numbers.csv", comma: ';',
			checks: []rowCheck{
				{row: 2, want: withMessage(contact("Jeanne", "Martin", "jeanne.martin@example.lu", "", ""), "Rappeler après 18h\nIntéressée par une reprise")},
				{row: 3, want: withMessage(contact("Paul", "Schmit", "paul.schmit@example.com", "", ""), "Adresse :\n12 rue de l'Exemple\nL-0000 Exempleville")},
				{row: 4, want: withMessage(contact("Luc", "Weber", "", "", ""), "Pas de coordonnées"), wantError: "email_or_phone_required", wantColumn: 2},
			},
		},
		{
			name: "C14 invisible spaces", file: "c14_nbsp_and_zero_width_spaces.csv", comma: ';',
			checks: []rowCheck{
				{row: 2, want: contact("Jeanne", "Martin", "jeanne.martin@example.lu", "352", "621000141")},
				{row: 3, want: contact("Paul", "Schmit", "paul.schmit@example.com", "352", "621000142")},
			},
		},
		{
			name: "C15 scientific notation", file: "c15_phone_scientific_notation.csv", comma: ';', cp1252: true,
			checks: []rowCheck{
				{row: 2, want: contact("Jeanne", "Martin", "", "", ""), wantError: "phone_scientific_notation", wantColumn: 3},
				{row: 3, want: contact("Paul", "Schmit", "paul.schmit@example.com", "", ""), wantError: "phone_scientific_notation", wantColumn: 3},
				{row: 4, want: contact("Luc", "Weber", "", "352", "621000153")},
			},
		},
		{
			name: "C17 lost plus with FR", file: "c17_phone_plus_sign_lost.csv", comma: ';', cp1252: true, country: "FR",
			checks: []rowCheck{
				{row: 2, want: contact("Jeanne", "Martin", "", "352", "621000171"), wantWarning: "phone_plus_assumed"},
				{row: 3, want: contact("Hugo", "Petit", "", "33", "612000172")},
				{row: 4, want: contact("Paul", "Schmit", "", "352", "621000173")},
				{row: 5, want: contact("Marie", "Dubois", "", "32", "470000174")},
				{row: 6, want: contact("Luc", "Weber", "", "352", "621000175")},
			},
		},
		{
			name: "C18 emails", file: "c18_email_variants.csv", comma: ';',
			checks: []rowCheck{
				{row: 2, want: contact("Jeanne", "Martin", "Jeanne.Martin@example.lu", "", "")},
				{row: 3, want: contact("Paul", "Schmit", "paul.schmit@example.com", "", ""), wantWarning: "email_mailto_removed"},
				{row: 4, want: contact("Luc", "Weber", "", "", ""), wantError: "email_two_addresses", wantColumn: 2},
				{row: 5, want: contact("Anne", "Kieffer", "", "", ""), wantError: "email_invalid", wantColumn: 2},
				{row: 6, want: contact("Marc", "Hansen", "", "", ""), wantError: "email_invalid", wantColumn: 2},
				{row: 7, want: contact("Sophie", "Muller", "sophie.muller@example.com", "", ""), wantWarning: "email_display_name_removed"},
			},
		},
		{
			name: "C20 prices", file: "c20_price_text_formats.csv", comma: ';',
			checks: []rowCheck{
				{row: 2, want: withProduct(contact("Jeanne", "", "jeanne.martin@example.lu", "", ""), "VO-20001", price(45000))},
				{row: 3, want: withProduct(contact("Paul", "", "paul.schmit@example.com", "", ""), "VO-20002", price(45000))},
				{row: 4, want: withProduct(contact("Luc", "", "luc.weber@example.com", "", ""), "VO-20003", price(45000))},
				{row: 5, want: withProduct(contact("Anne", "", "anne.kieffer@example.lu", "", ""), "VO-20004", price(1355.9))},
				{row: 6, want: withProduct(contact("Marc", "", "marc.hansen@example.lu", "", ""), "VO-20005", price(14000.12))},
				{row: 7, want: withProduct(contact("Sophie", "", "sophie.muller@example.com", "", ""), "VO-20006", nil), wantError: "price_negative", wantColumn: 3},
			},
		},
		{
			name:   "C25 short rows",
			header: []string{"Prénom", "Nom", "Email", "Téléphone", "Société", "Commentaire"},
			rows: [][]string{
				{"Jeanne", "Martin", "jeanne.martin@example.lu", "+352 621 000 251", "Garage Martin", "Essai samedi"},
				{"Paul", "Schmit", "paul.schmit@example.com", "+352 621 000 252"},
				{"Luc", "Weber", "", "+352 621 000 255"},
				{"Anne", "Kieffer", "anne.kieffer@example.lu", "", "", "Rappeler"},
			},
			checks: []rowCheck{
				{row: 2, want: withMessage(withCompany(contact("Jeanne", "Martin", "jeanne.martin@example.lu", "352", "621000251"), "Garage Martin"), "Essai samedi")},
				{row: 3, want: contact("Paul", "Schmit", "paul.schmit@example.com", "352", "621000252")},
				{row: 4, want: contact("Luc", "Weber", "", "352", "621000255")},
				{row: 5, want: withMessage(contact("Anne", "Kieffer", "anne.kieffer@example.lu", "", ""), "Rappeler")},
			},
		},
		{
			name:    "C26 numbers as the reader shows them",
			country: "FR",
			header:  []string{"Prénom", "Nom", "Téléphone", "Référence"},
			rows: [][]string{
				{"Élodie", "Bernard", "33612000261", "00012345"},
				{"Hugo", "Petit", "0612000262", "00012346"},
				{"Jeanne", "Martin", "352621000263"},
				{"Chloé", "Roux", "+33 6 12 00 02 64"},
				{"Nathan", "Moreau", "0612000265"},
			},
			checks: []rowCheck{
				{row: 2, want: withProduct(contact("Élodie", "Bernard", "", "33", "612000261"), "00012345", nil)},
				{row: 3, want: withProduct(contact("Hugo", "Petit", "", "33", "612000262"), "00012346", nil)},
				{row: 4, want: contact("Jeanne", "Martin", "", "352", "621000263"), wantWarning: "phone_plus_assumed"},
				{row: 5, want: contact("Chloé", "Roux", "", "33", "612000264")},
				{row: 6, want: contact("Nathan", "Moreau", "", "33", "612000265")},
			},
		},
		{
			name:     "C28 dates in a template",
			header:   []string{"Prénom", "Email", "Date contact", "Commentaire"},
			template: "{Commentaire} – contact du {Date contact}",
			rows: [][]string{
				{"Jeanne", "jeanne.martin@example.lu", "15/03/2024", "Essai routier"},
				{"Anne", "anne.kieffer@example.lu", "18/03/2024", "Rappeler"},
			},
			checks: []rowCheck{
				{row: 2, want: withMessage(contact("Jeanne", "", "jeanne.martin@example.lu", "", ""), "Essai routier – contact du 15/03/2024")},
				{row: 3, want: withMessage(contact("Anne", "", "anne.kieffer@example.lu", "", ""), "Rappeler – contact du 18/03/2024")},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header, rows := tt.header, tt.rows
			if tt.file != "" {
				var enc encoding.Encoding
				if tt.cp1252 {
					enc = charmap.Windows1252
				}
				header, rows = readCSVCase(t, tt.file, enc, tt.comma)
			}

			b := bindGuess(t, header, tt.country, tt.template)
			for _, check := range tt.checks {
				got := b.Apply(check.row, rows[check.row-2])
				checkRow(t, got, check)
			}
		})
	}
}

// bindGuess binds the mapping init would write for header, with message
// replaced by template when it is set.
func bindGuess(t *testing.T, header []string, country, template string) *Binding {
	t.Helper()
	g := Guess(header)
	if template != "" {
		placed := g.Placed[:0]
		for _, p := range g.Placed {
			if p.Field != aello.FieldMessage {
				placed = append(placed, p)
			}
		}
		g.Placed = placed
	}

	var out bytes.Buffer
	if err := g.WriteYAML(&out, Source{}, country); err != nil {
		t.Fatal(err)
	}
	if template != "" {
		out.WriteString("  message: " + yamlQuoted(template) + "\n")
	}

	m, err := Parse(out.Bytes(), "guessed.yaml")
	if err != nil {
		t.Fatalf("Parse:\n%v\n%s", err, out.String())
	}
	b, err := m.Bind(header, "input")
	if err != nil {
		t.Fatalf("Bind:\n%v\n%s", err, out.String())
	}
	return b
}

func checkRow(t *testing.T, got Result, check rowCheck) {
	t.Helper()
	gotJSON, _ := json.Marshal(got.Lead)
	wantJSON, _ := json.Marshal(check.want)
	if !bytes.Equal(gotJSON, wantJSON) {
		t.Errorf("row %d: lead = %s\nwant         %s", check.row, gotJSON, wantJSON)
	}

	first := diag.First(got.Diagnostics)
	switch {
	case check.wantError == "" && diag.HasError(got.Diagnostics):
		t.Errorf("row %d: unexpected error %s: %s", check.row, first.Code, first.Render(i18n.English))
	case check.wantError != "" && (first == nil || first.Severity != diag.Error || first.Code != check.wantError):
		t.Errorf("row %d: first diagnostic = %+v, want error %s", check.row, first, check.wantError)
	case check.wantError != "":
		if first.Row != check.row || first.Column != check.wantColumn {
			t.Errorf("row %d: error at row %d column %d, want row %d column %d", check.row, first.Row, first.Column, check.row, check.wantColumn)
		}
	}

	if check.wantWarning != "" {
		found := false
		for _, d := range got.Diagnostics {
			found = found || (d.Severity == diag.Warning && d.Code == check.wantWarning)
		}
		if !found {
			t.Errorf("row %d: no warning %s in %+v", check.row, check.wantWarning, got.Diagnostics)
		}
	}
}
