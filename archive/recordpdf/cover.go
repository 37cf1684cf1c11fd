package recordpdf

import (
	"fmt"
	"strings"

	"shenfa/archive/record"
)

// Column widths of the cover's two-pair rows: label, value, label, value.
const (
	colL  = 24.0
	colV  = (contentW - 2*colL) / 2
	colVW = contentW - colL // a value spanning the row
)

// sections writes the parts of a record into its doc.
type sections struct {
	d  *doc
	m  *record.Manifest
	ck clock
	p  people
}

func (cv sections) pair(l1, v1, l2, v2 string) {
	cv.d.row([]cell{label(colL, l1), plain(colV, v1), label(colL, l2), plain(colV, v2)})
}

func (cv sections) wide(l, v string) {
	cv.d.row([]cell{label(colL, l), plain(colVW, v)})
}

func (cv sections) band(s string) {
	cv.d.row([]cell{{w: contentW, spans: []span{{text: s, col: black}}, center: true, fill: &shade, size: sizeSub}})
}

// approvalForm is page 1: the filled 信息发布审批表 (GUIDE §3.7).
func (cv sections) approvalForm() {
	d, m, ck, p := cv.d, cv.m, cv.ck, cv.p
	d.newPage()
	d.add(op{kind: opBookmark, text: "信息发布审批表", y: d.y})
	d.centered("信息发布审批表", sizeTitle, black)
	d.y += 2
	cv.pair("编号/档号", m.Code, "保管期限", or(retentionLabel, m.Retention))
	cv.pair("单位", m.Channel.Unit, "渠道/账号", channel(m.Channel))
	cv.pair("分级", grade(m.Grade), "字数", fmt.Sprintf("%d 字", m.Chars))
	cv.wide("标题", m.Title)
	cv.wide("信息来源", source(m))
	cv.pair("拟发布时间", ck.atPtr(m.PlannedAt), "撰稿人", p.person(m.Author))
	cv.wide("检查情况", checkSummary(m))
	cv.band("审批签署")
	w := []float64{18, 30, 24, 44, 27, 27}
	hdr := []string{"环节", "签署人／职务", "签署含义", "意见", "日期时间", "密钥指纹"}
	cells := make([]cell, len(w))
	for i := range w {
		cells[i] = label(w[i], hdr[i])
	}
	d.row(cells)
	n := 0
	for _, so := range m.SignOffs {
		if !so.Current {
			continue
		}
		n++
		d.row([]cell{label(w[0], or(stepLabel, so.Step)), plain(w[1], p.person(so.Signer)+"\n"+so.Role),
			plain(w[2], so.Meaning), plain(w[3], so.Opinion), plain(w[4], ck.at(so.Time)), plain(w[5], fingerprint(so.Key))})
	}
	if n == 0 {
		d.row([]cell{plain(contentW, "没有有效的签署。")})
	}
	cv.wide("退回记录", returns(m, p))
	cv.wide("保密审查结论", secrecyConclusion(m))
	pub, at, url := "否", "—", "—"
	if m.Published != nil {
		pub, at = "是", ck.at(m.Published.At)
		if m.Published.URL != "" {
			url = m.Published.URL
		}
	}
	cv.pair("是否发布", pub, "发布时间", at)
	cv.wide("发布链接", url)
	cv.wide("审计链头", fmt.Sprintf("第 %d 条  %s", m.AuditHead.Seq, m.AuditHead.Hash))
	cv.wide("归档", fmt.Sprintf("%s 由 %s 归档；审批依据策略“%s”%s；稿件编号 %d，定稿第 %d 版。",
		ck.at(m.SealedAt), p.person(m.Archivist), m.Policy.Name, m.Policy.Version, m.Draft, m.FinalVersion))
	d.y += 2
	d.text(fmt.Sprintf("注：表中时间为 %s。每项签署的声明全文、SM2 签名和公钥见本文件所附 manifest.json；"+
		"密钥指纹为签署公钥 SM3 值的前 8 位和后 8 位。", ck.zone(m.SealedAt)), sizeSmall, grey)
}

func channel(c record.Channel) string {
	if c.Platform == "" {
		return c.Name
	}
	return c.Name + "（" + c.Platform + "）"
}

func grade(g record.Grade) string {
	if g.Label == "" {
		return g.ID
	}
	if g.ID == "" || g.ID == g.Label {
		return g.Label
	}
	return g.Label + "（" + g.ID + "）"
}

func source(m *record.Manifest) string {
	if m.Kind != "repost" {
		return "原创"
	}
	s := "转载"
	if m.Source != nil {
		s += "：稿源 " + m.Source.Name
		if m.Source.Title != "" {
			s += "；原标题 " + m.Source.Title
		}
		if m.Source.URL != "" {
			s += "；原链接 " + m.Source.URL
		}
	}
	return s
}

func returns(m *record.Manifest, p people) string {
	var rs []string
	for _, r := range m.Returns {
		to := "撰稿人"
		if r.To != "author" && r.To != "" {
			to = or(stepLabel, r.To)
		}
		rs = append(rs, fmt.Sprintf("第 %d 轮 %s %s 退回至%s：%s", r.Round, or(stepLabel, r.Step), p.short(r.By.Name), to, r.Reason))
	}
	if len(rs) == 0 {
		return "无"
	}
	return strings.Join(rs, "\n")
}

func secrecyConclusion(m *record.Manifest) string {
	if m.Secrecy == nil {
		return "没有有效的保密审查签署。"
	}
	return or(decisionLabel, m.Secrecy.Decision) + "。依据和理由：" + m.Secrecy.Basis
}

// secrecyForm is page 2: the 保密审查表 with the eight-item checklist.
func (cv sections) secrecyForm() {
	d, m, ck, p := cv.d, cv.m, cv.ck, cv.p
	d.newPage()
	d.add(op{kind: opBookmark, text: "保密审查表", y: d.y})
	d.centered("保密审查表", sizeTitle, black)
	d.y += 2
	cv.pair("编号/档号", m.Code, "定稿版本", fmt.Sprintf("第 %d 版", m.FinalVersion))
	cv.wide("标题", m.Title)
	s := m.Secrecy
	if s == nil {
		d.row([]cell{plain(contentW, "本稿件没有有效的保密审查签署，以下各项未经审查。")})
		s = &record.Secrecy{}
	}
	w := []float64{14, contentW - 14 - 40, 20, 20}
	d.row([]cell{label(w[0], "序号"), label(w[1], "审查事项"), label(w[2], "是"), label(w[3], "否")})
	items := s.Items
	if len(items) == 0 {
		for _, it := range checklist {
			items = append(items, record.Answer{Item: it})
		}
	}
	for i, it := range items {
		yes, no := "", ""
		switch {
		case cv.m.Secrecy == nil:
		case it.Answer:
			yes = "√ 是"
		default:
			no = "√ 否"
		}
		d.row([]cell{label(w[0], fmt.Sprint(i+1)), plain(w[1], it.Item),
			{w: w[2], spans: []span{{text: yes, col: red}}, center: true}, {w: w[3], spans: []span{{text: no, col: black}}, center: true}})
	}
	cv.wide("审查结论", or(decisionLabel, s.Decision))
	cv.wide("依据和理由", orDash(s.Basis))
	key := "—"
	for _, so := range m.SignOffs {
		if so.Current && so.Step == "secrecy" {
			key = fingerprint(so.Key)
		}
	}
	cv.pair("审查人", p.person(s.Signer), "审查时间", ck.at(s.Time))
	cv.pair("签署含义", "保密审查："+or(decisionLabel, s.Decision), "密钥指纹", key)
}

// checklist is the 保密审查 checklist (GUIDE §3.6), for an unanswered form.
var checklist = []string{"标有密级", "虽未标识但涉及国家秘密", "工作秘密或内部敏感信息", "商业秘密",
	"个人隐私（是否已去标识化）", "公开后可能危及国家安全、公共安全、经济安全和社会稳定", "非主动公开文件、会议纪要或请示", "转载来源涉密"}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}
