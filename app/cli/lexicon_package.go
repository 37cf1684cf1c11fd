package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/lexicons"
	"shenfa/review/lexicons/slx"
	"shenfa/sensitive/lexicon"
)

// now is the clock of pack's default version and date; tests fix it.
var now = time.Now

// lexiconKeygen makes a publisher's key pair: --out KEY gets the private
// key, encrypted under the passphrase from SHENFA_PASSWORD or
// --password-file, and KEY.pub the public key to hand to workspaces.
func (c *ctx) lexiconKeygen(_ *review.Workspace, _ *account.Session, _ []string, o lexiconOpts) int {
	if o.out == "" {
		return c.usageError(errors.New(i18n.L("cli.lexicon.keygen_needs")))
	}
	pw, err := c.passwords(1)
	if err != nil {
		return c.usageError(err)
	}
	private, public, err := slx.GenerateKey([]byte(pw[0]))
	if err != nil {
		return c.fail(err)
	}
	pubFile := o.out + ".pub"
	if err := writeNew(o.out, private, 0o600); err != nil {
		return c.fail(err)
	}
	if err := writeNew(pubFile, public, 0o644); err != nil {
		os.Remove(o.out)
		return c.fail(err)
	}
	_, der, _ := slx.ParsePublicKey(public)
	c.printf("%s\n", i18n.L("cli.lexicon.keygen_done", map[string]any{"Private": o.out, "Public": pubFile,
		"Fingerprint": slx.Fingerprint(der)}))
	return ExitOK
}

// writeNew writes a file that must not exist yet: a key or package is
// never written over another.
func writeNew(name string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return errors.New(i18n.L("cli.lexicon.unwritable", map[string]any{"File": name}))
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}

// lexiconPack signs lexicon files into a package with the publisher's key.
// Without --version the package is versioned by the time it is made, so
// that each package of a publisher is newer than the one before.
func (c *ctx) lexiconPack(_ *review.Workspace, _ *account.Session, files []string, o lexiconOpts) int {
	if o.key == "" || o.publisher == "" || o.out == "" {
		return c.usageError(errors.New(i18n.L("cli.lexicon.pack_needs")))
	}
	info := slx.Info{Publisher: o.publisher, Version: o.version, Date: o.date}
	if info.Version == "" {
		info.Version = now().Format("2006.0102.150405")
	}
	if info.Date == "" {
		info.Date = now().Format(time.DateOnly)
	}
	keyData, err := os.ReadFile(o.key)
	if err != nil {
		return c.usageError(errors.New(i18n.L("cli.lexicon.key_unreadable", map[string]any{"File": o.key})))
	}
	pw, err := c.passwords(1)
	if err != nil {
		return c.usageError(err)
	}
	priv, err := slx.ParsePrivateKey(keyData, []byte(pw[0]))
	if err != nil {
		return c.fail(err)
	}
	var pf []slx.File
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return c.usageError(errors.New(i18n.L("cli.lexicon.unreadable", map[string]any{"File": f})))
		}
		if _, err := lexicon.Parse(filepath.Base(f), data, ""); err != nil { // said here with the file's name
			return c.usageError(errors.New(i18n.L("cli.lexicon.bad_file", map[string]any{"File": f, "Detail": i18n.Message(err)})))
		}
		pf = append(pf, slx.File{Name: filepath.Base(f), Data: data})
	}
	pkg, err := slx.Pack(priv, info, pf)
	if err == nil {
		err = writeNew(o.out, pkg, 0o644)
	}
	if err != nil {
		return c.fail(err)
	}
	fp, _ := slx.KeyFingerprint(&priv.PublicKey)
	c.printf("%s\n", i18n.L("cli.lexicon.packed", map[string]any{"File": o.out, "Publisher": info.Publisher,
		"Version": info.Version, "Date": info.Date, "Count": len(pf), "Fingerprint": fp}))
	return ExitOK
}

// lexiconTrust trusts the public key in a file as the publisher --name.
func (c *ctx) lexiconTrust(w *review.Workspace, sess *account.Session, args []string, o lexiconOpts) int {
	if o.name == "" {
		return c.usageError(errors.New(i18n.L("cli.lexicon.trust_needs")))
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		return c.usageError(errors.New(i18n.L("cli.lexicon.key_unreadable", map[string]any{"File": args[0]})))
	}
	p, err := w.Lexicons.Trust(context.Background(), sess, data, o.name)
	if err != nil {
		return c.fail(err)
	}
	c.printf("%s\n", i18n.L("cli.lexicon.trusted_ok", map[string]any{"Name": p.Name, "Fingerprint": p.Key}))
	return ExitOK
}

// lexiconUntrust removes a publisher's keys, by name or fingerprint.
func (c *ctx) lexiconUntrust(w *review.Workspace, sess *account.Session, args []string, _ lexiconOpts) int {
	gone, err := w.Lexicons.Untrust(context.Background(), sess, args[0])
	if err != nil {
		return c.fail(err)
	}
	for _, p := range gone {
		c.printf("%s\n", i18n.L("cli.lexicon.untrusted_ok", map[string]any{"Name": p.Name, "Fingerprint": p.Key}))
	}
	return ExitOK
}

// lexiconTrusted lists the trusted publisher keys.
func (c *ctx) lexiconTrusted(w *review.Workspace, sess *account.Session, _ []string, _ lexiconOpts) int {
	list, err := w.Lexicons.Trusted(context.Background(), sess)
	if err != nil {
		return c.fail(err)
	}
	for _, p := range list {
		c.printf("%s\n", i18n.L("cli.lexicon.trusted_row", map[string]any{"Name": p.Name, "Fingerprint": p.Key,
			"At": p.AddedAt.Local().Format(time.DateTime), "By": p.AddedBy}))
	}
	c.printf("%s\n", i18n.L("cli.lexicon.trusted_count", map[string]any{"Count": len(list)}))
	return ExitOK
}

// importPackage verifies a package, shows what it changes and imports it.
// Nothing is stored unless the package verifies and every change that
// would overwrite the workspace's own edits has been decided (--conflicts).
func (c *ctx) importPackage(w *review.Workspace, sess *account.Session, file string, data []byte, o lexiconOpts) int {
	ctx := context.Background()
	p, err := w.Lexicons.VerifyPackage(ctx, sess, data)
	if err != nil {
		return c.fail(err)
	}
	c.printf("%s\n", i18n.L("cli.lexicon.package_verified", map[string]any{"File": file, "Publisher": p.Publisher,
		"Trusted": p.Trusted, "Version": p.Version, "Date": p.Date, "Count": len(p.Files), "Fingerprint": p.Key}))
	ups, err := w.Lexicons.PackageUpdates(ctx, sess, p)
	if err != nil {
		return c.fail(err)
	}
	lexicons.AcceptAll(ups, true)
	for _, u := range ups {
		c.printUpdate(u)
	}
	if code, ok := c.resolveConflicts(ups, o.conflicts); !ok {
		return code
	}
	if err := w.Lexicons.ApplyPackage(ctx, sess, p, ups); err != nil {
		return c.fail(err)
	}
	c.printApplied(w, ups)
	return ExitOK
}
