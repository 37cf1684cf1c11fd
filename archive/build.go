package archive

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"

	"shenfa/archive/record"
	"shenfa/review/diff"
	"shenfa/review/drafts"
	"shenfa/review/policy"
	"shenfa/sensitive/importer"
)

// gather reads everything a record of the draft holds. The 档号 and the
// sealing details are filled in by the caller.
func (s *Store) gather(ctx context.Context, id int64) (*record.Contents, drafts.Draft, *policy.Policy, error) {
	d, err := s.drafts.Get(ctx, id)
	if err != nil {
		return nil, d, nil, err
	}
	p, err := policy.Load(ctx, s.db.SQL, policy.ID(d.PolicyID))
	if err != nil {
		return nil, d, nil, fmt.Errorf("policy of draft %d: %w", id, err)
	}
	m := &record.Manifest{Format: record.Format, Draft: d.ID, Title: d.Title, Kind: string(d.Kind),
		Channel: record.Channel{Name: d.Channel.Name, Platform: d.Channel.Platform, Unit: d.Channel.Unit},
		Author:  record.Person{Name: d.Author, FullName: d.AuthorName}, Policy: record.Policy{Name: p.Name, Version: p.Version},
		FinalVersion: d.Version, Fonds: p.Fonds}
	if g, err := p.Grade(d.Grade); err == nil {
		m.Grade, m.Retention = record.Grade{ID: g.ID, Label: g.Label}, string(g.Retention)
	}
	if d.Kind == drafts.Repost {
		m.Source = &record.Source{Name: d.Source.Name, Title: d.Source.Title, URL: d.Source.URL}
	}
	if !d.PlannedAt.IsZero() {
		m.PlannedAt = &d.PlannedAt
	}
	if d.Status == drafts.Published {
		m.Published = &record.Publication{At: d.PublishedAt, URL: d.PublishedURL}
	}
	c := &record.Contents{Manifest: m, Texts: map[int]string{}, Files: map[int][]byte{}}
	if err := s.gatherVersions(ctx, d, c); err != nil {
		return nil, d, nil, err
	}
	if err := s.gatherSignOffs(ctx, d, p, m); err != nil {
		return nil, d, nil, err
	}
	if err := s.gatherReview(ctx, d, m); err != nil {
		return nil, d, nil, err
	}
	err = s.db.SQL.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'workspace.id'`).Scan(&m.Workspace)
	return c, d, p, err
}

func (s *Store) gatherVersions(ctx context.Context, d drafts.Draft, c *record.Contents) error {
	infos, err := s.drafts.Versions(ctx, d.ID)
	if err != nil {
		return err
	}
	m := c.Manifest
	prev := ""
	for _, vi := range infos {
		v, err := s.drafts.Version(ctx, d.ID, vi.Number)
		if err != nil {
			return err
		}
		c.Texts[v.Number], c.Files[v.Number] = v.Text, v.File
		e := record.Version{Number: v.Number, Author: record.Person{Name: v.Author}, Time: v.CreatedAt, Note: v.Note,
			FileName: v.FileName, TextSM3: v.TextSM3, FileSM3: v.FileSM3, Chars: len([]rune(v.Text))}
		if v.Number > 1 {
			sum := diff.Compute(prev, v.Text).Summary()
			e.Changes, e.Inserted, e.Deleted = sum.Changes, sum.Inserted, sum.Deleted
		}
		prev = v.Text
		m.Versions = append(m.Versions, e)
		if v.Number == d.Version {
			c.Text, c.File = v.Text, v.File
			m.Chars, m.TextSM3, m.FileSM3, m.FileName = e.Chars, v.TextSM3, v.FileSM3, v.FileName
			m.Lexicons = lexiconsOf(v)
			m.Hidden = hiddenOf(v)
		}
	}
	return nil
}

func lexiconsOf(v drafts.Version) []record.Lexicon {
	var ls []record.Lexicon
	for _, l := range v.Check.Lexicons {
		ls = append(ls, record.Lexicon{Name: l.Name, Version: l.Version, Entries: l.Entries})
	}
	return ls
}

// hiddenOf lists what the final file holds beyond the visible body.
func hiddenOf(v drafts.Version) []record.Hidden {
	text := []rune(v.Text)
	var hs []record.Hidden
	for _, sec := range v.Report.Sections {
		if sec.Kind != importer.Body && sec.Start < sec.End && sec.End <= len(text) {
			hs = append(hs, record.Hidden{Kind: string(sec.Kind), Text: string(text[sec.Start:sec.End])})
		}
	}
	for _, mk := range v.Report.Marks {
		if mk.Kind == importer.Hidden && mk.Start < mk.End && mk.End <= len(text) {
			hs = append(hs, record.Hidden{Kind: string(mk.Kind), Text: string(text[mk.Start:mk.End])})
		}
	}
	return hs
}

// roles print a step's signer's function on the 审批表 (职务).
var roles = map[policy.Step]string{policy.Tier1: "初审人", policy.Tier2: "复审人", policy.Tier3: "终审人（签发人）", policy.Secrecy: "保密审查员"}

// meaning is a sign-off's 签署含义: 审核同意, 签发, 保密审查：公开 …
func meaning(step policy.Step, d drafts.Decision) string {
	decision := map[drafts.Decision]string{drafts.Approve: "同意", drafts.Return: "退回", drafts.Publish: "公开",
		drafts.Redact: "非密处理后公开", drafts.ExemptD: "免于公开", drafts.Escalate: "需报审"}[d]
	switch {
	case step == policy.Secrecy:
		return "保密审查：" + decision
	case step == policy.Tier3 && d == drafts.Approve:
		return "签发"
	}
	return step.Meaning() + decision
}

func (s *Store) gatherSignOffs(ctx context.Context, d drafts.Draft, p *policy.Policy, m *record.Manifest) error {
	sos, err := s.drafts.SignOffs(ctx, d.ID)
	if err != nil {
		return err
	}
	current := currentSignOffs(d, sos)
	for _, so := range sos {
		var pub []byte
		if err := s.db.SQL.QueryRowContext(ctx, `SELECT public_key FROM signing_keys WHERE id = ?`, so.KeyID).Scan(&pub); err != nil {
			return fmt.Errorf("key of sign-off %d: %w", so.Seq, err)
		}
		st, _ := drafts.ParseStatement(so.Statement)
		m.SignOffs = append(m.SignOffs, record.SignOff{Seq: so.Seq, Round: so.Round, Version: so.Version, Step: string(so.Step),
			StepLabel: so.Step.Label(), Meaning: meaning(so.Step, so.Decision), Decision: string(so.Decision), Opinion: so.Opinion,
			Signer: record.Person{Name: so.Signer, FullName: so.SignerName}, Role: roles[so.Step], Time: so.SignedAt,
			Key: st.Key, Statement: so.Statement, Signature: so.Signature, PublicKey: base64.StdEncoding.EncodeToString(pub),
			Current: slices.Contains(current, so.Seq)})
		if so.Step == policy.Secrecy && so.Decision != drafts.Return && slices.Contains(current, so.Seq) {
			m.Secrecy = secrecyOf(so)
		}
	}
	if len(sos) > 0 {
		m.Year = sos[len(sos)-1].SignedAt.Year()
	}
	return nil
}

// currentSignOffs are the seqs of the sign-offs the final approval rests on.
func currentSignOffs(d drafts.Draft, sos []drafts.SignOff) []int {
	var valid []drafts.SignOff
	for _, so := range sos {
		if so.Round != d.Round || so.Version != d.Version {
			continue
		}
		switch {
		case so.Decision == drafts.Approve || so.Decision == drafts.Publish:
			valid = append(valid, so)
		case so.Decision == drafts.Return && so.ReturnTo >= 0:
			for len(valid) > 0 && valid[len(valid)-1].StepIndex >= so.ReturnTo {
				valid = valid[:len(valid)-1]
			}
		}
	}
	seqs := make([]int, len(valid))
	for i, so := range valid {
		seqs[i] = so.Seq
	}
	return seqs
}

func secrecyOf(so drafts.SignOff) *record.Secrecy {
	var fs drafts.Findings
	if err := json.Unmarshal([]byte(so.Findings), &fs); err != nil || fs.Secrecy == nil {
		return nil
	}
	sec := &record.Secrecy{Decision: string(so.Decision), Basis: fs.Secrecy.Basis,
		Signer: record.Person{Name: so.Signer, FullName: so.SignerName}, Time: so.SignedAt}
	for i, item := range drafts.ChecklistItems {
		sec.Items = append(sec.Items, record.Answer{Item: item, Answer: i < len(fs.Secrecy.Answers) && fs.Secrecy.Answers[i]})
	}
	return sec
}

// gatherReview adds the final findings, the returns and the comments.
func (s *Store) gatherReview(ctx context.Context, d drafts.Draft, m *record.Manifest) error {
	fs, err := s.drafts.CurrentFindings(ctx, d.ID)
	if err != nil {
		return err
	}
	for _, f := range fs.Findings {
		rf := record.Finding{ID: f.ID, Start: f.Start, End: f.End, Text: f.Text, Category: string(f.Category),
			Severity: string(f.Severity), Rule: f.Rule, Message: f.Message, Suggestion: f.Suggestion}
		if f.Waived != nil {
			rf.Waived = &record.Disposition{Step: string(f.Waived.Step), By: f.Waived.By, Reason: f.Waived.Reason}
		}
		if f.Acked != nil {
			rf.Acked = &record.Disposition{Step: string(f.Acked.Step), By: f.Acked.By}
		}
		m.Findings = append(m.Findings, rf)
	}
	es, err := s.drafts.Events(ctx, d.ID)
	if err != nil {
		return err
	}
	for _, e := range es {
		if e.Kind == "return" || e.Kind == "redact" {
			m.Returns = append(m.Returns, record.Return{Round: e.Round, Step: string(e.Step), By: record.Person{Name: e.Actor},
				To: e.Target, Reason: e.Reason, Time: e.At})
		}
	}
	return s.gatherComments(ctx, d, m)
}

func (s *Store) gatherComments(ctx context.Context, d drafts.Draft, m *record.Manifest) error {
	seen := map[int64]bool{}
	for v := 1; v <= d.Version; v++ {
		cs, err := s.drafts.Comments(ctx, d.ID, v)
		if err != nil {
			return err
		}
		for _, c := range cs {
			if seen[c.ID] {
				continue
			}
			seen[c.ID] = true
			m.Comments = append(m.Comments, commentOf(c))
		}
	}
	return nil
}

func commentOf(c drafts.Comment) record.Comment {
	rc := record.Comment{ID: c.ID, Version: c.Version, Quote: c.Quote, Body: c.Body, Must: c.Must,
		Author: record.Person{Name: c.Author, FullName: c.AuthorName}, Time: c.CreatedAt, ResolvedBy: c.ResolvedBy}
	for _, r := range c.Replies {
		rc.Replies = append(rc.Replies, commentOf(r))
	}
	return rc
}
