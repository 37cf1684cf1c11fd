package policy

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"shenfa/review/account"
)

// The update-cadence rule (更新监测) without a [cadence] table: inspections
// fail an account that has not published for two weeks, and the statistics
// warn three days before.
const (
	DefaultCadenceDays = 14
	DefaultWarnDays    = 3
	maxCadenceDays     = 365
	maxWarnDays        = 30
	maxChannelRunes    = 64
	maxChannelRules    = 1000
)

// DefaultStatsViewers are the roles that see every approver's figures when
// the policy has no [stats] table: the 终审 leader who answers for the unit's
// publishing, and the archivists who keep the records. Everyone else who may
// read the statistics sees their own.
var DefaultStatsViewers = []account.Role{account.Approver3, account.Archivist}

// Cadence is the update-cadence rule of [cadence]: how many calendar days
// (China Standard Time) a channel may go without publishing, per channel
// where a province sets a shorter limit, and how early to warn.
type Cadence struct {
	MaxDays  int            // the policy-wide limit; 0 when the policy sets none (DefaultCadenceDays)
	WarnDays int            // 即将超期 this many days before the limit (DefaultWarnDays when unset)
	Channels map[string]int // limits of single channels, by channel name
}

// RuleSource says where a channel's cadence limit comes from.
type RuleSource string

// The sources of a cadence limit.
const (
	FromDefault RuleSource = "default" // no [cadence] max_days: the built-in 14 days
	FromPolicy  RuleSource = "policy"  // [cadence] max_days
	FromChannel RuleSource = "channel" // [cadence.channels] for this channel
)

// CadenceDays is the limit of the channel with the given name and where it
// comes from.
func (p *Policy) CadenceDays(channel string) (int, RuleSource) {
	if d, ok := p.Cadence.Channels[strings.TrimSpace(channel)]; ok {
		return d, FromChannel
	}
	if p.Cadence.MaxDays > 0 {
		return p.Cadence.MaxDays, FromPolicy
	}
	return DefaultCadenceDays, FromDefault
}

// SeesEveryone reports whether a holder of roles sees every approver's
// figures rather than only their own ([stats] see_everyone).
func (p *Policy) SeesEveryone(roles []account.Role) bool {
	for _, r := range roles {
		if slices.Contains(p.StatsViewers, r) {
			return true
		}
	}
	return false
}

// cadenceFile is [cadence] of the file; channel names are quoted keys of
// [cadence.channels], such as "@江城发布" = 7.
type cadenceFile struct {
	MaxDays  *int64           `toml:"max_days"`
	WarnDays *int64           `toml:"warn_days"`
	Channels map[string]int64 `toml:"channels"`
}

// statsFile is [stats] of the file.
type statsFile struct {
	SeeEveryone []string `toml:"see_everyone"`
}

func (v *validator) cadence(p *Policy, f *cadenceFile) {
	p.Cadence = Cadence{WarnDays: DefaultWarnDays, Channels: map[string]int{}}
	if f == nil {
		return
	}
	if f.MaxDays != nil {
		if d, ok := v.days("cadence.max_days", *f.MaxDays, 1, maxCadenceDays); ok {
			p.Cadence.MaxDays = d
		}
	}
	if f.WarnDays != nil {
		if d, ok := v.days("cadence.warn_days", *f.WarnDays, 0, maxWarnDays); ok {
			p.Cadence.WarnDays = d
		}
	}
	if len(f.Channels) > maxChannelRules {
		v.fail("cadence.channels", ReasonTooMany, "", strconv.Itoa(maxChannelRules))
		return
	}
	// In file order, so that of two names that are the same once trimmed
	// the later one is reported.
	names := slices.SortedFunc(maps.Keys(f.Channels), func(a, b string) int {
		if la, lb := v.lines.at("cadence.channels."+a), v.lines.at("cadence.channels."+b); la != lb {
			return la - lb
		}
		return strings.Compare(a, b)
	})
	for _, name := range names {
		at := "cadence.channels." + name
		n := strings.TrimSpace(name)
		if c := utf8.RuneCountInString(n); c == 0 || c > maxChannelRunes || strings.ContainsFunc(n, unicode.IsControl) {
			v.fail(at, ReasonBadChannel, name, strconv.Itoa(maxChannelRunes))
			continue
		}
		if _, dup := p.Cadence.Channels[n]; dup {
			v.fail(at, ReasonDuplicateKey, name, "")
			continue
		}
		if d, ok := v.days(at, f.Channels[name], 1, maxCadenceDays); ok {
			p.Cadence.Channels[n] = d
		}
	}
}

// days checks a number of days against its range.
func (v *validator) days(path string, d, lo, hi int64) (int, bool) {
	if d < lo || d > hi {
		v.fail(path, ReasonRange, strconv.FormatInt(d, 10), strconv.FormatInt(lo, 10)+"–"+strconv.FormatInt(hi, 10))
		return 0, false
	}
	return int(d), true
}

// statsViewers checks [stats] see_everyone: content roles only, since the
// three administrators never read content statistics.
func (v *validator) statsViewers(p *Policy, f *statsFile) {
	p.StatsViewers = slices.Clone(DefaultStatsViewers)
	if f == nil || f.SeeEveryone == nil {
		return
	}
	p.StatsViewers = []account.Role{}
	for i, name := range f.SeeEveryone {
		r := account.Role(strings.TrimSpace(name))
		switch {
		case !slices.Contains(account.ContentRoles, r):
			v.fail("stats.see_everyone."+strconv.Itoa(i), ReasonBadRole, name, "")
		case !slices.Contains(p.StatsViewers, r):
			p.StatsViewers = append(p.StatsViewers, r)
		}
	}
}
