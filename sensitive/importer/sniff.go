package importer

import (
	"bytes"
	"path/filepath"
	"strings"
)

// kind is what sniffing found in the bytes.
type kind int

const (
	kindText kind = iota
	kindZip
	kindOLE
	kindRTF
	kindBinary
)

var (
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicZip = [][]byte{[]byte("PK\x03\x04"), []byte("PK\x05\x06"), []byte("PK\x07\x08")}
	// Binary formats people mistake for drafts; each is refused as binary
	// even when it has no NUL in the first bytes.
	magicBinary = []struct{ name, magic string }{
		{"PDF", "%PDF-"},
		{"PNG", "\x89PNG\r\n\x1a\n"},
		{"JPEG", "\xFF\xD8\xFF"},
		{"GIF", "GIF87a"},
		{"GIF", "GIF89a"},
		{"TIFF", "II*\x00"},
		{"TIFF", "MM\x00*"},
		{"RIFF", "RIFF"},
		{"gzip", "\x1F\x8B"},
		{"7z", "7z\xBC\xAF\x27\x1C"},
		{"RAR", "Rar!\x1A\x07"},
		{"ELF", "\x7FELF"},
	}
)

// sniff classifies data by its content alone.
func sniff(data []byte) (kind, string) {
	if bytes.HasPrefix(data, magicOLE) {
		return kindOLE, "OLE compound file"
	}
	for _, m := range magicZip {
		if bytes.HasPrefix(data, m) {
			return kindZip, "zip"
		}
	}
	if bytes.HasPrefix(data, []byte(`{\rtf`)) {
		return kindRTF, "RTF"
	}
	for _, m := range magicBinary {
		if bytes.HasPrefix(data, []byte(m.magic)) {
			return kindBinary, m.name
		}
	}
	return kindText, ""
}

// controlRatioLimit is the share of control characters above which decoded
// "text" is taken to be binary: real drafts have at most a stray form feed.
const controlRatioLimit = 0.01

// looksBinary reports whether decoded text holds NULs or too many control characters.
func looksBinary(text string) (bool, string) {
	var controls, total int
	for _, r := range text {
		total++
		switch {
		case r == 0:
			return true, "NUL character"
		case r == '\t' || r == '\n' || r == '\r' || r == '\f':
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0):
			controls++
		}
	}
	if controls > 0 && float64(controls) > controlRatioLimit*float64(total) {
		return true, "control characters"
	}
	return false, ""
}

// textFormat picks among the text formats: the extension is a hint, except
// that a document that starts like HTML is HTML whatever its name.
func textFormat(name, text string) Format {
	if looksHTML(text) {
		return HTML
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml", ".shtml":
		return HTML
	case ".md", ".markdown", ".mdown", ".mkd":
		return Markdown
	}
	return TXT
}

// looksHTML spots a full HTML document (not a text that mentions a tag).
func looksHTML(text string) bool {
	t := strings.TrimLeft(text, " \t\r\n\uFEFF")
	if len(t) > 64 {
		t = t[:64]
	}
	t = strings.ToLower(t)
	for _, p := range []string{"<!doctype html", "<html"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}
