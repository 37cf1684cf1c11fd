package spell

import (
	"math"

	"shenfa/sensitive/lm"
)

// reason says why the proposed character is a likely slip.
type reason uint8

const (
	sound     reason = iota // same main reading
	nearSound               // same reading for a speaker who blurs zh/z, n/l, -ng/-n
	shape                   // similar shape (hand-written groups)
	glyph                   // near-identical printed glyphs
	idiom                   // any character inside a fixed idiom
)

// features is the evidence for one correction.
type features struct {
	gain     float64 // log-probability gain of the local segmentation
	lmGain   float64 // log-probability gain under the character bigram model
	l        int     // window length
	how      reason
	isWord   bool    // the text itself is a (rare) dictionary word
	origFreq uint32  // its frequency
	word     lm.Word // the correction
	oneSeen  bool    // one of the character's bigrams is usual
	name     bool    // the window may be part of a person's name
	charFreq uint32  // CharFreq of the character replaced
	context  bool    // the correction forms a usual sequence with a neighbour
}

// vector lays the features out for the weights; see weights.
func (f features) vector() [nFeatures]float64 {
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	lg := func(v uint32) float64 { return math.Log1p(float64(v)) }
	return [nFeatures]float64{
		1,
		min(max(f.gain, -10), 30) / 10,
		min(max(f.lmGain, -10), 30) / 10,
		b(f.l == 2), b(f.l == 3),
		b(f.how == nearSound), b(f.how == shape), b(f.how == glyph), b(f.how == idiom),
		b(f.isWord), lg(f.word.Freq) / 10, b(f.word.Tag&lm.Idiom != 0),
		b(f.oneSeen), b(f.name), lg(f.charFreq) / 10, b(f.context),
	}
}

// nFeatures is the length of a feature vector.
const nFeatures = 16

// featureNames label the vector for tuning output.
var featureNames = [nFeatures]string{"bias", "gain", "lmGain", "len2", "len3", "nearSound", "shape", "glyph", "idiom",
	"isWord", "logWordFreq", "wordIdiom", "oneSeen", "name", "logCharFreq", "context"}

// score is the weighted evidence; higher means likelier a typo.
func (f features) score() float64 {
	v := f.vector()
	s := 0.0
	for i, w := range weights {
		s += w * v[i]
	}
	return s
}

// weights were fitted by logistic regression (sensitive/spell/fit.py) on the
// candidates at the planted typos of testdata/planted, testdata/blind/dev
// and the even-numbered cases of testdata/blind/dev2 (positives) and on every
// candidate in the even-numbered held-out corpus files and the clean drafts
// of those sets (negatives).
var weights = [nFeatures]float64{-0.192, 2.043, 1.350, -2.377, -1.047, -1.186, 1.917, 0.196, -0.937, 0.929, -0.029, 0.710, 1.679, -1.212, -0.441, 1.106}

// defaultThreshold is the score (a log-odds) a correction needs. On the
// odd-numbered held-out corpus files (640,000 characters) it lets through 14
// candidates, about half after the repetition rule of Check; on 300,000
// characters of government pages of other genres, 6 findings (0.2 per
// 10,000 characters); it finds 85 of the 143 planted typos that have a
// candidate in cross-validation. Lower thresholds find a few more typos
// (102 at 1.5) at a cost in false alarms on published text of other genres
// (17 on the same pages) that the check cannot afford.
const defaultThreshold = 2.0
