package i18n_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	// Each package registers its French texts when it is loaded.
	_ "github.com/aello-copilot/aello-import/aello"
	_ "github.com/aello-copilot/aello-import/aello/sandbox"
	_ "github.com/aello-copilot/aello-import/cli"
	_ "github.com/aello-copilot/aello-import/importer"
	_ "github.com/aello-copilot/aello-import/journal"
	_ "github.com/aello-copilot/aello-import/mapping"
	_ "github.com/aello-copilot/aello-import/normalize"
	_ "github.com/aello-copilot/aello-import/spreadsheet"

	"github.com/aello-copilot/aello-import/i18n"
)

// formatCalls are the functions whose first argument is a catalog key:
// i18n.T, Lang.Sprintf and the command line's printf and usagef helpers.
var formatCalls = map[string]bool{"T": true, "Sprintf": true, "printf": true, "usagef": true}

var formatVerb = regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*\d*(?:\.\d+)?[a-zA-Z%]`)

// catalogKeys returns every string literal passed as a catalog key in the
// module's non-test Go files, with its position.
func catalogKeys(t *testing.T) map[string]string {
	t.Helper()
	keys := map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// The sample generator is a separate program with its own
		// catalog test.
		if d.IsDir() && path != ".." && (d.Name() == "testdata" || d.Name() == "gen" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(file, func(node ast.Node) bool {
			call, ok := node.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			var name string
			switch fun := call.Fun.(type) {
			case *ast.Ident:
				name = fun.Name
			case *ast.SelectorExpr:
				if x, ok := fun.X.(*ast.Ident); ok && x.Name == "fmt" {
					return true
				}
				name = fun.Sel.Name
			}
			if !formatCalls[name] {
				return true
			}
			literal, ok := call.Args[0].(*ast.BasicLit)
			if !ok || literal.Kind != token.STRING {
				return true
			}
			key, err := strconv.Unquote(literal.Value)
			if err == nil {
				keys[key] = fset.Position(call.Pos()).String()
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

func TestEveryMessageTranslated(t *testing.T) {
	keys := catalogKeys(t)
	if len(keys) < 100 {
		t.Fatalf("found %d catalog keys in the source, want 100 or more", len(keys))
	}
	for key, position := range keys {
		if strings.TrimSpace(formatVerb.ReplaceAllString(key, "")) == "" {
			continue // a bare "%s" needs no translation
		}
		if !i18n.HasFrench(key) {
			t.Errorf("%s: no French translation for %q", position, key)
		}
	}
}

func TestTranslationVerbsMatch(t *testing.T) {
	for key, position := range catalogKeys(t) {
		if !i18n.HasFrench(key) {
			continue
		}
		translation := i18n.FrenchText(key)
		english := slices.Sorted(slices.Values(formatVerb.FindAllString(key, -1)))
		french := slices.Sorted(slices.Values(formatVerb.FindAllString(translation, -1)))
		if !slices.Equal(english, french) {
			t.Errorf("%s: verbs of %q are %v, but its translation %q has %v", position, key, english, translation, french)
		}
	}
}
