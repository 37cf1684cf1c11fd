package rules

import (
	"strings"

	"shenfa/sensitive/finding"
)

// toneScore is the sum of the cues of one sentence.
type toneScore struct {
	hostile   float32   // the hostile cues
	courtesy  float32   // 您, 请, 感谢…
	narrative float32   // reported speech
	you       bool      // 你 as a pronoun
	kept      []toneHit // the hostile cues counted, in text order
}

// judge scores the sentence and returns its finding when it is hostile.
func (s *toneSentence) judge(text []rune, doc toneDoc) (finding.Finding, bool) {
	if s.voice == voiceCitizen {
		return finding.Finding{}, false
	}
	sc := s.sum(doc)
	reply := s.voice == voiceReply
	speaks := reply || doc.reply && s.voice == voiceNeutral
	asksBack := reply && sc.courtesy == 0 && (s.mark == '？' || s.mark == '?') && !s.quotedMark
	if sc.hostile < light && !asksBack {
		return finding.Finding{}, false
	}
	total := sc.hostile + sc.narrative - min(sc.courtesy, maxCourtesy)
	switch {
	case reply:
		total += replyWeight
	case doc.reply:
		total += replyDocWeight
	}
	if doc.news && !reply {
		total += newsWeight
	}
	if sc.you && speaks {
		total += youWeight
		if !reply {
			total -= youWeight / 2
		}
	}
	var marks []string
	if speaks && sc.courtesy == 0 && !s.quotedMark {
		switch s.mark {
		case '？', '?':
			// A reply answers; one that asks back without a please is a
			// rhetorical question (你不会换个时间打？).
			if asksBack && sc.hostile < light {
				total += light
			}
			total += questionMark
			marks = append(marks, "以问句反问群众")
		case '！', '!':
			total += exclamation
			marks = append(marks, "感叹号")
		}
	}
	if total < toneThreshold {
		return finding.Finding{}, false
	}
	a, b := s.span(text, sc, speaks)
	return ruleTone.at(text, a, b, toneMessage(text, sc, speaks, marks), toneSuggestion), true
}

// sum adds the cues of the sentence. Quoted cues are someone else's words
// and do not count; a plain cue counts only where the sentence speaks to
// the citizen (a reply, or 你); of overlapping hostile cues (管不了 in
// 我们管不了) only the heaviest counts.
func (s *toneSentence) sum(doc toneDoc) toneScore {
	var sc toneScore
	for _, h := range s.hits {
		if h.quoted {
			continue
		}
		switch h.cue.kind {
		case kindYou:
			sc.you = true
		case kindCourtesy:
			sc.courtesy += h.weight
		case kindNarrative:
			sc.narrative = h.weight
		}
	}
	addressed := s.voice == voiceReply || doc.reply || sc.you
	for _, h := range s.hits {
		if h.quoted || !h.cue.kind.hostile() || !addressed && h.weight < strong {
			continue
		}
		if n := len(sc.kept); n > 0 && sc.kept[n-1].end > h.start {
			if last := &sc.kept[n-1]; h.weight > last.weight {
				sc.hostile += h.weight - last.weight
				*last = h
			}
			continue
		}
		sc.kept = append(sc.kept, h)
		sc.hostile += h.weight
	}
	return sc
}

// span returns the sentence without its speaker label and end mark, or,
// in a long sentence, the clauses that hold the counted cues (你 included
// where it counted).
func (s *toneSentence) span(text []rune, sc toneScore, speaks bool) (int, int) {
	a, b := s.from, s.end
	if b > a && strings.ContainsRune(sentenceEnds, text[b-1]) {
		b--
	}
	if b-a <= maxToneSpan || len(sc.kept) == 0 {
		return trimSpace(text, a, b)
	}
	first, last := sc.kept[0].start, sc.kept[len(sc.kept)-1].end-1
	for _, h := range s.hits {
		if h.cue.kind == kindYou && speaks && !h.quoted {
			first, last = min(first, h.start), max(last, h.start)
		}
	}
	ca, _ := around(text, first, clauseEnds)
	_, cb := around(text, last, clauseEnds)
	return trimSpace(text, max(ca, a), min(cb, b))
}

// toneMessage names the cues that made the sentence hostile.
func toneMessage(text []rune, sc toneScore, speaks bool, marks []string) string {
	var b strings.Builder
	var parts []string
	seen := map[cueKind]bool{}
	for _, h := range sc.kept {
		if !seen[h.cue.kind] {
			seen[h.cue.kind] = true
			parts = append(parts, kindLabel[h.cue.kind]+"“"+string(text[h.start:h.end])+"”")
		}
	}
	if sc.you && speaks {
		parts = append(parts, "称“你”而不称“您”")
	}
	parts = append(parts, marks...)
	b.WriteString("回复语气生硬冷漠（雷人雷语）：" + strings.Join(parts, "；") + "。" + toneAdvice)
	return b.String()
}

// around returns the span around i bounded by any of the marks in ends.
func around(text []rune, i int, ends string) (int, int) {
	s, e := i, i
	for s > 0 && !strings.ContainsRune(ends, text[s-1]) {
		s--
	}
	for e < len(text) && !strings.ContainsRune(ends, text[e]) {
		e++
	}
	return s, e
}

func trimSpace(text []rune, s, e int) (int, int) {
	for s < e && isSpace(text[s]) {
		s++
	}
	for e > s && isSpace(text[e-1]) {
		e--
	}
	return s, e
}
