package spreadsheet

import "strings"

// formulaTriggers are the first characters that make Excel and other
// spreadsheets read a CSV cell as a formula.
const formulaTriggers = "=+-@\t\r"

// EscapeFormula neutralises a cell that a spreadsheet would run as a
// formula by prefixing it with an apostrophe. Values that already start
// with apostrophes before a trigger get one more, so UnescapeFormula
// restores every value exactly. The reports use it; the CSV reader undoes
// it, so a report or errors file fed back in gives the original values.
func EscapeFormula(value string) string {
	// Most cells start with neither an apostrophe nor a trigger.
	if value == "" || value[0] != '\'' && strings.IndexByte(formulaTriggers, value[0]) < 0 {
		return value
	}
	rest := strings.TrimLeft(value, "'")
	if rest == "" || !strings.ContainsRune(formulaTriggers, rune(rest[0])) {
		return value
	}
	return "'" + value
}

// UnescapeFormula undoes EscapeFormula.
func UnescapeFormula(value string) string {
	if !strings.HasPrefix(value, "'") {
		return value
	}
	rest := strings.TrimLeft(value, "'")
	if rest == "" || !strings.ContainsRune(formulaTriggers, rune(rest[0])) {
		return value
	}
	return value[1:]
}
