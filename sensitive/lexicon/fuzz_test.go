package lexicon

import (
	"testing"
	"unicode/utf8"
)

// FuzzParse: a lexicon file is outside input; any bytes give a lexicon or an error, never a panic.
func FuzzParse(f *testing.F) {
	f.Add("a.toml", []byte(sample))
	f.Add("a.txt", []byte("# c\n示例词\n按装\t安装\n"))
	f.Add("a.toml", []byte("name=\"x\"\nkind=\"protected\"\n[[entry]]\nword=\"中华人民共和国\"\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		l, err := Parse(name, data, "")
		if err != nil {
			return
		}
		for _, e := range l.Entries {
			if !utf8.ValidString(e.Word) || !e.Category.Valid() || !e.Severity.Valid() {
				t.Fatalf("bad entry %+v", e)
			}
		}
		if _, err := Compile(l); err != nil {
			t.Fatalf("parsed lexicon does not compile: %v", err)
		}
	})
}
