package cli

import (
	"time"

	"shenfa/review/drafts"
	"shenfa/review/policy"
	"shenfa/sensitive/lexicon"
)

// The --json output of the workflow commands. Its field names and codes are
// a contract for scripts (README, "JSON output"): fields are only ever
// added. Times are RFC 3339 in UTC, "" when unset; statuses, steps,
// decisions and kinds are the codes of review/drafts, never labels, so
// that the output is the same in every interface language.

// draftJSON is a draft in `draft list`, `draft show` and `draft inbox`.
type draftJSON struct {
	ID           int64         `json:"id"`
	Title        string        `json:"title"`
	Channel      channelJSON   `json:"channel"`
	Grade        string        `json:"grade"`
	Kind         drafts.Kind   `json:"kind"`
	Source       *sourceJSON   `json:"source,omitempty"` // reposts only
	Author       string        `json:"author"`
	AuthorName   string        `json:"author_name"`
	Status       drafts.Status `json:"status"`
	Step         drafts.Step   `json:"step"` // the step it waits at while in review or held, else ""
	Round        int           `json:"round"`
	Version      int           `json:"version"`
	PlannedAt    string        `json:"planned_at"`
	Overdue      bool          `json:"overdue"`
	PublishedAt  string        `json:"published_at"`
	PublishedURL string        `json:"published_url"`
	CreatedAt    string        `json:"created_at"`
	UpdatedAt    string        `json:"updated_at"`
}

type sourceJSON struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

type channelJSON struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Platform string `json:"platform"`
	Unit     string `json:"unit"`
}

func toDraftJSON(d drafts.Draft, now time.Time) draftJSON {
	j := draftJSON{ID: d.ID, Title: d.Title, Channel: toChannelJSON(d.Channel), Grade: d.Grade, Kind: d.Kind,
		Author: d.Author, AuthorName: d.AuthorName, Status: d.Status, Step: d.Step, Round: d.Round,
		Version: d.Version, PlannedAt: jsonTime(d.PlannedAt), Overdue: d.Overdue(now),
		PublishedAt: jsonTime(d.PublishedAt), PublishedURL: d.PublishedURL, CreatedAt: jsonTime(d.CreatedAt),
		UpdatedAt: jsonTime(d.UpdatedAt)}
	if d.Kind == drafts.Repost {
		j.Source = &sourceJSON{d.Source.Name, d.Source.Title, d.Source.URL}
	}
	return j
}

func toChannelJSON(c drafts.Channel) channelJSON {
	return channelJSON{ID: c.ID, Name: c.Name, Platform: c.Platform, Unit: c.Unit}
}

// draftListJSON is `draft list --json`.
type draftListJSON struct {
	Total    int         `json:"total"`
	Page     int         `json:"page"`
	Pages    int         `json:"pages"`
	PageSize int         `json:"page_size"`
	Drafts   []draftJSON `json:"drafts"`
}

// inboxJSON is `draft inbox --json`: one page of tasks, overdue first.
type inboxJSON struct {
	Total    int        `json:"total"`
	Page     int        `json:"page"`
	Pages    int        `json:"pages"`
	PageSize int        `json:"page_size"`
	Tasks    []taskJSON `json:"tasks"`
}

// taskJSON is one entry of `draft inbox --json`.
type taskJSON struct {
	Why     string      `json:"why"`  // sign, answer, revise, publish, submit
	Step    drafts.Step `json:"step"` // the step to sign, "" for the author's tasks
	Overdue bool        `json:"overdue"`
	Draft   draftJSON   `json:"draft"`
}

// draftShowJSON is `draft show --json`.
type draftShowJSON struct {
	Draft    draftJSON     `json:"draft"`
	Policy   *policyRef    `json:"policy"` // the policy of the current round, or the one in force before submission
	Versions []versionJSON `json:"versions"`
	Steps    []stepJSON    `json:"steps"`
	SignOffs []signOffJSON `json:"signoffs"`
	Events   []eventJSON   `json:"events"`
	Findings findingsJSON  `json:"findings"`
	Verified bool          `json:"verified"` // every sign-off verifies (see verify draft)
}

type policyRef struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Version string `json:"version"`
}

type versionJSON struct {
	Number    int    `json:"number"`
	Author    string `json:"author"`
	CreatedAt string `json:"created_at"`
	Note      string `json:"note"`
	FileName  string `json:"file_name"`
	TextSM3   string `json:"text_sm3"`
	FileSM3   string `json:"file_sm3"`
	Chars     int    `json:"chars"`
}

// stepJSON is one step of the draft's grade in its current round.
type stepJSON struct {
	Step  drafts.Step `json:"step"`
	State string      `json:"state"` // signed, current, held, decided, pending
	// SignOff is the seq of the sign-off that signed (or decided) the step, 0 for none.
	SignOff int `json:"signoff"`
}

// signOffJSON is a sign-off with its manifestation (GUIDE §3.6, §3.7).
type signOffJSON struct {
	Seq          int             `json:"seq"`
	Round        int             `json:"round"`
	Version      int             `json:"version"`
	Step         drafts.Step     `json:"step"`
	Decision     drafts.Decision `json:"decision"`
	Meaning      string          `json:"meaning"`   // as printed on the record: 初审同意, 保密审查：公开 …
	ReturnTo     string          `json:"return_to"` // a return's target: a step, or "author"; "" otherwise
	Opinion      string          `json:"opinion"`
	Signer       string          `json:"signer"`
	SignerName   string          `json:"signer_name"`
	Role         string          `json:"role"` // the role the step needs: approver1 …
	SignedAt     string          `json:"signed_at"`
	Key          string          `json:"key"` // SM3 fingerprint of the signer's public key
	StatementSM3 string          `json:"statement_sm3"`
	Statement    string          `json:"statement"`
	Signature    string          `json:"signature"`
	Current      bool            `json:"current"` // on the current version in the current round
	Secrecy      *secrecyJSON    `json:"secrecy,omitempty"`
	OK           bool            `json:"ok"`
	Problem      drafts.Problem  `json:"problem"`
}

type secrecyJSON struct {
	Checklist []checkItemJSON `json:"checklist"`
	Basis     string          `json:"basis"`
}

type checkItemJSON struct {
	Item   string `json:"item"`
	Answer bool   `json:"answer"` // true = 是
}

type eventJSON struct {
	Kind    string      `json:"kind"`
	Round   int         `json:"round"`
	Version int         `json:"version"`
	Actor   string      `json:"actor"`
	Step    drafts.Step `json:"step"`
	Target  string      `json:"target"`
	Reason  string      `json:"reason"`
	At      string      `json:"at"`
}

// findingsJSON is the current version's findings with their waivers and
// acknowledgements; each finding is as drafts.FindingRecord writes it.
type findingsJSON struct {
	Version  int                    `json:"version"`
	Lexicons []lexicon.Version      `json:"lexicons"`
	Findings []drafts.FindingRecord `json:"findings"`
}

// verifyJSON is `verify draft --json`.
type verifyJSON struct {
	Draft    int64             `json:"draft"`
	OK       bool              `json:"ok"`
	FirstBad int               `json:"first_bad"` // seq of the first failing sign-off; 0 when none or not one sign-off's
	Problem  drafts.Problem    `json:"problem"`
	Message  string            `json:"message"` // the first failure in the interface language
	Reason   string            `json:"reason"`  // the same in English, for logs
	Checks   []verifyCheckJSON `json:"checks"`
}

type verifyCheckJSON struct {
	Seq      int             `json:"seq"`
	Step     drafts.Step     `json:"step"`
	Decision drafts.Decision `json:"decision"`
	Signer   string          `json:"signer"`
	SignedAt string          `json:"signed_at"`
	OK       bool            `json:"ok"`
	Problem  drafts.Problem  `json:"problem"`
	Reason   string          `json:"reason"`
}

// policyJSON is `policy show --json`.
type policyJSON struct {
	ID               int64                    `json:"id"`
	Name             string                   `json:"name"`
	Version          string                   `json:"version"`
	Format           int                      `json:"format"`
	SM3              string                   `json:"sm3"`
	ImportedBy       string                   `json:"imported_by"` // "" for the built-in default
	ImportedAt       string                   `json:"imported_at"`
	Fonds            string                   `json:"fonds"`
	ArchiveCode      string                   `json:"archive_code"`
	BackupMaxAgeDays int                      `json:"backup_max_age_days"`
	Grades           []gradeJSON              `json:"grades"`
	Waive            map[policy.Step][]string `json:"waive"`
	Unwaivable       []string                 `json:"unwaivable"`
	Phrases          phrasesJSON              `json:"phrases"`
	DueHours         map[policy.Step]int      `json:"due_hours"`
}

type gradeJSON struct {
	ID        string           `json:"id"`
	Label     string           `json:"label"`
	Retention policy.Retention `json:"retention"`
	Steps     []policy.Step    `json:"steps"`
}

type phrasesJSON struct {
	Approve []string `json:"approve"`
	Return  []string `json:"return"`
}

// policyVersionJSON is one entry of `policy show --all --json`.
type policyVersionJSON struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	Version    string `json:"version"`
	SM3        string `json:"sm3"`
	ImportedBy string `json:"imported_by"`
	ImportedAt string `json:"imported_at"`
	Current    bool   `json:"current"`
}
