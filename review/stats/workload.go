package stats

import (
	"cmp"
	"context"
	"maps"
	"math"
	"slices"
	"time"

	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/review/policy"
)

// Durations are the median and 90th percentile of some waits. The median
// of an even count is the mean of the middle two; the 90th percentile is
// the nearest rank (the smallest wait that at least 90 % do not exceed).
type Durations struct {
	Count  int
	Median time.Duration
	P90    time.Duration
}

func durationsOf(ds []time.Duration) Durations {
	if len(ds) == 0 {
		return Durations{}
	}
	ds = slices.Clone(ds)
	slices.Sort(ds)
	n := len(ds)
	med := ds[n/2]
	if n%2 == 0 {
		med = (ds[n/2-1] + ds[n/2]) / 2
	}
	return Durations{Count: n, Median: med, P90: ds[int(math.Ceil(0.9*float64(n)))-1]}
}

// Reason is a return opinion and how often it was given.
type Reason struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// maxReasons bounds the return reasons listed.
const maxReasons = 10

// CategoryFindings is what authors got wrong in one finding category.
type CategoryFindings struct {
	Category string
	Found    int     // block and warn findings in the versions submitted in the period
	Per10k   float64 // Found per 10,000 characters of those versions
	// Of the drafts approved in the period: the findings of the category in
	// the version first submitted, how many were gone by the approved
	// version, and how many it still had (waived or acknowledged).
	AtSubmission, Fixed, Remaining int
}

// Work is what a channel's (or all channels') review did in a period.
type Work struct {
	Submitted   int // drafts submitted, each counted once
	Submissions int // submissions, resubmissions after a return included
	Approved    int // drafts whose last step approved
	Returned    int // sign-offs that returned a draft (退回; 保密审查 非密处理 included)
	Refused     int // 保密审查 decided 免于公开
	Escalated   int // 保密审查 decided 需报审
	Published   int // publications (信息发布总数)
	Original    int // of them 原创
	Repost      int // of them 转载
	ByGrade     map[string]int
	// ToApproval is from the first submission to the approval (returns
	// included) of the drafts approved in the period; Steps is from the
	// draft reaching a step to its sign-off there.
	ToApproval Durations
	Steps      map[policy.Step]Durations
	// ReturnCategories counts the returns whose version had findings of a
	// category; ReturnReasons are the opinions most given, most first.
	ReturnCategories map[string]int
	ReturnReasons    []Reason
	Waivers          map[policy.Step]map[string]int // by step, then category
	Chars            int                            // characters of the versions submitted
	Findings         []CategoryFindings             // by category, most per 10,000 characters first
}

// ChannelWork is one channel's work in the period.
type ChannelWork struct {
	Channel drafts.Channel
	Work
}

// Approver is one signer's work in the period.
type Approver struct {
	UserID   int64
	Name     string // sign-in name
	FullName string
	Steps    []policy.Step // the steps they signed at
	Signed   int           // drafts they signed
	SignOffs int
	Median   time.Duration // at their step, from arrival to their sign-off
	Returns  int
}

// Workload is the review work of a period, per channel and in total, with
// the approvers the reader may see.
type Workload struct {
	Period   Period
	Channels []ChannelWork
	Total    Work
	// Approvers are every signer when the reader's roles see everyone
	// ([stats] see_everyone), else only the reader.
	Approvers    []Approver
	SeesEveryone bool
}

// Workload computes the review work of a period, for every channel or the
// named one.
func (s *Store) Workload(ctx context.Context, sess *account.Session, p Period, channel string) (Workload, error) {
	if err := mayRead(sess); err != nil {
		return Workload{}, err
	}
	if err := p.valid(); err != nil {
		return Workload{}, err
	}
	if err := s.checkSchema(ctx); err != nil {
		return Workload{}, err
	}
	pol, err := s.policy(ctx, 0)
	if err != nil {
		return Workload{}, err
	}
	chans, err := s.channels(ctx, channel)
	if err != nil {
		return Workload{}, err
	}
	var only int64
	if channel != "" {
		only = chans[0].ID
	}
	in, err := s.load(ctx, p, only, chans)
	if err != nil {
		return Workload{}, err
	}
	out := Workload{Period: p, SeesEveryone: pol.SeesEveryone(sess.User.Roles)}
	all := func(int64) bool { return true }
	for _, ch := range chans {
		id := ch.ID
		out.Channels = append(out.Channels, ChannelWork{ch.Channel, in.work(func(c int64) bool { return c == id })})
	}
	out.Total = in.work(all)
	for _, a := range in.approvers() {
		if out.SeesEveryone || a.UserID == sess.User.ID {
			out.Approvers = append(out.Approvers, a)
		}
	}
	return out, nil
}

// inputs are the rows of a period the figures are made from.
type inputs struct {
	signed    signedOf
	people    map[int64]person
	submitted map[int64]*submitted
	findings  [4][]counted
	waivers   []waiver
	published map[int64][]published
}

func (s *Store) load(ctx context.Context, p Period, only int64, chans []channelRow) (*inputs, error) {
	in := &inputs{published: map[int64][]published{}}
	var err error
	if in.signed, err = s.signedIn(ctx, p, only); err != nil {
		return nil, err
	}
	if in.people, err = s.people(ctx); err != nil {
		return nil, err
	}
	if in.submitted, err = s.submittedIn(ctx, p, only); err != nil {
		return nil, err
	}
	if in.findings, err = s.findingsIn(ctx, p, only); err != nil {
		return nil, err
	}
	if in.waivers, err = s.waiversIn(ctx, p, only); err != nil {
		return nil, err
	}
	for _, ch := range chans {
		if in.published[ch.ID], err = s.publishedIn(ctx, p, ch.ID); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// work sums the inputs of the channels keep accepts.
func (in *inputs) work(keep func(channel int64) bool) Work {
	w := Work{ByGrade: map[string]int{}, Steps: map[policy.Step]Durations{}, ReturnCategories: map[string]int{},
		Waivers: map[policy.Step]map[string]int{}}
	for c, ps := range in.published {
		if !keep(c) {
			continue
		}
		for _, x := range ps {
			w.Published += x.n
			w.ByGrade[x.grade] += x.n
			if x.kind == string(drafts.Repost) {
				w.Repost += x.n
			} else {
				w.Original += x.n
			}
		}
	}
	for c, x := range in.submitted {
		if keep(c) {
			w.Submissions += x.submissions
			w.Submitted += x.drafts
			w.Chars += x.chars
		}
	}
	sum := func(cs []counted) map[string]int {
		out := map[string]int{}
		for _, c := range cs {
			if keep(c.channel) {
				out[c.category] += c.n
			}
		}
		return out
	}
	w.ReturnCategories = sum(in.findings[foundReturned])
	in.signedWork(&w, keep)
	for _, wv := range in.waivers {
		if keep(wv.channel) {
			if w.Waivers[wv.step] == nil {
				w.Waivers[wv.step] = map[string]int{}
			}
			w.Waivers[wv.step][wv.category] += wv.n
		}
	}
	w.Findings = findingsOf(sum(in.findings[foundSubmitted]), sum(in.findings[foundFirst]),
		sum(in.findings[foundApproved]), w.Chars)
	return w
}

// signedWork adds what the sign-offs tell to w.
func (in *inputs) signedWork(w *Work, keep func(int64) bool) {
	var toApproval []time.Duration
	steps := map[policy.Step][]time.Duration{}
	reasons := map[string]int{}
	for _, sw := range in.signed.steps {
		if keep(sw.channel) {
			steps[sw.step] = append(steps[sw.step], sw.waits...)
		}
	}
	for c, d := range in.signed.decided {
		if keep(c) {
			w.Returned += d.returned
			w.Refused += d.refused
			w.Escalated += d.escalated
			w.Approved += d.approved
			toApproval = append(toApproval, d.runs...)
		}
	}
	for _, r := range in.signed.reasons {
		if keep(r.channel) {
			reasons[r.text] += r.n
		}
	}
	w.ToApproval = durationsOf(toApproval)
	for st, ds := range steps {
		w.Steps[st] = durationsOf(ds)
	}
	for text, n := range reasons {
		w.ReturnReasons = append(w.ReturnReasons, Reason{text, n})
	}
	slices.SortFunc(w.ReturnReasons, func(a, b Reason) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Text, b.Text))
	})
	w.ReturnReasons = w.ReturnReasons[:min(len(w.ReturnReasons), maxReasons)]
}

func union(a, b map[string]int) map[string]int {
	out := maps.Clone(a)
	for k, v := range b {
		out[k] += v
	}
	return out
}

// findingsOf lays out the findings per category.
func findingsOf(found, first, final map[string]int, chars int) []CategoryFindings {
	var out []CategoryFindings
	for c := range union(union(found, first), final) {
		cf := CategoryFindings{Category: c, Found: found[c], AtSubmission: first[c], Remaining: final[c]}
		cf.Fixed = max(0, cf.AtSubmission-cf.Remaining)
		if chars > 0 {
			cf.Per10k = float64(cf.Found) * 10000 / float64(chars)
		}
		out = append(out, cf)
	}
	slices.SortFunc(out, func(a, b CategoryFindings) int {
		return cmp.Or(cmp.Compare(b.Per10k, a.Per10k), cmp.Compare(b.AtSubmission, a.AtSubmission),
			cmp.Compare(a.Category, b.Category))
	})
	return out
}

// approvers are the signers of the period, most drafts signed first.
func (in *inputs) approvers() []Approver {
	var out []Approver
	for _, sw := range in.signed.signers {
		a := sw.Approver
		p := in.people[a.UserID]
		a.Name, a.FullName = p.name, p.fullName
		a.Median = durationsOf(sw.waits).Median
		slices.SortFunc(a.Steps, func(x, y policy.Step) int {
			return cmp.Compare(slices.Index(policy.AllSteps, x), slices.Index(policy.AllSteps, y))
		})
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b Approver) int {
		return cmp.Or(cmp.Compare(b.Signed, a.Signed), cmp.Compare(a.Name, b.Name))
	})
	return out
}
