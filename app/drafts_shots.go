//go:build shots

package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"shenfa/review/drafts"
)

// scriptActions lets screenshot scripts (shots.go) open a task:
//
//	action task N       open the N-th task of the inbox
//	action draft TITLE  open the task of the draft with that title
func (s *inboxScreen) scriptActions() (fyne.CanvasObject, map[string]func(string) error) {
	return s.summary, map[string]func(string) error{
		"draft": func(title string) error {
			for _, r := range s.rows {
				if r.task != nil && r.task.Draft.Title == title {
					s.open(r.task.Draft.ID)
					return nil
				}
			}
			return fmt.Errorf("no task of the inbox is titled %q", title)
		},
		"task": func(arg string) error {
			n := 0
			for _, r := range s.rows {
				if r.task != nil {
					n++
				}
			}
			i, err := scriptIndex(arg, n)
			if err == nil {
				s.list.Select(s.taskIndex(i + 1))
			}
			return err
		},
	}
}

// scriptActions lets screenshot scripts open and create drafts:
//
//	action draft TITLE             open the draft with that title
//	action new TITLE|GRADE|TEXT[|PLANNED]  create a draft through the 新建稿件 dialog (TEXT pasted;
//	                               PLANNED as YYYY-MM-DD HH:MM)
func (s *draftsScreen) scriptActions() (fyne.CanvasObject, map[string]func(string) error) {
	return s.pageInfo, map[string]func(string) error{
		"draft": func(title string) error {
			ds, _, err := s.u.ws.Drafts.List(s.u.ctx(), s.u.sess, drafts.Filter{Title: title})
			for _, d := range ds {
				if d.Title == title {
					s.open(d.ID)
					return nil
				}
			}
			if err == nil {
				err = fmt.Errorf("no draft is titled %q", title)
			}
			return err
		},
		"new": func(arg string) error {
			parts := strings.SplitN(arg, "|", 4)
			if len(parts) < 3 {
				return errors.New("want TITLE|GRADE|TEXT[|PLANNED]")
			}
			s.form = s.u.newDraftDialog(s.created)
			f := s.form
			f.title.SetText(parts[0])
			f.channel.SetSelectedIndex(0)
			for i, g := range f.grades {
				if g.ID == parts[1] {
					f.grade.SetSelectedIndex(i)
				}
			}
			f.source.paste.SetText(parts[2])
			if len(parts) == 4 {
				f.planned.SetText(parts[3])
			}
			f.dialog.ok.OnTapped()
			if f.dialog.message.Visible() {
				return errors.New(f.dialog.message.Text)
			}
			return nil
		},
	}
}

// draftTabNames are the draft page's tabs by the names scripts use.
var draftTabNames = []string{tabText: "text", tabDiff: "diff", tabApprovals: "approvals", tabComments: "comments", tabFiles: "files"}

// scriptActions lets screenshot scripts act on the draft page on view:
//
//	action tab text|diff|approvals|comments|files
//	action revise TEXT      import TEXT as a new version (修订)
//	action submit           submit the current version (提交审核, confirmed)
//	action sign             open the sign-off dialog
//	action phrase N         fill the opinion with the N-th common phrase
//	action ack-all          tick every acknowledgement in the sign-off dialog
//	action checklist 是|否   answer every checklist item
//	action basis TEXT       the 依据和理由
//	action password PW      type the password into the sign-off dialog
//	action finding N        select the N-th finding of the 正文 tab
//	action next             jump to the next change on the 修订 tab
//	action verify           press 校验签署 on the 审批 tab
func (p *draftPage) scriptActions() (fyne.CanvasObject, map[string]func(string) error) {
	dialog := func() (*signOffDialog, error) {
		if p.signoff == nil {
			return nil, errors.New("no sign-off dialog is open (action sign)")
		}
		return p.signoff, nil
	}
	return p.title, map[string]func(string) error{
		"tab": func(arg string) error {
			i := slices.Index(draftTabNames, arg)
			if i < 0 {
				return fmt.Errorf("want one of %s, not %q", strings.Join(draftTabNames, ", "), arg)
			}
			p.show(i)
			return nil
		},
		"revise": func(text string) error {
			d := p.reviseDialog()
			top := p.u.win.Canvas().Overlays().Top()
			e := findObject(top, func(o fyne.CanvasObject) bool { x, ok := o.(*widget.Entry); return ok && x.MultiLine })
			if e == nil {
				return errors.New("the revise dialog has no text field")
			}
			e.(*widget.Entry).SetText(text)
			d.ok.OnTapped()
			return messageErr(d.message)
		},
		"submit": func(string) error { return p.u.ws.Drafts.Submit(p.u.ctx(), p.u.sess, p.id, p.d.Version) },
		"sign": func(string) error {
			if !p.rights.sign {
				return errors.New("the user may not sign this draft now")
			}
			p.signDialog()
			return nil
		},
		"phrase": func(arg string) error {
			s, err := dialog()
			if err != nil {
				return err
			}
			i, err := scriptIndex(arg, len(s.phrases.Options))
			if err == nil {
				s.phrases.SetSelectedIndex(i)
			}
			return err
		},
		"ack-all": func(string) error {
			s, err := dialog()
			for _, a := range s.acksOrNil(err) {
				a.check.SetChecked(true)
			}
			return err
		},
		"checklist": func(arg string) error {
			s, err := dialog()
			if err != nil {
				return err
			}
			for _, a := range s.answers {
				a.SetSelected(arg)
			}
			return nil
		},
		"basis": func(text string) error {
			s, err := dialog()
			if err == nil {
				s.basis.SetText(text)
			}
			return err
		},
		"password": func(pw string) error {
			s, err := dialog()
			if err == nil {
				s.password.SetText(pw)
			}
			return err
		},
		"finding": func(arg string) error {
			p.show(tabText)
			i, err := scriptIndex(arg, len(p.text.list.shown))
			if err == nil {
				p.text.list.list.Select(i)
			}
			return err
		},
		"next": func(string) error {
			p.show(tabDiff)
			p.diff.jump(1)
			return nil
		},
		"verify": func(string) error {
			p.show(tabApprovals)
			p.timeline.verifyAndShow()
			return nil
		},
	}
}

func (s *signOffDialog) acksOrNil(err error) []*ackRow {
	if err != nil {
		return nil
	}
	return s.acks
}

// messageErr is a dialog's refusal as an error, nil when it shows none.
func messageErr(l *widget.Label) error {
	if l.Visible() {
		return errors.New(l.Text)
	}
	return nil
}
