package mapping

import (
	"strings"

	"github.com/aello-copilot/aello-import/i18n"
)

// templatePart is a literal text, or a placeholder when column is set.
type templatePart struct {
	literal string
	column  string
}

// templateError is a template that cannot be parsed.
type templateError struct {
	code    string
	message i18n.Text
}

// isTemplate reports whether a plain field value is a template rather than
// a header: it holds an opening brace.
func isTemplate(s string) bool {
	return strings.ContainsRune(s, '{')
}

// parseTemplate splits a template such as "{Commentaire} - source:
// {Source}" into literals and placeholders. "{{" and "}}" stand for literal
// braces. A template needs at least one placeholder, because a text without
// one is a constant (written { value: ... }).
func parseTemplate(s string) ([]templatePart, *templateError) {
	if isBlank(s) {
		return nil, &templateError{"template_empty", i18n.T("the template is empty; write text with {Column} placeholders, such as \"{Commentaire} - {Source}\"")}
	}

	var parts []templatePart
	var literal strings.Builder
	placeholders := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{' && i+1 < len(s) && s[i+1] == '{':
			literal.WriteByte('{')
			i++

		case c == '}' && i+1 < len(s) && s[i+1] == '}':
			literal.WriteByte('}')
			i++

		case c == '}':
			return nil, &templateError{"template_unopened_brace", i18n.T("the template %q has a '}' without its '{'; write }} for a literal brace", s)}

		case c == '{':
			end := strings.IndexAny(s[i+1:], "{}")
			if end < 0 || s[i+1+end] == '{' {
				return nil, &templateError{"template_unclosed_brace", i18n.T("the template %q has a '{' without its '}'; close the placeholder, or write {{ for a literal brace", s)}
			}
			name := strings.TrimSpace(s[i+1 : i+1+end])
			if name == "" {
				return nil, &templateError{"template_empty_placeholder", i18n.T("the template %q has an empty placeholder {}; write a column header between the braces, such as {Commentaire}", s)}
			}

			if literal.Len() > 0 {
				parts = append(parts, templatePart{literal: literal.String()})
				literal.Reset()
			}
			parts = append(parts, templatePart{column: name})
			placeholders++
			i += end + 1

		default:
			literal.WriteByte(c)
		}
	}
	if literal.Len() > 0 {
		parts = append(parts, templatePart{literal: literal.String()})
	}

	if placeholders == 0 {
		return nil, &templateError{"template_without_column", i18n.T("the template %q names no column; put a column header in braces, such as {Commentaire}, or write a constant as { value: ... }", s)}
	}
	return parts, nil
}
