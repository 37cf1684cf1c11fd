package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"shenfa/app/i18n"
	"shenfa/review/stats"
	"shenfa/review/stats/annualpdf"
)

// writeAnnualPDF is `shenfa stats annual --pdf FILE`: the 年度报表 as a PDF
// table, written whole or not at all.
func (c *ctx) writeAnnualPDF(an stats.Annual, a statsArgs) int {
	label := func(key, arg string) string {
		switch key {
		case "grade":
			return i18n.L("cli.stats.csv.grade", map[string]any{"Label": arg})
		case "title", "unit_line", "period", "item", "publishing", "review", "footer", "page", "note":
			return i18n.L("cli.stats.pdf."+key, map[string]any{"Arg": arg})
		}
		return i18n.L("cli.stats.csv." + key)
	}
	pdf, err := annualpdf.Render(an, a.unit, label, time.Now())
	if err != nil {
		return c.fail(err)
	}
	if err := writeWhole(a.pdf, pdf); err != nil {
		return c.fail(err)
	}
	c.printf("%s\n", i18n.L("cli.stats.pdf_written", map[string]any{"File": a.pdf, "Year": an.Year}))
	return ExitOK
}

// writeWhole writes data to path through a temporary file beside it, so
// that a failure never leaves half a PDF under the name asked for.
func writeWhole(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".shenfa-*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
