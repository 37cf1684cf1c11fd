// Package importer turns a draft file as people really have it (.txt in any
// common Chinese encoding, .docx, .md, .html) into the plain text Shenfa
// checks, keeping everything that travels with the file — hidden and deleted
// text, comments, headers, footnotes, properties, links — visible to the
// reviewer. Outside input: every limit is checked before reading and every
// refusal is an *Error with a Reason.
package importer

// Format names the kind of file a Document came from.
type Format string

// The formats Import understands.
const (
	TXT      Format = "txt"
	DOCX     Format = "docx"
	Markdown Format = "md"
	HTML     Format = "html"
)

// SectionKind names a part of a document.
type SectionKind string

// The parts of a document, in the order they appear in Document.Text.
const (
	Body       SectionKind = "body"       // main text in reading order (tables and text boxes inline)
	Header     SectionKind = "header"     // page headers
	Footer     SectionKind = "footer"     // page footers
	Footnote   SectionKind = "footnote"   // footnotes
	Endnote    SectionKind = "endnote"    // endnotes
	Comment    SectionKind = "comment"    // reviewers' comments
	Deleted    SectionKind = "deleted"    // tracked deletions (still stored in the file)
	Properties SectionKind = "properties" // document properties: title, author, company…
)

// Section is a part of Document.Text, [Start, End) in code points.
type Section struct {
	Kind       SectionKind
	Start, End int
}

// MarkKind names text inside the body that a reader of the printed page would not see as normal text.
type MarkKind string

// Kinds of marked body text.
const (
	Hidden   MarkKind = "hidden"   // w:vanish / display:none text: published with the file, not shown
	Inserted MarkKind = "inserted" // tracked insertion not yet accepted
	TextBox  MarkKind = "textbox"  // text from a text box or shape
)

// Mark is a span of Document.Text, [Start, End) in code points.
type Mark struct {
	Kind       MarkKind
	Start, End int
}

// Property is a document property such as author or company.
type Property struct {
	Name  string // e.g. "creator", "lastModifiedBy", "company", "title"
	Value string
}

// Link is an external link stored in the file. Start and End locate the
// linked text in Document.Text (code points); both are 0 when the link has no
// visible text (e.g. an external image or template reference).
type Link struct {
	Target     string // the URL or path
	Text       string // the linked text, if any
	Start, End int
}

// Document is an imported draft.
type Document struct {
	Name     string // base name of the file
	Format   Format
	Encoding string // "utf-8", "utf-16le", "utf-16be", "gb18030"; "utf-8" for docx
	// Text is what gets checked: paragraphs separated by "\n", sections one
	// after another in the order of SectionKind, each starting on a new line.
	Text       string
	Sections   []Section
	Marks      []Mark
	Properties []Property
	Links      []Link
	// Damaged holds the code point offsets in Text of every U+FFFD: characters
	// a decoder could not map (x/text maps some valid GBK pairs to U+FFFD
	// without an error) and U+FFFD already in the source, whose original is lost all the same.
	Damaged []int
}
