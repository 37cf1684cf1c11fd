package assets

import (
	"bytes"
	"image/png"
	"io/fs"
	"testing"
)

func TestFontsAreTrueType(t *testing.T) {
	for name, b := range map[string][]byte{"UIFont": UIFont, "RecordFont": RecordFont} {
		if len(b) < 4 || !bytes.Equal(b[:4], []byte{0x00, 0x01, 0x00, 0x00}) {
			t.Errorf("%s: not a TrueType font (len %d)", name, len(b))
		}
	}
}

func TestIconIs512PNG(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon))
	if err != nil {
		t.Fatalf("icon: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Errorf("icon is %dx%d, want 512x512", b.Dx(), b.Dy())
	}
}

func TestTranslationsEmbedded(t *testing.T) {
	files, err := fs.Glob(Translations, "translations/*.json")
	if err != nil || len(files) == 0 {
		t.Errorf("no translations/*.json embedded (err %v)", err)
	}
}
