package importer

import (
	"os"
	"path/filepath"
	"testing"
)

// TestGenerateFixtures rewrites testdata/ from fixtures(); run with
// SHENFA_GEN_FIXTURES=1 after changing a fixture, then review the diff.
func TestGenerateFixtures(t *testing.T) {
	if os.Getenv("SHENFA_GEN_FIXTURES") != "1" {
		t.Skip("set SHENFA_GEN_FIXTURES=1 to regenerate testdata/")
	}
	for name, data := range fixtures(t) {
		if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
