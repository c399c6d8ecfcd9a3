// Command aello-import imports leads from CSV or XLSX exports into the
// Aéllo Copilot CRM. See README.md.
package main

import (
	"os"

	"github.com/aello-copilot/aello-import/cli"
)

func main() {
	env, release := cli.OSEnv()
	code := cli.Main(os.Args[1:], env)
	release()
	os.Exit(code)
}
