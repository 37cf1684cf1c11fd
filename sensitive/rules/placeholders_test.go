package rules

import "testing"

func TestPlaceholders(t *testing.T) {
	cases := []tcase{
		{"尊敬的⟦{{name}}⟧：", []string{"placeholder.pattern/block"}},
		{"金额⟦${amount}⟧元", []string{"placeholder.pattern/block"}},
		{"地址⟦【待补充】⟧", []string{"placeholder.pattern/block"}},
		{"⟦[待定]⟧", []string{"placeholder.pattern/block"}},
		{"⟦【时间待定】⟧召开", []string{"placeholder.pattern/block"}},
		{"⟦XX⟧省⟦XX⟧市", []string{"placeholder.pattern/block", "placeholder.pattern/block"}},
		{"⟦××⟧同志", []string{"placeholder.pattern/block"}},
		{"⟦20XX年⟧", []string{"placeholder.pattern/block"}},
		{"于⟦X月X日⟧召开", []string{"placeholder.pattern/block"}},
		{"2024年⟦X月X日⟧", []string{"placeholder.pattern/block"}},
		{"⟦20XX年X月X日⟧", []string{"placeholder.pattern/block"}},
		{"签名：⟦＿＿＿⟧", []string{"placeholder.pattern/block"}},
		{"姓名⟦____⟧", []string{"placeholder.pattern/block"}},
		{"⟦□□⟧局", []string{"placeholder.pattern/block"}},
		{"⟦TODO⟧：改", []string{"placeholder.pattern/block"}},
		{"⟦ＸＸ⟧局", []string{"placeholder.pattern/block"}},
		{"⟦xx⟧.gov.cn", []string{"placeholder.pattern/block"}},
	}
	runCases(t, Placeholders, cases)
	runCases(t, Placeholders, none(
		// video ids and codes: letters and digits around the X's
		"https://tv.cctv.com/2022/11/02/VIDEJgSZE3hcIFyCcclMJ5xX221102.shtml", "设备编号AB5xX72C已登记。",
	))
	runCases(t, Placeholders, none(
		"XXL码", "iPhone X", "XXI世纪", "X光", "X射线", "3×4", "138XXXX1234", "3501XXXXXXXX1234",
		"【权威发布】", "【接待安排】", "【期待】", "[1]", "□", "文末□", "__", "TODOs", "x86", "Xbox",
		"{{", "{{}}", "${}", "max", "{{未闭合", "【待遇】",
	))
}

func TestEditorialBrackets(t *testing.T) {
	b := []string{"placeholder.pattern/block"}
	runCases(t, Placeholders, []tcase{
		{"调研中，他强调要发展特色产业。⟦（此处插入图片）⟧", b},
		{"全市新增就业⟦［此处补充数据］⟧人。", b},
		{"⟦（编者按：待补）⟧本文介绍了我市的做法。", b},
		{"⟦【配图】⟧全县防汛应急演练举行。", b},
		{"⟦【配图：会议现场】⟧", b},
		{"会议由⟦（主持人姓名）⟧主持。", b},
		{"尊敬的⟦【网友昵称】⟧：", b},
		{"⟦{单位名称}⟧\n2025年5月26日", b},
		{"⟦（转发自某考生群，发布前请核实）⟧", b},
		{"附件：《活动方案》⟦（附件待上传）⟧", b},
		{"⟦【待删除：后台收到的私信】⟧", b},
		{"⟦(此处插入视频)⟧", b},
		{"⟦[插图1]⟧全县高标准农田建设稳步推进。", b},
	})
	runCases(t, Placeholders, none(
		"【政策解读】医保财政补助标准提高。（本文由市医保局提供）", "本报讯（记者 张明 通讯员 李华）近日，",
		"（图为活动现场。记者 王强 摄）", "《意见》（以下简称《意见》）", "【图解】2024年政府工作报告", "【视频】全县重点项目开工",
		"（接待时间：周一至周五）", "（期待您的参与）", "【联系电话】0591-12345678", "（配图为资料图）", "（单位：万元）",
	))
}
