package check

import (
	"fmt"
	"strconv"
	"strings"

	"shenfa/review/audit"
	"shenfa/review/drafts"
)

// events checks that the audit trail holds the record's history: the
// draft's creation and submission, a row for every sign-off with the SM3 of
// its statement, the publication if it was published, and the sealing.
func events(s *stored, t *trail, is *items) {
	const id, name = "events", "审计记录中的审查历程"
	target := "draft " + strconv.FormatInt(s.DraftID, 10)
	rows := t.about(target)
	has := func(action, detailPart string) bool {
		for _, r := range rows {
			if r.Action == action && strings.Contains(r.Detail, detailPart) {
				return true
			}
		}
		return false
	}
	var missing []string
	if !has(drafts.ActionDraftCreate, "") {
		missing = append(missing, "稿件创建")
	}
	if !has(drafts.ActionDraftSubmit, "") {
		missing = append(missing, "提交审核")
	}
	signoffs := 0
	if m := s.Manifest; m != nil {
		for _, so := range m.SignOffs {
			if !has(drafts.ActionSignOff, "statement-sm3 "+drafts.SM3([]byte(so.Statement))) {
				missing = append(missing, fmt.Sprintf("第 %d 次签署（%s %s）", so.Seq, so.StepLabel, so.Signer.FullName))
				continue
			}
			signoffs++
		}
		if m.Published != nil && !has(drafts.ActionPublish, "") {
			missing = append(missing, "发布登记")
		}
	}
	if len(sealRows(s, t)) == 0 {
		missing = append(missing, "归档")
	}
	if len(missing) > 0 {
		is.add(Authenticity, id, name, Fail, "审计记录中缺少："+strings.Join(missing, "、")+"。")
		return
	}
	is.add(Authenticity, id, name, Pass, fmt.Sprintf("创建、提交、%d 次签署和归档在审计记录中均有记载。", signoffs))
}

// auditChain checks that the audit chain verifies up to the head recorded
// at sealing, and that the row at that place still has the recorded hash:
// rows removed or rewritten before the sealing cannot go unnoticed.
func auditChain(s *stored, t *trail, is *items) {
	const id, name = "audit-chain", "审计链（至归档时的链头）"
	head := s.AuditHead
	if m := s.Manifest; m != nil && (m.AuditHead.Seq != s.AuditSeq || m.AuditHead.Hash != s.AuditHead) {
		is.add(Authenticity, id, name, Fail, "记录中的审计链头与清单所记的不同。")
		return
	}
	if !t.verify.OK && t.verify.FirstBad <= s.AuditSeq {
		is.add(Authenticity, id, name, Fail, fmt.Sprintf("审计链在第 %d 条处断开（%s），早于本件归档时的链头（第 %d 条）。",
			t.verify.FirstBad, t.verify.Reason, s.AuditSeq))
		return
	}
	if s.AuditSeq == 0 {
		if head != audit.Genesis {
			is.add(Authenticity, id, name, Fail, "归档时的链头无效。")
			return
		}
	} else if r, ok := t.at(s.AuditSeq); !ok || r.Hash != head {
		is.add(Authenticity, id, name, Fail, fmt.Sprintf("审计链第 %d 条的哈希不是归档时记录的链头：此前的审计记录被改写或删除。", s.AuditSeq))
		return
	}
	is.add(Authenticity, id, name, Pass, fmt.Sprintf("审计链自第 1 条至归档时的链头（第 %d 条，%s）完好。", s.AuditSeq, short(head)))
}
