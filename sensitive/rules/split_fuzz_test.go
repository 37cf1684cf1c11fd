package rules

import (
	"testing"
	"time"
)

// FuzzContextScanners feeds the advertising, date, link, placeholder and
// punctuation scanners the shapes they look around for (scopes, prices,
// Chinese numerals, periods, full-width hosts, notes, blanks) so that no
// look-behind or look-ahead runs off the text.
func FuzzContextScanners(f *testing.F) {
	for _, s := range []string{
		"全国最快！一箱5斤只要39.9，#好物#", "100%推荐就业，报名热线", "NO.1", "国家级五星服务", "我县粮食总产量稳居全省第一",
		"二〇二六年十二月三十二日（星期三）", "十二月一日（周五）至5日", "12月20日至12月5日", "12.19（周六）", "本周五（12月12日）",
		"上午14:30", "每晚25时", "以25:19、25:17", "农历二月三十", "周一月",
		"ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ", "www。a。com", "https：//a.cn/?wd=临江", "\\\\srv\\共享", "C:\\a", "file:///x", "192.168.1.1:80/a",
		"此处需领导审核。", "链接：待定", "〈待供电所提供〉", "[图片]", "2026年  月  日", "〔2026〕号", "【】", "共计??人",
		"，，。", "！！！", "…", "...", "\"a\"", "，\n", "\n，",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := []rune(s)
		for _, scan := range []scanner{ads, datetimeAt(time.Now()), links, placeholders, punctuation} {
			for _, fd := range scan(nil, text) {
				if fd.Start < 0 || fd.End > len(text) || fd.Start >= fd.End || fd.Text != string(text[fd.Start:fd.End]) {
					t.Fatalf("bad finding %+v in %q", fd, s)
				}
			}
		}
	})
}
