package mapping

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/aello-copilot/aello-import/i18n"
)

// fields reads the fields section: one key per lead field, each a header,
// a template or an object.
func (l *loader) fields(e entry) []FieldMapping {
	entries, ok := l.mapping("fields", e.value, nil)
	if !ok {
		return nil
	}

	var fields []FieldMapping
	lines := make(map[string]int, len(entries))
	for _, e := range entries {
		if fieldIndex(e.key) < 0 {
			l.unknownField(e)
			continue
		}
		f, ok := l.field(e)
		if !ok {
			continue
		}
		fields = append(fields, f)
		lines[e.key] = e.line
	}

	for _, pair := range conflicts {
		first, ok1 := lines[pair[0]]
		second, ok2 := lines[pair[1]]
		if ok1 && ok2 {
			l.problems.add(max(first, second), "fields_conflict", i18n.T("%s (line %d) and %s (line %d) cannot both be mapped, because %s already fills %s; keep one of them", pair[0], first, pair[1], second, pair[0], pair[1]))
		}
	}

	if len(entries) == 0 {
		l.problems.add(e.value.Line, "fields_missing", i18n.T("the fields section maps no field; add one line per lead field, such as \"contact.firstName: Prénom\""))
	}

	sortFields(fields)
	return fields
}

// sortFields orders fields as fieldOrder does.
func sortFields(fields []FieldMapping) {
	for i := 1; i < len(fields); i++ {
		for j := i; j > 0 && fieldIndex(fields[j].Field) < fieldIndex(fields[j-1].Field); j-- {
			fields[j], fields[j-1] = fields[j-1], fields[j]
		}
	}
}

func (l *loader) unknownField(e entry) {
	suggestion := closestField(e.key)
	if suggestion != "" {
		l.problems.addSuggestion(e.line, "unknown_field", suggestion, i18n.T("unknown field %q; did you mean %q?", e.key, suggestion))
		return
	}
	l.problems.add(e.line, "unknown_field", i18n.T("unknown field %q; the fields are %s", e.key, quoteList(fieldOrder[:])))
}

// closestField returns the field a misspelt name most likely means:
// "contact.first_name" and "firstName" give "contact.firstName", and so
// does the typo "contact.fistName".
func closestField(name string) string {
	loose := looseKey(name)
	for _, f := range fieldOrder {
		if looseKey(f) == loose {
			return f
		}
	}
	for _, f := range fieldOrder {
		_, suffix, _ := strings.Cut(f, ".")
		if suffix != "" && looseKey(suffix) == loose {
			return f
		}
	}
	if f := closest(name, fieldOrder[:]); f != "" {
		return f
	}

	suffixes := make([]string, len(fieldOrder))
	for i, f := range fieldOrder {
		_, suffixes[i], _ = strings.Cut(f, ".")
		if suffixes[i] == "" {
			suffixes[i] = f
		}
	}
	if suffix := closest(name, suffixes); suffix != "" {
		for i, s := range suffixes {
			if s == suffix {
				return fieldOrder[i]
			}
		}
	}
	return ""
}

// field reads the source of one field.
func (l *loader) field(e entry) (FieldMapping, bool) {
	where := "fields." + e.key
	f := FieldMapping{Field: e.key, Line: e.line}
	n := e.value
	if !l.checkAlias(where, n) {
		return f, false
	}

	switch {
	case isNull(n):
		l.problems.add(n.Line, "value_missing", i18n.T("%s has no column; write a header, such as \"%s: Prénom\", or delete the line", where, e.key))
		return f, false

	case n.Kind == yaml.SequenceNode:
		l.problems.add(n.Line, "wrong_type", i18n.T("%s must be a header, a template or { column: ... }, not a list; to combine columns write a template such as \"{A} {B}\"", where))
		return f, false

	case n.Kind == yaml.ScalarNode:
		if isTemplate(n.Value) {
			return l.template(where, n, f)
		}
		if isBlank(n.Value) {
			l.problems.add(n.Line, "column_empty", i18n.T("%s names an empty column; write the header, or delete the line", where))
			return f, false
		}
		f.Kind = FromColumn
		f.Column = strings.TrimSpace(n.Value)
		return f, true
	}

	return l.object(where, n, f)
}

func (l *loader) template(where string, n *yaml.Node, f FieldMapping) (FieldMapping, bool) {
	parts, err := parseTemplate(n.Value)
	if err != nil {
		l.problems.add(n.Line, err.code, err.message)
		return f, false
	}
	f.Kind = FromTemplate
	f.Template = n.Value
	f.template = parts
	return f, true
}

// object reads { column | template | value, map, default }.
func (l *loader) object(where string, n *yaml.Node, f FieldMapping) (FieldMapping, bool) {
	entries, ok := l.mapping(where, n, objectKeys)
	if !ok {
		return f, false
	}

	valid := true
	sources := 0
	for _, e := range entries {
		key := where + "." + e.key
		switch e.key {
		case "column", "template", "value":
			sources++
			value, ok := l.scalar(key, e.value)
			if !ok {
				valid = false
				continue
			}
			switch e.key {
			case "column":
				if isBlank(value) {
					l.problems.add(e.value.Line, "column_empty", i18n.T("%s is empty; write a header, a letter such as C or a number such as 3", key))
					valid = false
					continue
				}
				f.Kind, f.Column = FromColumn, strings.TrimSpace(value)
				f.ColumnNumber = e.value.ShortTag() == "!!int"
			case "template":
				var templateOK bool
				f, templateOK = l.template(key, e.value, f)
				valid = valid && templateOK
			case "value":
				if isBlank(value) {
					l.problems.add(e.value.Line, "value_empty", i18n.T("%s is empty; write the constant, or delete the field", key))
					valid = false
					continue
				}
				f.Kind, f.Value = FromValue, value
			}

		case "map":
			entries, ok := l.replacements(key, e.value)
			valid = valid && ok
			f.Map = entries

		case "default":
			value, ok := l.scalar(key, e.value)
			if ok && isBlank(value) {
				l.problems.add(e.value.Line, "default_empty", i18n.T("%s is empty, which changes nothing; write the value for empty cells, or delete the line", key))
				ok = false
			}
			valid = valid && ok
			f.Default, f.HasDefault = value, ok
		}
	}

	switch {
	case sources == 0:
		l.problems.add(n.Line, "source_missing", i18n.T("%s needs one of column, template or value; add one, such as { column: C }", where))
		return f, false
	case sources > 1:
		l.problems.add(n.Line, "source_ambiguous", i18n.T("%s has more than one of column, template and value; keep exactly one", where))
		return f, false
	case valid && f.Kind == FromValue && (len(f.Map) > 0 || f.HasDefault):
		l.problems.add(n.Line, "value_with_map", i18n.T("%s is a constant, so map and default have no effect; remove them, or use column instead of value", where))
		return f, false
	}
	return f, valid
}

// replacements reads a map: { from: to, ... }. A null target maps to the
// empty value, which the default then replaces.
func (l *loader) replacements(where string, n *yaml.Node) ([]MapEntry, bool) {
	entries, ok := l.mapping(where, n, nil)
	if !ok {
		return nil, false
	}

	valid := true
	out := make([]MapEntry, 0, len(entries))
	for _, e := range entries {
		if !l.checkAlias(where, e.value) {
			valid = false
			continue
		}
		to := ""
		if !isNull(e.value) {
			value, ok := l.scalar(where+"."+strconv.Quote(e.key), e.value)
			if !ok {
				valid = false
				continue
			}
			to = value
		}
		out = append(out, MapEntry{From: e.key, To: to})
	}
	return out, valid
}

// skipRules reads the skip_if section: a list of { column, equals | in |
// empty }.
func (l *loader) skipRules(e entry) []SkipRule {
	items, ok := l.sequence("skip_if", e.value)
	if !ok {
		return nil
	}

	var rules []SkipRule
	for i, item := range items {
		if rule, ok := l.skipRule(i, item); ok {
			rules = append(rules, rule)
		}
	}
	return rules
}

func (l *loader) skipRule(index int, n *yaml.Node) (SkipRule, bool) {
	where := "skip_if[" + strconv.Itoa(index+1) + "]"
	rule := SkipRule{Line: n.Line}
	entries, ok := l.mapping(where, n, skipKeys)
	if !ok {
		return rule, false
	}

	valid := true
	tests := 0
	for _, e := range entries {
		key := where + "." + e.key
		switch e.key {
		case "column":
			value, ok := l.scalar(key, e.value)
			if ok && isBlank(value) {
				l.problems.add(e.value.Line, "column_empty", i18n.T("%s is empty; write a header, a letter such as C or a number such as 3", key))
				ok = false
			}
			valid = valid && ok
			rule.Column = strings.TrimSpace(value)
			rule.ColumnNumber = ok && e.value.ShortTag() == "!!int"

		case "equals":
			tests++
			value, ok := l.scalar(key, e.value)
			if ok && isBlank(value) {
				l.problems.add(e.value.Line, "skip_equals_empty", i18n.T("%s is empty; to skip rows whose cell is empty write \"empty: true\"", key))
				ok = false
			}
			valid = valid && ok
			rule.Op, rule.Values = SkipEquals, []string{value}

		case "in":
			tests++
			values, ok := l.skipValues(key, e.value)
			valid = valid && ok
			rule.Op, rule.Values = SkipIn, values

		case "empty":
			tests++
			value, ok := l.scalar(key, e.value)
			if ok && !strings.EqualFold(strings.TrimSpace(value), "true") {
				l.problems.add(e.value.Line, "skip_empty_invalid", i18n.T("%s must be true (skip rows whose cell is empty), not %q; delete the rule otherwise", key, value))
				ok = false
			}
			valid = valid && ok
			rule.Op = SkipEmpty
		}
	}

	switch {
	case rule.Column == "" && valid:
		l.problems.add(n.Line, "skip_column_missing", i18n.T("%s has no column; add \"column:\" with the header to test", where))
		return rule, false
	case tests == 0:
		l.problems.add(n.Line, "skip_test_missing", i18n.T("%s needs one test; add equals: VALUE, in: [A, B] or empty: true", where))
		return rule, false
	case tests > 1:
		l.problems.add(n.Line, "skip_test_ambiguous", i18n.T("%s has more than one of equals, in and empty; write one rule per test", where))
		return rule, false
	}
	return rule, valid
}

func (l *loader) skipValues(where string, n *yaml.Node) ([]string, bool) {
	items, ok := l.sequence(where, n)
	if !ok {
		return nil, false
	}
	if len(items) == 0 {
		l.problems.add(n.Line, "skip_in_empty", i18n.T("%s is an empty list; write the values that skip a row, such as [Annulé, Perdu]", where))
		return nil, false
	}

	values := make([]string, 0, len(items))
	valid := true
	for _, item := range items {
		value, ok := l.scalar(where, item)
		if !ok {
			valid = false
			continue
		}
		values = append(values, value)
	}
	return values, valid
}
