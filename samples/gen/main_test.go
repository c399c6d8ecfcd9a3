package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding/charmap"

	"github.com/aello-copilot/aello-import/i18n"
)

// bundledDir is the directory of the files that go generate rebuilds.
const bundledDir = ".."

// generate runs the generator with args and -o set to a new file in a
// temporary directory, and returns that file's path.
func generate(t *testing.T, name string, args ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	var stdout, stderr bytes.Buffer
	if code := run(append(args, "-o", path), &stdout, &stderr); code != exitOK {
		t.Fatalf("run(%q) = %d, want %d; stderr: %s", args, code, exitOK, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("run(%q) wrote to stderr: %s", args, stderr.String())
	}
	return path
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// readCSV decodes a generated CSV from Windows-1252 and parses it with ";"
// as the delimiter. Every record must have one field per column.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	decoded, err := charmap.Windows1252.NewDecoder().Bytes(readFile(t, path))
	if err != nil {
		t.Fatalf("decoding %s from Windows-1252: %v", path, err)
	}
	reader := csv.NewReader(bytes.NewReader(decoded))
	reader.Comma = ';'
	reader.FieldsPerRecord = columnCount
	records, err := reader.ReadAll()
	if err != nil {
		t.Fatalf("parsing %s: %v", path, err)
	}
	return records
}

// xlsxCell is what a reader can see of one workbook cell.
type xlsxCell struct {
	raw       string
	formatted string
	cellType  excelize.CellType
	numFmt    int
	customFmt string
}

// readXLSX returns every cell of the Leads sheet, row by row, padded to
// one cell per column.
func readXLSX(t *testing.T, path string) [][]xlsxCell {
	t.Helper()
	book, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()

	if got, want := book.GetSheetList(), []string{sheetName}; !slicesEqual(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	raw, err := book.GetRows(sheetName, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	formatted, err := book.GetRows(sheetName)
	if err != nil {
		t.Fatal(err)
	}

	rows := make([][]xlsxCell, len(raw))
	for i := range raw {
		rows[i] = make([]xlsxCell, columnCount)
		for col := range columnCount {
			ref, _ := excelize.CoordinatesToCellName(col+1, i+1)
			cell := &rows[i][col]
			if col < len(raw[i]) {
				cell.raw = raw[i][col]
			}
			if col < len(formatted[i]) {
				cell.formatted = formatted[i][col]
			}
			if cell.cellType, err = book.GetCellType(sheetName, ref); err != nil {
				t.Fatal(err)
			}
			// A number cell has no type attribute, which excelize returns
			// as CellTypeUnset.
			if cell.cellType == excelize.CellTypeUnset && cell.raw != "" {
				cell.cellType = excelize.CellTypeNumber
			}
			styleID, err := book.GetCellStyle(sheetName, ref)
			if err != nil {
				t.Fatal(err)
			}
			style, err := book.GetStyle(styleID)
			if err != nil {
				t.Fatal(err)
			}
			cell.numFmt = style.NumFmt
			if style.CustomNumFmt != nil {
				cell.customFmt = *style.CustomNumFmt
			}
		}
	}
	return rows
}

func slicesEqual(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00") && len(a) == len(b)
}

func TestGenerateRowCount(t *testing.T) {
	for _, rows := range []int{0, 1, 37, 240, 361} {
		for _, format := range []string{"csv", "xlsx"} {
			t.Run(fmt.Sprintf("%s %d rows", format, rows), func(t *testing.T) {
				path := generate(t, "leads."+format, "-format", format, "-rows", strconv.Itoa(rows))

				var got int
				var first []string
				if format == "csv" {
					records := readCSV(t, path)
					got, first = len(records), records[0]
				} else {
					cells := readXLSX(t, path)
					got = len(cells)
					for _, cell := range cells[0] {
						first = append(first, cell.raw)
					}
				}
				if got != rows+1 {
					t.Errorf("records = %d, want %d (header and %d data rows)", got, rows+1, rows)
				}
				if !slicesEqual(first, header) {
					t.Errorf("header = %q, want %q", first, header)
				}
			})
		}
	}
}

func TestGenerateDeterministic(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"csv defaults", []string{"-format", "csv"}},
		{"xlsx defaults", []string{"-format", "xlsx"}},
		{"csv valid only", []string{"-format", "csv", "-broken=false", "-rows", "500", "-seed", "7"}},
		{"xlsx valid only", []string{"-format", "xlsx", "-broken=false", "-rows", "500", "-seed", "7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := readFile(t, generate(t, "first", tt.args...))
			second := readFile(t, generate(t, "second", tt.args...))
			if !bytes.Equal(first, second) {
				t.Errorf("two runs with %q differ: %d and %d bytes", tt.args, len(first), len(second))
			}

			other := readFile(t, generate(t, "other", append(tt.args, "-seed", "99")...))
			if bytes.Equal(first, other) {
				t.Errorf("-seed 99 gives the same bytes as %q", tt.args)
			}
		})
	}
}

func TestCSVIsExcelSemicolonWindows1252(t *testing.T) {
	path := generate(t, "leads.csv", "-format", "csv")
	data := readFile(t, path)

	t.Run("no BOM", func(t *testing.T) {
		if !bytes.HasPrefix(data, []byte("ID;")) {
			t.Errorf("file starts with % x, want the header ID;", data[:min(len(data), 4)])
		}
	})

	t.Run("Windows-1252", func(t *testing.T) {
		if utf8.Valid(data) {
			t.Error("file is valid UTF-8, want Windows-1252 bytes for the accented letters")
		}
		// These five bytes have no character in Windows-1252.
		for _, b := range []byte{0x81, 0x8d, 0x8f, 0x90, 0x9d} {
			if i := bytes.IndexByte(data, b); i >= 0 {
				t.Errorf("byte %#x at offset %d is undefined in Windows-1252", b, i)
			}
		}
		decoded, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
		encoded, err := charmap.Windows1252.NewEncoder().Bytes(decoded)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(encoded, data) {
			t.Error("decoding and encoding again as Windows-1252 changes the file")
		}
		for _, want := range []string{"Prénom;Nom;E-mail;Téléphone;Société;Réf. véhicule", "Cœur d’Alsace", "€", "Škoda"} {
			if !strings.Contains(string(decoded), want) {
				t.Errorf("decoded file does not contain %q", want)
			}
		}
	})

	t.Run("CRLF records, LF inside cells", func(t *testing.T) {
		quoted, lineBreaksInCells := false, 0
		for i, b := range data {
			switch {
			case b == '"':
				quoted = !quoted
			case b == '\r' && (quoted || i+1 == len(data) || data[i+1] != '\n'):
				t.Fatalf("CR at offset %d is not the start of a record's CRLF", i)
			case b == '\n' && quoted:
				lineBreaksInCells++
			case b == '\n' && data[i-1] != '\r':
				t.Fatalf("LF at offset %d ends a record without CR", i)
			}
		}
		if !bytes.HasSuffix(data, []byte("\r\n")) {
			t.Error("last record does not end with CRLF")
		}
		if lineBreaksInCells == 0 {
			t.Error("no cell contains a line break, want some comments on two lines")
		}
	})

	t.Run("quotes only where needed", func(t *testing.T) {
		decoded, _ := charmap.Windows1252.NewDecoder().Bytes(data)
		quotedFields := regexp.MustCompile(`(?:^|;|\n)"((?:[^"]|"")*)"`).FindAllStringSubmatch(string(decoded), -1)
		if len(quotedFields) == 0 {
			t.Fatal("no quoted field, want some for ; \" and line breaks")
		}
		for _, match := range quotedFields {
			if !strings.ContainsAny(match[1], ";\"\n") {
				t.Errorf("field %q is quoted but needs no quotes", match[1])
			}
		}
		records := readCSV(t, path)
		if got := len(records); got != defaultRows+1 {
			t.Errorf("records = %d, want %d", got, defaultRows+1)
		}
	})
}

func TestPhonesValidOnRowsNotBroken(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		broken bool
		seed   uint64
	}{
		{"bundled", nil, true, defaultSeed},
		{"valid only", []string{"-broken=false", "-rows", "2000", "-seed", "11"}, false, 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			records := readCSV(t, generate(t, "leads.csv", append(tt.args, "-format", "csv")...))
			layout := newLayout(tt.seed, tt.broken)

			phones := 0
			for index, record := range records[1:] {
				phone := record[colPhone]
				if layout.kindAt(index) == kindPhoneScientific {
					if phone != scientificPhone {
						t.Errorf("row %d: phone = %q, want %q", index+2, phone, scientificPhone)
					}
					continue
				}
				if phone == "" {
					continue
				}
				phones++
				number, err := phonenumbers.Parse(phone, defaultRegion)
				if err != nil {
					t.Errorf("row %d: phone %q: %v", index+2, phone, err)
					continue
				}
				national := strconv.FormatUint(number.GetNationalNumber(), 10)
				if number.GetCountryCode() == 33 && strings.HasPrefix(national, "63998") {
					t.Errorf("row %d: phone %q is in the French fiction block 06 39 98", index+2, phone)
				}
				if !phonenumbers.IsValidNumber(number) {
					t.Errorf("row %d: phone %q is not a valid number with default region %s", index+2, phone, defaultRegion)
				}
			}
			if phones < len(records)/2 {
				t.Errorf("%d phones in %d rows, want most rows with a phone", phones, len(records)-1)
			}
		})
	}
}

func TestScientificPhoneIsNotAValidNumber(t *testing.T) {
	number, err := phonenumbers.Parse(scientificPhone, defaultRegion)
	if err == nil && phonenumbers.IsValidNumber(number) {
		t.Errorf("phonenumbers accepts %q as a valid number, want it rejected", scientificPhone)
	}
}

// TestSpecialRowsInCSV checks in the written file that every row matches
// the description of its kind, and counts the kinds.
func TestSpecialRowsInCSV(t *testing.T) {
	records := readCSV(t, generate(t, "leads.csv", "-format", "csv"))[1:]
	layout := newLayout(defaultSeed, true)

	var counts [kindCount]int
	broken := 0
	for index, record := range records {
		k := layout.kindAt(index)
		counts[k]++
		if kinds[k].outcome == outcomeInvalid || k == kindDuplicateLead {
			broken++
		}
		if msg := checkKind(k, record, records[:index]); msg != "" {
			t.Errorf("row %d (%s): %s; record %q", index+2, kinds[k].description, msg, record)
		}
	}

	for k := kindClean + 1; k < kindCount; k++ {
		if counts[k] < 2 {
			t.Errorf("%s: %d rows, want at least 2", kinds[k].description, counts[k])
		}
	}
	if share := float64(broken) / float64(len(records)); share < 0.08 || share > 0.10 {
		t.Errorf("broken rows = %d of %d (%.1f%%), want 8 to 10%%", broken, len(records), 100*share)
	}
	if share := float64(counts[kindCancelled]) / float64(len(records)); share < 0.025 || share > 0.035 {
		t.Errorf("cancelled rows = %d of %d (%.1f%%), want about 3%%", counts[kindCancelled], len(records), 100*share)
	}
}

// checkKind returns what is wrong with record for kind k, or "". earlier are
// the records above it.
func checkKind(k kind, record []string, earlier [][]string) string {
	email, phone, price := record[colEmail], record[colPhone], record[colPrice]
	cancelled := record[colStatus] == cancelledStatus

	if cancelled != (k == kindCancelled) {
		return fmt.Sprintf("Statut = %q", record[colStatus])
	}
	if strings.HasPrefix(price, "-") != (k == kindNegativePrice) {
		return fmt.Sprintf("price = %q", price)
	}

	switch k {
	case kindClean, kindCancelled:
		if record[colFirstName] == "" || (email == "" && phone == "") {
			return "first name, or both email and phone, missing"
		}
		if strings.Count(email, "@") > 1 || strings.HasPrefix(email, "mailto:") {
			return "email is not a single plain address"
		}
	case kindNoFirstName:
		if record[colFirstName] != "" {
			return "first name set"
		}
	case kindEmailTwoAt:
		if !strings.Contains(email, "@@") || phone != "" {
			return "email without @@, or a phone set"
		}
	case kindEmailNoDot:
		_, domain, _ := strings.Cut(email, "@")
		if domain == "" || strings.Contains(domain, ".") || phone != "" {
			return "email domain with a dot, or a phone set"
		}
	case kindEmailTwoAddresses:
		if strings.Count(email, "@") != 2 || !strings.ContainsAny(email, ";,") || phone != "" {
			return "email is not two addresses, or a phone set"
		}
	case kindPhoneScientific:
		if phone != scientificPhone || email != "" {
			return "phone not in scientific notation, or an email set"
		}
	case kindProductNoReference:
		if record[colReference] != "" || record[colTitle] == "" || price == "" {
			return "reference set, or title or price missing"
		}
	case kindNegativePrice:
		if record[colReference] == "" {
			return "reference missing"
		}
	case kindLinkNoScheme:
		link := record[colLink]
		if link == "" || strings.Contains(link, "://") || !strings.Contains(link, record[colReference]) {
			return "link has a scheme or is not the vehicle's"
		}
	case kindNoContact:
		if email != "" || phone != "" {
			return "email or phone set"
		}
	case kindDuplicateID:
		if !hasEarlier(earlier, func(other []string) bool { return other[colID] == record[colID] }) {
			return "no earlier row with this ID"
		}
	case kindDuplicateLead:
		same := func(other []string) bool {
			return other[colID] != record[colID] && other[colEmail] == email && other[colPhone] == phone &&
				other[colReference] == record[colReference] && record[colReference] != ""
		}
		if !hasEarlier(earlier, same) {
			return "no earlier row with the same contact and vehicle"
		}
	case kindMailtoPrefix:
		if !strings.HasPrefix(email, "mailto:") || strings.Count(email, "@") != 1 {
			return "email without the mailto: prefix"
		}
	case kindPhoneLostPlus:
		if !regexp.MustCompile(`^352621\d{6}$`).MatchString(phone) {
			return fmt.Sprintf("phone %q is not 352621xxxxxx", phone)
		}
	}
	if k != kindDuplicateID && hasEarlier(earlier, func(other []string) bool { return other[colID] == record[colID] }) {
		return "ID used by an earlier row"
	}
	return ""
}

func hasEarlier(earlier [][]string, match func([]string) bool) bool {
	for _, other := range earlier {
		if match(other) {
			return true
		}
	}
	return false
}

func TestValidOnlyHasNoSpecialRows(t *testing.T) {
	records := readCSV(t, generate(t, "leads.csv", "-format", "csv", "-broken=false", "-rows", "1000"))[1:]
	for index, record := range records {
		if msg := checkKind(kindClean, record, records[:index]); msg != "" {
			t.Errorf("row %d: %s; record %q", index+2, msg, record)
		}
	}
}

func TestValuesUseExampleDomains(t *testing.T) {
	records := readCSV(t, generate(t, "leads.csv", "-format", "csv", "-rows", "600"))[1:]
	domain := regexp.MustCompile(`@+([^@;, ]*)`)
	for index, record := range records {
		for _, match := range domain.FindAllStringSubmatch(record[colEmail], -1) {
			switch match[1] {
			case "example.lu", "example.com", "example.fr", "example.be", "example.de",
				"examplelu", "examplecom", "examplefr", "examplebe", "examplede":
			default:
				t.Errorf("row %d: email %q uses domain %q", index+2, record[colEmail], match[1])
			}
		}
		if link := record[colLink]; link != "" && !strings.Contains(link, "example-dealer.lu/vehicules/"+record[colReference]) {
			t.Errorf("row %d: link %q", index+2, link)
		}
		if image := record[colImage]; image != "" && image != "https://img.example-dealer.lu/"+record[colReference]+".jpg" {
			t.Errorf("row %d: photo %q", index+2, image)
		}
	}
}

// TestXLSXMatchesCSV checks that both formats carry the same rows, and the
// cell types of the workbook.
func TestXLSXMatchesCSV(t *testing.T) {
	args := []string{"-rows", "300", "-seed", "5"}
	records := readCSV(t, generate(t, "leads.csv", append(args, "-format", "csv")...))
	cells := readXLSX(t, generate(t, "leads.xlsx", append(args, "-format", "xlsx")...))
	if len(cells) != len(records) {
		t.Fatalf("workbook rows = %d, CSV records = %d", len(cells), len(records))
	}

	numberPrices, textPrices := 0, 0
	for i := 1; i < len(records); i++ {
		for col := range columnCount {
			want, cell := records[i][col], cells[i][col]
			if col == colPrice && cell.cellType == excelize.CellTypeNumber {
				numberPrices++
				if got := csvPriceValue(want); got != cell.raw {
					t.Errorf("row %d: price number %s, CSV text %q reads as %s", i+1, cell.raw, want, got)
				}
				continue
			}
			if col == colPrice && cell.raw != "" {
				textPrices++
			}
			if cell.raw != want {
				t.Errorf("row %d column %s: workbook %q, CSV %q", i+1, header[col], cell.raw, want)
			}
			textColumn := col == colPhone || col == colID || col == colReference
			if textColumn && want != "" && (cell.cellType != excelize.CellTypeInlineString || cell.numFmt != 49) {
				t.Errorf("row %d column %s: cell type %d with number format %d, want a text cell with format 49 (@)",
					i+1, header[col], cell.cellType, cell.numFmt)
			}
		}
	}
	if numberPrices == 0 || textPrices == 0 {
		t.Errorf("prices: %d number cells and %d text cells, want both", numberPrices, textPrices)
	}
}

// csvPriceValue turns the text French Excel writes for a number cell back
// into the number, as excelize writes it raw.
func csvPriceValue(text string) string {
	text = strings.NewReplacer(nbsp, "", "€", "", ",", ".").Replace(text)
	value, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return "unparsable " + text
	}
	return strconv.FormatFloat(value, 'f', -1, 64)
}

func TestXLSXCurrencyFormats(t *testing.T) {
	cells := readXLSX(t, generate(t, "leads.xlsx", "-format", "xlsx"))
	formats := map[string]int{}
	for _, row := range cells[1:] {
		if cell := row[colPrice]; cell.cellType == excelize.CellTypeNumber {
			formats[cell.customFmt]++
		}
	}
	for _, want := range []string{formatCurrency, formatCurrencyCents, ""} {
		if formats[want] == 0 {
			t.Errorf("no price number cell with format %q; formats: %v", want, formats)
		}
	}
}

func TestBundledFilesUpToDate(t *testing.T) {
	t.Run("csv and mapping", func(t *testing.T) {
		dir := t.TempDir()
		mapping := filepath.Join(dir, "mapping.yaml")
		path := generate(t, "leads.csv", "-format", "csv", "-mapping", mapping)
		for _, f := range []struct{ generated, bundled string }{
			{path, "leads.csv"},
			{mapping, "mapping.yaml"},
		} {
			if !bytes.Equal(readFile(t, f.generated), readFile(t, filepath.Join(bundledDir, f.bundled))) {
				t.Errorf("samples/%s is out of date: run go generate ./samples/", f.bundled)
			}
		}
	})

	t.Run("xlsx cells", func(t *testing.T) {
		got := readXLSX(t, filepath.Join(bundledDir, "leads.xlsx"))
		want := readXLSX(t, generate(t, "leads.xlsx", "-format", "xlsx"))
		if len(got) != len(want) {
			t.Fatalf("samples/leads.xlsx has %d rows, want %d: run go generate ./samples/", len(got), len(want))
		}
		for i := range want {
			for col := range columnCount {
				if got[i][col] != want[i][col] {
					t.Errorf("samples/leads.xlsx row %d column %s = %+v, want %+v: run go generate ./samples/",
						i+1, header[col], got[i][col], want[i][col])
				}
			}
		}
	})
}

func TestREADMEListsSpecialRows(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-list"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("run(-list) = %d; stderr: %s", code, stderr.String())
	}
	readme := string(readFile(t, filepath.Join(bundledDir, "README.md")))
	if !strings.Contains(readme, stdout.String()) {
		t.Errorf("samples/README.md does not contain the output of gen -list:\n%s", stdout.String())
	}
}

func TestMappingFitsHeader(t *testing.T) {
	var mapping struct {
		Version  int            `yaml:"version"`
		Source   map[string]any `yaml:"source"`
		Defaults struct {
			Country string `yaml:"country"`
		} `yaml:"defaults"`
		SkipIf []struct {
			Column string `yaml:"column"`
			Equals string `yaml:"equals"`
		} `yaml:"skip_if"`
		Fields map[string]string `yaml:"fields"`
	}
	decoder := yaml.NewDecoder(strings.NewReader(mappingYAML))
	decoder.KnownFields(true)
	if err := decoder.Decode(&mapping); err != nil {
		t.Fatalf("mapping.yaml: %v", err)
	}

	if mapping.Version != 1 {
		t.Errorf("version = %d, want 1", mapping.Version)
	}
	if mapping.Source != nil {
		t.Errorf("source = %v, want none: the importer detects it", mapping.Source)
	}
	if mapping.Defaults.Country != defaultRegion {
		t.Errorf("defaults.country = %q, want %q", mapping.Defaults.Country, defaultRegion)
	}
	if len(mapping.SkipIf) != 1 || mapping.SkipIf[0].Column != "Statut" || mapping.SkipIf[0].Equals != cancelledStatus {
		t.Errorf("skip_if = %+v, want Statut equals %s", mapping.SkipIf, cancelledStatus)
	}

	used := map[string]bool{mapping.SkipIf[0].Column: true}
	reference := regexp.MustCompile(`\{([^}]*)\}`)
	for field, value := range mapping.Fields {
		columns := []string{value}
		if matches := reference.FindAllStringSubmatch(value, -1); matches != nil {
			columns = columns[:0]
			for _, match := range matches {
				columns = append(columns, match[1])
			}
		}
		for _, column := range columns {
			if !containsString(header, column) {
				t.Errorf("field %s refers to %q, which is not a header", field, column)
			}
			used[column] = true
		}
	}
	for _, column := range header {
		if !used[column] {
			t.Errorf("column %q is not used by the mapping", column)
		}
	}
}

func containsString(values []string, s string) bool {
	for _, v := range values {
		if v == s {
			return true
		}
	}
	return false
}

func TestRunRejectsBadFlags(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"negative rows", []string{"-rows", "-1", "-o", out}, "invalid -rows -1:"},
		{"unknown format", []string{"-format", "ods", "-o", out}, `invalid -format "ods"`},
		{"missing output", []string{"-format", "csv"}, "missing -o"},
		{"extra argument", []string{"-o", out, "leads.csv"}, `unexpected argument "leads.csv"`},
		{"too many xlsx rows", []string{"-format", "xlsx", "-rows", "1048576", "-o", out}, "at most 1,048,575 data rows"},
		{"unknown flag", []string{"-colour"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != exitUsage {
				t.Errorf("run(%q) = %d, want %d", tt.args, code, exitUsage)
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tt.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s exists after a usage error", out)
			}
		})
	}
}

func TestRunWriteFailureLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
	}{
		{"missing directory", []string{"-o", filepath.Join(dir, "missing", "leads.csv")}},
		{"mapping in missing directory", []string{"-o", filepath.Join(dir, "leads.csv"), "-mapping", filepath.Join(dir, "missing", "m.yaml")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != exitError {
				t.Errorf("run(%q) = %d, want %d", tt.args, code, exitError)
			}
			if !strings.Contains(stderr.String(), "cannot write") {
				t.Errorf("stderr = %q, want a cannot write message", stderr.String())
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 0 {
				t.Errorf("directory holds %d entries after a failed run, want none", len(entries))
			}
		})
	}
}

func TestWriteFileKeepsOldFileOnError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "leads.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}

	failing := func(w io.Writer) error {
		io.WriteString(w, "partial")
		return errors.New("generation failed")
	}
	if err := writeFile(path, failing); err == nil {
		t.Error("writeFile returned nil, want the write error")
	}

	if got := string(readFile(t, path)); got != "old" {
		t.Errorf("file = %q after a failed write, want %q", got, "old")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only the old file", len(entries))
	}
}

func TestMessagesHaveFrench(t *testing.T) {
	errs := []error{
		checkPhone(&row{index: 0, cells: [columnCount]string{colPhone: "06 39 98 00 00"}, callingCode: 33}),
		errTooManyRows(maxXLSXRows + 1),
	}
	if _, err := appendRecord(nil, []string{"Łódź"}, 2); err != nil {
		errs = append(errs, err)
	} else {
		t.Error("appendRecord accepted Ł, which Windows-1252 cannot encode")
	}
	for _, args := range [][]string{{"-rows", "-1"}, {"-format", "ods"}, {}, {"-o", "x", "y"}} {
		_, err := parseFlags(args, new(bytes.Buffer))
		errs = append(errs, err)
	}

	for _, err := range errs {
		message, ok := err.(*messageError)
		if !ok {
			t.Errorf("error %v is %T, want *messageError", err, err)
			continue
		}
		if !i18n.HasFrench(message.text.Key) {
			t.Errorf("message %q has no French translation", message.text.Key)
		}
	}
}
