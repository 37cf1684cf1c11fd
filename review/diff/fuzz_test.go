package diff

import (
	"testing"
	"time"
)

// FuzzDiff diffs arbitrary pairs of texts: both must rebuild exactly, offsets
// must agree with the span texts, MapOffset must stay monotonic, and nothing
// may panic. Every other input runs with deadlines that have already passed,
// so the approximate paths are fuzzed too.
func FuzzDiff(f *testing.F) {
	seeds := [][2]string{
		{"", ""}, {"", "a"}, {"a", ""}, {"a", "b"}, {"ab", "ba"},
		{"坚持扫黑除恶专项斗争。", "坚持扫黑险恶专项斗争。"},
		{"甲\n乙\n丙", "乙\n丙\n甲"},
		{"第一段\r\n第二段", "第一段\n第二段\n"},
		{"点赞👍🏻🇨🇳！", "点赞👍🏿🇺🇸！"},
		{"The color of 2025年", "The colour of 2026年"},
		{"\n\n\n", "\n"},
		{"e\u0301 cafe", "é café"},
		{"为人民服务，为人民服务，为人民服务，", "为人民服务，为党服务，为人民服务，"},
		{"甲\xff乙", "甲\xfe乙"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		var opts []Option
		if len(a)%2 == 1 {
			opts = []Option{WithTimeout(time.Nanosecond)}
		}
		checkInvariants(t, a, b, Compute(a, b, opts...))
	})
}
