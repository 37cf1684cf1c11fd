package lexicons

import (
	"context"
	"crypto/ecdsa"
	"database/sql"
	"errors"
	"fmt"

	"shenfa/review/account"
	"shenfa/review/lexicons/slx"
)

// VerifyPackage reads the package in data and verifies it against the
// workspace's trusted publisher keys (secadmin). It stores nothing.
func (s *Store) VerifyPackage(ctx context.Context, sess *account.Session, data []byte) (*slx.Package, error) {
	if sess == nil || !sess.User.Can(account.ManageLexicons) {
		return nil, account.ErrForbidden
	}
	return slx.Open(data, func(fp string) (string, *ecdsa.PublicKey, bool, error) {
		p, k, ok, err := trustedKey(ctx, s.db.SQL, fp)
		return p.Name, k, ok, err
	})
}

// packageSource is where the lexicons of a verified package come from.
func packageSource(p *slx.Package) Source {
	return Source{Publisher: p.Trusted, Claimed: p.Publisher, Key: p.Key, Package: p.Version, Date: p.Date}
}

// PackageUpdates returns, for every lexicon of the verified package p, what
// importing it would change: a new lexicon, or the changes since the
// publisher's previous package. A package that is not newer than the one
// imported before, or a lexicon whose name belongs to a lexicon from
// elsewhere, is refused with an *slx.Error.
func (s *Store) PackageUpdates(ctx context.Context, sess *account.Session, p *slx.Package) ([]Update, error) {
	if sess == nil || !sess.User.Can(account.ManageLexicons) {
		return nil, account.ErrForbidden
	}
	return s.packageUpdates(ctx, s.db.SQL, p)
}

func (s *Store) packageUpdates(ctx context.Context, q querier, p *slx.Package) ([]Update, error) {
	var out []Update
	for _, l := range p.Lexicons {
		n, err := checked(l)
		if err != nil {
			return nil, p.Refuse(slx.ReasonBadLexicon, "", err)
		}
		if err := s.checkPackageOrigin(ctx, q, n.Name, p); err != nil {
			return nil, err
		}
		u, _, err := s.incomingUpdate(ctx, q, n, packageSource(p))
		if err != nil {
			return nil, err
		}
		// Even without a change of words, importing records the newer
		// package version, so that an older one is refused later.
		out = append(out, u)
	}
	return out, nil
}

// checkPackageOrigin refuses a lexicon name that belongs to a lexicon not
// from this publisher, and a package not newer than the last one imported.
func (s *Store) checkPackageOrigin(ctx context.Context, q querier, name string, p *slx.Package) error {
	i, err := getInfo(ctx, q, name)
	exists := err == nil
	if err != nil && !errors.Is(err, ErrNoSuchLexicon) {
		return err
	}
	o, err := getOrigin(ctx, q, name)
	if err != nil && !errors.Is(err, errNoOrigin) {
		return err
	}
	ours := err == nil && !o.Builtin && o.Publisher == p.Trusted
	if exists && (i.Builtin || !ours) {
		e := p.Refuse(slx.ReasonNameClash, "", nil)
		e.Lexicon = name
		return e
	}
	if ours && slx.CompareVersions(p.Version, o.Package) <= 0 {
		e := p.Refuse(slx.ReasonNotNewer, "", nil)
		e.Lexicon, e.Have = name, o.Package
		return e
	}
	return nil
}

// ApplyPackage stores the accepted changes of ups, computed by
// PackageUpdates for p, in one transaction. The signing key must still be
// trusted and the package still newer than what the workspace has; the
// audit row of each lexicon names the publisher, package version and key.
func (s *Store) ApplyPackage(ctx context.Context, sess *account.Session, p *slx.Package, ups []Update) error {
	return s.change(ctx, sess, func(tx *sql.Tx, actor string) error {
		if _, _, ok, err := trustedKey(ctx, tx, p.Key); err != nil || !ok {
			return firstErr(err, p.Refuse(slx.ReasonUnknownKey, "", nil))
		}
		for _, u := range ups {
			if u.Source != packageSource(p) {
				return fmt.Errorf("lexicon %q: %w", u.Name, ErrClash)
			}
			if err := s.checkPackageOrigin(ctx, tx, u.Name, p); err != nil {
				return err
			}
			if err := s.applyUpdate(ctx, tx, actor, u, ActionPackageImport); err != nil {
				return err
			}
		}
		return nil
	})
}

// ImportPackage verifies the package in data and imports all of it: every
// change is taken, and changes that overwrite the workspace's own edits
// only when takeConflicts is set; otherwise those words keep the
// workspace's version. It returns what it applied.
func (s *Store) ImportPackage(ctx context.Context, sess *account.Session, data []byte, takeConflicts bool) (*slx.Package, []Update, error) {
	p, err := s.VerifyPackage(ctx, sess, data)
	if err != nil {
		return nil, nil, err
	}
	ups, err := s.PackageUpdates(ctx, sess, p)
	if err != nil {
		return p, nil, err
	}
	AcceptAll(ups, takeConflicts)
	return p, ups, s.ApplyPackage(ctx, sess, p, ups)
}
