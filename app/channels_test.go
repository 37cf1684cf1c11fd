package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/drafts"
)

func TestChannelsScreen(t *testing.T) {
	u := draftsUI(t, "secadmin")
	if !anyAllowed(u.sess.User, destinationNamed(t, "channels").allow) {
		t.Fatal("secadmin does not see 发布渠道")
	}
	u.win.SetContent(u.channelsScreen())
	add := button(t, u, i18n.L("channels.add"))
	name := entry(t, u, i18n.L("channels.name_hint"))
	unit := entry(t, u, i18n.L("channels.unit_hint"))
	test.Type(name, "江城应急")
	test.Tap(add)
	if l := label(t, u, i18n.L("draft.missing", map[string]any{"Field": i18n.L("channels.col_platform")})); l == nil {
		t.Fatal("a missing platform is not explained")
	}
	find(t, u, func(e *widget.SelectEntry) bool { return true }).SetText("微博")
	test.Type(unit, "江城市应急管理局")
	test.Tap(add)
	cs, _ := u.ws.Drafts.Channels(u.ctx())
	if len(cs) != 5 || label(t, u, i18n.L("channels.added", map[string]any{"Name": "江城应急"})) == nil {
		t.Fatalf("channels %+v", cs)
	}
	test.Type(name, "江城发布")
	find(t, u, func(e *widget.SelectEntry) bool { return true }).SetText("微博")
	test.Type(unit, "某单位")
	test.Tap(add)
	if label(t, u, i18n.Message(drafts.ErrChannelTaken)) == nil {
		t.Fatal("a taken name is not explained")
	}
}

func destinationNamed(t *testing.T, key string) destination {
	for _, d := range destinations() {
		if d.key == key {
			return d
		}
	}
	t.Fatalf("no destination %s", key)
	return destination{}
}
