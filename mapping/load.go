package mapping

import (
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/aello-copilot/aello-import/i18n"
)

// maxFileSize bounds the mapping file read by Load. A mapping of every
// field with long maps stays far below it.
const maxFileSize = 1 << 20

// Keys of each section, in the order the messages list them.
var (
	topKeys     = []string{"version", "source", "defaults", "skip_if", "fields"}
	sourceKeys  = []string{"sheet", "header_row", "delimiter", "encoding"}
	defaultKeys = []string{"country"}
	skipKeys    = []string{"column", "equals", "in", "empty"}
	objectKeys  = []string{"column", "template", "value", "map", "default"}
)

// Load reads and checks a mapping file. The error is an *Error listing
// every problem with the file's line number, or a single problem wrapping
// the cause when the file cannot be read.
func Load(path string) (*Mapping, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, &Error{Path: path, Err: err, Problems: []Problem{{
			Code:    "unreadable",
			Message: i18n.T("cannot read the mapping file: %v; check the path", err),
		}}}
	}
	return Parse(data, path)
}

// errTooLarge is the cause of a mapping file above maxFileSize.
var errTooLarge = errors.New("file larger than 1 MiB, which is not a mapping file")

func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()

	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		return nil, errTooLarge
	}
	return data, nil
}

// Parse checks the mapping held in data. path names the file in messages
// and in Mapping.Path. The error is an *Error listing every problem found.
func Parse(data []byte, path string) (*Mapping, error) {
	var l loader
	m := l.parse(data)
	if err := l.problems.err(path); err != nil {
		return nil, err
	}
	m.Path = path
	return m, nil
}

func (l *loader) parse(data []byte) *Mapping {
	m := &Mapping{DefaultCountry: DefaultCountry}

	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, detail := yamlErrorLine(err)
		l.problems.add(line, "not_yaml", i18n.T("the file is not valid YAML: %s; check the indentation (spaces, not tabs) and the quotes near this line", detail))
		return m
	}
	if doc.Kind == 0 || len(doc.Content) == 0 || isNull(doc.Content[0]) {
		l.problems.add(0, "empty_file", i18n.T("the mapping file is empty; write at least \"version: 1\" and a fields section, or let the init command write one"))
		return m
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		l.problems.add(root.Line, "wrong_type", i18n.T("the mapping file must be a set of keys (version, source, defaults, skip_if, fields), one per line as key: value"))
		return m
	}

	entries, _ := l.mapping("", root, topKeys)
	found := make(map[string]bool, len(entries))
	for _, e := range entries {
		found[e.key] = true
		switch e.key {
		case "version":
			l.version(e)
		case "source":
			l.source(e, &m.Source)
		case "defaults":
			l.defaults(e, m)
		case "skip_if":
			m.SkipIf = l.skipRules(e)
		case "fields":
			m.Fields = l.fields(e)
		}
	}

	if !found["version"] {
		l.problems.add(root.Line, "version_missing", i18n.T("the key \"version\" is missing; add \"version: 1\" as the first line"))
	}
	if !found["fields"] {
		l.problems.add(root.Line, "fields_missing", i18n.T("the section \"fields\" is missing; add it with one line per lead field, such as \"contact.firstName: Prénom\""))
	}
	return m
}

// yamlErrorLine extracts the line from a YAML library error such as
// "yaml: line 3: could not find expected ':'", and returns 0 and the whole
// text when there is none.
func yamlErrorLine(err error) (int, string) {
	text := strings.TrimPrefix(err.Error(), "yaml: ")
	rest, ok := strings.CutPrefix(text, "line ")
	if !ok {
		return 0, text
	}
	number, detail, ok := strings.Cut(rest, ": ")
	if !ok {
		return 0, text
	}
	line, convErr := strconv.Atoi(number)
	if convErr != nil {
		return 0, text
	}
	return line, detail
}

func (l *loader) version(e entry) {
	value, ok := l.scalar("version", e.value)
	if !ok {
		return
	}
	if strings.TrimSpace(value) != "1" {
		l.problems.add(e.value.Line, "version_unsupported", i18n.T("unsupported version %q: this tool reads version 1; write \"version: 1\"", value))
	}
}

func (l *loader) source(e entry, src *Source) {
	entries, ok := l.mapping("source", e.value, sourceKeys)
	if !ok {
		return
	}

	for _, e := range entries {
		value, ok := l.scalar("source."+e.key, e.value)
		if !ok {
			continue
		}
		line := e.value.Line

		switch e.key {
		case "sheet":
			src.Sheet = l.sheet(line, value)
		case "header_row":
			row, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || row < 1 {
				l.problems.add(line, "header_row_invalid", i18n.T("invalid header_row %q: write the row number of the header as Excel shows it, 1 or more", value))
				continue
			}
			src.HeaderRow = row
		case "delimiter":
			src.Delimiter = l.delimiter(line, value)
		case "encoding":
			if isBlank(value) {
				l.problems.add(line, "encoding_invalid", i18n.T("the encoding is empty; write a name such as utf-8 or windows-1252, or remove the line to detect it"))
				continue
			}
			src.Encoding = strings.TrimSpace(value)
		}
	}
}

func (l *loader) sheet(line int, value string) string {
	value = strings.TrimSpace(value)
	if value == "" {
		l.problems.add(line, "sheet_invalid", i18n.T("the sheet is empty; write its name or its 1-based number, or remove the line to read the first visible sheet"))
		return ""
	}
	if n, err := strconv.Atoi(value); err == nil && n < 1 {
		l.problems.add(line, "sheet_invalid", i18n.T("invalid sheet number %d: sheets are numbered from 1 in tab order", n))
		return ""
	}
	return value
}

// delimiter accepts one character, or the word "tab".
func (l *loader) delimiter(line int, value string) string {
	if strings.EqualFold(strings.TrimSpace(value), "tab") {
		return "\t"
	}
	r, size := utf8.DecodeRuneInString(value)
	if value == "" || size != len(value) {
		l.problems.add(line, "delimiter_invalid", i18n.T("invalid delimiter %q: write one character in quotes, such as \";\" or \",\", or the word tab", value))
		return ""
	}
	if r == '"' || r == '\r' || r == '\n' || r == utf8.RuneError {
		l.problems.add(line, "delimiter_invalid", i18n.T("invalid delimiter %q: quotes and line breaks cannot separate fields; write \";\", \",\", \"|\" or tab", value))
		return ""
	}
	return value
}

func (l *loader) defaults(e entry, m *Mapping) {
	entries, ok := l.mapping("defaults", e.value, defaultKeys)
	if !ok {
		return
	}

	for _, e := range entries {
		value, ok := l.scalar("defaults."+e.key, e.value)
		if !ok {
			continue
		}
		if country, ok := l.country(e.value.Line, value); ok {
			m.DefaultCountry = country
		}
	}
}

// country accepts a 2-letter ISO 3166 region that libphonenumber has
// metadata for, in any case.
func (l *loader) country(line int, value string) (string, bool) {
	code := strings.ToUpper(strings.TrimSpace(value))
	supported := phonenumbers.GetSupportedRegions()
	if len(code) == 2 && supported[code] {
		return code, true
	}

	if region, err := language.ParseRegion(code); err == nil {
		if suggestion := region.Canonicalize().String(); supported[suggestion] {
			l.problems.addSuggestion(line, "country_invalid", suggestion, i18n.T("invalid country %q: write the 2-letter ISO code; did you mean %q?", value, suggestion))
			return "", false
		}
	}
	l.problems.add(line, "country_invalid", i18n.T("invalid country %q: write the 2-letter ISO code of the country whose phone numbers lack a prefix, such as LU, FR, BE or DE", value))
	return "", false
}
