package rules

import (
	"strings"
	"testing"
)

func TestTone(t *testing.T) {
	w := []string{"tone.reply/warn"}
	ww := []string{"tone.reply/warn", "tone.reply/warn"}
	runCases(t, Tone, []tcase{
		// listed phrases, open wording, and the reply's own voice
		{"网友问：何时修路？回复：⟦早干嘛去了，现在才来问⟧。", w},
		{"回复：⟦你家孩子考不好别赖别人⟧。", w},
		{"回复：⟦嫌吵可以搬走，又没人逼你住这里⟧。", w},
		{"回复：⟦少在网上瞎嚷嚷⟧！", w},
		{"网友留言：路灯坏了。\n回复：⟦你觉得我们会不知道吗⟧？修路灯也要排期的。", w},
		{"问：社保卡丢了怎么办？\n答：⟦通知上写得清清楚楚，你自己不看通知，怪谁⟧？", w},
		{"回复：⟦再这样天天打电话投诉，我们就把你的号码拉黑⟧。", w},
		{"回复：⟦电话没人接说明在忙，你不会换个时间打⟧？", w},
		{"回复：⟦坏了就别用，又不是非用不可⟧。", w},
		{"回复：⟦涨了就交呗⟧。", w},
		{"回复：⟦规定就是规定⟧。", w},
		{"回复：⟦到窗口来问，网上问什么问⟧。", w},
		{"回复：⟦同样的问题已经回复过三次了，不要再刷屏⟧。", w},
		{"回复：⟦你爱找谁找谁⟧。⟦爱办不办⟧。", ww},
		// a letter headed by a title and a salutation
		{"关于路灯问题的回复\n\n网友：\n你反映的路灯问题已转交供电所。⟦别以为在网上发个帖子就能解决所有问题⟧。", w},
		{"关于排队问题的回复\n\n网友：\n您好！⟦您可真是够着急的，全市就您一个人要办事呗⟧。", w},
		// a strong cue is hostile even without a reply label
		{"⟦后果自负⟧。", w},
	})
	runCases(t, Tone, none(
		"您好，您反映的问题已转交相关部门办理。", "你问我答：医保报销怎么办？", "请保护好你自己的个人信息，不要贪小便宜。",
		"警方提醒：骗子贪心不足，群众要提高警惕。", "让群众少跑腿、好办事。", "迷你马拉松将于周六举行。",
		// polite and firm replies
		"回复：您好！经核实，您的申请暂不符合条件。如有异议，可依法申请行政复议。感谢您的理解。",
		"回复：你好，你说的路灯问题我们已经联系供电所，今晚就安排人员去修，谢谢你的提醒！",
		"回复：您好！请问您所说的路段具体在哪个位置？",
		"回复：您好，您反映的问题属于市场监管部门职责范围，我们已转交办理。",
		// the citizen may be rude; the reply answers politely
		"网友留言：你们到底管不管？再不解决我就去上访！\n回复：您好，非常抱歉给您带来困扰，维修队伍已于今日进场。",
		"市民：你们到底管不管？\n工作人员：非常抱歉让您久等了，我们已经督办。",
		// news, police and court reports quote hostile words
		"犯罪嫌疑人李某持刀威胁称“再停在我家门口就对你不客气”，民警将其依法传唤。",
		"有网民反映某县政务账号回复时称“爱找谁找谁”，该县随即对相关责任人进行约谈。",
		"经查，该村党支部书记多次称“这事我管不了”，县纪委监委给予其党内警告处分。",
		// rhetorical questions in editorials, friendly 你 in posters
		"面对群众的急难愁盼，难道我们可以坐视不管吗？答案显然是否定的。",
		"小朋友，你知道垃圾应该怎么分类吗？快来和爸爸妈妈一起学习吧！",
		"【政策问答】问：灵活就业人员可以参加职工医保吗？答：可以。您可以持身份证办理参保登记。",
		"实现了世界最大规模的量子纠缠态制备。",
		"景区提醒：请穿着防滑鞋。\n网友评论：\n“周末人多吗？”",
		"关于入学划片的回复\n\n家长：\n你家所在的小区划入第三小学学区，具体范围已在公众号公布。",
	))
}

// TestToneInAnyLayout: hostile wording is found in the layouts replies
// take (work orders, comment replies, chat transcripts, mailbox records,
// third-person replies, a clause inside a polite letter), and the polite
// version of each stays quiet.
func TestToneInAnyLayout(t *testing.T) {
	w := []string{"tone.reply/warn"}
	runCases(t, Tone, []tcase{
		{"【12345工单办理结果】\n诉求内容：市民反映垃圾站有异味。\n办理结果：经现场查看，清运正常。⟦嫌臭可以把窗户关上⟧。", w},
		{"回复 @晚风：⟦你行你来啊⟧。", w},
		{"@小王同学 ⟦图书馆闭馆时间早就公示了，来晚了怪谁⟧？", w},
		{"用户 14:02：营业执照在哪里年报？\n客服 14:03：⟦网上写得清清楚楚，自己看⟧。", w},
		{"来电人：医保卡怎么还没寄到？\n话务员：⟦那是邮局的事，你冲我喊有什么用⟧？", w},
		{"信件标题：低保评定不公\n办理结果：⟦来信人有手有脚，不能什么都指望政府⟧。", w},
		{"⟦经核实，诉求人所述与事实不符，纯属无理要求⟧。", w},
		{"张先生：\n您好！您反映的外墙问题已修复。⟦您也应该好好反思一下自己⟧。感谢您的监督。", w},
		{"网友：\n您好！⟦审批需要时间，催也没用，请耐心等待⟧。", w},
		{"网友您好：⟦您可真会替政府花钱⟧。该项目暂无计划。", w},
		{"回复@橘子：⟦请不要异想天开⟧。", w},
		{"坐席：⟦这都不会⟧？下载个APP就能查。", w},
		{"停水通知\n请大家提前储水。⟦每次都有人说不知道，这次再说不知道我们也没办法了⟧。", w},
		{"回复：⟦想投诉就去投诉，我们按规定办事⟧。", w},
	})
	runCases(t, Tone, none(
		"【12345工单办理结果】\n诉求内容：市民反映垃圾站有异味。\n办理结果：经现场查看，已加装除臭设备并增加清运频次。",
		"回复 @晚风：感谢关注！政策解读已置顶，有疑问欢迎私信。",
		"@小王同学 你好！你说的情况我们已转给社区核实，有进展第一时间告诉你。",
		"用户 14:02：你好，我想问一下年报在哪里填？\n客服 14:03：您好，请登录国家企业信用信息公示系统填报。",
		"客服：请问还有其他问题吗？\n用户：没有了，谢谢。\n客服：不客气，祝您生活愉快！",
		"经核实，诉求人反映的收费问题，收费标准经物价部门核准，不存在违规收费情形。",
		"回复：您好！您申请的补贴暂不符合条件，如有异议，可依法申请行政复议。",
		"回复：您好！您可以自己登录APP查询缴费记录，也可到社区窗口打印。",
		"民警到场后，该男子仍叫嚷“你们管不着”“有本事把我抓走”，目前已被依法行政拘留。",
		"小朋友，过马路时你会看红绿灯吗？红灯停，绿灯行，你也来试试吧！",
		"关于清理违章搭建的通告\n对拒不自行拆除的违法建筑，将依法强制拆除，所需费用由当事人承担。",
		"各有关部门依法管理，对寻衅滋事、无理取闹的行为依法进行打击。",
		"晚上10:00后搬走外摆的桌椅，并提醒食客文明用餐。",
		"区住建局已联系物业公司于11月20日前完成修复。",
	))
}

// TestToneVoiceOfReplyPages: on a page that carries a citizen's letter and
// its answer, the letter (often without a label) is the citizen's.
func TestToneVoiceOfReplyPages(t *testing.T) {
	runCases(t, Tone, none(
		"领导您好：\n我家门口的路灯坏了半年，难道就没人管吗？为什么不能修？\n尊敬的网友：\n您好！路灯已于昨日修复。",
		"尊敬的市长：\n您好！\n小区噪音扰民，难道业主就要长期忍受吗？\n市民：\n您好！您的来信收悉，已责成街道处理。",
		"小区广场舞太吵，打电话他们说不负责。难道就没有解决办法吗？\n网友：\n您好！街道已协调降低音量。",
		// the citizen writes again under the reply, without a label
		"网友：\n您好！经夜间巡查，未发现明显异味。\n又是没发现异味，你们工作人员的鼻子是定做的吧，以为老百姓都是傻子啊。",
	))
	for text, want := range map[string]voice{
		"客服 14:06：网站上写得很清楚": voiceReply, "留言人：您好！": voiceReply, "用户：你好，我想问一下": voiceCitizen,
		"领导您好：": voiceCitizen, "张先生：\n您好": voiceReply, "张先生：我家楼上漏水": voiceCitizen,
	} {
		if got, _ := labelAt([]rune(text), 0, maxLabel); got != want {
			t.Errorf("labelAt(%q) = %d, want %d", text, got, want)
		}
	}
}

func TestToneMessageNamesCues(t *testing.T) {
	fs := Tone([]rune("回复：这事不归我们管，你爱找谁找谁！"))
	if len(fs) != 1 {
		t.Fatalf("got %s", describe(fs))
	}
	for _, want := range []string{"推诿", "“不归我们管”", "称“你”而不称“您”", "感叹号"} {
		if !strings.Contains(fs[0].Message, want) {
			t.Errorf("message %q does not name %s", fs[0].Message, want)
		}
	}
	if fs[0].Suggestion == "" {
		t.Error("no suggested wording")
	}
}

func TestToneVoice(t *testing.T) {
	for label, want := range map[string]voice{
		"网友留言": voiceCitizen, "纳税人问": voiceCitizen, "市民王先生来电反映": voiceCitizen, "问": voiceCitizen,
		"县医保局回复": voiceReply, "答": voiceReply, "工作人员答复": voiceReply, "@平安小城 回复 @用户8823": voiceReply,
		"网友您好": voiceReply, "尊敬的张先生": voiceReply, "你问我答": voiceNeutral, "【政策问答】问": voiceCitizen,
		"通告": voiceNeutral, "民警提醒": voiceNeutral,
	} {
		if got := speaker(label); got != want {
			t.Errorf("speaker(%q) = %d, want %d", label, got, want)
		}
	}
	// 网友： heads a reply when the reply follows it; 网友留言： never does.
	for text, want := range map[string]voice{
		"网友：\n你反映的问题": voiceReply, "网友：您好": voiceReply, "网友：你们到底管不管": voiceCitizen,
		"网友留言：\n小区路灯坏了": voiceCitizen, "家长：经核查": voiceReply,
	} {
		if got, _ := labelAt([]rune(text), 0, maxLabel); got != want {
			t.Errorf("labelAt(%q) = %d, want %d", text, got, want)
		}
	}
}

func TestToneDismissal(t *testing.T) {
	for text, want := range map[string]bool{
		"嫌报销少就别生病啊": true, "嫌吵你可以搬家嘛": true, "没时间排队就别来办": true, "嫌排队久就早点来": true,
		"犯罪嫌疑人已被刑拘": false, "工作人员不嫌麻烦就上门服务": false, "涉嫌诈骗": false,
		"能马上办的就别拖着": false,
	} {
		if got := dismissal(text); got != want {
			t.Errorf("dismissal(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestToneExceptionsHoldTheirCue: an exception word must contain the cue
// it cancels, or the index cannot place it.
func TestToneExceptionsHoldTheirCue(t *testing.T) {
	for cue, words := range cueExceptions {
		for _, w := range words {
			if !strings.Contains(w, cue) {
				t.Errorf("exception %q does not hold its cue %q", w, cue)
			}
		}
	}
}

// BenchmarkTone10k and BenchmarkTone100k measure the tone scan alone on
// the benchmark text: it reads every character, so it must stay a small
// part of Check.
func BenchmarkTone10k(b *testing.B)  { benchmarkTone(b, 10_000) }
func BenchmarkTone100k(b *testing.B) { benchmarkTone(b, 100_000) }

func benchmarkTone(b *testing.B, n int) {
	text := benchText(b, n)
	b.ReportAllocs()
	for b.Loop() {
		Tone(text)
	}
}

// FuzzTone: the tone scan looks around every cue (clauses, labels,
// handles, quotation marks); no input may make it report a span outside
// the text or one that is not its text.
func FuzzTone(f *testing.F) {
	for _, s := range []string{"客服 14:06：自己看。", "@用户 你行你来啊", "【工单办理结果】您好！那是邮局的事？",
		"经核实，诉求人有手有脚", "连", "这都不", "急也急不来", "想投诉就去投诉", "是您操作有问题", "当初就该",
		"随便你", "“你们工作人员”", "领导您好：\n难道吗？\n网友：\n您好！", "等着", "去", "：：", "@"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := []rune(s)
		for _, fd := range Tone(text) {
			if fd.Start < 0 || fd.End > len(text) || fd.Start >= fd.End || fd.Text != string(text[fd.Start:fd.End]) {
				t.Fatalf("bad span [%d,%d) %q in %q", fd.Start, fd.End, fd.Text, s)
			}
		}
	})
}
