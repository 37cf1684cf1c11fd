package archivetext

import (
	"errors"
	"syscall"

	"shenfa/app/i18n"
	"shenfa/archive"
	"shenfa/archive/bagit"
)

// ExportFailure says why an export into dir failed in the archivist's
// words — a full disk, a removed or read-only medium, no permission, a
// target already there, a damaged record, nothing to export — and where a
// half-written leftover is when it could not be removed. ok is false for
// any other error, which each caller words its own way.
func ExportFailure(err error, dir string) (msg string, ok bool) {
	key := exportFailureKey(err)
	if key == "" {
		return "", false
	}
	msg = i18n.L(key, map[string]any{"Dir": dir, "Detail": err.Error()})
	var we *bagit.WriteError
	if errors.As(err, &we) && we.Leftover != "" {
		msg += i18n.L("cli.archive.error.leftover", map[string]any{"Dir": we.Leftover})
	}
	return msg, true
}

// exportFailureKey is the translation key of err's kind, or "".
func exportFailureKey(err error) string {
	switch {
	case errors.Is(err, bagit.ErrExists):
		return "cli.archive.error.exists"
	case errors.Is(err, archive.ErrFileExists):
		return "cli.archive.error.file_exists"
	case errors.Is(err, archive.ErrDamaged):
		return "cli.archive.error.damaged"
	case errors.Is(err, archive.ErrNothingToExport):
		return "cli.archive.error.nothing"
	case errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT):
		return "cli.archive.error.full"
	case errors.Is(err, syscall.EROFS):
		return "cli.archive.error.read_only"
	case errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM):
		return "cli.archive.error.permission"
	case errors.Is(err, syscall.EIO) || errors.Is(err, syscall.ENODEV) || errors.Is(err, syscall.ENXIO) ||
		errors.Is(err, syscall.ENOENT) || errors.Is(err, syscall.ESTALE):
		return "cli.archive.error.medium" // a USB stick pulled out mid-write
	}
	return ""
}
