package diff

import (
	"slices"
	"strings"
	"testing"
)

func TestComputeReadsLikeTrackChanges(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []string
	}{
		{"identical", "第一段。\n第二段。", "第一段。\n第二段。",
			[]string{"  第一段。", "  第二段。"}},
		{"both empty", "", "", []string{"  "}},
		{"one typo stays one character", "坚持扫黑除恶专项斗争。", "坚持扫黑险恶专项斗争。",
			[]string{"~ 坚持扫黑[-除-]{+险+}恶专项斗争。"}},
		{"two fixes far apart stay apart", "中华人民共合国成立于一九四九年，今天开始。", "中华人民共和国成立于一九四九年，明天开始。",
			[]string{"~ 中华人民共[-合-]{+和+}国成立于一九四九年，[-今-]{+明+}天开始。"}},
		{"one unchanged character between changes is absorbed", "今年甲乙丙计划", "今年丁乙戊计划",
			[]string{"~ 今年[-甲乙丙-]{+丁乙戊+}计划"}},
		{"a paragraph rewritten in place is replaced", "原来的段落写的是这些。", "全新内容另起炉灶。",
			[]string{"- 原来的段落写的是这些。", "+ 全新内容另起炉灶。"}},
		{"insertion lands after punctuation", "北京，上海", "北京，天津，上海",
			[]string{"~ 北京，{+天津，+}上海"}},
		{"deletion lands after punctuation", "北京，天津，上海", "北京，上海",
			[]string{"~ 北京，[-天津，-]上海"}},
		{"latin words and numbers change whole", "The color of 2025年", "The colour of 2026年",
			[]string{"~ The [-color-]{+colour+} of [-2025-]{+2026+}年"}},
		{"an inserted latin letter takes its word", "共3个app。", "共3个apps。",
			[]string{"~ 共3个[-app-]{+apps+}。"}},
		{"emoji modifier takes its emoji", "点赞👍🏻！", "点赞👍🏿！",
			[]string{"~ 点赞[-👍🏻-]{+👍🏿+}！"}},
		{"astral characters are one character", "𠀀𠀁𠀂", "𠀀𠀃𠀂",
			[]string{"~ 𠀀[-𠀁-]{+𠀃+}𠀂"}},
		{"carriage return is a character", "第一段\r\n第二段", "第一段\n第二段",
			[]string{"~ 第一段[-\r-]", "  第二段"}},
		{"lone carriage return does not split", "甲\r乙", "甲\r丙",
			[]string{"~ 甲\r[-乙-]{+丙+}"}},
		{"paragraph inserted", "第一段。\n第三段。", "第一段。\n第二段。\n第三段。",
			[]string{"  第一段。", "+ 第二段。", "  第三段。"}},
		{"paragraph deleted", "第一段。\n第二段。\n第三段。", "第一段。\n第三段。",
			[]string{"  第一段。", "- 第二段。", "  第三段。"}},
		{"last paragraph deleted", "第一段。\n第二段。", "第一段。",
			[]string{"  第一段。", "- 第二段。"}},
		{"paragraph moved", "甲段落。\n乙段落。\n丙段落。", "乙段落。\n丙段落。\n甲段落。",
			[]string{"- 甲段落。", "  乙段落。", "  丙段落。", "+ 甲段落。"}},
		{"edited paragraph beside an inserted one", "一、贵州省\n各省推进政务新媒体健康有序发展。",
			"一、贵州省\n二、江苏省\n各省积极推进政务新媒体健康有序发展。",
			[]string{"  一、贵州省", "+ 二、江苏省", "~ 各省{+积极+}推进政务新媒体健康有序发展。"}},
		{"empty to text", "", "新的正文", []string{"~ {+新的正文+}"}},
		{"text to empty", "旧的正文", "", []string{"~ [-旧的正文-]"}},
		{"trailing newline added", "正文", "正文\n", []string{"  正文", "+ "}},
		{"blank line typed into", "甲\n\n乙", "甲\n丙\n乙", []string{"  甲", "~ {+丙+}", "  乙"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Compute(tt.old, tt.new)
			checkInvariants(t, tt.old, tt.new, r)
			if got := render(r); !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if r.Approximate {
				t.Error("a small diff was labelled approximate")
			}
		})
	}
}

func TestIdenticalTextsHaveNoChanges(t *testing.T) {
	text := strings.Join(draftParagraphs(samplePool(t), 20000, newRand(1)), "\n")
	r := Compute(text, text)
	checkInvariants(t, text, text, r)
	if len(r.Changes()) != 0 || len(r.ChangedOnly()) != 0 || r.Inserted != 0 || r.Deleted != 0 {
		t.Fatalf("identical texts: %+v", r.Summary())
	}
}

func TestOffsetsAreCodePoints(t *testing.T) {
	old := "a😀中\r\nb"
	r := Compute(old, "a😀国\r\nb")
	checkInvariants(t, old, "a😀国\r\nb", r)
	got := r.Changes()
	want := []Change{{Paragraph: 0, First: 1, End: 3, Deleted: "中", Inserted: "国", OldStart: 2, OldEnd: 3, NewStart: 2, NewEnd: 3}}
	if !slices.Equal(got, want) {
		t.Fatalf("changes %+v, want %+v", got, want)
	}
	if p := r.Paragraphs[1]; p.OldStart != 5 || p.NewStart != 5 {
		t.Fatalf("second paragraph starts at %d/%d, want 5 (after the \\r and \\n)", p.OldStart, p.NewStart)
	}
}

func TestInvalidUTF8IsReadAsReplacementCharacters(t *testing.T) {
	old, new := "甲\xff乙", "甲\xff丙"
	r := Compute(old, new)
	checkInvariants(t, old, new, r)
	if r.OldLen != 3 || r.Paragraphs[0].OldText() != "甲\uFFFD乙" {
		t.Fatalf("got %d %q", r.OldLen, r.Paragraphs[0].OldText())
	}
}
