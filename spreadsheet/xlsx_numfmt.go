package spreadsheet

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/nfp"
)

// numberKind is the way a numeric cell is turned into text.
type numberKind uint8

const (
	// numberGeneral gives the exact stored value without exponent.
	numberGeneral numberKind = iota
	// numberPlain gives the exact stored value too: currency, accounting,
	// thousands, decimal, scientific and fraction formats would round the
	// value or decorate it, and prices must be read as plain numbers.
	numberPlain
	// numberShown renders the value as Excel shows it: integer formats
	// with zero padding or literal text (phone numbers, references) and
	// percentages.
	numberShown
	// numberDate gives an ISO 8601 date, time or both.
	numberDate
)

// cellFormat is a parsed number format: one section for positive numbers,
// optionally one for negative numbers and one for zero.
type cellFormat struct {
	sections []formatSection
}

// formatSection is one section of a number format, classified.
type formatSection struct {
	kind    numberKind
	tokens  []nfp.Token // for numberShown
	percent bool

	// For numberDate: which parts the format shows.
	hasDate, hasTime, hasSeconds, elapsed bool
}

// generalFormat is Excel's General format.
var generalFormat = &cellFormat{sections: []formatSection{{kind: numberGeneral}}}

// parseCellFormat parses and classifies an Excel number format code.
func parseCellFormat(code string) *cellFormat {
	if strings.EqualFold(code, "General") || code == "" {
		return generalFormat
	}

	sections, ok := parseFormatSections(code)
	if !ok {
		return generalFormat
	}
	format := &cellFormat{}
	for _, section := range sections {
		if section.Type == nfp.TokenSectionText {
			continue
		}
		format.sections = append(format.sections, classifySection(section.Items))
		if len(format.sections) == 3 {
			break
		}
	}
	if len(format.sections) == 0 {
		return generalFormat
	}
	return format
}

// parseFormatSections tokenizes a format code with nfp. The code comes
// from the file, so a panic in the parser is turned into ok == false and
// the cell falls back to General.
func parseFormatSections(code string) (sections []nfp.Section, ok bool) {
	defer func() {
		if recover() != nil {
			sections, ok = nil, false
		}
	}()
	parser := nfp.NumberFormatParser()
	return parser.Parse(code), true
}

// classifySection decides how numbers are rendered with one section.
func classifySection(tokens []nfp.Token) formatSection {
	var general, percent, decimal, thousands, exponent, fraction, currency, placeholder bool
	for _, token := range tokens {
		switch token.TType {
		case nfp.TokenTypeDateTimes, nfp.TokenTypeElapsedDateTimes:
			return classifyDateSection(tokens)
		case nfp.TokenTypeGeneral:
			general = true
		case nfp.TokenTypePercent:
			percent = true
		case nfp.TokenTypeDecimalPoint:
			decimal = true
		case nfp.TokenTypeThousandsSeparator:
			thousands = true
		case nfp.TokenTypeExponential:
			exponent = true
		case nfp.TokenTypeFraction, nfp.TokenTypeDenominator:
			fraction = true
		case nfp.TokenTypeCurrencyLanguage:
			for _, part := range token.Parts {
				if part.Token.TType == "CurrencyString" && part.Token.TValue != "" {
					currency = true
				}
			}
		case nfp.TokenTypeLiteral:
			if strings.IndexFunc(token.TValue, isCurrencySymbol) >= 0 {
				currency = true
			}
		case nfp.TokenTypeZeroPlaceHolder, nfp.TokenTypeHashPlaceHolder, nfp.TokenTypeDigitalPlaceHolder:
			placeholder = true
		}
	}

	switch {
	case exponent || fraction:
		return formatSection{kind: numberPlain}
	case percent:
		return formatSection{kind: numberShown, tokens: tokens, percent: true}
	case general:
		return formatSection{kind: numberGeneral}
	case currency || thousands || decimal:
		return formatSection{kind: numberPlain}
	case placeholder:
		return formatSection{kind: numberShown, tokens: tokens}
	}
	// A section of literal text only, or an empty one such as in ";;;",
	// hides the value, so the value is given instead.
	return formatSection{kind: numberPlain}
}

func isCurrencySymbol(r rune) bool {
	return unicode.Is(unicode.Sc, r)
}

// classifyDateSection finds which of date, time and seconds a date or time
// format shows. An "m" or "mm" right after hours or right before seconds
// is minutes, and any other "m" is the month.
func classifyDateSection(tokens []nfp.Token) formatSection {
	section := formatSection{kind: numberDate}
	var parts []string
	for _, token := range tokens {
		switch token.TType {
		case nfp.TokenTypeElapsedDateTimes:
			section.elapsed = true
			parts = append(parts, strings.ToLower(token.TValue))
		case nfp.TokenTypeDateTimes:
			parts = append(parts, strings.ToLower(token.TValue))
		}
	}

	for i, part := range parts {
		switch {
		case part == "am/pm" || part == "a/p":
			section.hasTime = true
		case part == "":
		case part[0] == 'h':
			section.hasTime = true
		case part[0] == 's':
			section.hasTime, section.hasSeconds = true, true
		case part[0] == 'm':
			afterHours := i > 0 && parts[i-1] != "" && parts[i-1][0] == 'h'
			beforeSeconds := i+1 < len(parts) && parts[i+1] != "" && parts[i+1][0] == 's'
			if len(part) <= 2 && (afterHours || beforeSeconds) {
				section.hasTime = true
			} else {
				section.hasDate = true
			}
		default: // y, d, e, g, b: years, days, eras
			section.hasDate = true
		}
	}
	if section.elapsed {
		section.hasDate = false
		section.hasTime = true
	}
	return section
}

// render returns the text of a numeric cell whose stored value is raw.
func (f *cellFormat) render(raw []byte, date1904 bool) string {
	if f == generalFormat {
		return exactNumber(raw)
	}
	value, err := strconv.ParseFloat(string(raw), 64)
	if err != nil || math.IsNaN(value) || math.IsInf(value, 0) {
		return string(raw)
	}

	section, ownSign := f.section(value)
	switch section.kind {
	case numberDate:
		if text, ok := renderSerial(value, date1904, section); ok {
			return text
		}
	case numberShown:
		if text, ok := renderShown(value, section, ownSign); ok {
			return text
		}
	}
	return exactNumber(raw)
}

// section returns the section that formats value and whether that section
// draws the sign itself (a negative-number section).
func (f *cellFormat) section(value float64) (formatSection, bool) {
	switch {
	case value < 0 && len(f.sections) >= 2:
		return f.sections[1], true
	case value == 0 && len(f.sections) >= 3:
		return f.sections[2], false
	}
	return f.sections[0], false
}

// exactNumber renders a stored number as a plain decimal without exponent,
// rounded to the 15 significant digits Excel keeps, so that float noise
// such as 0.30000000000000004 disappears. Integers below 2^53 are exact in
// a float64 and are kept whole. Text that is not a number is returned as
// it is.
func exactNumber(raw []byte) string {
	if isCanonicalNumber(raw) {
		return string(raw)
	}
	value, err := strconv.ParseFloat(string(raw), 64)
	if err != nil || math.IsNaN(value) || math.IsInf(value, 0) {
		return string(raw)
	}
	return formatExact(value)
}

// formatExact renders value as exactNumber does.
func formatExact(value float64) string {
	if value == 0 {
		return "0"
	}
	text := strconv.FormatFloat(value, 'f', -1, 64)
	if significantDigits(text) <= 15 || (value == math.Trunc(value) && math.Abs(value) < 1<<53) {
		return text
	}
	rounded, err := strconv.ParseFloat(strconv.FormatFloat(value, 'e', 14, 64), 64)
	if err != nil {
		return text
	}
	return strconv.FormatFloat(rounded, 'f', -1, 64)
}

// isCanonicalNumber reports whether raw is already written the way
// formatExact would write it: an optional minus, digits without useless
// zeros, an optional fraction not ending in 0, at most 15 significant
// digits.
func isCanonicalNumber(raw []byte) bool {
	digits := raw
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(digits) > 17 {
		return false
	}

	point := -1
	for i, c := range digits {
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && point < 0:
			point = i
		default:
			return false
		}
	}

	switch {
	case point == 0 || point == len(digits)-1:
		return false
	case point > 0 && digits[len(digits)-1] == '0':
		return false
	case digits[0] == '0' && len(digits) > 1 && point != 1:
		return false
	case len(raw) > len(digits) && point < 0 && len(digits) == 1 && digits[0] == '0':
		return false // "-0"
	}
	return significantDigits(string(digits)) <= 15
}

// significantDigits counts the digits of a plain decimal from the first
// non-zero one.
func significantDigits(text string) int {
	count, started := 0, false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < '0' || c > '9' {
			continue
		}
		if c != '0' {
			started = true
		}
		if started {
			count++
		}
	}
	return count
}

// renderShown renders value as Excel shows it with an integer or
// percentage format. ok is false when the rendering would lose data: a
// fraction with an integer format, a value beyond 15 digits, or a result
// without any digit.
func renderShown(value float64, section formatSection, ownSign bool) (string, bool) {
	if math.Abs(value) >= 1e15 {
		return "", false
	}
	intPart, fracPart := splitDecimal(formatExact(math.Abs(value)))
	if section.percent {
		intPart, fracPart = shiftDecimal(intPart, fracPart, 2)
	}

	var intPlaces, fracPlaces []byte
	afterPoint := false
	for _, token := range section.tokens {
		switch token.TType {
		case nfp.TokenTypeDecimalPoint:
			afterPoint = true
		case nfp.TokenTypeZeroPlaceHolder, nfp.TokenTypeHashPlaceHolder, nfp.TokenTypeDigitalPlaceHolder:
			if afterPoint {
				fracPlaces = append(fracPlaces, token.TValue...)
			} else {
				intPlaces = append(intPlaces, token.TValue...)
			}
		}
	}

	if !section.percent && fracPart != "" && len(fracPlaces) == 0 {
		return "", false
	}
	intPart, fracPart = roundDecimal(intPart, fracPart, len(fracPlaces))
	intPart = strings.TrimLeft(intPart, "0")

	var out strings.Builder
	if value < 0 && !ownSign {
		out.WriteByte('-')
	}
	digitsWritten := false
	intIndex, fracIndex := 0, 0
	lastFracDigit := strings.LastIndexFunc(fracPart, func(r rune) bool { return r != '0' })
	for _, token := range section.tokens {
		switch token.TType {
		case nfp.TokenTypeLiteral:
			out.WriteString(token.TValue)
		case nfp.TokenTypePercent:
			out.WriteByte('%')
		case nfp.TokenTypeDecimalPoint:
			if len(intPlaces) == 0 && intPart != "" {
				out.WriteString(intPart)
				digitsWritten = true
			}
			out.WriteByte('.')
		case nfp.TokenTypeZeroPlaceHolder, nfp.TokenTypeHashPlaceHolder, nfp.TokenTypeDigitalPlaceHolder:
			for i := 0; i < len(token.TValue); i++ {
				place := token.TValue[i]
				if fracIndex < len(fracPlaces) && intIndex == len(intPlaces) {
					digitsWritten = writeFracPlace(&out, place, fracPart, fracIndex, lastFracDigit) || digitsWritten
					fracIndex++
					continue
				}
				digitsWritten = writeIntPlace(&out, place, intPart, intIndex, len(intPlaces)) || digitsWritten
				intIndex++
			}
		}
	}
	if !digitsWritten {
		return "", false
	}
	return out.String(), true
}

// writeIntPlace writes the digit of integer placeholder index (counted from
// the left) of a format with count placeholders. The first placeholder
// also takes the digits that do not fit. It reports whether a digit was
// written.
func writeIntPlace(out *strings.Builder, place byte, digits string, index, count int) bool {
	fromRight := count - 1 - index
	if index == 0 && len(digits) > count {
		out.WriteString(digits[:len(digits)-count])
	}
	if fromRight < len(digits) {
		out.WriteByte(digits[len(digits)-1-fromRight])
		return true
	}
	switch place {
	case '0':
		out.WriteByte('0')
		return true
	case '?':
		out.WriteByte(' ')
	}
	return false
}

// writeFracPlace writes the digit of fraction placeholder index. Trailing
// zeros show only for "0" placeholders.
func writeFracPlace(out *strings.Builder, place byte, digits string, index, lastNonZero int) bool {
	if index <= lastNonZero || place == '0' {
		out.WriteByte(digits[index])
		return true
	}
	if place == '?' {
		out.WriteByte(' ')
	}
	return false
}

// splitDecimal splits a plain decimal into its integer and fraction
// digits.
func splitDecimal(text string) (string, string) {
	if i := strings.IndexByte(text, '.'); i >= 0 {
		return text[:i], text[i+1:]
	}
	return text, ""
}

// shiftDecimal multiplies a decimal by 10^places.
func shiftDecimal(intPart, fracPart string, places int) (string, string) {
	for len(fracPart) < places {
		fracPart += "0"
	}
	return intPart + fracPart[:places], fracPart[places:]
}

// roundDecimal rounds a decimal half away from zero, as Excel does, to
// exactly places fraction digits.
func roundDecimal(intPart, fracPart string, places int) (string, string) {
	if len(fracPart) <= places {
		return intPart, fracPart + strings.Repeat("0", places-len(fracPart))
	}
	roundUp := fracPart[places] >= '5'
	digits := []byte(intPart + fracPart[:places])
	if roundUp {
		i := len(digits) - 1
		for ; i >= 0; i-- {
			if digits[i] < '9' {
				digits[i]++
				break
			}
			digits[i] = '0'
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		}
	}
	split := len(digits) - places
	return string(digits[:split]), string(digits[split:])
}

// Excel serial dates count days. In the 1900 date system day 1 is
// 1900-01-01, and day 60 is a 29 February 1900 that never was. In the 1904
// date system day 0 is 1904-01-01. The last valid day is 9999-12-31.
const (
	millisecondsPerDay = 86400000
	maxSerial1900      = 2958465
	maxSerial1904      = maxSerial1900 - 1462
)

// renderSerial renders an Excel serial date as ISO 8601: "2024-03-15",
// "2024-03-15 12:00", "12:00:05", or "36:00:00" for an elapsed-time
// format. The date part is the day Excel shows, so a fractional serial
// with a date-only format gives that day. ok is false for a value outside
// Excel's date range, which Excel shows as ####.
func renderSerial(value float64, date1904 bool, section formatSection) (string, bool) {
	limit := float64(maxSerial1900 + 1)
	if date1904 {
		limit = maxSerial1904 + 1
	}
	if value < 0 || value >= limit {
		return "", false
	}

	milliseconds := int64(math.Round(value * millisecondsPerDay))
	days := milliseconds / millisecondsPerDay
	seconds := (milliseconds%millisecondsPerDay + 500) / 1000
	if section.hasTime && seconds == 86400 {
		days++
		seconds = 0
	}

	var out []byte
	if section.elapsed {
		total := days*86400 + seconds
		out = strconv.AppendInt(out, total/3600, 10)
		out = appendClock(out, total%3600/60, total%60, section.hasSeconds)
		return string(out), true
	}

	if section.hasDate {
		out = appendSerialDate(out, days, date1904)
		if !section.hasTime {
			return string(out), true
		}
		out = append(out, ' ')
	}
	out = append2Digits(out, seconds/3600)
	out = appendClock(out, seconds%3600/60, seconds%60, section.hasSeconds)
	return string(out), true
}

// appendClock appends ":MM" and, when withSeconds, ":SS".
func appendClock(out []byte, minutes, seconds int64, withSeconds bool) []byte {
	out = append(out, ':')
	out = append2Digits(out, minutes)
	if withSeconds {
		out = append(out, ':')
		out = append2Digits(out, seconds)
	}
	return out
}

func append2Digits(out []byte, n int64) []byte {
	return append(out, byte('0'+n/10%10), byte('0'+n%10))
}

// appendSerialDate appends the ISO date of an Excel day number. Excel's
// day 0 (shown as 1900-01-00) and its 29 February 1900 are written as
// Excel shows them, because no real date matches them.
func appendSerialDate(out []byte, days int64, date1904 bool) []byte {
	var year, month, day int
	switch {
	case date1904:
		year, month, day = civilDate(1904, 1, 1+int(days))
	case days == 0:
		return append(out, "1900-01-00"...)
	case days == 60:
		return append(out, "1900-02-29"...)
	case days < 60:
		year, month, day = civilDate(1899, 12, 31+int(days))
	default:
		year, month, day = civilDate(1899, 12, 30+int(days))
	}

	out = strconv.AppendInt(out, int64(year), 10)
	out = append(out, '-')
	out = append2Digits(out, int64(month))
	out = append(out, '-')
	return append2Digits(out, int64(day))
}

// civilDate normalizes a date whose day may exceed its month, such as
// 1899-12-45366.
func civilDate(year, month, day int) (int, int, int) {
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	return t.Year(), int(t.Month()), t.Day()
}

// renderISODate renders the text of a t="d" cell, an ISO 8601 date-time, in
// the reader's ISO style: the date, with the time when it is not midnight.
// Text that is not an ISO date-time is returned as it is.
func renderISODate(raw []byte) string {
	text := string(raw)
	for _, layout := range isoLayouts {
		t, err := time.Parse(layout, text)
		if err != nil {
			continue
		}
		switch {
		case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0:
			return t.Format("2006-01-02")
		case t.Second() == 0:
			return t.Format("2006-01-02 15:04")
		}
		return t.Format("2006-01-02 15:04:05")
	}
	return text
}

var isoLayouts = []string{
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02",
}
