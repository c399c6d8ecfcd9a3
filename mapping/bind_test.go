package mapping

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/aello"
)

// mustParse parses a mapping written in a test, failing the test on error.
func mustParse(t *testing.T, yaml string) *Mapping {
	t.Helper()
	m, err := Parse([]byte(yaml), "m.yaml")
	if err != nil {
		t.Fatalf("Parse:\n%v", err)
	}
	return m
}

func TestBindFindsColumns(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		field  string // the mapping's line for contact.email
		want   int
	}{
		{"exact header", []string{"Prénom", "Email"}, "Email", 1},
		{"case", []string{"Prénom", "EMAIL"}, "email", 1},
		{"accents", []string{"Prenom", "Téléphone"}, "Telephone", 1},
		{"nbsp after header", []string{"Prénom\u00a0", "E-mail\u00a0"}, "E-mail", 1},
		{"byte order mark and zero-width space", []string{"\ufeffEmail", "x"}, "\u200bEmail", 0},
		{"inner spaces", []string{"Adresse   e-mail"}, "adresse e-mail", 0},
		{"punctuation ignored when unambiguous", []string{"Prénom", "E-mail"}, "Email", 1},
		{"underscore ignored", []string{"e_mail"}, "E-Mail", 0},
		{"letter", []string{"a", "b", "c"}, "{ column: C }", 2},
		{"letters AA", make([]string, 30), "{ column: AA }", 26},
		{"number", []string{"a", "b", "c"}, "{ column: 3 }", 2},
		{"number as text", []string{"a", "b", "c"}, "{ column: \"2\" }", 1},
		{"header before letter", []string{"x", "C", "y"}, "{ column: C }", 1},
		{"number before header", []string{"3", "x", "y"}, "{ column: 3 }", 2},
		{"quoted number is a header first", []string{"3", "x", "y"}, "{ column: \"3\" }", 0},
		{"letter of an empty header", []string{"Prénom", "", "Nom"}, "{ column: B }", 1},
		{"letter picks one of duplicates", []string{"Email", "Nom", "Email"}, "{ column: C }", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, "version: 1\nfields:\n  contact.email: "+tt.field+"\n")
			b, err := m.Bind(tt.header, "leads.csv")
			if err != nil {
				t.Fatalf("Bind: %v", err)
			}
			got, ok := b.Column(aello.FieldEmail)
			if !ok || got != tt.want {
				t.Errorf("Column(contact.email) = %d, %v; want %d, true", got, ok, tt.want)
			}
		})
	}
}

func TestBindErrors(t *testing.T) {
	tests := []struct {
		name           string
		header         []string
		yaml           string
		wantLine       int
		wantCode       string
		wantSuggestion string
		wantInMessage  []string
	}{
		{
			name:           "missing with suggestion",
			header:         []string{"Prénom", "Nom", "Email"},
			yaml:           "version: 1\nfields:\n  contact.email: Email\n  contact.firstName: \"Prenm \"\n",
			wantLine:       4,
			wantCode:       "column_not_found",
			wantSuggestion: "Prénom",
			wantInMessage:  []string{`no column "Prenm" in leads.xlsx for contact.firstName; did you mean "Prénom"?`},
		},
		{
			name:          "missing without suggestion lists headers",
			header:        []string{"Prénom", "", "Email"},
			yaml:          "version: 1\nfields:\n  contact.email: Email\n  message: Remarques\n",
			wantLine:      4,
			wantCode:      "column_not_found",
			wantInMessage: []string{`its columns are A "Prénom", C "Email"`},
		},
		{
			name:          "letter past the last column",
			header:        []string{"Prénom", "Email"},
			yaml:          "version: 1\nfields:\n  contact.email: Email\n  message: { column: F }\n",
			wantLine:      4,
			wantCode:      "column_not_found",
			wantInMessage: []string{"no column F in leads.xlsx for message: the file has 2 columns, A to B"},
		},
		{
			name:          "number past the last column",
			header:        []string{"Prénom", "Email"},
			yaml:          "version: 1\nfields:\n  contact.email: { column: 7 }\n",
			wantLine:      3,
			wantCode:      "column_not_found",
			wantInMessage: []string{"the file has 2 columns"},
		},
		{
			name:          "number with a header of that name past the last column",
			header:        []string{"Prénom", "7"},
			yaml:          "version: 1\nfields:\n  contact.email: { column: 7 }\n",
			wantLine:      3,
			wantCode:      "column_not_found",
			wantInMessage: []string{"no column 7 in leads.xlsx for contact.email: the file has 2 columns, A to B"},
		},
		{
			name:          "empty header",
			header:        nil,
			yaml:          "version: 1\nfields:\n  contact.email: Email\n",
			wantLine:      3,
			wantCode:      "column_not_found",
			wantInMessage: []string{"the file has no header names"},
		},
		{
			name:           "duplicate header",
			header:         []string{"Prénom", "Email", "Nom", "Email"},
			yaml:           "version: 1\nfields:\n  contact.firstName: Prénom\n  contact.email: Email\n",
			wantLine:       4,
			wantCode:       "column_ambiguous",
			wantSuggestion: "B",
			wantInMessage:  []string{`column "Email" appears 2 times in leads.xlsx (columns B, D)`, "{ column: B }"},
		},
		{
			name:           "duplicate after folding",
			header:         []string{"Email", "EMAIL "},
			yaml:           "version: 1\nfields:\n  contact.email: email\n",
			wantLine:       3,
			wantCode:       "column_ambiguous",
			wantSuggestion: "A",
		},
		{
			name:           "punctuation-insensitive match is ambiguous",
			header:         []string{"E-mail", "E_mail"},
			yaml:           "version: 1\nfields:\n  contact.email: Email\n",
			wantLine:       3,
			wantCode:       "column_ambiguous",
			wantSuggestion: "A",
		},
		{
			name:           "template placeholder missing",
			header:         []string{"Prénom", "Email", "Commentaire"},
			yaml:           "version: 1\nfields:\n  contact.email: Email\n  message: \"{Commentaire} - {Sourse}\"\n",
			wantLine:       4,
			wantCode:       "column_not_found",
			wantInMessage:  []string{`no column "Sourse"`},
			wantSuggestion: "",
		},
		{
			name:           "skip_if column missing",
			header:         []string{"Prénom", "Email", "Status"},
			yaml:           "version: 1\nskip_if:\n  - column: Statut\n    equals: Annulé\nfields:\n  contact.email: Email\n",
			wantLine:       3,
			wantCode:       "column_not_found",
			wantSuggestion: "Status",
			wantInMessage:  []string{"for skip_if"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, tt.yaml)
			b, err := m.Bind(tt.header, "leads.xlsx")
			if b != nil {
				t.Errorf("binding = %+v, want nil", b)
			}
			problem := findProblem(t, err, tt.wantCode)
			if problem.Line != tt.wantLine {
				t.Errorf("line = %d, want %d", problem.Line, tt.wantLine)
			}
			if problem.Suggestion != tt.wantSuggestion {
				t.Errorf("suggestion = %q, want %q", problem.Suggestion, tt.wantSuggestion)
			}
			for _, want := range tt.wantInMessage {
				if !strings.Contains(problem.Message.String(), want) {
					t.Errorf("message %q does not contain %q", problem.Message, want)
				}
			}
		})
	}
}

func TestBindReportsEveryColumn(t *testing.T) {
	m := mustParse(t, "version: 1\nfields:\n  contact.firstName: Prenom\n  contact.email: Mail\n  message: \"{A} {B}\"\n")
	_, err := m.Bind([]string{"Nom", "Courriel"}, "leads.csv")

	var mappingErr *Error
	if !errors.As(err, &mappingErr) {
		t.Fatalf("error = %v, want *Error", err)
	}
	var lines []int
	for _, p := range mappingErr.Problems {
		lines = append(lines, p.Line)
	}
	// B is a letter within the header; A is one too, so only Prenom and
	// Mail are missing.
	want := []int{3, 4}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("problem lines = %v, want %v:\n%s", lines, want, mappingErr)
	}
	if mappingErr.Path != "m.yaml" {
		t.Errorf("Path = %q, want the mapping's path", mappingErr.Path)
	}
}

func TestBindingColumn(t *testing.T) {
	m := mustParse(t, `version: 1
fields:
  contact.firstName: Prénom
  contact.companyName: { value: Garage }
  message: "{Source}: {Commentaire}"
`)
	b, err := m.Bind([]string{"Commentaire", "Prénom", "Source"}, "leads.csv")
	if err != nil {
		t.Fatalf("Bind: %v", err)
	}

	tests := []struct {
		field  string
		want   int
		wantOK bool
	}{
		{aello.FieldFirstName, 1, true},
		{aello.FieldCompanyName, -1, true},
		{aello.FieldMessage, 2, true},
		{aello.FieldEmail, -1, false},
		{"not.a.field", -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			got, ok := b.Column(tt.field)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Column(%q) = %d, %v; want %d, %v", tt.field, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
