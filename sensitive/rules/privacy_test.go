package rules

import "testing"

func TestPrivacy(t *testing.T) {
	cases := []tcase{
		{"身份证号⟦350102199001011238⟧。", []string{"privacy.id_card/block=35**************38"}},
		{"身份证：⟦11010519491231002X⟧，", []string{"privacy.id_card/block=11**************2X"}},
		{"⟦11010519491231002x⟧", []string{"privacy.id_card/block"}},
		{"旧证⟦350102900101123⟧号", []string{"privacy.id_card/warn=35***********23"}},
		{"电话⟦13812345678⟧。", []string{"privacy.mobile/warn=138****5678"}},
		{"电话：⟦138-1234-5678⟧", []string{"privacy.mobile/warn=138-****-5678"}},
		{"电话 ⟦138 1234 5678⟧ 联系", []string{"privacy.mobile/warn=138 **** 5678"}},
		{"⟦+8613812345678⟧", []string{"privacy.mobile/warn=+86138****5678"}},
		{"电话⟦+86 138 1234 5678⟧", []string{"privacy.mobile/warn=+86 138 **** 5678"}},
		{"电话⟦+86-13812345678⟧", []string{"privacy.mobile/warn=+86-138****5678"}},
		{"卡号⟦6222021234567890128⟧", []string{"privacy.bank_card/block=6222***********0128"}},
		{"卡号：⟦6228 4800 1234 5671⟧。", []string{"privacy.bank_card/block=6228 **** **** 5671"}},
		{"⟦4111-1111-1111-1111⟧", []string{"privacy.bank_card/block=4111-****-****-1111"}},
		{"⟦6222 0212 3456 7890 128⟧", []string{"privacy.bank_card/block"}},
		{"邮箱⟦zhang.san@example.com⟧。", []string{"privacy.email/info=z***@example.com"}},
		{"邮箱：⟦service＠gov.cn⟧", []string{"privacy.email/info"}},
		{"发至⟦a.b@mail.example.org⟧.", []string{"privacy.email/info"}},
		{"联系人张三，⟦13912345678⟧，身份证⟦350102199001011238⟧", []string{"privacy.mobile/warn", "privacy.id_card/block"}},
	}
	runCases(t, Privacy, cases)
	runCases(t, Privacy, none(
		"电话138****1234", "身份证35**************38", "卡号6222 **** **** 0128",
		"编号1381234567890", "编号138123456789", "代码A13812345678", "小数3.13812345678",
		"身份证350102199001011239", "身份证350102199002301237", "卡号6222021234567890123",
		"电话0591-87654321", "12345热线", "2024-04-01", "第2024号", "统一社会信用代码91350100M000100Y43",
		"http://x.cn/13812345678.html", "a@b", "@某人", "收件人@大家",
		"2019年6月30日前", "共计12345678901234567890123件",
	))
}

func TestIDCardChecks(t *testing.T) {
	d := func(s string) []byte {
		b := make([]byte, len(s))
		for i := range s {
			b[i] = s[i] - '0'
		}
		return b
	}
	if !isIDCard18(d("11010519491231002"), 10) {
		t.Error("X check digit rejected")
	}
	if isIDCard18(d("95010219900101123"), 8) {
		t.Error("region 95 accepted")
	}
	if !validYMD(2000, 2, 29) || validYMD(1900, 2, 29) || validYMD(2023, 2, 29) {
		t.Error("leap years")
	}
	if !luhn(d("4111111111111111")) || luhn(d("4111111111111112")) {
		t.Error("luhn")
	}
}
