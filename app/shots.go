//go:build shots

// The screenshot harness: with SHENFA_SHOTS naming a script, the desktop
// app plays the script once its first frame is drawn and then quits. It is
// compiled only with -tags shots (make shots), so release binaries have none
// of it; shots_off.go stands in for it otherwise. The script runs on its own
// goroutine and touches the interface only through fyne.DoAndWait.

package app

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// Limits of the harness's waits.
const (
	shotsQuiet   = 250 * time.Millisecond // no background work for this long, and a few frames drawn
	shotsTimeout = 90 * time.Second       // for background work (sign-in, checks, lexicon parsing) to finish
	resizeWait   = 5 * time.Second        // for the window to take a new size
)

// shotLine is one command of a script.
type shotLine struct {
	n    int // line number, for messages
	name string
	args []string
}

// shotCommand is what a script word does.
type shotCommand struct {
	args int // exact number of words after the command; -1: one or more, joined by spaces
	run  func(r *shotRunner, args []string) error
}

var shotCommands map[string]shotCommand

func init() {
	shotCommands = map[string]shotCommand{
		"signin":  {2, (*shotRunner).signIn},
		"signout": {0, (*shotRunner).signOut},
		"goto":    {1, (*shotRunner).goTo},
		"open":    {-1, func(r *shotRunner, a []string) error { return r.action("open", strings.Join(a, " ")) }},
		"action":  {-1, func(r *shotRunner, a []string) error { return r.action(a[0], strings.Join(a[1:], " ")) }},
		"size":    {2, (*shotRunner).size},
		"theme":   {1, (*shotRunner).theme},
		"lang":    {1, (*shotRunner).lang},
		"wait":    {1, (*shotRunner).wait},
		"shot":    {-1, (*shotRunner).shot},
		"click":   {-1, (*shotRunner).click},
		"quit":    {0, nil}, // handled by play
	}
}

// shotRunner plays one script against one window.
type shotRunner struct {
	u     *ui
	path  string
	busy  atomic.Int32 // background jobs started and not yet done
	dest  string       // the destination last gone to, shown again after a language switch
	prefs map[string]*string
}

// startShots plays the script named by SHENFA_SHOTS, if any, and returns
// a function that gives its outcome once the window has closed.
func startShots(u *ui) func() error {
	path := os.Getenv("SHENFA_SHOTS")
	if path == "" {
		return func() error { return nil }
	}
	r := &shotRunner{u: u, path: path}
	// Count background work, so that each command can wait for what it started.
	inner := background
	background = func(work func() error, done func(error)) {
		r.busy.Add(1)
		inner(work, func(err error) {
			defer r.busy.Add(-1)
			done(err)
		})
	}
	result := make(chan error, 1)
	go func() {
		err := r.play()
		if err != nil {
			err = fmt.Errorf("shots: %w", err) // Run returns it: the command line prints it and exits 1
		}
		result <- err
		fyne.Do(u.app.Quit)
	}()
	return func() error {
		select {
		case err := <-result:
			return err
		default:
			return errors.New("shots: the window closed before the script finished")
		}
	}
}

// play reads the script, waits for the first frame and runs each line.
func (r *shotRunner) play() error {
	lines, err := readShotScript(r.path)
	if err != nil {
		return err
	}
	if err := r.settle(); err != nil {
		return fmt.Errorf("%s: before the first line: %w", r.path, err)
	}
	r.savePrefs()
	defer r.restorePrefs()
	for _, l := range lines {
		if l.name == "quit" {
			return nil
		}
		fyne.DoAndWait(r.u.touch) // a long script must not run into the idle lock
		if err := shotCommands[l.name].run(r, l.args); err != nil {
			return fmt.Errorf("%s:%d: %s: %w", r.path, l.n, l.name, err)
		}
	}
	return nil
}

// readShotScript parses the whole script first, so that a typo on the last
// line fails before anything is drawn or written.
func readShotScript(path string) ([]shotLine, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read script: %w", err)
	}
	defer f.Close()
	var lines []shotLine
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		words, err := shotWords(text)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		cmd, ok := shotCommands[words[0]]
		if !ok {
			return nil, fmt.Errorf("%s:%d: unknown command %q", path, n, words[0])
		}
		args := words[1:]
		if cmd.args >= 0 && len(args) != cmd.args || cmd.args < 0 && len(args) == 0 {
			return nil, fmt.Errorf("%s:%d: %s takes %s", path, n, words[0], argCount(cmd.args))
		}
		lines = append(lines, shotLine{n: n, name: words[0], args: args})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read script: %w", err)
	}
	return lines, nil
}

func argCount(n int) string {
	if n < 0 {
		return "one or more arguments"
	}
	return strconv.Itoa(n) + " argument(s)"
}

// shotWords splits a line at blanks; a word in double quotes is a Go string
// literal, for arguments with spaces or escapes ("a\nb").
func shotWords(line string) ([]string, error) {
	var words []string
	for {
		line = strings.TrimLeft(line, " \t")
		if line == "" {
			return words, nil
		}
		if line[0] == '"' {
			q, err := strconv.QuotedPrefix(line)
			if err != nil {
				return nil, fmt.Errorf("unterminated or bad quoted word: %s", line)
			}
			w, _ := strconv.Unquote(q)
			words, line = append(words, w), line[len(q):]
			continue
		}
		end := strings.IndexAny(line, " \t")
		if end < 0 {
			end = len(line)
		}
		words, line = append(words, line[:end]), line[end:]
	}
}

// onUI runs f on the UI goroutine and waits for it; a panic in f becomes
// an error of the line instead of taking the app down mid-frame.
func (r *shotRunner) onUI(f func() error) (err error) {
	fyne.DoAndWait(func() {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("panic: %v", p)
			}
		}()
		err = f()
	})
	return err
}

// settle waits until no background work has run for shotsQuiet, so that
// what a command started (argon2, a check, a lexicon load) is on screen and
// a few frames have been drawn since.
func (r *shotRunner) settle() error {
	deadline := time.Now().Add(shotsTimeout)
	quiet := 0
	for quiet < 2 {
		if time.Now().After(deadline) {
			return fmt.Errorf("background work still running after %s", shotsTimeout)
		}
		fyne.DoAndWait(func() {}) // the UI goroutine has caught up with queued work
		if r.busy.Load() == 0 {
			quiet++
		} else {
			quiet = 0
		}
		time.Sleep(shotsQuiet / 2)
	}
	return nil
}

// savePrefs remembers the language and theme, which lang and theme change
// in the machine's Fyne preferences, so that a script run outside make
// shots leaves the engineer's own settings as they were.
func (r *shotRunner) savePrefs() {
	r.prefs = map[string]*string{}
	fyne.DoAndWait(func() {
		for _, k := range []string{prefLanguage, prefTheme} {
			r.prefs[k] = r.pref(k)
		}
	})
}

// restorePrefs writes back only what changed: every write makes Fyne save
// the file, and its watcher may read the file half-written as the app quits.
func (r *shotRunner) restorePrefs() {
	fyne.DoAndWait(func() {
		p := r.u.app.Preferences()
		for k, v := range r.prefs {
			now := r.pref(k)
			switch {
			case (v == nil) == (now == nil) && (v == nil || *v == *now):
			case v == nil:
				p.RemoveValue(k)
			default:
				p.SetString(k, *v)
			}
		}
	})
}

// pref returns the preference k, or nil when it is not set.
func (r *shotRunner) pref(k string) *string {
	const absent = "\x00"
	if v := r.u.app.Preferences().StringWithFallback(k, absent); v != absent {
		return &v
	}
	return nil
}
