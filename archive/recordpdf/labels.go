package recordpdf

import (
	"fmt"
	"strings"
	"time"

	"shenfa/archive/record"
)

// The record is a Chinese official document: its labels are Chinese
// whatever the interface language (GUIDE §3.1, §3.5, §3.6).
var (
	retentionLabel = map[string]string{"Y": "永久", "D30": "定期30年", "D10": "定期10年"}
	stepLabel      = map[string]string{"tier1": "初审", "tier2": "复审", "tier3": "终审", "secrecy": "保密审查"}
	decisionLabel  = map[string]string{"approve": "同意", "return": "退回", "publish": "公开",
		"redact": "非密处理后公开", "exempt": "免于公开", "escalate": "需报审"}
	categoryLabel = map[string]string{"sensitive": "敏感词", "secret": "涉密标识", "privacy": "个人信息",
		"political": "政治性差错", "typo": "错别字", "ad": "广告法用语", "tone": "不当表述", "punctuation": "标点",
		"datetime": "日期数字", "placeholder": "占位符", "link": "外部链接"}
	severityLabel = map[string]string{"block": "阻断", "warn": "警告", "info": "提示"}
	hiddenLabel   = map[string]string{"header": "页眉", "footer": "页脚", "footnote": "脚注", "endnote": "尾注",
		"comment": "批注", "deleted": "修订删除的文字", "properties": "文档属性", "hidden": "隐藏文字",
		"inserted": "未接受的修订插入", "textbox": "文本框"}
	severityColor = map[string]rgb{"block": red, "warn": orange, "info": blue}
)

// or returns the label of code in table, or the code itself.
func or(table map[string]string, code string) string {
	if l, ok := table[code]; ok {
		return l
	}
	if code == "" {
		return "—"
	}
	return code
}

// clock formats times for the record in one zone, stated on the cover.
type clock struct{ loc *time.Location }

func (c clock) at(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(c.loc).Format("2006-01-02 15:04:05")
}

func (c clock) atPtr(t *time.Time) string {
	if t == nil {
		return "—"
	}
	return c.at(*t)
}

// zone names the zone the record's times are in, as "UTC+08:00".
func (c clock) zone(t time.Time) string {
	return "UTC" + t.In(c.loc).Format("-07:00")
}

// fingerprint shortens a key fingerprint visibly; the manifest keeps it whole.
func fingerprint(key string) string {
	if len(key) <= 20 {
		return key
	}
	return key[:8] + "…" + key[len(key)-8:]
}

// people knows the printed names of the record's users by sign-in name.
type people map[string]string

func peopleOf(m *record.Manifest) people {
	p := people{}
	add := func(x record.Person) {
		if x.Name != "" && x.FullName != "" {
			p[x.Name] = x.FullName
		}
	}
	add(m.Author)
	add(m.Archivist)
	for _, so := range m.SignOffs {
		add(so.Signer)
	}
	var comments func([]record.Comment)
	comments = func(cs []record.Comment) {
		for _, c := range cs {
			add(c.Author)
			comments(c.Replies)
		}
	}
	comments(m.Comments)
	if m.Secrecy != nil {
		add(m.Secrecy.Signer)
	}
	return p
}

// name prints a person as "全名 (登录名)", or the sign-in name alone; the
// sign-in name is Latin, so its parentheses are too.
func (p people) name(login string) string {
	if full, ok := p[login]; ok && full != login {
		return full + " (" + login + ")"
	}
	if login == "" {
		return "—"
	}
	return login
}

func (p people) person(x record.Person) string {
	if x.FullName != "" && x.FullName != x.Name {
		if x.Name == "" {
			return x.FullName
		}
		return x.FullName + " (" + x.Name + ")"
	}
	return p.name(x.Name)
}

// short is the printed name alone, for inline notes (复审 孙丽).
func (p people) short(login string) string {
	if full, ok := p[login]; ok {
		return full
	}
	return login
}

// disposition says what the steps did about a finding.
func (p people) disposition(f record.Finding) (string, rgb) {
	switch {
	case f.Waived != nil:
		s := "已豁免（" + or(stepLabel, f.Waived.Step) + " " + p.short(f.Waived.By)
		if f.Waived.Reason != "" {
			s += "：" + f.Waived.Reason
		}
		return s + "）", orange
	case f.Acked != nil:
		s := "已确认（" + or(stepLabel, f.Acked.Step) + " " + p.short(f.Acked.By)
		if f.Acked.Reason != "" {
			s += "：" + f.Acked.Reason
		}
		return s + "）", blue
	case f.Severity == "info":
		return "仅提示", grey
	}
	return "未处理", red
}

// checkSummary is the 检查情况 of the cover: lexicons, counts, waivers.
func checkSummary(m *record.Manifest) string {
	var lex []string
	for _, l := range m.Lexicons {
		lex = append(lex, fmt.Sprintf("%s %s（%d 条）", l.Name, l.Version, l.Entries))
	}
	counts := map[string]int{}
	waived, acked := 0, 0
	for _, f := range m.Findings {
		counts[f.Severity]++
		if f.Waived != nil {
			waived++
		}
		if f.Acked != nil {
			acked++
		}
	}
	s := "词库：" + strings.Join(lex, "、")
	if len(lex) == 0 {
		s = "词库：—"
	}
	return s + fmt.Sprintf("。\n阻断 %d 处，警告 %d 处，提示 %d 处；豁免 %d 处，确认 %d 处。",
		counts["block"], counts["warn"], counts["info"], waived, acked)
}
