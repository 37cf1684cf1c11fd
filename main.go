// Command shenfa (审发) vets, approves and archives what government
// new-media accounts publish, on an isolated workstation. With no
// subcommand it starts the desktop app; `shenfa help` lists the others.
package main

import (
	"os"

	"shenfa/app"
	"shenfa/app/cli"
)

// version is set at release time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	os.Exit(cli.Run(os.Args[1:], cli.Env{
		Stdout:  os.Stdout,
		Stderr:  os.Stderr,
		Version: version,
		GUI:     app.Run,
	}))
}
