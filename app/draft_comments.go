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

// draftComments is the 批注 tab: the threads shown on the current version
// (made on it, or carried to it from an earlier one) with their replies,
// and a form to comment on a span of the text. Fyne cannot select text in
// a list, so the user picks a paragraph and selects characters in a
// read-only entry holding it — or picks a finding to comment on.
type draftComments struct {
	p        *draftPage
	threads  []drafts.Comment
	box      *fyne.Container
	message  *widget.Label
	paras    []paragraph
	paraList *widget.List
	para     int // chosen paragraph, -1 for none
	text     *readOnlyEntry
	finding  *widget.Select
	span     [2]int // a finding's span when one was picked, else [-1, -1]
	body     *widget.Entry
	must     *widget.Check
	add      *widget.Button
}

// paragraph is a paragraph of the version's text, in code points.
type paragraph struct {
	start, end int
	text       string
}

// paragraphsOf splits text at line breaks, keeping code point offsets.
func paragraphsOf(text string) []paragraph {
	var ps []paragraph
	start := 0
	for _, line := range strings.Split(text, "\n") {
		n := len([]rune(line))
		ps = append(ps, paragraph{start, start + n, line})
		start += n + 1
	}
	return ps
}

func newDraftComments(p *draftPage) *draftComments {
	c := &draftComments{p: p, box: container.NewVBox(), message: errorLabel(), para: -1, span: [2]int{-1, -1},
		text: newReadOnlyEntry(), body: widget.NewMultiLineEntry()}
	c.paras = paragraphsOf(p.version.Text)
	c.paraList = widget.NewList(func() int { return len(c.paras) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(i18n.L("comments.paragraph", map[string]any{"N": i + 1, "Text": oneLine(c.paras[i].text, 60)}))
		})
	c.paraList.OnSelected = func(i widget.ListItemID) { c.choosePara(i) }
	var labels []string
	for _, f := range p.findings.Findings {
		labels = append(labels, findingLine(f))
	}
	c.finding = widget.NewSelect(labels, func(string) { c.chooseFinding(c.finding.SelectedIndex()) })
	c.finding.PlaceHolder = i18n.L("comments.on_finding")
	c.finding.Hidden = len(labels) == 0
	c.body.Wrapping = fyne.TextWrapBreak
	c.body.SetPlaceHolder(i18n.L("comments.body_hint"))
	c.body.SetMinRowsVisible(3)
	c.must = widget.NewCheck(i18n.L("comments.must"), nil)
	if !reviewer(p.u.sess.User) {
		c.must.Hide() // only an approver marks a comment 必须处理
	}
	c.add = widget.NewButtonWithIcon(i18n.L("comments.add"), theme.ContentAddIcon(), c.addComment)
	c.add.Importance = widget.HighImportance
	c.reload()
	return c
}

func (c *draftComments) object() fyne.CanvasObject {
	threads := container.NewBorder(c.message, nil, nil, nil, container.NewVScroll(container.NewPadded(c.box)))
	if !c.p.rights.comment {
		return threads
	}
	hint := widget.NewLabel(i18n.L("comments.select_hint"))
	hint.Wrapping = wrapping()
	form := container.NewVBox(widget.NewLabel(i18n.L("comments.new")), c.finding, hint, c.text, c.body,
		container.NewHBox(c.must, c.add))
	right := container.NewBorder(nil, form, nil, nil, c.paraList)
	split := container.NewHSplit(threads, right)
	split.Offset = 0.55
	return split
}

// reload reads the threads again.
func (c *draftComments) reload() {
	threads, err := c.p.u.ws.Drafts.Comments(c.p.u.ctx(), c.p.id, c.p.d.Version)
	showError(c.message, err)
	c.threads = threads
	c.box.Objects = nil
	if len(threads) == 0 {
		c.box.Add(widget.NewLabel(i18n.L("comments.none")))
	}
	for _, t := range threads {
		c.box.Add(c.threadCard(t))
	}
	c.box.Refresh()
}

// threadCard shows a thread: what it is on, who said what, and its replies;
// the opener may resolve it and anyone who may comment may reply.
func (c *draftComments) threadCard(t drafts.Comment) fyne.CanvasObject {
	head := i18n.L("comments.by", map[string]any{"Name": t.AuthorName, "User": t.Author, "Time": when(t.CreatedAt),
		"Version": t.Version})
	quote := wrappedLabel(i18n.L("comments.quote", map[string]any{"Text": oneLine(t.Quote, 80)}), widget.LowImportance)
	body := wrappedLabel(t.Body, widget.MediumImportance)
	items := container.NewVBox(quote, body)
	var flags []string
	if t.Must {
		flags = append(flags, i18n.L("comments.must_flag"))
	}
	if t.Changed {
		flags = append(flags, i18n.L("comments.changed"))
	}
	if !t.ResolvedAt.IsZero() {
		flags = append(flags, i18n.L("comments.resolved", map[string]any{"By": t.ResolvedBy, "Time": when(t.ResolvedAt)}))
	}
	if len(flags) > 0 {
		imp := widget.WarningImportance
		if !t.ResolvedAt.IsZero() {
			imp = widget.SuccessImportance
		}
		items.Add(wrappedLabel(strings.Join(flags, " · "), imp))
	}
	for _, r := range t.Replies {
		items.Add(wrappedLabel(i18n.L("comments.reply_line", map[string]any{"Name": r.AuthorName, "Time": when(r.CreatedAt),
			"Text": r.Body}), widget.MediumImportance))
	}
	if c.p.rights.comment {
		items.Add(c.replyRow(t))
	}
	return widget.NewCard("", head, items)
}

func (c *draftComments) replyRow(t drafts.Comment) fyne.CanvasObject {
	reply := widget.NewEntry()
	reply.SetPlaceHolder(i18n.L("comments.reply_hint"))
	send := widget.NewButton(i18n.L("comments.reply"), func() {
		c.p.u.touch()
		if strings.TrimSpace(reply.Text) == "" {
			showError(c.message, i18n.Errorf("comments.need_reply"))
			return
		}
		_, err := c.p.u.ws.Drafts.Reply(c.p.u.ctx(), c.p.u.sess, t.ID, reply.Text)
		c.done(err)
	})
	buttons := container.NewHBox(send)
	if t.ResolvedAt.IsZero() && t.Author == c.p.u.sess.User.Name {
		buttons.Add(widget.NewButtonWithIcon(i18n.L("comments.resolve"), theme.ConfirmIcon(), func() {
			c.p.u.touch()
			c.done(c.p.u.ws.Drafts.Resolve(c.p.u.ctx(), c.p.u.sess, t.ID))
		}))
	}
	return container.NewBorder(nil, nil, nil, buttons, reply)
}

// done shows an action's outcome; a success reloads the threads and the
// page, whose actions depend on open 必须处理 comments.
func (c *draftComments) done(err error) {
	showError(c.message, err)
	if err == nil {
		c.reload()
		c.p.u.countInbox()
	}
}

func (c *draftComments) choosePara(i int) {
	c.p.u.touch()
	if i < 0 || i >= len(c.paras) {
		return
	}
	c.para, c.span = i, [2]int{-1, -1}
	c.text.show(c.paras[i].text)
}

// chooseFinding comments on a finding: its paragraph is shown, its span used.
func (c *draftComments) chooseFinding(i int) {
	fs := c.p.findings.Findings
	if i < 0 || i >= len(fs) {
		return
	}
	f := fs[i]
	for pi, p := range c.paras {
		if f.Start >= p.start && f.Start <= p.end {
			c.paraList.Select(pi) // shows the paragraph, and forgets any span
			c.paraList.ScrollTo(pi)
			break
		}
	}
	c.span = [2]int{f.Start, f.End}
}

// chosenSpan is the span to comment on: the selected characters of the
// chosen paragraph, else a picked finding, else the whole paragraph.
func (c *draftComments) chosenSpan() (int, int, error) {
	if c.para < 0 {
		return 0, 0, i18n.Errorf("comments.need_span")
	}
	p := c.paras[c.para]
	if sel := c.text.SelectedText(); sel != "" {
		start := selectionStart([]rune(p.text), c.text.CursorTextOffset(), []rune(sel))
		return p.start + start, p.start + start + len([]rune(sel)), nil
	}
	if c.span[0] >= 0 {
		return c.span[0], c.span[1], nil
	}
	return p.start, p.end, nil
}

// selectionStart finds where a selection of sel begins, given the cursor
// at one of its ends (Fyne tells the cursor, not the selection's anchor).
func selectionStart(text []rune, cursor int, sel []rune) int {
	n := len(sel)
	if cursor-n >= 0 && cursor <= len(text) && string(text[cursor-n:cursor]) == string(sel) {
		return cursor - n
	}
	if cursor >= 0 && cursor+n <= len(text) && string(text[cursor:cursor+n]) == string(sel) {
		return cursor
	}
	if i := strings.Index(string(text), string(sel)); i >= 0 {
		return len([]rune(string(text)[:i]))
	}
	return 0
}

func (c *draftComments) addComment() {
	c.p.u.touch()
	start, end, err := c.chosenSpan()
	if err == nil && strings.TrimSpace(c.body.Text) == "" {
		err = i18n.Errorf("comments.need_body")
	}
	if err != nil {
		showError(c.message, err)
		return
	}
	_, err = c.p.u.ws.Drafts.AddComment(c.p.u.ctx(), c.p.u.sess, c.p.id, c.p.d.Version, start, end, c.body.Text,
		c.must.Checked && c.must.Visible())
	if err == nil {
		c.body.SetText("")
		c.must.SetChecked(false)
	}
	c.done(err)
}

// readOnlyEntry is an entry whose text can be selected and copied but not
// changed: the paragraph a comment is made on.
type readOnlyEntry struct {
	widget.Entry
	text string
}

func newReadOnlyEntry() *readOnlyEntry {
	e := &readOnlyEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapBreak
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder(i18n.L("comments.choose_paragraph"))
	e.SetMinRowsVisible(4)
	e.OnChanged = func(s string) { // a safety net for any edit path not closed below
		if s != e.text {
			e.SetText(e.text)
		}
	}
	return e
}

func (e *readOnlyEntry) show(text string) {
	e.text = text
	e.SetText(text)
}

// TypedRune ignores typing.
func (e *readOnlyEntry) TypedRune(rune) {}

// TypedKey lets the cursor and the selection move, nothing else.
func (e *readOnlyEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyHome, fyne.KeyEnd, fyne.KeyPageUp, fyne.KeyPageDown:
		e.Entry.TypedKey(k)
	}
}

// TypedShortcut allows copying and selecting all, not cutting or pasting.
func (e *readOnlyEntry) TypedShortcut(s fyne.Shortcut) {
	switch s.(type) {
	case *fyne.ShortcutCopy, *fyne.ShortcutSelectAll:
		e.Entry.TypedShortcut(s)
	}
}
