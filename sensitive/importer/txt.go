package importer

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names recorded in Document.Encoding.
const (
	encUTF8    = "utf-8"
	encUTF16LE = "utf-16le"
	encUTF16BE = "utf-16be"
	encGB18030 = "gb18030"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// bomEncoding returns the encoding named by a byte order mark and the data
// after it, or "" when there is none.
func bomEncoding(data []byte) (string, []byte) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return encUTF8, data[3:]
	case bytes.HasPrefix(data, bomUTF16LE):
		return encUTF16LE, data[2:]
	case bytes.HasPrefix(data, bomUTF16BE):
		return encUTF16BE, data[2:]
	}
	return "", data
}

// decodeText turns bytes into UTF-8: a BOM decides, then valid UTF-8, then GB18030
// (a superset of GBK and GB2312, which is what Chinese Windows saves as "ANSI").
func decodeText(data []byte) (text, enc string, err error) {
	enc, rest := bomEncoding(data)
	if enc == "" {
		enc = encGB18030
		if utf8.Valid(data) {
			enc = encUTF8
		}
	}
	text, err = decodeAs(enc, rest)
	return text, enc, err
}

// decodeAs decodes data (without BOM) from a known encoding.
func decodeAs(enc string, data []byte) (string, error) {
	var dec *encoding.Decoder
	switch enc {
	case encUTF8:
		return strings.ToValidUTF8(string(data), "\uFFFD"), nil
	case encUTF16LE:
		dec = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()
	case encUTF16BE:
		dec = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()
	case encGB18030:
		dec = simplifiedchinese.GB18030.NewDecoder()
	default:
		return "", fmt.Errorf("unknown encoding %q", enc)
	}
	out, err := dec.Bytes(data)
	if err != nil {
		return "", fmt.Errorf("decode %s: %w", enc, err)
	}
	// Decoders substitute U+FFFD for bad input; make sure nothing invalid slips through.
	return strings.ToValidUTF8(string(out), "\uFFFD"), nil
}

// normalizeNewlines turns \r\n and lone \r into \n; line ends are not content.
func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// decodeChecked decodes text data and refuses binary content.
func decodeChecked(data []byte) (text, enc string, err error) {
	text, enc, err = decodeText(data)
	if err != nil {
		return "", "", refuse(ReasonCorrupt, "cannot decode text", err)
	}
	if bin, why := looksBinary(text); bin {
		return "", "", refuse(ReasonBinary, why, nil)
	}
	return normalizeNewlines(text), enc, nil
}

// importTXT makes a one-section document of plain text.
func importTXT(text, enc string) (*Document, error) {
	var b builder
	start := b.beginSection()
	b.write(text)
	b.sections = append(b.sections, Section{Kind: Body, Start: start, End: b.pos()})
	return b.document(TXT, enc)
}
