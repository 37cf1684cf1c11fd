package i18n

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"shenfa/archive/pki"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/drafts"
)

// An archivist without a usable certificate cannot seal; the message must
// say who can fix it and where, in both languages.
func TestNoCertificateSaysWhatToDo(t *testing.T) {
	errs := []error{
		pki.ErrNoCertificate,
		fmt.Errorf("seal: %w", fmt.Errorf("%w: the certificate expired on 2056-01-01", pki.ErrNoCertificate)),
	}
	langs := []struct {
		code string
		want []string
	}{
		{Chinese, []string{"安全保密管理员", "用户与权限", "shenfa ca issue"}},
		{English, []string{"security administrator", "Users and roles", "shenfa ca issue"}},
	}
	defer Use(Chinese)
	for _, l := range langs {
		if err := Use(l.code); err != nil {
			t.Fatal(err)
		}
		for _, err := range errs {
			msg := Message(err)
			for _, w := range l.want {
				if !strings.Contains(msg, w) {
					t.Errorf("%s: Message(%v) = %q, want it to mention %q", l.code, err, msg, w)
				}
			}
		}
	}
}

// An archivist whose certificate was never issued tries to seal an
// approved draft: sealing refuses with the error the message above words.
func TestSealWithoutCertificateSaysWhatToDo(t *testing.T) {
	ctx := context.Background()
	w, err := review.Open(filepath.Join(t.TempDir(), "ws.db"), account.WithKDF(account.KDF{Time: 1, MemoryKiB: 64, Threads: 1}))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.SetupDemo(ctx, review.WithoutCertificates()); err != nil {
		t.Fatal(err)
	}
	pw := func(name string) string {
		for _, a := range review.DemoAccounts {
			if a.Name == name {
				return a.Password
			}
		}
		return ""
	}
	author, err := w.Accounts.SignIn(ctx, "author", pw("author"))
	if err != nil {
		t.Fatal(err)
	}
	archivist, err := w.Accounts.SignIn(ctx, "archivist", pw("archivist"))
	if err != nil {
		t.Fatal(err)
	}
	ds, _, err := w.Drafts.List(ctx, author, drafts.Filter{Status: drafts.Approved})
	if err != nil || len(ds) == 0 {
		t.Fatalf("no approved demo draft: %v", err)
	}
	_, err = w.Archive.Seal(ctx, archivist, pw("archivist"), ds[0].ID)
	if !errors.Is(err, pki.ErrNoCertificate) {
		t.Fatalf("sealing without a certificate: %v, want ErrNoCertificate", err)
	}
	if msg := Message(err); !strings.Contains(msg, "用户与权限") || !strings.Contains(msg, "shenfa ca issue") {
		t.Errorf("the archivist reads %q, which does not say how to get a certificate", msg)
	}
}
