package mapping

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/i18n"
)

// verbPattern matches the formatting verbs of a message key.
var verbPattern = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)

// messageKeys returns the literal keys passed to i18n.T in the package's
// non-test sources.
func messageKeys(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}

	var keys []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			selector, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || selector.Sel.Name != "T" {
				return true
			}
			if pkg, ok := selector.X.(*ast.Ident); !ok || pkg.Name != "i18n" {
				return true
			}
			literal, ok := call.Args[0].(*ast.BasicLit)
			if !ok {
				t.Errorf("%s: i18n.T with a key that is not a literal", fset.Position(call.Pos()))
				return true
			}
			key, err := strconv.Unquote(literal.Value)
			if err != nil {
				t.Fatal(err)
			}
			keys = append(keys, key)
			return true
		})
	}
	return keys
}

func TestFrenchCatalog(t *testing.T) {
	keys := messageKeys(t)
	if len(keys) < 50 {
		t.Fatalf("found only %d message keys; the scan is broken", len(keys))
	}

	for _, key := range keys {
		if !i18n.HasFrench(key) {
			t.Errorf("no French translation for %q", key)
			continue
		}
		french := i18n.T(key).In(i18n.French)
		if french == key {
			t.Errorf("French translation of %q is the English text", key)
		}
	}
}

func TestFrenchCatalogVerbs(t *testing.T) {
	for _, key := range messageKeys(t) {
		verbs := verbPattern.FindAllString(key, -1)
		args := make([]any, len(verbs))
		wants := make([]string, len(verbs))
		for i, verb := range verbs {
			if strings.HasSuffix(verb, "d") {
				args[i] = 900 + i
				wants[i] = strconv.Itoa(900 + i)
				continue
			}
			args[i] = "ARG" + strconv.Itoa(i)
			wants[i] = args[i].(string)
		}

		french := i18n.T(key, args...).In(i18n.French)
		if strings.Contains(french, "%!") {
			t.Errorf("French translation of %q has verbs that do not match its arguments: %q", key, french)
		}
		for i, want := range wants {
			if !strings.Contains(french, want) {
				t.Errorf("French translation of %q drops argument %d: %q", key, i, french)
			}
		}
	}
}
