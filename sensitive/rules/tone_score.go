package rules

import (
	"strings"

	"shenfa/sensitive/finding"
)

// toneScore is the sum of the cues of one sentence.
type toneScore struct {
	hostile   float32   // the hostile cues
	courtesy  float32   // 您, 请, 感谢…, half as much outside the clauses of the hostile cues
	polite    bool      // some courtesy besides 您
	narrative float32   // reported speech
	you       bool      // 你 as a pronoun
	formal    bool      // 您: the sentence speaks to the citizen
	office    bool      // 我们 outside news: the office speaks to the public
	kept      []toneHit // the hostile cues counted, in text order
}

// judge scores the sentence and returns its finding when it is hostile.
func (s *toneSentence) judge(text []rune, doc toneDoc) (finding.Finding, bool) {
	total, sc, marks := s.score(text, doc)
	if total < toneThreshold {
		return finding.Finding{}, false
	}
	speaks := s.voice == voiceReply || doc.reply && s.voice == voiceNeutral
	a, b := s.span(text, sc, speaks)
	if b <= a {
		return finding.Finding{}, false // the cues stood in a speaker label (难道网友：)
	}
	return ruleTone.at(text, a, b, toneMessage(text, sc, speaks, marks), toneSuggestion), true
}

// score returns the score of the sentence, its cues and the marks that
// counted; a sentence that cannot be hostile scores 0.
func (s *toneSentence) score(text []rune, doc toneDoc) (float32, toneScore, []string) {
	if s.voice == voiceCitizen {
		return 0, toneScore{}, nil
	}
	if s.voice == voiceNeutral && s.finds && !doc.news {
		s.voice = voiceReply // 经核实，诉求人……: the reply speaks of the citizen in the third person
	}
	sc := s.sum(text, doc)
	reply := s.voice == voiceReply
	speaks := reply || doc.reply && s.voice == voiceNeutral
	asksBack := reply && (sc.you || s.echo(text)) && !sc.polite && (s.mark == '？' || s.mark == '?') && !s.quotedMark
	if sc.hostile < light && !asksBack {
		return 0, sc, nil
	}
	total := sc.hostile + sc.narrative - min(sc.courtesy, maxCourtesy)
	switch {
	case reply:
		total += replyWeight
		if !doc.politeTurn(s.turn) {
			total += bareWeight
		}
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
		if doc.formal {
			total += registerDrop // the same reply says 您 elsewhere: 你 here is a step down
		}
	}
	var marks []string
	if speaks && !sc.polite && !s.quotedMark {
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
	return total, sc, marks
}

// sum adds the cues of the sentence. Quoted cues are someone else's words
// and do not count; a cue that is hostile only when said to someone counts
// only where the sentence speaks to the citizen (a reply, 你 or 您); of
// overlapping hostile cues (管不了 in 我们管不了) only the heaviest counts.
// Courtesy softens the clause it stands in: 您 and 请 around a hostile
// clause in a long polite reply do not make it polite.
func (s *toneSentence) sum(text []rune, doc toneDoc) toneScore {
	var sc toneScore
	for _, h := range s.hits {
		if h.quoted {
			continue
		}
		switch h.cue.kind {
		case kindYou:
			sc.you = true
		case kindCourtesy:
			// 您 is the register of every reply, hostile ones too: it
			// speaks to the citizen but softens nothing.
			sc.formal = sc.formal || h.cue.formal
			sc.polite = sc.polite || !h.cue.formal
		case kindOffice:
			sc.office = !doc.news
		case kindNarrative:
			if s.voice != voiceReply { // a reply reports nobody: 您多次辱骂工作人员 is its own charge
				sc.narrative = h.weight
			}
		}
	}
	addressed := s.voice == voiceReply || doc.reply || sc.you || sc.formal || sc.office || sc.polite
	for _, h := range s.hits {
		if h.quoted || !h.cue.kind.hostile() || !addressed && !h.cue.strong && !h.cue.free {
			continue
		}
		if h.cue.kind == kindParticle && s.voice != voiceReply && !doc.reply {
			continue // 一起来学习吧！ on a poster is an invitation
		}
		w := h.weight + forbids(text, h)
		if n := len(sc.kept); n > 0 && sc.kept[n-1].end > h.start {
			if last := &sc.kept[n-1]; w > last.weight {
				sc.hostile += w - last.weight
				*last = h
				last.weight = w
			}
			continue
		}
		h.weight = w
		sc.kept = append(sc.kept, h)
		sc.hostile += w
	}
	for _, h := range s.hits {
		if h.quoted || h.cue.kind != kindCourtesy {
			continue
		}
		if sc.inHostileClause(text, h.start) {
			sc.courtesy += h.weight
		} else {
			sc.courtesy += h.weight * otherClause
		}
	}
	return sc
}

// echo reports a question of a few characters that repeats the request
// back (想插队？, 举报？): a clarifying question says more, or asks 吗.
func (s *toneSentence) echo(text []rune) bool {
	a, b := trimSpace(text, s.from, s.end-1)
	if b-a > maxEcho || b <= a {
		return false
	}
	for _, r := range text[a:b] {
		if !isHan(r) || r == '吗' || r == '呢' {
			return false
		}
	}
	return true
}

// forbids is the weight a contempt or sarcasm cue gains when it is what
// the citizen is told not to be: 不要无理取闹, 别异想天开, 少胡闹.
func forbids(text []rune, h toneHit) float32 {
	if k := h.cue.kind; k != kindContempt && k != kindSarcasm {
		return 0
	}
	if r := runeAt(text, h.start-1); r == '别' || r == '少' || r == '要' && runeAt(text, h.start-2) == '不' {
		return 1
	}
	return 0
}

// inHostileClause reports whether i stands in the clause of a counted
// hostile cue.
func (sc *toneScore) inHostileClause(text []rune, i int) bool {
	cs, ce := around(text, i, clauseEnds)
	for _, h := range sc.kept {
		if h.start < ce && h.end > cs {
			return true
		}
	}
	return false
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
