package i18n

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"shenfa/assets"
	"shenfa/review/account"
)

func load(t *testing.T, name string) map[string]string {
	t.Helper()
	b, err := assets.Translations.ReadFile("translations/" + name)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

var keyUse = regexp.MustCompile(`(?:i18n\.L|i18n\.Errorf|lang\.L)\("([a-z0-9_.]+)"`)

// usedKeys collects literal keys from the app's Go files plus the keys the
// code builds from roles.
func usedKeys(t *testing.T) map[string]bool {
	keys := map[string]bool{}
	files, _ := filepath.Glob("../*.go")
	more, _ := filepath.Glob("../cli/*.go")
	here, _ := filepath.Glob("*.go")
	for _, f := range append(append(files, more...), here...) {
		b, _ := os.ReadFile(f)
		for _, m := range keyUse.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = true
		}
		for _, m := range regexp.MustCompile(`"((?:error|nav|cli|audit)\.[a-z0-9_.]+)"`).FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = true
		}
	}
	for _, r := range account.AllRoles {
		keys["role."+string(r)] = true
	}
	return keys
}

func TestTranslationsComplete(t *testing.T) {
	zh, en := load(t, "zh_Hans.json"), load(t, "en.json")
	for k := range zh {
		if en[k] == "" {
			t.Errorf("%s has no English text", k)
		}
	}
	for k := range en {
		if zh[k] == "" {
			t.Errorf("%s has no Chinese text", k)
		}
	}
	for k := range usedKeys(t) {
		if strings.HasSuffix(k, ".") {
			continue
		}
		if zh[k] == "" {
			t.Errorf("key %s is used but not translated", k)
		}
	}
}

func TestChineseByDefaultEnglishOnRequest(t *testing.T) {
	Use("")
	if got := L("nav.settings"); got != "设置" {
		t.Fatalf("default language gives %q", got)
	}
	Use(English)
	if got := L("nav.settings"); got != "Settings" {
		t.Fatalf("English gives %q", got)
	}
	if got := Message(account.ErrBadCredentials); got != "Wrong user name or password." {
		t.Fatalf("English error %q", got)
	}
	Use(Chinese)
	if got := Message(&account.LockedError{}); !strings.Contains(got, "锁定") {
		t.Fatalf("Chinese lockout message %q", got)
	}
}
