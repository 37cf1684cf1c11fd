package importer

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// charsetPrescanSize is how far into an HTML file a meta charset is looked
// for; WeChat exports put long style blocks before it, so more than the
// 1024 bytes browsers use.
const charsetPrescanSize = 8192

// decodeHTML re-decodes an HTML file whose meta tag names another encoding
// than the one content sniffing chose. A BOM always wins.
func decodeHTML(data []byte, text, enc string) (string, string, error) {
	if bom, _ := bomEncoding(data); bom != "" {
		return text, enc, nil
	}
	declared := metaCharset(data[:min(len(data), charsetPrescanSize)])
	if declared == "" || declared == enc {
		return text, enc, nil
	}
	out, err := decodeAs(declared, data)
	if err != nil {
		return "", "", refuse(ReasonCorrupt, "cannot decode as "+declared, err)
	}
	if bin, why := looksBinary(out); bin {
		return "", "", refuse(ReasonBinary, why, nil)
	}
	return normalizeNewlines(out), declared, nil
}

// metaCharset finds <meta charset> or <meta http-equiv content="…; charset=…">.
func metaCharset(head []byte) string {
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			if name, hasAttr := z.TagName(); string(name) == "meta" && hasAttr {
				if cs := metaTagCharset(z); cs != "" {
					return cs
				}
			}
		}
	}
}

func metaTagCharset(z *html.Tokenizer) string {
	var charset, content string
	for {
		k, v, more := z.TagAttr()
		switch string(k) {
		case "charset":
			charset = string(v)
		case "content":
			content = string(v)
		}
		if !more {
			break
		}
	}
	if charset == "" {
		if i := strings.Index(strings.ToLower(content), "charset="); i >= 0 {
			charset = strings.Trim(content[i+len("charset="):], `"' ;`)
			if j := strings.IndexAny(charset, "; "); j >= 0 {
				charset = charset[:j]
			}
		}
	}
	return charsetLabel(charset)
}

// charsetLabel maps a declared label to an encoding this package decodes;
// every GB label becomes GB18030, the superset browsers use for them too.
func charsetLabel(label string) string {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "gbk", "gb2312", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "csgb2312", "chinese",
		"iso-ir-58", "csiso58gb231280", "gb_2312", "gb_2312-80":
		return encGB18030
	case "utf-8", "utf8", "unicode-1-1-utf-8", "utf-16", "utf-16le", "utf-16be":
		// A meta tag that the prescan could read is ASCII-compatible: UTF-16 labels mean UTF-8 (HTML spec).
		return encUTF8
	}
	return ""
}
