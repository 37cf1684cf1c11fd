package importer

import "fmt"

// Reason says why a file was refused; the UI translates by Reason.
//
// The reasons and what each one means:
//
//	ReasonEmpty        the file holds no text (empty, or only whitespace after decoding/extracting)
//	ReasonTooLarge     the file is larger than MaxFileSize
//	ReasonBinary       the file is not text (NUL bytes, control characters, or a known binary format such as PDF or an image)
//	ReasonLegacyWord   an old Word/WPS binary file (.doc, .wps: OLE compound file) or RTF; save it as .docx
//	ReasonEncrypted    a password-protected Office file; remove the password and save again
//	ReasonMacro        the document contains macros (vbaProject.bin, macro-enabled content type, .docm/.dotm)
//	ReasonDuplicatePart the docx zip has two entries with the same name, ignoring case and slash direction
//	ReasonDoctype      an XML part of the docx holds a DOCTYPE or ENTITY declaration
//	ReasonZipLimit     the docx zip exceeds an entry-count, size or compression-ratio limit (see Limit)
//	ReasonCorrupt      the file is damaged: not a valid zip, or invalid XML/markup inside
//	ReasonUnsupported  a format Shenfa cannot read (e.g. a zip that is not a Word document, .xlsx, .pptx)
//	ReasonRead         the file could not be read from disk (missing, no permission, a directory)
type Reason string

// Reasons for refusing a file; see the Reason type for their meanings.
const (
	ReasonEmpty         Reason = "empty"
	ReasonTooLarge      Reason = "too-large"
	ReasonBinary        Reason = "binary"
	ReasonLegacyWord    Reason = "legacy-word"
	ReasonEncrypted     Reason = "encrypted"
	ReasonMacro         Reason = "macro"
	ReasonDuplicatePart Reason = "duplicate-part"
	ReasonDoctype       Reason = "doctype"
	ReasonZipLimit      Reason = "zip-limit"
	ReasonCorrupt       Reason = "corrupt"
	ReasonUnsupported   Reason = "unsupported"
	ReasonRead          Reason = "read"
)

var reasonText = map[Reason]string{
	ReasonEmpty:         "it contains no text",
	ReasonTooLarge:      "it is too large",
	ReasonBinary:        "it is not a text file",
	ReasonLegacyWord:    "it is an old Word/WPS format; please save it as .docx",
	ReasonEncrypted:     "it is password-protected; remove the password and save it again",
	ReasonMacro:         "it contains macros; please save it as a plain .docx",
	ReasonDuplicatePart: "its zip archive holds duplicate or case-colliding entries",
	ReasonDoctype:       "an XML part declares a DOCTYPE or ENTITY",
	ReasonZipLimit:      "its zip archive exceeds a safety limit",
	ReasonCorrupt:       "it is damaged",
	ReasonUnsupported:   "its format is not supported",
	ReasonRead:          "it could not be read",
}

// Error is every refusal Import and ImportFile return.
type Error struct {
	File   string // base name of the file
	Reason Reason
	Limit  int64  // the limit that was exceeded, for ReasonTooLarge and ReasonZipLimit
	Detail string // English detail for logs, e.g. the offending zip entry
	Err    error  // underlying error, if any
}

func (e *Error) Error() string {
	why, ok := reasonText[e.Reason]
	if !ok {
		why = string(e.Reason)
	}
	msg := fmt.Sprintf("cannot import %q: %s", e.File, why)
	switch {
	case e.Limit > 0 && e.Detail != "":
		msg += fmt.Sprintf(" (%s; limit %d)", e.Detail, e.Limit)
	case e.Limit > 0:
		msg += fmt.Sprintf(" (limit %d)", e.Limit)
	case e.Detail != "":
		msg += " (" + e.Detail + ")"
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg + "."
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// refuse builds an *Error; the file name is filled in by Import.
func refuse(r Reason, detail string, err error) *Error {
	return &Error{Reason: r, Detail: detail, Err: err}
}

// refuseLimit builds an *Error for an exceeded limit.
func refuseLimit(r Reason, limit int64, detail string) *Error {
	return &Error{Reason: r, Limit: limit, Detail: detail}
}
