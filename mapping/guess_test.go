package mapping

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/i18n"
)

// casesDir holds the real-world input files shared by the packages' tests.
var casesDir = filepath.Join("..", "testdata", "cases")

// readCSVCase reads a CSV case file with its encoding and delimiter, drops
// a byte order mark and a "sep=" line, and returns its header and rows.
func readCSVCase(t *testing.T, name string, enc encoding.Encoding, comma rune) (header []string, rows [][]string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(casesDir, name))
	if err != nil {
		t.Fatalf("read case: %v", err)
	}
	if enc != nil {
		data, err = enc.NewDecoder().Bytes(data)
		if err != nil {
			t.Fatalf("decode %s: %v", name, err)
		}
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	if strings.HasPrefix(text, "sep=") {
		_, text, _ = strings.Cut(text, "\n")
	}

	reader := csv.NewReader(strings.NewReader(text))
	reader.Comma = comma
	reader.FieldsPerRecord = -1
	reader.LazyQuotes = true
	for {
		record, err := reader.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		if header == nil {
			header = record
			continue
		}
		rows = append(rows, record)
	}
	return header, rows
}

// logCase is an input file of the real-world case log with the placement
// Guess must make of its header.
type logCase struct {
	name string
	// file and its encoding and delimiter, for a CSV case; header for an
	// XLSX case, copied from the file's header row.
	file   string
	enc    encoding.Encoding
	comma  rune
	header []string
	// want maps each placed field to its column; unplaced lists the
	// columns left over.
	want     map[string]int
	unplaced []int
}

var utf16BOM = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)

var contactColumns = map[string]int{aello.FieldFirstName: 0, aello.FieldLastName: 1, aello.FieldEmail: 2}

func withColumns(base map[string]int, extra map[string]int) map[string]int {
	out := make(map[string]int, len(base)+len(extra))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

var logCases = []logCase{
	{name: "C01 French Excel", file: "c01_excel_fr_semicolon_cp1252.csv", enc: charmap.Windows1252, comma: ';',
		want: withColumns(contactColumns, map[string]int{FieldPhone: 3, aello.FieldCompanyName: 4, aello.FieldMessage: 5})},
	{name: "C02 quoted BOM header", file: "c02_utf8_bom_quoted_header.csv", comma: ',',
		want: withColumns(contactColumns, map[string]int{FieldPhone: 3})},
	{name: "C03 BOM before ID", file: "c03_utf8_bom_first_column_id.csv", comma: ';',
		want: map[string]int{aello.FieldExternalID: 0, aello.FieldFirstName: 1, aello.FieldLastName: 2, aello.FieldEmail: 3}},
	{name: "C04 UTF-16 tab", file: "c04_excel_unicode_text_utf16le.txt", enc: utf16BOM, comma: '\t',
		want: withColumns(contactColumns, map[string]int{aello.FieldCompanyName: 3})},
	{name: "C06 sep line", file: "c06_sep_hint_first_line.csv", comma: ';',
		want: withColumns(contactColumns, map[string]int{aello.FieldCompanyName: 3})},
	{name: "C07 multi-line cells", file: "c07_multiline_cells_row_numbers.csv", comma: ';',
		want: withColumns(contactColumns, map[string]int{FieldPhone: 3, aello.FieldMessage: 4})},
	{name: "C08 bare quotes", file: "c08_bare_quotes_in_unquoted_fields.csv", comma: ';',
		want: withColumns(contactColumns, map[string]int{aello.FieldCompanyName: 3, aello.FieldMessage: 4})},
	{name: "C10 English headers", file: "c10_unquoted_delimiter_extra_field.csv", comma: ',',
		want: withColumns(contactColumns, map[string]int{aello.FieldCompanyName: 3, FieldPhone: 4})},
	{name: "C11 empty trailing headers", file: "c11_trailing_delimiter_rows_and_columns.csv", enc: charmap.Windows1252, comma: ';',
		want: contactColumns},
	{name: "C14 nbsp in headers", file: "c14_nbsp_and_zero_width_spaces.csv", comma: ';',
		want: withColumns(contactColumns, map[string]int{FieldPhone: 3})},
	{name: "C15 scientific phones", file: "c15_phone_scientific_notation.csv", enc: charmap.Windows1252, comma: ';',
		want: withColumns(contactColumns, map[string]int{FieldPhone: 3})},
	{name: "C17 lost plus", file: "c17_phone_plus_sign_lost.csv", enc: charmap.Windows1252, comma: ';',
		want: withColumns(contactColumns, map[string]int{FieldPhone: 3})},
	{name: "C18 emails", file: "c18_email_variants.csv", comma: ';', want: contactColumns},
	{name: "C20 prices", file: "c20_price_text_formats.csv", comma: ';',
		want: map[string]int{aello.FieldFirstName: 0, aello.FieldEmail: 1, aello.FieldReference: 2, aello.FieldPrice: 3}},
	{name: "C21 header on row 3", header: []string{"Prénom", "Nom", "Email", "Téléphone", "Commentaire"},
		want: withColumns(contactColumns, map[string]int{FieldPhone: 3, aello.FieldMessage: 4})},
	{name: "C23 visible sheet", header: []string{"Prénom", "Nom", "Email"}, want: contactColumns},
	{name: "C23 hidden lookup sheet", header: []string{"Statut"}, want: map[string]int{}, unplaced: []int{0}},
	{name: "C25 short rows", header: []string{"Prénom", "Nom", "Email", "Téléphone", "Société", "Commentaire"},
		want: withColumns(contactColumns, map[string]int{FieldPhone: 3, aello.FieldCompanyName: 4, aello.FieldMessage: 5})},
	{name: "C26 numbers", header: []string{"Prénom", "Nom", "Téléphone", "Référence"},
		want: map[string]int{aello.FieldFirstName: 0, aello.FieldLastName: 1, FieldPhone: 2, aello.FieldReference: 3}},
	{name: "C28 dates", header: []string{"Prénom", "Email", "Date contact", "Commentaire"},
		want: map[string]int{aello.FieldFirstName: 0, aello.FieldEmail: 1, aello.FieldMessage: 3}, unplaced: []int{2}},
	{name: "C30 inline strings", header: []string{"Prénom", "Nom", "Email", "Société"},
		want: withColumns(contactColumns, map[string]int{aello.FieldCompanyName: 3})},
}

// header returns the case's header, read from its file for a CSV case.
func (c logCase) readHeader(t *testing.T) []string {
	t.Helper()
	if c.file == "" {
		return c.header
	}
	header, _ := readCSVCase(t, c.file, c.enc, c.comma)
	return header
}

// placements returns the placements of g as field → column.
func placements(g *Proposal) map[string]int {
	out := make(map[string]int, len(g.Placed))
	for _, p := range g.Placed {
		out[p.Field] = p.Column
	}
	return out
}

func TestGuessLogCases(t *testing.T) {
	for _, c := range logCases {
		t.Run(c.name, func(t *testing.T) {
			header := c.readHeader(t)
			g := Guess(header)
			if got := placements(g); !reflect.DeepEqual(got, c.want) {
				t.Errorf("placements of %q = %v\nwant %v", header, got, c.want)
			}
			if !reflect.DeepEqual(g.Unplaced, c.unplaced) {
				t.Errorf("unplaced = %v, want %v", g.Unplaced, c.unplaced)
			}
			for _, p := range g.Placed {
				if p.Header != header[p.Column] {
					t.Errorf("placement %s has header %q, want %q", p.Field, p.Header, header[p.Column])
				}
			}
		})
	}
}

func TestGuessSynonyms(t *testing.T) {
	tests := []struct {
		header string
		want   string
	}{
		{"First name", aello.FieldFirstName},
		{"Cust First", aello.FieldFirstName},
		{"Vorname", aello.FieldFirstName},
		{"Last name", aello.FieldLastName},
		{"Cust Last", aello.FieldLastName},
		{"Nachname", aello.FieldLastName},
		{"Nom complet", FieldName},
		{"Full name", FieldName},
		{"Name", FieldName},
		{"Kunde", FieldName},
		{"Nom", FieldName},
		{"E-mail", aello.FieldEmail},
		{"Courriel", aello.FieldEmail},
		{"E-Mail Addr", aello.FieldEmail},
		{"Mail", aello.FieldEmail},
		{"Email address", aello.FieldEmail},
		{"Tel", FieldPhone},
		{"Tél.", FieldPhone},
		{"Cell Ph", FieldPhone},
		{"Mobile", FieldPhone},
		{"Portable", FieldPhone},
		{"GSM", FieldPhone},
		{"Handy", FieldPhone},
		{"Telefon", FieldPhone},
		{"Téléphone portable", FieldPhone},
		{"Raison sociale", aello.FieldCompanyName},
		{"Firma", aello.FieldCompanyName},
		{"Entreprise", aello.FieldCompanyName},
		{"ID", aello.FieldExternalID},
		{"Réf client", aello.FieldExternalID},
		{"External ID", aello.FieldExternalID},
		{"Lead ID", aello.FieldExternalID},
		{"Réf", aello.FieldReference},
		{"Stock #", aello.FieldReference},
		{"N° de stock", aello.FieldReference},
		{"VIN", aello.FieldReference},
		{"Artikelnummer", aello.FieldReference},
		{"Model", aello.FieldTitle},
		{"Véhicule", aello.FieldTitle},
		{"Fahrzeug", aello.FieldTitle},
		{"Price", aello.FieldPrice},
		{"Preis", aello.FieldPrice},
		{"Montant", aello.FieldPrice},
		{"Prix TTC", aello.FieldPrice},
		{"URL", aello.FieldLink},
		{"Lien", aello.FieldLink},
		{"Bild", aello.FieldImage},
		{"Image", aello.FieldImage},
		{"Notes", aello.FieldMessage},
		{"Bemerkung", aello.FieldMessage},
		{"Kommentar", aello.FieldMessage},
		{"Date contact", ""},
		{"Email vendeur", ""},
		{"Statut", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			g := Guess([]string{tt.header})
			got := ""
			if len(g.Placed) == 1 {
				got = g.Placed[0].Field
			}
			if len(g.Placed) > 1 {
				t.Fatalf("one header placed on %d fields: %+v", len(g.Placed), g.Placed)
			}
			if got != tt.want {
				t.Errorf("Guess(%q) placed it on %q, want %q", tt.header, got, tt.want)
			}
		})
	}
}

func TestGuessResolvesConflicts(t *testing.T) {
	tests := []struct {
		name     string
		header   []string
		want     map[string]int
		unplaced []int
	}{
		{"French Nom beside Prénom", []string{"Nom", "Prénom", "Email"},
			map[string]int{aello.FieldLastName: 0, aello.FieldFirstName: 1, aello.FieldEmail: 2}, nil},
		{"French Nom alone", []string{"Nom", "Email"},
			map[string]int{FieldName: 0, aello.FieldEmail: 1}, nil},
		{"German Name beside Vorname", []string{"Vorname", "Name", "E-Mail"},
			map[string]int{aello.FieldFirstName: 0, aello.FieldLastName: 1, aello.FieldEmail: 2}, nil},
		{"full name beside first and last name", []string{"Prénom", "Nom", "Nom complet"},
			map[string]int{aello.FieldFirstName: 0, aello.FieldLastName: 1}, []int{2}},
		{"full name beside last name only", []string{"Nom de famille", "Nom complet"},
			map[string]int{FieldName: 1}, []int{0}},
		{"two phones keep the first synonym", []string{"Portable", "Téléphone"},
			map[string]int{FieldPhone: 1}, []int{0}},
		{"country code splits the phone", []string{"Prénom", "Indicatif", "Téléphone"},
			map[string]int{aello.FieldFirstName: 0, aello.FieldPhoneCountryCode: 1, aello.FieldPhoneNumber: 2}, nil},
		{"country code without phone", []string{"Prénom", "Indicatif"},
			map[string]int{aello.FieldFirstName: 0}, []int{1}},
		{"whole header beats partial", []string{"Email address", "Email"},
			map[string]int{aello.FieldEmail: 1}, []int{0}},
		{"duplicate headers use the first", []string{"Email", "Email"},
			map[string]int{aello.FieldEmail: 0}, []int{1}},
		{"dealer system export", []string{"Stock #", "Cust First", "Cust Last", "E-Mail Addr", "Cell Ph", "Model", "Price"},
			map[string]int{aello.FieldReference: 0, aello.FieldFirstName: 1, aello.FieldLastName: 2, aello.FieldEmail: 3, FieldPhone: 4, aello.FieldTitle: 5, aello.FieldPrice: 6}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := Guess(tt.header)
			if got := placements(g); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("placements = %v, want %v", got, tt.want)
			}
			if !reflect.DeepEqual(g.Unplaced, tt.unplaced) {
				t.Errorf("unplaced = %v, want %v", g.Unplaced, tt.unplaced)
			}
		})
	}
}

// roundTrip writes g as YAML, loads it and binds it to g.Header, failing
// the test on any error.
func roundTrip(t *testing.T, g *Proposal, src Source, country string) (*Mapping, *Binding, string) {
	t.Helper()
	var out bytes.Buffer
	if err := g.WriteYAML(&out, src, country); err != nil {
		t.Fatalf("WriteYAML: %v", err)
	}
	m, err := Parse(out.Bytes(), "guessed.yaml")
	if err != nil {
		t.Fatalf("Parse of the written mapping:\n%v\n--- mapping:\n%s", err, out.String())
	}
	b, err := m.Bind(g.Header, "input.csv")
	if err != nil {
		t.Fatalf("Bind of the written mapping:\n%v\n--- mapping:\n%s", err, out.String())
	}
	return m, b, out.String()
}

func TestGuessRoundTrip(t *testing.T) {
	headers := map[string][]string{
		"duplicate headers":     {"Email", "Prénom", "Email"},
		"header named a letter": {"Prénom", "B", "Email"},
		"header with braces":    {"Prénom", "{Email}", "Email"},
		"header with colon":     {"Prénom: client", "Prénom", "E-mail: pro", "Email"},
		"yaml words":            {"yes", "Prénom", "null", "Email", "123"},
		"header with newline":   {"Prénom", "Téléphone\nportable", "Email"},
		"header with nbsp":      {"Prénom\u00a0", "E-mail\u00a0", " Nom "},
		"empty headers":         {"Prénom", "", "Email", ""},
		"quotes and hash":       {"Prénom", `Réf "stock" #`, "Email"},
		"punctuation twins":     {"Prénom", "E-mail", "E_mail"},
	}
	for _, c := range logCases {
		headers[c.name] = c.readHeader(t)
	}

	for name, header := range headers {
		t.Run(name, func(t *testing.T) {
			g := Guess(header)
			if len(g.Placed) == 0 {
				t.Skip("nothing placed, so the written mapping has no fields")
			}
			src := Source{Sheet: "Leads", HeaderRow: 3, Delimiter: "\t", Encoding: "windows-1252"}
			m, b, written := roundTrip(t, g, src, "FR")

			if m.Source != src {
				t.Errorf("source = %+v, want %+v", m.Source, src)
			}
			if m.DefaultCountry != "FR" {
				t.Errorf("country = %q, want FR", m.DefaultCountry)
			}
			if len(m.Fields) != len(g.Placed) {
				t.Errorf("loaded %d fields, want %d:\n%s", len(m.Fields), len(g.Placed), written)
			}
			for _, p := range g.Placed {
				column, ok := b.Column(p.Field)
				if !ok || column != p.Column {
					t.Errorf("%s binds to column %d (%v), want %d:\n%s", p.Field, column, ok, p.Column, written)
				}
			}
		})
	}
}

func TestGuessRoundTripEmptySource(t *testing.T) {
	g := Guess([]string{"Prénom", "Email"})
	m, _, written := roundTrip(t, g, Source{}, "")
	if m.Source != (Source{}) {
		t.Errorf("source = %+v, want none", m.Source)
	}
	if m.DefaultCountry != DefaultCountry {
		t.Errorf("country = %q, want %q", m.DefaultCountry, DefaultCountry)
	}
	if !strings.Contains(written, "# source:") {
		t.Errorf("written mapping has no commented source section:\n%s", written)
	}
}

func TestWriteYAMLComments(t *testing.T) {
	g := Guess([]string{"Prénom", "Nom", "Téléphone", "Statut", "Vendeur"})
	g.SetSamples([][]string{
		{"Jeanne", "", "", "", ""},
		{"Paul", "Schmit", "+352 621 000 011", "Annulé", strings.Repeat("Jean-Baptiste ", 10)},
	})

	var out bytes.Buffer
	if err := g.WriteYAML(&out, Source{}, "LU"); err != nil {
		t.Fatal(err)
	}
	written := out.String()

	wants := []string{
		"version: 1\n",
		"  country: LU",
		`contact.firstName: Prénom`,
		`# column A "Prénom", e.g. "Jeanne"`,
		`# column B "Nom", e.g. "Schmit"`,
		`# column C "Téléphone", e.g. "+352 621 000 011"`,
		"# skip_if:",
		"#   - column: Statut",
		`#   column D "Statut", e.g. "Annulé"`,
		`#   column E "Vendeur", e.g. "Jean-Baptiste Jean-Baptiste Jean-Baptist…"`,
	}
	for _, want := range wants {
		if !strings.Contains(written, want) {
			t.Errorf("written mapping lacks %q:\n%s", want, written)
		}
	}
}

func TestWriteYAMLMissingRequired(t *testing.T) {
	g := Guess([]string{"Nom de famille", "Statut"})
	var out bytes.Buffer
	if err := g.WriteYAML(&out, Source{}, "LU"); err != nil {
		t.Fatal(err)
	}
	written := out.String()

	for _, want := range []string{"  # contact.firstName:   # required", "  # contact.email:   # required", "  # contact.phone:   # required"} {
		if !strings.Contains(written, want) {
			t.Errorf("written mapping lacks %q:\n%s", want, written)
		}
	}
	if _, err := Parse(out.Bytes(), "guessed.yaml"); err != nil {
		t.Errorf("Parse of the written mapping: %v", err)
	}
}

func TestWriteYAMLFrench(t *testing.T) {
	g := Guess([]string{"Prénom", "Email", "Source"})
	g.Lang = i18n.French

	_, _, written := roundTrip(t, g, Source{}, "LU")
	wants := []string{
		"# Correspondance écrite par aello-import init",
		`# colonne A "Prénom"`,
		"#   colonne C \"Source\"",
	}
	for _, want := range wants {
		if !strings.Contains(written, want) {
			t.Errorf("French mapping lacks %q:\n%s", want, written)
		}
	}
}

func TestSetSamples(t *testing.T) {
	g := Guess([]string{"Prénom", "Email", "Nom"})
	g.SetSamples([][]string{{"", " "}, {"Paul", "p@example.com"}, {"Anne", "a@example.com", "Kieffer"}})
	want := []string{"Paul", "p@example.com", "Kieffer"}
	if !reflect.DeepEqual(g.Samples, want) {
		t.Errorf("Samples = %q, want %q", g.Samples, want)
	}
}

func FuzzGuessRoundTrip(f *testing.F) {
	seeds := []string{
		"Prénom|Nom|Email",
		"Email|Prénom|Email",
		"Prénom|B|Email|{Email}",
		"yes|Prénom|null|Email|123",
		"Prénom\u00a0|E-mail\u00a0| Nom ",
		"Prénom|Téléphone\nportable|E-mail|E_mail",
		"Nom|Indicatif|Téléphone|C|3",
	}
	for _, seed := range seeds {
		f.Add(seed)
	}

	f.Fuzz(func(t *testing.T, joined string) {
		header := strings.Split(joined, "|")
		g := Guess(header)
		if len(g.Placed) == 0 {
			return
		}
		_, b, written := roundTrip(t, g, Source{}, "")
		for _, p := range g.Placed {
			if column, ok := b.Column(p.Field); !ok || column != p.Column {
				t.Errorf("%s binds to column %d (%v), want %d:\n%s", p.Field, column, ok, p.Column, written)
			}
		}
	})
}
