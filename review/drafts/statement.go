package drafts

import (
	"bufio"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// StatementFormat is the first line of a sign-off statement; the format
// changes only with it (GUIDE §3.6).
const StatementFormat = "shenfa-signoff 1"

// Statement is what a sign-off signs: the content and decision it is bound to.
type Statement struct {
	Workspace     string
	Draft         int64
	Version       int
	TextSM3       string
	FileSM3       string
	FindingsSM3   string
	PolicyName    string
	PolicyVersion string
	Step          Step
	Decision      Decision
	Opinion       string
	Signer        string // sign-in name
	SignerName    string // the person's name
	Key           string // hex SM3 of the signer's public key (DER SubjectPublicKeyInfo)
	Time          time.Time
	Previous      string // hex SM3 of the draft's previous statement, or "none"
}

// String renders the statement as signed: UTF-8 lines in GUIDE order, each
// ending in LF, no trailing spaces.
func (st Statement) String() string {
	var b strings.Builder
	line := func(k, v string) { b.WriteString(strings.TrimRight(k+": "+v, " ") + "\n") }
	b.WriteString(StatementFormat + "\n")
	line("workspace", st.Workspace)
	line("draft", strconv.FormatInt(st.Draft, 10))
	line("version", strconv.Itoa(st.Version))
	line("text-sm3", st.TextSM3)
	line("file-sm3", st.FileSM3)
	line("findings-sm3", st.FindingsSM3)
	line("policy", oneLine(st.PolicyName)+" "+oneLine(st.PolicyVersion))
	line("step", string(st.Step))
	line("decision", string(st.Decision))
	line("opinion", escape(st.Opinion))
	line("signer", oneLine(st.Signer)+" "+oneLine(st.SignerName))
	line("key", st.Key)
	line("time", st.Time.UTC().Format(time.RFC3339))
	line("previous", st.Previous)
	return b.String()
}

// escape writes an opinion on one line: \n and \\ escaped (and \r).
func escape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\r", `\r`).Replace(strings.TrimSpace(s))
}

func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			default:
				b.WriteByte(s[i+1])
			}
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// oneLine keeps a name on its line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// ErrStatement reports a statement that is not in the format.
var ErrStatement = errors.New("not a sign-off statement")

// ParseStatement reads a statement; it accepts only the exact bytes String
// would write, so that what is shown is what was signed.
func ParseStatement(text string) (Statement, error) {
	var st Statement
	sc := bufio.NewScanner(strings.NewReader(text))
	keys := []string{"workspace", "draft", "version", "text-sm3", "file-sm3", "findings-sm3", "policy", "step",
		"decision", "opinion", "signer", "key", "time", "previous"}
	vals := map[string]string{}
	if !sc.Scan() || sc.Text() != StatementFormat {
		return st, fmt.Errorf("%w: first line", ErrStatement)
	}
	for _, k := range keys {
		if !sc.Scan() {
			return st, fmt.Errorf("%w: missing %s", ErrStatement, k)
		}
		v, ok := strings.CutPrefix(sc.Text(), k+":")
		if !ok {
			return st, fmt.Errorf("%w: want %s", ErrStatement, k)
		}
		vals[k] = strings.TrimPrefix(v, " ")
	}
	if sc.Scan() {
		return st, fmt.Errorf("%w: extra lines", ErrStatement)
	}
	if err := st.fill(vals); err != nil {
		return st, err
	}
	if st.String() != text {
		return st, fmt.Errorf("%w: not in canonical form", ErrStatement)
	}
	return st, nil
}

func (st *Statement) fill(v map[string]string) error {
	var err error
	if st.Draft, err = strconv.ParseInt(v["draft"], 10, 64); err != nil {
		return fmt.Errorf("%w: draft", ErrStatement)
	}
	if st.Version, err = strconv.Atoi(v["version"]); err != nil {
		return fmt.Errorf("%w: version", ErrStatement)
	}
	if st.Time, err = time.Parse(time.RFC3339, v["time"]); err != nil {
		return fmt.Errorf("%w: time", ErrStatement)
	}
	st.Workspace, st.TextSM3, st.FileSM3, st.FindingsSM3 = v["workspace"], v["text-sm3"], v["file-sm3"], v["findings-sm3"]
	st.PolicyName, st.PolicyVersion = splitLast(v["policy"])
	st.Step, st.Decision, st.Opinion = Step(v["step"]), Decision(v["decision"]), unescape(v["opinion"])
	st.Signer, st.SignerName, _ = strings.Cut(v["signer"], " ")
	st.Key, st.Previous = v["key"], v["previous"]
	return nil
}

// splitLast splits "name with spaces version" at its last space.
func splitLast(s string) (string, string) {
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i+1:]
}
