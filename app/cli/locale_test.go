package cli

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoLocaleNoise runs commands in a fresh process under the C locales
// scripts and containers use: Fyne reads the locale while the program
// starts, so only a new process shows whether it complains. Nothing but
// the command's own output may appear: Fyne logs straight to stderr.
func TestNoLocaleNoise(t *testing.T) {
	if os.Getenv("SHENFA_LOCALE_CHILD") != "" {
		t.Skip("in the child")
	}
	runs := map[string][]string{}
	for _, env := range []string{"LANG=C", "LANG=C.UTF-8", "LC_ALL=C", "LC_ALL=C.UTF-8", "LANG=C.utf8", "LC_MESSAGES=POSIX.UTF-8", "LANGUAGE=C"} {
		runs[env] = []string{"version", "--version", "help"}
	}
	for _, cmd := range commands { // and every usage text, in both languages
		runs["LANG=C.UTF-8"] = append(runs["LANG=C.UTF-8"], cmd.name+" --help")
		runs["LC_ALL=C SHENFA_LANG=en"] = append(runs["LC_ALL=C SHENFA_LANG=en"], cmd.name+" -h")
	}
	for env, list := range runs {
		for _, args := range list {
			var stdout, stderr strings.Builder
			cmd := exec.Command(os.Args[0], "-test.run=^TestLocaleChild$")
			cmd.Env = append(append(cleanLocale(os.Environ()), strings.Fields(env)...), "SHENFA_LOCALE_CHILD="+args)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil || stderr.Len() > 0 || !strings.Contains(stdout.String(), "shenfa") {
				t.Errorf("%s shenfa %s: %v\nstderr: %s\nstdout: %.200s", env, args, err, stderr.String(), stdout.String())
			}
		}
	}
}

// TestLocaleChild is the command TestNoLocaleNoise runs in a new process.
func TestLocaleChild(t *testing.T) {
	args := os.Getenv("SHENFA_LOCALE_CHILD")
	if args == "" {
		t.Skip("run by TestNoLocaleNoise")
	}
	os.Exit(Run(strings.Fields(args), Env{Stdout: os.Stdout, Stderr: os.Stderr, Version: "child"}))
}

// cleanLocale drops every locale variable, so that each case sets only its own.
func cleanLocale(env []string) []string {
	var out []string
	for _, e := range env {
		name, _, _ := strings.Cut(e, "=")
		if name != "LANG" && name != "LANGUAGE" && !strings.HasPrefix(name, "LC_") {
			out = append(out, e)
		}
	}
	return out
}
