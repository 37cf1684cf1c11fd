// Package drafts is the review workflow of a workspace — 先审后发 with
// 分级分类审核: drafts in their publication channels, immutable versions of
// their text and original file, the steps a draft's grade requires (初审,
// 复审, 终审 and 保密审查), sign-offs signed with SM2 over a canonical
// statement bound to the exact content (GUIDE §3.6), returns, hand-overs,
// waivers, publication, and the verification of all of it.
//
// Every transition checks who may take it and in which state, and commits
// with its audit row in one transaction; versions, sign-offs and events are
// never updated or deleted (triggers refuse it). Separation of duties is
// enforced here, not only in the screens: an author never signs their own
// draft, one person signs at most one step of a draft, and the three
// administrators sign nothing.
package drafts

import (
	"context"
	"database/sql"
	"time"

	"shenfa/review/account"
	"shenfa/review/policy"
	"shenfa/review/workspace"
	"shenfa/sensitive"
	"shenfa/sensitive/finding"
)

// Status is where a draft stands in the workflow.
type Status string

// The statuses of a draft.
const (
	Editing   Status = "draft"     // 草稿: the author writes and revises
	InReview  Status = "review"    // 审核中: at one of its steps
	Returned  Status = "returned"  // 已退回: back with the author
	Held      Status = "held"      // 待报审: 保密审查 waits for the 保密工作部门
	Approved  Status = "approved"  // 已批准: every step signed
	Published Status = "published" // 已发布: recorded as published
	Exempt    Status = "exempt"    // 免于公开: ended by 保密审查, kept on record
)

// Statuses lists the statuses in workflow order.
var Statuses = []Status{Editing, InReview, Returned, Held, Approved, Published, Exempt}

// Step is one review step of a grade (初审, 复审, 终审, 保密审查).
type Step = policy.Step

// The steps of GUIDE §3.5.
const (
	Tier1   = policy.Tier1
	Tier2   = policy.Tier2
	Tier3   = policy.Tier3
	Secrecy = policy.Secrecy
)

// Decision is what a sign-off decides.
type Decision string

// The decisions of GUIDE §3.6. 保密审查 decides publish, redact, exempt or
// escalate; the other steps approve or return.
const (
	Approve  Decision = "approve"  // 同意
	Return   Decision = "return"   // 退回
	Publish  Decision = "publish"  // 公开
	Redact   Decision = "redact"   // 非密处理后公开 (back to the author with what to remove)
	ExemptD  Decision = "exempt"   // 免于公开
	Escalate Decision = "escalate" // 需报审
)

// Kind says whether a draft is original or a repost.
type Kind string

// The kinds of draft.
const (
	Original Kind = "original" // 原创
	Repost   Kind = "repost"   // 转载: the source must be named
)

// Policy is what the workflow needs of a review policy (review/policy).
type Policy interface {
	// ID is the stored policy version's id; Name and Version identify it in statements.
	ID() int64
	Name() string
	Version() string
	// Steps are the ordered steps of a grade.
	Steps(grade string) ([]Step, error)
	// MayWaive reports whether a step may waive block findings of a category.
	MayWaive(s Step, c finding.Category) bool
}

// Policies finds the policy drafts are submitted under, and old ones by id.
type Policies interface {
	Current(ctx context.Context, q Querier) (Policy, error)
	Load(ctx context.Context, q Querier, id int64) (Policy, error)
}

// Checker checks a version's text; sensitive.Checker is one.
type Checker interface {
	Check(text string) sensitive.Result
}

// Querier runs queries: *sql.DB or *sql.Tx.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Store runs the workflow of one workspace.
type Store struct {
	db       *workspace.DB
	accounts *account.Store
	policies Policies
	checker  func(ctx context.Context) (Checker, error)
	now      func() time.Time
}

// New returns the workflow store of a workspace. checker builds the checker
// from the workspace's enabled lexicons when a version is made.
func New(db *workspace.DB, accounts *account.Store, policies Policies, checker func(ctx context.Context) (Checker, error)) *Store {
	return &Store{db: db, accounts: accounts, policies: policies, checker: checker, now: time.Now}
}

// WithClock sets the clock, for tests.
func (s *Store) WithClock(now func() time.Time) *Store {
	s.now = now
	return s
}

// Clock is the store's clock, so that whoever sets another for a while
// (the demo's history) can put it back.
func (s *Store) Clock() func() time.Time { return s.now }

const timeFormat = time.RFC3339

func (s *Store) stamp() string { return s.now().UTC().Format(timeFormat) }
