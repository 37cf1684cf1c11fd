package rules

import "shenfa/sensitive/finding"

// RuleTone reports a reply sentence that dismisses, blames, threatens or
// mocks the citizen.
const RuleTone = "tone.reply"

var ruleTone = rule{finding.Tone, finding.Warn, RuleTone}

// Tone is scored, not listed: a cold reply is written in words nobody can
// list, but it nearly always combines a few cues (a brush-off, blame, a
// threat, a rhetorical question, contempt, an order, 你 where a reply says
// 您, a bare question or exclamation mark) in one sentence. Each cue has a
// weight; where the sentence stands adds or takes away: a reply raises the
// score, courtesy, news, reported speech and quotation lower it, and the
// citizen's own message never counts. A sentence whose score reaches
// toneThreshold, with at least one hostile cue or a question asked back
// without courtesy, is a finding.
const (
	toneThreshold  = 3
	replyWeight    = 1   // the sentence is in a reply
	replyDocWeight = 0.5 // the draft reads as a reply, the paragraph has no label
	newsWeight     = -2  // the draft reads as news and the sentence is not a reply
	youWeight      = 1   // 你 in a reply; half as much in a paragraph without a label
	questionMark   = 1   // a reply sentence ending in ？ without courtesy
	exclamation    = 0.5 // a reply sentence ending in ！ without courtesy
	maxCourtesy    = 2   // courtesy lowers a score by at most this much
	maxToneSpan    = 50  // a longer sentence is reported by the clauses that hold its cues
)

const toneAdvice = "政务新媒体回复群众应称“您”，耐心说明政策依据、办理渠道和时限，不推诿、不指责、不嘲讽。"

const toneSuggestion = "感谢您的留言。关于您反映的问题，我们已转相关部门核实办理，结果将及时回复您。"

const (
	sentenceEnds = "。！？!?\n"
	clauseEnds   = "，；：,;:" + sentenceEnds
)

// toneHit is one cue found in the text.
type toneHit struct {
	start, end int
	cue        *toneCue
	weight     float32
	quoted     bool // inside quotation marks: someone else's words
}

// toneSentence is a sentence with at least one cue.
type toneSentence struct {
	start, end int
	from       int // where the sentence starts after a speaker label
	voice      voice
	hits       []toneHit
	mark       rune // the mark that ends it, or 0
	quotedMark bool // the mark is inside quotation marks: someone else asks
}

// toneDoc is what the whole draft says about its genre.
type toneDoc struct{ reply, news bool }

// tone reports hostile reply sentences.
func tone(dst []finding.Finding, text []rune) []finding.Finding {
	sents, doc := toneScan(text)
	for i := range sents {
		if f, ok := sents[i].judge(text, doc); ok {
			dst = append(dst, f)
		}
	}
	return dst
}

// toneScanner is the state of the single pass over the text.
type toneScanner struct {
	text      []rune
	x         *toneIndex
	voice     voice
	labelEnd  int // where the last speaker label ended
	quote     int // depth of open quotation marks
	bareQuote int // quotation marks that hold the reply itself, not someone's words
	blank     bool
	cur       toneSentence
	sents     []toneSentence
	doc       toneDoc
}

// toneScan reads the text once: it follows speakers, quotation marks and
// sentences, and keeps the sentences that hold a cue.
func toneScan(text []rune) ([]toneSentence, toneDoc) {
	s := &toneScanner{text: text, x: toneCues()}
	s.startLine(0)
	for i := 0; i < len(text); i++ {
		r := text[i]
		if s.x.has(r) {
			s.cues(i)
		}
		switch r {
		case '“', '「', '『':
			s.open(i)
		case '”', '」', '』':
			s.quote = max(s.quote-1, 0)
			s.bareQuote = min(s.bareQuote, s.quote)
		case '"':
			if s.quote > 0 {
				s.quote--
				s.bareQuote = min(s.bareQuote, s.quote)
			} else {
				s.open(i)
			}
		}
		if isSentenceEnd(r) {
			s.endSentence(i)
			if isBreak(r) {
				s.startLine(i + 1)
			} else if v, end := labelAt(text, skipSpace(text, i+1), maxInlineLabel); v != voiceNeutral {
				s.voice, s.labelEnd = v, end
				s.doc.reply = s.doc.reply || v == voiceReply
			}
		}
	}
	s.endSentence(len(text))
	return s.sents, s.doc
}

func (s *toneScanner) open(i int) {
	s.quote++
	if i == s.labelEnd && s.voice == voiceReply {
		s.bareQuote = s.quote // 回复：“……” quotes the reply itself
	}
}

// startLine sets the voice of the paragraph that starts at i: from its
// label, or carried on from the paragraph before.
func (s *toneScanner) startLine(i int) {
	s.quote, s.bareQuote = 0, 0
	s.cur.start = i
	j := skipSpace(s.text, i)
	if j >= len(s.text) || isBreak(s.text[j]) {
		s.blank = true
		return
	}
	v, end := labelAt(s.text, j, maxLabel)
	switch {
	case v != voiceNeutral:
		s.voice, s.labelEnd = v, end
		s.doc.reply = s.doc.reply || v == voiceReply
	case opensReply(s.text, j), replyTitle(s.text, j):
		s.voice, s.labelEnd = voiceReply, j
		s.doc.reply = true
	case s.voice == voiceCitizen && s.blank:
		s.voice = voiceNeutral // a citizen's message ends at a blank line
	}
	s.blank = false
}

// cues records every cue that starts at i.
func (s *toneScanner) cues(i int) {
	for _, c := range s.x.get(s.text[i]) {
		if !matchAt(s.text, i, c.word) || c.excepted(s.text, i) {
			continue
		}
		start, end, w := i, i+len(c.word), c.weight
		if c.check != nil {
			if start, end, w = c.check(s.text, i); w == 0 {
				continue
			}
			start = max(start, s.cur.start)
		}
		switch c.kind {
		case kindReplyDoc:
			s.doc.reply = true
			continue
		case kindNewsDoc:
			s.doc.news = true
			continue
		}
		s.cur.hits = append(s.cur.hits, toneHit{start, end, c, w, s.quote > s.bareQuote})
	}
}

// endSentence closes the sentence that ends at i (the mark included).
func (s *toneScanner) endSentence(i int) {
	end := min(i+1, len(s.text))
	asks := s.voice != voiceCitizen && (runeAt(s.text, i) == '？' || runeAt(s.text, i) == '?')
	if len(s.cur.hits) > 0 || asks {
		c := s.cur
		c.end, c.voice, c.mark, c.from = end, s.voice, runeAt(s.text, i), c.start
		c.quotedMark = s.quote > s.bareQuote
		if s.labelEnd > c.start && s.labelEnd < end {
			c.from = s.labelEnd
		}
		c.hits = append([]toneHit(nil), c.hits...)
		s.sents = append(s.sents, c)
	}
	s.cur.hits = s.cur.hits[:0]
	s.cur.start = end
}

// isSentenceEnd is strings.ContainsRune(sentenceEnds, r), without the loop:
// it runs on every character.
func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '\n':
		return true
	}
	return false
}

func skipSpace(text []rune, i int) int {
	for i < len(text) && isSpace(text[i]) {
		i++
	}
	return i
}
