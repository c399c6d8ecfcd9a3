// Package mapping loads the YAML mapping that turns a spreadsheet row into
// a lead, binds it to a file's header and applies it to rows.
//
// A mapping goes through three stages. Load (or Parse) checks the file and
// returns a *Mapping. Mapping.Bind resolves its column names against one
// header and returns a *Binding. Binding.Apply turns each row into an
// aello.Lead with its diagnostics. Guess proposes a mapping from a header,
// for the init command.
package mapping

import "github.com/aello-copilot/aello-import/aello"

// Field paths that a mapping accepts besides the API's own (see the Field
// constants of package aello).
const (
	// FieldName is a full name, split into contact.firstName and
	// contact.lastName.
	FieldName = "contact.name"
	// FieldPhone is a whole phone number, split into
	// contact.phoneCountryCode and contact.phoneNumber with the default
	// country.
	FieldPhone = "contact.phone"
)

// fieldOrder lists every field path a mapping accepts, in the order Apply
// fills them and reports their diagnostics.
var fieldOrder = [...]string{
	aello.FieldExternalID,
	aello.FieldFirstName,
	aello.FieldLastName,
	FieldName,
	aello.FieldEmail,
	FieldPhone,
	aello.FieldPhoneCountryCode,
	aello.FieldPhoneNumber,
	aello.FieldCompanyName,
	aello.FieldReference,
	aello.FieldTitle,
	aello.FieldPrice,
	aello.FieldLink,
	aello.FieldImage,
	aello.FieldMessage,
}

// FieldPaths returns every field path a mapping accepts, such as
// "contact.firstName", in a fixed order. The caller may modify the slice.
func FieldPaths() []string {
	paths := make([]string, len(fieldOrder))
	copy(paths, fieldOrder[:])
	return paths
}

// fieldIndex returns the position of path in fieldOrder, or -1 when path
// is not a field.
func fieldIndex(path string) int {
	for i, f := range fieldOrder {
		if f == path {
			return i
		}
	}
	return -1
}

// conflicts lists the pairs of fields that cannot be mapped together,
// because the first is split into the second.
var conflicts = [...][2]string{
	{FieldName, aello.FieldFirstName},
	{FieldName, aello.FieldLastName},
	{FieldPhone, aello.FieldPhoneCountryCode},
	{FieldPhone, aello.FieldPhoneNumber},
}

// DefaultCountry is the region used for phone numbers when the mapping has
// no defaults.country.
const DefaultCountry = "LU"

// Source is the optional source section; command-line flags override it.
// Zero values mean "detect".
type Source struct {
	// Sheet is an XLSX sheet name or 1-based index.
	Sheet string
	// HeaderRow is the 1-based row of the header.
	HeaderRow int
	// Delimiter is the CSV field separator as one character; a tab is
	// "\t" (the file may spell it "tab").
	Delimiter string
	// Encoding is the CSV encoding name, such as "windows-1252". Load does
	// not check it, because the reader owns the list of encodings.
	Encoding string
}

// Mapping is a loaded, syntactically valid mapping file. Its column names
// are not checked against any file until Bind.
type Mapping struct {
	// Path is the file the mapping was loaded from.
	Path   string
	Source Source
	// DefaultCountry is the ISO region for phones written without an
	// international prefix, such as "LU". It is DefaultCountry when the file
	// sets none.
	DefaultCountry string
	// SkipIf lists the rules that leave rows out, in file order.
	SkipIf []SkipRule
	// Fields lists the mapped fields in the order of FieldPaths.
	Fields []FieldMapping
}

// Field returns the mapping of the field at path, or nil when the field is
// not mapped.
func (m *Mapping) Field(path string) *FieldMapping {
	for i := range m.Fields {
		if m.Fields[i].Field == path {
			return &m.Fields[i]
		}
	}
	return nil
}

// Kind is the source of a field's value: a column, a template or a constant.
type Kind uint8

const (
	// FromColumn reads one column, named by header, letter or number.
	FromColumn Kind = iota + 1
	// FromTemplate renders a text with {Column} placeholders.
	FromTemplate
	// FromValue is a constant.
	FromValue
)

// FieldMapping is the source of one lead field.
type FieldMapping struct {
	// Field is the field path, such as "contact.firstName".
	Field string
	// Line is the mapping file's line of the field.
	Line int
	Kind Kind
	// Column is the column reference as written when Kind is FromColumn: a
	// header, a letter such as "C" or a 1-based number such as "3".
	Column string
	// ColumnNumber is set when Column was written as a YAML number, as in
	// { column: 3 }: it then names the third column even if a header is
	// "3".
	ColumnNumber bool
	// Template is the template as written when Kind is FromTemplate.
	Template string
	// Value is the constant when Kind is FromValue.
	Value string
	// Map replaces values before the default applies, in file order.
	Map []MapEntry
	// Default replaces an empty value when HasDefault is set.
	Default    string
	HasDefault bool

	template []templatePart
}

// MapEntry is one replacement of a field's map: a value equal to From
// (exactly, or else ignoring case, accents and spaces) becomes To.
type MapEntry struct {
	From string
	To   string
}

// SkipOp is the test of a skip_if rule.
type SkipOp uint8

const (
	// SkipEquals matches a cell equal to Values[0], ignoring case, accents
	// and spaces.
	SkipEquals SkipOp = iota + 1
	// SkipIn matches a cell equal to any of Values, compared as SkipEquals.
	SkipIn
	// SkipEmpty matches an empty cell.
	SkipEmpty
)

// SkipRule leaves out the rows whose cell in Column passes the test Op.
type SkipRule struct {
	// Line is the mapping file's line of the rule.
	Line int
	// Column is a header, letter or number, resolved as a field's column.
	Column string
	// ColumnNumber is set when Column was written as a YAML number.
	ColumnNumber bool
	Op           SkipOp
	// Values are the values compared by SkipEquals (one) and SkipIn.
	Values []string
}
