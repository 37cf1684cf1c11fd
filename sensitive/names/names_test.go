package names

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"shenfa/sensitive/finding"
)

var (
	confOnce sync.Once
	testConf *Confusables
	confErr  error
)

// loadConf reads the real data files once for all tests.
func loadConf(t testing.TB) *Confusables {
	t.Helper()
	confOnce.Do(func() {
		p, err := os.Open("../../assets/data/pinyin.txt")
		if err != nil {
			confErr = err
			return
		}
		defer p.Close()
		s, err := os.Open("../../assets/data/shapes.txt")
		if err != nil {
			confErr = err
			return
		}
		defer s.Close()
		testConf, confErr = LoadConfusables(p, s)
	})
	if confErr != nil {
		t.Fatal(confErr)
	}
	return testConf
}

// loadNames reads testdata/names.txt: `word` or `word<TAB>note` a line.
func loadNames(t testing.TB) []Name {
	t.Helper()
	f, err := os.Open("testdata/names.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ns []Name
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		w, note, _ := strings.Cut(line, "\t")
		ns = append(ns, Name{Word: w, Note: note})
	}
	return ns
}

func realChecker(t testing.TB) *Checker {
	return New(loadNames(t), loadConf(t))
}

func TestSimilar(t *testing.T) {
	c := loadConf(t)
	for _, tc := range []struct {
		a, b rune
		want bool
	}{
		{'和', '合', true},  // he
		{'毫', '豪', true},  // hao
		{'毫', '亳', true},  // shape
		{'己', '巳', true},  // shape
		{'除', '险', true},  // shape (阝+余, 阝+佥)
		{'行', '航', true},  // hang: a second reading of a polyphone
		{'华', '共', false}, // neither
		{'中', '法', false},
		{'a', 'b', false},
		{'国', '国', true},
	} {
		if got := c.Similar(tc.a, tc.b); got != tc.want {
			t.Errorf("Similar(%c, %c) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	var none *Confusables
	if none.Similar('和', '合') {
		t.Error("nil Confusables finds similar characters")
	}
}

func TestLoadConfusablesErrors(t *testing.T) {
	for _, tc := range []struct{ pinyin, shapes string }{
		{"和 he\n", ""},         // no tab
		{"和合\the\n", ""},       // two characters
		{"和\t\n", ""},          // no reading
		{"和\the\n", "己已\n巳\n"}, // a one-character group
	} {
		if _, err := LoadConfusables(strings.NewReader(tc.pinyin), strings.NewReader(tc.shapes)); err == nil {
			t.Errorf("LoadConfusables(%q, %q) gave no error", tc.pinyin, tc.shapes)
		}
	}
}

type want struct {
	text, suggestion string
}

func TestCheck(t *testing.T) {
	c := realChecker(t)
	for _, tc := range []struct {
		text string
		want []want
	}{
		{"我爱中华人民共合国。", []want{{"中华人民共合国", "中华人民共和国"}}},
		{"中共人民共和国成立七十五周年", []want{{"中共人民共和国", "中华人民共和国"}}},
		{"坚决打好扫黑险恶攻坚战", []want{{"扫黑险恶", "扫黑除恶"}}},
		{"开展扫黑险恶专项斗争", []want{{"扫黑险恶专项斗争", "扫黑除恶专项斗争"}}},
		{"中华人民和国", []want{{"中华人民和国", "中华人民共和国"}}},
		{"中华人民共共和国", []want{{"中华人民共共和国", "中华人民共和国"}}},
		{"杜家豪同志出席会议", []want{{"杜家豪", "杜家毫"}}},
		{"杜家亳同志", []want{{"杜家亳", "杜家毫"}}},
		{"中国共产当员", []want{{"中国共产当", "中国共产党"}}},
		{"一代一路倡议", []want{{"一代一路", "一带一路"}}},
		{"一带一一路", []want{{"一带一一路", "一带一路"}}},
		{"当中央", []want{{"当中央", "党中央"}}},
		{"中华人民共合国国务院", []want{{"中华人民共合国国务院", "中华人民共和国国务院"}}},
		{"中华人民共合国务院", []want{{"中华人民共合国", "中华人民共和国"}}},
		{"中华人民共合国，中华人民共和国，中共人民共和国", []want{
			{"中华人民共合国", "中华人民共和国"}, {"中共人民共和国", "中华人民共和国"}}},
		// Negatives.
		{"中华人民共和国", nil},
		{"法国共产党和美国共产党", nil},
		{"中国共产党党员", nil},
		{"中华人民共和国国务院", nil},
		{"全国人民代表大会常务委员会", nil},
		{"一带一路一带一路", nil},
		{"中华人民共和国国歌", nil},
		{"健全人大讨论决定重大事项制度", nil},
		{"全国各大城市", nil},
		{"中华人民共 和国", nil}, // evasion noise belongs to another check
		{"中华人民共x和国", nil}, // so do letters
		{"中华人民共和国国国务院", nil},
		{"", nil},
	} {
		got := c.Check([]rune(tc.text))
		checkSpans(t, tc.text, got)
		if len(got) != len(tc.want) {
			t.Errorf("%s: got %d findings %v, want %v", tc.text, len(got), got, tc.want)
			continue
		}
		for i, w := range tc.want {
			if got[i].Text != w.text || got[i].Suggestion != w.suggestion {
				t.Errorf("%s: finding %d = %q → %q, want %q → %q",
					tc.text, i, got[i].Text, got[i].Suggestion, w.text, w.suggestion)
			}
		}
	}
}

func TestFindingFields(t *testing.T) {
	c := New([]Name{{Word: "中华人民共和国"}}, loadConf(t))
	got := c.Check([]rune("我爱中华人民共合国"))
	if len(got) != 1 {
		t.Fatalf("got %v", got)
	}
	f := got[0]
	wantMsg := "“中华人民共合国”疑为“中华人民共和国”的误写（“合”应为“和”）。政务发布中国家名称、机关名称、领导人姓名写错属严重表述错误。"
	if f.Start != 2 || f.End != 9 || f.Category != finding.Political || f.Severity != finding.Block ||
		f.Rule != "political.near_miss" || f.Message != wantMsg || f.Suggestion != "中华人民共和国" {
		t.Errorf("got %+v", f)
	}
	for text, edit := range map[string]string{"中华人民和国": "（漏了“共”）", "中华人民共共和国": "（多了“共”）"} {
		if got := c.Check([]rune(text)); len(got) != 1 || !strings.Contains(got[0].Message, edit) {
			t.Errorf("%s: got %v, want a message with %s", text, got, edit)
		}
	}
}

func TestAllow(t *testing.T) {
	c := realChecker(t)
	text := []rune("中央外事委员会召开会议")
	if got := c.Check(text); len(got) != 1 || got[0].Suggestion != "中央军事委员会" {
		t.Fatalf("before Allow: got %v", got)
	}
	c.Allow("中央外事委员会", "每当", " ")
	if got := c.Check(text); len(got) != 0 {
		t.Errorf("after Allow: got %v", got)
	}
	if got := c.Check([]rune("每当中央作出部署")); len(got) != 0 {
		t.Errorf("每当中央 after Allow: got %v", got)
	}
}

func TestWithoutConfusables(t *testing.T) {
	c := New([]Name{{Word: "中华人民共和国"}, {Word: "杜家毫"}, {Word: "x"}}, nil)
	if got := c.Check([]rune("中共人民共和国 杜家豪")); len(got) != 1 || got[0].Text != "中共人民共和国" {
		t.Errorf("got %v", got)
	}
	var none *Checker
	if got := none.Check([]rune("中共人民共和国")); got != nil {
		t.Errorf("nil checker: got %v", got)
	}
}

// TestCorpus runs correct texts through a realistic list: every finding
// there is a false positive.
func TestCorpus(t *testing.T) {
	c := realChecker(t)
	files, _ := filepath.Glob("../../testdata/samples/*.txt")
	files = append(files, "/tmp/corpus/weicheng.utf8")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Logf("skip %s: %v", name, err)
			continue
		}
		text := []rune(string(data))
		got := c.Check(text)
		checkSpans(t, name, got)
		for _, f := range got {
			t.Errorf("%s: false positive %q → %q at %d", filepath.Base(name), f.Text, f.Suggestion, f.Start)
		}
		t.Logf("%s: %d characters, %d findings", filepath.Base(name), len(text), len(got))
	}
}

// checkSpans verifies the invariants every finding list must keep.
func checkSpans(t testing.TB, label string, fs []finding.Finding) {
	t.Helper()
	text := []rune(label)
	if _, err := os.Stat(label); err == nil {
		data, _ := os.ReadFile(label)
		text = []rune(string(data))
	}
	for i, f := range fs {
		if f.Start < 0 || f.End > len(text) || f.Start >= f.End || f.Text != string(text[f.Start:f.End]) {
			t.Fatalf("%s: bad span %+v", label, f)
		}
		if i > 0 && (fs[i-1].Overlaps(f) || fs[i-1].Start > f.Start) {
			t.Fatalf("%s: findings out of order or overlapping: %+v %+v", label, fs[i-1], f)
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"中华人民共合国", "中共人民共和国国务院", "扫黑险恶", "中华人民共共和国",
		"杜家豪", "一带一路一带一路", "中华人民和国", "国国国国", "\xff中华"} {
		f.Add(s)
	}
	c := realChecker(f)
	c.Allow("全省政协", "")
	f.Fuzz(func(t *testing.T, s string) {
		text := []rune(s)
		fs := c.Check(text)
		for i, fd := range fs {
			if fd.Start < 0 || fd.End > len(text) || fd.Start >= fd.End || fd.Text != string(text[fd.Start:fd.End]) {
				t.Fatalf("bad span %+v in %q", fd, s)
			}
			if i > 0 && (fs[i-1].Overlaps(fd) || fs[i-1].Start > fd.Start) {
				t.Fatalf("overlapping findings %+v %+v", fs[i-1], fd)
			}
			if fd.Text == fd.Suggestion {
				t.Fatalf("exact name reported: %+v", fd)
			}
		}
	})
}

func TestTitlesHaveSiblings(t *testing.T) {
	c := New([]Name{{Word: "中华人民共和国宪法"}}, nil)
	for _, text := range []string{"依据《中华人民共和国民法典》", "《中华人民共和国刑法》"} {
		if fs := c.Check([]rune(text)); len(fs) > 0 {
			t.Errorf("%s: %v", text, fs)
		}
	}
}
