package recordpdf

import (
	"fmt"
	"strings"
	"time"

	"shenfa/archive/record"
	"shenfa/review/drafts"
)

var shanghai = time.FixedZone("CST", 8*3600)

// sampleText is a final text with what typesetting must get right: Chinese
// punctuation at line ends, Latin words, numbers, a URL longer than a line,
// a character only the fallback font has (镕) and an ideographic indent.
const sampleText = `　　为进一步方便群众办事，江城市政务服务中心自2026年12月5日起推行“延时服务”：工作日中午12:00—14:00、下午17:30—19:00照常受理业务。市民可通过“江城发布”微信公众号（WeChat ID: jiangcheng_fabu）或拨打12345热线预约，详情见https://zwfw.jiangcheng.gov.cn/notice/2026/extended-service-hours-and-appointment-guide.html。
　　延时服务覆盖户籍、社保、医保、公积金等高频事项共计156项，其中“一网通办”事项占比达87.5%。朱镕基同志曾指出：“要把为人民服务落到实处。”中心将持续优化流程……
　　咨询电话：0731-12345678；地址：江城市人民路100号（市民之家）B座1楼。`

// sample is a record with everything the PDF shows: three versions, a
// return, a superseded sign-off, four current ones, waived and
// acknowledged findings, comments with replies, a repost source, hidden
// docx content and a publication.
func sample() *record.Contents {
	t0 := time.Date(2026, 12, 1, 1, 30, 0, 0, time.UTC)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	planned := time.Date(2026, 12, 5, 1, 0, 0, 0, time.UTC)
	text := sampleText
	runes := []rune(text)
	find := func(s string) (int, int) {
		i := strings.Index(text, s)
		start := len([]rune(text[:i]))
		return start, start + len([]rune(s))
	}
	fs, fe := find("一网通办")
	us, ue := find("https://zwfw.jiangcheng.gov.cn")
	ps, pe := find("0731-12345678")
	_ = runes
	key := func(n int) string { return strings.Repeat(fmt.Sprintf("%x", n+10), 64)[:64] }
	so := func(seq, round, version int, step, label, meaning, decision, opinion, user, full, role string, h int, current bool) record.SignOff {
		return record.SignOff{Seq: seq, Round: round, Version: version, Step: step, StepLabel: label, Meaning: meaning, Decision: decision,
			Opinion: opinion, Signer: record.Person{Name: user, FullName: full}, Role: role, Time: at(h), Key: key(seq),
			Statement: "shenfa-signoff 1\n…", Signature: "MEUCIQ…", PublicKey: "MFkw…", Current: current}
	}
	m := &record.Manifest{
		Format: record.Format, Code: "Z001-WS·2026-D10-0001", Fonds: "Z001", Year: 2026, Retention: "D10",
		Workspace: "8d1f6a2e-2b7c-4c55-9a51-3f0e9d7c1b22", Draft: 17,
		Title:   "关于江城市政务服务中心推行“延时服务”的通知",
		Channel: record.Channel{Name: "江城发布", Platform: "微信公众号", Unit: "江城市人民政府办公室"},
		Grade:   record.Grade{ID: "B", Label: "重要信息"}, Kind: "repost",
		Source:    &record.Source{Name: "江城日报", Title: "政务服务中心推出延时服务", URL: "https://www.jcrb.cn/2026/1130/a1.html"},
		Author:    record.Person{Name: "author", FullName: "陈晓"},
		PlannedAt: &planned, Published: &record.Publication{At: at(90), URL: "https://mp.weixin.qq.com/s/AbCdEf123"},
		Policy:   record.Policy{Name: "江城市政府网站及政务新媒体信息发布审核办法", Version: "2026.1"},
		SealedAt: at(100), Archivist: record.Person{Name: "archivist", FullName: "周敏"},
		AuditHead:    record.AuditHead{Seq: 1234, Hash: strings.Repeat("9f3c", 16)},
		FinalVersion: 3, Chars: len([]rune(text)), TextSM3: strings.Repeat("ab12", 16), FileSM3: strings.Repeat("cd34", 16),
		FileName: "关于推行延时服务的通知.docx",
		Versions: []record.Version{
			{Number: 1, Author: record.Person{Name: "author"}, Time: at(0), Note: "初稿", FileName: "通知.docx", Chars: 180, TextSM3: key(1)},
			{Number: 2, Author: record.Person{Name: "author"}, Time: at(20), Note: "按初审意见修改时间表述", FileName: "通知-改.docx", Chars: 190, TextSM3: key(2), Changes: 3, Inserted: 12, Deleted: 4},
			{Number: 3, Author: record.Person{Name: "author"}, Time: at(40), Note: "补充咨询电话", FileName: "关于推行延时服务的通知.docx", Chars: len([]rune(text)), TextSM3: strings.Repeat("ab12", 16), Changes: 1, Inserted: 25},
		},
		SignOffs: []record.SignOff{
			so(1, 1, 1, "tier1", "初审", "审核退回", "return", "时间表述不清，请写明上下午。", "approver1", "张伟", "初审人", 10, false),
			so(2, 2, 2, "tier1", "初审", "审核同意", "approve", "同意。", "approver1", "张伟", "初审人", 25, false),
			so(3, 2, 2, "tier2", "复审", "审核退回", "return", "请补充咨询电话。", "approver2", "孙丽", "复审人", 30, false),
			so(4, 3, 3, "tier1", "初审", "审核同意", "approve", "同意，已确认全部警告。", "approver1", "张伟", "初审人", 45, true),
			so(5, 3, 3, "tier2", "复审", "审核同意", "approve", "同意。", "approver2", "孙丽", "复审人", 50, true),
			so(6, 3, 3, "tier3", "终审", "签发", "approve", "同意发布。", "approver3", "王建华", "终审人（签发人）", 55, true),
			so(7, 3, 3, "secrecy", "保密审查", "保密审查：公开", "publish", "经审查，可以公开。", "secrecy", "刘洋", "保密审查员", 60, true),
		},
		Returns: []record.Return{
			{Round: 1, Step: "tier1", By: record.Person{Name: "approver1"}, To: "author", Reason: "时间表述不清，请写明上下午。", Time: at(10)},
			{Round: 2, Step: "tier2", By: record.Person{Name: "approver2"}, To: "author", Reason: "请补充咨询电话。", Time: at(30)},
		},
		Lexicons: []record.Lexicon{{Name: "默认敏感词库", Version: "2026.11", Entries: 20412}, {Name: "本单位词库", Version: "3", Entries: 56}},
		Findings: []record.Finding{
			{ID: "f1a2b3c4d5e6", Start: fs, End: fe, Text: "一网通办", Category: "political", Severity: "block", Rule: "political.term",
				Message: "重要表述须与规范写法一致", Suggestion: "“一网通办”", Waived: &record.Disposition{Step: "tier2", By: "approver2", Reason: "规范写法，误报"}},
			{ID: "a9b8c7d6e5f4", Start: us, End: ue, Text: "https://zwfw.jiangcheng.gov.cn", Category: "link", Severity: "warn", Rule: "link.url",
				Message: "外部链接须人工核对", Acked: &record.Disposition{Step: "tier1", By: "approver1"}},
			{ID: "0f9e8d7c6b5a", Start: ps, End: pe, Text: "0731-12345678", Category: "privacy", Severity: "info", Rule: "privacy.phone",
				Message: "电话号码：确认是公开的办公电话"},
		},
		Comments: []record.Comment{
			{ID: 1, Version: 1, Quote: "中午", Body: "请写明具体时段。", Must: true, Author: record.Person{Name: "approver1", FullName: "张伟"}, Time: at(9), ResolvedBy: "author",
				Replies: []record.Comment{{ID: 2, Version: 1, Body: "已改为 12:00—14:00。", Author: record.Person{Name: "author", FullName: "陈晓"}, Time: at(19)}}},
		},
		Secrecy: &record.Secrecy{Decision: "publish", Basis: "经审查，稿件内容为便民服务信息，不涉及国家秘密、工作秘密和个人隐私，可以公开。",
			Signer: record.Person{Name: "secrecy", FullName: "刘洋"}, Time: at(60)},
		Hidden: []record.Hidden{{Kind: "comment", Text: "内部：此稿需在周五前发出"}, {Kind: "deleted", Text: "原定于12月1日起试行"}, {Kind: "properties", Text: "作者：chenxiao；单位：江城市政府办"}},
	}
	for i, item := range drafts.ChecklistItems {
		m.Secrecy.Items = append(m.Secrecy.Items, record.Answer{Item: item, Answer: i == 4})
	}
	return &record.Contents{Manifest: m, Text: text, File: []byte("PK\x03\x04 pretend docx bytes \x00\x01\x02"),
		Texts: map[int]string{3: text}, Files: map[int][]byte{}}
}
