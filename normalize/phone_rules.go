package normalize

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// quickRegions are the regions whose numbers quickRead builds and
// isValidNumber checks without the regular expressions of libphonenumber.
// Each has a country calling code of its own, so a number's country code
// gives its region.
var quickRegions = []string{"LU", "FR", "BE", "DE"}

// Bits of the number types in phoneRules.types. The order is the one in
// which getNumberTypeHelper of phonenumbers v1.8.1 tests them, and the
// general description comes first.
const (
	generalType = iota
	premiumRateType
	tollFreeType
	sharedCostType
	voipType
	personalNumberType
	pagerType
	uanType
	voicemailType
	fixedLineType
	mobileType
	numberTypeCount
)

// phoneRules are the parts of a region's libphonenumber metadata that
// quickRead and isValidNumber apply, with each regular expression compiled
// to a digitAutomaton.
type phoneRules struct {
	region          string
	countryCode     int32
	countryCodeText string

	// types is the automaton of the national number patterns of the
	// general description and of each type of number, one bit per type.
	types *digitAutomaton
	// validTypes has the bits of the types that make a number valid once
	// it matches the general description.
	validTypes uint16
	// lengthMasks[n] has the bits of the types whose possible lengths
	// include n or that list no possible length. anyLengthTypes is that
	// mask for the lengths past the end of lengthMasks.
	lengthMasks    []uint16
	anyLengthTypes uint16

	// internationalPrefix is the prefix automaton of the region's
	// international prefix, such as 00. Parse reads an international
	// prefix only where the pattern matches from the first digit, which is
	// what a prefix match tests.
	internationalPrefix *digitAutomaton
	// trunkPrefix is the national prefix for parsing when it is a plain
	// string of digits with no transform rule, such as "0".
	trunkPrefix string
	// nationalPrefix is the prefix automaton of any other national prefix
	// for parsing, such as Luxembourg's carrier codes. It is nil when the
	// region has none or has a trunkPrefix.
	nationalPrefix *digitAutomaton
}

// phoneRuleSet indexes the rules of the quick regions.
type phoneRuleSet struct {
	// byCode is indexed by country calling code, which has at most 3
	// digits.
	byCode   [1000]*phoneRules
	byRegion map[string]*phoneRules
}

// forCode returns the rules of the region with the country calling code,
// or nil when it is not a quick region.
func (s *phoneRuleSet) forCode(code int32) *phoneRules {
	if code < 0 || int(code) >= len(s.byCode) {
		return nil
	}
	return s.byCode[code]
}

// quickPhoneRules returns the rules of the quick regions, built on first
// use. A region whose metadata cannot be compiled has no rules, so its
// numbers go through Parse and IsValidNumber.
var quickPhoneRules = sync.OnceValue(func() *phoneRuleSet {
	set := &phoneRuleSet{byRegion: map[string]*phoneRules{}}
	collection, err := phonenumbers.MetadataCollection()
	if err != nil {
		return set
	}

	for _, metadata := range collection.GetMetadata() {
		if !slices.Contains(quickRegions, metadata.GetId()) {
			continue
		}
		if rules, ok := newPhoneRules(metadata); ok && int(rules.countryCode) < len(set.byCode) {
			set.byCode[rules.countryCode] = rules
			set.byRegion[rules.region] = rules
		}
	}
	return set
})

// newPhoneRules compiles the rules of one region. It returns false when
// the region shares its country calling code with another region, because
// IsValidNumber then chooses between them, or when a pattern cannot be
// compiled to a digitAutomaton.
func newPhoneRules(metadata *phonenumbers.PhoneMetadata) (*phoneRules, bool) {
	region, code := metadata.GetId(), metadata.GetCountryCode()
	if !slices.Equal(phonenumbers.GetRegionCodesForCountryCode(int(code)), []string{region}) {
		return nil, false
	}
	rules := &phoneRules{region: region, countryCode: code, countryCodeText: strconv.Itoa(int(code))}

	descriptions := [numberTypeCount]*phonenumbers.PhoneNumberDesc{
		generalType:        metadata.GetGeneralDesc(),
		premiumRateType:    metadata.GetPremiumRate(),
		tollFreeType:       metadata.GetTollFree(),
		sharedCostType:     metadata.GetSharedCost(),
		voipType:           metadata.GetVoip(),
		personalNumberType: metadata.GetPersonalNumber(),
		pagerType:          metadata.GetPager(),
		uanType:            metadata.GetUan(),
		voicemailType:      metadata.GetVoicemail(),
		fixedLineType:      metadata.GetFixedLine(),
		mobileType:         metadata.GetMobile(),
	}
	patterns := make([]string, numberTypeCount)
	for kind, description := range descriptions {
		// A missing description has the pattern "", which matches only
		// the empty string, as in isNumberMatchingDesc.
		patterns[kind] = description.GetNationalNumberPattern()
		rules.addPossibleLengths(kind, description.GetPossibleLength())
	}
	types, ok := compileDigitAutomaton(patterns, true)
	if !ok {
		return nil, false
	}
	rules.types = types

	// getNumberTypeHelper tests the mobile pattern only when it differs
	// from the fixed-line one.
	rules.validTypes = 1<<numberTypeCount - 1 - 1<<generalType
	if metadata.GetSameMobileAndFixedLinePattern() {
		rules.validTypes &^= 1 << mobileType
	}

	if rules.internationalPrefix, ok = compileDigitAutomaton([]string{metadata.GetInternationalPrefix()}, false); !ok {
		return nil, false
	}
	prefix := metadata.GetNationalPrefixForParsing()
	switch {
	case prefix == "":
	case isDigitsOnly(prefix) && metadata.GetNationalPrefixTransformRule() == "":
		rules.trunkPrefix = prefix
	default:
		if rules.nationalPrefix, ok = compileDigitAutomaton([]string{prefix}, false); !ok {
			return nil, false
		}
	}
	return rules, true
}

// addPossibleLengths records the possible lengths of one type. A type
// without any takes every length, as in isNumberPossibleForDesc. The -1
// that the metadata uses for a type with no numbers matches no length.
func (r *phoneRules) addPossibleLengths(kind int, lengths []int32) {
	bit := uint16(1) << kind
	if len(lengths) == 0 {
		r.anyLengthTypes |= bit
		for i := range r.lengthMasks {
			r.lengthMasks[i] |= bit
		}
		return
	}

	for _, length := range lengths {
		if length < 0 {
			continue
		}
		for int(length) >= len(r.lengthMasks) {
			r.lengthMasks = append(r.lengthMasks, r.anyLengthTypes)
		}
		r.lengthMasks[length] |= bit
	}
}

func (r *phoneRules) typesOfLength(length int) uint16 {
	if length < len(r.lengthMasks) {
		return r.lengthMasks[length]
	}
	return r.anyLengthTypes
}

// isValidNational reports whether the national significant number nsn is
// valid in rules' region, with the result of IsValidNumber in phonenumbers
// v1.8.1. nsn must contain only the digits 0 to 9.
func isValidNational[T ~string | ~[]byte](rules *phoneRules, nsn T) bool {
	types := matchDigits(rules.types, nsn) & rules.typesOfLength(len(nsn))
	return types&(1<<generalType) != 0 && types&rules.validTypes != 0
}

// matchesGeneralPattern reports whether nsn matches the national number
// pattern of the general description, without the length check. nsn must
// contain only the digits 0 to 9.
func (r *phoneRules) matchesGeneralPattern(nsn string) bool {
	return matchDigits(r.types, nsn)&(1<<generalType) != 0
}

// hasNationalPrefix reports whether the national prefix for parsing, or a
// carrier code that it matches, starts digits.
func (r *phoneRules) hasNationalPrefix(digits string) bool {
	if r.trunkPrefix != "" {
		return strings.HasPrefix(digits, r.trunkPrefix)
	}
	return r.nationalPrefix != nil && matchDigitsPrefix(r.nationalPrefix, digits) != 0
}

// isValidNumber reports whether number is valid, with the result of
// phonenumbers.IsValidNumber. Numbers of the quick regions are checked
// with their rules, the others with IsValidNumber.
func isValidNumber(number *phonenumbers.PhoneNumber) bool {
	rules := quickPhoneRules().forCode(number.GetCountryCode())
	if rules == nil {
		return phonenumbers.IsValidNumber(number)
	}

	var buffer [maxNationalSignificantDigits]byte
	return isValidNational(rules, appendNationalSignificantNumber(buffer[:0], number))
}

// maxNationalSignificantDigits is the maximum length of what
// appendNationalSignificantNumber appends: MAX_LENGTH_FOR_NSN leading
// zeros, then the 20 digits or fewer of a uint64.
const maxNationalSignificantDigits = phonenumbers.MAX_LENGTH_FOR_NSN + 20

// appendNationalSignificantNumber appends the digits that
// phonenumbers.GetNationalSignificantNumber of v1.8.1 returns for number,
// without its allocations: the Italian leading zeros, at most
// MAX_LENGTH_FOR_NSN of them, then the national number.
func appendNationalSignificantNumber(dst []byte, number *phonenumbers.PhoneNumber) []byte {
	if number.GetItalianLeadingZero() && number.GetNumberOfLeadingZeros() > 0 {
		zeros := min(int(number.GetNumberOfLeadingZeros()), phonenumbers.MAX_LENGTH_FOR_NSN)
		for range zeros {
			dst = append(dst, '0')
		}
	}
	return strconv.AppendUint(dst, number.GetNationalNumber(), 10)
}
