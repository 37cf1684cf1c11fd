package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"shenfa/app/i18n"
	"shenfa/archive/pki"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/stats"
)

// statsArgs are the options of `shenfa stats`.
type statsArgs struct {
	what    string
	period  stats.Period
	year    int
	channel string
	json    bool
	csv     bool
	pdf     string // annual --pdf: the file the 年度报表 PDF goes to
	unit    string // the workspace's unit, named in the PDF
}

// runStats is `shenfa stats cadence|workload|findings|annual`: the update
// cadence of every channel, the review work and the findings of a period,
// and the 年度报表 figures of a year. Every content role may read them; the
// per-approver figures follow the policy's [stats] see_everyone.
func runStats(c *ctx, args []string) int {
	if len(args) == 0 || !strings.Contains("|cadence|workload|findings|annual|", "|"+args[0]+"|") {
		return c.usageOf("stats", nil)
	}
	a, err := parseStatsArgs(args[0], args[1:], time.Now())
	if err != nil {
		return c.usageOf("stats", err)
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		if a.pdf != "" {
			a.unit, _ = w.Setting(ctx, pki.SettingUnit) // no unit set: the PDF leaves its line out
		}
		return c.statsRun(ctx, stats.New(w.DB), sess, a)
	})
}

func parseStatsArgs(what string, args []string, now time.Time) (statsArgs, error) {
	fs := newFlags("stats " + what)
	year := fs.Int("year", 0, "")
	month, week := fs.String("month", "", ""), fs.String("week", "", "")
	from, to := fs.String("from", "", ""), fs.String("to", "", "")
	channel := fs.String("channel", "", "")
	asJSON, asCSV := fs.Bool("json", false, ""), fs.Bool("csv", false, "")
	pdf := fs.String("pdf", "", "")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return statsArgs{}, err
	}
	if len(rest) != 0 {
		return statsArgs{}, errors.New(i18n.L("cli.stats.extra", map[string]any{"Value": rest[0]}))
	}
	if *asJSON && *asCSV {
		return statsArgs{}, errors.New(i18n.L("cli.stats.json_or_csv"))
	}
	if *pdf != "" && (what != "annual" || *asJSON || *asCSV) {
		return statsArgs{}, errors.New(i18n.L("cli.stats.pdf_annual"))
	}
	a := statsArgs{what: what, channel: strings.TrimSpace(*channel), json: *asJSON, csv: *asCSV, pdf: *pdf}
	a.period, err = statsPeriod(fs, *year, *month, *week, *from, *to, stats.DayOf(now))
	if err != nil {
		return statsArgs{}, err
	}
	a.year = a.period.From.Year()
	if what == "annual" && a.period.Kind != stats.YearPeriod {
		return statsArgs{}, errors.New(i18n.L("cli.stats.annual_year"))
	}
	return a, nil
}

// statsPeriod is the period the options choose: one of --year, --month,
// --week or --from/--to; the current year (in Beijing) without any.
func statsPeriod(fs *flag.FlagSet, year int, month, week, from, to string, today stats.Day) (stats.Period, error) {
	set := 0
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "year", "month", "week":
			set++
		case "from":
			set++
		case "to":
			if from == "" {
				set++
			}
		}
	})
	if set > 1 {
		return stats.Period{}, errors.New(i18n.L("cli.stats.one_period"))
	}
	bad := func(flagName, v string) error {
		return errors.New(i18n.L("cli.stats.bad_date", map[string]any{"Flag": flagName, "Value": v}))
	}
	switch {
	case month != "":
		t, err := time.Parse("2006-01", strings.TrimSpace(month))
		if err != nil {
			return stats.Period{}, bad("--month", month)
		}
		return stats.Month(t.Year(), t.Month()), nil
	case week != "":
		d, err := stats.ParseDay(strings.TrimSpace(week))
		if err != nil {
			return stats.Period{}, bad("--week", week)
		}
		return stats.Week(d), nil
	case from != "" || to != "":
		f, err := stats.ParseDay(strings.TrimSpace(from))
		if err != nil {
			return stats.Period{}, bad("--from", from)
		}
		t := today
		if to != "" {
			if t, err = stats.ParseDay(strings.TrimSpace(to)); err != nil {
				return stats.Period{}, bad("--to", to)
			}
		}
		p, err := stats.Range(f, t)
		if err != nil {
			return stats.Period{}, errors.New(i18n.L("cli.stats.backwards", map[string]any{"From": f, "To": t}))
		}
		return p, nil
	case year != 0:
		if year < 1 || year > 9999 {
			return stats.Period{}, bad("--year", strconv.Itoa(year))
		}
		return stats.Year(year), nil
	}
	return stats.Year(today.Year()), nil
}

// statsRun computes and prints one kind of figures.
func (c *ctx) statsRun(ctx context.Context, st *stats.Store, sess *account.Session, a statsArgs) int {
	var err error
	switch a.what {
	case "cadence":
		var cad stats.Cadence
		if cad, err = st.Cadence(ctx, sess, a.channel); err == nil {
			return c.printCadence(cad, a)
		}
	case "workload", "findings":
		var w stats.Workload
		if w, err = st.Workload(ctx, sess, a.period, a.channel); err == nil {
			if a.what == "findings" {
				return c.printStatsFindings(w, a)
			}
			return c.printWorkload(w, a)
		}
	case "annual":
		var an stats.Annual
		if an, err = st.Annual(ctx, sess, a.year, a.channel); err == nil {
			if a.pdf != "" {
				return c.writeAnnualPDF(an, a)
			}
			return c.printAnnual(an, a)
		}
	}
	return c.statsFailed(err)
}

// statsFailed explains the errors only the statistics have.
func (c *ctx) statsFailed(err error) int {
	switch {
	case errors.Is(err, stats.ErrNoSchema):
		fmt.Fprintln(c.Stderr, i18n.L("cli.error")+i18n.L("cli.stats.no_schema"))
		return ExitFailed
	case errors.Is(err, stats.ErrNoChannel):
		fmt.Fprintln(c.Stderr, i18n.L("cli.error")+i18n.L("cli.stats.no_channel"))
		return ExitFailed
	}
	return c.fail(err)
}
