package importer

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// benchDocx builds a docx of about size bytes from Chinese paragraphs drawn at
// random from common characters, so that it compresses like real text.
func benchDocx(b *testing.B, size int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	pool := []rune("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研")
	var body strings.Builder
	for i := 0; body.Len() < size*5/2; i++ {
		body.WriteString(`<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr><w:t>`)
		for j := 0; j < 120; j++ {
			body.WriteRune(pool[rng.IntN(len(pool))])
		}
		body.WriteString(`</w:t></w:r></w:p>`)
	}
	return makeZip(b, minimalDocx(body.String()))
}

func BenchmarkImportDOCX(b *testing.B) {
	data := benchDocx(b, 1<<20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Import("bench.docx", data); err != nil {
			b.Fatal(err)
		}
	}
}
