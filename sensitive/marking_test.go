package sensitive

import (
	"slices"
	"testing"

	"shenfa/sensitive/finding"
)

// TestNonPublicMarkings: 非公开 as a document's disclosure marking is a
// secret finding; 非公开 as a procedure (securities, tenders, trials,
// closed meetings) is not.
func TestNonPublicMarkings(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"【非公开】\n关于调整部分干部职务的通知", []string{"【非公开】"}},
		{"非公开\n县防汛抗旱指挥部关于汛期值班安排的通知", []string{"非公开"}},
		{"公开属性：非公开\n关于加强干部队伍建设的意见", []string{"非公开"}},
		{"（非公开）县委办公室关于会议筹备工作的情况报告", []string{"（非公开）"}},
		{"本件为非公开文件，现将有关事项通知如下。", []string{"非公开文件"}},
		{"附件为本单位非公开资料。", []string{"非公开资料"}},
		{"非公开附件：全县防汛物资储备点位", []string{"非公开附件"}},
		{"详见附表。\n非公开发布", []string{"非公开"}},
		{"仅限县级领导阅知：全县政府债务规模", []string{"仅限县级领导阅知"}},
		{"会议还研究了其他事项。\n（机密）", []string{"（机密）"}},
		{"公司拟向特定对象非公开发行股票，募集资金不超过10亿元。", nil},
		{"因案件涉及个人隐私，法院依法对该案进行非公开审理。", nil},
		{"该项目采用非公开招标方式，邀请5家企业参与投标。", nil},
		{"联合国安理会当天就地区局势举行非公开会议。", nil},
		{"非公开发行股票的申请已获批准。", nil},
		{"以上信息仅供参考，仅限于往返深圳的旅客。", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range markings([]rune(tt.text)) {
			got = append(got, f.Text)
			if f.Category != finding.Secret || f.Severity != finding.Block || f.Rule != "secret.marking" || f.Message == "" {
				t.Errorf("%q: finding %+v", tt.text, f)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}
