package cli

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"strings"

	"shenfa/app/i18n"
	"shenfa/archive/pki"
	"shenfa/review"
	"shenfa/review/account"
)

// runCA is `shenfa ca export FILE [--all] | issue USER…|--missing | list
// [--json] | reseal | renew`: the workspace CA whose certificate readers
// trust, and the document-signing certificates it issues. Anyone signed in
// exports and lists; the rest needs secadmin, whose password (from
// SHENFA_PASSWORD or --password-file) unwraps the CA key.
func runCA(c *ctx, args []string) int {
	if len(args) == 0 {
		return c.usageOf("ca", nil)
	}
	fs := newFlags("ca " + args[0])
	all := fs.Bool("all", false, "")
	missing := fs.Bool("missing", false, "")
	asJSON := fs.Bool("json", false, "")
	rest, err := parseFlags(fs, args[1:])
	if err != nil {
		return c.usageOf("ca", err)
	}
	var run func(ctx context.Context, p *pki.Store, w *review.Workspace, sess *account.Session) int
	switch {
	case args[0] == "export" && len(rest) == 1:
		run = func(ctx context.Context, p *pki.Store, _ *review.Workspace, _ *account.Session) int {
			return c.caExport(ctx, p, rest[0], *all)
		}
	case args[0] == "issue" && (len(rest) > 0) != *missing:
		run = func(ctx context.Context, p *pki.Store, w *review.Workspace, sess *account.Session) int {
			return c.caIssue(ctx, p, w, sess, rest, *missing)
		}
	case args[0] == "list" && len(rest) == 0:
		run = func(ctx context.Context, p *pki.Store, w *review.Workspace, _ *account.Session) int {
			return c.caList(ctx, p, w, *asJSON)
		}
	case args[0] == "reseal" && len(rest) == 0:
		run = c.caReseal
	case args[0] == "renew" && len(rest) == 0:
		run = c.caRenew
	default:
		return c.usageOf("ca", nil)
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		return run(ctx, pki.New(w.DB, w.Accounts), w, sess)
	})
}

// password is the signed-in user's password again: it unwraps keys.
func (c *ctx) caPassword() (string, error) {
	pw, err := c.passwords(1)
	if err != nil {
		return "", err
	}
	return pw[0], nil
}

// caFail explains a PKI error in the user's language.
func (c *ctx) caFail(ctx context.Context, p *pki.Store, err error) int {
	keys := []struct {
		err error
		key string
	}{{pki.ErrNoCA, "error.ca_none"}, {pki.ErrNoSecAdmin, "error.ca_no_secadmin"}, {pki.ErrCALost, "error.ca_lost"},
		{pki.ErrCAUsable, "error.ca_usable"}, {pki.ErrNotContent, "error.ca_not_content"},
		{pki.ErrNoCertificate, "error.ca_no_certificate"}}
	if errors.Is(err, pki.ErrNoCopy) {
		ca, _ := p.Current(ctx)
		return c.fail(i18n.Errorf("error.ca_no_copy", map[string]any{"Holders": c.caNames(ca.Holders)}))
	}
	for _, k := range keys {
		if errors.Is(err, k.err) {
			return c.fail(i18n.Errorf(k.key))
		}
	}
	return c.fail(err)
}

func (c *ctx) caNames(ns []string) string {
	if len(ns) == 0 {
		return i18n.L("cli.ca.nobody")
	}
	return strings.Join(ns, ", ")
}

// caExport writes the current CA certificate (with --all every CA's,
// current first) as PEM, making the CA if set-up has not.
func (c *ctx) caExport(ctx context.Context, p *pki.Store, file string, all bool) int {
	ca, err := p.EnsureCA(ctx)
	if err != nil {
		return c.caFail(ctx, p, err)
	}
	certs := []*x509.Certificate{ca.Cert}
	if all {
		cas, err := p.CAs(ctx)
		if err != nil {
			return c.fail(err)
		}
		for i := len(cas) - 1; i >= 0; i-- {
			if cas[i].ID != ca.ID {
				certs = append(certs, cas[i].Cert)
			}
		}
	}
	var out []byte
	for _, x := range certs {
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: x.Raw})...)
	}
	if err := os.WriteFile(file, out, 0o644); err != nil {
		return c.fail(err)
	}
	c.printf("%s\n", i18n.L("cli.ca.exported", map[string]any{"Count": len(certs), "File": file,
		"Name": ca.Cert.Subject.CommonName, "Fingerprint": certFingerprint(ca.Cert)}))
	return ExitOK
}

func certFingerprint(x *x509.Certificate) string {
	sum := sha256.Sum256(x.Raw)
	var b strings.Builder
	for i, v := range sum {
		if i > 0 {
			b.WriteByte(':')
		}
		fmt.Fprintf(&b, "%02X", v)
	}
	return b.String()
}

// caIssue issues certificates to the named users, or with --missing to
// every user with a content role who has none that can sign.
func (c *ctx) caIssue(ctx context.Context, p *pki.Store, w *review.Workspace, sess *account.Session, names []string, missing bool) int {
	pw, err := c.caPassword()
	if err != nil {
		return c.usageError(err)
	}
	users, err := w.Accounts.List(ctx)
	if err != nil {
		return c.fail(err)
	}
	var targets []account.User
	for _, n := range names {
		i := caUserIndex(users, n)
		if i < 0 {
			return c.fail(errors.New(i18n.L("cli.ca.no_user", map[string]any{"Name": n})))
		}
		targets = append(targets, users[i])
	}
	if missing {
		for _, u := range users {
			if _, err := p.Usable(ctx, u.ID); errors.Is(err, pki.ErrNoCertificate) && !u.Disabled && caContentRole(u) {
				targets = append(targets, u)
			}
		}
		if len(targets) == 0 {
			c.printf("%s\n", i18n.L("cli.ca.none_missing"))
			return ExitOK
		}
	}
	for _, u := range targets {
		cert, err := p.Issue(ctx, sess, pw, u.ID)
		if err != nil {
			return c.caFail(ctx, p, err)
		}
		c.printf("%s\n", i18n.L("cli.ca.issued", map[string]any{"User": u.Name, "Name": u.FullName,
			"Serial": fmt.Sprintf("%X", cert.Cert.SerialNumber), "Until": cert.Cert.NotAfter.Format("2006-01-02")}))
	}
	return ExitOK
}

func caUserIndex(users []account.User, name string) int {
	for i, u := range users {
		if strings.EqualFold(u.Name, name) {
			return i
		}
	}
	return -1
}

func caContentRole(u account.User) bool {
	for _, r := range u.Roles {
		if !r.Admin() {
			return true
		}
	}
	return false
}

func (c *ctx) caReseal(ctx context.Context, p *pki.Store, _ *review.Workspace, sess *account.Session) int {
	pw, err := c.caPassword()
	if err != nil {
		return c.usageError(err)
	}
	added, removed, err := p.Reseal(ctx, sess, pw)
	if err != nil {
		return c.caFail(ctx, p, err)
	}
	if len(added)+len(removed) == 0 {
		c.printf("%s\n", i18n.L("cli.ca.reseal_nothing"))
		return ExitOK
	}
	c.printf("%s\n", i18n.L("cli.ca.resealed", map[string]any{"Added": c.caNames(added), "Removed": c.caNames(removed)}))
	return ExitOK
}

func (c *ctx) caRenew(ctx context.Context, p *pki.Store, _ *review.Workspace, sess *account.Session) int {
	pw, err := c.caPassword()
	if err != nil {
		return c.usageError(err)
	}
	ca, err := p.Renew(ctx, sess, pw)
	if err != nil {
		return c.caFail(ctx, p, err)
	}
	c.printf("%s\n", i18n.L("cli.ca.renewed", map[string]any{"Name": ca.Cert.Subject.CommonName, "Fingerprint": certFingerprint(ca.Cert)}))
	return ExitOK
}
