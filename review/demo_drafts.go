package review

import (
	"context"
	"fmt"
	"time"

	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/sensitive/finding"
)

// demoChannels are the demo unit's publication channels.
var demoChannels = []drafts.Channel{
	{Name: "江城发布", Platform: "微信公众号", Unit: "江城市人民政府办公室"},
	{Name: "@江城发布", Platform: "微博", Unit: "江城市人民政府办公室"},
	{Name: "江城政务服务", Platform: "抖音号", Unit: "江城市政务服务管理局"},
	{Name: "江城市人民政府网", Platform: "政府网站", Unit: "江城市人民政府办公室"},
}

// demoDraft is one draft of the demo history and how far it gets.
type demoDraft struct {
	title, grade string
	channel      int
	text         string
	steps        []demoStep
	published    bool
}

// demoStep is one thing done to a demo draft.
type demoStep struct {
	user     string
	decision drafts.Decision
	opinion  string
	waive    finding.Category // waive this step's first block finding of the category
}

var (
	approve  = func(u string) demoStep { return demoStep{user: u, decision: drafts.Approve, opinion: "同意。"} }
	publish  = demoStep{user: "secrecy", decision: drafts.Publish, opinion: "经保密审查，可以公开。"}
	submitIt = demoStep{user: "author"}
)

// demoDrafts give every screen content: a draft waiting for each approver,
// one returned, one with a waived finding, one approved, published ones,
// one refused by 保密审查, one held, one still being written.
var demoDrafts = []demoDraft{
	{"关于春节期间政务服务大厅开放安排的通知", "A", 0,
		"各位市民：\n2026年春节期间，市政务服务大厅于2月15日至2月23日暂停现场服务，2月24日起恢复正常办公。期间可通过“江城政务服务”网上办事大厅办理相关业务。\n特此通知。",
		[]demoStep{submitIt, approve("approver1"), publish, approve("approver3")}, true},
	{"2026年度城乡居民医保参保缴费提醒", "B", 0,
		"2026年度城乡居民基本医疗保险集中缴费期为2025年9月1日至12月31日。参保群众可通过银行网点、手机银行或社区服务站缴费，个人缴费标准为每人每年400元。\n如有疑问，请咨询当地医保经办机构。",
		[]demoStep{submitIt}, false},
	{"我市启动冬季安全生产大检查", "B", 1,
		"为切实做好岁末年初安全生产工作，市安委会日前印发通知，自12月1日起在全市开展为期三个月的冬季安全生产大检查，重点检查燃气、消防、道路交通和建筑施工等领域，对发现的隐患实行清单化管理、闭环整改。",
		[]demoStep{submitIt, approve("approver1")}, false},
	{"关于网友反映老旧小区加装电梯问题的回复", "B", 0,
		"网友您好：\n您反映的幸福里小区加装电梯问题已收悉。经与市住房和城乡建设局核实，该小区3号楼已提交加装申请，目前正在征求楼内居民意见，符合条件后将按程序审批。感谢您对城市更新工作的关心和支持。",
		[]demoStep{submitIt, approve("approver1"), approve("approver2")}, false},
	{"江城市第十届全民读书节活动推介", "A", 2,
		"书香江城，阅见未来。第十届全民读书节将于12月20日在市图书馆开幕，活动包括名家讲座、亲子共读和旧书交换，市民可通过“江城发布”公众号预约参加。",
		[]demoStep{submitIt, approve("approver1"), publish}, false},
	{"关于2026年度拟录用公务员名单的公示", "C", 3,
		"根据公务员录用有关规定，现将拟录用人员名单予以公示：\n张明，男，身份证号110105199003070935，江城市数据局。\n公示期为5个工作日，如有异议，请向市委组织部反映。",
		[]demoStep{submitIt, approve("approver1"), {user: "approver2", decision: drafts.Return, opinion: "公示名单中身份证号未脱敏，请按规定隐去中间位数后重新提交。"}}, false},
	{"冬季供暖保障工作新闻通稿", "B", 1,
		"入冬以来，XX区供热企业全力做好供暖保障，全市供热面积达到3200万平方米，室温达标率保持在98%以上。热线电话24小时受理群众供暖诉求。",
		[]demoStep{submitIt, approve("approver1"), {user: "approver2", decision: drafts.Approve, opinion: "同意，区名发布前补全。", waive: finding.Placeholder}, publish, approve("approver3")}, false},
	{"市政府常务会议研究部署近期重点工作", "C", 0,
		"12月1日，市政府召开常务会议，研究部署近期重点工作。会议听取了有关部门关于重大项目推进情况的汇报，对下一步工作作出安排。",
		[]demoStep{submitIt, approve("approver1"), approve("approver2"), {user: "secrecy", decision: drafts.ExemptD, opinion: "会议研究内容属于内部工作安排，免于公开。"}}, false},
	{"重点项目建设进展情况通报", "B", 3,
		"今年以来，全市62个重点项目完成投资186亿元，占年度计划的91%，其中轨道交通2号线、城东污水处理厂二期等项目进展顺利。",
		[]demoStep{submitIt, approve("approver1"), approve("approver2"), {user: "secrecy", decision: drafts.Escalate, opinion: "涉及项目投资数据，报市保密办审定后再定。"}}, false},
	{"关于开展惠民消费券发放活动的预告", "A", 2,
		"为促进消费回暖，我市将于元旦前后分两批发放惠民消费券，具体领取方式和使用范围将另行公布，敬请关注“江城发布”。",
		nil, false},
}

// seedDemoDrafts gives the demo workspace its channels and the history of
// demoDrafts, made and signed through the workflow itself.
func (w *Workspace) seedDemoDrafts(ctx context.Context) (demoCache, error) {
	sec, err := w.signInDemo(ctx, "secadmin")
	if err != nil {
		return demoCache{}, err
	}
	var channels []int64
	for _, c := range demoChannels {
		id, err := w.Drafts.AddChannel(ctx, sec, c)
		if err != nil {
			return demoCache{}, fmt.Errorf("demo channel %s: %w", c.Name, err)
		}
		channels = append(channels, id)
	}
	keys := map[string]drafts.Key{}
	sessions := map[string]*account.Session{"secadmin": sec}
	for _, d := range demoDrafts {
		if err := w.seedDemoDraft(ctx, d, channels[d.channel], keys, sessions); err != nil {
			return demoCache{}, fmt.Errorf("demo draft %s: %w", d.title, err)
		}
	}
	return demoCache{channels, keys, sessions}, nil
}

func (w *Workspace) seedDemoDraft(ctx context.Context, d demoDraft, channel int64, keys map[string]drafts.Key,
	sessions map[string]*account.Session) error {
	author, err := w.demoSession(ctx, "author", sessions)
	if err != nil {
		return err
	}
	id, err := w.Drafts.Create(ctx, author, drafts.NewDraft{Title: d.title, ChannelID: channel, Grade: d.grade,
		Kind: drafts.Original, PlannedAt: time.Now().Add(48 * time.Hour).Truncate(time.Hour),
		File: drafts.Source{FileName: d.title + ".txt", Data: []byte(d.text)}})
	if err != nil {
		return err
	}
	for _, st := range d.steps {
		if st.user == "author" {
			if err := w.Drafts.Submit(ctx, author, id, 1); err != nil {
				return err
			}
			continue
		}
		if err := w.demoSign(ctx, id, st, keys, sessions); err != nil {
			return fmt.Errorf("%s %s: %w", st.user, st.decision, err)
		}
	}
	if d.published {
		return w.Drafts.Publish(ctx, author, id, time.Now().Add(-24*time.Hour), "https://mp.weixin.qq.com/s/demo")
	}
	return nil
}

// demoSign signs as a demo user the way the sign-off dialog would: every
// warning acknowledged at 初审, the 保密审查 checklist answered 否.
func (w *Workspace) demoSign(ctx context.Context, id int64, st demoStep, keys map[string]drafts.Key,
	sessions map[string]*account.Session) error {
	sess, err := w.demoSession(ctx, st.user, sessions)
	if err != nil {
		return err
	}
	k, ok := keys[st.user]
	if !ok {
		priv, kid, err := w.Accounts.SigningKey(ctx, sess, demoPassword(st.user))
		if err != nil {
			return err
		}
		k = drafts.Key{Private: priv, ID: kid}
		keys[st.user] = k
	}
	d, err := w.Drafts.Get(ctx, id)
	if err != nil {
		return err
	}
	req := drafts.SignRequest{Draft: id, Version: d.Version, Step: d.Step, Decision: st.decision, Opinion: st.opinion}
	fs, err := w.Drafts.CurrentFindings(ctx, id)
	if err != nil {
		return err
	}
	for _, f := range fs.Findings {
		switch {
		case d.Step == drafts.Tier1 && f.Severity == finding.Warn:
			req.Acks = append(req.Acks, f.ID)
		case st.waive != "" && f.Category == st.waive && f.Severity == finding.Block && f.Waived == nil:
			req.Waivers = map[string]string{f.ID: "区名由发稿单位在发布前补全，已电话确认。"}
		}
	}
	if d.Step == drafts.Secrecy && st.decision != drafts.Return {
		req.Secrecy = &drafts.SecrecyReview{Answers: make([]bool, len(drafts.ChecklistItems)),
			Basis: "对照保密审查事项逐项核对，未发现涉密内容和敏感信息。"}
	}
	_, err = w.Drafts.SignWith(ctx, sess, k, req)
	return err
}

// demoSession signs a demo user in once.
func (w *Workspace) demoSession(ctx context.Context, name string, sessions map[string]*account.Session) (*account.Session, error) {
	if s, ok := sessions[name]; ok {
		return s, nil
	}
	s, err := w.signInDemo(ctx, name)
	if err == nil {
		sessions[name] = s
	}
	return s, err
}

func (w *Workspace) signInDemo(ctx context.Context, name string) (*account.Session, error) {
	return w.Accounts.SignIn(ctx, name, demoPassword(name))
}

func demoPassword(name string) string {
	for _, a := range DemoAccounts {
		if a.Name == name {
			return a.Password
		}
	}
	return ""
}
