package sensitive

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"

	"shenfa/assets"
	"shenfa/sensitive/lexicon"
	"shenfa/sensitive/names"
)

// confusables is loaded once: the pinyin table is the same for every checker.
var confusables = sync.OnceValues(func() (*names.Confusables, error) {
	c, err := names.LoadConfusables(strings.NewReader(assets.Pinyin), strings.NewReader(assets.Shapes))
	if err == nil {
		err = c.LoadGlyphs(strings.NewReader(assets.Glyphs))
	}
	if err != nil {
		return nil, fmt.Errorf("load confusable characters: %w", err)
	}
	return c, nil
})

// DefaultLexicons parses the lexicons shipped in the binary.
func DefaultLexicons() ([]*lexicon.Lexicon, error) {
	files, err := fs.Glob(assets.Lexicons, "lexicons/*.toml")
	if err != nil {
		return nil, err
	}
	var ls []*lexicon.Lexicon
	for _, f := range files {
		data, err := assets.Lexicons.ReadFile(f)
		if err != nil {
			return nil, err
		}
		l, err := lexicon.Parse(path.Base(f), data, "")
		if err != nil {
			return nil, fmt.Errorf("default %w", err)
		}
		ls = append(ls, l)
	}
	return ls, nil
}

// defaultChecker is compiled on first use and shared.
var defaultChecker = sync.OnceValues(func() (*Checker, error) {
	ls, err := DefaultLexicons()
	if err != nil {
		return nil, err
	}
	return New(ls...)
})

// Default returns the checker built from the default lexicons.
func Default() (*Checker, error) { return defaultChecker() }
