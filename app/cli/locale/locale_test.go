package locale

import (
	"go/parser"
	"go/token"
	"testing"
)

func TestLocaleTag(t *testing.T) {
	for lang, want := range map[string]string{"": "zh_Hans", "en": "en", "fr": "zh_Hans"} {
		env := map[string]string{}
		if lang != "" {
			env["SHENFA_LANG"] = lang
		}
		set := map[string]string{}
		Settle(func(k string) (string, bool) { v, ok := env[k]; return v, ok },
			func(k, v string) error { set[k] = v; return nil })
		if set["LANGUAGE"] != want || len(set) != 1 {
			t.Errorf("SHENFA_LANG=%q sets %v, want LANGUAGE=%s", lang, set, want)
		}
	}
}

// The package must run before Fyne's: Go initialises packages in import-path
// order among those whose imports are ready, and this one is ready as soon
// as syscall is, before time (and so os, log and Fyne) can be. Any other
// import could make it wait.
func TestImportsOnlySyscall(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "locale.go", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Imports) != 1 || f.Imports[0].Path.Value != `"syscall"` {
		t.Errorf("locale.go imports %d packages; it may import only syscall", len(f.Imports))
	}
}
