// Package recordpdf writes the unsigned PDF of a sealed record (issue 9 §2,
// GUIDE §3.7): the filled 信息发布审批表 as its cover, the 保密审查表, the
// final text as approved, the history of versions, sign-offs, findings and
// comments, and the content of the original file that a reader does not see,
// with a footer on every page naming the 档号, the page and the SM3 of the
// text. The original file and manifest.json travel inside as associated
// files, so that the PDF alone can be verified offline.
//
// Text is set in the embedded 宋体 (AR PL SungtiL GB) with a per-character
// fallback to Droid Sans Fallback, and broken into lines by Chinese rules
// (避头尾: no closing punctuation at a line start, no opening one at a line
// end; Latin words and numbers kept whole where they fit). The file aims at
// PDF/A-3b: see finish for what the post-process adds to gofpdf's output.
// The archive's signer appends its signature to these bytes as an
// incremental update.
package recordpdf

import (
	"fmt"
	"path"
	"strings"
	"time"

	"shenfa/archive/record"
	"shenfa/assets"
)

// Renderer renders records (it implements archive.Renderer).
type Renderer struct {
	// Location is the zone the record's times are printed in (the cover
	// names it); nil means the machine's local zone.
	Location *time.Location
}

// Render writes the PDF of a record with times in the local zone.
func Render(c *record.Contents) ([]byte, error) { return Renderer{}.Render(c) }

// Render writes the PDF of a record.
func (r Renderer) Render(c *record.Contents) ([]byte, error) {
	if c == nil || c.Manifest == nil {
		return nil, fmt.Errorf("record PDF: no manifest")
	}
	m := c.Manifest
	fs, err := loadFaces()
	if err != nil {
		return nil, fmt.Errorf("record PDF %s: %w", m.Code, err)
	}
	loc := r.Location
	if loc == nil {
		loc = time.Local
	}
	manifest, err := m.Marshal()
	if err != nil {
		return nil, err
	}
	d := &doc{fs: fs}
	cv := sections{d: d, m: m, ck: clock{loc}, p: peopleOf(m)}
	cv.approvalForm()
	cv.secrecyForm()
	cv.finalText(c.Text)
	cv.history(c.Text)
	cv.hidden()
	d.footer(m.Code, m.TextSM3)
	raw, fonts, err := d.replay()
	if err != nil {
		return nil, fmt.Errorf("record PDF %s: %w", m.Code, err)
	}
	created := m.SealedAt
	if created.IsZero() {
		created = time.Now().UTC().Truncate(time.Second)
	}
	out, err := finish(raw, meta{
		title:   clean("信息发布审查记录 " + m.Code + " " + m.Title),
		author:  clean(m.Channel.Unit),
		subject: clean("《" + m.Title + "》的审批、保密审查和归档记录，档号 " + m.Code),
		created: created,
		fonts:   fonts,
		files:   attachments(c, manifest, created),
		icc:     assets.SRGBProfile,
	})
	if err != nil {
		return nil, fmt.Errorf("record PDF %s: %w", m.Code, err)
	}
	return out, nil
}

// maxMeta bounds a metadata value (PDF/A limits a string to 32,767 bytes).
const maxMeta = 1000

// clean makes a metadata value one line of at most maxMeta characters that
// XML can hold, so that the info dictionary and the XMP say exactly the same.
func clean(s string) string {
	if r := []rune(s); len(r) > maxMeta {
		s = string(r[:maxMeta])
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f || (r >= 0xD800 && r <= 0xDFFF) || r == 0xFFFE || r == 0xFFFF:
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// attachments are the associated files: the final original file (/Source:
// the record was made from it) and the manifest (/Data).
func attachments(c *record.Contents, manifest []byte, created time.Time) []attachment {
	m := c.Manifest
	name := m.FileName
	if name == "" {
		name = "original"
	}
	ext := strings.ToLower(path.Ext(name))
	ascii := name
	if !isASCII(name) {
		ascii = "original" + asciiExt(ext)
	}
	orig := created
	for _, v := range m.Versions {
		if v.Number == m.FinalVersion && !v.Time.IsZero() {
			orig = v.Time
		}
	}
	return []attachment{
		{name: name, ascii: ascii, mime: mimeOf(ext), desc: fmt.Sprintf("定稿原件（第 %d 版），SM3 %s", m.FinalVersion, m.FileSM3),
			relation: "Source", data: c.File, modified: orig},
		{name: "manifest.json", ascii: "manifest.json", mime: "application/json",
			desc: "归档清单：全部版本、签署声明、SM2 签名和公钥、检查发现、保密审查和审计链头", relation: "Data", data: manifest, modified: created},
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

func asciiExt(ext string) string {
	if isASCII(ext) && len(ext) <= 10 {
		return ext
	}
	return ""
}

// mimeOf is the media type of the formats a draft is imported from; a
// fixed table, so that the file does not depend on the machine's mime.types.
func mimeOf(ext string) string {
	switch ext {
	case ".docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case ".txt":
		return "text/plain"
	case ".md":
		return "text/markdown"
	case ".html", ".htm":
		return "text/html"
	case ".pdf":
		return "application/pdf"
	}
	return "application/octet-stream"
}
