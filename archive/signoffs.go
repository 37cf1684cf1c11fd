package archive

import (
	"crypto/ecdsa"
	"encoding/base64"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/smx509"

	"shenfa/archive/record"
	"shenfa/review/drafts"
)

// SignOffProblem is why a manifest's sign-off does not verify: a problem of
// drafts.Verify and, for drafts.RecordChanged, the field that differs from
// the signed statement (workspace, version, decision, opinion, signer,
// time), or for drafts.UnknownKey "public_key" when the key cannot be read.
type SignOffProblem struct {
	Problem drafts.Problem
	Field   string
}

// OK reports whether the sign-off verified.
func (p SignOffProblem) OK() bool { return p.Problem == drafts.NoProblem }

// VerifySignOff checks one sign-off of a manifest offline, with the public
// key the manifest carries: the statement's format, that the key is the one
// the statement names, the SM2 signature over the statement, and that what
// the manifest says of the sign-off is what was signed. Whether the key is
// the signer's key on record is for a workspace to say (archive/check).
func VerifySignOff(m *record.Manifest, so record.SignOff) SignOffProblem {
	st, err := drafts.ParseStatement(so.Statement)
	if err != nil {
		return SignOffProblem{Problem: drafts.BadStatement}
	}
	der, err := base64.StdEncoding.DecodeString(so.PublicKey)
	if err != nil {
		return SignOffProblem{drafts.UnknownKey, "public_key"}
	}
	pub, err := smx509.ParsePKIXPublicKey(der)
	ecpub, ok := pub.(*ecdsa.PublicKey)
	if err != nil || !ok {
		return SignOffProblem{drafts.UnknownKey, "public_key"}
	}
	if drafts.SM3(der) != st.Key || so.Key != st.Key {
		return SignOffProblem{Problem: drafts.UnknownKey}
	}
	sig, err := base64.StdEncoding.DecodeString(so.Signature)
	if err != nil || !sm2.VerifyASN1WithSM2(ecpub, nil, []byte(so.Statement), sig) {
		return SignOffProblem{Problem: drafts.BadSignature}
	}
	field := ""
	switch {
	case st.Workspace != m.Workspace:
		field = "workspace"
	case st.Draft != m.Draft || st.Version != so.Version:
		field = "version"
	case string(st.Step) != so.Step || string(st.Decision) != so.Decision:
		field = "decision"
	case st.Opinion != so.Opinion:
		field = "opinion"
	case st.Signer != so.Signer.Name:
		field = "signer"
	case !st.Time.Equal(so.Time):
		field = "time"
	default:
		return SignOffProblem{}
	}
	return SignOffProblem{drafts.RecordChanged, field}
}

// VerifyChain checks that the manifest's sign-offs are numbered 1, 2, … and
// that each statement names the one before it. It returns the number of
// the first sign-off that breaks the chain with the problem (missing,
// statement or chain), or 0 and no problem.
func VerifyChain(m *record.Manifest) (int, drafts.Problem) {
	prev := "none"
	for i, so := range m.SignOffs {
		if so.Seq != i+1 {
			return i + 1, drafts.MissingSignOff
		}
		st, err := drafts.ParseStatement(so.Statement)
		if err != nil {
			return so.Seq, drafts.BadStatement
		}
		if st.Previous != prev {
			return so.Seq, drafts.BrokenChain
		}
		prev = drafts.SM3([]byte(so.Statement))
	}
	return 0, drafts.NoProblem
}
