package cli

import (
	"maps"

	"shenfa/review/stats"
)

// The --json shapes of `shenfa stats`: days are Beijing calendar days
// (YYYY-MM-DD), times RFC 3339 in UTC, waits in seconds; statuses, rules,
// steps and categories are codes.

type periodJSON struct {
	Kind string    `json:"kind"`
	From stats.Day `json:"from"`
	To   stats.Day `json:"to"`
}

func toPeriodJSON(p stats.Period) periodJSON { return periodJSON{string(p.Kind), p.From, p.To} }

type cadenceJSON struct {
	Today    stats.Day            `json:"today"`
	Channels []channelCadenceJSON `json:"channels"`
}

type channelCadenceJSON struct {
	Channel       channelJSON       `json:"channel"`
	Status        string            `json:"status"`
	Published     bool              `json:"published"`
	LastPublished string            `json:"last_published"`
	Since         stats.Day         `json:"since"`
	DaysSince     int               `json:"days_since"`
	Limit         int               `json:"limit"`
	Rule          string            `json:"rule"`
	Remaining     int               `json:"remaining"`
	LongestGap    stats.Gap         `json:"longest_gap"`
	Broken        []stats.Span      `json:"broken"`
	BrokenDays    int               `json:"broken_days"`
	Weeks         []stats.WeekCount `json:"weeks"`
}

func toCadenceJSON(c stats.Cadence) cadenceJSON {
	out := cadenceJSON{Today: c.Today, Channels: []channelCadenceJSON{}}
	for _, ch := range c.Channels {
		broken := ch.Broken
		if broken == nil {
			broken = []stats.Span{}
		}
		out.Channels = append(out.Channels, channelCadenceJSON{Channel: toChannelJSON(ch.Channel), Status: string(ch.Status),
			Published: ch.Published, LastPublished: jsonTime(ch.LastPublished), Since: ch.Since, DaysSince: ch.DaysSince,
			Limit: ch.Limit, Rule: string(ch.RuleSource), Remaining: ch.Remaining, LongestGap: ch.LongestGap,
			Broken: broken, BrokenDays: ch.BrokenDays, Weeks: ch.Weeks})
	}
	return out
}

type durationsJSON struct {
	Count         int     `json:"count"`
	MedianSeconds float64 `json:"median_seconds"`
	P90Seconds    float64 `json:"p90_seconds"`
}

func toDurationsJSON(d stats.Durations) durationsJSON {
	return durationsJSON{d.Count, d.Median.Seconds(), d.P90.Seconds()}
}

type statsFindingsJSON struct {
	Category     string  `json:"category"`
	Found        int     `json:"found"`
	Per10k       float64 `json:"per_10k_chars"`
	AtSubmission int     `json:"at_submission"`
	Fixed        int     `json:"fixed"`
	Remaining    int     `json:"remaining"`
}

func toStatsFindingsJSON(fs []stats.CategoryFindings) []statsFindingsJSON {
	out := []statsFindingsJSON{}
	for _, f := range fs {
		out = append(out, statsFindingsJSON{f.Category, f.Found, f.Per10k, f.AtSubmission, f.Fixed, f.Remaining})
	}
	return out
}

type workJSON struct {
	Channel          *channelJSON              `json:"channel,omitempty"`
	Submitted        int                       `json:"submitted"`
	Submissions      int                       `json:"submissions"`
	Approved         int                       `json:"approved"`
	Returned         int                       `json:"returned"`
	Refused          int                       `json:"refused"`
	Escalated        int                       `json:"escalated"`
	Published        int                       `json:"published"`
	Original         int                       `json:"original"`
	Repost           int                       `json:"repost"`
	ByGrade          map[string]int            `json:"by_grade"`
	ToApproval       durationsJSON             `json:"to_approval"`
	Steps            map[string]durationsJSON  `json:"steps"`
	ReturnCategories map[string]int            `json:"return_categories"`
	ReturnReasons    []stats.Reason            `json:"return_reasons"`
	Waivers          map[string]map[string]int `json:"waivers"`
	Chars            int                       `json:"chars"`
	Findings         []statsFindingsJSON       `json:"findings"`
}

func toWorkJSON(w stats.Work) workJSON {
	out := workJSON{Submitted: w.Submitted, Submissions: w.Submissions, Approved: w.Approved, Returned: w.Returned,
		Refused: w.Refused, Escalated: w.Escalated, Published: w.Published, Original: w.Original, Repost: w.Repost,
		ByGrade: maps.Clone(w.ByGrade), ToApproval: toDurationsJSON(w.ToApproval), Steps: map[string]durationsJSON{},
		ReturnCategories: maps.Clone(w.ReturnCategories), ReturnReasons: append([]stats.Reason{}, w.ReturnReasons...),
		Waivers: map[string]map[string]int{}, Chars: w.Chars, Findings: toStatsFindingsJSON(w.Findings)}
	for s, d := range w.Steps {
		out.Steps[string(s)] = toDurationsJSON(d)
	}
	for s, m := range w.Waivers {
		out.Waivers[string(s)] = maps.Clone(m)
	}
	return out
}

type approverJSON struct {
	Name          string   `json:"name"`
	FullName      string   `json:"full_name"`
	Steps         []string `json:"steps"`
	Signed        int      `json:"signed"`
	SignOffs      int      `json:"signoffs"`
	MedianSeconds float64  `json:"median_seconds"`
	Returns       int      `json:"returns"`
}

type workloadJSON struct {
	Period       periodJSON     `json:"period"`
	Channels     []workJSON     `json:"channels"`
	Total        workJSON       `json:"total"`
	Approvers    []approverJSON `json:"approvers"`
	SeesEveryone bool           `json:"sees_everyone"`
}

func toWorkloadJSON(w stats.Workload) workloadJSON {
	out := workloadJSON{Period: toPeriodJSON(w.Period), Channels: []workJSON{}, Total: toWorkJSON(w.Total),
		Approvers: []approverJSON{}, SeesEveryone: w.SeesEveryone}
	for _, ch := range w.Channels {
		j := toWorkJSON(ch.Work)
		cj := toChannelJSON(ch.Channel)
		j.Channel = &cj
		out.Channels = append(out.Channels, j)
	}
	for _, a := range w.Approvers {
		steps := []string{}
		for _, s := range a.Steps {
			steps = append(steps, string(s))
		}
		out.Approvers = append(out.Approvers, approverJSON{a.Name, a.FullName, steps, a.Signed, a.SignOffs,
			a.Median.Seconds(), a.Returns})
	}
	return out
}

type statsGradeJSON struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

type annualJSON struct {
	Year     int              `json:"year"`
	Grades   []statsGradeJSON `json:"grades"`
	Workload workloadJSON     `json:"workload"`
}

func toAnnualJSON(a stats.Annual) annualJSON {
	out := annualJSON{Year: a.Year, Grades: []statsGradeJSON{}, Workload: toWorkloadJSON(a.Workload)}
	for _, g := range a.Grades {
		out.Grades = append(out.Grades, statsGradeJSON{g.ID, g.Label})
	}
	return out
}
