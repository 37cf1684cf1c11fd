package cli

import (
	"strings"
	"testing"

	"shenfa/app/i18n"
)

func TestHelpAndVersionFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--help"}, "命令："},
		{[]string{"-h"}, "命令："},
		{[]string{"--db", "x.db", "--help"}, "命令："},
		{[]string{"--version"}, "shenfa test"},
		{[]string{"help", "check"}, "--annotate 输出.docx"},
		{[]string{"check", "--help"}, "--annotate 输出.docx"},
		{[]string{"check", "--json", "-h"}, "--annotate 输出.docx"},
	}
	for _, tt := range tests {
		r := run(nil, tt.args...)
		if r.code != ExitOK || !strings.Contains(r.stdout, tt.want) || r.stderr != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tt.args, r.code, r.stdout, r.stderr)
		}
	}
}

// Every subcommand answers --help and -h with a usage of its own, in
// Chinese by default and in English on request, and does nothing else.
func TestEverySubcommandHasItsOwnHelp(t *testing.T) {
	for _, cmd := range commands {
		for _, lang := range []string{"zh", "en"} {
			env := map[string]string{"SHENFA_LANG": lang}
			for _, flag := range []string{"--help", "-h"} {
				r := run(env, cmd.name, flag)
				if !hasOwnUsage(cmd.name, r.stdout) {
					t.Errorf("%s %s (%s): no usage of its own: %q", cmd.name, flag, lang, r.stdout)
				}
				if r.code != ExitOK || r.stderr != "" || !strings.Contains(r.stdout, "--db") {
					t.Errorf("%s %s (%s): exit %d, stderr %q", cmd.name, flag, lang, r.code, r.stderr)
				}
			}
		}
	}
	if r := run(map[string]string{"SHENFA_LANG": "en"}, "check", "--help"); !strings.HasPrefix(r.stdout, "Usage: shenfa check") {
		t.Errorf("English check usage: %q", r.stdout)
	}
}

// hasOwnUsage reports whether out holds a usage text written for the command.
func hasOwnUsage(name, out string) bool {
	for _, key := range usageKeys(name) {
		if !translated()[key] {
			continue
		}
		if text := i18n.L(key); strings.Contains(out, text) && strings.Contains(text, "shenfa") {
			return true
		}
	}
	return false
}

func TestHelpArgumentsAreNotFiles(t *testing.T) {
	db := noWorkspace(t)
	// --help is never a file name, unless after --.
	if r := run(nil, "--db", db, "check", "--", "--help"); r.code != ExitUsage || !strings.Contains(r.stderr, "--help") {
		t.Errorf("check -- --help: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := run(nil, "--db", db, "check", "--jsn", "testdata/clean.txt"); r.code != ExitUsage || !strings.Contains(r.stderr, "--jsn") {
		t.Errorf("unknown option: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := run(nil, "help", "frobnicate"); r.code != ExitUsage || !strings.Contains(r.stderr, "frobnicate") {
		t.Errorf("help for an unknown command: exit %d, stderr %q", r.code, r.stderr)
	}
}
