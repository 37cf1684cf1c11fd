package policy

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"shenfa/assets"
	"shenfa/sensitive/finding"
)

// base is a valid policy; the bad cases below each change one thing in it,
// and the line numbers they expect are the lines of this text.
const base = `name = "测试策略"
version = "v1"
fonds = "Z001"
archive_code = "{fonds}-WS·{year}-{retention}-{seq:04}"
backup_max_age_days = 7

[[grade]]
id = "A"
label = "普通"
retention = "D10"
steps = ["tier1", "secrecy", "tier3"]

[[grade]]
id = "B"
label = "重要"
retention = "D30"
steps = [
  "tier1",
  "tier2",
  "secrecy",
  "tier3",
]

[waive]
tier2 = ["typo", "ad"]
tier3 = ["political"]

[phrases]
approve = ["同意。"]
return = ["请修改。"]
`

func edit(t *testing.T, old, new string) string {
	t.Helper()
	if !strings.Contains(base, old) {
		t.Fatalf("base has no %q", old)
	}
	return strings.Replace(base, old, new, 1)
}

func TestParseRefuses(t *testing.T) {
	many := `approve = ["同意。"` + strings.Repeat(`, "同意。"`, maxPhrases) + `]`
	tests := []struct {
		name, old, new string
		want           Error    // Line, Key, Grade, Value and Reason are compared
		also           []string // further old, new pairs
	}{
		{"misspelt key", "backup_max_age_days = 7", "backup_max_age_day = 7",
			Error{Line: 5, Key: "backup_max_age_day", Reason: ReasonUnknownKey}, nil},
		{"misspelt grade key", `label = "普通"`, `lable = "普通"`,
			Error{Line: 9, Key: "grade.lable", Reason: ReasonUnknownKey}, nil},
		{"unknown table", "[phrases]", "[phrase]",
			Error{Line: 28, Key: "phrase", Reason: ReasonUnknownKey}, nil},
		{"semicolons as in a one-line grade", `id = "A"`, `id = "A"; label = "普通"`,
			Error{Line: 8, Reason: ReasonSemicolon}, nil},
		{"key twice", `fonds = "Z001"`, "fonds = \"Z001\"\nfonds = \"Z002\"",
			Error{Line: 4, Key: "fonds", Reason: ReasonDuplicateKey}, nil},
		{"unterminated string", `version = "v1"`, `version = "v1`,
			Error{Line: 2, Reason: ReasonSyntax}, nil},
		{"number for text", `fonds = "Z001"`, `fonds = 1`,
			Error{Line: 3, Key: "fonds", Reason: ReasonWantText}, nil},
		{"text for number", "backup_max_age_days = 7", `backup_max_age_days = "7"`,
			Error{Line: 5, Key: "backup_max_age_days", Reason: ReasonWantInteger}, nil},
		{"text for list", `tier3 = ["political"]`, `tier3 = "political"`,
			Error{Line: 26, Key: "waive.tier3", Reason: ReasonWantList}, nil},
		{"backup age zero", "backup_max_age_days = 7", "backup_max_age_days = 0",
			Error{Line: 5, Key: "backup_max_age_days", Value: "0", Reason: ReasonRange}, nil},
		{"no name", "name = \"测试策略\"\n", "",
			Error{Key: "name", Reason: ReasonMissing}, nil},
		{"empty name", `name = "测试策略"`, `name = " "`,
			Error{Line: 1, Key: "name", Value: " ", Reason: ReasonBadName}, nil},
		{"name on two lines", `name = "测试策略"`, `name = "测试\n策略"`,
			Error{Line: 1, Key: "name", Value: "测试\n策略", Reason: ReasonBadName}, nil},
		{"version with a space", `version = "v1"`, `version = "v 1"`,
			Error{Line: 2, Key: "version", Value: "v 1", Reason: ReasonBadVersion}, nil},
		{"version a number", `version = "v1"`, `version = 1`,
			Error{Line: 2, Key: "version", Value: "1", Reason: ReasonWantText}, nil},
		{"fonds with a dash", `fonds = "Z001"`, `fonds = "Z-001"`,
			Error{Line: 3, Key: "fonds", Value: "Z-001", Reason: ReasonBadFonds}, nil},
		{"no fonds", "fonds = \"Z001\"\n", "",
			Error{Key: "fonds", Reason: ReasonMissing}, nil},
		{"open brace", "{seq:04}\"", "{seq:04\"",
			Error{Line: 4, Key: "archive_code", Reason: ReasonCodeBrace}, nil},
		{"unknown placeholder", "{fonds}-", "{fond}-",
			Error{Line: 4, Key: "archive_code", Value: "{fond}", Reason: ReasonCodeField}, nil},
		{"seq width without zero", "{seq:04}", "{seq:4}",
			Error{Line: 4, Key: "archive_code", Value: "{seq:4}", Reason: ReasonCodeField}, nil},
		{"placeholder twice", "{retention}", "{year}",
			Error{Line: 4, Key: "archive_code", Value: "{year}", Reason: ReasonCodeTwice}, nil},
		{"no seq", "-{seq:04}", "",
			Error{Line: 4, Key: "archive_code", Value: "{seq}", Reason: ReasonCodeNeeds}, nil},
		{"space in code", "-WS·", " WS·",
			Error{Line: 4, Key: "archive_code", Value: " ", Reason: ReasonCodeChar}, nil},
		{"slash in code", "-WS·", "/WS·",
			Error{Line: 4, Key: "archive_code", Value: "/", Reason: ReasonCodeChar}, nil},
		{"bad grade id", `id = "A"`, `id = "A B"`,
			Error{Line: 8, Key: "grade.id", Grade: "A B", Value: "A B", Reason: ReasonBadGradeID}, nil},
		{"same grade id in other case", `id = "B"`, `id = "a"`,
			Error{Line: 14, Key: "grade.id", Grade: "a", Value: "a", Reason: ReasonDupGrade}, nil},
		{"empty label", `label = "普通"`, `label = ""`,
			Error{Line: 9, Key: "grade.label", Grade: "A", Reason: ReasonBadLabel}, nil},
		{"unknown retention", `retention = "D10"`, `retention = "D20"`,
			Error{Line: 10, Key: "grade.retention", Grade: "A", Value: "D20", Reason: ReasonBadRetention}, nil},
		{"no retention: the grade's header", "retention = \"D10\"\n", "",
			Error{Line: 7, Key: "grade.retention", Grade: "A", Reason: ReasonMissing}, nil},
		{"no steps", `steps = ["tier1", "secrecy", "tier3"]`, `steps = []`,
			Error{Line: 11, Key: "grade.steps", Grade: "A", Reason: ReasonNoSteps}, nil},
		{"unknown step on its own line", `"tier2",`, `"tier4",`,
			Error{Line: 19, Key: "grade.steps", Grade: "B", Value: "tier4", Reason: ReasonUnknownStep}, nil},
		{"step twice", `["tier1", "secrecy", "tier3"]`, `["tier1", "secrecy", "tier1", "tier3"]`,
			Error{Line: 11, Key: "grade.steps", Grade: "A", Value: "tier1", Reason: ReasonDupStep}, nil},
		{"secrecy twice", `["tier1", "secrecy", "tier3"]`, `["tier1", "secrecy", "tier3", "secrecy"]`,
			Error{Line: 11, Key: "grade.steps", Grade: "A", Value: "secrecy", Reason: ReasonDupStep}, nil},
		{"no tier3", `["tier1", "secrecy", "tier3"]`, `["tier1", "secrecy"]`,
			Error{Line: 11, Key: "grade.steps", Grade: "A", Value: "tier3", Reason: ReasonMissingStep}, nil},
		{"no secrecy", `["tier1", "secrecy", "tier3"]`, `["tier1", "tier3"]`,
			Error{Line: 11, Key: "grade.steps", Grade: "A", Value: "secrecy", Reason: ReasonMissingStep}, nil},
		{"no tier1", `["tier1", "secrecy", "tier3"]`, `["secrecy", "tier3"]`,
			Error{Line: 11, Key: "grade.steps", Grade: "A", Value: "tier1", Reason: ReasonMissingStep}, nil},
		{"secrecy before tier1", `["tier1", "secrecy", "tier3"]`, `["secrecy", "tier1", "tier3"]`,
			Error{Line: 11, Key: "grade.steps", Grade: "A", Value: "secrecy", Reason: ReasonTier1First}, nil},
		{"tier2 after tier3", "  \"tier2\",\n  \"secrecy\",\n  \"tier3\",", "  \"tier3\",\n  \"secrecy\",\n  \"tier2\",",
			Error{Line: 21, Key: "grade.steps", Grade: "B", Value: "tier2", Reason: ReasonStepOrder}, nil},
		{"waiver for an unknown step", `tier3 = ["political"]`, `tier9 = ["political"]`,
			Error{Line: 26, Key: "waive.tier9", Value: "tier9", Reason: ReasonUnknownStep}, nil},
		{"unknown category", `tier3 = ["political"]`, `tier3 = ["politics"]`,
			Error{Line: 26, Key: "waive.tier3", Value: "politics", Reason: ReasonCategory}, nil},
		{"secret waivable", `tier3 = ["political"]`, `tier3 = ["political", "secret"]`,
			Error{Line: 26, Key: "waive.tier3", Value: "secret", Reason: ReasonUnwaivable}, nil},
		{"privacy waivable at secrecy", `tier3 = ["political"]`, "tier3 = [\"political\"]\nsecrecy = [\"privacy\"]",
			Error{Line: 27, Key: "waive.secrecy", Value: "privacy", Reason: ReasonUnwaivable}, nil},
		{"empty phrase", `approve = ["同意。"]`, `approve = ["同意。", " "]`,
			Error{Line: 29, Key: "phrases.approve", Value: " ", Reason: ReasonBadPhrase}, nil},
		{"phrase on two lines", `return = ["请修改。"]`, `return = ["请\n修改。"]`,
			Error{Line: 30, Key: "phrases.return", Value: "请\n修改。", Reason: ReasonBadPhrase}, nil},
		{"too many phrases", `approve = ["同意。"]`, many,
			Error{Line: 29, Key: "phrases.approve", Reason: ReasonTooMany}, nil},
		{"due time zero", "[phrases]", "[steps.tier1]\ndue_hours = 0\n\n[phrases]",
			Error{Line: 29, Key: "steps.tier1.due_hours", Value: "0", Reason: ReasonRange}, nil},
		{"due time for an unknown step", "[phrases]", "[steps.review]\ndue_hours = 4\n\n[phrases]",
			Error{Line: 28, Key: "steps.review", Value: "review", Reason: ReasonUnknownStep}, nil},
		{"unknown per-step key", "[phrases]", "[steps.tier1]\ndeadline = 4\n\n[phrases]",
			Error{Line: 29, Key: "steps.tier1.deadline", Reason: ReasonUnknownKey}, nil},
		{"newer format", `name = "测试策略"`, "format = 2\nname = \"测试策略\"",
			Error{Line: 1, Key: "format", Value: "2", Reason: ReasonNewerFormat}, nil},
		{"format zero", `name = "测试策略"`, "format = 0\nname = \"测试策略\"",
			Error{Line: 1, Key: "format", Value: "0", Reason: ReasonBadFormat}, nil},
		{"format as text", `name = "测试策略"`, "format = \"1\"\nname = \"测试策略\"",
			Error{Line: 1, Key: "format", Reason: ReasonWantInteger}, nil},
		{"a misspelt key before a bad value", `retention = "D10"`, `retention = "D20"` + "\n" + `colour = "红"`,
			Error{Line: 11, Key: "grade.colour", Reason: ReasonUnknownKey}, nil},
		{"of two bad values, the one on the earlier line", "[waive]", "[steps.tier1]\ndue_hours = 0\n\n[waive]",
			Error{Line: 25, Key: "steps.tier1.due_hours", Value: "0", Reason: ReasonRange}, []string{`"political"]`, `"politics"]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := edit(t, tt.old, tt.new)
			for i := 0; i+1 < len(tt.also); i += 2 {
				src = strings.Replace(src, tt.also[i], tt.also[i+1], 1)
			}
			checkRefused(t, []byte(src), tt.want)
		})
	}
}

func checkRefused(t *testing.T, src []byte, want Error) {
	t.Helper()
	p, err := Parse(src)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Parse = %v, %v; want an *Error %s", p, err, want.Reason)
	}
	got := *e
	got.Limit, got.Detail = "", ""
	if got != want {
		t.Fatalf("Parse error\n got %+v\nwant %+v\n(%v)", got, want, err)
	}
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("%v does not unwrap to ErrInvalid", err)
	}
}

func TestParseRefusesWholeFiles(t *testing.T) {
	noGrades := base[:strings.Index(base, "[[grade]]")] + base[strings.Index(base, "[waive]"):]
	read := func(name string) []byte {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name string
		src  []byte
		want Error
	}{
		{"GUIDE example copied verbatim", read("guide-semicolons.toml"), Error{Line: 8, Reason: ReasonSemicolon}},
		{"newer format with keys this build lacks", read("newer.toml"),
			Error{Line: 2, Key: "format", Value: "2", Reason: ReasonNewerFormat}},
		{"no grades", []byte(noGrades), Error{Key: "grade", Reason: ReasonNoGrades}},
		{"inline grade table", []byte(strings.Replace(string(read("steps.toml")), `retention = "Y"`, `retention = "X"`, 1)),
			Error{Line: 11, Key: "grade.retention", Grade: "C", Value: "X", Reason: ReasonBadRetention}},
		{"not UTF-8", []byte("name = \"\xb2\xe2\xca\xd4\"\n"), Error{Reason: ReasonNotUTF8}},
		{"NUL byte", []byte("name = \"a\"\x00\n"), Error{Reason: ReasonNotUTF8}},
		{"too large", []byte(base + strings.Repeat("#", MaxFileSize)), Error{Reason: ReasonTooLarge}},
		{"empty file", nil, Error{Key: "name", Reason: ReasonMissing}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkRefused(t, tt.src, tt.want) })
	}
}

func TestParseAccepts(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tests := []struct {
		name, src string
		check     func(t *testing.T, p *Policy)
	}{
		{"base", base, func(t *testing.T, p *Policy) {
			if p.Name != "测试策略" || p.Version != "v1" || p.Fonds != "Z001" || p.BackupMaxAgeDays != 7 || p.Format != 1 {
				t.Errorf("header %+v", p)
			}
			if s, _ := p.Steps("B"); !slices.Equal(s, []Step{Tier1, Tier2, Secrecy, Tier3}) {
				t.Errorf("steps of B %v", s)
			}
		}},
		{"byte-order mark", "\ufeff" + base, nil},
		{"bare date as version", edit(t, `version = "v1"`, `version = 2026-12-01`), func(t *testing.T, p *Policy) {
			if p.Version != "2026-12-01" {
				t.Errorf("version %q", p.Version)
			}
		}},
		{"minimal file of format 1 without the optional keys", read("minimal.toml"), func(t *testing.T, p *Policy) {
			if p.BackupMaxAgeDays != DefaultBackupMaxAgeDays || len(p.Phrases.Approve) != 0 || p.MayWaive(Tier3, finding.Typo) {
				t.Errorf("defaults %+v", p)
			}
			if p.Due(Tier1) != 0 {
				t.Errorf("due time without [steps]: %v", p.Due(Tier1))
			}
		}},
		{"per-step due times, inline grades, secrecy last", read("steps.toml"), func(t *testing.T, p *Policy) {
			if p.Due(Tier1).Hours() != 24 || p.Due(Secrecy) != 0 || p.Due(Tier3) != 0 {
				t.Errorf("due times %v", p.StepRules)
			}
			if s, _ := p.Steps("C"); !slices.Equal(s, []Step{Tier1, Tier2, Tier3, Secrecy}) {
				t.Errorf("steps of C %v", s)
			}
			if !slices.Equal(p.Waive[Tier1], []finding.Category{finding.Punctuation}) || !p.MayWaive(Secrecy, finding.Link) {
				t.Errorf("waivers %v", p.Waive)
			}
			if p.Version != "2027-01-15" || p.BackupMaxAgeDays != 14 {
				t.Errorf("header %+v", p)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if len(p.SM3) != 64 {
				t.Errorf("SM3 %q", p.SM3)
			}
			if tt.check != nil {
				tt.check(t, p)
			}
		})
	}
}

// TestDefaultPolicy checks the file shipped in assets against GUIDE §3.5.
func TestDefaultPolicy(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "本单位发布审核策略" || p.Version != "2026-12-01" || p.Fonds != "Z001" || p.BackupMaxAgeDays != 7 {
		t.Errorf("header %+v", p)
	}
	want := map[string]struct {
		label string
		ret   Retention
		steps []Step
	}{
		"A": {"普通", Years10, []Step{Tier1, Secrecy, Tier3}},
		"B": {"重要", Years30, []Step{Tier1, Tier2, Secrecy, Tier3}},
		"C": {"敏感", Permanent, []Step{Tier1, Tier2, Secrecy, Tier3}},
	}
	if len(p.Grades) != len(want) {
		t.Fatalf("%d grades", len(p.Grades))
	}
	for id, w := range want {
		g, err := p.Grade(id)
		if err != nil || g.Label != w.label || g.Retention != w.ret || !slices.Equal(g.Steps, w.steps) {
			t.Errorf("grade %s = %+v, %v", id, g, err)
		}
	}
	for _, c := range []finding.Category{finding.Typo, finding.Ad, finding.Tone, finding.Punctuation,
		finding.Datetime, finding.Placeholder, finding.Link} {
		if !p.MayWaive(Tier2, c) {
			t.Errorf("tier2 may not waive %s", c)
		}
	}
	for _, c := range []finding.Category{finding.Political, finding.Sensitive, finding.Tone} {
		if !p.MayWaive(Tier3, c) {
			t.Errorf("tier3 may not waive %s", c)
		}
	}
	if p.MayWaive(Tier1, finding.Typo) || p.MayWaive(Tier2, finding.Political) || p.MayWaive(Secrecy, finding.Link) {
		t.Error("a step waives what the default policy does not give it")
	}
	if len(p.Phrases.Approve) < 5 || len(p.Phrases.Return) < 5 ||
		!slices.Contains(p.Phrases.Approve, "同意发布。") || !slices.Contains(p.Phrases.Return, "请按批注修改。") {
		t.Errorf("phrases %+v", p.Phrases)
	}
	if code, err := p.ArchiveCode.Code(p.Fonds, 2026, Years10, 7); err != nil || code != "Z001-WS·2026-D10-0007" {
		t.Errorf("archive code %q, %v", code, err)
	}
	if string(assets.DefaultPolicy) == "" {
		t.Error("no default policy embedded")
	}
}

func TestNoStepWaivesSecretOrPrivacy(t *testing.T) {
	// Even a Policy built by hand, not parsed, never lets these be waived.
	p := &Policy{Waive: map[Step][]finding.Category{Tier3: {finding.Secret, finding.Privacy, finding.Typo}}}
	for _, s := range AllSteps {
		if p.MayWaive(s, finding.Secret) || p.MayWaive(s, finding.Privacy) {
			t.Errorf("%s may waive secret or privacy", s)
		}
	}
	if !p.MayWaive(Tier3, finding.Typo) || p.MayWaive(Tier2, finding.Typo) {
		t.Error("MayWaive ignores the policy")
	}
	if p.MayWaive(Tier3, "bogus") {
		t.Error("an unknown category is waivable")
	}
}

func TestGradeLookup(t *testing.T) {
	p, err := Parse([]byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Steps("Z"); !errors.Is(err, ErrNoSuchGrade) {
		t.Errorf("Steps(Z) = %v", err)
	}
	s, _ := p.Steps("A")
	s[0] = Tier3 // a caller's copy; the policy is unchanged
	if again, _ := p.Steps("A"); again[0] != Tier1 {
		t.Error("Steps returns the policy's own slice")
	}
}

func TestStepText(t *testing.T) {
	tests := []struct {
		step           Step
		label, meaning string
	}{
		{Tier1, "初审", "审核"},
		{Tier2, "复审", "审核"},
		{Tier3, "终审", "签发"},
		{Secrecy, "保密审查", "保密审查"},
	}
	for _, tt := range tests {
		if tt.step.Label() != tt.label || tt.step.Meaning() != tt.meaning {
			t.Errorf("%s: %s %s", tt.step, tt.step.Label(), tt.step.Meaning())
		}
		if !tt.step.Role().Valid() || tt.step.Permission() == "" {
			t.Errorf("%s: role %q permission %q", tt.step, tt.step.Role(), tt.step.Permission())
		}
		if tt.step.LabelKey() != "step."+string(tt.step) || tt.step.MeaningKey() != "step_meaning."+string(tt.step) {
			t.Errorf("%s: keys %s %s", tt.step, tt.step.LabelKey(), tt.step.MeaningKey())
		}
	}
	if Permanent.Label() != "永久" || Years30.Label() != "定期30年" || Years10.LabelKey() != "retention.d10" {
		t.Error("retention labels")
	}
}
