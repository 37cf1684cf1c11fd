package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/drafts"
)

// platforms are offered for a new channel; any other name may be typed.
var platforms = []string{"微信公众号", "微博", "抖音号", "头条号", "快手号", "视频号", "政府网站", "客户端"}

// channelsScreen is 发布渠道 (secadmin): the unit's publication channels,
// to which every draft belongs, and a form to add one.
type channelsScreen struct {
	u        *ui
	channels []drafts.Channel
	table    *widget.Table
	message  *widget.Label
	name     *widget.Entry
	platform *widget.SelectEntry
	unit     *widget.Entry
	added    *widget.Label
}

var channelColumns = []struct {
	key   string
	width float32
}{{"channels.col_name", 240}, {"channels.col_platform", 160}, {"channels.col_unit", 320}}

func (u *ui) channelsScreen() fyne.CanvasObject {
	s := &channelsScreen{u: u, message: errorLabel(), name: widget.NewEntry(), platform: widget.NewSelectEntry(platforms),
		unit: widget.NewEntry(), added: widget.NewLabel("")}
	s.added.Importance = widget.SuccessImportance
	s.added.Hide()
	s.name.SetPlaceHolder(i18n.L("channels.name_hint"))
	s.platform.SetPlaceHolder(i18n.L("channels.platform_hint"))
	s.unit.SetPlaceHolder(i18n.L("channels.unit_hint"))
	s.table = widget.NewTableWithHeaders(func() (int, int) { return len(s.channels), len(channelColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.cell(id)) })
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(i18n.L(channelColumns[id.Col].key))
		} else {
			o.(*widget.Label).SetText("")
		}
	}
	s.table.ShowHeaderColumn = false
	for i, c := range channelColumns {
		s.table.SetColumnWidth(i, c.width)
	}
	add := widget.NewButtonWithIcon(i18n.L("channels.add"), theme.ContentAddIcon(), s.add)
	add.Importance = widget.HighImportance
	form := widget.NewForm(formRow(i18n.L("channels.col_name"), s.name),
		formRow(i18n.L("channels.col_platform"), s.platform), formRow(i18n.L("channels.col_unit"), s.unit))
	card := widget.NewCard(i18n.L("channels.new"), i18n.L("channels.hint"),
		container.NewVBox(form, container.NewHBox(add), s.added))
	s.reload()
	top := container.NewVBox(heading(i18n.L("nav.channels")), s.message)
	return container.NewBorder(top, card, nil, nil, s.table)
}

func (s *channelsScreen) cell(id widget.TableCellID) string {
	if id.Row >= len(s.channels) {
		return ""
	}
	c := s.channels[id.Row]
	switch id.Col {
	case 0:
		return c.Name
	case 1:
		return c.Platform
	}
	return c.Unit
}

func (s *channelsScreen) reload() {
	cs, err := s.u.ws.Drafts.Channels(s.u.ctx())
	showError(s.message, err)
	s.channels = cs
	s.table.Refresh()
}

// add creates the channel; a missing field or a taken name is explained.
func (s *channelsScreen) add() {
	s.u.touch()
	s.added.Hide()
	c := drafts.Channel{Name: strings.TrimSpace(s.name.Text), Platform: strings.TrimSpace(s.platform.Text),
		Unit: strings.TrimSpace(s.unit.Text)}
	for _, f := range []struct{ value, key string }{{c.Name, "channels.col_name"}, {c.Platform, "channels.col_platform"},
		{c.Unit, "channels.col_unit"}} {
		if f.value == "" {
			showError(s.message, i18n.Errorf("draft.missing", map[string]any{"Field": i18n.L(f.key)}))
			return
		}
	}
	_, err := s.u.ws.Drafts.AddChannel(s.u.ctx(), s.u.sess, c)
	showError(s.message, err)
	if err != nil {
		return
	}
	s.name.SetText("")
	s.unit.SetText("")
	s.added.SetText(i18n.L("channels.added", map[string]any{"Name": c.Name}))
	s.added.Show()
	s.reload()
}
