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
		"（接待时间：周一至周五）", "（期待您的参与）", "【联系电话】0591-12345678", "（配图为资料图）", "（单位：万元）", "政府工作报告（摘要）", "工作报告(摘要)\n一九九〇年",
	))
}

// TestEditorialNotes: notes to colleagues and slots left empty, bracketed in
// other ways or not bracketed at all.
func TestEditorialNotes(t *testing.T) {
	b := []string{"placeholder.pattern/block"}
	w := []string{"placeholder.note/warn"}
	runCases(t, Placeholders, []tcase{
		{"影响范围：⟦〈待供电所提供〉⟧", b},
		{"地点：⟦<待填写>⟧", b},
		{"⟦【待办公室核实】⟧全县共有", b},
		{"冬季流感高发。\n⟦[图片]⟧\n勤洗手。", b},
		{"见下图⟦［截图］⟧", b},
		{"活动现场\n⟦【配图】⟧\n", b},
		{"⟦（照片）⟧\n全县防汛演练举行。", b},
		{"⟦（此处需领导审核）⟧", b},
		{"根本标准。⟦此处需领导审核⟧。会议还研究了其他事项。", w},
		{"⟦此处插入表格⟧\n", w},
		{"直播链接：⟦待定⟧", w},
		{"主讲人： ⟦待确认⟧\n时间：12月8日", w},
		{"全县共有120户。⟦以上数据待核实⟧。", w},
		{"⟦本稿需领导审核⟧。", w},
		{"青川县人民政府\n2026年⟦  月  日⟧", b},
		{"落款：⟦　　年　　月　　日⟧", b},
		{"临政发⟦〔2026〕号⟧", b},
		{"关于印发方案的通知（县政办发⟦〔　〕号⟧）", b},
		{"标题：⟦【】⟧\n正文", b},
		{"请于⟦（    ）⟧前报送", b},
		{"全县共计⟦??⟧人参加", b},
		{"同比增长⟦＊＊⟧%", b},
		{"⟦【标题】⟧\n今天，我们", b},
		{"请与⟦（联系人）⟧联系", b},
	})
	runCases(t, Placeholders, none(
		"此处禁止停车。", "此处为施工区域，请绕行。", "对此，相关情况尚待核实，我们将及时反馈。",
		"经核实，您反映的问题属实。", "【视频】全县重点项目开工", "（图为活动现场）", "[1]", "（等待审核）",
		"请您耐心等待审核结果。", "申请人提交材料后，由窗口工作人员审核后发布公示。", "时间待定的活动将另行通知。",
		"（期待您的参与）", "【附件】1.申报表", "见附件：申报表", "附件：\n1.申报表",
		"国办发〔2018〕123号", "2026年 3月 5日", "2026年12月1日", "见文献[1]号", "〔2026〕1号",
		"选择题（ ）", "张**", "**县永****公司、**市君****公司", "**年**月", "王＊＊同志", "什么？？", "【摘要】今天我们", "【时间】2026年12月1日", "（单位：万元）",
	))
}
