package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Import reads a draft from memory. The format comes from the content; the
// name's extension only chooses among text formats (.md, .html, .txt).
func Import(name string, data []byte) (doc *Document, err error) {
	defer func() {
		// Last line of defence for outside input: a bug must not take down the app.
		if p := recover(); p != nil {
			doc, err = nil, refuse(ReasonCorrupt, "internal error", fmt.Errorf("panic: %v", p))
		}
		if err != nil {
			err = withFile(err, name)
		}
	}()
	doc, err = importData(name, data)
	if err == nil {
		doc.Name = filepath.Base(name)
	}
	return doc, err
}

// ImportFile reads a draft from disk, refusing oversized files before reading them.
func ImportFile(path string) (*Document, error) {
	name := filepath.Base(path)
	fi, err := os.Stat(path)
	if err != nil {
		return nil, withFile(refuse(ReasonRead, "", err), name)
	}
	if !fi.Mode().IsRegular() {
		return nil, withFile(refuse(ReasonRead, "not a regular file", nil), name)
	}
	if fi.Size() > MaxFileSize {
		return nil, withFile(refuseLimit(ReasonTooLarge, MaxFileSize, fmt.Sprintf("%d bytes", fi.Size())), name)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, withFile(refuse(ReasonRead, "", err), name)
	}
	defer f.Close()
	// The file may grow between Stat and Read: read one byte past the limit to notice.
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, withFile(refuse(ReasonRead, "", err), name)
	}
	return Import(name, data)
}

// withFile names the file in an *Error, wrapping any other error as corrupt.
func withFile(err error, name string) error {
	var e *Error
	if !errors.As(err, &e) {
		e = refuse(ReasonCorrupt, "", err)
	}
	e.File = filepath.Base(name)
	return e
}

// importData dispatches on sniffed content.
func importData(name string, data []byte) (*Document, error) {
	if len(data) > MaxFileSize {
		return nil, refuseLimit(ReasonTooLarge, MaxFileSize, fmt.Sprintf("%d bytes", len(data)))
	}
	if len(data) == 0 {
		return nil, refuse(ReasonEmpty, "", nil)
	}
	switch k, what := sniff(data); k {
	case kindOLE:
		if bytes.Contains(data, utf16Name("EncryptedPackage")) {
			return nil, refuse(ReasonEncrypted, what, nil)
		}
		return nil, refuse(ReasonLegacyWord, what, nil)
	case kindRTF:
		return nil, refuse(ReasonLegacyWord, what, nil)
	case kindBinary:
		return nil, refuse(ReasonBinary, what, nil)
	case kindZip:
		return importDOCX(name, data, nil)
	}
	return importText(name, data)
}

// importText handles the text formats.
func importText(name string, data []byte) (*Document, error) {
	text, enc, err := decodeChecked(data)
	if err != nil {
		return nil, err
	}
	switch textFormat(name, text) {
	case HTML:
		return importHTML(data, text, enc)
	case Markdown:
		return importMarkdown(text, enc)
	}
	return importTXT(text, enc)
}

// utf16Name encodes an ASCII name as UTF-16LE, as OLE directory entries store names.
func utf16Name(s string) []byte {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		b.WriteByte(0)
	}
	return []byte(b.String())
}
