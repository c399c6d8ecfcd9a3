package mapping

import (
	"strings"

	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
)

// Binding is a mapping resolved against one header. It is immutable and
// safe for concurrent use by several goroutines calling Apply.
type Binding struct {
	header  []string
	country string
	fields  []boundField
	skips   []boundSkip
	// columns holds, for each field of fieldOrder, the input column it
	// reads (its first placeholder's for a template), -1 for a constant and
	// notMapped when the field is absent from the mapping.
	columns [len(fieldOrder)]int
}

// notMapped marks a field absent from the mapping in Binding.columns.
const notMapped = -2

// boundField is a FieldMapping with its columns resolved.
type boundField struct {
	field string
	index int
	kind  Kind
	// column is the column read, the first placeholder's for a template,
	// or -1 for a constant.
	column int
	parts  []boundPart
	value  string
	// mapExact and mapFolded hold the map keyed by the exact value and by
	// its fold key; nil when the field has no map.
	mapExact   map[string]string
	mapFolded  map[string]string
	def        string
	hasDefault bool
	line       int
}

// boundPart is a template literal, or the column of a placeholder when
// column >= 0.
type boundPart struct {
	literal string
	column  int
}

// boundSkip is a SkipRule with its column resolved and its values folded.
type boundSkip struct {
	rule   SkipRule
	column int
	folded []string
	memo   *foldMemo
}

// Bind resolves the mapping's columns against a file's header. fileName
// names the input file in messages. A column is found by its header
// (ignoring case, accents and spaces, then also punctuation when that
// leaves one match), else by letter ("C", upper case only) or 1-based
// number. A column written as a YAML number, { column: 3 }, is always the
// third column. The error is an *Error naming, with the mapping's line, each
// missing column with the closest header, and each header that appears
// more than once with the letters to choose from.
func (m *Mapping) Bind(header []string, fileName string) (*Binding, error) {
	index := newHeaderIndex(header)
	b := &Binding{header: header, country: m.DefaultCountry}
	for i := range b.columns {
		b.columns[i] = notMapped
	}

	var ps problems
	resolve := func(ref string, number bool, where string, line int) int {
		resolveRef := index.resolve
		if number {
			resolveRef = index.resolveNumber
		}
		column, problem := resolveRef(ref, where, fileName)
		if problem != nil {
			problem.Line = line
			ps = append(ps, *problem)
		}
		return column
	}

	for _, f := range m.Fields {
		bf := bindField(f, func(ref string, number bool) int { return resolve(ref, number, f.Field, f.Line) })
		b.fields = append(b.fields, bf)
		b.columns[bf.index] = bf.column
	}

	for _, rule := range m.SkipIf {
		skip := boundSkip{rule: rule, column: resolve(rule.Column, rule.ColumnNumber, "skip_if", rule.Line), memo: &foldMemo{}}
		for _, v := range rule.Values {
			skip.folded = append(skip.folded, foldKey(v))
		}
		b.skips = append(b.skips, skip)
	}

	if err := ps.err(m.Path); err != nil {
		return nil, err
	}
	return b, nil
}

func bindField(f FieldMapping, resolve func(ref string, number bool) int) boundField {
	bf := boundField{
		field:      f.Field,
		index:      fieldIndex(f.Field),
		kind:       f.Kind,
		column:     -1,
		value:      f.Value,
		def:        f.Default,
		hasDefault: f.HasDefault,
		line:       f.Line,
	}

	switch f.Kind {
	case FromColumn:
		bf.column = resolve(f.Column, f.ColumnNumber)
	case FromTemplate:
		for _, part := range f.template {
			if part.column == "" {
				bf.parts = append(bf.parts, boundPart{literal: part.literal, column: -1})
				continue
			}
			column := resolve(part.column, false)
			if bf.column < 0 {
				bf.column = column
			}
			bf.parts = append(bf.parts, boundPart{column: column})
		}
	}

	if len(f.Map) > 0 {
		bf.mapExact = make(map[string]string, len(f.Map))
		bf.mapFolded = make(map[string]string, len(f.Map))
		for _, e := range f.Map {
			if _, ok := bf.mapExact[e.From]; !ok {
				bf.mapExact[e.From] = e.To
			}
			if key := foldKey(e.From); key != "" {
				if _, ok := bf.mapFolded[key]; !ok {
					bf.mapFolded[key] = e.To
				}
			}
		}
	}
	return bf
}

// Header returns the header the binding was made for. The caller must not
// modify it.
func (b *Binding) Header() []string {
	return b.header
}

// Column returns the 0-based input column that field reads (the first
// placeholder's for a template), or -1 for a constant. ok is false when the
// field is not mapped.
func (b *Binding) Column(field string) (index int, ok bool) {
	i := fieldIndex(field)
	if i < 0 || b.columns[i] == notMapped {
		return -1, false
	}
	return b.columns[i], true
}

// line returns the mapping file's line of field, or 0 when it is not
// mapped.
func (b *Binding) line(field string) int {
	for i := range b.fields {
		if b.fields[i].field == field {
			return b.fields[i].line
		}
	}
	return 0
}

// headerIndex finds columns by header, letter or number.
type headerIndex struct {
	header []string
	exact  map[string][]int
	loose  map[string][]int
}

func newHeaderIndex(header []string) *headerIndex {
	index := &headerIndex{
		header: header,
		exact:  make(map[string][]int, len(header)),
		loose:  make(map[string][]int, len(header)),
	}
	for i, h := range header {
		if key := foldKey(h); key != "" {
			index.exact[key] = append(index.exact[key], i)
		}
		if key := looseKey(h); key != "" {
			index.loose[key] = append(index.loose[key], i)
		}
	}
	return index
}

// resolve returns the column that ref names, or -1 and a problem without
// its line. where names the field or section in messages.
func (h *headerIndex) resolve(ref, where, fileName string) (int, *Problem) {
	if columns := h.exact[foldKey(ref)]; len(columns) > 0 {
		if len(columns) > 1 {
			return -1, h.ambiguous(ref, columns, fileName)
		}
		return columns[0], nil
	}
	if columns := h.loose[looseKey(ref)]; len(columns) > 0 && looseKey(ref) != "" {
		if len(columns) > 1 {
			return -1, h.ambiguous(ref, columns, fileName)
		}
		return columns[0], nil
	}

	column, positional := parseColumnLetters(ref)
	if !positional {
		column, positional = parseColumnNumber(ref)
	}
	if positional && column < len(h.header) {
		return column, nil
	}

	if suggestion := closest(ref, h.header); suggestion != "" {
		return -1, &Problem{Code: "column_not_found", Suggestion: suggestion,
			Message: i18n.T("no column %q in %s for %s; did you mean %q?", ref, fileName, where, suggestion)}
	}
	if positional && len(h.header) > 0 {
		return -1, &Problem{Code: "column_not_found",
			Message: i18n.T("no column %s in %s for %s: the file has %d columns, A to %s", ref, fileName, where, len(h.header), diag.ColumnLetter(len(h.header)-1))}
	}
	if listing := h.describe(); listing != "" {
		return -1, &Problem{Code: "column_not_found",
			Message: i18n.T("no column %q in %s for %s; its columns are %s", ref, fileName, where, listing)}
	}
	return -1, &Problem{Code: "column_not_found",
		Message: i18n.T("no column %q in %s for %s: the file has no header names; check the header row", ref, fileName, where)}
}

// resolveNumber returns the column that the 1-based number ref names, or
// -1 and a problem without its line.
func (h *headerIndex) resolveNumber(ref, where, fileName string) (int, *Problem) {
	column, ok := parseColumnNumber(ref)
	if ok && column < len(h.header) {
		return column, nil
	}
	if len(h.header) == 0 {
		return -1, &Problem{Code: "column_not_found",
			Message: i18n.T("no column %s in %s for %s: the file has no columns; check the header row", ref, fileName, where)}
	}
	return -1, &Problem{Code: "column_not_found",
		Message: i18n.T("no column %s in %s for %s: the file has %d columns, A to %s", ref, fileName, where, len(h.header), diag.ColumnLetter(len(h.header)-1))}
}

func (h *headerIndex) ambiguous(ref string, columns []int, fileName string) *Problem {
	letters := make([]string, len(columns))
	for i, c := range columns {
		letters[i] = diag.ColumnLetter(c)
	}
	return &Problem{Code: "column_ambiguous", Suggestion: letters[0],
		Message: i18n.T("column %q appears %d times in %s (columns %s); choose one by letter, such as { column: %s }",
			ref, len(columns), fileName, strings.Join(letters, ", "), letters[0])}
}

// maxListedHeaders bounds the headers a message lists.
const maxListedHeaders = 40

// describe lists the headers as `A "Prénom", B "Nom"`, skipping empty
// ones, or returns "" when every header is empty.
func (h *headerIndex) describe() string {
	var b strings.Builder
	listed := 0
	for i, name := range h.header {
		if isBlank(name) {
			continue
		}
		if listed == maxListedHeaders {
			b.WriteString(", ...")
			break
		}
		if listed > 0 {
			b.WriteString(", ")
		}
		b.WriteString(diag.ColumnLetter(i))
		b.WriteString(" \"")
		b.WriteString(name)
		b.WriteByte('"')
		listed++
	}
	return b.String()
}
