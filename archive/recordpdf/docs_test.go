package recordpdf

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDocsPNG writes the pages of the sample record as docs/record-page-N.png
// when SHENFA_RECORD_DOCS is set (pdftoppm -png -r 60).
func TestDocsPNG(t *testing.T) {
	if os.Getenv("SHENFA_RECORD_DOCS") == "" {
		t.Skip("set SHENFA_RECORD_DOCS=1 to rewrite docs/record-page-*.png")
	}
	need(t, "pdftoppm")
	path, _ := renderTo(t, sample())
	old, _ := filepath.Glob("../../docs/record-page-*.png")
	for _, f := range old {
		os.Remove(f)
	}
	run(t, "pdftoppm", "-png", "-r", "60", path, "../../docs/record-page")
}
