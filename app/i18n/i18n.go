// Package i18n chooses the interface language and turns domain errors into
// messages in that language. Shenfa speaks Simplified Chinese unless the
// user chooses English.
package i18n

import (
	"os"
	"sync"

	"fyne.io/fyne/v2/lang"

	"shenfa/assets"
)

// Languages Shenfa ships, the default first.
const (
	Chinese = "zh"
	English = "en"
)

// Languages lists the language codes in the order the settings screen shows them.
var Languages = []string{Chinese, English}

var current = Chinese

var mu sync.Mutex

// Use switches the interface language to code ("zh" or "en"); unknown codes
// mean Chinese. Fyne picks its language from the environment when
// translations load, so the environment is set first and they are reloaded.
func Use(code string) error {
	mu.Lock()
	defer mu.Unlock()
	if code != English {
		code = Chinese
	}
	current = code
	tag := "zh_Hans"
	if code == English {
		tag = "en"
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s == "C" || s == "POSIX" {
			os.Setenv(v, "C.UTF-8") // "C" would make the locale library ignore LANGUAGE
		}
	}
	os.Setenv("LANGUAGE", tag)
	return lang.AddTranslationsFS(assets.Translations, "translations")
}

// Current returns the language code in use.
func Current() string {
	mu.Lock()
	defer mu.Unlock()
	return current
}

// FromEnv returns the language asked for by SHENFA_LANG, or Chinese.
func FromEnv(getenv func(string) string) string {
	if getenv("SHENFA_LANG") == English {
		return English
	}
	return Chinese
}

// L translates key.
func L(key string, data ...any) string { return lang.L(key, data...) }
