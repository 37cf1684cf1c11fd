package i18n

import (
	"fmt"
	"strings"
	"testing"

	"shenfa/review/lexicons/slx"
	"shenfa/sensitive/lexicon"
)

func TestPackageRefusalsSayWhatAndWhatToDo(t *testing.T) {
	Use(Chinese)
	defer Use(Chinese)
	lexErr := fmt.Errorf("lexicon a.toml: %w", &lexicon.LineError{Line: 3, Err: lexicon.ErrUnknownField})
	tests := []struct {
		err  *slx.Error
		want []string
	}{
		{&slx.Error{Reason: slx.ReasonBadStatement, Line: 4, Err: slx.ErrDate}, []string{"第 4 行", "YYYY-MM-DD", "未保存任何内容"}},
		{&slx.Error{Reason: slx.ReasonBadStatement, Err: slx.ErrText}, []string{"格式不正确：", "LF"}},
		{&slx.Error{Reason: slx.ReasonUnknownKey, Publisher: "某省", Key: "ab12"}, []string{"某省", "ab12", "受信任发布方"}},
		{&slx.Error{Reason: slx.ReasonHashMismatch, File: "a.toml"}, []string{"a.toml", "SM3", "签署后被改动"}},
		{&slx.Error{Reason: slx.ReasonBadLexicon, File: "a.toml", Err: lexErr}, []string{"a.toml", "第 3 行", "修改。未保存"}},
		{&slx.Error{Reason: slx.ReasonNotNewer, Lexicon: "甲", Have: "2026.2", Version: "2026.1"}, []string{"2026.2", "2026.1", "更新的版本"}},
	}
	for _, tt := range tests {
		got := Message(fmt.Errorf("import: %w", tt.err))
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tt.err.Reason, got, w)
			}
		}
		if strings.Contains(got, "意外") || strings.Contains(got, "。。") {
			t.Errorf("%s: %q", tt.err.Reason, got)
		}
	}
	Use(English)
	if got := Message(&slx.Error{Reason: slx.ReasonMissingFile, File: "b.txt"}); !strings.Contains(got, "lacks “b.txt”") {
		t.Errorf("English: %q", got)
	}
}
