package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"shenfa/app/i18n"
	"shenfa/review/diff"
	"shenfa/review/drafts"
)

// revisedText is the returned demo draft after the author's correction:
// the typo and the placeholder gone, a sentence added, one word deleted.
const (
	originalText = "根据公务员录用有关规定，现将拟录用人员名单予以公示：\n张明，男，身份证号110105199003070935，XX市数据局。\n公示期为5个工作日，如有异议，请向市委组织部反映。\n请按装好设备。"
	revisedText  = "根据公务员录用规定，现将拟录用人员名单予以公示：\n张明，男，身份证号110105********0935，江城市数据局。\n公示期为5个工作日（12月3日至9日），如有异议，请向市委组织部反映。\n请按装好设备。\n联系电话：0571-12345678。"
)

// revisedDraft gives a new demo draft two versions, on a fixed clock.
func revisedDraft(t *testing.T, u *ui) int64 {
	t.Helper()
	tick := demoStart.Add(24 * time.Hour)
	u.ws.Drafts.WithClock(func() time.Time { tick = tick.Add(time.Second); return tick })
	author := session(t, u, "author")
	channels, _ := u.ws.Drafts.Channels(u.ctx())
	id, err := u.ws.Drafts.Create(u.ctx(), author, drafts.NewDraft{Title: "拟录用人员公示", ChannelID: channels[0].ID, Grade: "B",
		Kind: drafts.Original, File: drafts.Source{Data: []byte(originalText)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.ws.Drafts.Revise(u.ctx(), author, id, 1, drafts.Source{Data: []byte(revisedText), Note: "隐去身份证号"}); err != nil {
		t.Fatal(err)
	}
	return id
}

// rowText is a diff row as a reader without colour sees it.
func rowText(segs []diffSeg) string {
	var b strings.Builder
	for _, s := range segs {
		if s.op == diff.Insert && !s.mark {
			b.WriteString("_" + s.text + "_")
		} else {
			b.WriteString(s.text)
		}
	}
	return b.String()
}

func TestDiffTabShowsTrackedChanges(t *testing.T) {
	u := draftsUI(t, "author")
	id := revisedDraft(t, u)
	p := openID(u, id)
	p.show(tabDiff)
	d := p.diff
	if d.oldV != 1 || d.newV != 2 || d.basis.Text != i18n.L("diff.since_previous", map[string]any{"Version": 1}) {
		t.Fatalf("compares v%d with v%d: %q", d.oldV, d.newV, d.basis.Text)
	}
	test.AssertRendersToMarkup(t, "diff_author.xml", u.win.Canvas())
	var inline []string
	for _, r := range d.view.rows {
		inline = append(inline, rowText(r.left))
	}
	joined := strings.Join(inline, "|")
	for _, want := range []string{"【删：有关】", "【删：110105199003070935】_110105********0935_", "【删：XX】_江城_",
		"_（12月3日至9日）_", "_联系电话：0571-12345678。_"} {
		if !strings.Contains(joined, want) {
			t.Errorf("the inline view lacks %q:\n%s", want, joined)
		}
	}
	// Only changed paragraphs: the unchanged fourth one folds.
	d.onlyDiff.SetChecked(true)
	folds := 0
	for _, r := range d.view.rows {
		if r.folded > 0 {
			folds++
		}
	}
	if folds != 1 {
		t.Errorf("%d folds, want the one unchanged paragraph folded", folds)
	}
	// Side by side: old left, new right.
	d.mode.SetSelected(L("diff.side_by_side"))
	r := d.view.rows[0]
	if !strings.Contains(rowText(r.left), "【删：有关】") || strings.Contains(rowText(r.left), "_") ||
		strings.Contains(rowText(r.right), "有关") {
		t.Errorf("side by side row 0: %q | %q", rowText(r.left), rowText(r.right))
	}
	// Next and previous change, wrapping around.
	n := len(d.view.changes)
	test.Tap(d.next)
	test.Tap(d.next)
	if d.current != 1 || !strings.HasPrefix(d.summary.Text, fmt.Sprintf("第 2/%d 处", n)) {
		t.Errorf("after two 下一处: change %d, %q", d.current, d.summary.Text)
	}
	test.Tap(d.prev)
	test.Tap(d.prev)
	if d.current != n-1 {
		t.Errorf("previous of the first change is %d, want the last (%d)", d.current, n-1)
	}
	// The findings: the placeholder is resolved, the typo still open.
	fd := compareFindings(d.res, p.versionFindings(mustVersion(t, u, id, 1)), p.versionFindings(mustVersion(t, u, id, 2)))
	if len(fd.Resolved) != 1 || fd.Resolved[0].Text != "XX" || len(fd.Open) != 1 || fd.Open[0].Text != "按装" {
		t.Errorf("findings diff %+v", fd)
	}
	// Any two versions: the same one twice has no changes.
	d.from.SetSelectedIndex(1)
	if d.res.Summary().Changes != 0 || d.summary.Text != i18n.L("diff.no_changes", map[string]any{"Old": 2, "New": 2}) {
		t.Errorf("v2 with itself: %q", d.summary.Text)
	}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func mustVersion(t *testing.T, u *ui, id int64, n int) drafts.Version {
	t.Helper()
	v, err := u.ws.Drafts.Version(u.ctx(), id, n)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// An approver sees first what changed since their own sign-off.
func TestDiffDefaultsToSinceOwnSignOff(t *testing.T) {
	u := draftsUI(t, "approver1")
	author := session(t, u, "author")
	id := draftID(t, u, demoReturned) // signed by approver1 at 初审 on v1, returned by 复审
	for n, text := range []string{"第二版正文。", "第三版正文。"} {
		if _, err := u.ws.Drafts.Revise(u.ctx(), author, id, n+1, drafts.Source{Data: []byte(text)}); err != nil {
			t.Fatal(err)
		}
	}
	p := openID(u, id)
	p.show(tabDiff)
	if p.diff.oldV != 1 || p.diff.newV != 3 || !strings.HasPrefix(p.diff.basis.Text, "默认显示：自您上次签署（第 1 版，初审同意") {
		t.Errorf("approver1 compares v%d with v%d: %q", p.diff.oldV, p.diff.newV, p.diff.basis.Text)
	}
}

func TestDiffTabOneVersion(t *testing.T) {
	u := draftsUI(t, "approver1")
	p := openDraft(t, u, demoTier1)
	p.show(tabDiff)
	if label(t, u, L("diff.one_version")) == nil {
		t.Error("a draft with one version does not say there is nothing to compare")
	}
}

// longVersions makes two 100,000-character texts with 1% of the
// paragraphs changed, from the samples.
func longVersions(b *testing.B) (string, string) {
	var paras []string
	samples, _ := filepath.Glob("../testdata/samples/*.txt")
	for n := 0; n < 100_000; {
		for _, f := range samples {
			data, _ := os.ReadFile(f)
			for _, line := range strings.Split(string(data), "\n") {
				if line = strings.TrimSpace(line); line != "" && n < 100_000 {
					paras = append(paras, line)
					n += len([]rune(line)) + 1
				}
			}
		}
	}
	old := strings.Join(paras, "\n")
	for i := 0; i < len(paras); i += 100 {
		rs := []rune(paras[i])
		paras[i] = string(rs[:len(rs)/2]) + "（此处有修改）" + string(rs[len(rs)/2:])
	}
	return old, strings.Join(paras, "\n")
}

// BenchmarkDiffTab100k: target under 0.5 s from opening the 修订 tab of a
// 100,000-character draft with 1% of its paragraphs changed to its first
// frame painted, both versions read from the workspace and diffed.
func BenchmarkDiffTab100k(b *testing.B) {
	u := draftsUI(b, "author")
	old, revised := longVersions(b)
	channels, _ := u.ws.Drafts.Channels(u.ctx())
	id, err := u.ws.Drafts.Create(u.ctx(), u.sess, drafts.NewDraft{Title: "长稿", ChannelID: channels[0].ID, Grade: "B",
		Kind: drafts.Original, File: drafts.Source{Data: []byte(old)}})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := u.ws.Drafts.Revise(u.ctx(), u.sess, id, 1, drafts.Source{Data: []byte(revised)}); err != nil {
		b.Fatal(err)
	}
	p := openID(u, id)
	u.win.Resize(fyne.NewSize(1280, 800))
	start := cpuTime()
	for b.Loop() {
		p.built[tabDiff] = false
		p.show(tabDiff)
		u.win.Canvas().Capture()
	}
	// On a machine shared with other work the wall time says little; the
	// process's CPU time per tab is what the target is about.
	b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(len(p.diff.view.changes)), "changes")
	b.ReportMetric(float64(len(p.diff.view.rows)), "rows")
}
