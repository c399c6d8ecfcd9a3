package cli

import (
	"context"
	"fmt"
	"io"
)

// commandHelp holds each command's usage text, an English catalog key.
var commandHelp = map[string]string{
	"demo": `Usage: aello-import demo [--out DIR] [--rate N] [--concurrency N]

Starts a local sandbox of the Aéllo API, copies the bundled samples
(leads.xlsx, leads.csv, mapping.yaml) into DIR and imports both files, with
their reports written beside them. The samples contain broken rows on
purpose, so the reports show what a failed row looks like.

  --out DIR          folder for the samples and the reports (default aello-demo)
  --rate N           requests per second (default 100)
  --concurrency N    requests in flight at most (default 4)
`,
	"init": `Usage: aello-import init FILE [-o mapping.yaml] [--force] [source options]

Reads the header and the first rows of FILE, guesses which column holds
which lead field from English, French and German header names, writes a
commented YAML mapping, and prints the first rows as they would be sent.

  -o PATH            where to write the mapping (default mapping.yaml)
  --force            overwrite PATH if it exists
  --country CC       default country for phone numbers without +, as an ISO
                     code such as LU, FR, BE, DE (default LU)
`,
	"check": `Usage: aello-import check FILE -m MAPPING [--report PATH] [--emit PATH] [source options]

Reads FILE, maps and validates every row and writes the report. Sends
nothing and needs no API key.

  -m, --mapping PATH   the YAML mapping (aello-import init FILE writes one)
  --report PATH        the report file (default FILE's name + .report.csv);
                       the errors file goes beside it
  --emit PATH          write each valid row's request body as a JSON line
                       {"row": N, "lead": {...}}
  --json               also print the summary as one JSON object on stdout
`,
	"send": `Usage: aello-import send FILE -m MAPPING [options] [source options]

Validates every row of FILE and sends the valid ones to POST /leads. The API
key is read from the environment variable AELLO_API_KEY, or from a file.

  -m, --mapping PATH    the YAML mapping
  --env ENV             sandbox (default) or production; production asks
                        for confirmation unless --yes
  --base-url URL        the API's address, instead of --env's; plain http://
                        only to this computer (127.0.0.1, ::1, localhost)
  --rate N              requests per second at most (default 10; 0: no limit)
  --concurrency N       requests in flight at most (default 4)
  --timeout DURATION    time allowed for one request (default 30s)
  --api-key-file PATH   read the API key from this file
  --report PATH         the report file (default FILE's name + .report.csv)
  --resume              skip the rows that earlier runs of FILE had accepted,
                        and do not send again the ones left uncertain
  --resend-uncertain    with --resume, send the uncertain rows again
  --force               forget earlier runs of FILE and send every row
  --max-errors N        stop after N temporary failures in a row (default 50)
  --limit N             send only the first N rows, to look at them in Aéllo
                        before sending the rest with --resume
  --json                also print the summary as one JSON object on stdout
  --yes                 do not ask for confirmation

Every send and outcome is recorded at once in the journal NAME.journal.jsonl
beside FILE, so that a stopped run can be resumed without sending a row twice.
A plain send of a file that earlier runs sent to the same API is rejected.
`,
	"sandbox": `Usage: aello-import sandbox [--addr 127.0.0.1:PORT] --key KEY [options]

Runs a local emulator of the Aéllo API until Ctrl-C, for trying imports
without touching a real account. It answers POST /leads like the API, and
GET /_sandbox/leads and GET /_sandbox/stats for inspection.

  --addr HOST:PORT      address to listen on (default 127.0.0.1:8089)
  --key KEY             a valid API key, each for its own dealership (repeatable)
  --orphan-key KEY      a key whose dealership is gone: answers 422
  --store FILE          append every accepted lead and message as a JSON line
  --latency DURATION    delay before each answer, such as 50ms
  --jitter DURATION     random variation of the latency
  --fail-rate P         share of requests answered 500, between 0 and 1
  --drop-rate P         share of requests stored then left without an answer
  --rate-limit N        answer 429 above N requests per second
  --seed N              seed of the random faults, for reproducible runs
`,
}

// sourceHelp lists the reader options shared by init, check and send.
const sourceHelp = `
Source options (override the mapping's source section):
  --sheet NAME|N        XLSX sheet by name or 1-based number (default: the
                        first visible sheet)
  --header-row N        row number of the header (default: detected)
  --delimiter C         CSV separator: , ; | or tab (default: detected)
  --encoding NAME       CSV encoding: utf-8, windows-1252, iso-8859-15,
                        utf-16 (default: detected)

Common options:
  --lang en|fr          language of messages and reports (default: the locale)
  --verbose             log every retry
`

const mainHelp = `aello-import imports leads from CSV or XLSX exports into Aéllo Copilot.

Usage: aello-import COMMAND [options]

Commands:
`

const mainHelpFooter = `
Exit status: 0 every row accepted (or valid, for check); 1 some rows invalid,
rejected or failed; 2 bad usage, unreadable input or invalid mapping; 3 run
stopped (API key rejected, account error, interrupted).

Run 'aello-import help COMMAND' for a command's options.
`

// printHelp prints the list of commands to w: stdout when the user asked
// for help, stderr after a usage error.
func (a *app) printHelp(w io.Writer) {
	fmt.Fprint(w, a.lang.Sprintf(mainHelp))
	for _, cmd := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", cmd.name, a.lang.Sprintf(cmd.summary))
	}
	fmt.Fprint(w, a.lang.Sprintf(mainHelpFooter))
}

// printCommandHelp prints a command's help on stdout.
func (a *app) printCommandHelp(name string) {
	fmt.Fprint(a.env.Stdout, a.lang.Sprintf(commandHelp[name]))
	switch name {
	case "init", "check", "send":
		fmt.Fprint(a.env.Stdout, a.lang.Sprintf(sourceHelp))
	}
}

func runHelp(_ context.Context, a *app, args []string) int {
	if len(args) == 0 {
		a.printHelp(a.env.Stdout)
		return ExitOK
	}
	if _, ok := commandHelp[args[0]]; !ok {
		return a.fail(usagef("unknown command %q", args[0]))
	}
	a.printCommandHelp(args[0])
	return ExitOK
}

func runVersion(_ context.Context, a *app, _ []string) int {
	fmt.Fprintf(a.env.Stdout, "aello-import %s\n", Version)
	return ExitOK
}
