package normalize

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// randomDigits returns length random digits, the first of them not 0
// when nonZero is set.
func randomDigits(random *rand.Rand, length int, nonZero bool) string {
	digits := make([]byte, length)
	for i := range digits {
		digits[i] = byte('0' + random.IntN(10))
	}
	if nonZero && length > 0 {
		digits[0] = byte('1' + random.IntN(9))
	}
	return string(digits)
}

// varyDigits returns digits with its last count digits replaced by random
// ones.
func varyDigits(random *rand.Rand, digits string, count int) string {
	count = min(count, len(digits))
	return digits[:len(digits)-count] + randomDigits(random, count, false)
}

// exampleNumbers returns the example national numbers of each
// description in the metadata of region.
func exampleNumbers(t *testing.T, region string) []string {
	t.Helper()
	metadata := metadataFor(t, region)
	var examples []string
	for _, description := range []*phonenumbers.PhoneNumberDesc{
		metadata.GetGeneralDesc(), metadata.GetFixedLine(), metadata.GetMobile(), metadata.GetTollFree(),
		metadata.GetPremiumRate(), metadata.GetSharedCost(), metadata.GetPersonalNumber(), metadata.GetVoip(),
		metadata.GetPager(), metadata.GetUan(), metadata.GetVoicemail(),
	} {
		if example := description.GetExampleNumber(); example != "" {
			examples = append(examples, example)
		}
	}
	if len(examples) == 0 {
		t.Fatalf("the metadata of %s has no example number", region)
	}
	return examples
}

func metadataFor(t *testing.T, region string) *phonenumbers.PhoneMetadata {
	t.Helper()
	collection, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatalf("MetadataCollection: %v", err)
	}
	for _, metadata := range collection.GetMetadata() {
		if metadata.GetId() == region {
			return metadata
		}
	}
	t.Fatalf("no metadata for %s", region)
	return nil
}

// numberFromDigits returns the number that Parse builds for the national
// significant number digits, with the leading zeros recorded as
// setItalianLeadingZerosForPhoneNumber does.
func numberFromDigits(code int32, digits string) *phonenumbers.PhoneNumber {
	value, err := strconv.ParseUint(digits, 10, 64)
	if err != nil {
		panic(err)
	}
	number := &phonenumbers.PhoneNumber{CountryCode: &code, NationalNumber: &value}
	if len(digits) >= 2 && digits[0] == '0' {
		leadingZero := true
		number.ItalianLeadingZero = &leadingZero
		zeros := 1
		for zeros < len(digits)-1 && digits[zeros] == '0' {
			zeros++
		}
		if zeros != 1 {
			count := int32(zeros)
			number.NumberOfLeadingZeros = &count
		}
	}
	return number
}

// TestIsValidNumberMatchesLibrary compares isValidNumber with
// phonenumbers.IsValidNumber for each quick region. The inputs are every
// digit string of up to 4 digits, random strings of 1 to 17 digits, and the
// metadata's example numbers with their last digits varied, shortened and
// lengthened.
func TestIsValidNumberMatchesLibrary(t *testing.T) {
	random := rand.New(rand.NewPCG(3, 5))

	for _, region := range quickRegions {
		t.Run(region, func(t *testing.T) {
			if quickPhoneRules().byRegion[region] == nil {
				t.Fatalf("no rules for %s: its metadata did not compile, so its numbers take the slow path", region)
			}
			code := int32(phonenumbers.GetCountryCodeForRegion(region))
			checked, valid := 0, 0

			check := func(digits string) {
				t.Helper()
				checked++
				number := numberFromDigits(code, digits)
				want := phonenumbers.IsValidNumber(number)
				if got := isValidNumber(number); got != want {
					t.Errorf("isValidNumber(+%d %s) = %v, IsValidNumber = %v", code, digits, got, want)
				}
				if want {
					valid++
				}
				if got, want := string(appendNationalSignificantNumber(nil, number)), phonenumbers.GetNationalSignificantNumber(number); got != want {
					t.Errorf("appendNationalSignificantNumber(+%d %s) = %q, GetNationalSignificantNumber = %q", code, digits, got, want)
				}
			}

			for length := 1; length <= 4; length++ {
				limit := 1
				for range length {
					limit *= 10
				}
				for n := range limit {
					check(strconv.Itoa(limit + n)[1:])
				}
			}

			for range 20000 {
				check(randomDigits(random, 1+random.IntN(17), random.IntN(4) != 0))
			}

			for _, example := range exampleNumbers(t, region) {
				for count := 1; count <= 6; count++ {
					for range 300 {
						varied := varyDigits(random, example, count)
						check(varied)
						check(varied[:len(varied)-1])
						check(varied + randomDigits(random, 1+random.IntN(2), false))
					}
				}
			}

			if valid < 5000 {
				t.Errorf("only %d of %d numbers were valid: the test compares too few valid numbers", valid, checked)
			}
			t.Logf("compared %d numbers, %d valid", checked, valid)
		})
	}
}

func TestAppendNationalSignificantNumber(t *testing.T) {
	tests := []struct {
		name        string
		national    uint64
		leadingZero bool
		zeros       int32
	}{
		{"no leading zero", 621000011, false, 0},
		{"zero count without flag", 612345678, false, 3},
		{"Italian leading zero", 612345678, true, 1},
		{"three leading zeros", 12, true, 3},
		{"more zeros than a number has", 7, true, 40},
		{"negative zero count", 7, true, -2},
		{"national number zero", 0, true, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code := int32(39)
			number := &phonenumbers.PhoneNumber{CountryCode: &code, NationalNumber: &tt.national, ItalianLeadingZero: &tt.leadingZero}
			if tt.zeros != 0 {
				number.NumberOfLeadingZeros = &tt.zeros
			}
			got := string(appendNationalSignificantNumber(nil, number))
			if want := phonenumbers.GetNationalSignificantNumber(number); got != want {
				t.Errorf("appendNationalSignificantNumber = %q, GetNationalSignificantNumber = %q", got, want)
			}
		})
	}
}

// TestIsValidNumberOtherRegions checks that numbers of regions without
// rules get the result of phonenumbers.IsValidNumber.
func TestIsValidNumberOtherRegions(t *testing.T) {
	tests := []struct {
		name, text string
	}{
		{"Italian landline", "+39 06 1234 5678"},
		{"Italian landline without zero", "+39 6 1234 5678"},
		{"British landline", "+44 20 7946 0000"},
		{"US number", "+1 201 555 0123"},
		{"Swiss mobile", "+41 79 123 45 67"},
		{"too short", "+31 6 123"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			number, err := phonenumbers.Parse(tt.text, "")
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.text, err)
			}
			if got, want := isValidNumber(number), phonenumbers.IsValidNumber(number); got != want {
				t.Errorf("isValidNumber(%q) = %v, IsValidNumber = %v", tt.text, got, want)
			}
		})
	}
}

// TestQuickReadMatchesParse compares quickRead with phonenumbers.Parse on
// example numbers and on random digit strings, written in each form that
// quickRead reads: whenever quickRead gives a number, Parse must give the
// same valid number.
func TestQuickReadMatchesParse(t *testing.T) {
	random := rand.New(rand.NewPCG(7, 11))
	checked, quick := 0, 0

	compare := func(text, region string) {
		t.Helper()
		checked++
		got, ok := quickRead(text, region)
		if !ok {
			return
		}
		quick++
		want, err := phonenumbers.Parse(text, region)
		if err != nil {
			t.Fatalf("quickRead(%q, %s) gave +%d %d, but Parse failed: %v", text, region, got.GetCountryCode(), got.GetNationalNumber(), err)
		}
		if !phonenumbers.IsValidNumber(want) {
			t.Fatalf("quickRead(%q, %s) gave a valid number, but Parse's is invalid", text, region)
		}
		if got.GetCountryCode() != want.GetCountryCode() || got.GetNationalNumber() != want.GetNationalNumber() ||
			got.GetItalianLeadingZero() != want.GetItalianLeadingZero() {
			t.Fatalf("quickRead(%q, %s) = +%d %d, Parse = +%d %d (leading zero %v)", text, region,
				got.GetCountryCode(), got.GetNationalNumber(), want.GetCountryCode(), want.GetNationalNumber(), want.GetItalianLeadingZero())
		}
	}

	// compareForms compares national, written in each form that a cell
	// can take once Phone has removed its separators.
	compareForms := func(national, region, code string) {
		t.Helper()
		for _, prefix := range []string{"", "0", "00", "15", code, code + "0", code + "15"} {
			compare(prefix+national, region)
			compare("+"+code+prefix+national, "")
		}
		compare("+"+national, "")
	}

	regions := []string{"LU", "FR", "BE", "DE", "NL", "IT", "CH", "US"}
	for _, region := range regions {
		code := strconv.Itoa(phonenumbers.GetCountryCodeForRegion(region))
		for _, example := range exampleNumbers(t, region) {
			compareForms(example, region, code)
			for range 200 {
				compareForms(varyDigits(random, example, 1+random.IntN(5)), region, code)
			}
		}

		for range 5000 {
			compareForms(randomDigits(random, 1+random.IntN(17), random.IntN(4) != 0), region, code)
		}
	}

	if quick < 10000 {
		t.Errorf("quickRead built only %d of %d numbers: the test compares too little", quick, checked)
	}
	t.Logf("compared %d readings, %d built by quickRead", checked, quick)
}

// TestQuickReadForms checks that quickRead builds the forms that
// dealership exports hold most, which would otherwise go through Parse.
func TestQuickReadForms(t *testing.T) {
	tests := []struct {
		name, text, region string
		wantCode           int32
		wantNational       uint64
	}{
		{"Luxembourg national", "621000011", "LU", 352, 621000011},
		{"Luxembourg international", "+352621000011", "", 352, 621000011},
		{"Luxembourg code without plus", "352621000011", "LU", 352, 621000011},
		{"French trunk zero", "0612000262", "FR", 33, 612000262},
		{"French trunk zero after code", "+330612000172", "", 33, 612000172},
		{"German trunk zero after code", "+49015120000727", "", 49, 15120000727},
		{"Belgian mobile", "+32470000174", "", 32, 470000174},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := quickRead(tt.text, tt.region)
			if !ok {
				t.Fatalf("quickRead(%q, %q) left the number to Parse", tt.text, tt.region)
			}
			if got.GetCountryCode() != tt.wantCode || got.GetNationalNumber() != tt.wantNational {
				t.Errorf("quickRead(%q, %q) = +%d %d, want +%d %d", tt.text, tt.region,
					got.GetCountryCode(), got.GetNationalNumber(), tt.wantCode, tt.wantNational)
			}
		})
	}
}

// TestQuickReadLeavesToParse checks that quickRead leaves to Parse the
// forms whose reading needs a step it does not mirror.
func TestQuickReadLeavesToParse(t *testing.T) {
	tests := []struct {
		name, text, region string
	}{
		{"Luxembourg carrier code", "1500621000011", "LU"},
		{"international prefix", "00352621000011", "LU"},
		{"two trunk zeros", "+3300612000172", ""},
		{"own code then trunk zero", "330612000172", "FR"},
		{"other region", "+39061234567", ""},
		{"separator left", "+33 612000172", ""},
		{"invalid number", "+33512", ""},
		{"region without rules", "0612345678", "IT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, ok := quickRead(tt.text, tt.region); ok {
				t.Errorf("quickRead(%q, %q) = +%d %d, want it left to Parse", tt.text, tt.region, got.GetCountryCode(), got.GetNationalNumber())
			}
		})
	}
}

// TestReadPhoneMatchesLibrary compares phoneParse.read with Parse
// followed by IsValidNumber, the reading it replaces, on the inputs that
// Phone passes it: "+" and digits without a region, and digits for a
// region.
func TestReadPhoneMatchesLibrary(t *testing.T) {
	random := rand.New(rand.NewPCG(13, 17))

	compare := func(text, region string) {
		t.Helper()
		var full phoneParse
		got := full.read(text, region)
		want, err := phonenumbers.Parse(text, region)
		if err != nil {
			if got.parsed() {
				t.Errorf("read(%q, %q) gave a number, but Parse failed: %v", text, region, err)
			}
			return
		}
		if !got.parsed() {
			t.Fatalf("read(%q, %q) gave no number, Parse gave +%d %d", text, region, want.GetCountryCode(), want.GetNationalNumber())
		}
		if wantValid := phonenumbers.IsValidNumber(want); got.valid != wantValid {
			t.Errorf("read(%q, %q) valid = %v, want %v", text, region, got.valid, wantValid)
		}
		if !sameNumber(got.libNumber(), want) {
			t.Errorf("read(%q, %q) = %v, Parse = %v", text, region, got.libNumber(), want)
		}
	}

	for _, region := range []string{"LU", "FR", "BE", "DE", "IT", "GB"} {
		code := strconv.Itoa(phonenumbers.GetCountryCodeForRegion(region))
		for range 1000 {
			digits := randomDigits(random, 1+random.IntN(15), random.IntN(3) != 0)
			compare(digits, region)
			compare("0"+digits, region)
			compare(code+digits, region)
			compare("+"+code+digits, "")
			compare("+"+code+"0"+digits, "")
		}
		for _, example := range exampleNumbers(t, region) {
			for range 100 {
				varied := varyDigits(random, example, 1+random.IntN(4))
				compare(varied, region)
				compare("0"+varied, region)
				compare(code+varied, region)
				compare("+"+code+varied, "")
				compare("+"+code+"0"+varied, "")
			}
		}
	}
}

// sameNumber reports whether a and b have the same value in every field
// that Parse sets.
func sameNumber(a, b *phonenumbers.PhoneNumber) bool {
	return a.GetCountryCode() == b.GetCountryCode() &&
		a.GetNationalNumber() == b.GetNationalNumber() &&
		a.GetItalianLeadingZero() == b.GetItalianLeadingZero() &&
		a.GetNumberOfLeadingZeros() == b.GetNumberOfLeadingZeros() &&
		a.GetExtension() == b.GetExtension() &&
		a.GetRawInput() == b.GetRawInput() &&
		a.GetCountryCodeSource() == b.GetCountryCodeSource() &&
		a.GetPreferredDomesticCarrierCode() == b.GetPreferredDomesticCarrierCode()
}

// TestPhoneRulesDescribeRegions checks the rules built from the metadata
// of each quick region against the metadata itself.
func TestPhoneRulesDescribeRegions(t *testing.T) {
	for _, region := range quickRegions {
		t.Run(region, func(t *testing.T) {
			rules := quickPhoneRules().byRegion[region]
			if rules == nil {
				t.Fatalf("no rules for %s", region)
			}
			if got := quickPhoneRules().forCode(rules.countryCode); got != rules {
				t.Errorf("rules for +%d are not those of %s", rules.countryCode, region)
			}
			if want := int32(phonenumbers.GetCountryCodeForRegion(region)); rules.countryCode != want {
				t.Errorf("country code = %d, want %d", rules.countryCode, want)
			}

			prefix := metadataFor(t, region).GetNationalPrefixForParsing()
			if rules.trunkPrefix != "" && rules.trunkPrefix != prefix {
				t.Errorf("trunk prefix = %q, want %q", rules.trunkPrefix, prefix)
			}
			if prefix != "" && rules.trunkPrefix == "" && rules.nationalPrefix == nil {
				t.Errorf("national prefix %q has no automaton", prefix)
			}
		})
	}
}

func TestPhoneRuleSetForCode(t *testing.T) {
	tests := []struct {
		code int32
		want string
	}{
		{352, "LU"},
		{33, "FR"},
		{39, ""},
		{0, ""},
		{-1, ""},
		{1000, ""},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(int(tt.code)), func(t *testing.T) {
			got := ""
			if rules := quickPhoneRules().forCode(tt.code); rules != nil {
				got = rules.region
			}
			if got != tt.want {
				t.Errorf("forCode(%d) gives the rules of %q, want %q", tt.code, got, tt.want)
			}
		})
	}
}

func TestHasNationalPrefix(t *testing.T) {
	tests := []struct {
		region, digits string
		want           bool
	}{
		{"LU", "1500621000011", true},
		{"LU", "15621", true},
		{"LU", "1512", false},
		{"LU", "621000011", false},
		{"LU", "0621000011", false},
		{"FR", "0612000262", true},
		{"FR", "612000262", false},
		{"BE", "0470000174", true},
		{"DE", "015120000727", true},
		{"DE", "15120000727", false},
	}
	for _, tt := range tests {
		t.Run(tt.region+" "+tt.digits, func(t *testing.T) {
			rules := quickPhoneRules().byRegion[tt.region]
			if rules == nil {
				t.Fatalf("no rules for %s", tt.region)
			}
			if got := rules.hasNationalPrefix(tt.digits); got != tt.want {
				t.Errorf("hasNationalPrefix(%q) for %s = %v, want %v", tt.digits, tt.region, got, tt.want)
			}
		})
	}
}
