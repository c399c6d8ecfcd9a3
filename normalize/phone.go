package normalize

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// minAmbiguousDigits is the minimum number of digits for which a number
// valid for the default region is also checked with a "+" in front. A
// number that lost its "+" has a country code and a national number, which
// makes 10 digits or more for the European countries this tool serves.
// Shorter numbers often read as some valid foreign number by chance: with
// libphonenumber v1.8.1, 161 of 2000 random valid 8-digit Luxembourg
// numbers starting with 4 were also valid with a "+" in front.
const minAmbiguousDigits = 10

// maxPhoneInput is the maximum length in bytes of a cell that Phone
// parses. An international number has at most 15 digits (ITU-T E.164), and
// the rest leaves room for separators and an extension.
const maxPhoneInput = 64

var (
	// scientificNotation matches what Excel shows for a long number in a
	// General cell, in English and French: "3.52621E+11", "3,52621E+11",
	// "4.479E11".
	scientificNotation = regexp.MustCompile(`^[+-]?(\d+)(?:[.,](\d+))?\s*[eE]\s*[+-]?\d+$`)

	// phoneExtension matches a trailing extension: "x 12", "ext. 12",
	// "extension 12", "poste 12" (French), "#12".
	phoneExtension = regexp.MustCompile(`(?i)^(.*\d[\s).]*?)[\s,;]*(?:ext\.?|extension|poste|x|#)\s*:?\s*(\d{1,6})$`)
)

// Phone parses raw with libphonenumber (github.com/nyaruka/phonenumbers).
// region is the default ISO 3166 region, such as "LU", used for numbers
// written without an international prefix. It may be empty when every
// number has one.
//
// raw is cleaned by Text. Spaces, dots, dashes, slashes, parentheses and a
// "tel:" prefix are ignored, and a leading "00" is read as "+". Numbers
// damaged by Excel are handled as follows.
//
//   - Scientific notation ("3.52621E+11") is an error,
//     CodePhoneScientificNotation: Excel kept only the first digits, and
//     converting the text back to a number would give a valid but wrong
//     phone.
//   - Digits that are not valid for region but valid with a "+" in front
//     are read with the "+" and warned about (CodePhonePlusAssumed). When
//     both readings are valid and there are 10 digits or more, the
//     region's reading is kept and the other one is named in a
//     CodePhoneAmbiguous warning.
//   - Digits alone that are not valid for region but valid with the trunk
//     prefix 0 in front are read with it (CodePhoneLeadingZeroAssumed).
//     libphonenumber already accepts national numbers without their 0 for
//     most regions, such as "612000262" for FR, so this repair applies
//     where the 0 belongs to the number, as in Italy.
//
// A trailing extension ("x 12", "poste 12") is dropped with a
// CodePhoneExtensionDropped warning, because the API has no field for it.
//
// Errors, returned as *Issue:
//   - CodePhoneEmpty, CodePhoneScientificNotation and CodePhoneTwoNumbers.
//   - CodePhoneInvalid, with the country in words and the reason that
//     libphonenumber gives (too short, too long, or not a valid number).
//   - CodePhoneRegionMissing when raw has no international prefix and
//     region is empty.
//   - CodePhoneRegionUnknown when region is not a region that
//     libphonenumber supports.
//   - CodePhoneAmbiguous when the "+" and the leading-0 repairs both give
//     a valid number.
//
// Results that need phonenumbers.Parse, such as those of invalid and
// foreign numbers, are cached per (raw, region), because that parse is
// slow (see BenchmarkPhoneForms) and a contact may appear on several rows.
func Phone(raw, region string) (PhoneNumber, []Issue, error) {
	// The other numbers skip the cache. In a profile of a 1,000,000-row
	// check (bench/cmd/profile on 2 CPUs), where few numbers repeat, the
	// cache's lookups and stores took half of Phone's time once those
	// numbers no longer needed Parse.
	quick := phoneParse{quickOnly: true}
	number, warnings, issue := quick.parse(raw, region)
	if !quick.incomplete {
		return phoneResult{number: number, warnings: warnings, err: issue}.unpack()
	}

	key := phoneKey{raw: raw, region: region}
	if result, ok := phoneResults.get(key); ok {
		return result.unpack()
	}

	// The cached key and messages would share the memory of raw, which may
	// be part of a larger block of input: a copy keeps only the number.
	raw = strings.Clone(raw)
	key.raw = raw

	var full phoneParse
	number, warnings, issue = full.parse(raw, region)
	result := phoneResult{number: number, warnings: warnings, err: issue}
	phoneResults.put(key, result)
	return result.unpack()
}

// phoneParse is one parse of a phone cell. With quickOnly set, a reading
// that quickRead cannot build marks the parse incomplete in place of
// calling phonenumbers.Parse, and the parse stops with a result to be
// discarded. A complete parse gives the result of a full one.
type phoneParse struct {
	quickOnly  bool
	incomplete bool
}

// phoneReading is one way to read the digits of a phone cell.
type phoneReading struct {
	// quick is the number when quickRead built it, and zero otherwise.
	quick quickNumber
	// number is the number when phonenumbers.Parse read it, and nil
	// otherwise.
	number *phonenumbers.PhoneNumber
	valid  bool
}

// read parses text with libphonenumber for region.
func (p *phoneParse) read(text, region string) phoneReading {
	if number, ok := quickRead(text, region); ok {
		return phoneReading{quick: number, valid: true}
	}
	if p.quickOnly {
		p.incomplete = true
		return phoneReading{}
	}
	number, err := phonenumbers.Parse(text, region)
	if err != nil {
		return phoneReading{}
	}
	return phoneReading{number: number, valid: isValidNumber(number)}
}

// parsed reports whether the text was read as a number, valid or not.
func (r phoneReading) parsed() bool {
	return r.number != nil || r.quick.code != 0
}

// libNumber returns the reading's number in libphonenumber's form.
func (r phoneReading) libNumber() *phonenumbers.PhoneNumber {
	if r.number != nil {
		return r.number
	}
	return r.quick.full()
}

// sameAs reports whether both readings give the same number.
func (r phoneReading) sameAs(other phoneReading) bool {
	if r.quick.code != 0 && other.quick.code != 0 {
		return r.quick == other.quick
	}
	a, b := r.libNumber(), other.libNumber()
	return a.GetCountryCode() == b.GetCountryCode() &&
		a.GetNationalNumber() == b.GetNationalNumber() &&
		a.GetItalianLeadingZero() == b.GetItalianLeadingZero() &&
		a.GetNumberOfLeadingZeros() == b.GetNumberOfLeadingZeros()
}

// split returns the reading as the API wants it.
func (r phoneReading) split() PhoneNumber {
	var buffer [maxNationalSignificantDigits]byte
	if r.quick.code != 0 {
		return PhoneNumber{
			CountryCode: strconv.Itoa(int(r.quick.code)),
			Number:      string(strconv.AppendUint(buffer[:0], r.quick.national, 10)),
		}
	}
	return PhoneNumber{
		CountryCode: strconv.Itoa(int(r.number.GetCountryCode())),
		Number:      string(appendNationalSignificantNumber(buffer[:0], r.number)),
	}
}

// international formats the reading as "+33 6 12 00 01 72".
func (r phoneReading) international() string {
	return phonenumbers.Format(r.libNumber(), phonenumbers.INTERNATIONAL)
}

// regionOf returns the ISO region of the reading, or of its country code
// when the number is invalid.
func (r phoneReading) regionOf() string {
	number := r.libNumber()
	if region := phonenumbers.GetRegionCodeForNumber(number); region != "" {
		return region
	}
	return phonenumbers.GetRegionCodeForCountryCode(int(number.GetCountryCode()))
}

// parse does the work of Phone, without the cache.
func (p *phoneParse) parse(raw, region string) (PhoneNumber, []Issue, *Issue) {
	value := Text(raw)
	if value == "" {
		return PhoneNumber{}, nil, newIssue(CodePhoneEmpty, "the phone is empty: enter a number such as +352 621 000 011")
	}
	if len(value) > maxPhoneInput {
		return PhoneNumber{}, nil, newIssue(CodePhoneInvalid,
			"the phone %q is too long to be a phone number: check that the cell holds one number", value)
	}
	// The regular expressions below are slow next to a byte scan, and
	// most phones hold neither an exponent nor an extension.
	if strings.ContainsAny(value, "eE") {
		if match := scientificNotation.FindStringSubmatch(value); match != nil {
			return PhoneNumber{}, nil, newIssue(CodePhoneScientificNotation,
				"the phone %q is in scientific notation, so Excel kept only its first %d digits and the number cannot be recovered: format the column as Text in Excel and export again, or type the number again",
				value, len(match[1])+len(match[2]))
		}
	}

	var warnings []Issue
	text := value
	for _, prefix := range []string{"tel:", "tél:"} {
		if rest, ok := cutPrefixFold(text, prefix); ok {
			text = strings.TrimSpace(rest)
			break
		}
	}

	if hasExtensionMarker(text) {
		if match := phoneExtension.FindStringSubmatch(text); match != nil {
			text = strings.TrimSpace(match[1])
			warnings = append(warnings, *newIssue(CodePhoneExtensionDropped,
				"the phone %q has the extension %s, which the API cannot store, so it was dropped: put it in the message if it matters", value, match[2]))
		}
	}

	if first, second, ok := twoPhones(text); ok {
		return PhoneNumber{}, warnings, newIssue(CodePhoneTwoNumbers,
			"the phone cell %q contains two numbers, %s and %s: keep one in this column and put the other in the message", value, first, second)
	}

	digits, plus, issue := phoneDigits(text, value)
	if issue != nil {
		return PhoneNumber{}, warnings, issue
	}

	if plus || strings.HasPrefix(digits, "00") {
		number, issue := p.parseInternational(strings.TrimPrefix(digits, "00"), value)
		return number, warnings, issue
	}

	number, repairs, issue := p.parseNational(digits, value, region)
	return number, append(warnings, repairs...), issue
}

// phoneDigits returns the digits of text and whether it starts with "+",
// after dropping the separators people type. value is the cell, for
// messages.
func phoneDigits(text, value string) (string, bool, *Issue) {
	var buffer [maxPhoneInput]byte
	digits := buffer[:0]
	plus := false

	for _, r := range text {
		switch {
		case isASCIIDigit(r):
			digits = append(digits, byte(r))
		case r == '+' && len(digits) == 0 && !plus:
			plus = true
		case strings.ContainsRune(" .-/()", r):
		default:
			return "", false, newIssue(CodePhoneInvalid,
				"the phone %q contains %q, which is not part of a phone number: keep only digits, spaces and a leading +", value, string(r))
		}
	}

	if len(digits) == 0 {
		return "", false, newIssue(CodePhoneInvalid, "the phone %q contains no digits: enter a phone number or leave the cell empty", value)
	}
	return string(digits), plus, nil
}

// parseInternational reads digits written after "+" or "00".
func (p *phoneParse) parseInternational(digits, value string) (PhoneNumber, *Issue) {
	reading := p.read("+"+digits, "")
	if p.incomplete {
		return PhoneNumber{}, nil
	}
	if !reading.parsed() {
		return PhoneNumber{}, newIssue(CodePhoneInvalid,
			"the phone %q does not start with a country calling code after the + or 00: check the digits that follow it", value)
	}
	if !reading.valid {
		return PhoneNumber{}, invalidPhone(value, reading, reading.regionOf())
	}
	return reading.split(), nil
}

// parseNational reads digits written without an international prefix,
// first for region, then with the repairs that Phone documents.
func (p *phoneParse) parseNational(digits, value, region string) (PhoneNumber, []Issue, *Issue) {
	region = strings.ToUpper(strings.TrimSpace(region))
	if region == "" {
		return PhoneNumber{}, nil, newIssue(CodePhoneRegionMissing,
			"the phone %q has no international prefix (+ or 00) and no default country is set: set defaults.country in the mapping, such as LU, or write the number with + and its country code", value)
	}
	if phonenumbers.GetCountryCodeForRegion(region) == 0 {
		return PhoneNumber{}, nil, newIssue(CodePhoneRegionUnknown,
			"the default country %q is not a known region code: set defaults.country in the mapping to a two-letter ISO code such as LU, FR, BE or DE", region)
	}

	// The "+" reading is parsed only when it can change the outcome, which
	// saves a second parse on most national numbers.
	national := p.read(digits, region)
	var plus phoneReading
	if digits[0] != '0' && (!national.valid || len(digits) >= minAmbiguousDigits) {
		plus = p.read("+"+digits, "")
	}
	if p.incomplete {
		return PhoneNumber{}, nil, nil
	}

	if national.valid {
		if !plus.valid || plus.sameAs(national) {
			return national.split(), nil, nil
		}
		return national.split(), []Issue{*newIssue(CodePhoneAmbiguous,
			"the phone %[1]q was read as %[2]s (%[3]s), but with a + in front it is also a valid number for %[4]s, %[5]s: if that is the right country, write the number as %[5]s in the file",
			value, national.international(), country(region), country(plus.regionOf()), plus.international())}, nil
	}

	var zero phoneReading
	if digits[0] != '0' && isDigitsOnly(value) {
		zero = p.read("0"+digits, region)
	}
	if p.incomplete {
		return PhoneNumber{}, nil, nil
	}

	switch {
	case plus.valid && zero.valid:
		return PhoneNumber{}, nil, newIssue(CodePhoneAmbiguous,
			"the phone %q is not valid for %s as written, and it could be %s with a leading 0 or %s with a +: write it with + and its country code",
			value, country(region), zero.international(), plus.international())
	case plus.valid:
		return plus.split(), []Issue{*newIssue(CodePhonePlusAssumed,
			"the phone %q is not a valid number for %s, but it is valid with a + in front, so it was read as %s (%s): write it with + in the file to confirm",
			value, country(region), plus.international(), country(plus.regionOf()))}, nil
	case zero.valid:
		return zero.split(), []Issue{*newIssue(CodePhoneLeadingZeroAssumed,
			"the phone %q is not a valid number for %s, but it is valid with a leading 0, so it was read as %s: format the column as Text in Excel so that leading zeros are kept",
			value, country(region), zero.international())}, nil
	}

	if !national.parsed() {
		return PhoneNumber{}, nil, newIssue(CodePhoneInvalid,
			"the phone %q is not a valid number for %s: check the digits, or write it with + and its country code if it is from another country", value, country(region))
	}
	return PhoneNumber{}, nil, invalidPhone(value, national, region)
}

// invalidPhone returns the CodePhoneInvalid issue for a reading that
// libphonenumber parsed but does not accept, with the reason it gives.
func invalidPhone(value string, reading phoneReading, region string) *Issue {
	number := reading.libNumber()
	code := number.GetCountryCode()
	switch phonenumbers.IsPossibleNumberWithReason(number) {
	case phonenumbers.TOO_SHORT:
		return newIssue(CodePhoneInvalid,
			"the phone %q has too few digits for %s (+%d): check that no digit is missing", value, country(region), code)
	case phonenumbers.TOO_LONG:
		return newIssue(CodePhoneInvalid,
			"the phone %q has too many digits for %s (+%d): check for an extra digit, or for two numbers in one cell", value, country(region), code)
	}
	return newIssue(CodePhoneInvalid,
		"the phone %q is not a valid number for %s (+%d): check the digits, or write it with + and its country code if it is from another country", value, country(region), code)
}

// twoPhones reports whether text holds two phone numbers of six digits or
// more, separated by ";", ",", "|", a word such as "ou" or "or", or a "/"
// between two parts of eight digits or more. A "/" between shorter parts
// is a separator inside one number, as in "0470/00.01.74".
func twoPhones(text string) (first, second string, ok bool) {
	// Without a separator, text is one part and cannot hold two numbers.
	if !strings.ContainsFunc(text, func(r rune) bool { return isPhoneSeparator(r) || r == '/' }) {
		return "", "", false
	}

	parts := strings.FieldsFunc(text, isPhoneSeparator)

	var found []string
	for _, part := range parts {
		pieces := strings.Split(part, "/")
		if len(pieces) < 2 || !allHaveDigits(pieces, 8) {
			pieces = []string{part}
		}
		for _, piece := range pieces {
			if countDigits(piece) >= 6 {
				found = append(found, strings.TrimSpace(piece))
			}
		}
	}
	if len(found) < 2 {
		return "", "", false
	}
	return found[0], found[1], true
}

// isPhoneSeparator reports whether r separates two numbers in a cell.
func isPhoneSeparator(r rune) bool {
	return r == ';' || r == ',' || r == '|' || isASCIILetter(r) || r > 0x7F
}

func allHaveDigits(pieces []string, minimum int) bool {
	for _, piece := range pieces {
		if countDigits(piece) < minimum {
			return false
		}
	}
	return true
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

func isDigitsOnly(s string) bool {
	return s != "" && countDigits(s) == len(s)
}

// hasExtensionMarker reports whether text holds a letter or '#', without
// which phoneExtension cannot match.
func hasExtensionMarker(text string) bool {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '#' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= 0x80 {
			return true
		}
	}
	return false
}

// quickRead builds the number for text ("+" and digits, or digits for
// region) without phonenumbers.Parse, whose extension and punctuation
// regular expressions cost most of a phone's time, and returns ok only
// when the number is valid. It mirrors the steps that Parse of phonenumbers
// v1.8.1 takes on digits of the quick regions: the country calling code,
// the international prefix, the region's own country code written without
// "+", and the national prefix. Every other case goes to the full parse,
// so a valid result is the one Parse gives: the differential test in
// phone_quick_test.go compares the two.
func quickRead(text, region string) (quickNumber, bool) {
	rules, national, ok := quickNational(text, region)
	if !ok {
		return quickNumber{}, false
	}

	// Parse strips the national prefix only when the rest is a possible
	// number, which a valid rest is.
	if rules.hasNationalPrefix(national) {
		if rules.trunkPrefix == "" {
			return quickNumber{}, false
		}
		national = national[len(rules.trunkPrefix):]
	}
	if national == "" || len(national) > 15 || national[0] == '0' || !isValidNational(rules, national) {
		return quickNumber{}, false
	}
	value, err := strconv.ParseUint(national, 10, 64)
	if err != nil {
		return quickNumber{}, false
	}
	return quickNumber{code: rules.countryCode, national: value}, true
}

// quickNumber is a valid number that quickRead built, kept as two integers
// so that building it allocates nothing. Its national number has no leading
// zero. Its Get methods mirror those of phonenumbers.PhoneNumber, for the
// tests that compare the two.
type quickNumber struct {
	code     int32
	national uint64
}

func (q quickNumber) GetCountryCode() int32       { return q.code }
func (q quickNumber) GetNationalNumber() uint64   { return q.national }
func (q quickNumber) GetItalianLeadingZero() bool { return false }

// full returns q in libphonenumber's form, for formatting.
func (q quickNumber) full() *phonenumbers.PhoneNumber {
	return &phonenumbers.PhoneNumber{CountryCode: &q.code, NationalNumber: &q.national}
}

// quickNational returns the rules of text's region and the digits that
// follow the country calling code, or that follow nothing when text has
// no international prefix. It returns false where Parse takes a step that
// quickRead does not mirror.
func quickNational(text, region string) (*phoneRules, string, bool) {
	if digits, ok := strings.CutPrefix(text, "+"); ok {
		// Parse takes the shortest prefix that is a known country calling
		// code, and finds none when the digits start with 0.
		if !isDigitsOnly(digits) || digits[0] == '0' {
			return nil, "", false
		}
		code := 0
		for length := 1; length <= 3 && length < len(digits); length++ {
			code = code*10 + int(digits[length-1]-'0')
			if rules := quickPhoneRules().forCode(int32(code)); rules != nil {
				return rules, digits[length:], true
			}
			if phonenumbers.GetRegionCodeForCountryCode(code) != phonenumbers.UNKNOWN_REGION {
				return nil, "", false
			}
		}
		return nil, "", false
	}

	rules := quickPhoneRules().byRegion[region]
	if rules == nil || !isDigitsOnly(text) {
		return nil, "", false
	}
	// Digits that start with the international prefix, such as 00, are
	// left to Parse, which reads a country calling code after it.
	if matchDigitsPrefix(rules.internationalPrefix, text) != 0 {
		return nil, "", false
	}

	// Parse drops the region's own country code from the front of digits
	// that do not match the general pattern when the rest matches it, or
	// when the digits are too long. A valid number is kept whole.
	rest, ok := strings.CutPrefix(text, rules.countryCodeText)
	if !ok || isValidNational(rules, text) {
		return rules, text, true
	}
	if rules.matchesGeneralPattern(text) || rules.hasNationalPrefix(rest) {
		return nil, "", false
	}
	return rules, rest, true
}
