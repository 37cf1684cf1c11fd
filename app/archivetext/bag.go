// Package archivetext words what the archive did in the user's language —
// a bag's verification on receipt (archive.VerifyBag's report), a failed
// export — and gives the PDF signature check handed to VerifyBag, so that
// the 归档 screen and `shenfa archive` say the same thing the same way.
package archivetext

import (
	"errors"
	"strings"

	"shenfa/app/i18n"
	"shenfa/archive"
	"shenfa/archive/bagit"
	"shenfa/archive/pades"
)

// Head is the report's first line: the bag's directory, BagIt version and
// tag-file encoding.
func Head(b *bagit.Report) string {
	return i18n.L("cli.bagit.head", map[string]any{"Dir": b.Dir, "Version": b.Version, "Encoding": b.Encoding})
}

// Verdict is the report's conclusion: valid with how many files and
// records, or how many errors the bag and its records have.
func Verdict(rep *archive.BagReport) string {
	if rep.Valid() {
		return i18n.L("cli.bagit.valid", map[string]any{"Files": rep.Bag.Streams, "Records": len(rep.Records)})
	}
	errs := len(rep.Bag.Errors())
	for _, rc := range rep.Records {
		errs += len(rc.Problems)
	}
	return i18n.L("cli.bagit.invalid", map[string]any{"Count": errs})
}

// CheckLabel names a check of the bag, and says when it was skipped or how
// many problems it found.
func CheckLabel(ch bagit.Check) string {
	text := i18n.L("cli.bagit.check."+string(ch.Name), map[string]any{"File": ch.File, "Algorithm": ch.Algorithm,
		"Files": ch.Files, "Detail": ch.Detail})
	switch {
	case ch.Status == bagit.Skipped:
		text += i18n.L("cli.bagit.skipped")
	case ch.Problems > 0:
		text += i18n.L("cli.bagit.check_problems", map[string]any{"Count": ch.Problems})
	}
	return text
}

// FileMessage says how a payload file came out: its size and the
// algorithms that matched, or what is wrong with it.
func FileMessage(f bagit.FileResult) string {
	if f.Status == "" {
		return i18n.L("cli.bagit.file_ok", map[string]any{"Path": f.Path, "Size": f.Size,
			"Algorithms": strings.Join(f.OK, "、")})
	}
	return i18n.L("cli.bagit.file."+string(f.Status), map[string]any{"Path": f.Path,
		"Algorithms": strings.Join(f.Bad, "、")})
}

// ProblemMessage says a problem of the bag, and where it is.
func ProblemMessage(p bagit.Problem) string {
	where := ""
	switch {
	case p.Line > 0:
		where = i18n.L("cli.bagit.where_line", map[string]any{"File": p.File, "Line": p.Line})
	case p.File != "":
		where = i18n.L("cli.bagit.where", map[string]any{"File": p.File})
	}
	key := "cli.bagit.problem." + string(p.Kind)
	if p.Kind == bagit.Unlisted && p.File == "" {
		key += "_any"
	}
	return i18n.L(key, map[string]any{"Where": where, "File": p.File, "Line": p.Line, "Path": p.Path,
		"Algorithm": p.Algorithm, "Want": p.Want, "Got": p.Got, "Detail": p.Detail})
}

// RecordLine is a record's line of the report: failed when it has a
// problem, then its 档号 (or the PDF's path outside any record) and what was
// found about it.
func RecordLine(rc archive.RecordCheck) (bagit.Status, string) {
	st := bagit.Passed
	if len(rc.Problems) > 0 {
		st = bagit.Failed
	}
	name := rc.Code
	if name == "" {
		name = rc.Dir + "/" + rc.PDF
	}
	return st, name + "：" + strings.Join(RecordMessages(rc), i18n.L("cli.bagit.sep"))
}

// RecordMessages says what was found about a record of the bag, its
// signature last.
func RecordMessages(rc archive.RecordCheck) []string {
	msgs := []string{}
	for _, p := range rc.Problems {
		if p != archive.SignatureFailed { // SignatureMessage says why
			msgs = append(msgs, i18n.L("cli.bagit.record."+string(p), map[string]any{"Detail": rc.Detail}))
		}
	}
	if rc.Code != "" && len(msgs) == 0 {
		msgs = append(msgs, i18n.L("cli.bagit.record.ok"))
	}
	return append(msgs, SignatureMessage(rc))
}

// SignatureMessage says how a PDF's signature came out, and why not.
func SignatureMessage(rc archive.RecordCheck) string {
	switch rc.Signature {
	case bagit.Passed:
		return i18n.L("cli.bagit.signature.ok")
	case bagit.Skipped:
		if errors.Is(rc.Err, archive.ErrUnsigned) {
			return i18n.L("cli.bagit.signature.unsigned")
		}
		return i18n.L("cli.bagit.signature.skipped")
	}
	why := rc.Detail
	for _, k := range []struct {
		err error
		key string
	}{{archive.ErrUnsigned, "unsigned"}, {pades.ErrByteRange, "byte_range"}, {pades.ErrDigest, "digest"},
		{pades.ErrSignature, "bad"}, {pades.ErrUntrusted, "untrusted"}} {
		if errors.Is(rc.Err, k.err) {
			why = i18n.L("cli.bagit.signature.why." + k.key)
			break
		}
	}
	var appended *appendedError
	if errors.As(rc.Err, &appended) {
		why = i18n.L("cli.bagit.signature.why.appended", map[string]any{"Count": appended.n})
	}
	return i18n.L("cli.bagit.signature.failed", map[string]any{"Why": why})
}
