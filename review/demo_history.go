package review

import (
	"context"
	"fmt"
	"strings"
	"time"

	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/sensitive/finding"
)

// The demo's year of history gives the 统计 screen something to count: a
// year of publications on each channel, made through the workflow with the
// drafts store's clock set back, so every figure (cadence, workload, waits,
// findings, 年度报表) comes from the same rows a real unit would have.

// demoHistoryChannel is how one demo channel published over the last year.
type demoHistoryChannel struct {
	count    int // publications in the year
	lastDays int // days since the last one: the cadence screen's story
}

// demoHistoryPlan is per demo channel (same order as demoChannels):
// 江城发布 and @江城发布 publish often; 江城市人民政府网 last published
// 12 days ago, about to break the 14-day rule; 江城政务服务 last published
// 20 days ago and already broke it.
var demoHistoryPlan = []demoHistoryChannel{
	{count: 40, lastDays: 2},
	{count: 36, lastDays: 3},
	{count: 22, lastDays: 20},
	{count: 28, lastDays: 12},
}

// demoTopic is a recurring kind of item; its title and text are completed
// with the date of each publication.
type demoTopic struct {
	title, text string
	repost      string // 转载 source, empty for 原创
}

var demoTopics = []demoTopic{
	{"%d月政务服务“好差评”情况通报", "%d月，全市政务服务事项共收到评价%d条，好评率99.%d%%。对群众反映的差评件，各部门已全部回访整改，整改情况在网上公开。", ""},
	{"江城市%d月空气质量状况", "%d月，全市环境空气质量优良天数%d天，细颗粒物平均浓度同比下降%d%%。市生态环境局提醒市民关注实时空气质量发布。", ""},
	{"国务院常务会议部署推进民生实事（%d月）", "%d月，国务院总理主持召开国务院常务会议，部署进一步做好民生保障工作，要求各地抓好%d项重点任务落实，确保政策红利惠及%d万群众。", "新华社"},
	{"我市%d月新增城镇就业人数公布", "据市人力资源和社会保障局统计，%d月全市城镇新增就业%d人，城镇调查失业率保持在%d%%以内。", ""},
	{"省政府印发进一步优化营商环境若干措施（%d月）", "%d月，省人民政府办公厅印发通知，推出优化营商环境%d条措施，涉及企业开办、工程建设项目审批等%d个方面。", "省人民政府网"},
	{"江城市%d月重点民生实事进展", "截至%d月底，全市十件民生实事累计完成投资%d亿元，老旧小区改造开工%d个。", ""},
	{"市民热线%d月受理情况", "%d月，12345市民服务热线共受理群众诉求%d件，按时办结率%d%%，主要集中在供水供暖、物业管理和交通出行。", ""},
	{"人民日报评论：把民生小事办成暖心实事（%d月）", "%d月以来，各地把群众的“急难愁盼”列出清单，推出%d项便民措施，其中%d项已经落实。", "人民日报"},
	{"江城市%d月安全生产形势通报", "%d月，全市共检查生产经营单位%d家，发现并整改隐患%d处，未发生较大以上生产安全事故。", ""},
	{"%d月图书馆、博物馆公益活动预告", "%d月，市图书馆、博物馆将举办公益讲座和展览%d场，市民可通过“江城发布”预约，每场限%d人。", ""},
}

// demoReturn is how a draft of the history goes back to its author once:
// the first version has a fault, the step returns it with the reason,
// the second version fixes it.
type demoReturn struct {
	fault, reason string
	step          drafts.Step
}

var demoReturns = []demoReturn{
	{"联系人：XX，联系电话另行通知。", "联系人姓名未填写，请补全后重新提交。", drafts.Tier1},
	{"报名截止时间为2026年2月30日。", "报名截止日期有误（2月没有30日），请核对后重新提交。", drafts.Tier1},
	{"咨询电话：13812345678。", "正文含个人手机号码，请改为单位咨询电话后重新提交。", drafts.Tier2},
}

// demoHistoryStepUser is who signs each step in the demo.
var demoHistoryStepUser = map[drafts.Step]string{
	drafts.Tier1: "approver1", drafts.Tier2: "approver2", drafts.Tier3: "approver3", drafts.Secrecy: "secrecy",
}

// demoHistoryItem is one draft of the history.
type demoHistoryItem struct {
	channel   int
	published time.Time
	title     string
	text      string
	grade     string
	repost    string
	ret       *demoReturn // returned once before it goes through
	waive     bool        // carries a placeholder that 复审 waives
	exempt    bool        // 保密审查 decides 免于公开: never published
}

// demoHistoryItems lays out the year: each channel's publications spread
// evenly from a year ago to its last one, on working-day hours, with
// grades, 转载, returns, waivers and refusals mixed in by a fixed pattern
// so that the demo is the same every time it is made.
func demoHistoryItems(now time.Time) []demoHistoryItem {
	cst := time.FixedZone("CST", 8*60*60)
	today := time.Date(now.In(cst).Year(), now.In(cst).Month(), now.In(cst).Day(), 0, 0, 0, 0, cst)
	var items []demoHistoryItem
	n := 0
	for c, plan := range demoHistoryPlan {
		span := 365 - plan.lastDays
		for i := range plan.count {
			// the last one falls exactly lastDays ago; the others step back evenly
			daysAgo := plan.lastDays + span*(plan.count-1-i)/plan.count
			day := today.AddDate(0, 0, -daysAgo)
			hour := 9 + (n*5)%8
			at := day.Add(time.Duration(hour)*time.Hour + time.Duration((n*17)%60)*time.Minute)
			items = append(items, demoHistoryItemAt(c, n, at))
			n++
		}
	}
	return items
}

func demoHistoryItemAt(channel, n int, at time.Time) demoHistoryItem {
	topic := demoTopics[(n*7+channel)%len(demoTopics)]
	month := int(at.Month())
	it := demoHistoryItem{channel: channel, published: at,
		title:  fmt.Sprintf(topic.title, month),
		text:   fmt.Sprintf(topic.text, month, 30+n%70, 1+n%9) + fmt.Sprintf("\n（%s %d月%d日）", demoChannels[channel].Name, month, at.Day()),
		grade:  []string{"A", "B", "A", "B", "C", "A", "B"}[n%7],
		repost: topic.repost,
	}
	switch {
	case n%11 == 5:
		r := demoReturns[(n/11)%len(demoReturns)]
		if r.step == drafts.Tier2 && it.grade == "A" {
			it.grade = "B" // grade A has no 复审
		}
		it.ret = &r
	case n%13 == 7 && it.grade != "A" && strings.Contains(it.text, "全市"):
		it.waive = true
		it.text = strings.Replace(it.text, "全市", "XX区", 1)
	case n%37 == 20:
		it.exempt = true
	}
	return it
}

// demoCache is what seedDemoDrafts made and unlocked: the channels' ids and
// the demo users' sessions and signing keys, so that the history does not
// hash every password again.
type demoCache struct {
	channels []int64
	keys     map[string]drafts.Key
	sessions map[string]*account.Session
}

// seedDemoHistory makes the year of history on the demo channels. It runs
// after the records are sealed: sealing a year of drafts one by one would
// make `shenfa init --demo` take minutes, so their records wait in the
// archivist's queue, as a backlog would.
func (w *Workspace) seedDemoHistory(ctx context.Context, c demoCache) error {
	// The year ends on the store's today, so that a test's fixed clock
	// gives the same history every time; the clock is put back after.
	prev := w.Drafts.Clock()
	now := prev()
	var at time.Time
	w.Drafts.WithClock(func() time.Time { return at })
	defer w.Drafts.WithClock(prev)
	for _, it := range demoHistoryItems(now) {
		if err := w.seedDemoHistoryItem(ctx, it, c.channels[it.channel], &at, c.keys, c.sessions); err != nil {
			return fmt.Errorf("demo history %s %s: %w", it.published.Format(time.DateOnly), it.title, err)
		}
	}
	return nil
}

// seedDemoHistoryItem takes one draft from creation to publication, the
// clock moving on a few hours before each step so that the waits differ.
func (w *Workspace) seedDemoHistoryItem(ctx context.Context, it demoHistoryItem, channel int64, at *time.Time,
	keys map[string]drafts.Key, sessions map[string]*account.Session) error {
	author, err := w.demoSession(ctx, "author", sessions)
	if err != nil {
		return err
	}
	*at = it.published.Add(-120 * time.Hour)
	tick := 0
	step := func() { tick++; *at = at.Add(time.Duration(1+(int(it.published.Unix()/60)+tick*5)%9) * time.Hour) }
	text := it.text
	if it.ret != nil {
		text += "\n" + it.ret.fault
	}
	n := drafts.NewDraft{Title: it.title, ChannelID: channel, Grade: it.grade, Kind: drafts.Original,
		PlannedAt: it.published.Truncate(time.Hour), File: drafts.Source{FileName: it.title + ".txt", Data: []byte(text)}}
	if it.repost != "" {
		n.Kind, n.Source = drafts.Repost, drafts.RepostSource{Name: it.repost, Title: it.title}
	}
	id, err := w.Drafts.Create(ctx, author, n)
	if err != nil {
		return err
	}
	step()
	if err := w.Drafts.Submit(ctx, author, id, 1); err != nil {
		return err
	}
	returned := it.ret == nil
	for {
		d, err := w.Drafts.Get(ctx, id)
		if err != nil {
			return err
		}
		switch d.Status {
		case drafts.Approved:
			*at = it.published
			return w.Drafts.Publish(ctx, author, id, it.published, "")
		case drafts.Exempt:
			return nil
		case drafts.Returned:
			step()
			v, err := w.Drafts.Revise(ctx, author, id, d.Version, drafts.Source{FileName: it.title + ".txt",
				Data: []byte(it.text), Note: "按审核意见修改。"})
			if err != nil {
				return err
			}
			step()
			if err := w.Drafts.Submit(ctx, author, id, v); err != nil {
				return err
			}
			continue
		case drafts.InReview:
		default:
			return fmt.Errorf("unexpected status %s", d.Status)
		}
		step()
		st := demoStep{user: demoHistoryStepUser[d.Step], decision: drafts.Approve, opinion: "同意。"}
		switch {
		case !returned && d.Step == it.ret.step:
			st.decision, st.opinion, returned = drafts.Return, it.ret.reason, true
		case d.Step == drafts.Secrecy && it.exempt:
			st.decision, st.opinion = drafts.ExemptD, "属于内部工作安排，免于公开。"
		case d.Step == drafts.Secrecy:
			st.decision, st.opinion = drafts.Publish, "经保密审查，可以公开。"
		case d.Step == drafts.Tier2 && it.waive:
			st.opinion, st.waive = "同意，区名发布前补全。", finding.Placeholder
		}
		if err := w.demoSign(ctx, id, st, keys, sessions); err != nil {
			return fmt.Errorf("%s %s: %w", st.user, st.decision, err)
		}
	}
}
