package mapping

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/i18n"
)

func TestLoadFullMapping(t *testing.T) {
	m, err := Load(filepath.Join("testdata", "full.yaml"))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}

	wantSource := Source{Sheet: "Leads", HeaderRow: 2, Delimiter: ";", Encoding: "windows-1252"}
	if m.Source != wantSource {
		t.Errorf("Source = %+v, want %+v", m.Source, wantSource)
	}
	if m.DefaultCountry != "FR" {
		t.Errorf("DefaultCountry = %q, want %q", m.DefaultCountry, "FR")
	}
	if m.Path != filepath.Join("testdata", "full.yaml") {
		t.Errorf("Path = %q", m.Path)
	}

	wantSkips := []SkipRule{
		{Line: 11, Column: "Statut", Op: SkipEquals, Values: []string{"Annulé"}},
		{Line: 13, Column: "Statut", Op: SkipIn, Values: []string{"Perdu", "Doublon"}},
		{Line: 15, Column: "E-mail", Op: SkipEmpty},
	}
	if !reflect.DeepEqual(m.SkipIf, wantSkips) {
		t.Errorf("SkipIf = %+v\nwant %+v", m.SkipIf, wantSkips)
	}

	tests := []struct {
		field string
		want  FieldMapping
	}{
		{aello.FieldExternalID, FieldMapping{Field: aello.FieldExternalID, Line: 18, Kind: FromColumn, Column: "ID"}},
		{aello.FieldLastName, FieldMapping{Field: aello.FieldLastName, Line: 20, Kind: FromColumn, Column: "C"}},
		{aello.FieldCompanyName, FieldMapping{Field: aello.FieldCompanyName, Line: 23, Kind: FromValue, Value: "Garage Central"}},
		{aello.FieldReference, FieldMapping{Field: aello.FieldReference, Line: 24, Kind: FromColumn, Column: "8", ColumnNumber: true}},
		{aello.FieldTitle, FieldMapping{Field: aello.FieldTitle, Line: 25, Kind: FromColumn, Column: "Modèle",
			Map:     []MapEntry{{From: "Clio V", To: "Renault Clio V"}, {From: "n/a", To: ""}},
			Default: "Inconnu", HasDefault: true}},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			got := m.Field(tt.field)
			if got == nil {
				t.Fatalf("field %s not loaded", tt.field)
			}
			copied := *got
			copied.template = nil
			if !reflect.DeepEqual(copied, tt.want) {
				t.Errorf("got %+v\nwant %+v", copied, tt.want)
			}
		})
	}

	message := m.Field(aello.FieldMessage)
	if message == nil || message.Kind != FromTemplate {
		t.Fatalf("message = %+v, want a template", message)
	}
	wantParts := []templatePart{{column: "Commentaire"}, {literal: " - source: "}, {column: "Source"}, {literal: " {web}"}}
	if !reflect.DeepEqual(message.template, wantParts) {
		t.Errorf("template parts = %+v, want %+v", message.template, wantParts)
	}

	var order []string
	for _, f := range m.Fields {
		order = append(order, f.Field)
	}
	wantOrder := []string{"externalId", "contact.firstName", "contact.lastName", "contact.email", "contact.phone",
		"contact.companyName", "product.reference", "product.title", "product.price", "product.link", "product.image", "message"}
	if !reflect.DeepEqual(order, wantOrder) {
		t.Errorf("field order = %v, want %v", order, wantOrder)
	}
}

func TestParseAccepts(t *testing.T) {
	tests := []struct {
		name  string
		yaml  string
		check func(t *testing.T, m *Mapping)
	}{
		{"default country when absent", "version: 1\nfields: { contact.email: Email }\n", func(t *testing.T, m *Mapping) {
			if m.DefaultCountry != DefaultCountry {
				t.Errorf("DefaultCountry = %q, want %q", m.DefaultCountry, DefaultCountry)
			}
		}},
		{"delimiter word tab", "version: 1\nsource: { delimiter: tab }\nfields: { contact.email: Email }\n", func(t *testing.T, m *Mapping) {
			if m.Source.Delimiter != "\t" {
				t.Errorf("Delimiter = %q, want tab", m.Source.Delimiter)
			}
		}},
		{"delimiter tab character", "version: 1\nsource: { delimiter: \"\\t\" }\nfields: { contact.email: Email }\n", func(t *testing.T, m *Mapping) {
			if m.Source.Delimiter != "\t" {
				t.Errorf("Delimiter = %q, want tab", m.Source.Delimiter)
			}
		}},
		{"sheet by number", "version: 1\nsource: { sheet: 2 }\nfields: { contact.email: Email }\n", func(t *testing.T, m *Mapping) {
			if m.Source.Sheet != "2" {
				t.Errorf("Sheet = %q, want %q", m.Source.Sheet, "2")
			}
		}},
		{"version as string", "version: \"1\"\nfields: { contact.email: Email }\n", func(t *testing.T, m *Mapping) {}},
		{"column by number", "version: 1\nfields:\n  contact.email: { column: 3 }\n", func(t *testing.T, m *Mapping) {
			if f := m.Field(aello.FieldEmail); f == nil || f.Column != "3" || f.Kind != FromColumn {
				t.Errorf("email = %+v, want column 3", f)
			}
		}},
		{"header trimmed", "version: 1\nfields:\n  contact.email: \"  Email \"\n", func(t *testing.T, m *Mapping) {
			if f := m.Field(aello.FieldEmail); f == nil || f.Column != "Email" {
				t.Errorf("email = %+v, want column Email", f)
			}
		}},
		{"explicit template", "version: 1\nfields:\n  message: { template: \"{A} {B}\", default: none }\n", func(t *testing.T, m *Mapping) {
			f := m.Field(aello.FieldMessage)
			if f == nil || f.Kind != FromTemplate || f.Template != "{A} {B}" || f.Default != "none" {
				t.Errorf("message = %+v", f)
			}
		}},
		{"escaped braces only in header", "version: 1\nfields:\n  contact.email: { column: \"{Email}\" }\n", func(t *testing.T, m *Mapping) {
			if f := m.Field(aello.FieldEmail); f == nil || f.Kind != FromColumn || f.Column != "{Email}" {
				t.Errorf("email = %+v, want the header {Email}", f)
			}
		}},
		{"comments and blank lines", "# mapping\n\nversion: 1 # first\n\nfields:\n  # the email\n  contact.email: Email\n", func(t *testing.T, m *Mapping) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse([]byte(tt.yaml), "m.yaml")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			tt.check(t, m)
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name           string
		yaml           string
		wantLine       int
		wantCode       string
		wantSuggestion string
	}{
		{"not yaml", "version: 1\nfields:\n  contact.email: Email\n  message Commentaire\n  product.title: Modèle\n", 4, "not_yaml", ""},
		{"unclosed bracket", "version: 1\nfields:\n  contact.email: [Email\n", 2, "not_yaml", ""},
		{"tab indentation", "version: 1\nfields:\n\tcontact.email: Email\n", 3, "not_yaml", ""},
		{"empty file", "", 0, "empty_file", ""},
		{"only comments", "# nothing\n", 0, "empty_file", ""},
		{"root is a list", "- version: 1\n", 1, "wrong_type", ""},
		{"version missing", "fields:\n  contact.email: Email\n", 1, "version_missing", ""},
		{"version 2", "version: 2\nfields:\n  contact.email: Email\n", 1, "version_unsupported", ""},
		{"version list", "version: [1]\nfields:\n  contact.email: Email\n", 1, "wrong_type", ""},
		{"fields missing", "version: 1\n", 1, "fields_missing", ""},
		{"fields empty", "version: 1\nfields: {}\n", 2, "fields_missing", ""},
		{"fields null", "version: 1\nfields:\n", 2, "value_missing", ""},
		{"unknown top key", "version: 1\nfeilds:\n  contact.email: Email\n", 2, "unknown_key", "fields"},
		{"unknown top key far off", "version: 1\nmapping: {}\nfields: { contact.email: Email }\n", 2, "unknown_key", ""},
		{"unknown source key", "version: 1\nsource:\n  header-row: 2\nfields: { contact.email: Email }\n", 3, "unknown_key", "header_row"},
		{"unknown defaults key", "version: 1\ndefaults:\n  contry: LU\nfields: { contact.email: Email }\n", 3, "unknown_key", "country"},
		{"unknown field typo", "version: 1\nfields:\n  contact.email: Email\n  contact.fistName: Prénom\n", 4, "unknown_field", "contact.firstName"},
		{"unknown field snake case", "version: 1\nfields:\n  contact.first_name: Prénom\n", 3, "unknown_field", "contact.firstName"},
		{"unknown field without prefix", "version: 1\nfields:\n  email: Email\n", 3, "unknown_field", "contact.email"},
		{"unknown field swapped letters", "version: 1\nfields:\n  emial: Email\n", 3, "unknown_field", "contact.email"},
		{"unknown field far off", "version: 1\nfields:\n  vendeur: Vendeur\n", 3, "unknown_field", ""},
		{"unknown object key", "version: 1\nfields:\n  contact.email: { colum: Email }\n", 3, "unknown_key", "column"},
		{"unknown skip key", "version: 1\nskip_if:\n  - column: Statut\n    equal: Annulé\nfields: { contact.email: Email }\n", 4, "unknown_key", "equals"},
		{"field is a list", "version: 1\nfields:\n  contact.email: [Email, Mail]\n", 3, "wrong_type", ""},
		{"field is null", "version: 1\nfields:\n  contact.email:\n", 3, "value_missing", ""},
		{"field is blank", "version: 1\nfields:\n  contact.email: \"  \"\n", 3, "column_empty", ""},
		{"source is a list", "version: 1\nsource:\n  - sheet: 1\nfields: { contact.email: Email }\n", 3, "wrong_type", ""},
		{"source is a value", "version: 1\nsource: Leads\nfields: { contact.email: Email }\n", 2, "wrong_type", ""},
		{"header_row is a list", "version: 1\nsource:\n  header_row: [1]\nfields: { contact.email: Email }\n", 3, "wrong_type", ""},
		{"header_row zero", "version: 1\nsource:\n  header_row: 0\nfields: { contact.email: Email }\n", 3, "header_row_invalid", ""},
		{"header_row text", "version: 1\nsource:\n  header_row: first\nfields: { contact.email: Email }\n", 3, "header_row_invalid", ""},
		{"sheet zero", "version: 1\nsource:\n  sheet: 0\nfields: { contact.email: Email }\n", 3, "sheet_invalid", ""},
		{"delimiter two characters", "version: 1\nsource:\n  delimiter: \";;\"\nfields: { contact.email: Email }\n", 3, "delimiter_invalid", ""},
		{"delimiter quote", "version: 1\nsource:\n  delimiter: '\"'\nfields: { contact.email: Email }\n", 3, "delimiter_invalid", ""},
		{"encoding blank", "version: 1\nsource:\n  encoding: \"\"\nfields: { contact.email: Email }\n", 3, "encoding_invalid", ""},
		{"country unknown", "version: 1\ndefaults:\n  country: XX\nfields: { contact.email: Email }\n", 3, "country_invalid", ""},
		{"country UK", "version: 1\ndefaults:\n  country: UK\nfields: { contact.email: Email }\n", 3, "country_invalid", "GB"},
		{"country alpha-3", "version: 1\ndefaults:\n  country: FRA\nfields: { contact.email: Email }\n", 3, "country_invalid", "FR"},
		{"country name", "version: 1\ndefaults:\n  country: Luxembourg\nfields: { contact.email: Email }\n", 3, "country_invalid", ""},
		{"object without source", "version: 1\nfields:\n  product.title: { default: Inconnu }\n", 3, "source_missing", ""},
		{"object with column and value", "version: 1\nfields:\n  product.title: { column: Modèle, value: Clio }\n", 3, "source_ambiguous", ""},
		{"constant with default", "version: 1\nfields:\n  product.title: { value: Clio, default: X }\n", 3, "value_with_map", ""},
		{"constant blank", "version: 1\nfields:\n  product.title: { value: \"\" }\n", 3, "value_empty", ""},
		{"default blank", "version: 1\nfields:\n  product.title: { column: Modèle, default: \" \" }\n", 3, "default_empty", ""},
		{"map is a list", "version: 1\nfields:\n  product.title: { column: Modèle, map: [a, b] }\n", 3, "wrong_type", ""},
		{"map value is a list", "version: 1\nfields:\n  product.title:\n    column: Modèle\n    map:\n      a: [b]\n", 6, "wrong_type", ""},
		{"template empty", "version: 1\nfields:\n  message: { template: \"\" }\n", 3, "template_empty", ""},
		{"template unclosed brace", "version: 1\nfields:\n  message: \"{Commentaire - {Source}\"\n", 3, "template_unclosed_brace", ""},
		{"template brace at end", "version: 1\nfields:\n  message: \"{Commentaire} {\"\n", 3, "template_unclosed_brace", ""},
		{"template stray closing brace", "version: 1\nfields:\n  message: \"{Commentaire} }\"\n", 3, "template_unopened_brace", ""},
		{"template empty placeholder", "version: 1\nfields:\n  message: \"{Commentaire} {}\"\n", 3, "template_empty_placeholder", ""},
		{"template without column", "version: 1\nfields:\n  message: { template: \"{{literal}}\" }\n", 3, "template_without_column", ""},
		{"name with first name", "version: 1\nfields:\n  contact.firstName: Prénom\n  contact.name: Nom complet\n", 4, "fields_conflict", ""},
		{"name with last name", "version: 1\nfields:\n  contact.name: Nom complet\n  contact.email: Email\n  contact.lastName: Nom\n", 5, "fields_conflict", ""},
		{"phone with its number", "version: 1\nfields:\n  contact.phoneNumber: Numéro\n  contact.phone: Téléphone\n", 4, "fields_conflict", ""},
		{"phone with its country code", "version: 1\nfields:\n  contact.phone: Téléphone\n  contact.phoneCountryCode: Indicatif\n", 4, "fields_conflict", ""},
		{"field twice", "version: 1\nfields:\n  contact.email: Email\n  contact.email: Mail\n", 4, "duplicate_key", ""},
		{"top key twice", "version: 1\nversion: 1\nfields: { contact.email: Email }\n", 2, "duplicate_key", ""},
		{"alias", "version: 1\nfields:\n  contact.email: &e Email\n  message: *e\n", 4, "yaml_alias", ""},
		{"skip_if not a list", "version: 1\nskip_if:\n  column: Statut\n  equals: Annulé\nfields: { contact.email: Email }\n", 3, "wrong_type", ""},
		{"skip_if item is a value", "version: 1\nskip_if:\n  - Statut\nfields: { contact.email: Email }\n", 3, "wrong_type", ""},
		{"skip_if without test", "version: 1\nskip_if:\n  - column: Statut\nfields: { contact.email: Email }\n", 3, "skip_test_missing", ""},
		{"skip_if two tests", "version: 1\nskip_if:\n  - column: Statut\n    equals: Annulé\n    empty: true\nfields: { contact.email: Email }\n", 3, "skip_test_ambiguous", ""},
		{"skip_if without column", "version: 1\nskip_if:\n  - equals: Annulé\nfields: { contact.email: Email }\n", 3, "skip_column_missing", ""},
		{"skip_if empty false", "version: 1\nskip_if:\n  - column: Statut\n    empty: false\nfields: { contact.email: Email }\n", 4, "skip_empty_invalid", ""},
		{"skip_if in empty list", "version: 1\nskip_if:\n  - column: Statut\n    in: []\nfields: { contact.email: Email }\n", 4, "skip_in_empty", ""},
		{"skip_if in not a list", "version: 1\nskip_if:\n  - column: Statut\n    in: Annulé\nfields: { contact.email: Email }\n", 4, "wrong_type", ""},
		{"skip_if equals blank", "version: 1\nskip_if:\n  - column: Statut\n    equals: \"\"\nfields: { contact.email: Email }\n", 4, "skip_equals_empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml), "m.yaml")
			problem := findProblem(t, err, tt.wantCode)
			if problem.Line != tt.wantLine {
				t.Errorf("line = %d, want %d (%s)", problem.Line, tt.wantLine, problem.Message)
			}
			if problem.Suggestion != tt.wantSuggestion {
				t.Errorf("suggestion = %q, want %q (%s)", problem.Suggestion, tt.wantSuggestion, problem.Message)
			}
			if tt.wantSuggestion != "" && !strings.Contains(problem.Message.String(), `"`+tt.wantSuggestion+`"`) {
				t.Errorf("message %q does not name the suggestion %q", problem.Message, tt.wantSuggestion)
			}
		})
	}
}

// findProblem returns the problem of err with code, failing the test when
// err is not an *Error or has no such problem.
func findProblem(t *testing.T, err error, code string) Problem {
	t.Helper()
	var mappingErr *Error
	if !errors.As(err, &mappingErr) {
		t.Fatalf("error = %v (%T), want *Error", err, err)
	}
	for _, p := range mappingErr.Problems {
		if p.Code == code {
			return p
		}
	}
	t.Fatalf("no problem with code %q in:\n%s", code, mappingErr)
	return Problem{}
}

func TestParseReportsEveryProblem(t *testing.T) {
	yaml := `version: 3
source:
  header_row: 0
  delimitr: ";"
defaults:
  country: ZZ
fields:
  contact.fistName: Prénom
  contact.email: [Email]
  message: "{Commentaire"
`
	_, err := Parse([]byte(yaml), "m.yaml")
	var mappingErr *Error
	if !errors.As(err, &mappingErr) {
		t.Fatalf("error = %v, want *Error", err)
	}

	var got []string
	for _, p := range mappingErr.Problems {
		got = append(got, p.Code)
	}
	want := []string{"version_unsupported", "header_row_invalid", "unknown_key", "country_invalid", "unknown_field", "wrong_type", "template_unclosed_brace"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("codes = %v, want %v", got, want)
	}

	lines := strings.Split(mappingErr.Error(), "\n")
	if len(lines) != len(want) {
		t.Fatalf("Error() has %d lines, want %d:\n%s", len(lines), len(want), mappingErr)
	}
	wantPrefixes := []string{"m.yaml:1: ", "m.yaml:3: ", "m.yaml:4: ", "m.yaml:6: ", "m.yaml:8: ", "m.yaml:9: ", "m.yaml:10: "}
	for i, prefix := range wantPrefixes {
		if !strings.HasPrefix(lines[i], prefix) {
			t.Errorf("line %d = %q, want prefix %q", i, lines[i], prefix)
		}
	}
}

func TestErrorRender(t *testing.T) {
	_, err := Parse([]byte("version: 1\nfields:\n  contact.fistName: Prénom\n"), "leads.yaml")
	var mappingErr *Error
	if !errors.As(err, &mappingErr) {
		t.Fatalf("error = %v, want *Error", err)
	}

	tests := []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.English, `leads.yaml:3: unknown field "contact.fistName"; did you mean "contact.firstName"?`},
		{i18n.French, `leads.yaml:3: champ inconnu "contact.fistName" ; vouliez-vous dire "contact.firstName" ?`},
	}
	for _, tt := range tests {
		t.Run(tt.lang.Code(), func(t *testing.T) {
			if got := mappingErr.Render(tt.lang); got != tt.want {
				t.Errorf("Render = %q\nwant     %q", got, tt.want)
			}
		})
	}
	if got := mappingErr.Error(); got != tests[0].want {
		t.Errorf("Error() = %q, want the English rendering", got)
	}
}

func TestErrorRenderWithoutLine(t *testing.T) {
	err := &Error{Path: "m.yaml", Problems: []Problem{{Code: "empty_file", Message: i18n.T("the mapping file is empty; write at least \"version: 1\" and a fields section, or let the init command write one")}}}
	want := `m.yaml: the mapping file is empty; write at least "version: 1" and a fields section, or let the init command write one`
	if got := err.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestLoadUnreadable(t *testing.T) {
	dir := t.TempDir()
	large := filepath.Join(dir, "large.yaml")
	if err := os.WriteFile(large, []byte("version: 1\n"+strings.Repeat("# padding\n", maxFileSize/10+1)), 0o600); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		path    string
		wantErr error
	}{
		{"missing file", filepath.Join(dir, "missing.yaml"), fs.ErrNotExist},
		{"directory", dir, nil},
		{"larger than the limit", large, errTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Load(tt.path)
			if m != nil {
				t.Errorf("mapping = %+v, want nil", m)
			}
			problem := findProblem(t, err, "unreadable")
			if problem.Line != 0 {
				t.Errorf("line = %d, want 0", problem.Line)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.wantErr)
			}
			if !strings.HasPrefix(err.Error(), tt.path+": ") {
				t.Errorf("Error() = %q, want it to start with the path", err)
			}
		})
	}
}

func FuzzLoad(f *testing.F) {
	seeds := []string{
		"",
		"version: 1\nfields:\n  contact.email: Email\n",
		"version: 1\nsource: { sheet: 1, header_row: 2, delimiter: tab, encoding: utf-8 }\ndefaults: { country: fr }\n" +
			"skip_if:\n  - { column: A, in: [x, y] }\nfields:\n  message: \"{A} {{ {B}\"\n  product.title: { column: C, map: { a: b }, default: d }\n",
		"version: 1\nfields:\n  contact.email: &a [*a]\n",
		"a: &a [*a, *a]\nb: &b [*a, *a]\nc: [*b, *b]\n",
		"version: 1\nfields: { message: \"{\" }\n",
		"- - - -\n",
		"version: 1\nfields:\n  ? [a]\n  : b\n",
		"{{{{{{{{{{",
		"version: 1\n<<: {fields: {}}\n",
	}
	for _, seed := range seeds {
		f.Add([]byte(seed))
	}
	header := []string{"A", "B", "C", "Email", "Prénom", ""}

	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data, "fuzz.yaml")
		if err != nil {
			var mappingErr *Error
			if !errors.As(err, &mappingErr) || len(mappingErr.Problems) == 0 {
				t.Fatalf("error %v (%T) is not an *Error with problems", err, err)
			}
			_ = mappingErr.Render(i18n.French)
			return
		}
		if m == nil {
			t.Fatal("nil mapping without error")
		}

		b, err := m.Bind(header, "fuzz.csv")
		if err != nil {
			return
		}
		b.Apply(2, []string{"a", "b", "c", "x@example.com", "Jeanne", "z", "extra"})
		b.Apply(3, nil)
	})
}
