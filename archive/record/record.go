// Package record defines what a sealed archive record holds (GUIDE §3.7):
// the manifest — 档号, retention, the draft's details, every version, every
// sign-off with its statement, signature and public key, the findings with
// their waivers, the comments, the 保密审查 checklist and decision, and the
// audit head at sealing — and the texts and files it travels with. The PDF
// record, the BagIt export and the verification all read this one shape.
package record

import (
	"encoding/json"
	"fmt"
	"time"
)

// Format names the manifest format; it changes only with a new number.
const Format = "shenfa-record 1"

// Manifest is manifest.json: embedded in the record's PDF and stored beside it.
type Manifest struct {
	Format       string       `json:"format"`
	Code         string       `json:"code"` // 档号
	Fonds        string       `json:"fonds"`
	Year         int          `json:"year"`
	Retention    string       `json:"retention"` // Y, D30, D10
	Workspace    string       `json:"workspace"` // the workspace UUID the sign-offs name
	Draft        int64        `json:"draft"`
	Title        string       `json:"title"`
	Channel      Channel      `json:"channel"`
	Grade        Grade        `json:"grade"`
	Kind         string       `json:"kind"` // original, repost
	Source       *Source      `json:"source,omitempty"`
	Author       Person       `json:"author"`
	PlannedAt    *time.Time   `json:"planned_at,omitempty"`
	Published    *Publication `json:"published,omitempty"`
	Policy       Policy       `json:"policy"`
	SealedAt     time.Time    `json:"sealed_at"`
	Archivist    Person       `json:"archivist"`
	AuditHead    AuditHead    `json:"audit_head"`
	FinalVersion int          `json:"final_version"`
	Chars        int          `json:"chars"`
	TextSM3      string       `json:"text_sm3"` // of the final text
	FileSM3      string       `json:"file_sm3"` // of the final original file
	FileName     string       `json:"file_name"`
	Versions     []Version    `json:"versions"`
	SignOffs     []SignOff    `json:"signoffs"`
	Returns      []Return     `json:"returns,omitempty"`
	Lexicons     []Lexicon    `json:"lexicons"`
	Findings     []Finding    `json:"findings"` // of the final version, with waivers and acknowledgements
	Comments     []Comment    `json:"comments,omitempty"`
	Secrecy      *Secrecy     `json:"secrecy,omitempty"`
	Hidden       []Hidden     `json:"hidden,omitempty"` // content of the final file a reader does not see
}

// Channel is the publication channel.
type Channel struct {
	Name     string `json:"name"`
	Platform string `json:"platform"`
	Unit     string `json:"unit"`
}

// Grade is the draft's grade under the policy.
type Grade struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Source names a repost's origin (稿源、原标题、原链接).
type Source struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
	URL   string `json:"url,omitempty"`
}

// Person is a user by sign-in name and printed name.
type Person struct {
	Name     string `json:"name"`
	FullName string `json:"full_name"`
}

// Publication is when and where the item went out.
type Publication struct {
	At  time.Time `json:"at"`
	URL string    `json:"url,omitempty"`
}

// Policy is the review policy the approval was given under.
type Policy struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// AuditHead is the audit trail's last row when the record was sealed.
type AuditHead struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
}

// Version is one version of the draft.
type Version struct {
	Number   int       `json:"number"`
	Author   Person    `json:"author"`
	Time     time.Time `json:"time"`
	Note     string    `json:"note,omitempty"`
	FileName string    `json:"file_name"`
	TextSM3  string    `json:"text_sm3"`
	FileSM3  string    `json:"file_sm3"`
	Chars    int       `json:"chars"`
	// Changes summarises the diff from the version before: places changed,
	// characters inserted and deleted.
	Changes  int `json:"changes"`
	Inserted int `json:"inserted"`
	Deleted  int `json:"deleted"`
}

// SignOff is one sign-off with everything needed to verify it offline.
type SignOff struct {
	Seq       int       `json:"seq"`
	Round     int       `json:"round"`
	Version   int       `json:"version"`
	Step      string    `json:"step"`     // tier1, tier2, tier3, secrecy
	StepLabel string    `json:"label"`    // 初审, 复审, 终审, 保密审查
	Meaning   string    `json:"meaning"`  // 审核, 签发, 保密审查 …, with the decision: 初审同意
	Decision  string    `json:"decision"` // approve, return, publish, redact, exempt, escalate
	Opinion   string    `json:"opinion"`
	Signer    Person    `json:"signer"`
	Role      string    `json:"role"` // 初审人, 复审人 …
	Time      time.Time `json:"time"`
	Key       string    `json:"key"`        // hex SM3 of the public key
	Statement string    `json:"statement"`  // exactly as signed
	Signature string    `json:"signature"`  // base64 ASN.1 DER SM2
	PublicKey string    `json:"public_key"` // base64 DER SubjectPublicKeyInfo
	// Current says whether the sign-off counts for the final approval (its
	// round and version, not undone by a return).
	Current bool `json:"current"`
}

// Return is a draft sent back: to the author, or to an earlier step.
type Return struct {
	Round  int       `json:"round"`
	Step   string    `json:"step"`
	By     Person    `json:"by"`
	To     string    `json:"to"` // "author" or a step
	Reason string    `json:"reason"`
	Time   time.Time `json:"time"`
}

// Lexicon is a lexicon the final version was checked with.
type Lexicon struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Entries int    `json:"entries"`
}

// Finding is a finding of the final version and what the steps did about it.
type Finding struct {
	ID         string       `json:"id"`
	Start      int          `json:"start"`
	End        int          `json:"end"`
	Text       string       `json:"text"`
	Category   string       `json:"category"`
	Severity   string       `json:"severity"`
	Rule       string       `json:"rule"`
	Message    string       `json:"message"`
	Suggestion string       `json:"suggestion,omitempty"`
	Waived     *Disposition `json:"waived,omitempty"`
	Acked      *Disposition `json:"acked,omitempty"`
}

// Disposition is who dealt with a finding, at which step, and why.
type Disposition struct {
	Step   string `json:"step"`
	By     string `json:"by"`
	Reason string `json:"reason,omitempty"`
}

// Comment is a 批注 and its replies.
type Comment struct {
	ID         int64     `json:"id"`
	Version    int       `json:"version"`
	Quote      string    `json:"quote,omitempty"`
	Body       string    `json:"body"`
	Must       bool      `json:"must,omitempty"`
	Author     Person    `json:"author"`
	Time       time.Time `json:"time"`
	ResolvedBy string    `json:"resolved_by,omitempty"`
	Replies    []Comment `json:"replies,omitempty"`
}

// Secrecy is the 保密审查: the checklist answers, decision and 依据和理由.
type Secrecy struct {
	Items    []Answer  `json:"items"`
	Decision string    `json:"decision"`
	Basis    string    `json:"basis"`
	Signer   Person    `json:"signer"`
	Time     time.Time `json:"time"`
}

// Answer is one checklist item answered 是 (true) or 否.
type Answer struct {
	Item   string `json:"item"`
	Answer bool   `json:"answer"`
}

// Hidden is content of the final file that a reader of the page does not
// see: hidden text, tracked deletions, comments, headers, properties.
type Hidden struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// Marshal writes the manifest as stored and embedded: indented JSON.
func (m *Manifest) Marshal() ([]byte, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("manifest %s: %w", m.Code, err)
	}
	return append(b, '\n'), nil
}

// Parse reads a manifest and checks its format.
func Parse(data []byte) (*Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	if m.Format != Format {
		return nil, fmt.Errorf("manifest: format %q is not %q", m.Format, Format)
	}
	return &m, nil
}

// Contents is a record: its manifest with the texts and files it carries.
type Contents struct {
	Manifest *Manifest
	Text     string         // the final text as approved
	File     []byte         // the final original file
	Texts    map[int]string // every version's text by number
	Files    map[int][]byte // every version's original file by number
}
