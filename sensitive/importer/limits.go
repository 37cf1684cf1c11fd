package importer

// Limits on outside input. Sizes are in bytes. The docx limits are checked
// from the zip central directory before anything is inflated and again while
// reading, because the declared sizes can lie.
const (
	// MaxFileSize is the largest file Import accepts (a long Word draft with
	// pictures is a few MB).
	MaxFileSize = 20 << 20

	// MaxDocxEntries is the most entries a docx zip may hold (a typical one has 15–60).
	MaxDocxEntries = 1000

	// MaxDocxPartSize is the largest uncompressed size of one zip entry.
	MaxDocxPartSize = 64 << 20

	// MaxDocxTotalSize is the largest sum of uncompressed sizes of all entries.
	MaxDocxTotalSize = 256 << 20

	// MaxDocxRatio is the highest uncompressed/compressed ratio of an entry
	// larger than DocxRatioMinSize (Word XML compresses about 5–20×; a
	// deflate bomb reaches 1000×).
	MaxDocxRatio = 100

	// DocxRatioMinSize is the uncompressed size below which the ratio is not checked,
	// so tiny highly compressible parts are not refused.
	DocxRatioMinSize = 1 << 20
)
