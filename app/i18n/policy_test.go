package i18n

import (
	"fmt"
	"strings"
	"testing"

	"shenfa/review/policy"
)

func TestPolicyRefusalsAreTranslated(t *testing.T) {
	zh, en := load(t, "zh_Hans.json"), load(t, "en.json")
	for _, r := range policy.Reasons {
		for lang, m := range map[string]map[string]string{"zh": zh, "en": en} {
			if m["error.review_policy."+string(r)] == "" {
				t.Errorf("%s: reason %s has no message", lang, r)
			}
		}
	}
	for _, s := range policy.AllSteps {
		if zh[s.LabelKey()] != s.Label() || zh[s.MeaningKey()] != s.Meaning() || en[s.LabelKey()] == "" {
			t.Errorf("step %s: %q %q", s, zh[s.LabelKey()], zh[s.MeaningKey()])
		}
	}
	for _, r := range policy.Retentions {
		if zh[r.LabelKey()] != r.Label() || en[r.LabelKey()] == "" {
			t.Errorf("retention %s: %q", r, zh[r.LabelKey()])
		}
	}
}

func TestPolicyRefusalsNameLineAndProblem(t *testing.T) {
	defer Use(Chinese)
	tests := []struct {
		lang string
		err  error
		want []string
	}{
		{Chinese, &policy.Error{Line: 26, Key: "waive.tier3", Value: "secret", Reason: policy.ReasonUnwaivable},
			[]string{"第 26 行", "secret", "不能豁免", "修改原文"}},
		{Chinese, &policy.Error{Line: 11, Key: "grade.steps", Grade: "A", Value: "secrecy", Reason: policy.ReasonMissingStep},
			[]string{"第 11 行", "分级 A 缺少", "secrecy", "保密审查"}},
		{Chinese, &policy.Error{Line: 8, Reason: policy.ReasonSemicolon}, []string{"第 8 行", "分号"}},
		{Chinese, &policy.Error{Key: "fonds", Reason: policy.ReasonMissing}, []string{"审核策略文件：", "fonds"}},
		{Chinese, &policy.Error{Line: 2, Key: "format", Value: "2", Limit: "1", Reason: policy.ReasonNewerFormat},
			[]string{"第 2 版格式", "第 1 版", "升级"}},
		{Chinese, fmt.Errorf("import: %w", policy.ErrVersionTaken), []string{"新的版本号"}},
		{English, &policy.Error{Line: 5, Key: "backup_max_age_day", Reason: policy.ReasonUnknownKey},
			[]string{"line 5", "“backup_max_age_day”", "misspelt"}},
		{English, &policy.Error{Line: 4, Key: "archive_code", Value: "{fond}", Reason: policy.ReasonCodeField},
			[]string{"line 4", "“{fond}”", "{seq:04}"}},
	}
	for _, tt := range tests {
		Use(tt.lang)
		got := Message(tt.err)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%v: %q lacks %q", tt.err, got, w)
			}
		}
	}
	// Every reason renders with all fields filled, leaving no template behind.
	for _, l := range []string{Chinese, English} {
		Use(l)
		for _, r := range policy.Reasons {
			e := &policy.Error{Line: 3, Key: "k", Grade: "A", Value: "v", Limit: "9", Reason: r, Detail: "d"}
			if got := Message(e); strings.Contains(got, "{{") || strings.Contains(got, "no value") ||
				strings.Contains(got, "error.") || !strings.Contains(got, "3") {
				t.Errorf("%s %s: %q", l, r, got)
			}
		}
	}
}
