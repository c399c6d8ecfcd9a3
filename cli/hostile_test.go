//go:build unix

package cli_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aello-copilot/aello-import/cli/internal/soak"
	"github.com/aello-copilot/aello-import/samples"
)

// hostileTimeout bounds one check of a hostile input. A check that needs
// longer is reading far more than it should.
const hostileTimeout = 90 * time.Second

// maxHostileRSS bounds the memory of one check of a hostile input: the
// inputs expand to gigabytes, and the limits must stop the reader long
// before. On Linux the peak that wait4 reports also counts the memory of
// the test process when it started the child, so this is an upper bound.
const maxHostileRSS = 1 << 30

// sampleBytes returns a bundled sample file.
func sampleBytes(t *testing.T, name string) []byte {
	t.Helper()
	data, err := samples.Files.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// sampleCSVLines returns the header line and the first data row of the
// bundled CSV (Windows-1252, ';'), each with its CRLF.
func sampleCSVLines(t *testing.T) (header, row []byte) {
	t.Helper()
	lines := bytes.SplitAfterN(sampleBytes(t, samples.CSVFile), []byte("\r\n"), 3)
	if len(lines) < 3 {
		t.Fatalf("the bundled CSV has fewer than two lines")
	}
	return lines[0], lines[1]
}

// writeFile writes data to dir/name and returns the path.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// zeroWindow is the window of deflate: a back-reference reaches at most
// this far back.
const zeroWindow = 32 << 10

// zeroStream returns deflate data that expands to prefix, then n bytes of
// the character '0' (n a multiple of 1 MiB, at least 1 MiB), then suffix,
// and the CRC-32 of that expansion. It compresses 1 MiB of zeros once, in
// a form whose back-references stay within 32 KiB of zeros, and repeats it,
// so that a few gigabytes of expansion cost a few megabytes of file and
// little time.
func zeroStream(t *testing.T, prefix string, n int64, suffix string) ([]byte, uint32) {
	t.Helper()
	const chunk = 1 << 20
	zeros := bytes.Repeat([]byte("0"), chunk)

	// The head leaves 32 KiB of zeros in the window for the chunks.
	var head bytes.Buffer
	headWriter, err := flate.NewWriter(&head, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	headWriter.Write([]byte(prefix))
	headWriter.Write(zeros[:zeroWindow])
	if err := headWriter.Flush(); err != nil {
		t.Fatal(err)
	}

	// Each chunk refers only to the 32 KiB of zeros before it.
	var middle bytes.Buffer
	middleWriter, err := flate.NewWriterDict(&middle, flate.BestCompression, zeros[:zeroWindow])
	if err != nil {
		t.Fatal(err)
	}
	middleWriter.Write(zeros)
	if err := middleWriter.Flush(); err != nil {
		t.Fatal(err)
	}

	var tail bytes.Buffer
	tailWriter, err := flate.NewWriterDict(&tail, flate.BestCompression, zeros[:zeroWindow])
	if err != nil {
		t.Fatal(err)
	}
	tailWriter.Write([]byte(suffix))
	if err := tailWriter.Close(); err != nil {
		t.Fatal(err)
	}

	repeats := (n - zeroWindow) / chunk
	var stream bytes.Buffer
	stream.Write(head.Bytes())
	for range repeats {
		stream.Write(middle.Bytes())
	}
	stream.Write(tail.Bytes())

	crc := crc32.ChecksumIEEE([]byte(prefix))
	crc = crc32.Update(crc, crc32.IEEETable, zeros[:zeroWindow])
	for range repeats {
		crc = crc32.Update(crc, crc32.IEEETable, zeros)
	}
	crc = crc32.Update(crc, crc32.IEEETable, []byte(suffix))
	return stream.Bytes(), crc
}

// zipBomb returns the bundled XLSX with its worksheet replaced by one
// whose header row is the samples' and whose first data cell contains size
// bytes of '0'. With understated, the ZIP headers declare 1 MiB instead
// of the real size, as a hand-made bomb does to pass a size check.
func zipBomb(t *testing.T, size int64, understated bool) []byte {
	t.Helper()
	source, err := zip.NewReader(bytes.NewReader(sampleBytes(t, samples.XLSXFile)), int64(len(sampleBytes(t, samples.XLSXFile))))
	if err != nil {
		t.Fatal(err)
	}

	var header strings.Builder
	for i, name := range []string{"ID", "Prénom", "Nom", "E-mail", "Téléphone", "Société", "Réf. véhicule", "Modèle", "Prix", "Lien annonce", "Photo", "Commentaire", "Source", "Statut"} {
		fmt.Fprintf(&header, `<c r="%c1" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, name)
	}
	prefix := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1">` + header.String() + `</row><row r="2"><c r="A2"><v>`
	suffix := `</v></c></row></sheetData></worksheet>`
	stream, crc := zeroStream(t, prefix, size, suffix)

	var out bytes.Buffer
	archive := zip.NewWriter(&out)
	for _, file := range source.File {
		if file.Name == "xl/worksheets/sheet1.xml" {
			declared := uint64(len(prefix)) + uint64(size) + uint64(len(suffix))
			if understated {
				declared = 1 << 20
			}
			w, err := archive.CreateRaw(&zip.FileHeader{
				Name:               file.Name,
				Method:             zip.Deflate,
				CRC32:              crc,
				CompressedSize64:   uint64(len(stream)),
				UncompressedSize64: declared,
			})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(stream)
			continue
		}
		if err := archive.Copy(file); err != nil {
			t.Fatal(err)
		}
	}
	if err := archive.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// pngImage returns a small valid PNG image.
func pngImage(t *testing.T) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := png.Encode(&out, image.NewGray(image.Rect(0, 0, 16, 16))); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// hostileCase is one hostile input given to check. setup writes the input
// and the mapping into dir and returns their paths.
type hostileCase struct {
	name  string
	setup func(t *testing.T, dir string) (input, mapping string)
	// wantCode is the exit status; want is the message observed on stderr.
	wantCode int
	want     string
}

// withSampleMapping returns a setup that writes name with data and uses
// the bundled mapping.
func withSampleMapping(name string, data func(t *testing.T) []byte) func(t *testing.T, dir string) (string, string) {
	return func(t *testing.T, dir string) (string, string) {
		t.Helper()
		return writeFile(t, dir, name, data(t)), soak.MappingPath(t)
	}
}

// withSampleInput returns a setup that checks the bundled CSV with a
// mapping made by mapping.
func withSampleInput(mapping func(t *testing.T) []byte) func(t *testing.T, dir string) (string, string) {
	return func(t *testing.T, dir string) (string, string) {
		t.Helper()
		input := writeFile(t, dir, "leads.csv", sampleBytes(t, samples.CSVFile))
		return input, writeFile(t, dir, "mapping.yaml", mapping(t))
	}
}

func hostileCases() []hostileCase {
	return []hostileCase{
		{
			name:     "empty file",
			setup:    withSampleMapping("empty.csv", func(*testing.T) []byte { return nil }),
			wantCode: 2,
			want:     `error: no header found: the file is empty or contains only empty rows`,
		},
		{
			name: "header only",
			setup: withSampleMapping("header.csv", func(t *testing.T) []byte {
				header, _ := sampleCSVLines(t)
				return header
			}),
			wantCode: 2,
			want:     `error: .*header\.csv has a header but no data rows, so there is nothing to check or send: check that it is the right file and, for a workbook, the right --sheet and --header-row`,
		},
		{
			name: "binary file named csv",
			setup: withSampleMapping("random.csv", func(*testing.T) []byte {
				random := rand.New(rand.NewPCG(1, 2))
				data := make([]byte, 256<<10)
				for i := range data {
					data[i] = byte(random.UintN(256))
				}
				data[100] = 0
				return data
			}),
			wantCode: 2,
			want:     `error: the file is not a CSV file: it contains NUL bytes \(first at byte offset \d+\)\. Export the data as CSV and try again`,
		},
		{
			name: "old xls workbook",
			setup: withSampleMapping("old.xls", func(*testing.T) []byte {
				// An OLE compound file, as old workbooks and encrypted ones are.
				return append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 512)...)
			}),
			wantCode: 2,
			want:     `old\.xls: the file is an old-style \.xls workbook or a password-protected one, which cannot be read`,
		},
		{
			name:     "png named xlsx",
			setup:    withSampleMapping("photo.xlsx", pngImage),
			wantCode: 2,
			want:     `photo\.xlsx: the file is named like an Excel workbook but is not one \(it is not a ZIP archive\): open it in Excel and save it again as \.xlsx`,
		},
		{
			name: "zip that is not xlsx",
			setup: withSampleMapping("archive.xlsx", func(t *testing.T) []byte {
				var out bytes.Buffer
				archive := zip.NewWriter(&out)
				w, _ := archive.Create("notes.txt")
				w.Write([]byte("not a workbook"))
				if err := archive.Close(); err != nil {
					t.Fatal(err)
				}
				return out.Bytes()
			}),
			wantCode: 2,
			want:     `error: .*archive\.xlsx: the file is a ZIP archive but not an Excel workbook, because it has no xl/workbook\.xml; save it from Excel as "Excel Workbook \(\.xlsx\)"`,
		},
		{
			name: "truncated xlsx",
			setup: withSampleMapping("truncated.xlsx", func(t *testing.T) []byte {
				data := sampleBytes(t, samples.XLSXFile)
				return data[:len(data)/2]
			}),
			wantCode: 2,
			want:     `error: .*truncated\.xlsx: the file is not a valid XLSX workbook because its ZIP structure is damaged \(zip: not a valid zip file\); open it in Excel and save it again as \.xlsx`,
		},
		{
			name:     "xlsx zip bomb",
			setup:    withSampleMapping("bomb.xlsx", func(t *testing.T) []byte { return zipBomb(t, 5<<30, false) }),
			wantCode: 2,
			want:     `error: .*bomb\.xlsx, sheet "Leads": the part xl/worksheets/sheet1\.xml is 5\.0 GiB when uncompressed, over the limit of 1 GiB; the file may be a zip bomb or not a real Excel export: open it in Excel, keep only the data to import and save it again`,
		},
		{
			name:     "xlsx zip bomb with understated size",
			setup:    withSampleMapping("liar.xlsx", func(t *testing.T) []byte { return zipBomb(t, 5<<30, true) }),
			wantCode: 2,
			want:     `error: .*liar\.xlsx, sheet "Leads": the part xl/worksheets/sheet1\.xml is damaged \(zip: not a valid zip file\); open the file in Excel and save it again`,
		},
		{
			name: "csv row of 20 MB",
			setup: withSampleMapping("long-row.csv", func(t *testing.T) []byte {
				header, row := sampleCSVLines(t)
				data := slices.Concat(header, bytes.Repeat([]byte("x"), 20<<20), []byte("\r\n"), row)
				return data
			}),
			wantCode: 2,
			want:     `error: row 2, column A \(ID\): a value is larger than 1 MiB, which no spreadsheet export contains: check that the file is a CSV export and that its delimiter is ";"`,
		},
		{
			name: "csv cell of 5 MB",
			setup: withSampleMapping("long-cell.csv", func(t *testing.T) []byte {
				header, row := sampleCSVLines(t)
				cells := bytes.Split(bytes.TrimSuffix(row, []byte("\r\n")), []byte(";"))
				cells[11] = bytes.Repeat([]byte("y"), 5<<20)
				return slices.Concat(header, bytes.Join(cells, []byte(";")), []byte("\r\n"), row)
			}),
			wantCode: 2,
			want:     `Report: .*long-cell\.report\.csv\nerror: row 2, column L \(Commentaire\): a value is larger than 1 MiB, which no spreadsheet export contains`,
		},
		{
			name: "mapping not yaml",
			setup: withSampleInput(func(*testing.T) []byte {
				return []byte("\x00\x01{{{ ]]: :\n\t- [")
			}),
			wantCode: 2,
			want:     `error: .*mapping\.yaml: the file is not valid YAML: control characters are not allowed; check the indentation \(spaces, not tabs\) and the quotes near this line`,
		},
		{
			name: "mapping of 5 MB",
			setup: withSampleInput(func(t *testing.T) []byte {
				return slices.Concat(sampleBytes(t, samples.MappingFile), []byte("# "), bytes.Repeat([]byte("z"), 5<<20), []byte("\n"))
			}),
			wantCode: 2,
			want:     `error: .*mapping\.yaml: cannot read the mapping file: file larger than 1 MiB, which is not a mapping file; check the path`,
		},
		{
			name: "mapping with 10000 fields",
			setup: withSampleInput(func(*testing.T) []byte {
				var b bytes.Buffer
				b.WriteString("version: 1\nfields:\n  externalId: ID\n  contact.firstName: Prénom\n")
				for i := range 10000 {
					fmt.Fprintf(&b, "  custom%d: Column %d\n", i, i)
				}
				return b.Bytes()
			}),
			wantCode: 2,
			want:     `(?s)error: .*mapping\.yaml:5: unknown field "custom0"; the fields are .*mapping\.yaml:24: unknown field "custom19".*\n\.\.\. and 9,980 more problems in .*mapping\.yaml\n`,
		},
		{
			name: "directory as input",
			setup: func(t *testing.T, dir string) (string, string) {
				input := filepath.Join(dir, "folder.csv")
				if err := os.Mkdir(input, 0o755); err != nil {
					t.Fatal(err)
				}
				return input, soak.MappingPath(t)
			},
			wantCode: 2,
			want:     `error: .*folder\.csv is a folder, not a file: give the path of a CSV or XLSX file`,
		},
		{
			name: "missing input",
			setup: func(t *testing.T, dir string) (string, string) {
				return filepath.Join(dir, "missing.csv"), soak.MappingPath(t)
			},
			wantCode: 2,
			want:     `error: .*missing\.csv does not exist: check the path and the file name`,
		},
	}
}

// TestCheckHostileInput gives check inputs and mappings that are empty,
// not what their name claims, damaged, or far too large, and expects a clear
// error, exit 1 or 2, no panic, and bounded time and memory.
func TestCheckHostileInput(t *testing.T) {
	soak.Binary(t)
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			input, mapping := tc.setup(t, dir)

			result := soak.Run(t, hostileTimeout, dir, soak.Env(""), "check", input, "-m", mapping)
			if result.TimedOut {
				t.Fatalf("check did not finish within %v", hostileTimeout)
			}
			for _, crash := range []string{"panic:", "goroutine "} {
				if strings.Contains(result.Stderr, crash) {
					t.Fatalf("stderr contains %q:\n%s", crash, excerpt(result.Stderr))
				}
			}
			if result.Code != tc.wantCode {
				t.Errorf("exit status %d, want %d\nstderr:\n%s", result.Code, tc.wantCode, excerpt(result.Stderr))
			}
			if !regexp.MustCompile(tc.want).MatchString(result.Stderr) {
				t.Errorf("stderr does not match %q:\n%s", tc.want, excerpt(result.Stderr))
			}
			if len(result.Stderr) > 64<<10 {
				t.Errorf("stderr is %d bytes, want at most 64 KiB: a message must stay readable", len(result.Stderr))
			}
			if result.MaxRSS > maxHostileRSS {
				t.Errorf("check used %d MiB of memory, want at most %d MiB", result.MaxRSS>>20, maxHostileRSS>>20)
			}
			t.Logf("exit %d, %d MiB peak memory: %s", result.Code, result.MaxRSS>>20, firstLine(result.Stderr))
		})
	}
}

// excerpt returns the start of a long output for a failure message.
func excerpt(text string) string {
	const limit = 2000
	if len(text) <= limit {
		return text
	}
	return text[:limit] + fmt.Sprintf("\n... (%d more bytes)", len(text)-limit)
}

// firstLine returns the first line of text that starts with "error:", or
// else its first line.
func firstLine(text string) string {
	scanner := bufio.NewScanner(strings.NewReader(text))
	scanner.Buffer(nil, 1<<20)
	first := ""
	for scanner.Scan() {
		line := scanner.Text()
		if strings.HasPrefix(line, "error:") {
			return line
		}
		if first == "" {
			first = line
		}
	}
	return first
}

// The keys of the secrets test: recognisable strings that must appear in
// no output and no file.
const (
	secretKey = "SECRET-KEY-d41d8cd9"
	wrongKey  = "WRONG-KEY-7f3a9c21"
)

// startSandboxProcess runs "aello-import sandbox" on a free loopback port
// with args and returns its base URL, its stderr and a function that
// stops it with SIGINT and checks that it exited cleanly.
func startSandboxProcess(t *testing.T, dir string, args ...string) (baseURL string, log *soak.SyncBuffer, stop func()) {
	t.Helper()
	log = &soak.SyncBuffer{}
	var stdout soak.SyncBuffer
	cmd := soak.Start(t, dir, soak.Env(""), &stdout, log, append([]string{"sandbox", "--addr", "127.0.0.1:0"}, args...)...)
	waited := make(chan struct{})
	go func() {
		// The error is read from ProcessState below.
		_ = cmd.Wait()
		close(waited)
	}()

	t.Cleanup(func() {
		select {
		case <-waited:
		default:
			_ = cmd.Process.Kill()
			<-waited
		}
	})

	listening := regexp.MustCompile(`Sandbox listening on (http://127\.0\.0\.1:\d+)`)
	deadline := time.Now().Add(30 * time.Second)
	for baseURL == "" {
		if match := listening.FindStringSubmatch(log.String()); match != nil {
			baseURL = match[1]
			break
		}
		select {
		case <-waited:
			t.Fatalf("the sandbox exited at start:\n%s", log.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			<-waited
			t.Fatalf("the sandbox did not report its address within 30 s:\n%s", log.String())
		}
	}

	stop = func() {
		t.Helper()
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatalf("stop the sandbox: %v", err)
		}
		select {
		case <-waited:
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			<-waited
			t.Fatalf("the sandbox did not stop within 30 s of SIGINT")
		}
		if code := cmd.ProcessState.ExitCode(); code != 0 {
			t.Errorf("the sandbox exited with %d, want 0:\n%s", code, log.String())
		}
		log.Write([]byte(stdout.String()))
	}
	return baseURL, log, stop
}

// secretFragments are the strings whose presence anywhere means a key
// leaked: each key and its random part alone.
var secretFragments = []string{secretKey, wrongKey, "d41d8cd9", "7f3a9c21"}

// findSecrets returns where a fragment of a key occurs in data, named by
// source. Data that is a ZIP archive, such as an XLSX errors file, is
// searched inside each of its files.
func findSecrets(source string, data []byte) []string {
	var found []string
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		if archive, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
			for _, file := range archive.File {
				rc, err := file.Open()
				if err != nil {
					found = append(found, fmt.Sprintf("%s: cannot open %s to search it: %v", source, file.Name, err))
					continue
				}
				content, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					found = append(found, fmt.Sprintf("%s: cannot read %s to search it: %v", source, file.Name, err))
				}
				found = append(found, findSecrets(source+" > "+file.Name, content)...)
			}
		}
	}
	for _, fragment := range secretFragments {
		if bytes.Contains(data, []byte(fragment)) {
			found = append(found, fmt.Sprintf("%s contains %q", source, fragment))
		}
	}
	return found
}

// TestSecretsNeverWritten runs the sandbox, send and check with
// recognisable API keys, good and bad, through the environment and
// --api-key-file, with failures and rejected rows, and searches every
// output and every file written for the keys.
func TestSecretsNeverWritten(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{samples.CSVFile, samples.MappingFile} {
		writeFile(t, dir, name, sampleBytes(t, name))
	}
	// leads.xlsx and leads.csv would share the report and journal paths
	// beside them, so the workbook and the wrong key's runs get folders
	// of their own.
	for _, folder := range []string{"xlsx", "wrong"} {
		if err := os.Mkdir(filepath.Join(dir, folder), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, dir, "xlsx/leads.xlsx", sampleBytes(t, samples.XLSXFile))
	writeFile(t, dir, "wrong/leads.csv", sampleBytes(t, samples.CSVFile))
	writeFile(t, dir, "key.txt", []byte(secretKey+"\n"))
	writeFile(t, dir, "bad-key.txt", []byte(secretKey+" "+wrongKey+"\n"))

	baseURL, sandboxLog, stopSandbox := startSandboxProcess(t, dir,
		"--key", secretKey, "--store", "store.jsonl", "--fail-rate", "0.1", "--drop-rate", "0.05", "--seed", "9")
	outputs := map[string]string{}

	runs := []struct {
		name     string
		env      []string
		args     []string
		wantCode int
		want     string
	}{
		{"check csv", soak.Env(secretKey), []string{"check", "leads.csv", "-m", "mapping.yaml"}, 1, `invalid +20`},
		{"check xlsx", soak.Env(secretKey), []string{"check", "xlsx/leads.xlsx", "-m", "mapping.yaml"}, 1, `Rows to fix: xlsx/leads\.errors\.xlsx`},
		{"send csv with key in environment", soak.Env(secretKey),
			[]string{"send", "leads.csv", "-m", "mapping.yaml", "--base-url", baseURL, "--rate", "0", "--concurrency", "16"}, 1, `uncertain`},
		{"send xlsx with key file", soak.Env(""),
			[]string{"send", "xlsx/leads.xlsx", "-m", "mapping.yaml", "--base-url", baseURL, "--rate", "0", "--concurrency", "16", "--api-key-file", "key.txt"}, 1, `accepted +\d+`},
		{"resume with key file", soak.Env(""),
			[]string{"send", "leads.csv", "-m", "mapping.yaml", "--base-url", baseURL, "--rate", "0", "--concurrency", "16", "--api-key-file", "key.txt", "--resume"}, 1, `Resuming: the journal records \d+ rows accepted by earlier runs`},
		{"send with wrong key", soak.Env(wrongKey),
			[]string{"send", "wrong/leads.csv", "-m", "mapping.yaml", "--base-url", baseURL, "--rate", "0", "--concurrency", "16"}, 3, `the API rejected the API key \(HTTP 401\)`},
		{"send with wrong key in French", append(soak.Env(wrongKey), "LANG=fr_FR.UTF-8"),
			[]string{"send", "wrong/leads.csv", "-m", "mapping.yaml", "--base-url", baseURL, "--rate", "0", "--concurrency", "16", "--force"}, 3, `HTTP 401`},
		{"key file with a space", soak.Env(""),
			[]string{"send", "leads.csv", "-m", "mapping.yaml", "--base-url", baseURL, "--api-key-file", "bad-key.txt", "--resume"}, 2, `the API key contains a space`},
		{"key in the base URL", soak.Env(secretKey),
			[]string{"send", "leads.csv", "-m", "mapping.yaml", "--base-url", strings.Replace(baseURL, "http://", "http://user:"+secretKey+"@", 1), "--resume"}, 2, `contains a user name or password`},
	}
	for _, run := range runs {
		result := soak.Run(t, runTimeout, dir, run.env, run.args...)
		outputs[run.name+" stdout"] = result.Stdout
		outputs[run.name+" stderr"] = result.Stderr
		if result.Code != run.wantCode {
			t.Errorf("%s: exit status %d, want %d\nstderr:\n%s", run.name, result.Code, run.wantCode, excerpt(result.Stderr))
		}
		if !regexp.MustCompile(run.want).MatchString(result.Stderr) {
			t.Errorf("%s: stderr does not match %q:\n%s", run.name, run.want, excerpt(result.Stderr))
		}
	}

	for _, path := range []string{"/_sandbox/leads", "/_sandbox/stats"} {
		response, err := http.Get(baseURL + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		body, err := io.ReadAll(response.Body)
		response.Body.Close()
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		outputs["GET "+path] = string(body)
	}
	stopSandbox()
	outputs["sandbox log"] = sandboxLog.String()
	if !strings.Contains(sandboxLog.String(), "status=401") || !strings.Contains(sandboxLog.String(), "dropped=true") {
		t.Errorf("the sandbox log lacks a 401 or a dropped request, so the test did not see what it searches:\n%s", excerpt(sandboxLog.String()))
	}

	var leaks []string
	for source, text := range outputs {
		leaks = append(leaks, findSecrets(source, []byte(text))...)
	}
	searched := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, entry os.DirEntry, err error) error {
		if err != nil || entry.IsDir() {
			return err
		}
		name, _ := filepath.Rel(dir, path)
		if name == "key.txt" || name == "bad-key.txt" {
			return nil // the test's own key files
		}
		searched[filepath.ToSlash(name)] = true
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		leaks = append(leaks, findSecrets(name, data)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range leaks {
		t.Error(leak)
	}

	for _, name := range []string{"leads.report.csv", "leads.errors.csv", "leads.journal.jsonl", "store.jsonl",
		"xlsx/leads.report.csv", "xlsx/leads.errors.xlsx", "xlsx/leads.journal.jsonl",
		"wrong/leads.report.csv", "wrong/leads.journal.jsonl"} {
		if !searched[name] {
			t.Errorf("%s was not written, so it was not searched", name)
		}
	}
	names := make([]string, 0, len(searched))
	for name := range searched {
		names = append(names, name)
	}
	slices.Sort(names)
	t.Logf("searched %d outputs and %d files for the keys, none found: %s", len(outputs), len(names), strings.Join(names, ", "))
}
