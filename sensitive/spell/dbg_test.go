package spell

import (
	"fmt"
	"github.com/pelletier/go-toml/v2"
	"os"
	"strings"
	"testing"
)

func TestDebug(t *testing.T) {
	ws := os.Getenv("SHENFA_DEBUG")
	if ws == "" {
		t.Skip()
	}
	c := checker(t)
	for _, s := range strings.Split(ws, ",") {
		rs := []rune(s)
		for i := range rs {
			w, ok := c.m.Dict.Lookup(rs[i : i+1])
			t.Logf("%c dict=%v,%v left=%v right=%v", rs[i], w, ok, i > 0 && c.m.Usage.Seen(rs[i-1], rs[i]), i+1 < len(rs) && c.m.Usage.Seen(rs[i], rs[i+1]))
		}
		w, ok := c.m.Dict.Lookup(rs)
		t.Logf("%s dict=%v,%v usage=%d findings=%v", s, w, ok, c.m.Usage.Count(rs), c.Check(rs))
	}
}

func TestDebugChars(t *testing.T) {
	ws := os.Getenv("SHENFA_DEBUG_CHARS")
	if ws == "" {
		t.Skip()
	}
	c := checker(t)
	for _, r := range ws {
		t.Logf("%c %d", r, c.m.Dict.CharFreq(r))
	}
}

// TestExplain says, for each planted typo of SHENFA_EXPLAIN (a TOML file)
// that differs from its suggestion in one character, which test rejects it.
func TestExplain(t *testing.T) {
	path := os.Getenv("SHENFA_EXPLAIN")
	if path == "" {
		t.Skip()
	}
	c := checker(t)
	data, _ := os.ReadFile(path)
	var set struct {
		Case []struct {
			Text   string `toml:"text"`
			Expect []struct {
				Category   string `toml:"category"`
				Text       string `toml:"text"`
				Suggestion string `toml:"suggestion"`
			} `toml:"expect"`
		} `toml:"case"`
	}
	if err := toml.Unmarshal(data, &set); err != nil {
		t.Fatal(err)
	}
	for _, cs := range set.Case {
		text := []rune(cs.Text)
		for _, e := range cs.Expect {
			got, want := []rune(e.Text), []rune(e.Suggestion)
			if e.Category != "typo" || len(got) != len(want) {
				continue
			}
			j := -1
			for k := range got {
				if got[k] != want[k] {
					if j >= 0 {
						j = -2
						break
					}
					j = k
				}
			}
			if j < 0 {
				continue
			}
			a := len([]rune(cs.Text[:strings.Index(cs.Text, e.Text)]))
			i := a + j
			l := len(got)
			u := c.m.Usage
			ls := i > 0 && u.Seen(text[i-1], text[i])
			rs := i+1 < len(text) && u.Seen(text[i], text[i+1])
			orig, isWord := c.m.Dict.Lookup(got)
			cw, _ := c.m.Dict.Lookup(want)
			found := len(c.Check(text[max(0, a-8):min(len(text), a+l+8)])) > 0
			t.Logf("%v %s→%s ls=%v rs=%v winOK=%v count=%d orig=%v/%v want=%d likely=%v name=%v rare=%v ctx=%v gain=%.1f",
				found, e.Text, e.Suggestion, ls, rs, !(ls && rs), u.Count(got), orig.Freq, isWord, cw.Freq,
				c.conf.Likely(got[j], want[j]), nameNear(text, got, a), c.m.Dict.CharFreq(got[j]),
				l >= 4 || c.fitsContext(text, a, l, j, want[j]), c.gain(text, max(0, a-5), min(len(text), a+l+5), a, l, i, want[j], isWord))
		}
	}
}

func TestDebugScores(t *testing.T) {
	ws := os.Getenv("SHENFA_DEBUG_SCORES")
	if ws == "" {
		t.Skip()
	}
	c := checker(t)
	for _, s := range strings.Split(ws, ",") {
		c.trace = func(text []rune, cd candidate) {
			v := cd.f.vector()
			var b strings.Builder
			for i, x := range v {
				if x != 0 {
					fmt.Fprintf(&b, "%s=%.2f ", featureNames[i], x)
				}
			}
			t.Logf("%s: %s→%c score %.2f %s", s, string(text[cd.start:cd.end]), cd.r, cd.score, b.String())
		}
		c.Check([]rune(s))
	}
}
