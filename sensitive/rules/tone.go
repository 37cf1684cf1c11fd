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
// weight and a reach (tone_cues.go, tone_lexicon.go): a strong cue counts
// anywhere, a plain one said only to someone (不知道为什么 in news) counts
// where the sentence speaks to the citizen, some count only beside 你 or
// 您. The wording decides; the layout only adds a little: a reply (a label,
// a salutation, an @handle, 经核实 in a work order) raises the score, and so
// do 你, a turn without any courtesy, a question asked back and an
// exclamation; courtesy in the clause of the cue (请, 感谢, 抱歉 — not 您,
// which every reply says), news, reported speech and quotation lower it,
// and the citizen's own message never counts. One plain cue does not reach
// toneThreshold by itself: it needs the reply, a second cue or a mark.
const (
	toneThreshold  = 3
	replyWeight    = 1   // the sentence is in a reply
	replyDocWeight = 0.5 // the draft reads as a reply, the paragraph has no label
	bareWeight     = 0.5 // a reply whose turn has no courtesy at all (no 您, 请, 感谢…)
	registerDrop   = 0.5 // 你 in a reply that says 您 elsewhere
	newsWeight     = -2  // the draft reads as news and the sentence is not a reply
	youWeight      = 1   // 你 in a reply; half as much in a paragraph without a label
	questionMark   = 1   // a reply sentence ending in ？ without courtesy
	exclamation    = 0.5 // a reply sentence ending in ！ without courtesy
	maxCourtesy    = 2   // courtesy lowers a score by at most this much
	otherClause    = 0   // share of its weight a courtesy outside the hostile clauses keeps: 急也没用，请耐心等待
	maxEcho        = 4   // a question asked back of this many characters or fewer repeats the request
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
	turn       int  // which speaker's turn it belongs to
	finds      bool // its paragraph opens as a finding does: 经核实, 经核查
	mark       rune // the mark that ends it, or 0
	quotedMark bool // the mark is inside quotation marks: someone else asks
}

// toneDoc is what the whole draft says about its genre.
type toneDoc struct {
	reply, news bool
	formal      bool   // a reply sentence says 您
	polite      []bool // per speaker's turn: it holds some courtesy
}

// politeTurn reports whether the turn holds some courtesy.
func (d *toneDoc) politeTurn(turn int) bool { return turn < len(d.polite) && d.polite[turn] }

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
	text        []rune
	x           *toneIndex
	voice       voice
	labelEnd    int // where the last speaker label ended
	quote       int // depth of open quotation marks
	bareQuote   int // quotation marks that hold the reply itself, not someone's words
	blank       bool
	turn        int  // speaker's turns so far
	replied     bool // a reply has started
	toOffice    bool // the citizen's paragraph is a letter to an official
	finds       bool // the paragraph opens with 经核实 or the like
	paraFirst   int  // the first sentence of the paragraph in sents
	paraCitizen bool // the paragraph speaks to the office (你们工作人员)
	cur         toneSentence
	sents       []toneSentence
	doc         toneDoc
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
				s.speak(v, end)
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
	s.paraFirst, s.paraCitizen = len(s.sents), false
	s.cur.start = i
	j := skipSpace(s.text, i)
	if j >= len(s.text) || isBreak(s.text[j]) {
		s.blank = true
		return
	}
	s.finds = opensFinding(s.text, j)
	v, end := labelAt(s.text, j, maxLabel)
	switch {
	case v != voiceNeutral:
		s.speak(v, end)
		s.toOffice = v == voiceCitizen && writesToOffice(string(s.text[j:max(end-1, j)]))
	case s.toOffice && s.voice == voiceCitizen:
		// 您好！ under 尊敬的市长： is the citizen's greeting
	case opensReply(s.text, j):
		s.speak(voiceReply, handleEnd(s.text, j))
	case replyTitle(s.text, j):
		s.voice, s.labelEnd = voiceReply, j
		s.doc.reply = true
	case s.voice == voiceCitizen && s.blank:
		s.voice = voiceNeutral // a citizen's message ends at a blank line
	}
	s.blank = false
}

// citizenParagraph marks the paragraph being read as the citizen's: what
// it said so far, and the rest of it.
func (s *toneScanner) citizenParagraph() {
	for k := s.paraFirst; k < len(s.sents); k++ {
		s.sents[k].voice = voiceCitizen
	}
	s.paraCitizen = true
}

// speak starts what the speaker v says from end on. On a page that
// carries a citizen's message and its answer, the message often has no
// label: what stands before the first reply is the citizen's (or a title).
func (s *toneScanner) speak(v voice, end int) {
	s.voice, s.labelEnd = v, end
	s.turn++
	if v != voiceReply {
		return
	}
	if !s.replied {
		for k := range s.sents {
			if s.sents[k].voice == voiceNeutral {
				s.sents[k].voice = voiceCitizen
			}
		}
	}
	s.replied, s.doc.reply = true, true
}

// cues records every cue that starts at i.
func (s *toneScanner) cues(i int) {
	short, long := s.x.candidates(s.text, i)
	for _, c := range short {
		s.cue(i, c)
	}
	for _, c := range long {
		s.cue(i, c)
	}
}

// cue records c if it stands at i.
func (s *toneScanner) cue(i int, c *toneCue) {
	if !matchAt(s.text, i, c.word) || c.excepted(s.text, i) {
		return
	}
	start, end, w := i, i+len(c.word), c.weight
	if c.check != nil {
		if start, end, w = c.check(s.text, i); w == 0 {
			return
		}
		start = max(start, s.cur.start)
	}
	switch c.kind {
	case kindReplyDoc:
		s.doc.reply = true
		return
	case kindNewsDoc:
		s.doc.news = true
		return
	case kindToOffice:
		if s.quote <= s.bareQuote {
			s.citizenParagraph()
		}
		return
	}
	s.cur.hits = append(s.cur.hits, toneHit{start, end, c, w, s.quote > s.bareQuote})
}

// endSentence closes the sentence that ends at i (the mark included).
func (s *toneScanner) endSentence(i int) {
	end := min(i+1, len(s.text))
	asks := s.voice != voiceCitizen && (runeAt(s.text, i) == '？' || runeAt(s.text, i) == '?')
	if len(s.cur.hits) > 0 || asks {
		c := s.cur
		c.end, c.voice, c.mark, c.from, c.turn, c.finds = end, s.voice, runeAt(s.text, i), c.start, s.turn, s.finds
		if s.paraCitizen {
			c.voice = voiceCitizen
		}
		for _, h := range c.hits {
			if h.cue.kind == kindCourtesy && h.cue.formal && !h.quoted && s.voice == voiceReply {
				s.doc.formal = true
			}
			if h.cue.kind == kindCourtesy && !h.quoted {
				for len(s.doc.polite) <= s.turn {
					s.doc.polite = append(s.doc.polite, false)
				}
				s.doc.polite[s.turn] = true
			}
		}
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
