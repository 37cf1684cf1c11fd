package policy

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"shenfa/assets"
	"shenfa/sensitive/finding"
)

// FuzzParse: a policy file is outside input (a secadmin imports it); any
// bytes give a policy that keeps every rule, or an *Error placed in the file.
func FuzzParse(f *testing.F) {
	f.Add([]byte(base))
	f.Add(assets.DefaultPolicy)
	files, _ := filepath.Glob("testdata/*.toml")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("grade = [{id = \"A\", steps = [[\"tier1\"]]}]\n[waive]\ntier1 = [\"secret\"]\n"))
	f.Add([]byte("[[grade.x]]\n[[grade]]\n[grade.y]\n[steps.tier1]\ndue_hours = 99999999999999999999\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Reason == "" {
				t.Fatalf("Parse error is not a placed *Error: %#v", err)
			}
			if lines := bytes.Count(data, []byte("\n")) + 1; e.Line < 0 || e.Line > lines {
				t.Fatalf("error on line %d of a %d-line file: %v", e.Line, lines, err)
			}
			return
		}
		checkRules(t, p)
		again, err := Parse(data)
		if err != nil || again.SM3 != p.SM3 {
			t.Fatalf("second parse differs: %v", err)
		}
	})
}

// checkRules asserts what the workflow relies on in any parsed policy.
func checkRules(t *testing.T, p *Policy) {
	t.Helper()
	if p.Name == "" || p.Version == "" || strings.ContainsAny(p.Version, " \t\n") || len(p.Grades) == 0 {
		t.Fatalf("header %+v", p)
	}
	for _, g := range p.Grades {
		s := g.Steps
		if len(s) == 0 || s[0] != Tier1 || !slices.Contains(s, Tier3) || !slices.Contains(s, Secrecy) {
			t.Fatalf("grade %s steps %v", g.ID, s)
		}
		for i, st := range s {
			if !st.Valid() || slices.Index(s, st) != i {
				t.Fatalf("grade %s steps %v", g.ID, s)
			}
		}
		if i := slices.Index(s, Tier2); i > slices.Index(s, Tier3) {
			t.Fatalf("grade %s: tier2 after tier3: %v", g.ID, s)
		}
		if !g.Retention.Valid() || g.Label == "" {
			t.Fatalf("grade %+v", g)
		}
		code, err := p.ArchiveCode.Code(p.Fonds, 2026, g.Retention, 1)
		if err != nil || !strings.Contains(code, "2026") || strings.ContainsAny(code, forbiddenInCode) {
			t.Fatalf("archive code %q from %q: %v", code, p.ArchiveCode, err)
		}
	}
	for _, s := range AllSteps {
		if p.MayWaive(s, finding.Secret) || p.MayWaive(s, finding.Privacy) {
			t.Fatalf("%s may waive secret or privacy", s)
		}
	}
}

// FuzzParseArchiveCode: a valid pattern always formats, and keeps its year.
func FuzzParseArchiveCode(f *testing.F) {
	f.Add("{fonds}-WS·{year}-{retention}-{seq:04}")
	f.Add("{year}{seq:09}")
	f.Add("{year}-{seq")
	f.Fuzz(func(t *testing.T, pattern string) {
		c, err := ParseArchiveCode(pattern)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Reason == "" {
				t.Fatalf("error %#v", err)
			}
			return
		}
		code, err := c.Code("Z001", 1999, Years30, 123)
		if err != nil || !strings.Contains(code, "1999") || !strings.Contains(code, "123") {
			t.Fatalf("%q formats %q, %v", pattern, code, err)
		}
	})
}
