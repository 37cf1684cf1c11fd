package diff

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// render writes a result one line per paragraph, marked "  " unchanged,
// "~ " edited, "- " deleted, "+ " inserted; spans as [-deleted-] and
// {+inserted+}, the way a reviewer would read them without colour.
func render(r Result) []string {
	var out []string
	for _, p := range r.Paragraphs {
		var sb strings.Builder
		switch {
		case p.Old < 0:
			sb.WriteString("+ ")
		case p.New < 0:
			sb.WriteString("- ")
		case p.Changed:
			sb.WriteString("~ ")
		default:
			sb.WriteString("  ")
		}
		for _, s := range p.Spans {
			switch {
			case s.Op == Equal || p.Old < 0 || p.New < 0:
				sb.WriteString(s.Text)
			case s.Op == Delete:
				sb.WriteString("[-" + s.Text + "-]")
			default:
				sb.WriteString("{+" + s.Text + "+}")
			}
		}
		out = append(out, sb.String())
	}
	return out
}

// checkInvariants asserts everything a screen or the comment carrier relies
// on: both texts rebuild exactly, offsets are code points that agree with the
// span texts, paragraphs and spans are in order, counts add up, and MapOffset
// is monotonic and maps unchanged characters to equal characters.
func checkInvariants(t *testing.T, oldText, newText string, r Result) {
	t.Helper()
	a, b := []rune(oldText), []rune(newText)
	if r.OldLen != len(a) || r.NewLen != len(b) {
		t.Fatalf("lengths %d,%d, want %d,%d", r.OldLen, r.NewLen, len(a), len(b))
	}
	var olds, news []string
	ins, del := 0, 0
	wantOld, wantNew := 0, 0
	for pi, p := range r.Paragraphs {
		if p.Old >= 0 {
			if p.Old != wantOld {
				t.Fatalf("paragraph %d: old index %d, want %d", pi, p.Old, wantOld)
			}
			wantOld++
			olds = append(olds, p.OldText())
		}
		if p.New >= 0 {
			if p.New != wantNew {
				t.Fatalf("paragraph %d: new index %d, want %d", pi, p.New, wantNew)
			}
			wantNew++
			news = append(news, p.NewText())
		}
		i, d := checkParagraph(t, pi, p, a, b)
		ins, del = ins+i, del+d
	}
	if got := strings.Join(olds, "\n"); got != string(a) {
		t.Fatalf("old text not rebuilt:\n got %q\nwant %q", got, string(a))
	}
	if got := strings.Join(news, "\n"); got != string(b) {
		t.Fatalf("new text not rebuilt:\n got %q\nwant %q", got, string(b))
	}
	if ins != r.Inserted || del != r.Deleted {
		t.Fatalf("counted ins %d del %d, result says %d %d", ins, del, r.Inserted, r.Deleted)
	}
	checkMapping(t, r, a, b)
	checkChanges(t, r)
}

// checkParagraph checks one paragraph's ranges and spans and returns the
// code points it inserts and deletes.
func checkParagraph(t *testing.T, pi int, p Paragraph, a, b []rune) (ins, del int) {
	t.Helper()
	if p.OldStart > p.OldEnd || p.NewStart > p.NewEnd || p.OldEnd > len(a) || p.NewEnd > len(b) {
		t.Fatalf("paragraph %d: bad ranges %+v", pi, p)
	}
	if (p.Old < 0 && p.OldStart != p.OldEnd) || (p.New < 0 && p.NewStart != p.NewEnd) {
		t.Fatalf("paragraph %d: absent side has text %+v", pi, p)
	}
	o, n := p.OldStart, p.NewStart
	changed := p.Old < 0 || p.New < 0
	for si, s := range p.Spans {
		if s.OldStart != o || s.NewStart != n || s.Text == "" {
			t.Fatalf("paragraph %d span %d: %+v not contiguous at old %d new %d", pi, si, s, o, n)
		}
		switch s.Op {
		case Equal:
			if string(a[s.OldStart:s.OldEnd]) != s.Text || string(b[s.NewStart:s.NewEnd]) != s.Text {
				t.Fatalf("paragraph %d span %d: equal text differs %+v", pi, si, s)
			}
		case Delete:
			if s.NewStart != s.NewEnd || string(a[s.OldStart:s.OldEnd]) != s.Text {
				t.Fatalf("paragraph %d span %d: bad delete %+v", pi, si, s)
			}
			del += s.OldEnd - s.OldStart
			changed = true
		case Insert:
			if s.OldStart != s.OldEnd || string(b[s.NewStart:s.NewEnd]) != s.Text {
				t.Fatalf("paragraph %d span %d: bad insert %+v", pi, si, s)
			}
			ins += s.NewEnd - s.NewStart
			changed = true
		}
		o, n = s.OldEnd, s.NewEnd
	}
	if o != p.OldEnd || n != p.NewEnd {
		t.Fatalf("paragraph %d: spans end at %d,%d, paragraph at %d,%d", pi, o, n, p.OldEnd, p.NewEnd)
	}
	if changed != p.Changed {
		t.Fatalf("paragraph %d: Changed %v, spans say %v", pi, p.Changed, changed)
	}
	return ins, del
}

func checkMapping(t *testing.T, r Result, a, b []rune) {
	t.Helper()
	prev := 0
	for off := 0; off <= len(a); off++ {
		n, ok := r.MapOffset(off)
		if n < prev || n > len(b) {
			t.Fatalf("MapOffset(%d) = %d after %d: not monotonic or out of range", off, n, prev)
		}
		prev = n
		if ok && off < len(a) && (n >= len(b) || a[off] != b[n]) {
			t.Fatalf("MapOffset(%d) = %d ok, but %q != new character", off, n, a[off])
		}
	}
	if n, ok := r.MapOffset(len(a)); !ok || n != len(b) {
		t.Fatalf("end maps to %d %v, want %d true", n, ok, len(b))
	}
}

func checkChanges(t *testing.T, r Result) {
	t.Helper()
	ins, del, last := 0, 0, -1
	for _, c := range r.Changes() {
		if c.Paragraph < last || !r.Paragraphs[c.Paragraph].Changed {
			t.Fatalf("change %+v out of order or in an unchanged paragraph", c)
		}
		last = c.Paragraph
		ins += len([]rune(c.Inserted))
		del += len([]rune(c.Deleted))
	}
	if ins != r.Inserted || del != r.Deleted {
		t.Fatalf("changes add up to ins %d del %d, want %d %d", ins, del, r.Inserted, r.Deleted)
	}
}

// samplePool returns the characters of the real articles in testdata, without
// line breaks.
func samplePool(tb testing.TB) []rune {
	tb.Helper()
	files, err := filepath.Glob("../../testdata/samples/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no samples: %v", err)
	}
	var sb strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		sb.WriteString(strings.ReplaceAll(strings.ReplaceAll(string(data), "\r", ""), "\n", ""))
	}
	return []rune(sb.String())
}

// draftParagraphs cuts about total characters of the pool into paragraphs of
// 100–400 characters, wrapping around the pool with a drifting start so that
// repeated material does not repeat whole paragraphs exactly.
func draftParagraphs(pool []rune, total int, rng *rand.Rand) []string {
	var ps []string
	at := 0
	for n := 0; n < total; {
		l := min(100+rng.Intn(301), total-n)
		p := make([]rune, l)
		for i := range p {
			p[i] = pool[(at+i)%len(pool)]
		}
		ps = append(ps, string(p))
		at += l + rng.Intn(7)
		n += l
	}
	return ps
}

// touch makes k small edits in p: a character replaced, inserted or deleted.
func touch(p string, k int, pool []rune, rng *rand.Rand) string {
	rs := []rune(p)
	for ; k > 0 && len(rs) > 0; k-- {
		i := rng.Intn(len(rs))
		c := pool[rng.Intn(len(pool))]
		switch rng.Intn(3) {
		case 0:
			rs[i] = c
		case 1:
			rs = append(rs[:i], append([]rune{c}, rs[i:]...)...)
		default:
			rs = append(rs[:i], rs[i+1:]...)
		}
	}
	return string(rs)
}
