package app

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"encoding/pem"
	"io"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/smx509"

	"shenfa/app/i18n"
	"shenfa/review/lexicons"
	"shenfa/review/lexicons/slx"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/lexicon"
)

// newerShipped is testLexicons as a newer Shenfa would ship them: 示例词库
// changes the note of 示例词 and gains 新词, and 新默认词库 appears.
func newerShipped(t *testing.T) func() ([]*lexicon.Lexicon, error) {
	return func() ([]*lexicon.Lexicon, error) {
		ls := testLexicons(t)
		small := ls[0]
		small.Version = "2026-12-01"
		small.Entries[0].Note = "新依据"
		small.Entries = append(small.Entries, lexicon.Entry{Word: "新词", Category: finding.Sensitive, Severity: finding.Warn})
		extra, err := lexicon.Parse("n.toml", []byte("name = \"新默认词库\"\nversion = \"1\"\n[[entry]]\nword = \"违法词\"\n"), "")
		return append(ls, extra), err
	}
}

func buttonIn(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	b := findIn(t, root, func(b *widget.Button) bool { return b.Text == text })
	if b == nil {
		t.Fatalf("no %q button", text)
	}
	return b
}

func TestUpdatesWaitingAndAccepted(t *testing.T) {
	u, s := lexiconsUIShipping(t, newerShipped(t))
	if label(t, u, i18n.L("lexicons.updates_waiting", map[string]any{"Count": 2})) == nil {
		t.Fatal("the screen does not say that two updates are waiting")
	}
	if s.pages.Items[pageUpdates].Text != i18n.L("lexicons.tab_updates_count", map[string]any{"Count": 2}) {
		t.Errorf("updates tab: %q", s.pages.Items[pageUpdates].Text)
	}
	test.Tap(button(t, u, i18n.L("lexicons.show_updates")))
	v := s.updates
	if s.pages.SelectedIndex() != pageUpdates || len(v.ups) != 2 || v.current != 0 || v.rows() != 2 {
		t.Fatalf("updates view: tab %d, %d updates, current %d, %d rows", s.pages.SelectedIndex(), len(v.ups), v.current, v.rows())
	}
	if !strings.Contains(v.heading.Text, "2026-11-01 → 2026-12-01") {
		t.Errorf("heading %q", v.heading.Text)
	}
	// Untick the first change of 示例词库 (its note) by its check box.
	check := findIn(t, v.changes, func(c *widget.Check) bool { return c.Visible() })
	if check == nil || !check.Checked {
		t.Fatal("no ticked check box in the changes table")
	}
	test.Tap(check)
	if v.ups[0].Changes[0].Accept {
		t.Fatal("unticking did not reach the update")
	}
	// Take none of the new lexicon.
	v.list.Select(1)
	test.Tap(buttonIn(t, v.view, i18n.L("lexicons.keep_lexicon")))
	test.Tap(buttonIn(t, v.view, i18n.L("lexicons.accept_checked")))
	tapOverlayButton(t, u, lang.L("Yes"))
	l, err := u.ws.Lexicons.Load(u.ctx(), "示例词库")
	if err != nil || l.Version != "2026-12-01+1" || len(l.Entries) != 3 || l.Entries[0].Note != "依据" {
		t.Fatalf("after accepting one of two changes: %+v, %v", l, err)
	}
	if _, err := u.ws.Lexicons.Get(u.ctx(), "新默认词库"); err == nil {
		t.Error("the declined new lexicon was added")
	}
	if auditCount(t, u, lexicons.ActionLexiconUpdate) != 2 {
		t.Error("accepting left no audit rows")
	}
	if len(s.banner.Objects) != 0 || len(v.ups) != 0 || s.pages.Items[pageUpdates].Text != i18n.L("lexicons.tab_updates") {
		t.Errorf("still waiting: banner %d, %d updates", len(s.banner.Objects), len(v.ups))
	}
}

func TestAcceptAllOverwritesOnlyWhenAsked(t *testing.T) {
	u, s := lexiconsUIShipping(t, newerShipped(t))
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(u.ws.Lexicons.PutEntry(u.ctx(), u.sess, "示例词库", "示例词", lexicon.Entry{Word: "示例词", Note: "本单位依据"}))
	s.pages.SelectIndex(pageUpdates)
	v := s.updates
	if c := v.ups[0].Changes[0]; !c.Conflict || c.Accept || changeCell(c, 1) != "冲突·修改" {
		t.Fatalf("the local edit is not an unticked conflict: %+v", c)
	}
	if !v.note.Visible() {
		t.Error("no note that the workspace edited the lexicon")
	}
	// Saying no changes nothing, not even the ticks.
	test.Tap(buttonIn(t, v.view, i18n.L("lexicons.accept_all")))
	tapOverlayButton(t, u, lang.L("No"))
	if v.ups[0].Changes[0].Accept || auditCount(t, u, lexicons.ActionLexiconUpdate) != 0 {
		t.Fatal("cancelling accept all ticked the conflict or applied something")
	}
	test.Tap(buttonIn(t, v.view, i18n.L("lexicons.accept_all")))
	if !strings.Contains(findIn(t, overlay(t, u), func(l *widget.Label) bool { return strings.Contains(l.Text, "覆盖") }).Text, "1 项会覆盖") {
		t.Error("accept all does not warn that it overwrites an edit")
	}
	tapOverlayButton(t, u, lang.L("Yes"))
	if l, _ := u.ws.Lexicons.Load(u.ctx(), "示例词库"); l.Entries[0].Note != "新依据" || l.Version != "2026-12-01" {
		t.Errorf("accept all: %+v", l)
	}
	if _, err := u.ws.Lexicons.Get(u.ctx(), "新默认词库"); err != nil {
		t.Errorf("new lexicon not added: %v", err)
	}
}

// testPublisher makes an SM2 key pair and returns it with its PEM public key.
func testPublisher(t *testing.T) (*sm2.PrivateKey, []byte) {
	priv, err := sm2.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := smx509.MarshalPKIXPublicKey(&priv.PublicKey)
	return priv, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

func testPackage(t *testing.T, priv *sm2.PrivateKey, version string, words ...string) []byte {
	var b strings.Builder
	b.WriteString("name = \"省通报词库\"\nversion = \"" + version + "\"\ncategory = \"political\"\n")
	for _, w := range words {
		b.WriteString("[[entry]]\nword = \"" + w + "\"\n")
	}
	data, err := slx.Pack(priv, slx.Info{Publisher: "某省委网信办", Version: version, Date: "2026-12-01"},
		[]slx.File{{Name: "province.toml", Data: []byte(b.String())}})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// changeEntry rewrites the zip with old replaced by new in one entry, as
// someone who edits a package's file without the publisher's key would.
func changeEntry(t *testing.T, data []byte, name, old, new string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == name {
			b = bytes.Replace(b, []byte(old), []byte(new), 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	return buf.Bytes()
}

func TestTrustAndImportPackage(t *testing.T) {
	u, s := lexiconsUI(t)
	priv, public := testPublisher(t)
	s.pages.SelectIndex(pagePackage)
	pkg := testPackage(t, priv, "2026.1", "错误提法甲", "错误提法乙")

	// Before the key is trusted, the package is refused and nothing stored.
	s.pkg.open("省.slx", pkg)
	if s.pkg.result.Importance != widget.DangerImportance || !strings.Contains(s.pkg.result.Text, "未保存任何内容") {
		t.Fatalf("untrusted package: %q", s.pkg.result.Text)
	}
	// Trust the key from its file, named by secadmin.
	s.pages.SelectIndex(pageTrusted)
	s.trust.addDialog("省.pub", public)
	fp := findIn(t, overlay(t, u), func(l *widget.Label) bool { return len(l.Text) == 79 })
	if fp == nil {
		t.Fatal("the trust dialog does not show the fingerprint in groups")
	}
	test.Type(findIn(t, overlay(t, u), func(e *widget.Entry) bool { return e.PlaceHolder == i18n.L("lexicons.publisher_hint") }), "某省网信办")
	tapOverlayButton(t, u, i18n.L("lexicons.trust_confirm"))
	if len(s.trust.list) != 1 || s.trust.list[0].Name != "某省网信办" || auditCount(t, u, lexicons.ActionTrust) != 1 {
		t.Fatalf("trusted %+v", s.trust.list)
	}
	// A changed byte is refused with the reason; the untouched package verifies.
	s.pages.SelectIndex(pagePackage)
	s.pkg.open("改.slx", changeEntry(t, pkg, "lexicons/province.toml", "错误提法甲", "错误提法丙"))
	if s.pkg.result.Importance != widget.DangerImportance || !strings.Contains(s.pkg.result.Text, "SM3") ||
		len(s.pkg.changes.Objects) != 0 {
		t.Fatalf("tampered package: %q", s.pkg.result.Text)
	}
	s.pkg.open("省.slx", pkg)
	if s.pkg.result.Importance != widget.SuccessImportance || !strings.Contains(s.pkg.result.Text, "某省网信办") ||
		!s.pkg.files.Visible() || len(s.pkg.changes.Objects) != 1 {
		t.Fatalf("verified package: %q", s.pkg.result.Text)
	}
	test.Tap(buttonIn(t, s.pkg.changes, i18n.L("lexicons.accept_checked")))
	tapOverlayButton(t, u, lang.L("Yes"))
	i, err := u.ws.Lexicons.Get(u.ctx(), "省通报词库")
	if err != nil || i.Entries != 2 || i.Publisher != "某省网信办" || i.Package != "2026.1" {
		t.Fatalf("imported %+v, %v", i, err)
	}
	if auditCount(t, u, lexicons.ActionPackageImport) != 1 || !strings.Contains(s.pkg.result.Text, "已导入") {
		t.Errorf("import not audited or not reported: %q", s.pkg.result.Text)
	}
	// The same package again: validly signed, but not newer.
	s.pkg.open("省.slx", pkg)
	if !strings.Contains(s.pkg.result.Text, "不比它新") {
		t.Errorf("re-import: %q", s.pkg.result.Text)
	}
	// Remove the publisher.
	s.pages.SelectIndex(pageTrusted)
	s.trust.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.trust.remove)
	tapOverlayButton(t, u, lang.L("Yes"))
	if len(s.trust.list) != 0 || auditCount(t, u, lexicons.ActionUntrust) != 1 {
		t.Errorf("untrust: %+v", s.trust.list)
	}
}

func TestTrustDialogRefusesAPrivateKey(t *testing.T) {
	u, s := lexiconsUI(t)
	s.trust.addDialog("key", []byte("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAA==\n-----END ENCRYPTED PRIVATE KEY-----\n"))
	if u.win.Canvas().Overlays().Top() != nil || !strings.Contains(s.message.Text, "不是 SM2 公钥") {
		t.Errorf("private key offered for trust: %q", s.message.Text)
	}
}
