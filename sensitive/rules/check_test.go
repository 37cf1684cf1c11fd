package rules

import (
	"slices"
	"strings"
	"testing"
	"time"

	"shenfa/sensitive/finding"
)

// planted has one case of every rule, to mix into the samples.
const planted = "\n联系人：张三，电话13812345678，身份证350102199001011238，卡号6222 0212 3456 7890 128，" +
	"邮箱zhang.san@example.com。会议定于2024年4月1日（星期二）、2月30日召开，详见https://www.gov.cn/zhengce/。" +
	"“请各单位做好好的的准备，，，请于XX月XX日前报送【待补充】。\n"

func TestSamplesQuiet(t *testing.T) {
	for name, text := range readSamples(t) {
		for _, f := range Check(text) {
			if f.Severity != finding.Info {
				t.Errorf("%s: %s %s %q at %d: %s", name, f.Severity, f.Rule, f.Text, f.Start, f.Message)
			}
		}
	}
}

func TestCheckRunsEveryRule(t *testing.T) {
	fs := Check([]rune(planted))
	if !slices.IsSortedFunc(fs, func(a, b finding.Finding) int { return a.Start - b.Start }) {
		t.Error("findings not sorted")
	}
	seen := map[string]bool{}
	for _, f := range fs {
		seen[f.Rule] = true
	}
	for _, r := range []string{RuleIDCard, RuleMobile, RuleBankCard, RuleEmail, RuleWeekday, RuleImpossible,
		RuleUnpaired, RuleDoubled, RuleDuplicate, RuleURL, RulePlaceholder} {
		if !seen[r] {
			t.Errorf("rule %s did not fire on the planted text: %s", r, describe(fs))
		}
	}
}

func TestCheckEmpty(t *testing.T) {
	if fs := Check(nil); len(fs) != 0 {
		t.Fatal(fs)
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{planted, "2024-02-30（周一）", "“‘（《【〔「『", "XX{{a}}${b}[待定]", "1:2:3 25:00",
		"+86 138 1234 5678", "a@b.cn@c", "www.", "https://", "的的的", "进行进行进行", "X年X月X日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := []rune(s)
		for _, fd := range Check(text) {
			if fd.Start < 0 || fd.End > len(text) || fd.Start >= fd.End {
				t.Fatalf("bad span [%d,%d) in %d runes: %+v", fd.Start, fd.End, len(text), fd)
			}
			if fd.Text != string(text[fd.Start:fd.End]) {
				t.Fatalf("Text %q is not the span %q", fd.Text, string(text[fd.Start:fd.End]))
			}
			if !fd.Category.Valid() || !fd.Severity.Valid() || fd.Rule == "" || fd.Message == "" {
				t.Fatalf("incomplete finding %+v", fd)
			}
		}
	})
}

// benchText builds n characters from the samples with the planted cases
// mixed in every few paragraphs.
func benchText(b *testing.B, n int) []rune {
	var sb strings.Builder
	for _, name := range []string{"gesheng-zhengwu-xinmeiti.txt", "suzhou-jiedu-huiying.txt"} {
		sb.WriteString(string(readSamples(b)[name]))
		sb.WriteString(planted)
	}
	unit := []rune(sb.String())
	text := make([]rune, 0, n+len(unit))
	for len(text) < n {
		text = append(text, unit...)
	}
	return text[:n]
}

func benchmarkCheck(b *testing.B, n int) {
	text := benchText(b, n)
	b.ReportAllocs()
	b.ResetTimer()
	var count int
	for b.Loop() {
		count = len(Check(text))
	}
	b.ReportMetric(float64(count), "findings")
}

func BenchmarkCheck10k(b *testing.B)  { benchmarkCheck(b, 10_000) }
func BenchmarkCheck100k(b *testing.B) { benchmarkCheck(b, 100_000) }

func TestSortedMatchesFindingSort(t *testing.T) {
	var fs []finding.Finding
	text := []rune(planted + "（，，“" + planted)
	for _, s := range append([]scanner{datetimeAt(time.Now())}, undated...) {
		fs = s(fs, text)
	}
	want := slices.Clone(fs)
	finding.Sort(want)
	if got := sorted(fs); !slices.Equal(got, want) {
		t.Fatalf("order differs from finding.Sort:%s\nwant:%s", describe(got), describe(want))
	}
}
