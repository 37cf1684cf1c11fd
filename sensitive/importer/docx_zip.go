package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// docxPackage is a docx zip whose directory has passed the limits.
type docxPackage struct {
	files  map[string]*zip.File // by partKey
	names  []string             // partKeys in zip order
	read   int64                // bytes inflated so far, across parts
	parsed map[string]bool      // parts already checked for DOCTYPE while parsing
}

// partKey normalises an entry name the way a consumer might resolve it, so
// that entries one program would confuse are caught as duplicates.
func partKey(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	return strings.ToLower(strings.TrimLeft(name, "/"))
}

// openDocx checks the zip directory against every limit before inflating anything.
func openDocx(data []byte) (*docxPackage, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, refuse(ReasonCorrupt, "not a valid zip archive", err)
	}
	if len(zr.File) > MaxDocxEntries {
		return nil, refuseLimit(ReasonZipLimit, MaxDocxEntries, fmt.Sprintf("%d entries", len(zr.File)))
	}
	p := &docxPackage{files: make(map[string]*zip.File, len(zr.File)), parsed: map[string]bool{}}
	var total uint64
	for _, f := range zr.File {
		if err := checkEntry(f); err != nil {
			return nil, err
		}
		total += f.UncompressedSize64
		if total > MaxDocxTotalSize {
			return nil, refuseLimit(ReasonZipLimit, MaxDocxTotalSize, "total uncompressed size")
		}
		key := partKey(f.Name)
		if _, dup := p.files[key]; dup {
			return nil, refuse(ReasonDuplicatePart, f.Name, nil)
		}
		p.files[key] = f
		p.names = append(p.names, key)
	}
	return p, nil
}

// checkEntry applies the per-entry limits to the declared sizes.
func checkEntry(f *zip.File) error {
	size := f.UncompressedSize64
	if size > MaxDocxPartSize {
		return refuseLimit(ReasonZipLimit, MaxDocxPartSize, fmt.Sprintf("entry %s declares %d bytes", f.Name, size))
	}
	if size > DocxRatioMinSize && size > MaxDocxRatio*f.CompressedSize64 {
		return refuseLimit(ReasonZipLimit, MaxDocxRatio, fmt.Sprintf("entry %s compression ratio", f.Name))
	}
	return nil
}

// open inflates a part through readers that enforce the limits on what is
// actually produced, not what the directory claims.
func (p *docxPackage) open(key string) (io.ReadCloser, error) {
	f := p.files[key]
	if f == nil {
		return nil, refuse(ReasonCorrupt, "missing part "+key, nil)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, refuse(ReasonCorrupt, "cannot open part "+f.Name, err)
	}
	return &limitedPart{rc: rc, pkg: p, f: f}, nil
}

// readAll inflates a whole (small) part.
func (p *docxPackage) readAll(key string) ([]byte, error) {
	rc, err := p.open(key)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, asRefusal(err, "cannot read part "+key)
	}
	return data, nil
}

// limitedPart counts inflated bytes against the per-part, total and ratio limits.
type limitedPart struct {
	rc  io.ReadCloser
	pkg *docxPackage
	f   *zip.File
	n   uint64
}

func (l *limitedPart) Read(b []byte) (int, error) {
	n, err := l.rc.Read(b)
	l.n += uint64(n)
	l.pkg.read += int64(n)
	switch {
	case l.n > MaxDocxPartSize:
		return n, refuseLimit(ReasonZipLimit, MaxDocxPartSize, "entry "+l.f.Name+" inflates too far")
	case l.pkg.read > MaxDocxTotalSize:
		return n, refuseLimit(ReasonZipLimit, MaxDocxTotalSize, "total inflated size")
	case l.n > DocxRatioMinSize && l.n > MaxDocxRatio*l.f.CompressedSize64:
		return n, refuseLimit(ReasonZipLimit, MaxDocxRatio, "entry "+l.f.Name+" compression ratio")
	}
	return n, err
}

func (l *limitedPart) Close() error { return l.rc.Close() }

// asRefusal keeps an *Error as it is and calls anything else corruption.
func asRefusal(err error, detail string) error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return refuse(ReasonCorrupt, detail, err)
}

// has reports whether the package holds a part.
func (p *docxPackage) has(key string) bool { return p.files[key] != nil }

// checkMacros refuses macro-carrying packages: whatever the text says, such a
// file must not travel on to publication.
func (p *docxPackage) checkMacros(name string) error {
	switch strings.ToLower(path.Ext(name)) {
	case ".docm", ".dotm":
		return refuse(ReasonMacro, "macro-enabled file extension", nil)
	}
	for _, key := range p.names {
		switch path.Base(key) {
		case "vbaproject.bin", "vbadata.xml":
			return refuse(ReasonMacro, key, nil)
		}
	}
	if !p.has("[content_types].xml") {
		return nil
	}
	ct, err := p.readAll("[content_types].xml")
	if err != nil {
		return err
	}
	p.parsed["[content_types].xml"] = true
	if err := scanDirectives("[Content_Types].xml", ct); err != nil {
		return err
	}
	if bytes.Contains(bytes.ToLower(ct), []byte("macroenabled")) {
		return refuse(ReasonMacro, "macro-enabled content type", nil)
	}
	return nil
}

// scanDirectives refuses a part holding a DTD; encoding/xml would not expand
// it, but Word and other consumers might.
func scanDirectives(name string, data []byte) error {
	for _, d := range []string{"<!DOCTYPE", "<!ENTITY"} {
		if bytes.Contains(data, []byte(d)) {
			return refuse(ReasonDoctype, name, nil)
		}
	}
	return nil
}

// scanUnparsed checks the XML parts that were not parsed for DTDs.
func (p *docxPackage) scanUnparsed() error {
	for _, key := range p.names {
		if p.parsed[key] || !(strings.HasSuffix(key, ".xml") || strings.HasSuffix(key, ".rels")) {
			continue
		}
		data, err := p.readAll(key)
		if err != nil {
			return err
		}
		if err := scanDirectives(p.files[key].Name, data); err != nil {
			return err
		}
	}
	return nil
}
