package diff

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"
)

func newRand(seed int64) *rand.Rand { return rand.New(rand.NewSource(seed)) }

// TestRandomEditsKeepInvariants edits real text the ways authors do — small
// touches, whole paragraphs inserted, deleted, moved and split, emoji, CRLF —
// and checks that every diff rebuilds both versions and maps offsets sanely.
func TestRandomEditsKeepInvariants(t *testing.T) {
	pool := append(samplePool(t), []rune("😀👍🏻🇨🇳𠀀\r a1")...)
	for seed := int64(0); seed < 60; seed++ {
		rng := newRand(seed)
		old := draftParagraphs(pool, 500+rng.Intn(3000), rng)
		new := editParagraphs(slices.Clone(old), pool, rng)
		a, b := strings.Join(old, "\n"), strings.Join(new, "\n")
		r := Compute(a, b)
		checkInvariants(t, a, b, r)
		if r.Approximate {
			t.Fatalf("seed %d: approximate", seed)
		}
	}
}

func editParagraphs(ps []string, pool []rune, rng *rand.Rand) []string {
	for k := rng.Intn(6); k >= 0; k-- {
		i := rng.Intn(len(ps))
		switch rng.Intn(6) {
		case 0, 1:
			ps[i] = touch(ps[i], 1+rng.Intn(5), pool, rng)
		case 2:
			ps = slices.Insert(ps, i, touch(ps[rng.Intn(len(ps))], 30, pool, rng))
		case 3:
			if len(ps) > 1 {
				ps = slices.Delete(ps, i, i+1)
			}
		case 4:
			p := ps[i]
			ps = slices.Insert(slices.Delete(ps, i, i+1), rng.Intn(len(ps)), p)
		case 5:
			rs := []rune(ps[i])
			cut := rng.Intn(len(rs) + 1)
			ps = slices.Insert(slices.Delete(ps, i, i+1), i, string(rs[:cut]), string(rs[cut:]))
		}
	}
	return ps
}

// TestScatteredTyposStayMinimal: k one-character substitutions, far apart,
// give exactly k changes of one character each.
func TestScatteredTyposStayMinimal(t *testing.T) {
	pool := samplePool(t)
	for seed := int64(0); seed < 20; seed++ {
		rng := newRand(seed)
		old := []rune(strings.Join(draftParagraphs(pool, 3000, rng), ""))
		new := slices.Clone(old)
		k := 0
		for i := 5; i+5 < len(new); i += 40 + rng.Intn(40) {
			if unicode.Is(unicode.Han, new[i-1]) && unicode.Is(unicode.Han, new[i]) && unicode.Is(unicode.Han, new[i+1]) && new[i] != '〇' {
				new[i] = '〇'
				k++
			}
		}
		r := Compute(string(old), string(new))
		checkInvariants(t, string(old), string(new), r)
		if s := r.Summary(); s.Changes != k || s.Inserted != k || s.Deleted != k {
			t.Fatalf("seed %d: %d typos gave %+v", seed, k, s)
		}
	}
}

// TestRepetitiveTextGivesMinimalDiff is the trap of go-diff's default
// timeout: on repetitive text its half-match shortcut aligns the wrong
// repetitions. Ours must mark only the changed characters.
func TestRepetitiveTextGivesMinimalDiff(t *testing.T) {
	old := []rune(strings.Repeat("为人民服务，", 2000))
	new := slices.Clone(old)
	k := 0
	for i := 7; i < len(new); i += 997 {
		if new[i] != '，' {
			new[i] = '党'
			k++
		}
	}
	r := Compute(string(old), string(new))
	checkInvariants(t, string(old), string(new), r)
	if r.Approximate || r.Inserted+r.Deleted > 2*k {
		t.Fatalf("%d substitutions gave ins %d del %d approximate %v", k, r.Inserted, r.Deleted, r.Approximate)
	}
	dflt := diffmatchpatch.New()
	raw := dflt.DiffMain(string(old), string(new), false)
	t.Logf("%d substitutions: ours marks %d characters; go-diff with its defaults %d, after its semantic cleanup %d",
		k, r.Inserted+r.Deleted, cost(raw), cost(dflt.DiffCleanupSemantic(raw)))
}

func TestRepeatedParagraphs(t *testing.T) {
	ps := slices.Repeat([]string{"同意。"}, 500)
	old := strings.Join(ps, "\n")
	new := strings.Join(slices.Insert(slices.Clone(ps), 250, "不同意。"), "\n")
	r := Compute(old, new)
	checkInvariants(t, old, new, r)
	s := r.Summary()
	if s.Changes != 1 || s.ChangedParagraphs != 1 || s.InsertedParagraphs+s.DeletedParagraphs > 1 || r.Inserted != 4 {
		t.Fatalf("one paragraph inserted among 500 repeated ones: %+v", s)
	}
}

// TestTimeoutIsLabelled forces every deadline to pass: the diff must still
// rebuild both texts, and say that it is approximate, and where.
func TestTimeoutIsLabelled(t *testing.T) {
	pool := samplePool(t)
	rng := newRand(7)
	ps := draftParagraphs(pool, 20000, rng)
	big := strings.Join(ps[:len(ps)/2], "") // one long paragraph
	edited := touch(big, 300, pool, rng)
	old := "标题\n" + big + "\n结尾"
	new := "标题\n" + edited + "\n结尾"
	for _, opt := range []Option{WithTimeout(time.Nanosecond), WithBudget(time.Nanosecond)} {
		r := Compute(old, new, opt)
		checkInvariants(t, old, new, r)
		if !r.Approximate || !r.Summary().Approximate {
			t.Fatal("a diff cut short is not labelled approximate")
		}
		for i, p := range r.Paragraphs {
			if p.Approximate != (i == 1) {
				t.Fatalf("paragraph %d: Approximate %v", i, p.Approximate)
			}
		}
	}
	exact := Compute(old, new, WithTimeout(0), WithBudget(0))
	checkInvariants(t, old, new, exact)
	if exact.Approximate {
		t.Fatal("no limits, yet approximate")
	}
}

// TestParagraphAlignmentTimeoutIsLabelled cuts the paragraph alignment short:
// the pairing by similarity still finds the unchanged paragraphs, and only
// changed ones are labelled approximate.
func TestParagraphAlignmentTimeoutIsLabelled(t *testing.T) {
	pool := samplePool(t)
	rng := newRand(9)
	old := draftParagraphs(pool, 8000, rng)
	new := slices.Clone(old)
	new[3] = touch(new[3], 3, pool, rng)
	new = slices.Insert(new, 10, "新增的一段。")
	new = slices.Delete(new, 20, 21)
	a, b := strings.Join(old, "\n"), strings.Join(new, "\n")
	r := Compute(a, b, WithTimeout(time.Nanosecond))
	checkInvariants(t, a, b, r)
	if !r.Approximate {
		t.Fatal("not labelled approximate")
	}
	for i, p := range r.Paragraphs {
		if p.Approximate != p.Changed {
			t.Fatalf("paragraph %d: changed %v, approximate %v", i, p.Changed, p.Approximate)
		}
	}
	if s := r.Summary(); s.ChangedParagraphs > 6 {
		t.Fatalf("three edits marked %d paragraphs", s.ChangedParagraphs)
	}
}
