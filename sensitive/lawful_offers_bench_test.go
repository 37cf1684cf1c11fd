package sensitive

import (
	"slices"
	"testing"
)

// BenchmarkOffersAndLabels measures the parts this issue added to Check on the
// 100,000-character benchmark draft: illegal offers, label markings and
// the lowering of secret mentions.
func BenchmarkOffersAndLabels(b *testing.B) {
	runes := []rune(article(b, 100_000))
	b.Run("offers", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			offers(runes)
		}
	})
	b.Run("markings", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			markings(runes)
		}
	})
	b.Run("labels", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			labelMarkings(runes)
		}
	})
	c, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	fs := c.lexiconFindings(string(runes), runes)
	b.Run("lowerSecretMentions", func(b *testing.B) {
		for b.Loop() {
			lowerSecretMentions(runes, slices.Clone(fs))
		}
	})
}
