package normalize

import (
	"strconv"
	"strings"
)

// maxPriceDigits is the most digits Price accepts before the decimal
// separator. Twelve digits (under a thousand billion) keep every amount in
// cents exact in a float64, and no lead is worth more.
const maxPriceDigits = 12

// currencies are the symbols, codes and words Price removes before or
// after the amount, longest first so that "Fr." wins over "Fr".
var currencies = []string{
	"euros", "euro", "SFr.", "US$", "EUR", "USD", "GBP", "CHF", "Fr.", "Fr", "€", "$", "£",
}

// Price parses a price written in any usual European or English form and
// returns it rounded to cents (1355.9, never 1355.8999999).
//
// raw is cleaned by Text first. Digits may be grouped by spaces (U+00A0
// and U+202F included), dots, commas or apostrophes (' and ’), in groups
// of three. A currency symbol, code or word (€, EUR, euros, $, USD, £,
// GBP, CHF, Fr., SFr.) before or after the amount is dropped, not
// converted. "45.000,-" and "45'000.-" mean no cents.
//
// The decimal separator is the last dot or comma when it differs from the
// separators before it: "45.000,00", "45,000.00" and "14 000,12" are read
// as 45000, 45000 and 14000.12. A single dot or comma followed by exactly
// three digits, as in "45.000" or "1,355", is read as grouping (45000 and
// 1355), because prices are not written with three decimals in the
// currencies of the dealerships this tool serves. "0,500" is the
// exception and reads 0.5. This reading is not reported as a warning.
//
// Warnings: CodePriceRounded when more than two decimals were rounded
// (half up). Errors, returned as *Issue: CodePriceEmpty when raw is empty,
// CodePriceNegative for "-500", "500-", "−500" or "(500)", and
// CodePriceInvalid for anything else that is not an amount ("sur
// demande", "N/A", "45k", "4 50", more than 12 digits before the decimal
// separator).
func Price(raw string) (float64, []Issue, error) {
	value := Text(raw)
	if value == "" {
		return 0, nil, newIssue(CodePriceEmpty, "the price is empty: enter an amount such as 45 000 €")
	}

	amount, negative, ok := unwrapAmount(value)
	if !ok {
		return 0, nil, notAnAmount(value)
	}

	cents, rounded, issue := parseAmount(amount, value)
	if issue != nil {
		return 0, nil, issue
	}

	price := float64(cents) / 100
	if negative && cents > 0 {
		return 0, nil, newIssue(CodePriceNegative,
			"the price %q is negative: enter the amount without a minus sign or parentheses, such as %s, or leave the cell empty", value, formatPrice(price))
	}

	var warnings []Issue
	if rounded {
		warnings = append(warnings, *newIssue(CodePriceRounded,
			"the price %q has more than two decimals, so it was rounded to %s: check the amount", value, formatPrice(price)))
	}
	return price, warnings, nil
}

// unwrapAmount removes currencies, signs and parentheses around the
// amount in value. negative is true for a minus sign (before or after the
// amount) or parentheses. ok is false when nothing is left.
func unwrapAmount(value string) (amount string, negative bool, ok bool) {
	if amount, ok := plainAmount(value); ok {
		return amount, false, true
	}
	return unwrapMarkedAmount(value)
}

// plainAmount returns value without a trailing "€" when what remains is a
// plain amount (see isPlainAmount), the most common forms of a price.
func plainAmount(value string) (string, bool) {
	if rest, ok := strings.CutSuffix(value, "€"); ok {
		value = strings.TrimSpace(rest)
	}
	return value, isPlainAmount(value)
}

// unwrapMarkedAmount does the work of unwrapAmount for values that may
// have a currency or a sign.
func unwrapMarkedAmount(value string) (amount string, negative bool, ok bool) {
	s := stripCurrency(value)

	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		negative = true
		s = stripCurrency(s[1 : len(s)-1])
	}

	for _, sign := range []string{"-", "−", "+"} {
		if rest, found := strings.CutPrefix(s, sign); found {
			negative = negative || sign != "+"
			s = stripCurrency(rest)
			break
		}
	}

	for _, suffix := range []string{",--", ".--", ",-", ".-", ",—", ".—", ",–", ".–"} {
		if rest, found := strings.CutSuffix(s, suffix); found {
			s = strings.TrimSpace(rest)
			break
		}
	}

	for _, sign := range []string{"-", "−"} {
		if rest, found := strings.CutSuffix(s, sign); found {
			negative = true
			s = stripCurrency(rest)
			break
		}
	}
	return s, negative, s != ""
}

// stripCurrency removes currencies from both ends of s, and the spaces
// around them.
func stripCurrency(s string) string {
	s = strings.TrimSpace(s)
	for changed := true; changed; {
		changed = false
		for _, currency := range currencies {
			if rest, ok := cutPrefixFold(s, currency); ok && endsCurrency(rest, currency, true) {
				s, changed = strings.TrimSpace(rest), true
			}
			if rest, ok := cutSuffixFold(s, currency); ok && endsCurrency(rest, currency, false) {
				s, changed = strings.TrimSpace(rest), true
			}
		}
	}
	return s
}

// endsCurrency reports whether a currency found at one end of a value
// ends there, so that "EUR" is not cut from "EURO" or "45 Fr" from
// "45 Frs". rest is what follows the currency (after is true) or precedes
// it. Symbols always end where they are.
func endsCurrency(rest, currency string, after bool) bool {
	if !isASCIILetter(rune(currency[len(currency)-1])) && !isASCIILetter(rune(currency[0])) {
		return true
	}
	if rest == "" {
		return true
	}

	var next byte
	if after {
		next = rest[0]
	} else {
		next = rest[len(rest)-1]
	}
	return !isASCIILetter(rune(next))
}

// cutSuffixFold is strings.CutSuffix with ASCII case folding.
func cutSuffixFold(s, suffix string) (string, bool) {
	if len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix) {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}

// amountParts is an amount cut into runs of digits and the separators
// between them.
type amountParts struct {
	runs       []string
	separators []rune
}

// splitAmount cuts s into digit runs and single separators, appended to
// runs and separators, whose arrays a caller can keep on its stack. ok is
// false when s holds another character, two separators in a row, or starts
// or ends with a separator (except a leading decimal separator, as in
// ",50").
func splitAmount(s string, runs []string, separators []rune) (amountParts, bool) {
	parts := amountParts{runs: runs[:0], separators: separators[:0]}
	start := 0
	for i, r := range s {
		if isASCIIDigit(r) {
			continue
		}
		if !isPriceSeparator(r) {
			return parts, false
		}
		if i == start && !(i == 0 && (r == '.' || r == ',')) {
			return parts, false
		}
		parts.runs = append(parts.runs, s[start:i])
		parts.separators = append(parts.separators, normalizeSeparator(r))
		start = i + len(string(r))
	}

	if start == len(s) {
		return parts, false
	}
	parts.runs = append(parts.runs, s[start:])
	if parts.runs[0] == "" {
		parts.runs[0] = "0"
	}
	return parts, true
}

func isPriceSeparator(r rune) bool {
	return r == ' ' || r == '.' || r == ',' || r == '\'' || r == '’'
}

// normalizeSeparator maps the two apostrophes to one.
func normalizeSeparator(r rune) rune {
	if r == '’' {
		return '\''
	}
	return r
}

// parseAmount reads an amount without currency or sign and returns it in
// cents. rounded is true when decimals beyond the cents were not zero.
func parseAmount(amount, value string) (cents int64, rounded bool, issue *Issue) {
	if isDigitsOnly(amount) {
		return parseWholeUnits(amount, value)
	}
	return parseSeparatedAmount(amount, value)
}

// parseSeparatedAmount does the work of parseAmount for amounts with
// separators.
func parseSeparatedAmount(amount, value string) (cents int64, rounded bool, issue *Issue) {
	// Amounts up to "1.234.567,89" have at most 4 runs of digits. Longer
	// ones grow the slices on the heap.
	var runs [4]string
	var separators [4]rune
	parts, ok := splitAmount(amount, runs[:0], separators[:0])
	if !ok {
		return 0, false, notAnAmount(value)
	}

	integer, decimals := parts.runs, ""
	if decimalSeparatorAt(parts) {
		last := len(parts.runs) - 1
		integer, decimals = parts.runs[:last], parts.runs[last]
	}
	if !groupedInThrees(integer, parts.separators[:len(integer)-1]) {
		return 0, false, newIssue(CodePriceInvalid,
			"the price %q has its digits grouped in an unexpected way: write it as 45000, 45 000, 45.000,00 or 45,000.00", value)
	}

	units, _, issue := parseWholeUnits(strings.Join(integer, ""), value)
	if issue != nil {
		return 0, false, issue
	}
	cents, rounded = roundCents(decimals)
	return units + cents, rounded, nil
}

// parseWholeUnits returns the cents of an amount written as digits only.
func parseWholeUnits(digits, value string) (cents int64, rounded bool, issue *Issue) {
	digits = strings.TrimLeft(digits, "0")
	if len(digits) > maxPriceDigits {
		return 0, false, newIssue(CodePriceInvalid,
			"the price %q has more than %d digits before the decimal separator: check the amount", value, maxPriceDigits)
	}
	units, _ := strconv.ParseInt("0"+digits, 10, 64)
	return units * 100, false, nil
}

// isPlainAmount reports whether value has digits at both ends and only
// digits and group or decimal separators between them, so that it has no
// currency or sign for unwrapAmount to remove.
func isPlainAmount(value string) bool {
	if value == "" || !isASCIIDigit(rune(value[0])) || !isASCIIDigit(rune(value[len(value)-1])) {
		return false
	}
	for i := 1; i < len(value)-1; i++ {
		switch c := value[i]; {
		case c >= '0' && c <= '9', c == ' ', c == '.', c == ',', c == '\'':
		default:
			return false
		}
	}
	return true
}

// formatPrice writes a price for a message, with no trailing zeros.
func formatPrice(price float64) string {
	return strconv.FormatFloat(price, 'f', -1, 64)
}

// decimalSeparatorAt reports whether the last separator of parts is a
// decimal separator, by the rules that Price documents.
func decimalSeparatorAt(parts amountParts) bool {
	n := len(parts.separators)
	if n == 0 {
		return false
	}

	last := parts.separators[n-1]
	if last != '.' && last != ',' {
		return false
	}
	for _, separator := range parts.separators[:n-1] {
		if separator == last {
			return false
		}
	}

	if n > 1 {
		return true
	}
	return len(parts.runs[1]) != 3 || strings.Trim(parts.runs[0], "0") == ""
}

// groupedInThrees reports whether runs form an integer written with one
// kind of grouping separator: a first group of one to three digits, then
// groups of exactly three. A single run is always fine.
func groupedInThrees(runs []string, separators []rune) bool {
	if len(runs) == 1 {
		return true
	}
	if len(runs[0]) > 3 {
		return false
	}
	for i, run := range runs[1:] {
		if len(run) != 3 || separators[i] != separators[0] {
			return false
		}
	}
	return true
}

// roundCents returns the decimals as cents, rounded half up. A round up
// from 99 cents gives 100, which the caller adds to the units.
func roundCents(decimals string) (cents int64, rounded bool) {
	padded := decimals + "00"
	cents = int64(padded[0]-'0')*10 + int64(padded[1]-'0')

	if len(decimals) > 2 {
		rest := decimals[2:]
		rounded = strings.Trim(rest, "0") != ""
		if rest[0] >= '5' {
			cents++
		}
	}
	return cents, rounded
}

// notAnAmount returns the CodePriceInvalid issue for a value that is not
// a number.
func notAnAmount(value string) *Issue {
	return newIssue(CodePriceInvalid,
		"the price %q is not an amount: enter a number such as 45 000 € or 45000.00, or leave the cell empty", value)
}
