package sensitive

import (
	"strings"
	"testing"

	"shenfa/sensitive/finding"
)

// nonInfoSensitive returns the sensitive findings of text that are not info.
func nonInfoSensitive(t *testing.T, text string) []finding.Finding {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var fs []finding.Finding
	for _, f := range c.Check(text).Findings {
		if f.Category == finding.Sensitive && f.Severity != finding.Info {
			fs = append(fs, f)
		}
	}
	return fs
}

// TestOffers: a verb of trade, a few describing words and a good that must
// not be traded make an illegal offer in either order; the lawful trades,
// services and reports that share their words stay quiet or are lowered.
func TestOffers(t *testing.T) {
	tests := []struct{ text, want string }{
		{"回收二手手机卡、对公账户，价格高，当面交易。", "回收二手手机卡"},
		{"大麻种子出售，阳台就能种，包发芽。", "大麻种子出售"},
		{"各类证件制作：房产证、结婚证、户口本，和真的一样。", "各类证件制作"},
		{"出售野生穿山甲，正宗山货，冷链到家。", "出售野生穿山甲"},
		{"出租实名微信号，日赚200。", "出租实名微信号"},
		{"收银行卡，一张800，长期收。", "收银行卡"},
		{"专业制作高仿毕业证。", "制作高仿毕业证"},
		{"高价收购二手U盾", "收购二手U盾"},
		{"出*售*对*公*账*户", "出*售*对*公*账*户"},
		{"回1收2手3机4卡", "回1收2手3机4卡"},
		{"出售仿真枪，配件齐全。", "出售仿真枪"},
		// lawful trades, services and words
		{"二手手机回收，上门估价。", ""},
		{"市民可在政务大厅办理各类证件。", ""},
		{"身份证制作完成后请到窗口领取。", ""},
		{"出售大麻花，天津特产。", ""},
		{"出售象牙白瓷砖，包邮。", ""},
		{"出售儿童玩具和仿真枪模型。", "仿真枪"}, // the lexicon's name of the thing; no offer of a gun
		{"公民可自愿登记器官捐献。", ""},
		{"请勿接收银行卡短信中的陌生链接。", ""},
		{"出租房屋需登记租客身份证。", ""},
	}
	for _, tt := range tests {
		fs := nonInfoSensitive(t, tt.text)
		switch {
		case tt.want == "" && len(fs) > 0:
			t.Errorf("%q: false alarm %s %q", tt.text, fs[0].Rule, fs[0].Text)
		case tt.want != "" && (len(fs) != 1 || fs[0].Text != tt.want):
			t.Errorf("%q: got %v, want one finding %q", tt.text, fs, tt.want)
		}
	}
}

// TestOffersLowered: an offer named in a police report, a ban or a warning
// is lowered like a lexicon hit; with contact details it is not.
func TestOffersLowered(t *testing.T) {
	tests := []struct {
		text, word string
		want       finding.Severity
	}{
		{"县公安局抓获3名回收二手手机卡的犯罪嫌疑人。", "回收二手手机卡", finding.Info},
		{"不要将身份证出借他人。", "身份证出借", finding.Info},
		{"严禁出租出借营业执照。", "出借营业执照", finding.Info},
		{"回收二手手机卡，联系电话13900001111。", "回收二手手机卡", finding.Block},
	}
	for _, tt := range tests {
		f, ok := sensitiveAt(t, tt.text, tt.word)
		if !ok {
			t.Errorf("%q: %q not found", tt.text, tt.word)
			continue
		}
		if f.Severity != tt.want || f.Rule != RuleOffer {
			t.Errorf("%q: %s %s, want %s %s", tt.text, f.Rule, f.Severity, RuleOffer, tt.want)
		}
		if f.Severity == finding.Info && !strings.Contains(f.Message, "已降为提示") {
			t.Errorf("%q: message %q does not say why it was lowered", tt.text, f.Message)
		}
	}
}

// FuzzOffersAndLabels: the offer and label scans give spans inside the text
// whose Text is the span, never overlapping within one scan, for any input.
func FuzzOffersAndLabels(f *testing.F) {
	for _, s := range []string{"回1收2手3机4卡", "大麻种子出售", "各类证件制作", "收银行卡", "出*售*对*公*账*户",
		"内部参考，不得转发\n（涉密，不得上网）", "保密期限：10年", "★机密\n秘密▲1年", "县委办公室　　内部", "涉密！请勿转发",
		"\xff出\u200b售", "（", "出"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		runes := []rune(text)
		for name, fs := range map[string][]finding.Finding{"offers": offers(runes), "labels": labelMarkings(runes)} {
			end := 0
			for _, x := range fs {
				if x.Start < end || x.Start >= x.End || x.End > len(runes) || string(runes[x.Start:x.End]) != x.Text {
					t.Fatalf("%s: bad span %d-%d %q in %q", name, x.Start, x.End, x.Text, text)
				}
				end = x.End
			}
		}
		for _, x := range markings(runes) {
			if x.Start < 0 || x.Start >= x.End || x.End > len(runes) || string(runes[x.Start:x.End]) != x.Text {
				t.Fatalf("markings: bad span %d-%d %q in %q", x.Start, x.End, x.Text, text)
			}
		}
	})
}
