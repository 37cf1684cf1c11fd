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
	files    []string
}

func parseCheckArgs(args []string) (checkArgs, error) {
	var a checkArgs
	for i := 0; i < len(args); i++ {
		switch arg := args[i]; {
		case arg == "--json" || arg == "-json":
			a.json = true
		case arg == "--lexicon" || arg == "-lexicon":
			if i+1 >= len(args) {
				return a, errors.New(i18n.L("cli.flag_needs_value", map[string]any{"Flag": arg}))
			}
			i++
			a.lexicons = append(a.lexicons, args[i])
		case strings.HasPrefix(arg, "--lexicon="):
			a.lexicons = append(a.lexicons, strings.TrimPrefix(arg, "--lexicon="))
		default:
			a.files = append(a.files, arg)
		}
	}
	if len(a.files) == 0 {
		return a, errors.New(i18n.L("cli.check.no_files"))
	}
	return a, nil
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

	text  []rune
	lines importer.LineIndex
	doc   *importer.Document
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
	if a.json {
		enc := json.NewEncoder(c.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return c.fail(err)
		}
	} else {
		c.printReport(rep)
	}
	return status
}

// worse orders exit statuses: an unreadable file (2) outranks a block finding (1).
func worse(a, b int) int { return max(a, b) }

// checkFile imports and checks one file; a file that cannot be read is
// reported on stderr and in the report, and the others go on.
func (c *ctx) checkFile(checker *sensitive.Checker, path string) (*fileReport, int) {
	f := &fileReport{Path: path, Findings: []finding.Finding{}}
	doc, err := importer.ImportFile(path)
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
