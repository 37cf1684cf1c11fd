package check

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"shenfa/review/drafts"
	"shenfa/review/policy"
)

// integrity adds the 完整性 items.
func (c *Checker) integrity(ctx context.Context, s *stored, is *items) {
	parts(s, is)
	m := s.Manifest
	if m == nil {
		why := "清单（manifest）无法读取，无法核对。"
		is.add(Integrity, "versions", "版本齐全", Fail, why)
		is.add(Integrity, "metadata", "元数据完整", Fail, why)
		is.add(Integrity, "counts", "数量一致", Fail, why)
		return
	}
	versions(s, is)
	metadata(s, is)
	c.counts(ctx, s, is)
}

// parts checks that the record has every part: PDF, manifest, text, file.
func parts(s *stored, is *items) {
	var missing []string
	if len(s.PDF) == 0 || !bytes.HasPrefix(s.PDF, []byte("%PDF-")) {
		missing = append(missing, "PDF")
	}
	if len(s.ManifestRaw) == 0 {
		missing = append(missing, "清单")
	} else if s.Manifest == nil {
		missing = append(missing, "清单（无法读取："+s.ManifestErr.Error()+"）")
	}
	if s.Text == "" {
		missing = append(missing, "定稿正文")
	}
	if len(s.File) == 0 {
		missing = append(missing, "定稿原件")
	}
	if len(s.Versions) == 0 {
		missing = append(missing, "版本")
	}
	if len(missing) > 0 {
		is.add(Integrity, "parts", "组成部分齐全", Fail, "缺少："+strings.Join(missing, "、")+"。")
		return
	}
	is.add(Integrity, "parts", "组成部分齐全", Pass, fmt.Sprintf("PDF（%s）、清单、定稿正文、定稿原件（%s）和 %d 个版本俱在。",
		size(len(s.PDF)), size(len(s.File)), len(s.Versions)))
}

// versions compares the stored versions with the manifest's list.
func versions(s *stored, is *items) {
	m := s.Manifest
	rows := map[int]storedVersion{}
	for _, v := range s.Versions {
		rows[v.Number] = v
	}
	var bad []string
	for _, mv := range m.Versions {
		v, ok := rows[mv.Number]
		switch {
		case !ok:
			bad = append(bad, fmt.Sprintf("第 %d 版缺失", mv.Number))
			continue
		case drafts.SM3([]byte(v.Text)) != mv.TextSM3:
			bad = append(bad, fmt.Sprintf("第 %d 版正文与清单中的 SM3 不符", mv.Number))
		case drafts.SM3(v.File) != mv.FileSM3:
			bad = append(bad, fmt.Sprintf("第 %d 版原件与清单中的 SM3 不符", mv.Number))
		case v.FileName != mv.FileName:
			bad = append(bad, fmt.Sprintf("第 %d 版原件的文件名与清单不符", mv.Number))
		}
		delete(rows, mv.Number)
	}
	for n := range rows {
		bad = append(bad, fmt.Sprintf("存有清单中没有的第 %d 版", n))
	}
	if len(bad) > 0 {
		slices.Sort(bad)
		is.add(Integrity, "versions", "版本齐全", Fail, strings.Join(bad, "；")+"。")
		return
	}
	is.add(Integrity, "versions", "版本齐全", Pass, fmt.Sprintf("%d 个版本的正文和原件俱在，均与清单中的 SM3 一致。", len(m.Versions)))
}

// metadata checks the descriptive fields an archivist files the record by,
// in the manifest and in the record's own columns.
func metadata(s *stored, is *items) {
	m := s.Manifest
	var missing, differ []string
	need := func(label, v string) {
		if strings.TrimSpace(v) == "" {
			missing = append(missing, label)
		}
	}
	need("档号", m.Code)
	need("题名", m.Title)
	need("保管期限", m.Retention)
	need("渠道", m.Channel.Name)
	need("分级", m.Grade.ID)
	need("撰稿人", m.Author.Name)
	need("归档人", m.Archivist.Name)
	if m.SealedAt.IsZero() {
		missing = append(missing, "归档时间")
	}
	if m.Retention != "" && !policy.Retention(m.Retention).Valid() {
		differ = append(differ, "保管期限代码 "+m.Retention+" 无效")
	}
	same := func(label, a, b string) {
		if a != b {
			differ = append(differ, label)
		}
	}
	same("档号", s.Code, m.Code)
	same("题名", s.Title, m.Title)
	same("保管期限", s.Retention, m.Retention)
	same("分级", s.Grade, m.Grade.ID)
	same("撰稿人", s.Author, m.Author.Name)
	same("归档人", s.Archivist, m.Archivist.Name)
	same("归档时间", s.SealedAt, m.SealedAt.UTC().Format(time.RFC3339))
	if s.Year != m.Year {
		differ = append(differ, "年度")
	}
	var bad []string
	if len(missing) > 0 {
		bad = append(bad, "缺少："+strings.Join(missing, "、"))
	}
	if len(differ) > 0 {
		bad = append(bad, "记录与清单不一致："+strings.Join(differ, "、"))
	}
	if len(bad) > 0 {
		is.add(Integrity, "metadata", "元数据完整", Fail, strings.Join(bad, "；")+"。")
		return
	}
	is.add(Integrity, "metadata", "元数据完整", Pass, fmt.Sprintf("档号 %s、题名、保管期限 %s、渠道 %s、分级 %s、撰稿人 %s、归档时间和归档人 %s 齐全且一致。",
		m.Code, m.Retention, m.Channel.Name, m.Grade.ID, m.Author.FullName, m.Archivist.FullName))
}

// counts checks the numbers that must agree: versions, sign-offs (against
// the draft's own sign-offs and the steps its grade needs) and characters.
func (c *Checker) counts(ctx context.Context, s *stored, is *items) {
	m := s.Manifest
	var bad []string
	if len(m.Versions) != m.FinalVersion {
		bad = append(bad, fmt.Sprintf("清单列出 %d 个版本，定稿却是第 %d 版", len(m.Versions), m.FinalVersion))
	}
	var n int
	if err := c.db.QueryRowContext(ctx, `SELECT count(*) FROM signoffs WHERE draft_id = ?`, s.DraftID).Scan(&n); err != nil {
		bad = append(bad, "稿件的签署无法读取")
	} else if n != len(m.SignOffs) {
		bad = append(bad, fmt.Sprintf("清单列出 %d 次签署，稿件有 %d 次", len(m.SignOffs), n))
	}
	if why := c.stepsCovered(ctx, s); why != "" {
		bad = append(bad, why)
	}
	if chars := utf8.RuneCountInString(s.Text); chars != m.Chars {
		bad = append(bad, fmt.Sprintf("清单记字数 %d，正文有 %d 字", m.Chars, chars))
	}
	if len(bad) > 0 {
		is.add(Integrity, "counts", "数量一致", Fail, strings.Join(bad, "；")+"。")
		return
	}
	current := 0
	for _, so := range m.SignOffs {
		if so.Current {
			current++
		}
	}
	is.add(Integrity, "counts", "数量一致", Pass, fmt.Sprintf("%d 个版本、%d 次签署（其中 %d 次构成审批，覆盖分级要求的全部环节）、%d 字，均相符。",
		len(m.Versions), len(m.SignOffs), current, m.Chars))
}

// stepsCovered says which step of the grade's policy lacks a sign-off the
// approval rests on, or "".
func (c *Checker) stepsCovered(ctx context.Context, s *stored) string {
	m := s.Manifest
	var pid int64
	if err := c.db.QueryRowContext(ctx, `SELECT policy_id FROM drafts WHERE id = ?`, s.DraftID).Scan(&pid); err != nil {
		return "稿件的审核策略无法读取"
	}
	p, err := policy.Load(ctx, c.db, policy.ID(pid))
	if err != nil {
		return "稿件的审核策略无法读取"
	}
	if p.Name != m.Policy.Name || p.Version != m.Policy.Version {
		return "清单所记的审核策略与稿件的不同"
	}
	steps, err := p.Steps(m.Grade.ID)
	if err != nil {
		return "分级 " + m.Grade.ID + " 不在审核策略中"
	}
	var got []string
	for _, so := range m.SignOffs {
		if so.Current {
			got = append(got, so.Step)
		}
	}
	want := make([]string, len(steps))
	for i, st := range steps {
		want[i] = string(st)
	}
	if !slices.Equal(got, want) {
		return fmt.Sprintf("构成审批的签署环节为 %s，分级 %s 要求 %s", orNone(got), m.Grade.ID, strings.Join(want, "、"))
	}
	return ""
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "（无）"
	}
	return strings.Join(s, "、")
}

// size prints a byte count for people.
func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}
