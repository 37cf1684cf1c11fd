package cli

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"strings"

	"shenfa/app/archivetext"
	"shenfa/app/i18n"
	"shenfa/archive"
	"shenfa/review"
	"shenfa/review/account"
)

func init() {
	archiveCommands["export-pdf"] = runArchiveExportPDF
	archiveCommands["export-bag"] = runArchiveExportBag
	archiveCommands["verify-bag"] = runArchiveVerifyBag
}

// exportArgs reads `ID|档号… --out DIR`.
func exportArgs(args []string) (refs []string, out string, err error) {
	fs := newFlags("archive export")
	dir := fs.String("out", "", "")
	refs, err = parseFlags(fs, args)
	if err == nil && (len(refs) == 0 || *dir == "") {
		err = errors.New(i18n.L("cli.archive.export_usage"))
	}
	return refs, *dir, err
}

// exporting signs in and gives f the records named by refs (ids or 档号).
func (c *ctx) exporting(refs []string, f func(ctx context.Context, st *archive.Store, sess *account.Session, ids []int64) int) int {
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		st := archive.New(w.DB, w.Accounts, w.Drafts, nil, nil) // exports neither render nor sign
		var ids []int64
		for _, ref := range refs {
			r, err := st.Get(ctx, sess, strings.TrimPrefix(ref, "#"))
			if errors.Is(err, archive.ErrNoRecord) {
				return c.fail(i18n.Errorf("cli.archive.no_record", map[string]any{"Value": ref}))
			}
			if err != nil {
				return c.fail(err)
			}
			ids = append(ids, r.ID)
		}
		return f(ctx, st, sess, ids)
	})
}

// runArchiveExportPDF is `shenfa archive export-pdf ID|档号… --out DIR`.
func runArchiveExportPDF(c *ctx, args []string) int {
	refs, out, err := exportArgs(args)
	if err != nil {
		return c.usageError(err)
	}
	return c.exporting(refs, func(ctx context.Context, st *archive.Store, sess *account.Session, ids []int64) int {
		paths, err := st.ExportPDFs(ctx, sess, ids, out)
		if err != nil {
			return c.exportFailed(err, out)
		}
		c.printf("%s\n", i18n.L("cli.archive.exported_pdf", map[string]any{"Count": len(paths), "Dir": out}))
		for _, p := range paths {
			c.printf("  %s\n", p)
		}
		return ExitOK
	})
}

// runArchiveExportBag is `shenfa archive export-bag ID|档号… --out DIR`.
func runArchiveExportBag(c *ctx, args []string) int {
	refs, out, err := exportArgs(args)
	if err != nil {
		return c.usageError(err)
	}
	return c.exporting(refs, func(ctx context.Context, st *archive.Store, sess *account.Session, ids []int64) int {
		if err := (archive.Export{Store: st, Agent: "Shenfa 审发 " + c.Version}).Bag(ctx, sess, ids, out); err != nil {
			return c.exportFailed(err, out)
		}
		c.printf("%s\n", i18n.L("cli.archive.exported_bag", map[string]any{"Count": len(ids), "Dir": out}))
		return ExitOK
	})
}

// exportFailed says why an export failed, as archivetext words it, and
// that nothing half-written was left behind (or where it was, when it could
// not be removed).
func (c *ctx) exportFailed(err error, out string) int {
	msg, ok := archivetext.ExportFailure(err, out)
	if !ok {
		return c.fail(err)
	}
	fmt.Fprintln(c.Stderr, i18n.L("cli.error")+msg)
	return ExitFailed
}

// runArchiveVerifyBag is `shenfa archive verify-bag DIR [--ca CA.pem] [--json]`:
// the bag on receipt, its records and each PDF's signature. Exit 0 when
// all is valid, 1 when something is not, 2 when the bag cannot be read.
func runArchiveVerifyBag(c *ctx, args []string) int {
	fs := newFlags("archive verify-bag")
	asJSON := fs.Bool("json", false, "")
	caFile := fs.String("ca", "", "")
	rest, err := parseFlags(fs, args)
	if err != nil || len(rest) != 1 {
		return c.usageOf("archive", err)
	}
	roots, err := loadRoots(*caFile)
	if err != nil {
		return c.usageError(err)
	}
	rep, err := archive.VerifyBag(rest[0], archivetext.SignatureCheck(roots))
	if err != nil {
		fmt.Fprintln(c.Stderr, i18n.L("cli.error")+i18n.L("cli.bagit.unreadable", map[string]any{"Dir": rest[0], "Detail": err.Error()}))
		return ExitUsage
	}
	code := ExitOK
	if !rep.Valid() {
		code = ExitFailed
	}
	if *asJSON {
		if out := c.writeJSON(bagReportJSON(rep, roots != nil)); out != ExitOK {
			return out
		}
		return code
	}
	c.printBagReport(rep, roots != nil)
	return code
}

// loadRoots reads the CA certificates (PEM, as `shenfa ca export` writes
// them) that signers must chain to; none given, signatures are checked
// for integrity only.
func loadRoots(file string) (*x509.CertPool, error) {
	if file == "" {
		return nil, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, errors.New(i18n.L("cli.bagit.bad_ca", map[string]any{"File": file, "Detail": err.Error()}))
	}
	pool := x509.NewCertPool()
	n := 0
	for block, rest := pem.Decode(data); block != nil; block, rest = pem.Decode(rest) {
		if cert, err := x509.ParseCertificate(block.Bytes); err == nil && block.Type == "CERTIFICATE" {
			pool.AddCert(cert)
			n++
		}
	}
	if n == 0 {
		if cert, err := x509.ParseCertificate(data); err == nil { // DER
			pool.AddCert(cert)
			n++
		}
	}
	if n == 0 {
		return nil, errors.New(i18n.L("cli.bagit.bad_ca", map[string]any{"File": file, "Detail": "no certificate"}))
	}
	return pool, nil
}
