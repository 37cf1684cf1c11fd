package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"shenfa/app/i18n"
	"shenfa/sensitive/docxnote"
	"shenfa/sensitive/importer"
)

// importDraft imports a file, or standard input for "-", which the report
// calls stdin; its format is sniffed from the content as for a file.
func (c *ctx) importDraft(f *fileReport) (*importer.Document, error) {
	if f.Path != "-" {
		return importer.ImportFile(f.Path)
	}
	f.Path = stdinName
	data, err := io.ReadAll(io.LimitReader(c.Stdin, importer.MaxFileSize+1))
	if err != nil {
		return nil, &importer.Error{File: stdinName, Reason: importer.ReasonRead, Err: err}
	}
	f.data = data
	return importer.Import(stdinName, data)
}

// sameFile reports whether two names are one file, so that --annotate never
// overwrites the draft it reads.
func sameFile(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(fa, fb)
	}
	pa, errA := filepath.Abs(a)
	pb, errB := filepath.Abs(b)
	return errA == nil && errB == nil && pa == pb
}

// annotate writes the checked .docx with a comment on each finding to out
// and returns what to tell the user once the report is out.
func (c *ctx) annotate(f *fileReport, out string) (string, int) {
	data := f.data
	if data == nil {
		var err error
		if data, err = os.ReadFile(f.Path); err != nil {
			return "", c.annotateFailed(f, out, err)
		}
	}
	res, err := docxnote.Annotate(f.doc.Name, data, f.doc.Text, f.Findings, docxnote.Options{})
	if err == nil {
		err = writeFileAtomic(out, res.Data)
	}
	if err != nil {
		return "", c.annotateFailed(f, out, err)
	}
	f.Annotated = out
	return i18n.L("annotate.done", map[string]any{"File": out, "InPlace": res.InPlace, "Elsewhere": res.Elsewhere}), ExitOK
}

func (c *ctx) annotateFailed(f *fileReport, out string, err error) int {
	fmt.Fprintln(c.Stderr, i18n.L("cli.error")+annotateMessage(err, f.doc.Name, string(f.doc.Format), out))
	return ExitUsage
}

// annotateMessage says in the user's language why no annotated file was written.
func annotateMessage(err error, file, format, out string) string {
	data := map[string]any{"File": file, "Format": format, "Out": out}
	switch {
	case errors.Is(err, docxnote.ErrNotDocx):
		return i18n.L("annotate.not_docx", data)
	case errors.Is(err, docxnote.ErrMismatch):
		return i18n.L("annotate.mismatch", data)
	case errors.Is(err, docxnote.ErrNoBody):
		return i18n.L("annotate.no_body", data)
	case errors.Is(err, errWrite):
		return i18n.L("annotate.unwritable", data)
	}
	return i18n.Message(err)
}

// errWrite marks a failure to write the output file.
var errWrite = errors.New("cannot write the output file")

// writeFileAtomic writes data to a temporary file beside name and renames it
// into place, so that a failure never leaves half a document.
func writeFileAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".shenfa-*.docx")
	if err != nil {
		return fmt.Errorf("%w: %w", errWrite, err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("%w: %w", errWrite, err)
	}
	return nil
}
