package drafts

import (
	"context"
	"crypto/ecdsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/smx509"
)

// Check is the verdict on one sign-off.
type Check struct {
	Seq      int
	Step     Step
	Decision Decision
	Signer   string
	Time     time.Time
	OK       bool
	Reason   string // why it fails, in English for logs; Problem for the UI
	Problem  Problem
}

// Problem names what failed, for translation.
type Problem string

// The problems Verify reports.
const (
	NoProblem        Problem = ""
	MissingSignOff   Problem = "missing"       // a sign-off of the chain is gone
	BadStatement     Problem = "statement"     // the statement is not in the format
	StatementChanged Problem = "statement-sm3" // the statement does not hash to its stored hash
	BrokenChain      Problem = "chain"         // previous does not name the sign-off before
	RecordChanged    Problem = "record"        // the stored fields differ from what was signed
	BadSignature     Problem = "signature"     // the signature does not verify with the key on record
	UnknownKey       Problem = "key"           // the key fingerprint does not match the signer's key
	TextChanged      Problem = "text"          // the version's text no longer hashes to what was signed
	FileChanged      Problem = "file"          // the version's file no longer hashes to what was signed
	FindingsChanged  Problem = "findings"      // the findings list differs from what was signed
	Incomplete       Problem = "incomplete"    // an approved draft lacks a valid sign-off of a step
)

// Verification is the result of Verify: every sign-off's verdict and the
// first failure.
type Verification struct {
	Draft    int64
	OK       bool
	Checks   []Check
	FirstBad int // seq of the first failing sign-off, 0 when the failure is not one sign-off's
	Problem  Problem
	Reason   string
}

// Verify checks every sign-off of a draft with the public keys on record
// (old keys after a reset included), the chain of statements, that each
// version's text and file still hash to what was signed, and that an
// approved draft carries a valid sign-off of every step. It names the
// first thing that fails.
func (s *Store) Verify(ctx context.Context, id int64) (Verification, error) {
	d, err := loadDraft(ctx, s.db.SQL, id)
	if err != nil {
		return Verification{}, err
	}
	sos, err := s.SignOffs(ctx, id)
	if err != nil {
		return Verification{}, err
	}
	var ws string
	if err := s.db.SQL.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'workspace.id'`).Scan(&ws); err != nil {
		return Verification{}, fmt.Errorf("workspace id: %w", err)
	}
	ver := Verification{Draft: id, OK: true}
	prev := "none"
	for i, so := range sos {
		c := s.checkOne(ctx, ws, so, i+1, prev)
		prev = SM3([]byte(so.Statement))
		ver.Checks = append(ver.Checks, c)
		if !c.OK && ver.OK {
			ver.OK, ver.FirstBad, ver.Problem, ver.Reason = false, so.Seq, c.Problem, c.Reason
		}
	}
	if ver.OK {
		if p, reason := s.complete(ctx, d, sos); p != NoProblem {
			ver.OK, ver.Problem, ver.Reason = false, p, reason
		}
	}
	return ver, nil
}

func (s *Store) checkOne(ctx context.Context, ws string, so SignOff, want int, prev string) Check {
	c := Check{Seq: so.Seq, Step: so.Step, Decision: so.Decision, Signer: so.Signer, Time: so.SignedAt, OK: true}
	fail := func(p Problem, format string, a ...any) Check {
		c.OK, c.Problem, c.Reason = false, p, fmt.Sprintf(format, a...)
		return c
	}
	if so.Seq != want {
		return fail(MissingSignOff, "sign-off %d is missing before sign-off %d", want, so.Seq)
	}
	st, err := ParseStatement(so.Statement)
	if err != nil {
		return fail(BadStatement, "sign-off %d: %v", so.Seq, err)
	}
	if SM3([]byte(so.Statement)) != so.SM3 {
		return fail(StatementChanged, "sign-off %d: statement does not match its hash", so.Seq)
	}
	if st.Previous != prev {
		return fail(BrokenChain, "sign-off %d: previous %s, want %s", so.Seq, st.Previous, prev)
	}
	if p, why := recordMatches(st, so, ws); p != NoProblem {
		return fail(p, "sign-off %d: %s", so.Seq, why)
	}
	if p, why := s.signatureOK(ctx, st, so); p != NoProblem {
		return fail(p, "sign-off %d: %s", so.Seq, why)
	}
	if p, why := s.contentOK(ctx, st, so); p != NoProblem {
		return fail(p, "sign-off %d: %s", so.Seq, why)
	}
	return c
}

// recordMatches compares the stored columns with the signed statement.
func recordMatches(st Statement, so SignOff, ws string) (Problem, string) {
	switch {
	case st.Workspace != ws:
		return RecordChanged, "signed in another workspace"
	case st.Draft != so.Draft || st.Version != so.Version:
		return RecordChanged, "draft or version differs from the statement"
	case st.Step != so.Step || st.Decision != so.Decision:
		return RecordChanged, "step or decision differs from the statement"
	case st.Opinion != so.Opinion:
		return RecordChanged, "opinion differs from the statement"
	case st.Signer != so.Signer:
		return RecordChanged, "signer differs from the statement"
	case !st.Time.Equal(so.SignedAt):
		return RecordChanged, "time differs from the statement"
	case SM3([]byte(so.Findings)) != st.FindingsSM3:
		return FindingsChanged, "findings list differs from what was signed"
	}
	return NoProblem, ""
}

func (s *Store) signatureOK(ctx context.Context, st Statement, so SignOff) (Problem, string) {
	var der []byte
	var owner int64
	err := s.db.SQL.QueryRowContext(ctx, `SELECT public_key, user_id FROM signing_keys WHERE id = ?`, so.KeyID).Scan(&der, &owner)
	if err != nil || owner != so.SignerID || SM3(der) != st.Key {
		return UnknownKey, "the key is not the signer's key on record"
	}
	pub, err := smx509.ParsePKIXPublicKey(der)
	ecpub, ok := pub.(*ecdsa.PublicKey)
	if err != nil || !ok {
		return UnknownKey, "the key on record is not an SM2 public key"
	}
	sig, err := base64.StdEncoding.DecodeString(so.Signature)
	if err != nil || !sm2.VerifyASN1WithSM2(ecpub, nil, []byte(so.Statement), sig) {
		return BadSignature, "the signature does not verify"
	}
	return NoProblem, ""
}

// contentOK checks that the version still hashes to what was signed and
// that the signed findings are the version's findings.
func (s *Store) contentOK(ctx context.Context, st Statement, so SignOff) (Problem, string) {
	v, err := loadVersion(ctx, s.db.SQL, so.Draft, so.Version)
	if err != nil {
		return TextChanged, fmt.Sprintf("version %d cannot be read: %v", so.Version, err)
	}
	if SM3([]byte(v.Text)) != st.TextSM3 || v.TextSM3 != st.TextSM3 {
		return TextChanged, fmt.Sprintf("the text of version %d changed", so.Version)
	}
	if SM3(v.File) != st.FileSM3 || v.FileSM3 != st.FileSM3 {
		return FileChanged, fmt.Sprintf("the file of version %d changed", so.Version)
	}
	var signed Findings
	if err := json.Unmarshal([]byte(so.Findings), &signed); err != nil {
		return FindingsChanged, "the findings list cannot be read"
	}
	base := baseFindings(v)
	if len(signed.Findings) != len(base.Findings) {
		return FindingsChanged, fmt.Sprintf("version %d's findings differ from those signed", so.Version)
	}
	ids := make([]string, len(base.Findings))
	for i, f := range base.Findings {
		ids[i] = f.ID
	}
	for _, f := range signed.Findings {
		if !slices.Contains(ids, f.ID) {
			return FindingsChanged, fmt.Sprintf("version %d's findings differ from those signed", so.Version)
		}
	}
	return NoProblem, ""
}

// complete checks that an approved or published draft has a valid sign-off
// of every step of its grade in its last round, on its current version.
func (s *Store) complete(ctx context.Context, d Draft, sos []SignOff) (Problem, string) {
	if d.Status != Approved && d.Status != Published {
		return NoProblem, ""
	}
	p, err := s.policies.Load(ctx, s.db.SQL, d.PolicyID)
	if err != nil {
		return Incomplete, fmt.Sprintf("the draft's policy cannot be read: %v", err)
	}
	steps, err := p.Steps(d.Grade)
	if err != nil {
		return Incomplete, err.Error()
	}
	var valid []SignOff
	for _, so := range sos {
		if so.Round != d.Round || so.Version != d.Version {
			continue
		}
		switch {
		case so.Decision == Approve || so.Decision == Publish:
			valid = append(valid, so)
		case so.Decision == Return && so.ReturnTo >= 0:
			for len(valid) > 0 && valid[len(valid)-1].StepIndex >= so.ReturnTo {
				valid = valid[:len(valid)-1]
			}
		}
	}
	for i, step := range steps {
		if i >= len(valid) || valid[i].Step != step {
			return Incomplete, fmt.Sprintf("no valid sign-off of step %s on version %d", step, d.Version)
		}
	}
	return NoProblem, ""
}

// SignOffs lists a draft's sign-offs in chain order.
func (s *Store) SignOffs(ctx context.Context, id int64) ([]SignOff, error) {
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT so.id, so.seq, so.round, so.version, so.step, so.step_index,
		so.decision, so.return_to, so.opinion, so.signer_id, u.name, u.full_name, so.key_id, so.findings, so.statement,
		so.signature, so.statement_sm3, so.signed_at FROM signoffs so JOIN users u ON u.id = so.signer_id
		WHERE so.draft_id = ? ORDER BY so.seq`, id)
	if err != nil {
		return nil, fmt.Errorf("sign-offs of draft %d: %w", id, err)
	}
	defer rows.Close()
	var sos []SignOff
	for rows.Next() {
		so := SignOff{Draft: id}
		var at string
		if err := rows.Scan(&so.ID, &so.Seq, &so.Round, &so.Version, &so.Step, &so.StepIndex, &so.Decision, &so.ReturnTo,
			&so.Opinion, &so.SignerID, &so.Signer, &so.SignerName, &so.KeyID, &so.Findings, &so.Statement,
			&so.Signature, &so.SM3, &at); err != nil {
			return nil, err
		}
		so.SignedAt, _ = time.Parse(timeFormat, at)
		sos = append(sos, so)
	}
	return sos, rows.Err()
}
