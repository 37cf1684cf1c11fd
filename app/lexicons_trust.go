package app

import (
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/lexicons"
	"shenfa/review/lexicons/slx"
)

// trustView lists the publishers whose signed packages the workspace
// accepts, and adds one from its public-key file or removes one. The store
// authorises and audits both.
type trustView struct {
	s        *lexiconsScreen
	list     []lexicons.Publisher
	table    *widget.Table
	selected int
	remove   *widget.Button
	full     *widget.Label // the selected key's whole fingerprint
	view     fyne.CanvasObject
}

var trustHeads = []string{"lexicons.col_publisher", "lexicons.col_fingerprint", "lexicons.col_added", "lexicons.col_added_by"}

func newTrustView(s *lexiconsScreen) *trustView {
	v := &trustView{s: s, selected: -1, full: widget.NewLabel("")}
	v.full.Wrapping = fyne.TextWrapWord
	v.table = widget.NewTableWithHeaders(func() (int, int) { return len(v.list), len(trustHeads) },
		func() fyne.CanvasObject { return cellLabel() },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(v.cell(id)) })
	v.table.UpdateHeader = headerUpdater(trustHeads)
	v.table.ShowHeaderColumn = false
	for i, w := range []float32{200, 400, 160, 90} {
		v.table.SetColumnWidth(i, w)
	}
	v.table.OnSelected = func(id widget.TableCellID) {
		v.s.u.touch()
		v.selected = id.Row
		on := v.selected >= 0 && v.selected < len(v.list)
		setEnabled(v.remove, on)
		if on {
			p := v.list[v.selected]
			v.full.SetText(p.Name + "  " + i18n.L("lexicons.col_fingerprint") + "：" + groupHex(p.Key))
		}
	}
	add := widget.NewButtonWithIcon(i18n.L("lexicons.trust_add"), theme.ContentAddIcon(), v.openDialog)
	add.Importance = widget.HighImportance
	v.remove = widget.NewButtonWithIcon(i18n.L("lexicons.trust_remove"), theme.DeleteIcon(), v.removeSelected)
	v.remove.Importance = widget.DangerImportance
	hint := widget.NewLabel(i18n.L("lexicons.trust_hint"))
	hint.Wrapping = wrapping()
	v.view = container.NewBorder(container.NewVBox(container.NewHBox(add, v.remove), hint), v.full, nil, nil, v.table)
	v.reload()
	return v
}

func (v *trustView) cell(id widget.TableCellID) string {
	if id.Row >= len(v.list) {
		return ""
	}
	p := v.list[id.Row]
	switch id.Col {
	case 0:
		return p.Name
	case 1:
		return groupHex(p.Key)
	case 2:
		return p.AddedAt.Local().Format(time.DateTime)
	}
	return p.AddedBy
}

// reload reads the trusted publishers again.
func (v *trustView) reload() {
	list, err := v.s.u.ws.Lexicons.Trusted(v.s.u.ctx(), v.s.u.sess)
	if err != nil {
		showError(v.s.message, err)
	}
	v.list, v.selected = list, -1
	v.full.SetText("")
	v.table.UnselectAll()
	v.table.Refresh()
	setEnabled(v.remove, false)
}

func (v *trustView) openDialog() {
	v.s.u.touch()
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			v.s.done(err, "")
			return
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, 64<<10))
		if err != nil {
			v.s.done(i18n.Errorf("lexicons.unreadable", map[string]any{"File": r.URI().Name()}), "")
			return
		}
		v.addDialog(r.URI().Name(), data)
	}, v.s.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pub", ".pem"}))
	d.Resize(fyne.NewSize(820, 560))
	d.Show()
}

// addDialog shows the key's fingerprint, to be compared with the one the
// publisher gave by another way, and asks for the publisher's name.
func (v *trustView) addDialog(file string, data []byte) {
	_, der, err := slx.ParsePublicKey(data)
	if err != nil {
		v.s.done(err, "")
		return
	}
	name := widget.NewEntry()
	name.SetPlaceHolder(i18n.L("lexicons.publisher_hint"))
	fp := widget.NewLabel(groupHex(slx.Fingerprint(der)))
	fp.Wrapping = fyne.TextWrapWord
	check := widget.NewLabel(i18n.L("lexicons.trust_compare"))
	check.Wrapping = wrapping()
	check.Importance = widget.WarningImportance
	items := []*widget.FormItem{formRow(i18n.L("lexicons.file"), widget.NewLabel(file)),
		formRow(i18n.L("lexicons.col_fingerprint"), fp), formRow("", check),
		formRow(i18n.L("lexicons.col_publisher"), name)}
	d := dialog.NewForm(i18n.L("lexicons.trust_add"), i18n.L("lexicons.trust_confirm"), i18n.L("action.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		p, err := v.s.u.ws.Lexicons.Trust(v.s.u.ctx(), v.s.u.sess, data, name.Text)
		v.s.done(err, i18n.L("lexicons.trusted_ok", map[string]any{"Name": p.Name}))
		v.reload()
	}, v.s.u.win)
	d.Resize(fyne.NewSize(620, 0))
	d.Show()
}

func (v *trustView) removeSelected() {
	if v.selected < 0 || v.selected >= len(v.list) {
		return
	}
	p := v.list[v.selected]
	v.s.confirm(i18n.L("lexicons.confirm_untrust", map[string]any{"Name": p.Name, "Fingerprint": groupHex(p.Key)[:19]}), func() {
		_, err := v.s.u.ws.Lexicons.Untrust(v.s.u.ctx(), v.s.u.sess, p.Key)
		v.s.done(err, i18n.L("lexicons.untrusted_ok", map[string]any{"Name": p.Name}))
		v.reload()
	})
}
