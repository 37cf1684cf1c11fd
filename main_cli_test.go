package main

import (
	"strings"
	"testing"
)

// TestNoLocaleNoise runs the real program, as main wires it, under the C
// locales of scripts and containers: no "Fyne error … locale" may reach stderr.
func TestNoLocaleNoise(t *testing.T) {
	for _, env := range []string{"LANG=C", "LANG=C.UTF-8", "LC_ALL=C", "LC_ALL=C.UTF-8", "LANG=POSIX.UTF-8"} {
		for _, args := range [][]string{{"version"}, {"check", "--help"}, {"--help"}} {
			cmd := child(args...)
			var kept []string
			for _, e := range cmd.Env {
				name, _, _ := strings.Cut(e, "=")
				if name != "LANG" && name != "LANGUAGE" && !strings.HasPrefix(name, "LC_") {
					kept = append(kept, e)
				}
			}
			cmd.Env = append(kept, env)
			out, err := cmd.CombinedOutput()
			if err != nil || strings.Contains(string(out), "Fyne error") || !strings.Contains(string(out), "shenfa") {
				t.Errorf("%s shenfa %v: %v\n%s", env, args, err, out)
			}
		}
	}
}
