package normalize

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/i18n"
)

// formatVerb matches a fmt verb, with an optional argument index.
var formatVerb = regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*\d*(?:\.\d+)?[a-zA-Z%]`)

// messageFormats returns the format strings passed to newIssue, to the
// invalid helper of checkEmail and to i18n.T in the package's source
// files.
func messageFormats(t *testing.T) []string {
	t.Helper()

	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}

	formatArgument := map[string]int{"newIssue": 1, "invalid": 0, "T": 0}
	var formats []string
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		parsed, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}

		ast.Inspect(parsed, func(node ast.Node) bool {
			call, ok := node.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fun := call.Fun.(type) {
			case *ast.Ident:
				name = fun.Name
			case *ast.SelectorExpr:
				name = fun.Sel.Name
			}
			index, ok := formatArgument[name]
			if !ok || index >= len(call.Args) {
				return true
			}

			if ident, ok := call.Args[index].(*ast.Ident); ok && ident.Name == "format" {
				return true // a helper that passes its own format on
			}
			literal, ok := call.Args[index].(*ast.BasicLit)
			if !ok || literal.Kind != token.STRING {
				t.Errorf("%s: message format is not a string literal", fset.Position(call.Pos()))
				return true
			}
			format, err := strconv.Unquote(literal.Value)
			if err != nil {
				t.Fatal(err)
			}
			formats = append(formats, format)
			return true
		})
	}
	return formats
}

func TestMessagesTranslated(t *testing.T) {
	formats := messageFormats(t)
	if len(formats) < 40 {
		t.Fatalf("found %d message formats in the source, want 40 or more", len(formats))
	}

	for _, format := range formats {
		translation, ok := translations[format]
		if !ok {
			t.Errorf("no French translation for %q", format)
			continue
		}
		if !i18n.HasFrench(format) {
			t.Errorf("translation of %q is not registered with i18n", format)
		}

		english := slices.Sorted(slices.Values(formatVerb.FindAllString(format, -1)))
		french := slices.Sorted(slices.Values(formatVerb.FindAllString(translation, -1)))
		if !slices.Equal(english, french) {
			t.Errorf("verbs of %q are %v, but its translation %q has %v", format, english, translation, french)
		}
	}
}

func TestTranslationsUsed(t *testing.T) {
	formats := messageFormats(t)
	for key := range translations {
		if !slices.Contains(formats, key) {
			t.Errorf("translation of %q is not used by any message", key)
		}
	}
}

func TestCountryName(t *testing.T) {
	tests := []struct {
		code    string
		english string
		french  string
	}{
		{"LU", "Luxembourg", "Luxembourg"},
		{"BE", "Belgium", "Belgique"},
		{"DE", "Germany", "Allemagne"},
		{"CH", "Switzerland", "Suisse"},
		{"??", "??", "??"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			text := i18n.T("in %s", country(tt.code))
			if got := text.In(i18n.English); got != "in "+tt.english {
				t.Errorf("English = %q, want %q", got, "in "+tt.english)
			}
			if got := text.In(i18n.French); got != "in "+tt.french {
				t.Errorf("French = %q, want %q", got, "in "+tt.french)
			}
		})
	}
}
