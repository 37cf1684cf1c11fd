package drafts

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/emmansun/gmsm/sm2"

	"shenfa/review/account"
)

// SignRequest is one step's decision on a draft.
type SignRequest struct {
	Draft    int64
	Version  int  // the version the signer read: refused if another window revised it
	Step     Step // the step the signer is signing: refused if the draft moved on
	Decision Decision
	Opinion  string // 意见; for a return, the reason
	// ReturnTo sends a return to an earlier step instead of the author
	// (without a new version); empty means the author.
	ReturnTo Step
	Waivers  map[string]string // finding id → written reason
	Acks     []string          // ids of warn findings acknowledged (初审)
	Secrecy  *SecrecyReview    // the checklist and 依据和理由 (保密审查 only)
}

// SignOff is a stored sign-off.
type SignOff struct {
	ID         int64
	Draft      int64
	Seq        int
	Round      int
	Version    int
	Step       Step
	StepIndex  int
	Decision   Decision
	ReturnTo   int // index of the step returned to, -1 for the author
	Opinion    string
	SignerID   int64
	Signer     string
	SignerName string
	KeyID      int64
	Findings   string // the canonical findings list, JSON
	Statement  string
	Signature  string // base64 ASN.1 DER SM2 signature
	SM3        string // of the statement
	SignedAt   time.Time
}

// Sign records a step's decision, signed by the signer's own SM2 key, which
// is unwrapped with password for this signature only. Every check and the
// state change run in one transaction with the sign-off and its audit row.
func (s *Store) Sign(ctx context.Context, sess *account.Session, password string, req SignRequest) (SignOff, error) {
	if err := req.validate(); err != nil {
		return SignOff{}, err
	}
	priv, keyID, err := s.accounts.SigningKey(ctx, sess, password)
	if err != nil {
		return SignOff{}, err
	}
	return s.SignWith(ctx, sess, Key{priv, keyID}, req)
}

// Key is a signer's unwrapped private key and its id on record.
type Key struct {
	Private *sm2.PrivateKey
	ID      int64
}

// SignWith is Sign with a key already unwrapped (account.Store.SigningKey),
// for a caller that signs several sign-offs of one person in a row, such as
// the demo workspace's history.
func (s *Store) SignWith(ctx context.Context, sess *account.Session, k Key, req SignRequest) (SignOff, error) {
	if err := req.validate(); err != nil {
		return SignOff{}, err
	}
	var so SignOff
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		var err error
		so, err = s.sign(ctx, tx, sess, k.Private, k.ID, req)
		return err
	})
	return so, err
}

func (r *SignRequest) validate() error {
	r.Opinion = strings.TrimSpace(r.Opinion)
	secrecy := r.Step == Secrecy
	switch r.Decision {
	case Approve:
		if secrecy {
			return ErrBadDecision
		}
	case Return:
	case Publish, Redact, ExemptD, Escalate:
		if !secrecy {
			return ErrBadDecision
		}
	default:
		return ErrBadDecision
	}
	if r.Opinion == "" {
		if r.Decision == Approve || r.Decision == Publish {
			return ErrOpinion
		}
		return ErrReasonRequired
	}
	if secrecy && r.Decision != Return {
		if r.Secrecy == nil || len(r.Secrecy.Answers) != len(ChecklistItems) || strings.TrimSpace(r.Secrecy.Basis) == "" {
			return ErrChecklist
		}
	}
	return nil
}

// signing is the state a sign-off is decided in.
type signing struct {
	d      Draft
	u      account.User
	p      Policy
	steps  []Step
	v      Version
	state  Findings
	prev   string // SM3 of the previous statement, "none" for the first
	seq    int
	target int // ReturnTo's index, -1 for the author
}

func (s *Store) sign(ctx context.Context, tx *sql.Tx, sess *account.Session, priv *sm2.PrivateKey, keyID int64, req SignRequest) (SignOff, error) {
	g, err := s.prepareSigning(ctx, tx, sess, req)
	if err != nil {
		return SignOff{}, err
	}
	if err := s.decide(ctx, tx, &g, req); err != nil {
		return SignOff{}, err
	}
	so, err := s.store(ctx, tx, g, priv, keyID, req)
	if err != nil {
		return SignOff{}, err
	}
	if err := s.transition(ctx, tx, g, req); err != nil {
		return SignOff{}, err
	}
	return so, s.record(ctx, tx, g.u, ActionSignOff, g.d.ID, fmt.Sprintf("v%d %s %s statement-sm3 %s", g.v.Number, req.Step, req.Decision, so.SM3))
}

func (s *Store) prepareSigning(ctx context.Context, tx *sql.Tx, sess *account.Session, req SignRequest) (signing, error) {
	d, u, err := s.loadFor(ctx, tx, sess, req.Draft)
	if err != nil {
		return signing{}, err
	}
	if d.Status != InReview {
		return signing{}, ErrState
	}
	if d.Version != req.Version || d.Step != req.Step {
		return signing{}, ErrStale
	}
	if err := s.maySign(ctx, tx, d, u, d.Step); err != nil {
		return signing{}, err
	}
	p, err := s.policies.Load(ctx, tx, d.PolicyID)
	if err != nil {
		return signing{}, fmt.Errorf("policy of draft %d: %w", d.ID, err)
	}
	steps, err := p.Steps(d.Grade)
	if err != nil || d.StepIndex >= len(steps) || steps[d.StepIndex] != d.Step {
		return signing{}, fmt.Errorf("%w: %s", ErrBadGrade, d.Grade)
	}
	v, err := loadVersion(ctx, tx, d.ID, d.Version)
	if err != nil {
		return signing{}, err
	}
	g := signing{d: d, u: u, p: p, steps: steps, v: v, target: -1}
	if g.state, err = currentFindings(ctx, tx, d, v); err != nil {
		return g, err
	}
	g.seq, g.prev, err = lastStatement(ctx, tx, d.ID)
	return g, err
}

// maySign applies separation of duties to a signer at step.
func (s *Store) maySign(ctx context.Context, tx *sql.Tx, d Draft, u account.User, step Step) error {
	switch {
	case d.AuthorID == u.ID:
		return ErrOwnDraft
	case !u.Can(step.Permission()):
		return ErrNotYourStep
	case d.AssigneeID != 0 && d.AssigneeID != u.ID:
		return ErrNotYourStep
	}
	var other int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM signoffs WHERE draft_id = ? AND signer_id = ? AND step <> ?`,
		d.ID, u.ID, step).Scan(&other)
	if err != nil {
		return err
	}
	if other > 0 {
		return ErrOtherStep
	}
	return nil
}

// decide applies the request to the findings and checks what it needs.
func (s *Store) decide(ctx context.Context, tx *sql.Tx, g *signing, req SignRequest) error {
	switch req.Decision {
	case Approve, Publish:
		if err := g.state.apply(g.p, g.steps, g.d.StepIndex, g.u.Name, req.Waivers, req.Acks); err != nil {
			return err
		}
		if err := openMustComments(ctx, tx, g.d.ID); err != nil {
			return err
		}
	case Return:
		if req.ReturnTo != "" {
			i := slices.Index(g.steps, req.ReturnTo)
			if i < 0 || i >= g.d.StepIndex {
				return ErrBadTarget
			}
			g.target = i
		}
	}
	if req.Step == Secrecy && req.Decision != Return {
		sr := *req.Secrecy
		sr.Basis = strings.TrimSpace(sr.Basis)
		g.state.Secrecy = &sr
	}
	return nil
}

// openMustComments refuses an approval while a comment marked 必须处理 is open.
func openMustComments(ctx context.Context, tx *sql.Tx, draft int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM comments WHERE draft_id = ? AND parent_id = 0 AND must = 1
		AND resolved_at = '' ORDER BY id`, draft)
	if err != nil {
		return err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(ids) > 0 {
		return &OpenCommentsError{IDs: ids}
	}
	return nil
}

// store signs the statement and inserts the sign-off.
func (s *Store) store(ctx context.Context, tx *sql.Tx, g signing, priv *sm2.PrivateKey, keyID int64, req SignRequest) (SignOff, error) {
	findings, err := g.state.canonical()
	if err != nil {
		return SignOff{}, err
	}
	st, err := s.statement(ctx, tx, g, keyID, req, SM3(findings))
	if err != nil {
		return SignOff{}, err
	}
	text := st.String()
	sig, err := priv.Sign(rand.Reader, []byte(text), sm2.DefaultSM2SignerOpts)
	if err != nil {
		return SignOff{}, fmt.Errorf("sign: %w", err)
	}
	so := SignOff{Draft: g.d.ID, Seq: g.seq + 1, Round: g.d.Round, Version: g.v.Number, Step: req.Step,
		StepIndex: g.d.StepIndex, Decision: req.Decision, ReturnTo: g.target, Opinion: req.Opinion, SignerID: g.u.ID,
		Signer: g.u.Name, SignerName: g.u.FullName, KeyID: keyID, Findings: string(findings), Statement: text,
		Signature: base64.StdEncoding.EncodeToString(sig), SM3: SM3([]byte(text)), SignedAt: st.Time}
	res, err := tx.ExecContext(ctx, `INSERT INTO signoffs(draft_id, seq, round, version, step, step_index, decision,
		return_to, opinion, signer_id, key_id, findings, statement, signature, statement_sm3, signed_at)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, so.Draft, so.Seq, so.Round, so.Version, so.Step,
		so.StepIndex, so.Decision, so.ReturnTo, so.Opinion, so.SignerID, so.KeyID, so.Findings, so.Statement,
		so.Signature, so.SM3, st.Time.UTC().Format(timeFormat))
	if err != nil {
		return SignOff{}, fmt.Errorf("store sign-off: %w", err)
	}
	so.ID, _ = res.LastInsertId()
	return so, nil
}

func (s *Store) statement(ctx context.Context, tx *sql.Tx, g signing, keyID int64, req SignRequest, findingsSM3 string) (Statement, error) {
	var ws string
	if err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'workspace.id'`).Scan(&ws); err != nil {
		return Statement{}, fmt.Errorf("workspace id: %w", err)
	}
	var pub []byte
	var owner int64
	var retired string
	err := tx.QueryRowContext(ctx, `SELECT public_key, user_id, retired_at FROM signing_keys WHERE id = ?`, keyID).Scan(&pub, &owner, &retired)
	if err != nil {
		return Statement{}, fmt.Errorf("public key: %w", err)
	}
	if owner != g.u.ID || retired != "" {
		return Statement{}, account.ErrNoKey // only the signer's own current key signs
	}
	return Statement{Workspace: ws, Draft: g.d.ID, Version: g.v.Number, TextSM3: g.v.TextSM3, FileSM3: g.v.FileSM3,
		FindingsSM3: findingsSM3, PolicyName: g.p.Name(), PolicyVersion: g.p.Version(), Step: req.Step,
		Decision: req.Decision, Opinion: req.Opinion, Signer: g.u.Name, SignerName: g.u.FullName, Key: SM3(pub),
		Time: s.now().UTC().Truncate(time.Second), Previous: g.prev}, nil
}

// lastStatement returns the draft's last sign-off seq and statement hash.
func lastStatement(ctx context.Context, q Querier, draft int64) (int, string, error) {
	var seq int
	var sum string
	err := q.QueryRowContext(ctx, `SELECT seq, statement_sm3 FROM signoffs WHERE draft_id = ? ORDER BY seq DESC LIMIT 1`,
		draft).Scan(&seq, &sum)
	if err == sql.ErrNoRows {
		return 0, "none", nil
	}
	return seq, sum, err
}

// transition moves the draft on after a sign-off.
func (s *Store) transition(ctx context.Context, tx *sql.Tx, g signing, req SignRequest) error {
	d := g.d
	switch req.Decision {
	case Approve, Publish:
		if next := d.StepIndex + 1; next < len(g.steps) {
			return s.update(ctx, tx, d.ID, `step_index = ?, step = ?, assignee_id = 0`, next, g.steps[next])
		}
		return s.update(ctx, tx, d.ID, `status = ?, step = '', assignee_id = 0`, Approved)
	case Return:
		if g.target >= 0 {
			if err := s.event(ctx, tx, d, g.u, "return", d.Version, req.Step, string(g.steps[g.target]), req.Opinion); err != nil {
				return err
			}
			return s.update(ctx, tx, d.ID, `step_index = ?, step = ?, assignee_id = 0`, g.target, g.steps[g.target])
		}
		return s.returnToAuthor(ctx, tx, g, req, "return")
	case Redact:
		return s.returnToAuthor(ctx, tx, g, req, "redact")
	case ExemptD:
		if err := s.event(ctx, tx, d, g.u, "exempt", d.Version, req.Step, "", req.Opinion); err != nil {
			return err
		}
		return s.update(ctx, tx, d.ID, `status = ?, step = '', assignee_id = 0`, Exempt)
	case Escalate:
		if err := s.event(ctx, tx, d, g.u, "escalate", d.Version, req.Step, "", req.Opinion); err != nil {
			return err
		}
		return s.update(ctx, tx, d.ID, `status = ?`, Held)
	}
	return ErrBadDecision
}

func (s *Store) returnToAuthor(ctx context.Context, tx *sql.Tx, g signing, req SignRequest, kind string) error {
	if err := s.event(ctx, tx, g.d, g.u, kind, g.d.Version, req.Step, "author", req.Opinion); err != nil {
		return err
	}
	return s.update(ctx, tx, g.d.ID, `status = ?, step = '', assignee_id = 0`, Returned)
}
