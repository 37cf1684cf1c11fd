package names

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// paragraph is government-style text with correct names, near-misses and
// plenty of characters that begin anchors (中, 国, 人, 全…).
const paragraph = "为深入贯彻落实中共中央、国务院关于推进政务新媒体健康有序发展的部署，" +
	"全国人民代表大会常务委员会和中国人民政治协商会议有关方面认真学习中国特色社会主义理论，" +
	"各地坚持以人民为中心，扎实推进乡村振兴和扫黑除恶专项斗争，中华人民共和国成立以来，" +
	"人民群众的获得感、幸福感、安全感不断增强。本期误写示例：中华人民共合国、扫黑险恶、" +
	"中国共产当。市政府办公室、县人民法院、全市各级各部门要按照职责分工抓好落实。"

// benchNames is the test list plus generated three-character person names,
// about 200 names in all.
func benchNames(tb testing.TB) []Name {
	ns := loadNames(tb)
	surnames := []rune("王李张刘陈杨赵黄周吴徐孙胡朱")
	given := []rune("建国华明伟军平志红文海")
	for i := 0; len(ns) < 200; i++ {
		w := string([]rune{surnames[i%len(surnames)], given[(i/3)%len(given)], given[(i*7+1)%len(given)]})
		ns = append(ns, Name{Word: w})
	}
	return ns
}

func benchText(runes int) []rune {
	n := runes/utf8.RuneCountInString(paragraph) + 1
	return []rune(strings.Repeat(paragraph, n))[:runes]
}

func BenchmarkCheck100k(b *testing.B) {
	c := New(benchNames(b), loadConf(b))
	text := benchText(100_000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c.Check(text)
	}
}

func BenchmarkNew(b *testing.B) {
	ns, conf := benchNames(b), loadConf(b)
	b.ReportAllocs()
	for b.Loop() {
		New(ns, conf)
	}
}

func BenchmarkLoadConfusables(b *testing.B) {
	pinyin, err := os.ReadFile("../../assets/data/pinyin.txt")
	if err != nil {
		b.Fatal(err)
	}
	shapes, err := os.ReadFile("../../assets/data/shapes.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadConfusables(bytes.NewReader(pinyin), bytes.NewReader(shapes)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckNovel100k measures ordinary prose, where nearly every
// position is rejected by the bitsets.
func BenchmarkCheckNovel100k(b *testing.B) {
	data, err := os.ReadFile("/tmp/corpus/weicheng.utf8")
	if err != nil {
		b.Skip(err)
	}
	text := []rune(string(data))[:100_000]
	c := New(benchNames(b), loadConf(b))
	b.ReportAllocs()
	for b.Loop() {
		c.Check(text)
	}
}
