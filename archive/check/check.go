// Package check runs the 四性检测 of DA/T 70-2018 on sealed archive records:
// 真实性 (signatures, hashes and the audit events of a record's history),
// 完整性 (every part present, metadata complete, counts that agree),
// 可用性 (the PDF parses, its fonts are embedded, its text extracts and
// equals the stored text, its attachments are the stored files) and 安全性
// (no macros or scripts in stored files, only authorised actions on the
// record, a recent verified backup). Each check item passes, warns, fails
// or says that it could not be checked; a missing external tool or PAdES
// verifier never counts as a pass.
//
// The checks read the stored record, its versions, the draft's sign-offs
// and the audit trail; they change nothing. Verify adds one audit row for
// the run, so that a verification is itself on the record.
package check

import (
	"context"
	"database/sql"
	"path/filepath"
	"time"

	"shenfa/review/workspace"
)

// Property is one of the four properties (四性) of DA/T 70.
type Property string

// The four properties.
const (
	Authenticity Property = "authenticity" // 真实性
	Integrity    Property = "integrity"    // 完整性
	Usability    Property = "usability"    // 可用性
	Security     Property = "security"     // 安全性
)

// Label is the property's Chinese name.
func (p Property) Label() string {
	return map[Property]string{Authenticity: "真实性", Integrity: "完整性", Usability: "可用性", Security: "安全性"}[p]
}

// Properties lists the four in the standard's order.
var Properties = []Property{Authenticity, Integrity, Usability, Security}

// Status is the verdict on one check item.
type Status string

// The verdicts, from best to worst; Skipped (未检查) means the item could not
// be checked here, for example because a tool is not installed.
const (
	Pass    Status = "pass"
	Skipped Status = "skipped"
	Warn    Status = "warn"
	Fail    Status = "fail"
)

// Label is the verdict in Chinese.
func (s Status) Label() string {
	return map[Status]string{Pass: "通过", Skipped: "未检查", Warn: "警告", Fail: "不通过"}[s]
}

func (s Status) rank() int {
	return map[Status]int{Pass: 0, Skipped: 1, Warn: 2, Fail: 3}[s]
}

// worse returns the worse of two verdicts.
func worse(a, b Status) Status {
	if b.rank() > a.rank() {
		return b
	}
	return a
}

// Item is one check item's result.
type Item struct {
	ID       string   `json:"id"`       // stable code, e.g. "authenticity.signoffs"
	Property Property `json:"property"` // the 四性 it belongs to
	Name     string   `json:"name"`     // Chinese name, e.g. 签署 SM2 签名
	Status   Status   `json:"status"`
	Detail   string   `json:"detail"` // what was found, in plain Chinese
}

// RecordReport is the verification of one record.
type RecordReport struct {
	ID     int64  `json:"id"`
	Code   string `json:"code"` // 档号
	Title  string `json:"title"`
	Status Status `json:"status"` // the worst of its items
	Items  []Item `json:"items"`
}

// Report is one verification run: the records checked and the checks of
// the workspace as a whole (backups, the audit chain after the last seal).
type Report struct {
	Started   time.Time      `json:"started"`
	Finished  time.Time      `json:"finished"`
	By        string         `json:"by"` // sign-in name
	Status    Status         `json:"status"`
	Counts    map[Status]int `json:"counts"` // items by verdict
	Workspace []Item         `json:"workspace"`
	Records   []RecordReport `json:"records"`
}

// OK reports whether no item failed.
func (r *Report) OK() bool { return r.Status != Fail }

// tally sets the report's status and counts from its items.
func (r *Report) tally() {
	r.Status, r.Counts = Pass, map[Status]int{Pass: 0, Skipped: 0, Warn: 0, Fail: 0}
	add := func(it Item) {
		r.Counts[it.Status]++
		r.Status = worse(r.Status, it.Status)
	}
	for _, it := range r.Workspace {
		add(it)
	}
	for i := range r.Records {
		rr := &r.Records[i]
		rr.Status = Pass
		for _, it := range rr.Items {
			add(it)
			rr.Status = worse(rr.Status, it.Status)
		}
	}
}

// Signature is what a PAdES verifier says of a record PDF's signature.
type Signature struct {
	Signed    bool   // the PDF carries a signature
	Valid     bool   // the CMS signature verifies over its byte range
	WholeFile bool   // the byte range covers the whole file: nothing was appended
	Trusted   bool   // the signer's certificate chains to the workspace CA
	Signer    string // the certificate's subject, for the report
	Detail    string // why it is not valid or not trusted
}

// SignatureVerifier checks the PAdES signature of a record PDF against the
// workspace CA (archive/pades with the CA's certificate as root).
type SignatureVerifier interface {
	VerifyPDF(ctx context.Context, pdf []byte) (Signature, error)
}

// SignatureFunc adapts a function to SignatureVerifier.
type SignatureFunc func(ctx context.Context, pdf []byte) (Signature, error)

// VerifyPDF calls fn.
func (fn SignatureFunc) VerifyPDF(ctx context.Context, pdf []byte) (Signature, error) {
	return fn(ctx, pdf)
}

// Checker runs the checks on one workspace.
type Checker struct {
	ws *workspace.DB
	db *sql.DB
	// dir is the workspace file's folder: relative backup paths are
	// looked for there as well as in the working directory.
	dir        string
	signatures SignatureVerifier
	tools      Tools
	now        func() time.Time
}

// Option configures a Checker.
type Option func(*Checker)

// WithSignatures sets the PAdES verifier; without one the signature item
// falls back to poppler's pdfsig (integrity only, not the CA) or is skipped.
func WithSignatures(v SignatureVerifier) Option { return func(c *Checker) { c.signatures = v } }

// WithTools sets how external programs run (tests use fakes).
func WithTools(t Tools) Option { return func(c *Checker) { c.tools = t } }

// WithClock sets the clock the backup age is measured with.
func WithClock(now func() time.Time) Option { return func(c *Checker) { c.now = now } }

// New returns a checker of a workspace.
func New(ws *workspace.DB, opts ...Option) *Checker {
	c := &Checker{ws: ws, db: ws.SQL, dir: filepath.Dir(ws.Path), tools: SystemTools{}, now: time.Now}
	for _, o := range opts {
		o(c)
	}
	return c
}

// items collects the items of one record.
type items []Item

func (is *items) add(p Property, id, name string, st Status, detail string) {
	*is = append(*is, Item{ID: string(p) + "." + id, Property: p, Name: name, Status: st, Detail: detail})
}
