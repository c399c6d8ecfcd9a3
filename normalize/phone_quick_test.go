package normalize

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestQuickReadMatchesParse compares quickRead with phonenumbers.Parse on
// example numbers and on random digit strings: whenever quickRead gives a
// number, Parse must give the same valid number.
func TestQuickReadMatchesParse(t *testing.T) {
	random := rand.New(rand.NewPCG(7, 11))
	checked, quick := 0, 0

	compare := func(text, region string) {
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

	regions := []string{"LU", "FR", "BE", "DE", "NL", "IT", "CH", "US"}
	for _, region := range regions {
		code := strconv.Itoa(phonenumbers.GetCountryCodeForRegion(region))
		for _, kind := range []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE, phonenumbers.VOIP} {
			example := phonenumbers.GetExampleNumberForType(region, kind)
			if example == nil {
				continue
			}
			national := phonenumbers.GetNationalSignificantNumber(example)
			compare(national, region)
			compare("0"+national, region)
			compare("+"+code+national, "")
		}

		for range 5000 {
			length := 4 + random.IntN(12)
			digits := make([]byte, length)
			digits[0] = byte('1' + random.IntN(9))
			for i := 1; i < length; i++ {
				digits[i] = byte('0' + random.IntN(10))
			}
			compare(string(digits), region)
			compare("+"+code+string(digits), "")
			compare("+"+string(digits), "")
		}
	}

	if quick < 1000 {
		t.Errorf("quickRead built only %d of %d numbers: the test compares too little", quick, checked)
	}
	t.Logf("compared %d readings, %d built by quickRead", checked, quick)
}
