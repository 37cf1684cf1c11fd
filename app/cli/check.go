package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/sensitive"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
	"shenfa/sensitive/lexicon"
)

// checkArgs are the arguments of shenfa check.
type checkArgs struct {
	lexicons []string
	json     bool
	annotate string // --annotate: where to write the .docx with comments
	files    []string
}

// stdinName is how the report names a draft read from standard input (`-`).
const stdinName = "stdin"

func parseCheckArgs(args []string) (checkArgs, error) {
	var a checkArgs
	names := false // after "--" everything is a file name
	for i := 0; i < len(args); i++ {
		arg := args[i]
		flag, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		switch {
		case names || arg == "-" || !strings.HasPrefix(arg, "-"):
			a.files = append(a.files, arg)
		case arg == "--":
			names = true
		case flag == "json" && !hasValue:
			a.json = true
		case flag == "lexicon" || flag == "annotate":
			if !hasValue {
				if i+1 >= len(args) {
					return a, errors.New(i18n.L("cli.flag_needs_value", map[string]any{"Flag": arg}))
				}
				i++
				value = args[i]
			}
			if flag == "lexicon" {
				a.lexicons = append(a.lexicons, value)
			} else {
				a.annotate = value
			}
		default:
			return a, errors.New(i18n.L("cli.check.unknown_flag", map[string]any{"Flag": arg}))
		}
	}
	return a, a.valid()
}

// valid checks what the arguments ask for makes sense together.
func (a checkArgs) valid() error {
	switch {
	case len(a.files) == 0:
		return errors.New(i18n.L("cli.check.no_files"))
	case countOf(a.files, "-") > 1:
		return errors.New(i18n.L("cli.check.stdin_twice"))
	case a.annotate != "" && len(a.files) != 1:
		return errors.New(i18n.L("cli.check.annotate_one"))
	case a.annotate != "" && a.annotate != "-" && sameFile(a.annotate, a.files[0]):
		return errors.New(i18n.L("cli.check.annotate_same", map[string]any{"File": a.annotate}))
	case a.annotate == "-":
		return errors.New(i18n.L("cli.check.annotate_stdout"))
	}
	return nil
}

func countOf(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}

// fileReport is one file of the --json output (GUIDE §3.2).
type fileReport struct {
	Path     string             `json:"path"`
	Format   importer.Format    `json:"format,omitempty"`
	Encoding string             `json:"encoding,omitempty"`
	Chars    int                `json:"chars"`
	Findings []finding.Finding  `json:"findings"`
	Sections []importer.Section `json:"sections,omitempty"`
	Marks    []importer.Mark    `json:"marks,omitempty"`
	Damaged  []int              `json:"damaged,omitempty"`
	Error    string             `json:"error,omitempty"`

	Annotated string `json:"annotated,omitempty"` // the .docx written with --annotate

	text  []rune
	lines importer.LineIndex
	doc   *importer.Document
	data  []byte // the file as read, kept for --annotate
}

// checkReport is the whole --json output.
type checkReport struct {
	Files    []*fileReport     `json:"files"`
	Lexicons []lexicon.Version `json:"lexicons"`
}

func runCheck(c *ctx, args []string) int {
	a, err := parseCheckArgs(args)
	if err != nil {
		return c.usageError(err)
	}
	checker, err := c.checker(a.lexicons)
	if err != nil {
		return c.usageError(err)
	}
	rep := checkReport{Files: []*fileReport{}, Lexicons: checker.Versions()}
	status := ExitOK
	for _, path := range a.files {
		f, fileStatus := c.checkFile(checker, path)
		rep.Files = append(rep.Files, f)
		status = worse(status, fileStatus)
	}
	done := ""
	if a.annotate != "" && rep.Files[0].doc != nil {
		var st int
		done, st = c.annotate(rep.Files[0], a.annotate)
		status = worse(status, st)
	}
	if a.json {
		enc := json.NewEncoder(c.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return c.fail(err)
		}
		if done != "" {
			fmt.Fprintln(c.Stderr, done) // stdout carries only the JSON
		}
	} else {
		c.printReport(rep)
		if done != "" {
			c.printf("%s\n", done)
		}
	}
	return status
}

// worse orders exit statuses: an unreadable file (2) outranks a block finding (1).
func worse(a, b int) int { return max(a, b) }

// checkFile imports and checks one file; a file that cannot be read is
// reported on stderr and in the report, and the others go on.
func (c *ctx) checkFile(checker *sensitive.Checker, path string) (*fileReport, int) {
	f := &fileReport{Path: path, Findings: []finding.Finding{}}
	doc, err := c.importDraft(f)
	if err != nil {
		f.Error = i18n.Message(err)
		fmt.Fprintln(c.Stderr, i18n.L("cli.error")+f.Error)
		return f, ExitUsage
	}
	res := checker.Check(doc.Text)
	f.Format, f.Encoding, f.Chars, f.Findings = doc.Format, doc.Encoding, res.Chars, res.Findings
	f.Sections, f.Marks, f.Damaged = doc.Sections, doc.Marks, doc.Damaged
	f.text, f.doc = []rune(doc.Text), doc
	f.lines = importer.Lines(f.text)
	status := ExitOK
	if len(doc.Damaged) > 0 {
		f.Error = damagedMessage(doc, f.lines)
		fmt.Fprintln(c.Stderr, i18n.L("cli.error")+f.Error)
		status = ExitUsage
	}
	for _, x := range res.Findings {
		if x.Severity == finding.Block {
			return f, worse(status, ExitFailed)
		}
	}
	return f, status
}

func damagedMessage(doc *importer.Document, lines importer.LineIndex) string {
	line, col := lines.Position(doc.Damaged[0])
	return i18n.L("import.damaged", map[string]any{"File": doc.Name, "Count": len(doc.Damaged), "Line": line, "Column": col})
}

// checker builds the checker: the workspace's enabled lexicons when there is
// a workspace, otherwise the defaults, plus the --lexicon files.
func (c *ctx) checker(files []string) (*sensitive.Checker, error) {
	ls, err := c.baseLexicons()
	if err != nil {
		return nil, err
	}
	for _, name := range files {
		l, err := readLexicon(name)
		if err != nil {
			return nil, err
		}
		ls = append(ls, l)
	}
	return sensitive.New(ls...)
}

func readLexicon(name string) (*lexicon.Lexicon, error) {
	data, err := os.ReadFile(name)
	if err == nil {
		var l *lexicon.Lexicon
		if l, err = lexicon.Parse(name, data, ""); err == nil {
			return l, nil
		}
	}
	return nil, errors.New(i18n.L("cli.check.lexicon_file", map[string]any{"File": name, "Detail": err.Error()}))
}

func (c *ctx) baseLexicons() ([]*lexicon.Lexicon, error) {
	if _, err := os.Stat(c.db); err != nil {
		return sensitive.DefaultLexicons()
	}
	w, err := review.Open(c.db)
	if err == nil {
		defer w.Close()
		var ls []*lexicon.Lexicon
		if ls, err = w.Lexicons.Enabled(context.Background()); err == nil {
			return ls, nil
		}
	}
	return nil, errors.New(i18n.L("cli.check.workspace", map[string]any{"Detail": i18n.Message(err)}))
}
