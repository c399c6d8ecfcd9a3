package mapping

import (
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
)

// mustBind parses yaml and binds it to header, failing the test on error.
func mustBind(t *testing.T, yaml string, header []string) *Binding {
	t.Helper()
	b, err := mustParse(t, yaml).Bind(header, "leads.csv")
	if err != nil {
		t.Fatalf("Bind:\n%v", err)
	}
	return b
}

func price(v float64) *float64 { return &v }

// codes returns the diagnostic codes of r, each prefixed by its severity.
func codes(r Result) []string {
	var out []string
	for _, d := range r.Diagnostics {
		out = append(out, d.Severity.String()+":"+d.Code)
	}
	return out
}

func TestApplyBuildsLead(t *testing.T) {
	header := []string{"ID", "Prénom", "Nom", "Email", "Téléphone", "Société", "Réf", "Modèle", "Prix", "Lien", "Photo", "Commentaire", "Source"}
	full := `version: 1
fields:
  externalId: ID
  contact.firstName: Prénom
  contact.lastName: Nom
  contact.email: Email
  contact.phone: Téléphone
  contact.companyName: Société
  product.reference: Réf
  product.title: Modèle
  product.price: Prix
  product.link: Lien
  product.image: Photo
  message: Commentaire
`
	tests := []struct {
		name string
		yaml string
		// header is the input's header; nil means the header above.
		header    []string
		cells     []string
		want      aello.Lead
		wantCodes []string
	}{
		{
			name: "every field",
			yaml: full,
			cells: []string{" LD-1 ", "Jeanne", "Martin", "jeanne.martin@example.lu", "+352 621 000 011", "Garage  Cœur\u00a0d’Alsace ",
				"VO-1", "Renault Clio V", "45 000 €", "https://example.com/vo-1", "https://example.com/vo-1.jpg", "Rappeler\r\nvendredi", "web"},
			want: aello.Lead{
				ExternalID: "LD-1",
				Contact: aello.Contact{FirstName: "Jeanne", LastName: "Martin", Email: "jeanne.martin@example.lu",
					PhoneCountryCode: "352", PhoneNumber: "621000011", CompanyName: "Garage Cœur d’Alsace"},
				Product: &aello.Product{Link: "https://example.com/vo-1", Image: "https://example.com/vo-1.jpg",
					Title: "Renault Clio V", Reference: "VO-1", Price: price(45000)},
				Message: "Rappeler\nvendredi",
			},
		},
		{
			name:  "empty cells are left out and no product",
			yaml:  full,
			cells: []string{"", "Jeanne", "", "jeanne.martin@example.lu", " ", "\u00a0", "", "", "", "", "", "", ""},
			want:  aello.Lead{Contact: aello.Contact{FirstName: "Jeanne", Email: "jeanne.martin@example.lu"}},
		},
		{
			name:  "short row reads missing cells as empty",
			yaml:  full,
			cells: []string{"LD-2", "Paul", "Schmit", "paul.schmit@example.com"},
			want:  aello.Lead{ExternalID: "LD-2", Contact: aello.Contact{FirstName: "Paul", LastName: "Schmit", Email: "paul.schmit@example.com"}},
		},
		{
			name:   "full name split",
			yaml:   "version: 1\nfields:\n  contact.name: Nom complet\n  contact.email: Email\n",
			header: []string{"Nom complet", "Email"},
			cells:  []string{"Jeanne Martin", "jeanne.martin@example.lu"},
			want:   aello.Lead{Contact: aello.Contact{FirstName: "Jeanne", LastName: "Martin", Email: "jeanne.martin@example.lu"}},
		},
		{
			name:   "phone parts",
			yaml:   "version: 1\nfields:\n  contact.firstName: Prénom\n  contact.phoneCountryCode: Indicatif\n  contact.phoneNumber: Numéro\n",
			header: []string{"Prénom", "Indicatif", "Numéro"},
			cells:  []string{"Jeanne", "+352", "621 000 011"},
			want:   aello.Lead{Contact: aello.Contact{FirstName: "Jeanne", PhoneCountryCode: "352", PhoneNumber: "621000011"}},
		},
		{
			name:   "phone parts with trunk prefix",
			yaml:   "version: 1\nfields:\n  contact.firstName: Prénom\n  contact.phoneCountryCode: Indicatif\n  contact.phoneNumber: Numéro\n",
			header: []string{"Prénom", "Indicatif", "Numéro"},
			cells:  []string{"Hugo", "0033", "06 12 00 02 62"},
			want:   aello.Lead{Contact: aello.Contact{FirstName: "Hugo", PhoneCountryCode: "33", PhoneNumber: "612000262"}},
		},
		{
			name:   "template",
			yaml:   "version: 1\nfields:\n  contact.firstName: Prénom\n  contact.email: Email\n  message: \"{Commentaire} - source: {Source}\"\n",
			header: []string{"Prénom", "Email", "Commentaire", "Source"},
			cells:  []string{"Jeanne", "jeanne.martin@example.lu", "Essai samedi", "web"},
			want: aello.Lead{Contact: aello.Contact{FirstName: "Jeanne", Email: "jeanne.martin@example.lu"},
				Message: "Essai samedi - source: web"},
		},
		{
			name:   "template with one empty column is trimmed",
			yaml:   "version: 1\nfields:\n  contact.firstName: Prénom\n  contact.email: Email\n  message: \"{Commentaire} - source: {Source}\"\n",
			header: []string{"Prénom", "Email", "Commentaire", "Source"},
			cells:  []string{"Jeanne", "jeanne.martin@example.lu", "", "web"},
			want:   aello.Lead{Contact: aello.Contact{FirstName: "Jeanne", Email: "jeanne.martin@example.lu"}, Message: "- source: web"},
		},
		{
			name:   "template with every column empty is absent",
			yaml:   "version: 1\nfields:\n  contact.firstName: Prénom\n  contact.email: Email\n  message: \"{Commentaire} - source: {Source}\"\n",
			header: []string{"Prénom", "Email", "Commentaire", "Source"},
			cells:  []string{"Jeanne", "jeanne.martin@example.lu", " ", ""},
			want:   aello.Lead{Contact: aello.Contact{FirstName: "Jeanne", Email: "jeanne.martin@example.lu"}},
		},
		{
			name:   "template with escaped braces and letters",
			yaml:   "version: 1\nfields:\n  contact.firstName: { column: A }\n  contact.email: { column: 2 }\n  message: \"{{{C}}} {D}\"\n",
			header: []string{"a", "b", "c", "d"},
			cells:  []string{"Jeanne", "jeanne.martin@example.lu", "x", "y"},
			want:   aello.Lead{Contact: aello.Contact{FirstName: "Jeanne", Email: "jeanne.martin@example.lu"}, Message: "{x} y"},
		},
		{
			name:   "template keeps line breaks in message",
			yaml:   "version: 1\nfields:\n  contact.firstName: Prénom\n  contact.email: Email\n  message: \"{Commentaire}\\n{Source}\"\n",
			header: []string{"Prénom", "Email", "Commentaire", "Source"},
			cells:  []string{"Jeanne", "jeanne.martin@example.lu", "Rappeler après 18h\nIntéressée", "web"},
			want:   aello.Lead{Contact: aello.Contact{FirstName: "Jeanne", Email: "jeanne.martin@example.lu"}, Message: "Rappeler après 18h\nIntéressée\nweb"},
		},
		{
			name:   "template in a text field folds line breaks",
			yaml:   "version: 1\nfields:\n  contact.firstName: \"{Prénom} {Second prénom}\"\n  contact.email: Email\n",
			header: []string{"Prénom", "Email", "Second prénom"},
			cells:  []string{"Anne", "jeanne@example.lu", "Marie\nClaire"},
			want:   aello.Lead{Contact: aello.Contact{FirstName: "Anne Marie Claire", Email: "jeanne@example.lu"}},
		},
		{
			name:   "constants",
			yaml:   "version: 1\nfields:\n  contact.firstName: Prénom\n  contact.email: Email\n  contact.companyName: { value: Garage Central }\n  product.reference: { value: 10864675 }\n  product.price: { value: 45000 }\n",
			header: []string{"Prénom", "Email"},
			cells:  []string{"Jeanne", "jeanne.martin@example.lu"},
			want: aello.Lead{Contact: aello.Contact{FirstName: "Jeanne", Email: "jeanne.martin@example.lu", CompanyName: "Garage Central"},
				Product: &aello.Product{Reference: "10864675", Price: price(45000)}},
		},
		{
			name:   "map exact",
			yaml:   mapYAML,
			header: mapHeader,
			cells:  []string{"Jeanne", "j@example.lu", "VO-1", "Clio V"},
			want:   leadWithTitle("Renault Clio V"),
		},
		{
			name:   "map ignoring case accents and spaces",
			yaml:   mapYAML,
			header: mapHeader,
			cells:  []string{"Jeanne", "j@example.lu", "VO-1", "  CLIO\u00a0v "},
			want:   leadWithTitle("Renault Clio V"),
		},
		{
			name:   "map leaves other values",
			yaml:   mapYAML,
			header: mapHeader,
			cells:  []string{"Jeanne", "j@example.lu", "VO-1", "Zoé"},
			want:   leadWithTitle("Zoé"),
		},
		{
			name:   "map to empty then default",
			yaml:   mapYAML,
			header: mapHeader,
			cells:  []string{"Jeanne", "j@example.lu", "VO-1", "n/a"},
			want:   leadWithTitle("Inconnu"),
		},
		{
			name:   "default for empty cell",
			yaml:   mapYAML,
			header: mapHeader,
			cells:  []string{"Jeanne", "j@example.lu", "VO-1", ""},
			want:   leadWithTitle("Inconnu"),
		},
		{
			name:   "default for missing cell",
			yaml:   mapYAML,
			header: mapHeader,
			cells:  []string{"Jeanne", "j@example.lu", "VO-1"},
			want:   leadWithTitle("Inconnu"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.header == nil {
				tt.header = header
			}
			b := mustBind(t, tt.yaml, tt.header)
			got := b.Apply(2, tt.cells)
			if !reflect.DeepEqual(got.Lead, tt.want) {
				t.Errorf("lead = %s\nwant   %s", leadJSON(got.Lead), leadJSON(tt.want))
			}
			if gotCodes := codes(got); !reflect.DeepEqual(gotCodes, tt.wantCodes) {
				t.Errorf("diagnostics = %v, want %v: %v", gotCodes, tt.wantCodes, got.Diagnostics)
			}
			if got.Skipped {
				t.Error("row skipped")
			}
		})
	}
}

const mapYAML = `version: 1
fields:
  contact.firstName: Prénom
  contact.email: Email
  product.reference: Réf
  product.title: { column: Modèle, map: { "Clio V": "Renault Clio V", "n/a": "" }, default: Inconnu }
`

var mapHeader = []string{"Prénom", "Email", "Réf", "Modèle"}

func leadWithTitle(title string) aello.Lead {
	return aello.Lead{
		Contact: aello.Contact{FirstName: "Jeanne", Email: "j@example.lu"},
		Product: &aello.Product{Reference: "VO-1", Title: title},
	}
}

func leadJSON(lead aello.Lead) string {
	data, _ := json.Marshal(lead)
	return string(data)
}

func TestApplyDiagnostics(t *testing.T) {
	header := []string{"ID", "Prénom\u00a0", "Nom", "Email", "Téléphone", "Réf", "Modèle", "Prix"}
	base := "version: 1\nfields:\n  externalId: ID\n  contact.firstName: Prénom\n  contact.lastName: Nom\n  contact.email: Email\n  contact.phone: Téléphone\n"
	tests := []struct {
		name  string
		yaml  string
		cells []string
		want  []diag.Diagnostic
		// wantMessages are parts of each diagnostic's English message.
		wantMessages []string
	}{
		{
			name:  "first name empty",
			yaml:  base,
			cells: []string{"L1", " ", "Martin", "jeanne@example.lu", ""},
			want: []diag.Diagnostic{{Severity: diag.Error, Code: "first_name_required", Row: 7, Column: 1,
				Header: "Prénom\u00a0", Field: aello.FieldFirstName, Value: " "}},
			wantMessages: []string{"the first name is empty; fill in column B (Prénom)"},
		},
		{
			name:  "first name not mapped",
			yaml:  "version: 1\nfields:\n  contact.email: Email\n",
			cells: []string{"L1", "Jeanne", "Martin", "jeanne@example.lu"},
			want: []diag.Diagnostic{{Severity: diag.Error, Code: "first_name_required", Row: 7, Column: -1,
				Field: aello.FieldFirstName}},
			wantMessages: []string{"add contact.firstName"},
		},
		{
			name:  "neither email nor phone",
			yaml:  base,
			cells: []string{"L1", "Jeanne", "Martin", "", ""},
			want: []diag.Diagnostic{{Severity: diag.Error, Code: "email_or_phone_required", Row: 7, Column: 3,
				Header: "Email", Field: aello.FieldEmail}},
			wantMessages: []string{"fill in column D (Email) or column E (Téléphone)"},
		},
		{
			name:  "no email and no phone mapped",
			yaml:  "version: 1\nfields:\n  contact.firstName: Prénom\n  contact.email: Email\n",
			cells: []string{"L1", "Jeanne", "Martin", ""},
			want: []diag.Diagnostic{{Severity: diag.Error, Code: "email_or_phone_required", Row: 7, Column: 3,
				Header: "Email", Field: aello.FieldEmail}},
			wantMessages: []string{"fill in column D (Email), or add contact.phone to the fields"},
		},
		{
			name:  "invalid email is reported once",
			yaml:  base,
			cells: []string{"L1", "Luc", "Weber", "luc.weber@example.com; luc@example.org", ""},
			want: []diag.Diagnostic{{Severity: diag.Error, Code: "email_two_addresses", Row: 7, Column: 3,
				Header: "Email", Field: aello.FieldEmail, Value: "luc.weber@example.com; luc@example.org"}},
		},
		{
			name:  "repaired email is a warning",
			yaml:  base,
			cells: []string{"L1", "Paul", "Schmit", "mailto:paul.schmit@example.com", ""},
			want: []diag.Diagnostic{{Severity: diag.Warning, Code: "email_mailto_removed", Row: 7, Column: 3,
				Header: "Email", Field: aello.FieldEmail, Value: "mailto:paul.schmit@example.com"}},
		},
		{
			name:  "phone in scientific notation",
			yaml:  base,
			cells: []string{"L1", "Jeanne", "Martin", "", "3,52621E+11"},
			want: []diag.Diagnostic{{Severity: diag.Error, Code: "phone_scientific_notation", Row: 7, Column: 4,
				Header: "Téléphone", Field: FieldPhone, Value: "3,52621E+11"}},
		},
		{
			name:  "product without reference",
			yaml:  base + "  product.reference: Réf\n  product.title: Modèle\n",
			cells: []string{"L1", "Jeanne", "Martin", "jeanne@example.lu", "", "", "Clio"},
			want: []diag.Diagnostic{{Severity: diag.Error, Code: "reference_required", Row: 7, Column: 5,
				Header: "Réf", Field: aello.FieldReference}},
			wantMessages: []string{"fill in column F (Réf)"},
		},
		{
			name:  "product reference not mapped",
			yaml:  base + "  product.title: Modèle\n",
			cells: []string{"L1", "Jeanne", "Martin", "jeanne@example.lu", "", "", "Clio"},
			want: []diag.Diagnostic{{Severity: diag.Error, Code: "reference_required", Row: 7, Column: -1,
				Field: aello.FieldReference}},
			wantMessages: []string{"add product.reference to the fields"},
		},
		{
			name:  "negative price",
			yaml:  base + "  product.reference: Réf\n  product.price: Prix\n",
			cells: []string{"L1", "Jeanne", "Martin", "jeanne@example.lu", "", "VO-1", "", "-500"},
			want: []diag.Diagnostic{{Severity: diag.Error, Code: "price_negative", Row: 7, Column: 7,
				Header: "Prix", Field: aello.FieldPrice, Value: "-500"}},
		},
		{
			name:  "template diagnostic points at its first column",
			yaml:  base + "  product.reference: Réf\n  product.price: \"{Prix} {Modèle}\"\n",
			cells: []string{"L1", "Jeanne", "Martin", "jeanne@example.lu", "", "VO-1", "euros", "douze"},
			want: []diag.Diagnostic{{Severity: diag.Error, Code: "price_invalid", Row: 7, Column: 7,
				Header: "Prix", Field: aello.FieldPrice, Value: "douze euros"}},
		},
		{
			name:  "phone country code without number",
			yaml:  "version: 1\nfields:\n  contact.firstName: Prénom\n  contact.email: Email\n  contact.phoneCountryCode: { column: E }\n  contact.phoneNumber: { column: F }\n",
			cells: []string{"L1", "Jeanne", "Martin", "jeanne@example.lu", "352", ""},
			want: []diag.Diagnostic{{Severity: diag.Error, Code: "phone_incomplete", Row: 7, Column: 5,
				Header: "Réf", Field: aello.FieldPhoneNumber}},
			wantMessages: []string{"the phone has a country code but no number; fill in column F"},
		},
		{
			name:  "phone country code not digits",
			yaml:  "version: 1\nfields:\n  contact.firstName: Prénom\n  contact.email: Email\n  contact.phoneCountryCode: { column: E }\n  contact.phoneNumber: { column: F }\n",
			cells: []string{"L1", "Jeanne", "Martin", "jeanne@example.lu", "Lux", "621000011"},
			want: []diag.Diagnostic{{Severity: diag.Error, Code: "phone_country_code_invalid", Row: 7, Column: 4,
				Header: "Téléphone", Field: aello.FieldPhoneCountryCode, Value: "Lux"}},
		},
		{
			name:  "phone parts invalid together",
			yaml:  "version: 1\nfields:\n  contact.firstName: Prénom\n  contact.phoneCountryCode: { column: E }\n  contact.phoneNumber: { column: F }\n",
			cells: []string{"L1", "Jeanne", "Martin", "", "352", "12"},
			want: []diag.Diagnostic{{Severity: diag.Error, Code: "phone_invalid", Row: 7, Column: 5,
				Header: "Réf", Field: aello.FieldPhoneNumber, Value: "12"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := mustBind(t, tt.yaml, header)
			got := b.Apply(7, tt.cells)
			if len(got.Diagnostics) != len(tt.want) {
				t.Fatalf("diagnostics = %v, want %d: %v", codes(got), len(tt.want), got.Diagnostics)
			}
			for i, want := range tt.want {
				d := got.Diagnostics[i]
				message := d.Message
				d.Message = i18n.Text{}
				if !reflect.DeepEqual(d, want) {
					t.Errorf("diagnostic %d = %+v\nwant %+v", i, d, want)
				}
				if message.IsZero() {
					t.Errorf("diagnostic %d has no message", i)
				}
				if i < len(tt.wantMessages) && !strings.Contains(message.String(), tt.wantMessages[i]) {
					t.Errorf("message %q does not contain %q", message, tt.wantMessages[i])
				}
			}
		})
	}
}

func TestApplySkip(t *testing.T) {
	yaml := `version: 1
skip_if:
  - column: Statut
    equals: Annulé
  - column: Statut
    in: [Perdu, Doublon]
  - column: Email
    empty: true
fields:
  contact.firstName: Prénom
  contact.email: Email
`
	header := []string{"Prénom", "Email", "Statut"}
	tests := []struct {
		name        string
		cells       []string
		wantSkipped bool
		wantReason  string
	}{
		{"equals", []string{"Jeanne", "j@example.lu", "Annulé"}, true, `left out by the skip_if rule at line 3 of the mapping: column C (Statut) is "Annulé"`},
		{"equals ignoring case and accents", []string{"Jeanne", "j@example.lu", " ANNULE\u00a0"}, true, `left out by the skip_if rule at line 3 of the mapping: column C (Statut) is "ANNULE"`},
		{"in", []string{"Jeanne", "j@example.lu", "doublon"}, true, `left out by the skip_if rule at line 5 of the mapping: column C (Statut) is "doublon"`},
		{"empty", []string{"Jeanne", " ", "Nouveau"}, true, "left out by the skip_if rule at line 7 of the mapping: column B (Email) is empty"},
		{"empty short row", []string{"Jeanne"}, true, "left out by the skip_if rule at line 7 of the mapping: column B (Email) is empty"},
		{"no rule matches", []string{"Jeanne", "j@example.lu", "Annulée par erreur"}, false, ""},
		{"empty status matches no value rule", []string{"Jeanne", "j@example.lu", ""}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustBind(t, yaml, header).Apply(2, tt.cells)
			if got.Skipped != tt.wantSkipped {
				t.Fatalf("Skipped = %v, want %v", got.Skipped, tt.wantSkipped)
			}
			if reason := got.SkipReason.String(); tt.wantSkipped && reason != tt.wantReason {
				t.Errorf("SkipReason = %q\nwant         %q", reason, tt.wantReason)
			}
			if tt.wantSkipped && (len(got.Diagnostics) != 0 || !reflect.DeepEqual(got.Lead, aello.Lead{})) {
				t.Errorf("skipped row has lead %s and diagnostics %v", leadJSON(got.Lead), got.Diagnostics)
			}
			if !tt.wantSkipped && got.Lead.Contact.FirstName != "Jeanne" {
				t.Errorf("kept row has lead %s", leadJSON(got.Lead))
			}
		})
	}
}

func TestApplyFrenchMessages(t *testing.T) {
	b := mustBind(t, "version: 1\nfields:\n  contact.firstName: Prénom\n  contact.email: Email\n", []string{"Prénom", "Email"})
	got := b.Apply(4, []string{"", "j@example.lu"})
	if len(got.Diagnostics) != 1 {
		t.Fatalf("diagnostics = %v, want one", got.Diagnostics)
	}
	want := "ligne 4, colonne A (Prénom) : le prénom est vide ; remplissez la colonne A (Prénom)"
	if rendered := got.Diagnostics[0].Render(i18n.French); rendered != want {
		t.Errorf("Render(French) = %q\nwant %q", rendered, want)
	}
}

func TestApplyConcurrent(t *testing.T) {
	b := mustBind(t, `version: 1
fields:
  contact.firstName: Prénom
  contact.email: Email
  contact.phone: Téléphone
  product.reference: Réf
  product.title: { column: Modèle, map: { "Clio V": "Renault Clio V" } }
  message: "{Commentaire} ({Réf})"
`, []string{"Prénom", "Email", "Téléphone", "Réf", "Modèle", "Commentaire"})

	rows := [][]string{
		{"Jeanne", "jeanne@example.lu", "+352 621 000 011", "VO-1", "Clio V", "Essai"},
		{"", "bad@@example.lu", "3.52621E+11", "", "Zoé", ""},
		{"Paul", "", "621 000 012", "VO-2", "", "Rappeler"},
	}
	want := make([]Result, len(rows))
	for i, row := range rows {
		want[i] = b.Apply(i+2, row)
	}

	var wg sync.WaitGroup
	errs := make(chan string, 8*len(rows))
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, row := range rows {
				if got := b.Apply(i+2, row); !reflect.DeepEqual(got, want[i]) {
					errs <- leadJSON(got.Lead)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent Apply gave a different result: %s", e)
	}
}

func BenchmarkApply(b *testing.B) {
	m, err := Parse([]byte(`version: 1
fields:
  externalId: ID
  contact.firstName: Prénom
  contact.lastName: Nom
  contact.email: Email
  contact.phone: Téléphone
  product.reference: Réf
  product.price: Prix
  message: "{Commentaire} - {Source}"
`), "bench.yaml")
	if err != nil {
		b.Fatal(err)
	}
	binding, err := m.Bind([]string{"ID", "Prénom", "Nom", "Email", "Téléphone", "Réf", "Prix", "Commentaire", "Source"}, "bench.csv")
	if err != nil {
		b.Fatal(err)
	}
	row := []string{"LD-1", "Jeanne", "Martin", "jeanne.martin@example.lu", "+352 621 000 011", "VO-1", "45 000 €", "Essai", "web"}

	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		binding.Apply(i, row)
	}
}
