package sensitive

import (
	"fmt"
	"slices"
	"strings"

	"shenfa/sensitive/finding"
)

// Secrecy rules and publicity name the materials they protect: 不得在微信群、
// 朋友圈发布内部文件, 严禁携带涉密文件出境. There 内部文件 is what the rule is
// about, not a label on the text being published. A secret lexicon hit that
// names a material and has a prohibition before it in its clause is lowered
// to info, so that a 保密宣传 needs no waiver. A hit that is itself an
// instruction (请勿外传, 此件不公开, 仅供内部参考) is a label and keeps its
// severity, wherever it stands.

// prohibitions begin a rule (folded forms).
var prohibitions = []string{"不得", "严禁", "禁止", "切勿", "不要", "不准", "不许", "不能", "防止", "杜绝",
	"避免", "严防", "谨防"}

// materials end the hits that name a material (内部文件, 涉密载体, 工作秘密);
// the others (请勿外传, 截图外传, 此件不公开) are instructions.
var materials = []string{"文件", "资料", "材料", "载体", "信息", "刊物", "秘密", "明电", "文档", "附件"}

// instructionChars mark a hit that is an instruction although it ends in a
// material (仅供内部参考资料, 非公开文件).
const instructionChars = "不勿禁仅限此非请"

// clauseEnds end the clause a prohibition governs.
const clauseEnds = "，。；！？,;!?\n"

// clauseReach bounds the look-back in text without punctuation.
const clauseReach = 40

// disclosures are the values of a document's disclosure attribute (政府信息
// 公开条例). A clause that names two of them explains the attributes
// (此件公开发布、此件依申请公开、此件不公开; 防止依申请公开和不予公开属性滥用);
// it labels no document.
var disclosures = []string{"主动公开", "公开发布", "依申请公开", "不予公开", "不公开", "非公开"}

// lowerSecretMentions lowers the secret lexicon findings of fs that name a
// material a prohibition governs, or a disclosure attribute among others.
func lowerSecretMentions(runes []rune, fs []finding.Finding) []finding.Finding {
	for i := range fs {
		f := &fs[i]
		hit := folded(runes[f.Start:f.End])
		if f.Category == finding.Secret && f.Rule == "secret.lexicon" && f.Severity != finding.Info {
			if other := otherDisclosure(runes, f.Start, f.End, hit); other != "" {
				f.Severity = finding.Info
				f.Message += fmt.Sprintf("（已降为提示：同一分句还列有“%s”，是对公开属性的说明，不是本文的标注；如本文就标有此属性，请按不公开处理。）", other)
				continue
			}
		}
		if f.Category != finding.Secret || f.Rule != "secret.lexicon" || f.Severity == finding.Info ||
			strings.ContainsAny(hit, instructionChars) || !slices.ContainsFunc(materials, func(m string) bool { return strings.HasSuffix(hit, m) }) {
			continue
		}
		if p := prohibitionBefore(runes, f.Start); p != "" {
			f.Severity = finding.Info
			f.Message += fmt.Sprintf("（已降为提示：所在分句前有禁止用语“%s”，是保密规定或宣传中提到的材料，不是本文的标注；如本文就是该材料，请按涉密处理。）", p)
		}
	}
	return fs
}

// prohibitionBefore returns the prohibition in the clause before start, or "".
func prohibitionBefore(runes []rune, start int) string {
	s := start
	for s > 0 && start-s < clauseReach && !strings.ContainsRune(clauseEnds, runes[s-1]) {
		s--
	}
	clause := folded(runes[s:start])
	for _, p := range prohibitions {
		if strings.Contains(clause, p) {
			return p
		}
	}
	return ""
}

// otherDisclosure returns a disclosure attribute other than the hit's own
// named in the hit's clause, or "" (also when the hit is no attribute).
func otherDisclosure(runes []rune, start, end int, hit string) string {
	if !strings.Contains(hit, "公开") {
		return ""
	}
	s, e := start, end
	for s > 0 && start-s < clauseReach && !strings.ContainsRune(clauseEnds, runes[s-1]) {
		s--
	}
	for e < len(runes) && e-end < clauseReach && !strings.ContainsRune(clauseEnds, runes[e]) {
		e++
	}
	before, after := folded(runes[s:start]), folded(runes[end:e])
	for _, d := range disclosures {
		if !strings.Contains(hit, d) && (strings.Contains(before, d) || strings.Contains(after, d)) {
			return d
		}
	}
	return ""
}
