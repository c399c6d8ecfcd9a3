package spreadsheet

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/i18n"
)

// tempFilePrefix starts the names of the temporary files of a large
// shared string table.
const tempFilePrefix = "aello-import-strings-"

// sharedStringsInFiles makes every shared string table that the test
// reads go to temporary files in a new directory, with a block cache of
// blocks blocks of blockSize bytes, and returns the directory. With unlink
// false the files keep their names until the table is closed, so that the
// test can see them.
func sharedStringsInFiles(t *testing.T, blockSize int64, blocks int, unlink bool) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"TMPDIR", "TMP", "TEMP"} {
		t.Setenv(name, dir)
	}
	if got := os.TempDir(); got != dir {
		t.Fatalf("os.TempDir() = %q after setting TMPDIR, want %q", got, dir)
	}

	limit, size, count, early := sharedStringsMemoryLimit, sharedStringsBlockSize, sharedStringsCacheBlocks, unlinkTempFiles
	t.Cleanup(func() {
		sharedStringsMemoryLimit, sharedStringsBlockSize, sharedStringsCacheBlocks, unlinkTempFiles = limit, size, count, early
	})
	sharedStringsMemoryLimit, sharedStringsBlockSize, sharedStringsCacheBlocks, unlinkTempFiles = 0, blockSize, blocks, unlink
	return dir
}

// tempFilesIn returns the names of the shared string temporary files in
// dir.
func tempFilesIn(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, entry := range entries {
		if strings.HasPrefix(entry.Name(), tempFilePrefix) {
			names = append(names, entry.Name())
		}
	}
	return names
}

// openTempFiles returns how many file descriptors of the process refer to
// a shared string temporary file in dir, removed or not. ok is false where
// /proc/self/fd does not exist.
func openTempFiles(t *testing.T, dir string) (count int, ok bool) {
	t.Helper()
	if runtime.GOOS != "linux" {
		return 0, false
	}
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return 0, false
	}
	for _, entry := range entries {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", entry.Name()))
		if err == nil && strings.HasPrefix(target, filepath.Join(dir, tempFilePrefix)) {
			count++
		}
	}
	return count, true
}

// checkNoTempFiles fails when a shared string temporary file is left in
// dir or still open.
func checkNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	if names := tempFilesIn(t, dir); len(names) > 0 {
		t.Errorf("temporary files left in %s: %q, want none", dir, names)
	}
	if count, ok := openTempFiles(t, dir); ok && count > 0 {
		t.Errorf("%d temporary files still open, want none", count)
	}
}

// TestXLSXTestsWithSharedStringsInFiles runs the tests of workbooks with
// a shared string table again with the table in temporary files. They run
// with the table in memory as top-level tests.
func TestXLSXTestsWithSharedStringsInFiles(t *testing.T) {
	tests := []struct {
		name string
		test func(*testing.T)
	}{
		{"TitleRowAboveHeader", TestXLSXTitleRowAboveHeader},
		{"ExplicitHeaderRow", TestXLSXExplicitHeaderRow},
		{"SheetChoice", TestXLSXSheetChoice},
		{"MissingSheetListsSheets", TestXLSXMissingSheetListsSheets},
		{"MissingSheetMessageInFrench", TestXLSXMissingSheetMessageInFrench},
		{"SheetsListsVisibilityAndRows", TestXLSXSheetsListsVisibilityAndRows},
		{"ShortRowsAndBlankRow", TestXLSXShortRowsAndBlankRow},
		{"NumbersAsShownOrExact", TestXLSXNumbersAsShownOrExact},
		{"DateSerialsAsISO", TestXLSXDateSerialsAsISO},
		{"OpenDispatchesOnContent", TestXLSXOpenDispatchesOnContent},
		{"SharedAndInlineStringsAgree", TestXLSXSharedAndInlineStringsAgree},
		{"NumberFormatsInWorkbook", TestXLSXNumberFormatsInWorkbook},
		{"BuiltinFormatsInWorkbook", TestXLSXBuiltinFormatsInWorkbook},
		{"Date1904Epoch", TestXLSXDate1904Epoch},
		{"MergedRanges", TestXLSXMergedRanges},
		{"MergedHeaderCellKeptOnce", TestXLSXMergedHeaderCellKeptOnce},
		{"FormulasFromExcelize", TestXLSXFormulasFromExcelize},
		{"FormulaValuesAndErrors", TestXLSXFormulaValuesAndErrors},
		{"StrayFormattedCellFarBelow", TestXLSXStrayFormattedCellFarBelow},
		{"TrailingEmptyRowsIgnored", TestXLSXTrailingEmptyRowsIgnored},
		{"TenThousandRows", TestXLSXTenThousandRows},
		{"HiddenSheetsSkippedByDefault", TestXLSXHiddenSheetsSkippedByDefault},
		{"HeaderTrimmedAndTrailingColumnsDropped", TestXLSXHeaderTrimmedAndTrailingColumnsDropped},
		{"ValuesBeyondHeaderWarn", TestXLSXValuesBeyondHeaderWarn},
		{"HeaderDetection", TestXLSXHeaderDetection},
		{"HandWrittenPackages", TestXLSXHandWrittenPackages},
		{"HostileFilesFailClearly", TestXLSXHostileFilesFailClearly},
		{"BadSharedStringIndex", TestXLSXBadSharedStringIndex},
		{"SheetsOnHostileFile", TestXLSXSheetsOnHostileFile},
	}

	caches := []struct {
		name      string
		blockSize int64
		blocks    int
	}{
		{"default cache", sharedStringsBlockSize, sharedStringsCacheBlocks},
		// Blocks of 5 bytes make most entries span blocks, and 2 blocks
		// make nearly every read a miss.
		{"tiny cache", 5, 2},
	}
	for _, cache := range caches {
		t.Run(cache.name, func(t *testing.T) {
			dir := sharedStringsInFiles(t, cache.blockSize, cache.blocks, false)
			for _, tt := range tests {
				t.Run(tt.name, tt.test)
			}
			checkNoTempFiles(t, dir)
		})
	}
}

// sharedStringsXML returns a shared string table part with one plain <t>
// entry per text.
func sharedStringsXML(texts []string) string {
	escape := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	fmt.Fprintf(&b, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(texts), len(texts))
	for _, text := range texts {
		b.WriteString(`<si><t xml:space="preserve">`)
		b.WriteString(escape.Replace(text))
		b.WriteString(`</t></si>`)
	}
	b.WriteString(`</sst>`)
	return b.String()
}

// randomEntries returns count texts of random lengths up to maxLength,
// with empty texts, multi-byte characters and characters that XML
// escapes.
func randomEntries(rng *rand.Rand, count, maxLength int) []string {
	alphabet := []rune("abcdefghijklmnopqrstuvwxyz0123456789 éàç€&<>.@-\n")
	texts := make([]string, count)
	for i := range texts {
		if rng.IntN(10) == 0 {
			continue
		}
		runes := make([]rune, rng.IntN(maxLength+1))
		for j := range runes {
			runes[j] = alphabet[rng.IntN(len(alphabet))]
		}
		texts[i] = string(runes)
	}
	return texts
}

// readSharedStringsText parses part with the current storage settings.
func readSharedStringsText(t testing.TB, part string) *sharedStrings {
	t.Helper()
	table, err := readSharedStrings(strings.NewReader(part), uint64(len(part)))
	if err != nil {
		t.Fatalf("readSharedStrings: %v", err)
	}
	return table
}

// mustGet returns entry i of table and fails the test when it is missing.
func mustGet(t testing.TB, table *sharedStrings, i int) string {
	t.Helper()
	text, ok, err := table.get(i)
	if err != nil || !ok {
		t.Fatalf("get(%d) = %q, %v, %v; want the entry", i, text, ok, err)
	}
	return text
}

func TestSharedStringsFileMatchesMemory(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 1))
	fixed := []string{"", "", "Garage du Nord", strings.Repeat("long entry ", 30000), "", "café ☕ 🚗"}
	small := append(randomEntries(rng, 2000, 40), fixed...)
	// More than the 4 MiB of the default cache: 100,000 entries of up to
	// 100 characters, about 5 MB.
	large := append(randomEntries(rng, 100000, 100), fixed...)

	tests := []struct {
		name      string
		texts     []string
		blockSize int64
		blocks    int
	}{
		{"one-byte blocks", small[:300], 1, 1},
		{"blocks shorter than entries", small, 7, 3},
		{"blocks longer than entries", small, 256, 4},
		{"default cache smaller than table", large, sharedStringsBlockSize, sharedStringsCacheBlocks},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			part := sharedStringsXML(tt.texts)
			reference := readSharedStringsText(t, part)
			if reference.file != nil {
				t.Fatalf("reference table of %d bytes is in a file, want it in memory", len(part))
			}

			sharedStringsInFiles(t, tt.blockSize, tt.blocks, true)
			table := readSharedStringsText(t, part)
			defer table.close()
			if table.file == nil {
				t.Fatal("table is in memory, want it in a file")
			}
			if table.file.count != len(tt.texts) {
				t.Fatalf("file table has %d entries, want %d", table.file.count, len(tt.texts))
			}
			if cacheSize := tt.blockSize * int64(tt.blocks); table.file.dataSize <= cacheSize {
				t.Fatalf("table of %d bytes fits in the cache of %d bytes, want it larger", table.file.dataSize, cacheSize)
			}

			inOrder := make([]string, len(tt.texts))
			for i := range tt.texts {
				inOrder[i] = mustGet(t, table, i)
				if want := mustGet(t, reference, i); inOrder[i] != want {
					t.Fatalf("in order, get(%d) = %q, want %q", i, inOrder[i], want)
				}
			}
			for _, i := range rng.Perm(len(tt.texts)) {
				if got, want := mustGet(t, table, i), mustGet(t, reference, i); got != want {
					t.Fatalf("in random order, get(%d) = %q, want %q", i, got, want)
				}
			}
			// The strings returned first must not have changed since.
			for i, got := range inOrder {
				if got != tt.texts[i] {
					t.Fatalf("entry %d read in order is now %q, want %q", i, got, tt.texts[i])
				}
			}

			for _, i := range []int{-1, len(tt.texts), len(tt.texts) + 1000} {
				if text, ok, err := table.get(i); ok || err != nil {
					t.Errorf("get(%d) = %q, %v, %v; want not found and no error", i, text, ok, err)
				}
			}
		})
	}
}

func TestSharedStringsFileRichTextAndEscapes(t *testing.T) {
	part := `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<si><t>a_x000D_b_x005F_x0041_</t></si>` +
		`<si><r><t xml:space="preserve">Garage </t></r><r><rPr><b/></rPr><t>du Nord</t></r><rPh sb="0" eb="1"><t>ガレージ</t></rPh></si>` +
		`<si><t/></si>` +
		`<si><t>_xD83D__xDE97_</t></si>` +
		`</sst>`
	want := []string{"a\rb_x0041_", "Garage du Nord", "", "🚗"}

	sharedStringsInFiles(t, 3, 2, true)
	table := readSharedStringsText(t, part)
	defer table.close()
	if table.file == nil {
		t.Fatal("table is in memory, want it in a file")
	}
	for i, text := range want {
		if got := mustGet(t, table, i); got != text {
			t.Errorf("get(%d) = %q, want %q", i, got, text)
		}
	}
}

func TestSharedStringsStorageChoice(t *testing.T) {
	texts := []string{"Prénom", "Nom", "", "Garage du Nord", "jeanne@example.com", "Luxembourg"}
	part := sharedStringsXML(texts)

	tests := []struct {
		name         string
		limit        int64
		declaredSize uint64
		wantFile     bool
	}{
		{"small part in memory", 1 << 20, uint64(len(part)), false},
		{"declared size over the limit", 40, uint64(len(part)), true},
		// A ZIP header can declare less than the part holds: the entries
		// pass the limit while parsing and move to a file.
		{"entries over the limit", 40, 10, true},
		{"limit zero", 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sharedStringsInFiles(t, 4, 2, true)
			sharedStringsMemoryLimit = tt.limit

			table, err := readSharedStrings(strings.NewReader(part), tt.declaredSize)
			if err != nil {
				t.Fatalf("readSharedStrings: %v", err)
			}
			defer table.close()
			if got := table.file != nil; got != tt.wantFile {
				t.Errorf("table in a file = %v, want %v", got, tt.wantFile)
			}
			for i, text := range texts {
				if got := mustGet(t, table, i); got != text {
					t.Errorf("get(%d) = %q, want %q", i, got, text)
				}
			}
		})
	}
}

// sharedStringsWorkbook writes a workbook whose cells all refer to a
// shared string table: a header "Prénom", "Email" and rows data rows.
func sharedStringsWorkbook(t *testing.T, rows int) (path string, want []xlsxWantRow) {
	t.Helper()
	texts := []string{"Prénom", "Email"}
	var sheet strings.Builder
	sheet.WriteString(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`)
	for i := range rows {
		number := i + 2
		name, email := fmt.Sprintf("Jeanne numéro %d", i), fmt.Sprintf("jeanne.%d@example.com", i)
		fmt.Fprintf(&sheet, `<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c></row>`,
			number, number, len(texts), number, len(texts)+1)
		texts = append(texts, name, email)
		want = append(want, xlsxWantRow{number, []string{name, email}})
	}
	path = xlsxWritePackage(t, map[string]string{
		"xl/sharedStrings.xml":     sharedStringsXML(texts),
		"xl/worksheets/sheet1.xml": xlsxSheet(sheet.String()),
	})
	return path, want
}

func TestSharedStringsTempFilesRemovedOnClose(t *testing.T) {
	for _, unlink := range []bool{true, false} {
		t.Run(fmt.Sprintf("unlink %v", unlink), func(t *testing.T) {
			dir := sharedStringsInFiles(t, 16, 2, unlink)
			path, want := sharedStringsWorkbook(t, 50)

			table, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			wantNames := 2
			if unlink {
				wantNames = 0
			}
			if names := tempFilesIn(t, dir); len(names) != wantNames {
				t.Errorf("while open, temporary files %q, want %d", names, wantNames)
			}
			if count, ok := openTempFiles(t, dir); ok && count != 2 {
				t.Errorf("while open, %d temporary files open, want 2", count)
			}

			var rows []Row
			for {
				row, err := table.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("Next: %v", err)
				}
				rows = append(rows, row)
			}
			xlsxCheckRows(t, table.Header(), rows, want)

			if err := table.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
			checkNoTempFiles(t, dir)
		})
	}
}

func TestSharedStringsTempFilesRemovedBySheets(t *testing.T) {
	dir := sharedStringsInFiles(t, 16, 2, false)
	path, want := sharedStringsWorkbook(t, 20)

	infos, err := Sheets(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 1 || infos[0].Rows != len(want) {
		t.Errorf("Sheets = %+v, want one sheet with %d rows", infos, len(want))
	}
	checkNoTempFiles(t, dir)
}

func TestSharedStringsTempFilesRemovedOnFailedOpen(t *testing.T) {
	entries := strings.Repeat(`<si><t>Jeanne</t></si>`, 100)
	tests := []struct {
		name     string
		parts    map[string]string
		wantCode string
	}{
		{
			name: "entry over 1 MiB after others",
			parts: map[string]string{
				"xl/sharedStrings.xml":     `<sst>` + entries + `<si><t>` + strings.Repeat("x", maxCellSize+1) + `</t></si></sst>`,
				"xl/worksheets/sheet1.xml": xlsxSheet(xlsxHeaderRow),
			},
			wantCode: "xlsx_invalid_part",
		},
		{
			name: "damaged XML after entries",
			parts: map[string]string{
				"xl/sharedStrings.xml":     `<sst>` + entries + `<si><t>Jeanne</t></si><!DOCTYPE x>`,
				"xl/worksheets/sheet1.xml": xlsxSheet(xlsxHeaderRow),
			},
			wantCode: "xlsx_invalid_part",
		},
		{
			name: "sheet without values after the table",
			parts: map[string]string{
				"xl/sharedStrings.xml":     `<sst>` + entries + `</sst>`,
				"xl/worksheets/sheet1.xml": xlsxSheet(""),
			},
			wantCode: "header_not_found",
		},
		{
			name: "damaged sheet after the table",
			parts: map[string]string{
				"xl/sharedStrings.xml":     `<sst>` + entries + `</sst>`,
				"xl/worksheets/sheet1.xml": xlsxSheet(`<row r="0"><c r="A1" t="s"><v>0</v></c></row>`),
			},
			wantCode: "row_number_invalid",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := sharedStringsInFiles(t, 16, 2, false)
			path := xlsxWritePackage(t, tt.parts)
			if err := xlsxOpenError(t, path, Options{}); err.Code != tt.wantCode {
				t.Errorf("Open error code %q (%v), want %q", err.Code, err, tt.wantCode)
			}
			checkNoTempFiles(t, dir)
		})
	}
}

func TestSharedStringsTempDirMissing(t *testing.T) {
	dir := sharedStringsInFiles(t, 16, 2, true)
	path, _ := sharedStringsWorkbook(t, 3)
	missing := filepath.Join(dir, "missing")
	for _, name := range []string{"TMPDIR", "TMP", "TEMP"} {
		t.Setenv(name, missing)
	}

	err := xlsxOpenError(t, path, Options{})
	if err.Code != "temp_file_failed" {
		t.Errorf("Open error code %q (%v), want temp_file_failed", err.Code, err)
	}
	if !strings.Contains(err.Error(), missing) {
		t.Errorf("Open error %q does not name the folder %s", err.Error(), missing)
	}
	if french := err.Render(i18n.French); french == err.Error() {
		t.Errorf("French rendering is the English message %q", french)
	}
}

func TestSharedStringsFileReadErrors(t *testing.T) {
	texts := []string{"Prénom", "Email", "Jeanne", "jeanne@example.com", "Paul", "paul@example.com"}
	part := sharedStringsXML(texts)

	tests := []struct {
		name   string
		damage func(t *testing.T, file *sharedStringsFile)
		want   error
	}{
		{
			name: "data file truncated",
			damage: func(t *testing.T, file *sharedStringsFile) {
				if err := file.data.Truncate(3); err != nil {
					t.Fatal(err)
				}
			},
			want: io.ErrUnexpectedEOF,
		},
		{
			name: "index offset past the data",
			damage: func(t *testing.T, file *sharedStringsFile) {
				if _, err := file.index.WriteAt([]byte{0xff, 0xff, 0xff, 0x7f}, indexEntrySize*int64(len(texts)-1)); err != nil {
					t.Fatal(err)
				}
			},
			want: errTempFileOffset,
		},
		{
			name: "index file truncated",
			damage: func(t *testing.T, file *sharedStringsFile) {
				if err := file.index.Truncate(0); err != nil {
					t.Fatal(err)
				}
			},
			want: io.ErrUnexpectedEOF,
		},
		{
			name: "table closed",
			damage: func(t *testing.T, file *sharedStringsFile) {
				if err := file.close(); err != nil {
					t.Fatal(err)
				}
			},
			want: os.ErrClosed,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// One block of 4 bytes: no read after the damage is served
			// from the cache.
			sharedStringsInFiles(t, 4, 1, true)
			table := readSharedStringsText(t, part)
			table.path = "input.xlsx"
			defer table.close()
			tt.damage(t, table.file)

			text, ok, err := table.get(len(texts) - 1)
			if !errors.Is(err, tt.want) {
				t.Fatalf("get after damage = %q, %v, %v; want an error matching %v", text, ok, err, tt.want)
			}
			var xerr *XLSXError
			if !errors.As(err, &xerr) || xerr.Code != "temp_file_failed" {
				t.Errorf("get error %v (%T), want a temp_file_failed *XLSXError", err, err)
			}
			if ok || text != "" {
				t.Errorf("get after damage = %q, %v; want no entry", text, ok)
			}
		})
	}
}

func TestXLSXSharedStringsTempFileDamagedWhileReading(t *testing.T) {
	sharedStringsInFiles(t, 16, 1, true)
	path, _ := sharedStringsWorkbook(t, 10)
	table, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer table.Close()

	file := table.(*xlsxTable).pkg.strings.file
	if file == nil {
		t.Fatal("table is in memory, want it in a file")
	}
	if err := file.data.Truncate(0); err != nil {
		t.Fatal(err)
	}

	_, err = table.Next()
	var xerr *XLSXError
	if !errors.As(err, &xerr) {
		t.Fatalf("Next after the temporary file was truncated = %v, want an *XLSXError", err)
	}
	if xerr.Code != "temp_file_failed" {
		t.Errorf("Code = %q, want temp_file_failed", xerr.Code)
	}
	if xerr.Sheet != "Feuil1" {
		t.Errorf("Sheet = %q, want Feuil1", xerr.Sheet)
	}
	if !i18n.HasFrench(xerr.Message.Key) {
		t.Errorf("message %q has no French translation", xerr.Message.Key)
	}
	if _, again := table.Next(); again != err {
		t.Errorf("Next again = %v, want the same error %v", again, err)
	}
}

// BenchmarkSharedStringsGet reads a table of 600,000 entries as the rows
// of an Excel export do. Each row reads 5 entries of its own, in order, and
// 2 of a set of 50 values that repeat across rows at the start of the
// table. It reports the time of one get.
func BenchmarkSharedStringsGet(b *testing.B) {
	const rowEntries, hotEntries = 5, 50
	rng := rand.New(rand.NewPCG(2026, 2))
	texts := randomEntries(rng, 600000, 40)
	part := sharedStringsXML(texts)
	rows := (len(texts) - hotEntries) / rowEntries

	for _, storage := range []string{"memory", "file"} {
		b.Run(storage, func(b *testing.B) {
			limit := sharedStringsMemoryLimit
			b.Cleanup(func() { sharedStringsMemoryLimit = limit })
			sharedStringsMemoryLimit = 1 << 30
			if storage == "file" {
				sharedStringsMemoryLimit = 0
			}
			table := readSharedStringsText(b, part)
			defer table.close()
			if got := table.file != nil; got != (storage == "file") {
				b.Fatalf("table in a file = %v, want %v", got, storage == "file")
			}

			b.ReportAllocs()
			row := 0
			for b.Loop() {
				first := hotEntries + row*rowEntries
				for _, i := range [...]int{row % hotEntries, first, first + 1, (row * 7) % hotEntries, first + 2, first + 3, first + 4} {
					if _, ok, err := table.get(i); !ok || err != nil {
						b.Fatalf("get(%d) = %v, %v; want the entry", i, ok, err)
					}
				}
				row = (row + 1) % rows
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*(rowEntries+2)), "ns/get")
		})
	}
}
