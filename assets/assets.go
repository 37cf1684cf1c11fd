// Package assets holds the files embedded in the Shenfa binary: the UI and
// record fonts, the application icon and the UI translations. It imports no
// Fyne code; see licenses/README.md for the fonts' licences and origin.
package assets

import "embed"

// UIFont is Droid Sans Fallback (TrueType, Apache-2.0), the CJK font of the user interface.
//
//go:embed fonts/DroidSansFallbackFull.ttf
var UIFont []byte

// RecordFont is AR PL SungtiL GB (宋体, TrueType, Arphic Public License), the font of PDF records.
//
//go:embed fonts/gbsn00lp.ttf
var RecordFont []byte

// Icon is the 512×512 PNG application icon.
//
//go:embed icon.png
var Icon []byte

// Translations holds the UI translation files, one JSON file per language under translations/.
//
//go:embed translations
var Translations embed.FS

// T2S is the traditional → simplified character table used to fold text for
// matching (derived from OpenCC, Apache-2.0).
//
//go:embed data/t2s.txt
var T2S string

// Pinyin lists the toneless readings of each CJK character (derived from
// go-pinyin, MIT), for finding homophones in near-misses of protected names.
//
//go:embed data/pinyin.txt
var Pinyin string

// Shapes lists groups of commonly confused similar-shaped characters.
//
//go:embed data/shapes.txt
var Shapes string

// Lexicons holds the default lexicons shipped with Shenfa (GUIDE §3.3), one TOML file each.
//
//go:embed lexicons/*.toml
var Lexicons embed.FS

// Words is the word dictionary with frequencies and idiom tags (gzipped
// text, derived from the gse dictionary, Apache-2.0) for the typo check.
//
//go:embed data/words.txt.gz
var Words []byte

// Usage holds fingerprints and counts of the character sequences of edited
// official text (derived from a news corpus; no text of it is kept), for
// telling usual phrases from slips.
//
//go:embed data/usage.bin
var Usage []byte

// Glyphs lists pairs of characters whose printed shapes are nearly the same
// (generated from the UI font by sensitive/names/gen_glyphs.go), for the
// statistical typo check.
//
//go:embed data/glyphs.txt
var Glyphs string

// DefaultPolicy is the review policy of a new workspace (GUIDE §3.5), the
// TOML file that review/policy reads.
//
//go:embed policies/default.toml
var DefaultPolicy []byte
