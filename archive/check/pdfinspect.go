package check

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// pdfInfo is what the built-in reader learns about a record PDF.
type pdfInfo struct {
	Pages    int
	Fonts    []pdfFont
	Files    []embeddedFile
	Active   []string // active content found: JavaScript, Launch …
	Problems []string // structural faults
}

type pdfFont struct {
	Name     string
	Embedded bool
}

// embeddedFile is a file attached to the PDF (an EmbeddedFiles name or an
// associated file of the catalog).
type embeddedFile struct {
	Name     string // /UF, else /F
	Relation string // AFRelationship
	Data     []byte
	Err      error // the file cannot be decoded
}

// activeKeys are dictionary keys and action types that run something when
// the document is opened or used (ISO 32000-1 §12.6, §12.7, Annex H of
// PDF/A-3: none may appear).
var activeKeys = map[pdfName]string{
	"JavaScript": "JavaScript", "JS": "JavaScript", "Launch": "Launch（启动外部程序）",
	"SubmitForm": "SubmitForm（提交表单）", "ImportData": "ImportData（导入数据）", "RichMedia": "RichMedia（富媒体）",
	"XFA": "XFA 表单", "GoToE": "GoToE（打开嵌入文档）", "AA": "AA（附加动作）", "Movie": "Movie", "Sound": "Sound",
}

// inspect reads a PDF with the built-in reader.
func inspect(data []byte) (*pdfInfo, error) {
	f, err := readPDF(data)
	if err != nil {
		return nil, err
	}
	info := &pdfInfo{}
	root := f.dict(f.trailer["Root"])
	if root == nil || root["Type"] != pdfName("Catalog") {
		return nil, fmt.Errorf("%w: the trailer's /Root is not a catalog", errNotPDF)
	}
	info.Pages = f.pages(root["Pages"], info)
	info.Files = f.attachments(root)
	nums := f.numbers()
	sort.Ints(nums)
	active := map[string]bool{}
	for _, n := range nums {
		v, err := f.get(n)
		if err != nil {
			info.Problems = append(info.Problems, err.Error())
			continue
		}
		f.scanActive(v, active, 0)
		if d := f.dict(v); d != nil && d["Type"] == pdfName("Font") {
			info.Fonts = append(info.Fonts, f.font(d))
		}
	}
	if _, ok := root["OpenAction"]; ok {
		if a := f.dict(root["OpenAction"]); a != nil && a["S"] != pdfName("GoTo") {
			active["OpenAction"] = true
		}
	}
	for k := range active {
		info.Active = append(info.Active, k)
	}
	sort.Strings(info.Active)
	info.Problems = append(info.Problems, f.problems...)
	info.Problems = slices.Compact(info.Problems)
	return info, nil
}

// pages counts the leaves of the page tree and checks that each page's
// content streams can be read.
func (f *pdfFile) pages(node any, info *pdfInfo) int {
	n, visited := 0, 0
	seen := map[pdfRef]bool{}
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if r, ok := v.(pdfRef); ok {
			if seen[r] {
				info.Problems = append(info.Problems, "the page tree has a loop")
				return
			}
			seen[r] = true
		}
		if visited++; visited > maxWalk || depth > maxDepth {
			return
		}
		d := f.dict(v)
		switch d["Type"] {
		case pdfName("Pages"):
			for _, k := range f.array(d["Kids"]) {
				walk(k, depth+1)
			}
		case pdfName("Page"):
			n++
			f.pageContents(d, n, info)
		default:
			info.Problems = append(info.Problems, "a page tree node is neither /Pages nor /Page")
		}
	}
	walk(node, 0)
	if n == 0 {
		info.Problems = append(info.Problems, "the document has no pages")
	}
	return n
}

func (f *pdfFile) pageContents(page pdfDict, n int, info *pdfInfo) {
	var streams []any
	switch c := f.resolve(page["Contents"]).(type) {
	case *pdfStream:
		streams = []any{c}
	case pdfArray:
		for _, v := range c {
			streams = append(streams, f.resolve(v))
		}
	case nil:
		return // an empty page
	}
	for _, v := range streams {
		s, ok := v.(*pdfStream)
		if !ok {
			info.Problems = append(info.Problems, fmt.Sprintf("page %d: a content stream is missing", n))
			continue
		}
		if _, err := f.decode(s); err != nil {
			info.Problems = append(info.Problems, fmt.Sprintf("page %d: content stream: %v", n, err))
		}
	}
}

// font says whether a font dictionary has its font program embedded.
func (f *pdfFile) font(d pdfDict) pdfFont {
	name, _ := d["BaseFont"].(pdfName)
	ft := pdfFont{Name: string(name)}
	desc := d
	switch d["Subtype"] {
	case pdfName("Type3"):
		ft.Embedded = true // glyphs are content streams of the font itself
		return ft
	case pdfName("Type0"):
		kids := f.array(d["DescendantFonts"])
		if len(kids) == 0 {
			return ft
		}
		desc = f.dict(kids[0])
	}
	fd := f.dict(desc["FontDescriptor"])
	for _, k := range []pdfName{"FontFile", "FontFile2", "FontFile3"} {
		if s, ok := f.resolve(fd[k]).(*pdfStream); ok && len(s.raw) > 0 {
			ft.Embedded = true
		}
	}
	return ft
}

// attachments lists the embedded files of the EmbeddedFiles name tree and
// of the catalog's /AF array, each once.
func (f *pdfFile) attachments(root pdfDict) []embeddedFile {
	var specs []any
	names := f.dict(root["Names"])
	visited := 0
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if visited++; visited > maxWalk || depth > maxDepth {
			return
		}
		d := f.dict(v)
		for _, k := range f.array(d["Kids"]) {
			walk(k, depth+1)
		}
		kv := f.array(d["Names"])
		for i := 1; i < len(kv); i += 2 {
			specs = append(specs, kv[i])
		}
	}
	if names != nil {
		walk(names["EmbeddedFiles"], 0)
	}
	specs = append(specs, f.array(root["AF"])...)
	var out []embeddedFile
	seen := map[any]bool{}
	for _, s := range specs {
		if r, ok := s.(pdfRef); ok {
			if seen[r] {
				continue
			}
			seen[r] = true
		}
		out = append(out, f.embedded(f.dict(s)))
	}
	return out
}

func (f *pdfFile) embedded(spec pdfDict) embeddedFile {
	var e embeddedFile
	for _, k := range []pdfName{"UF", "F"} {
		if b, ok := f.resolve(spec[k]).([]byte); ok {
			e.Name = pdfTextString(b)
			break
		}
	}
	rel, _ := spec["AFRelationship"].(pdfName)
	e.Relation = string(rel)
	ef := f.dict(spec["EF"])
	var s *pdfStream
	for _, k := range []pdfName{"UF", "F"} {
		if st, ok := f.resolve(ef[k]).(*pdfStream); ok {
			s = st
			break
		}
	}
	if s == nil {
		e.Err = fmt.Errorf("embedded file %q has no data stream", e.Name)
		return e
	}
	e.Data, e.Err = f.decode(s)
	return e
}

// scanActive walks a value for keys and action types that run something.
func (f *pdfFile) scanActive(v any, found map[string]bool, depth int) {
	if depth > maxDepth {
		return
	}
	var d pdfDict
	switch x := v.(type) {
	case pdfDict:
		d = x
	case *pdfStream:
		d = x.dict
	case pdfArray:
		for _, e := range x {
			f.scanActive(e, found, depth+1)
		}
		return
	default:
		return
	}
	for k, e := range d {
		if what, ok := activeKeys[k]; ok {
			found[what] = true
		}
		if k == "S" || k == "Subtype" || k == "Type" {
			if n, ok := e.(pdfName); ok {
				if what, ok := activeKeys[n]; ok {
					found[what] = true
				}
			}
		}
		f.scanActive(e, found, depth+1) // direct values only: references are objects of their own
	}
}

// fileNamed returns the embedded file called name, or nil.
func (info *pdfInfo) fileNamed(name string) *embeddedFile {
	for i := range info.Files {
		if strings.EqualFold(info.Files[i].Name, name) {
			return &info.Files[i]
		}
	}
	return nil
}
