package app

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/drafts"
)

// demoStart is the demo history's first moment: the workspace is seeded on
// a clock that ticks a second a call from here, so that markup masters show
// the same dates on every run and machine.
var demoStart = time.Date(2026, 11, 30, 1, 0, 0, 0, time.UTC)

var cst sync.Once

// draftsUI starts the interface on a demo workspace whose history has fixed
// times and planned publication dates, and signs name in.
func draftsUI(t testing.TB, name string) *ui {
	t.Helper()
	cst.Do(func() { time.Local = time.FixedZone("CST", 8*3600) })
	path := filepath.Join(t.TempDir(), "ws.db")
	w, err := review.Open(path, cheap)
	if err != nil {
		t.Fatal(err)
	}
	tick := demoStart
	w.Drafts.WithClock(func() time.Time { tick = tick.Add(time.Second); return tick })
	// the drafts screens' goldens show the demo's own drafts; the year of
	// history behind the statistics would only push them off the first page
	if err := w.SetupDemo(context.Background(), review.WithoutHistory()); err != nil {
		t.Fatal(err)
	}
	if _, err := w.DB.SQL.Exec(`UPDATE drafts SET planned_at = '2030-01-01T01:00:00Z'`); err != nil {
		t.Fatal(err)
	}
	w.Close()
	a := test.NewTempApp(t)
	u := newUI(a, path, cheap)
	a.Settings().SetTheme(variantTheme{Theme: newTheme(), variant: 0}) // dark, as golden files expect
	u.win.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(u.close)
	signInAs(t, u, name, passwordOf(name))
	eventually(t, "sign-in of "+name, func() bool { return u.sess != nil })
	return u
}

func passwordOf(name string) string {
	for _, a := range review.DemoAccounts {
		if a.Name == name {
			return a.Password
		}
	}
	return ""
}

// session signs a demo user in on the workspace directly, as another
// window or person would.
func session(t testing.TB, u *ui, name string) *account.Session {
	t.Helper()
	s, err := u.ws.Accounts.SignIn(u.ctx(), name, passwordOf(name))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// draftID finds a demo draft by its title.
func draftID(t testing.TB, u *ui, title string) int64 {
	t.Helper()
	ds, _, err := u.ws.Drafts.List(u.ctx(), u.sess, drafts.Filter{Title: title})
	if err != nil || len(ds) != 1 {
		t.Fatalf("draft %q: %d found, %v", title, len(ds), err)
	}
	return ds[0].ID
}

// The demo drafts the tests use, by title.
const (
	demoTier1    = "2026年度城乡居民医保参保缴费提醒"
	demoTier2    = "我市启动冬季安全生产大检查"
	demoSecrecy  = "关于网友反映老旧小区加装电梯问题的回复"
	demoTier3    = "江城市第十届全民读书节活动推介"
	demoReturned = "关于2026年度拟录用公务员名单的公示"
	demoApproved = "冬季供暖保障工作新闻通稿"
	demoHeld     = "重点项目建设进展情况通报"
	demoEditing  = "关于开展惠民消费券发放活动的预告"
	demoDone     = "关于春节期间政务服务大厅开放安排的通知"
)

// openDraft shows a draft's page in the window, as a row of a list would.
func openDraft(t testing.TB, u *ui, title string) *draftPage {
	t.Helper()
	p := newDraftPage(u, draftID(t, u, title), func() {})
	u.win.SetContent(p.object())
	return p
}

// actionButtons lists the labels of the page's action buttons.
func actionButtons(p *draftPage) []string {
	var out []string
	for _, o := range p.actions.Objects {
		if b, ok := o.(*widget.Button); ok {
			out = append(out, b.Text)
		}
	}
	return out
}

func readFixture(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// L is i18n.L for tables of expectations.
func L(key string) string { return i18n.L(key) }

// overlayLabel finds a visible label with text in the top dialog.
func overlayLabel(t *testing.T, u *ui, text string) *widget.Label {
	return findIn(t, overlay(t, u), func(l *widget.Label) bool { return l.Text == text && l.Visible() })
}
