package archive_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/sensitive"
)

// BenchmarkSeal seals an approved draft with the real renderer and signer
// (review.Workspace.Archive): gathering the record, its PDF, the PAdES
// signature and the transaction with its versions, index row and audit row
// (issue 9 target: under 500 ms). "demo" is the demo's approved draft,
// "10k-chars" one of 10,000 characters with four sign-offs. The workspace
// is prepared once, outside the timer, and each round seals a fresh copy of
// it, opened and signed into outside the timer too. The accounts use a
// cheap KDF: with the production argon2id cost, unwrapping the archivist's
// key adds about one sign-in (BenchmarkSigner in archive/pki), which this
// figure leaves out.
func BenchmarkSeal(b *testing.B) {
	base, demo := sealBase(b)
	big := approvedDraft(b, base, benchText(10000))
	for _, bc := range []struct {
		name  string
		draft int64
	}{{"demo", demo}, {"10k-chars", big}} {
		b.Run(bc.name, func(b *testing.B) { benchSeal(b, base, bc.draft) })
	}
}

func benchSeal(b *testing.B, base string, draft int64) {
	ctx := context.Background()
	var chars, signOffs, size int
	seal := func(timed bool) {
		b.StopTimer()
		w, err := review.Open(copyWorkspace(b, base), cheap)
		if err != nil {
			b.Fatal(err)
		}
		defer w.Close()
		arch, err := w.Accounts.SignIn(ctx, "archivist", "Archivist@2026")
		if err != nil {
			b.Fatal(err)
		}
		if timed {
			b.StartTimer()
		}
		code, err := w.Archive.Seal(ctx, arch, "Archivist@2026", draft)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		r, err := w.Archive.Get(ctx, arch, code)
		if err != nil {
			b.Fatal(err)
		}
		chars, size, signOffs = r.Manifest.Chars, len(r.PDF), 0
		for _, so := range r.Manifest.SignOffs {
			if so.Current {
				signOffs++
			}
		}
	}
	seal(false) // parse the fonts, as a running app has
	b.ResetTimer()
	for range b.N {
		seal(true)
	}
	b.ReportMetric(float64(chars), "chars")
	b.ReportMetric(float64(signOffs), "sign-offs")
	b.ReportMetric(float64(size)/1024, "KiB")
}

// quiet is a checker without findings, so that the benchmark's draft goes
// through review without waivers.
type quiet struct{}

func (quiet) Check(text string) sensitive.Result { return sensitive.Result{Chars: len([]rune(text))} }

// approvedDraft takes a grade-B draft of text through 初审, 复审, 保密审查
// and 终审 in the workspace at path and returns its id.
func approvedDraft(b *testing.B, path, text string) int64 {
	b.Helper()
	ctx := context.Background()
	w, err := review.Open(path, cheap)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	ds := drafts.New(w.DB, w.Accounts, drafts.WorkspacePolicies{}, func(context.Context) (drafts.Checker, error) { return quiet{}, nil })
	sign := func(name string) *account.Session {
		s, err := w.Accounts.SignIn(ctx, name, sealBenchPassword(name))
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	chs, err := ds.Channels(ctx)
	if err != nil || len(chs) == 0 {
		b.Fatalf("channels: %v", err)
	}
	id, err := ds.Create(ctx, sign("author"), drafts.NewDraft{Title: "关于做好2027年元旦春节期间安全生产工作的通知", ChannelID: chs[0].ID,
		Grade: "B", Kind: drafts.Original, File: drafts.Source{FileName: "通知.txt", Data: []byte(text)}})
	if err != nil {
		b.Fatal(err)
	}
	if err := ds.Submit(ctx, sign("author"), id, 1); err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"approver1", "approver2", "secrecy", "approver3"} {
		d, err := ds.Get(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		req := drafts.SignRequest{Draft: id, Version: d.Version, Step: d.Step, Decision: drafts.Approve, Opinion: "同意。"}
		if d.Step == drafts.Secrecy {
			req.Decision = drafts.Publish
			req.Secrecy = &drafts.SecrecyReview{Answers: make([]bool, len(drafts.ChecklistItems)), Basis: "不涉密，可以公开。"}
		}
		if _, err := ds.Sign(ctx, sign(name), sealBenchPassword(name), req); err != nil {
			b.Fatalf("%s signs: %v", name, err)
		}
	}
	if d, err := ds.Get(ctx, id); err != nil || d.Status != drafts.Approved {
		b.Fatalf("the benchmark's draft is %s, not approved: %v", d.Status, err)
	}
	return id
}

func sealBenchPassword(name string) string {
	for _, a := range review.DemoAccounts {
		if a.Name == name {
			return a.Password
		}
	}
	return ""
}

// benchText is about n characters of synthetic Chinese text, as
// recordpdf's benchmark draws it: GB2312 level-1 characters with a Zipf
// law (about 1,100 different ones in 10,000), punctuation, numbers and a
// Latin word now and then, in paragraphs of 150–300 characters.
func benchText(n int) string {
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rng, 1.3, 2, 3754)
	dec := simplifiedchinese.GBK.NewDecoder()
	var sb strings.Builder
	for count, para := 0, 0; count < n; {
		if para == 0 {
			sb.WriteString("　　")
			count, para = count+2, 150+rng.IntN(150)
		}
		switch k := rng.IntN(40); {
		case k == 0:
			fmt.Fprintf(&sb, "%d年", 2020+rng.IntN(8))
			count += 5
		case k == 1:
			sb.WriteString(" WeChat ")
			count += 8
		case k < 5:
			sb.WriteRune([]rune("，，，。、；：")[rng.IntN(7)])
			count++
		default:
			k := int(zipf.Uint64())
			s, _ := dec.Bytes([]byte{byte(0xB0 + k/94), byte(0xA1 + k%94)})
			sb.Write(s)
			count++
		}
		if para--; para == 0 {
			sb.WriteString("。\n")
			count += 2
		}
	}
	return sb.String()
}
