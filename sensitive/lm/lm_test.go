package lm

import (
	"bytes"
	"testing"
)

func TestDefaultModel(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		word    string
		minFreq uint32
		tag     Tag
	}{
		{"咨询", 1000, 0},
		{"未雨绸缪", 10, Idiom},
		{"届时", 100, 0},
	} {
		w, ok := m.Dict.Lookup([]rune(tc.word))
		if !ok || w.Freq < tc.minFreq || w.Tag&tc.tag != tc.tag {
			t.Errorf("Lookup(%s) = %+v, %v; want freq ≥ %d, tag %v", tc.word, w, ok, tc.minFreq, tc.tag)
		}
	}
	if _, ok := m.Dict.Lookup([]rune("稠缪")); ok {
		t.Error("稠缪 should not be a word")
	}
	if !m.Usage.Seen('现', '代') || m.Usage.Seen('稠', '缪') {
		t.Error("Seen: 现代 should be usual, 稠缪 not")
	}
	if m.Usage.Count([]rune("现代化国家")) < 10 {
		t.Errorf("Count(现代化国家) = %d, want a usual phrase", m.Usage.Count([]rune("现代化国家")))
	}
	if n := m.Usage.Count([]rune("扫黑险恶")); n != 0 {
		t.Errorf("Count(扫黑险恶) = %d, want 0", n)
	}
}

func TestVariants(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	m.Dict.Variants([]rune("未雨稠缪"), 2, func(r rune, w Word) { got = append(got, string(r)) })
	if len(got) != 1 || got[0] != "绸" {
		t.Errorf("Variants(未雨稠缪, 2) = %v, want [绸]", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, data := range []string{"", "词\n", "词\tx\n", "词\t99999999999\n"} {
		if _, err := ParseDict([]byte(data)); err == nil {
			t.Errorf("ParseDict(%q) accepted", data)
		}
	}
	for _, data := range []string{"", "SFUSAGE2\n", "SFUSAGE2\n\x05", "SFUSAGE1\n", "other"} {
		if _, err := ParseUsage([]byte(data)); err == nil {
			t.Errorf("ParseUsage(%q) accepted", data)
		}
	}
}

func TestUsageRoundTrip(t *testing.T) {
	b := NewUsageBuilder()
	b.AddRun([]rune("全面建设社会主义现代化国家"))
	b.AddRun([]rune("全面建设社会主义现代化国家"))
	b.AddRun([]rune("扫黑除恶"))
	b.AddWord([]rune("绸缪"), 10, true)
	var buf bytes.Buffer
	b.Write(&buf)
	u, err := ParseUsage(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if u.Count([]rune("现代化国家")) != 2 || u.Count([]rune("扫黑除恶")) != 0 {
		t.Errorf("counts: %d %d", u.Count([]rune("现代化国家")), u.Count([]rune("扫黑除恶")))
	}
	if !u.Seen('绸', '缪') || !u.Seen('除', '恶') || u.Seen('恶', '扫') {
		t.Error("pairs wrong")
	}
}

func BenchmarkDefaultLoad(b *testing.B) {
	for b.Loop() {
		d, err := ParseDict(assetsWords())
		if err != nil || d == nil {
			b.Fatal(err)
		}
	}
}

func TestWindowsMatchMaskedHash(t *testing.T) {
	text := []rune("各部门要未雨绸缪提前做好准备")
	var w Windows
	w.Reset(text)
	for a := range text {
		for n := 2; n <= MaxMasked && a+n <= len(text); n++ {
			for j := range n {
				if got, want := w.Masked(a, n, j), maskedHash(text[a:a+n], j); got != want {
					t.Fatalf("Masked(%d, %d, %d) = %x, want %x", a, n, j, got, want)
				}
			}
		}
	}
}
