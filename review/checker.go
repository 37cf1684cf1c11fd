package review

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"shenfa/review/drafts"
	"shenfa/sensitive"
)

// checkerCache keeps the checker of the enabled lexicons, rebuilt when they change.
type checkerCache struct {
	mu      sync.Mutex
	key     string
	checker *sensitive.Checker
}

// Checker returns a checker built from the workspace's enabled lexicons.
// Building one takes a while, so it is kept until a lexicon is enabled,
// disabled or changed (its version moves).
func (w *Workspace) Checker(ctx context.Context) (*sensitive.Checker, error) {
	infos, err := w.Lexicons.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("lexicons: %w", err)
	}
	var key strings.Builder
	for _, i := range infos {
		if i.Enabled {
			fmt.Fprintf(&key, "%s@%s\n", i.Name, i.Version)
		}
	}
	w.checkers.mu.Lock()
	defer w.checkers.mu.Unlock()
	if w.checkers.checker != nil && w.checkers.key == key.String() {
		return w.checkers.checker, nil
	}
	ls, err := w.Lexicons.Enabled(ctx)
	if err != nil {
		return nil, fmt.Errorf("load lexicons: %w", err)
	}
	c, err := sensitive.New(ls...)
	if err != nil {
		return nil, err
	}
	w.checkers.key, w.checkers.checker = key.String(), c
	return c, nil
}

func (w *Workspace) draftChecker(ctx context.Context) (drafts.Checker, error) { return w.Checker(ctx) }
