package lexicons

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"shenfa/review/account"
	"shenfa/sensitive/lexicon"
)

// Audit actions of lexicon updates, packages and trusted publishers.
const (
	ActionLexiconUpdate = "lexicon.update"  // a default lexicon update accepted (in whole or part) or declined
	ActionPackageImport = "lexicon.package" // a signed package's lexicon stored or updated
	ActionTrust         = "lexicon.trust"   // a publisher's key trusted
	ActionUntrust       = "lexicon.untrust" // a publisher's key no longer trusted
)

// Errors of updates.
var (
	ErrStale = errors.New("the lexicon changed since the update was computed")
	ErrClash = errors.New("a lexicon of this name came from elsewhere")
)

// Updates compares the lexicons shipped with this Shenfa with the
// workspace's built-in copies and returns one update for every shipped
// lexicon that has something to offer: a lexicon the workspace does not
// have yet, or changed words. Only secadmin may see the words.
func (s *Store) Updates(ctx context.Context, sess *account.Session, shipped []*lexicon.Lexicon) ([]Update, error) {
	if sess == nil || !sess.User.Can(account.ManageLexicons) {
		return nil, account.ErrForbidden
	}
	return s.updates(ctx, shipped)
}

// Waiting returns how many shipped lexicons have an update for the
// workspace, without showing any words; the 词库 screen announces them.
func (s *Store) Waiting(ctx context.Context, shipped []*lexicon.Lexicon) (int, error) {
	ups, err := s.updates(ctx, shipped)
	n := 0
	for _, u := range ups {
		if !u.Clash {
			n++
		}
	}
	return n, err
}

func (s *Store) updates(ctx context.Context, shipped []*lexicon.Lexicon) ([]Update, error) {
	var out []Update
	for _, d := range shipped {
		n, err := checked(d)
		if err != nil {
			return nil, fmt.Errorf("default lexicon: %w", err)
		}
		u, ok, err := s.incomingUpdate(ctx, s.db.SQL, n, Source{Builtin: true})
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, u)
		}
	}
	return out, nil
}

// incomingUpdate computes what the normalised lexicon n from src would
// change; ok is false when it has nothing to offer.
func (s *Store) incomingUpdate(ctx context.Context, q querier, n *lexicon.Lexicon, src Source) (Update, bool, error) {
	u := Update{Name: n.Name, Source: src, NewVersion: n.Version, BaseKnown: true, incoming: n}
	nSM3, err := contentSM3(n)
	if err != nil {
		return u, false, err
	}
	i, err := getInfo(ctx, q, n.Name)
	if errors.Is(err, ErrNoSuchLexicon) {
		o, err := getOrigin(ctx, q, n.Name)
		if err == nil && o.baseSM3 == nSM3 {
			return u, false, nil // declined exactly this
		}
		if err != nil && !errors.Is(err, errNoOrigin) {
			return u, false, err
		}
		u.New, u.Declined = true, err == nil
		u.Changes = diff(nil, nil, n, true)
		return u, true, nil
	}
	if err != nil {
		return u, false, err
	}
	if i.Builtin != src.Builtin {
		u.Clash, u.Version = true, i.Version
		return u, true, nil
	}
	return s.changedUpdate(ctx, q, u, i, nSM3)
}

// changedUpdate fills in u for a lexicon the workspace has.
func (s *Store) changedUpdate(ctx context.Context, q querier, u Update, i Info, nSM3 string) (Update, bool, error) {
	local, err := load(ctx, q, i.Name)
	if err != nil {
		return u, false, err
	}
	u.Version = i.Version
	if u.localSM3, err = contentSM3(local); err != nil {
		return u, false, err
	}
	o, base, err := s.baseOf(ctx, q, i, local)
	if err != nil {
		return u, false, err
	}
	if (o != nil && o.baseSM3 == nSM3) || u.localSM3 == nSM3 {
		return u, false, nil // received before (what differs are the workspace's own edits), or the same words
	}
	baseSM3, err := contentSM3(base)
	if err != nil {
		return u, false, err
	}
	u.BaseKnown = base != nil
	u.Edited = !u.BaseKnown || baseSM3 != u.localSM3
	u.Changes = diff(base, local, u.incoming, u.BaseKnown)
	return u, len(u.Changes) > 0, nil
}

// ApplyUpdates applies the accepted changes of ups in one transaction with
// one audit row per lexicon. An update with no change accepted is declined:
// the workspace keeps its words and is not offered the same version again.
// Each accepted lexicon gets a new version.
func (s *Store) ApplyUpdates(ctx context.Context, sess *account.Session, ups []Update) error {
	return s.change(ctx, sess, func(tx *sql.Tx, actor string) error {
		for _, u := range ups {
			if !u.Source.Builtin {
				return fmt.Errorf("lexicon %q: %w", u.Name, ErrClash)
			}
			if err := s.applyUpdate(ctx, tx, actor, u, ActionLexiconUpdate); err != nil {
				return err
			}
		}
		return nil
	})
}

// applyUpdate applies one update inside a write transaction after checking
// that the workspace's copy is still the one the update was computed from.
func (s *Store) applyUpdate(ctx context.Context, tx *sql.Tx, actor string, u Update, action string) error {
	if u.incoming == nil || u.Clash {
		return fmt.Errorf("lexicon %q: %w", u.Name, ErrClash)
	}
	i, local, err := s.current(ctx, tx, u)
	if err != nil {
		return err
	}
	detail := fmt.Sprintf("%s; version %s: declined all %d changes", u.Source, u.NewVersion, len(u.Changes))
	if len(u.Changes) == 0 {
		detail = fmt.Sprintf("%s; version %s: no change to the words", u.Source, u.NewVersion)
	}
	if u.Accepted() > 0 {
		if detail, err = s.store(ctx, tx, actor, u, i, local); err != nil {
			return err
		}
	}
	if err := s.setOrigin(ctx, tx, u.Source, u.incoming); err != nil {
		return err
	}
	return record(ctx, tx, actor, action, u.Name, detail)
}

// current returns the workspace's lexicon u was computed against (nil
// when u is new), or ErrStale when it has changed since.
func (s *Store) current(ctx context.Context, tx *sql.Tx, u Update) (Info, *lexicon.Lexicon, error) {
	i, err := getInfo(ctx, tx, u.Name)
	switch {
	case errors.Is(err, ErrNoSuchLexicon) && u.New:
		return i, nil, nil
	case err != nil && !errors.Is(err, ErrNoSuchLexicon):
		return i, nil, err
	case err != nil || u.New:
		return i, nil, fmt.Errorf("lexicon %q: %w", u.Name, ErrStale)
	case i.Builtin != u.Source.Builtin:
		return i, nil, fmt.Errorf("lexicon %q: %w", u.Name, ErrClash)
	}
	local, err := load(ctx, tx, u.Name)
	if err != nil {
		return i, nil, err
	}
	if sum, err := contentSM3(local); err != nil || sum != u.localSM3 {
		return i, nil, firstErr(err, fmt.Errorf("lexicon %q: %w", u.Name, ErrStale))
	}
	return i, local, nil
}

// store writes the merged lexicon and returns the audit detail.
func (s *Store) store(ctx context.Context, tx *sql.Tx, actor string, u Update, i Info, local *lexicon.Lexicon) (string, error) {
	r, err := checked(merged(local, u))
	if err != nil {
		return "", fmt.Errorf("lexicon %q after the update: %w", u.Name, err)
	}
	rSM3, err := contentSM3(r)
	if err != nil {
		return "", err
	}
	nSM3, _ := contentSM3(u.incoming)
	r.Version = mergedVersion(i.Version, u.NewVersion, rSM3 == nSM3)
	if local == nil {
		err = s.insert(ctx, tx, r, u.Source.Builtin, actor)
	} else {
		err = s.replace(ctx, tx, r, actor)
	}
	if err != nil {
		return "", err
	}
	a, rm, ch, conflicts := u.Counts()
	taken := 0
	for _, c := range u.Changes {
		if c.Accept && c.Conflict {
			taken++
		}
	}
	what := "new lexicon"
	if local != nil {
		what = "version " + i.Version
	}
	return fmt.Sprintf("%s; %s → %s; accepted %d of %d changes offered (%d added, %d removed, %d changed; %d conflicts with local edits, %d of them taken); %s",
		u.Source, what, r.Version, u.Accepted(), len(u.Changes), a, rm, ch, conflicts, taken, summary(r)), nil
}
