package mapping

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
	"github.com/aello-copilot/aello-import/normalize"
)

// maxSampleLength bounds a sample value shown in a comment, in characters.
const maxSampleLength = 40

// WriteYAML writes the proposal as a commented mapping file in g.Lang.
// The file opens with a comment on how to edit it. The source section
// holds the non-zero fields of src, and defaults.country is defaultCountry
// (DefaultCountry when empty). A commented skip_if example follows. Each
// placed field gets one line, with its column letter and sample in a
// comment. Required fields that no column was found for, and the unplaced
// columns, are written as comments.
//
// Load accepts the result whenever at least one field is placed, and
// binding it to g.Header gives each field the column placed here. The
// only error returned is the writer's.
func (g *Proposal) WriteYAML(w io.Writer, src Source, defaultCountry string) error {
	out := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(out, format, args...) }
	text := func(t i18n.Text) string { return t.In(g.Lang) }

	p("# %s\n", text(i18n.T("Mapping written by aello-import init from the header of the input file.")))
	p("# %s\n", text(i18n.T("Each line under fields maps a lead field (left) to a column header (right).")))
	p("# %s\n", text(i18n.T("Check every line: correct a header, write { column: C } to take a column by its letter,")))
	p("# %s\n", text(i18n.T("or delete the line to leave the field out. Headers match whatever their case, accents and spaces.")))
	p("# %s\n", text(i18n.T("The API requires contact.firstName (or contact.name) and contact.email or contact.phone.")))
	p("# %s\n", text(i18n.T("Try it with: aello-import check FILE -m MAPPING")))
	p("version: 1\n")

	g.writeSource(p, text, src)

	if defaultCountry == "" {
		defaultCountry = DefaultCountry
	}
	p("defaults:\n")
	p("  country: %s   # %s\n", yamlScalar(defaultCountry), text(i18n.T("country of the phone numbers written without an international prefix")))

	p("# skip_if:   # %s\n", text(i18n.T("rows to leave out, for example cancelled leads")))
	p("#   - column: %s\n", yamlScalar(g.statusHeader()))
	p("#     equals: Annulé   # %s\n", text(i18n.T("or in: [Annulé, Perdu], or empty: true")))

	g.writeFields(p, text)
	g.writeUnplaced(p, text)
	return out.Flush()
}

type printer func(format string, args ...any)
type translator func(t i18n.Text) string

func (g *Proposal) writeSource(p printer, text translator, src Source) {
	if src == (Source{}) {
		p("# source:   # %s\n", text(i18n.T("read from the file; set sheet, header_row, delimiter or encoding here to override")))
		return
	}

	p("source:\n")
	if src.Sheet != "" {
		p("  sheet: %s\n", yamlScalar(src.Sheet))
	}
	if src.HeaderRow > 0 {
		p("  header_row: %d\n", src.HeaderRow)
	}
	switch src.Delimiter {
	case "":
	case "\t":
		p("  delimiter: tab\n")
	default:
		p("  delimiter: %s\n", yamlQuoted(src.Delimiter))
	}
	if src.Encoding != "" {
		p("  encoding: %s\n", yamlScalar(src.Encoding))
	}
}

func (g *Proposal) writeFields(p printer, text translator) {
	if len(g.Placed) == 0 {
		p("fields:   # %s\n", text(i18n.T("no column was recognised: add one line per field, such as contact.firstName: Prénom")))
	} else {
		p("fields:\n")
	}

	index := newHeaderIndex(g.Header)
	lines := make([]string, len(g.Placed))
	width := 0
	for i, placement := range g.Placed {
		lines[i] = "  " + placement.Field + ": " + g.reference(index, placement.Column)
		width = max(width, utf8.RuneCountInString(lines[i]))
	}
	for i, placement := range g.Placed {
		padding := strings.Repeat(" ", width-utf8.RuneCountInString(lines[i]))
		p("%s%s   # %s\n", lines[i], padding, g.describeColumn(text, placement.Column))
	}

	for _, missing := range g.missingRequired() {
		p("  # %s:   # %s\n", missing, text(i18n.T("required, but no column was recognised: write its header here")))
	}
}

// missingRequired returns the fields the API requires that were not
// placed: the first name, and an email or a phone.
func (g *Proposal) missingRequired() []string {
	var missing []string
	if !g.has(aello.FieldFirstName) && !g.has(FieldName) {
		missing = append(missing, aello.FieldFirstName)
	}
	if !g.has(aello.FieldEmail) && !g.has(FieldPhone) && !g.has(aello.FieldPhoneNumber) {
		missing = append(missing, aello.FieldEmail, FieldPhone)
	}
	return missing
}

func (g *Proposal) has(field string) bool {
	_, ok := g.Field(field)
	return ok
}

func (g *Proposal) writeUnplaced(p printer, text translator) {
	if len(g.Unplaced) == 0 {
		return
	}
	p("# %s\n", text(i18n.T("Columns not mapped; to use one, add a line above, such as message: \"{Source}\" for a column Source:")))
	for _, column := range g.Unplaced {
		p("#   %s\n", g.describeColumn(text, column))
	}
}

// describeColumn renders `column C "Téléphone", e.g. "+352 621 000 011"`.
func (g *Proposal) describeColumn(text translator, column int) string {
	description := text(i18n.T("column %s %s", diag.ColumnLetter(column), strconv.Quote(normalize.Text(g.Header[column]))))
	if column < len(g.Samples) && !isBlank(g.Samples[column]) {
		sample := normalize.Text(g.Samples[column])
		if utf8.RuneCountInString(sample) > maxSampleLength {
			sample = string([]rune(sample)[:maxSampleLength]) + "…"
		}
		description += text(i18n.T(", e.g. %s", strconv.Quote(sample)))
	}
	return description
}

// reference returns how the mapping names a column. It is the first of
// these that finds the column: the header cleaned of stray spaces, the
// header as in the file, the letter, the number. A header such as "C" can
// hide the letter, but nothing hides the number.
func (g *Proposal) reference(index *headerIndex, column int) string {
	finds := func(ref string) bool {
		found, problem := index.resolve(ref, "", "")
		return problem == nil && found == column
	}

	name := g.Header[column]
	if !utf8.ValidString(name) {
		// YAML cannot spell invalid UTF-8 bytes, so only the position
		// can name such a column.
		name = ""
	}
	if cleaned := normalize.Text(name); !isBlank(cleaned) && !isTemplate(cleaned) && finds(cleaned) {
		return yamlScalar(cleaned)
	}
	if !isBlank(name) && finds(strings.TrimSpace(name)) {
		return "{ column: " + yamlQuoted(strings.TrimSpace(name)) + " }"
	}

	letter := diag.ColumnLetter(column)
	if finds(letter) {
		return "{ column: " + letter + " }"
	}
	// An unquoted number names the column by position whatever the
	// headers are.
	return "{ column: " + strconv.Itoa(column+1) + " }"
}

// statusHeader returns the header of a status column for the skip_if
// example, or "Statut" when there is none.
func (g *Proposal) statusHeader() string {
	for _, name := range g.Header {
		switch looseKey(name) {
		case "statut", "status", "etat":
			return normalize.Text(name)
		}
	}
	return "Statut"
}

// yamlScalar returns s as a YAML scalar that reads back as the string s:
// plain when that is safe, quoted otherwise.
func yamlScalar(s string) string {
	if strings.ContainsAny(s, "\n\r\t") || !utf8.ValidString(s) {
		return yamlQuoted(s)
	}
	node := yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	encoded, err := yaml.Marshal(&node)
	if err != nil {
		return yamlQuoted(s)
	}
	return strings.TrimSuffix(string(encoded), "\n")
}

// yamlQuoted returns s as a double-quoted YAML scalar.
func yamlQuoted(s string) string {
	node := yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
	encoded, err := yaml.Marshal(&node)
	if err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(string(encoded), "\n")
}
