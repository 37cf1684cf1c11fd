package sensitive

import (
	"slices"
	"testing"

	"shenfa/sensitive/finding"
)

// nonInfoSecrets returns the texts of the secret findings of text that are
// not info.
func nonInfoSecrets(t *testing.T, text string) []string {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range c.Check(text).Findings {
		if f.Category == finding.Secret && f.Severity != finding.Info {
			got = append(got, f.Text)
		}
	}
	return got
}

// TestLabelRows: a line, a bracket, a line's first clause or a heading's
// right end that holds nothing but circulation labels is a marking as a
// whole, however the labels are spaced or evaded; the same words in a
// sentence are not.
func TestLabelRows(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"内部参考，不得转发\n舆情专报：网上讨论情况", []string{"内部参考，不得转发"}},
		{"重点人员稳控名单（涉密，不得上网）\n为做好工作", []string{"（涉密，不得上网）"}},
		{"内部资料 注意保密\n全区信访形势分析", []string{"内部资料 注意保密"}},
		{"内 部 参 考 ， 不 得 转 发\n正文", []string{"内 部 参 考 ， 不 得 转 发"}},
		{"内1部1参1考，不1得1转1发\n正文", []string{"内1部1参1考，不1得1转1发"}},
		{"抄送：县委办公室（内部）", []string{"（内部）"}},
		{"附件：通讯录（请勿外传）", []string{"（请勿外传）"}},
		{"涉密！请勿转发到其他群。", []string{"涉密"}},
		{"县委办公室　　内部", []string{"内部"}},
		{"工作秘密\n关于调整分工的说明", []string{"工作秘密"}},
		{"保密期限：10年\n正文", []string{"保密期限：10年"}},
		{"知悉范围：县级以上领导干部\n正文", []string{"知悉范围：县级以上领导干部"}},
		{"密级：内部\n正文", []string{"密级：内部"}},
		// prose and public notices
		{"以上信息仅供参考。", nil},
		{"仅供参考", nil},
		{"未经授权，不得转载。", nil},
		{"请广大市民不信谣、不传谣、不转发。", nil},
		{"涉密计算机不得连接互联网。", nil},
		{"保密期限：绝密级不超过三十年，机密级不超过二十年。", nil},
		{"（公开方式：主动公开）", nil},
		{"（2026年11月）", nil},
	}
	for _, tt := range tests {
		if got := nonInfoSecrets(t, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestLevelLayouts: a level word spaced apart as typesetters do, evaded,
// after a star, with a period after another symbol, after 密级为, or set
// apart at the end of a heading is a marking.
func TestLevelLayouts(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"秘　密\n关于做好安保工作的通知", []string{"秘　密"}},
		{"机*密★5年\n正文", []string{"机*密★5年"}},
		{"★机密\n正文", []string{"★机密"}},
		{"秘密▲1年\n正文", []string{"秘密▲1年"}},
		{"机密-5年\n正文", []string{"机密-5年"}},
		{"秘密★三个月\n正文", []string{"秘密★三个月"}},
		{"机密✩一年\n正文", []string{"机密✩一年"}},
		{"保密等级：机密\n正文", []string{"机密"}},
		{"本文件密级为秘密，请妥善保管。", []string{"秘密"}},
		{"县委常委会会议纪要　机密", []string{"机密"}},
		{"他说 秘密 就在这里", nil},
		{"揭开宇宙的秘密。", nil},
		{"商业机密受法律保护。", nil},
	}
	for _, tt := range tests {
		if got := nonInfoSecrets(t, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestSecretMentions: a material named in a secrecy rule is lowered to
// info; the same word as a label, and an instruction after a prohibition,
// keep their severity.
func TestSecretMentions(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"3. 不得在微信群、朋友圈发布内部文件。", nil},
		{"严禁将涉密文件带出办公室。", nil},
		{"本文件为内部文件，严禁外传。", []string{"内部文件", "严禁外传"}},
		{"办公室：请阅后即删，不得截图外传。", []string{"阅后即删", "截图外传"}},
		{"此情况请内部掌握，不对外公布。", []string{"内部掌握", "不对外公布"}},
		// the disclosure attributes explained, not applied
		{"公开属性分为三类（此件公开发布、此件依申请公开、此件不公开）。", nil},
		{"防止依申请公开和不予公开属性滥用。", nil},
		{"（此件不公开）\n各乡镇人民政府：", []string{"（此件不公开）"}},
	}
	for _, tt := range tests {
		if got := nonInfoSecrets(t, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}
