package check

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// ToolResult is what an external program printed and how it ended.
type ToolResult struct {
	Stdout, Stderr []byte
	Code           int   // exit status; -1 when it did not run to the end
	Found          bool  // the program is installed
	Err            error // it could not be started or was stopped
}

// Tools runs the optional external programs (qpdf, pdffonts, pdftotext,
// pdfsig). A check whose program is missing says so instead of passing.
type Tools interface {
	Run(ctx context.Context, program string, args ...string) ToolResult
}

// SystemTools runs the programs installed on this machine, found in PATH.
type SystemTools struct{}

// toolTimeout bounds one program run: a damaged file must not hang a
// verification of the whole archive.
const toolTimeout = 2 * time.Minute

// Run runs program with args.
func (SystemTools) Run(ctx context.Context, program string, args ...string) ToolResult {
	path, err := exec.LookPath(program)
	if err != nil {
		return ToolResult{Code: -1}
	}
	ctx, cancel := context.WithTimeout(ctx, toolTimeout)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	r := ToolResult{Stdout: stdout.Bytes(), Stderr: stderr.Bytes(), Found: true}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit) && ctx.Err() == nil:
		r.Code = exit.ExitCode()
	default:
		r.Code, r.Err = -1, err
	}
	return r
}

// pdfRun is one record's PDF while it is checked: the built-in reader's
// result, and a temporary copy for the external programs, made once.
type pdfRun struct {
	tools   Tools
	data    []byte
	dir     string
	path    string
	info    *pdfInfo
	infoErr error
	results map[string]ToolResult
}

func newPDFRun(tools Tools, data []byte) *pdfRun {
	p := &pdfRun{tools: tools, data: data, results: map[string]ToolResult{}}
	p.info, p.infoErr = inspectSafely(data)
	return p
}

// inspectSafely runs the built-in reader; a bug in it on a hostile file
// must show as a failed check, not end the run.
func inspectSafely(data []byte) (info *pdfInfo, err error) {
	defer func() {
		if r := recover(); r != nil {
			info, err = nil, errors.New("the built-in reader failed on this file")
		}
	}()
	return inspect(data)
}

// file writes the PDF to a temporary file for the external programs.
func (p *pdfRun) file() (string, error) {
	if p.path != "" {
		return p.path, nil
	}
	dir, err := os.MkdirTemp("", "shenfa-check-")
	if err != nil {
		return "", err
	}
	p.dir, p.path = dir, filepath.Join(dir, "record.pdf")
	return p.path, os.WriteFile(p.path, p.data, 0o600)
}

// run runs program on the PDF: args stand before the file, after are after.
func (p *pdfRun) run(ctx context.Context, program string, args, after []string) ToolResult {
	if r, ok := p.results[program]; ok {
		return r
	}
	path, err := p.file()
	if err != nil {
		return ToolResult{Found: true, Code: -1, Err: err}
	}
	all := append(append(append([]string{}, args...), path), after...)
	r := p.tools.Run(ctx, program, all...)
	p.results[program] = r
	return r
}

// tool runs program with its usual arguments and gives its output; found
// is false when it is not installed, err says how it ended otherwise.
func (p *pdfRun) tool(ctx context.Context, program string) ([]byte, bool, error) {
	var r ToolResult
	switch program {
	case "pdftotext":
		r = p.run(ctx, program, []string{"-enc", "UTF-8"}, []string{"-"})
	case "qpdf":
		r = p.run(ctx, program, []string{"--check"}, nil)
	default:
		r = p.run(ctx, program, nil, nil)
	}
	if !r.Found {
		return nil, false, nil
	}
	out := append(append([]byte{}, r.Stdout...), r.Stderr...)
	if r.Err != nil {
		return out, true, r.Err
	}
	if r.Code != 0 {
		return out, true, &exitError{r.Code}
	}
	return out, true, nil
}

type exitError struct{ code int }

func (e *exitError) Error() string { return "exit status " + itoa(e.code) }

// close removes the temporary copy.
func (p *pdfRun) close() {
	if p.dir != "" {
		os.RemoveAll(p.dir)
	}
}
