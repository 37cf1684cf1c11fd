package app

import (
	"io"
	"strings"

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

// packageView imports a signed lexicon package: it shows whether the
// package verifies against the trusted publishers and, when it does, what
// its lexicons would change, to be accepted in whole or part. A package
// that fails is explained and nothing of it is stored.
type packageView struct {
	s       *lexiconsScreen
	result  *widget.Label
	icon    *widget.Icon
	files   *widget.Label
	changes *fyne.Container
	view    fyne.CanvasObject
}

func newPackageView(s *lexiconsScreen) *packageView {
	v := &packageView{s: s, result: widget.NewLabel(i18n.L("lexicons.package_hint")), icon: widget.NewIcon(theme.InfoIcon()),
		files: widget.NewLabel(""), changes: container.NewStack()}
	v.result.Wrapping, v.files.Wrapping = wrapping(), wrapping()
	v.files.Hide()
	open := widget.NewButtonWithIcon(i18n.L("lexicons.open_package"), theme.FolderOpenIcon(), v.openDialog)
	open.Importance = widget.HighImportance
	top := container.NewVBox(container.NewHBox(open), container.NewBorder(nil, nil, container.NewVBox(v.icon), nil, v.result), v.files)
	v.view = container.NewBorder(top, nil, nil, nil, v.changes)
	return v
}

func (v *packageView) openDialog() {
	v.s.u.touch()
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			v.s.done(err, "")
			return
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, slx.MaxSize+1))
		if err != nil {
			v.s.done(i18n.Errorf("lexicons.unreadable", map[string]any{"File": r.URI().Name()}), "")
			return
		}
		v.open(r.URI().Name(), data)
	}, v.s.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{slx.Ext}))
	d.Resize(fyne.NewSize(820, 560))
	d.Show()
}

// open verifies the package in data (from the file called name) and shows
// the result; a verified package's changes come next, for secadmin to
// accept.
func (v *packageView) open(name string, data []byte) {
	var p *slx.Package
	var ups []lexicons.Update
	store, ctx, sess := v.s.u.ws.Lexicons, v.s.u.ctx(), v.s.u.sess
	v.s.working(func() error {
		var err error
		if p, err = store.VerifyPackage(ctx, sess, data); err == nil {
			ups, err = store.PackageUpdates(ctx, sess, p)
		}
		return err
	}, func(err error) {
		v.s.u.touch()
		v.changes.Objects = nil
		v.changes.Refresh()
		if err != nil {
			v.refused(name, p, err)
			return
		}
		v.verified(name, p, ups)
	})
}

// refused explains why the package was not accepted. p is set when the
// signature verified but the workspace cannot take the package.
func (v *packageView) refused(name string, p *slx.Package, err error) {
	v.icon.SetResource(theme.ErrorIcon())
	v.result.Importance = widget.DangerImportance
	key := "lexicons.package_refused"
	if p != nil {
		key = "lexicons.package_not_applicable"
	}
	v.result.SetText(i18n.L(key, map[string]any{"File": name, "Reason": i18n.Message(err)}))
	v.files.Hide()
}

// verified shows who signed the package and what it holds, and offers its
// changes.
func (v *packageView) verified(name string, p *slx.Package, ups []lexicons.Update) {
	v.icon.SetResource(theme.ConfirmIcon())
	v.result.Importance = widget.SuccessImportance
	v.result.SetText(i18n.L("lexicons.package_verified", map[string]any{"File": name, "Publisher": p.Publisher,
		"Trusted": p.Trusted, "Version": p.Version, "Date": p.Date, "Fingerprint": groupHex(p.Key)}))
	var files []string
	for _, f := range p.Files {
		files = append(files, i18n.L("lexicons.package_file", map[string]any{"Name": f.Name, "Size": f.Size, "SM3": f.SM3[:16]}))
	}
	v.files.SetText(strings.Join(files, "\n"))
	v.files.Show()
	u := newUpdatesView(v.s, func(chosen []lexicons.Update) error {
		return v.s.u.ws.Lexicons.ApplyPackage(v.s.u.ctx(), v.s.u.sess, p, chosen)
	})
	u.empty.SetText(i18n.L("lexicons.package_no_changes"))
	u.after = func() {
		v.result.SetText(i18n.L("lexicons.package_imported", map[string]any{"File": name, "Publisher": p.Trusted,
			"Version": p.Version}))
		v.changes.Objects = nil
		v.changes.Refresh()
	}
	u.show(ups)
	v.changes.Objects = []fyne.CanvasObject{u.view}
	v.changes.Refresh()
}

// groupHex writes a fingerprint in groups of four digits, to read aloud
// and compare with what the publisher gave by telephone or letter.
func groupHex(fp string) string {
	var b strings.Builder
	for i := 0; i < len(fp); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(fp[i:min(i+4, len(fp))])
	}
	return b.String()
}
