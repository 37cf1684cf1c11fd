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
