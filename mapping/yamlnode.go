package mapping

import (
	"go.yaml.in/yaml/v3"

	"github.com/aello-copilot/aello-import/i18n"
)

// entry is one key of a YAML mapping node with its value.
type entry struct {
	key   string
	line  int
	value *yaml.Node
}

// loader walks the YAML tree of a mapping file and collects its problems.
type loader struct {
	problems problems
}

// isNull reports whether n is missing or an explicit null ("~", "null" or
// nothing after the colon).
func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// checkAlias reports an alias node (*name), which a mapping file may not
// use: following aliases would let a small file expand without bound.
func (l *loader) checkAlias(where string, n *yaml.Node) bool {
	if n != nil && n.Kind == yaml.AliasNode {
		l.problems.add(n.Line, "yaml_alias", i18n.T("%s uses a YAML alias (*%s); write the value out in full", where, n.Value))
		return false
	}
	return true
}

// scalar returns the text of n when n is a single non-null value, and
// reports a wrong type otherwise. where names the key in messages, such as
// "source.delimiter".
func (l *loader) scalar(where string, n *yaml.Node) (string, bool) {
	if !l.checkAlias(where, n) {
		return "", false
	}
	switch {
	case isNull(n):
		l.problems.add(n.Line, "value_missing", i18n.T("%s has no value; write one after the colon", where))
		return "", false
	case n.Kind == yaml.SequenceNode:
		l.problems.add(n.Line, "wrong_type", i18n.T("%s must be a single value, not a list; remove the dashes or brackets", where))
		return "", false
	case n.Kind == yaml.MappingNode:
		l.problems.add(n.Line, "wrong_type", i18n.T("%s must be a single value, not a set of keys; write the value on the same line as the key", where))
		return "", false
	}
	return n.Value, true
}

// mapping checks that n is a set of keys and returns its entries. Keys
// outside known are reported with the closest known key; known == nil
// accepts any key. Duplicate keys are reported.
func (l *loader) mapping(where string, n *yaml.Node, known []string) ([]entry, bool) {
	if !l.checkAlias(where, n) {
		return nil, false
	}
	switch {
	case isNull(n):
		l.problems.add(n.Line, "value_missing", i18n.T("%s is empty; add its keys below it, indented", where))
		return nil, false
	case n.Kind == yaml.SequenceNode:
		l.problems.add(n.Line, "wrong_type", i18n.T("%s must be a set of keys (key: value), not a list; remove the dashes", where))
		return nil, false
	case n.Kind != yaml.MappingNode:
		l.problems.add(n.Line, "wrong_type", i18n.T("%s must be a set of keys (key: value), not the single value %q; put its keys below it, indented", where, n.Value))
		return nil, false
	}

	entries := make([]entry, 0, len(n.Content)/2)
	seen := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		keyNode, value := n.Content[i], n.Content[i+1]
		if keyNode.Kind != yaml.ScalarNode {
			l.problems.add(keyNode.Line, "wrong_type", whereText(where,
				i18n.T("a key is not a plain name; write name: value"),
				i18n.T("a key of %s is not a plain name; write name: value", where)))
			continue
		}
		key := keyNode.Value
		if first, ok := seen[key]; ok {
			l.problems.add(keyNode.Line, "duplicate_key", whereText(where,
				i18n.T("the key %q appears twice, on lines %d and %d; keep one", key, first, keyNode.Line),
				i18n.T("%s has the key %q twice, on lines %d and %d; keep one", where, key, first, keyNode.Line)))
			continue
		}
		seen[key] = keyNode.Line

		if known != nil && !contains(known, key) {
			l.unknownKey(where, key, keyNode.Line, known)
			continue
		}
		entries = append(entries, entry{key: key, line: keyNode.Line, value: value})
	}
	return entries, true
}

func (l *loader) unknownKey(where, key string, line int, known []string) {
	suggestion := closest(key, known)
	if suggestion != "" {
		l.problems.addSuggestion(line, "unknown_key", suggestion, whereText(where,
			i18n.T("unknown key %q; did you mean %q?", key, suggestion),
			i18n.T("unknown key %q in %s; did you mean %q?", key, where, suggestion)))
		return
	}
	l.problems.add(line, "unknown_key", whereText(where,
		i18n.T("unknown key %q; the valid keys are %s", key, quoteList(known)),
		i18n.T("unknown key %q in %s; the valid keys are %s", key, where, quoteList(known))))
}

// whereText returns top for the top level of the file (where == "") and
// nested otherwise.
func whereText(where string, top, nested i18n.Text) i18n.Text {
	if where == "" {
		return top
	}
	return nested
}

// sequence checks that n is a list and returns its items.
func (l *loader) sequence(where string, n *yaml.Node) ([]*yaml.Node, bool) {
	if !l.checkAlias(where, n) {
		return nil, false
	}
	switch {
	case isNull(n):
		l.problems.add(n.Line, "value_missing", i18n.T("%s is empty; add its items below it, each starting with a dash", where))
		return nil, false
	case n.Kind != yaml.SequenceNode:
		l.problems.add(n.Line, "wrong_type", i18n.T("%s must be a list; start each item with a dash (- ) or write [a, b]", where))
		return nil, false
	}
	return n.Content, true
}

func contains(list []string, s string) bool {
	for _, item := range list {
		if item == s {
			return true
		}
	}
	return false
}

// quoteList renders names as "a", "b", "c" for messages.
func quoteList(names []string) string {
	out := make([]byte, 0, 16*len(names))
	for i, name := range names {
		if i > 0 {
			out = append(out, ", "...)
		}
		out = append(out, '"')
		out = append(out, name...)
		out = append(out, '"')
	}
	return string(out)
}
