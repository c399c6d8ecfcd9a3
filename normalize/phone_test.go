package normalize

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/aello-copilot/aello-import/i18n"
)

func TestPhone(t *testing.T) {
	tests := []struct {
		name     string
		raw      string
		region   string
		want     PhoneNumber
		warnings []string
		err      string
	}{
		// Spaces and no-break spaces.
		{"no-break spaces inside", "+352\u00a0621\u00a0000\u00a0141", "LU", PhoneNumber{"352", "621000141"}, nil, ""},
		{"spaces inside", "+352 621 000 142", "LU", PhoneNumber{"352", "621000142"}, nil, ""},

		// Scientific notation written by Excel.
		{"scientific notation, French Excel", "3,52621E+11", "LU", PhoneNumber{}, nil, CodePhoneScientificNotation},
		{"scientific notation, English Excel", "3.52621E+11", "LU", PhoneNumber{}, nil, CodePhoneScientificNotation},
		{"scientific notation without sign", "4.479E11", "GB", PhoneNumber{}, nil, CodePhoneScientificNotation},
		{"scientific notation lower case", "3.52621e+11", "", PhoneNumber{}, nil, CodePhoneScientificNotation},

		// Plus lost or written as 00, default FR.
		{"plus lost, Luxembourg number", "352621000171", "FR", PhoneNumber{"352", "621000171"}, []string{CodePhonePlusAssumed}, ""},
		{"French number with country code", "33612000172", "FR", PhoneNumber{"33", "612000172"}, nil, ""},
		{"00 prefix Luxembourg", "00352621000173", "FR", PhoneNumber{"352", "621000173"}, nil, ""},
		{"00 prefix Belgium", "0032470000174", "FR", PhoneNumber{"32", "470000174"}, nil, ""},
		{"plus kept", "+352621000175", "FR", PhoneNumber{"352", "621000175"}, nil, ""},

		// Numbers stored as numbers in a workbook, default FR.
		{"French number with country code, no plus", "33612000261", "FR", PhoneNumber{"33", "612000261"}, nil, ""},
		{"shown with leading zero", "0612000262", "FR", PhoneNumber{"33", "612000262"}, nil, ""},
		{"General cell, plus lost", "352621000263", "FR", PhoneNumber{"352", "621000263"}, []string{CodePhonePlusAssumed}, ""},
		{"custom format with country code", "+33 6 12 00 02 64", "FR", PhoneNumber{"33", "612000264"}, nil, ""},
		{"text cell", "0612000265", "FR", PhoneNumber{"33", "612000265"}, nil, ""},

		// Ambiguity and the leading zero.
		{"both readings valid", "33612000172", "LU", PhoneNumber{"352", "33612000172"}, []string{CodePhoneAmbiguous}, ""},
		{"German mobile without zero", "15123456789", "DE", PhoneNumber{"49", "15123456789"}, []string{CodePhoneAmbiguous}, ""},
		{"short number not flagged", "43050381", "LU", PhoneNumber{"352", "43050381"}, nil, ""},
		{"own country code, no plus", "352621000011", "LU", PhoneNumber{"352", "621000011"}, nil, ""},
		{"French mobile without zero is valid", "612000262", "FR", PhoneNumber{"33", "612000262"}, nil, ""},
		{"Italian landline lost its zero", "612345678", "IT", PhoneNumber{"39", "0612345678"}, []string{CodePhoneLeadingZeroAssumed}, ""},
		{"Italian landline with zero", "06 1234 5678", "IT", PhoneNumber{"39", "0612345678"}, nil, ""},
		{"zero not added when separators", "6 1234 5678", "IT", PhoneNumber{}, nil, CodePhoneInvalid},

		// Separators and prefixes.
		{"Belgian slash and dots", "0470/00.01.74", "BE", PhoneNumber{"32", "470000174"}, nil, ""},
		{"dashes", "06-12-00-02-62", "FR", PhoneNumber{"33", "612000262"}, nil, ""},
		{"dots", "06.12.00.02.62", "FR", PhoneNumber{"33", "612000262"}, nil, ""},
		{"parentheses and trunk zero", "+33 (0)6 12 00 01 72", "LU", PhoneNumber{"33", "612000172"}, nil, ""},
		{"tel prefix", "tel:+352621000011", "LU", PhoneNumber{"352", "621000011"}, nil, ""},
		{"TEL prefix with space", "TEL: +352 621 000 011", "FR", PhoneNumber{"352", "621000011"}, nil, ""},
		{"lower-case region", "621000011", "lu", PhoneNumber{"352", "621000011"}, nil, ""},
		{"international without region", "+352 621 000 011", "", PhoneNumber{"352", "621000011"}, nil, ""},
		{"extension dropped", "0612000262 x 12", "FR", PhoneNumber{"33", "612000262"}, []string{CodePhoneExtensionDropped}, ""},
		{"French extension dropped", "06 12 00 02 62 poste 4", "FR", PhoneNumber{"33", "612000262"}, []string{CodePhoneExtensionDropped}, ""},

		// Errors.
		{"empty", " ", "LU", PhoneNumber{}, nil, CodePhoneEmpty},
		{"no region, no plus", "621000011", "", PhoneNumber{}, nil, CodePhoneRegionMissing},
		{"unknown region", "621000011", "XX", PhoneNumber{}, nil, CodePhoneRegionUnknown},
		{"too short", "123", "LU", PhoneNumber{}, nil, CodePhoneInvalid},
		{"too long", "04700001744444", "BE", PhoneNumber{}, nil, CodePhoneInvalid},
		{"digit missing", "0470 00 01 7", "BE", PhoneNumber{}, nil, CodePhoneInvalid},
		{"unknown calling code", "+999123456", "LU", PhoneNumber{}, nil, CodePhoneInvalid},
		{"zero before calling code", "+0 49 30 1234567", "LU", PhoneNumber{}, nil, CodePhoneInvalid},
		{"zero after 00", "000 49 30 1234567", "LU", PhoneNumber{}, nil, CodePhoneInvalid},
		{"letters", "+352 621 000 011 (mobile)", "LU", PhoneNumber{}, nil, CodePhoneInvalid},
		{"no digits", "-", "LU", PhoneNumber{}, nil, CodePhoneInvalid},
		{"plus in the middle", "0612+000262", "FR", PhoneNumber{}, nil, CodePhoneInvalid},
		{"two numbers with slash", "0612000262 / 0612000263", "FR", PhoneNumber{}, nil, CodePhoneTwoNumbers},
		{"two numbers with semicolon", "0612000262; 0612000263", "FR", PhoneNumber{}, nil, CodePhoneTwoNumbers},
		{"two numbers with ou", "0612000262 ou 0470 00 01 74", "FR", PhoneNumber{}, nil, CodePhoneTwoNumbers},
		{"cell too long", strings.Repeat("0612000262 ", 7), "FR", PhoneNumber{}, nil, CodePhoneInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warnings, err := Phone(tt.raw, tt.region)
			if code := issueCode(t, err); code != tt.err {
				t.Fatalf("Phone(%q, %q) error = %v, want code %q", tt.raw, tt.region, err, tt.err)
			}
			if got != tt.want {
				t.Errorf("Phone(%q, %q) = %+v, want %+v", tt.raw, tt.region, got, tt.want)
			}
			checkCodes(t, warnings, tt.warnings...)

			value := Text(tt.raw)
			if tt.err == CodePhoneRegionUnknown {
				value = tt.region
			}
			checkIssues(t, warnings, err, value)
		})
	}
}

func TestPhoneScientificNeverConverted(t *testing.T) {
	// 352621000000, the number that "3.52621E+11" stands for, is a valid
	// Luxembourg number, so a converted value would pass unnoticed.
	for _, raw := range []string{"3.52621E+11", "3,52621E+11", "3.52621E11"} {
		for _, region := range []string{"LU", "FR", ""} {
			got, _, err := Phone(raw, region)
			if err == nil || got != (PhoneNumber{}) {
				t.Errorf("Phone(%q, %q) = %+v, %v, want an error and no number", raw, region, got, err)
			}
		}
	}
}

func TestPhoneMessages(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		region  string
		english []string
		french  []string
	}{
		{"invalid names the country", "0470 00 01 7", "BE", []string{"Belgium", "+32"}, []string{"Belgique", "+32"}},
		{"plus assumed names both countries", "352621000171", "FR", []string{"France", "Luxembourg", "+352 621 000 171"}, []string{"France", "Luxembourg"}},
		{"ambiguous names the other reading", "33612000172", "LU", []string{"+33 6 12 00 01 72", "France", "write the number as"}, []string{"+33 6 12 00 01 72", "France"}},
		{"scientific notation gives the fix", "3.52621E+11", "LU", []string{"6 digits", "format the column as Text"}, []string{"6 premiers chiffres", "format Texte"}},
		{"region missing names the setting", "621000011", "", []string{"defaults.country"}, []string{"defaults.country"}},
		{"leading zero names the country", "612345678", "IT", []string{"Italy", "+39 06 1234 5678"}, []string{"Italie"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, warnings, err := Phone(tt.raw, tt.region)
			var issue Issue
			switch {
			case err != nil:
				issue = *err.(*Issue)
			case len(warnings) == 1:
				issue = warnings[0]
			default:
				t.Fatalf("Phone(%q, %q) gave %d warnings and no error, want one issue", tt.raw, tt.region, len(warnings))
			}

			english, french := issue.Message.In(i18n.English), issue.Message.In(i18n.French)
			for _, want := range tt.english {
				if !strings.Contains(english, want) {
					t.Errorf("English message %q does not contain %q", english, want)
				}
			}
			for _, want := range tt.french {
				if !strings.Contains(french, want) {
					t.Errorf("French message %q does not contain %q", french, want)
				}
			}
		})
	}
}

func TestPhoneCachedResultsAreCopies(t *testing.T) {
	raw, region := "352621000171", "FR"
	_, first, _ := Phone(raw, region)
	if len(first) != 1 {
		t.Fatalf("Phone(%q, %q) gave %d warnings, want 1", raw, region, len(first))
	}
	first[0].Code = "changed"

	_, second, _ := Phone(raw, region)
	if len(second) != 1 || second[0].Code != CodePhonePlusAssumed {
		t.Errorf("second call warnings = %v, want [%s]", warningCodes(second), CodePhonePlusAssumed)
	}

	_, _, err := Phone("123", "LU")
	err.(*Issue).Code = "changed"
	if _, _, again := Phone("123", "LU"); issueCode(t, again) != CodePhoneInvalid {
		t.Errorf("second call error code = %q, want %q", issueCode(t, again), CodePhoneInvalid)
	}
}

func TestPhoneCacheBounded(t *testing.T) {
	// British numbers need phonenumbers.Parse, so their results are cached.
	for i := range phoneCacheSize + 10 {
		Phone(fmt.Sprintf("+44 20 79%06d", i), "LU")
	}
	phoneResults.mu.Lock()
	size := len(phoneResults.entries)
	phoneResults.mu.Unlock()
	if size > phoneCacheSize {
		t.Errorf("cache holds %d entries, want at most %d", size, phoneCacheSize)
	}
	if size == 0 {
		t.Errorf("cache is empty after %d numbers that need the full parse", phoneCacheSize+10)
	}
}

func TestPhoneCacheSkipsQuickNumbers(t *testing.T) {
	tests := []struct {
		name, raw, region string
		cached            bool
	}{
		{"Luxembourg mobile", "+352 621 000 311", "LU", false},
		{"French national", "06 12 00 03 12", "FR", false},
		{"scientific notation", "3,52621E+11", "LU", false},
		{"British landline", "+44 20 7946 0313", "LU", true},
		{"plus assumed", "352621000314", "FR", true},
		{"too short", "+33 6 12 00", "LU", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			Phone(tt.raw, tt.region)
			_, cached := phoneResults.get(phoneKey{raw: tt.raw, region: tt.region})
			if cached != tt.cached {
				t.Errorf("Phone(%q, %q) cached its result: %v, want %v", tt.raw, tt.region, cached, tt.cached)
			}
		})
	}
}

// TestPhoneQuickParseMatchesFull checks that a parse with quickOnly set,
// when it completes, gives the result of a full parse, warnings and error
// messages included.
func TestPhoneQuickParseMatchesFull(t *testing.T) {
	random := rand.New(rand.NewPCG(37, 41))
	forms := []string{"%s", "+%s", "00%s", "0%s", "+33 (0)%s", "+352 %s", "352%s", "%s x 12", "tel:%s", "+49 %s"}
	complete, compared := 0, 0

	var examples []string
	for _, region := range quickRegions {
		examples = append(examples, exampleNumbers(t, region)...)
	}

	for range 3000 {
		// Half the digits vary an example number, so that many are valid.
		digits := randomDigits(random, 1+random.IntN(14), false)
		if random.IntN(2) == 0 {
			digits = varyDigits(random, examples[random.IntN(len(examples))], 1+random.IntN(4))
		}
		raw := fmt.Sprintf(forms[random.IntN(len(forms))], digits)
		for _, region := range []string{"LU", "FR", "BE", "DE", "IT", ""} {
			compared++
			quick := phoneParse{quickOnly: true}
			gotNumber, gotWarnings, gotIssue := quick.parse(raw, region)
			if quick.incomplete {
				continue
			}
			complete++

			var full phoneParse
			wantNumber, wantWarnings, wantIssue := full.parse(raw, region)
			if gotNumber != wantNumber {
				t.Errorf("quick parse of %q, %q = %+v, full parse = %+v", raw, region, gotNumber, wantNumber)
			}
			if got, want := describeIssues(gotWarnings, gotIssue), describeIssues(wantWarnings, wantIssue); got != want {
				t.Errorf("quick parse of %q, %q gave issues %s, full parse %s", raw, region, got, want)
			}
		}
	}

	if complete < 2000 {
		t.Errorf("only %d of %d quick parses completed: the test compares too little", complete, compared)
	}
	t.Logf("%d of %d quick parses completed", complete, compared)
}

// describeIssues renders warnings and issue with their codes and English
// messages, for comparison.
func describeIssues(warnings []Issue, issue *Issue) string {
	var b strings.Builder
	for _, warning := range warnings {
		fmt.Fprintf(&b, "[%s %s]", warning.Code, warning.Message.In(i18n.English))
	}
	if issue != nil {
		fmt.Fprintf(&b, "error [%s %s]", issue.Code, issue.Message.In(i18n.English))
	}
	return b.String()
}

func TestPhoneConcurrentUse(t *testing.T) {
	inputs := []struct{ raw, region, want string }{
		{"352621000171", "FR", "352/621000171"},
		{"0612000262", "FR", "33/612000262"},
		{"33612000172", "LU", "352/33612000172"},
		{"+32 470 00 01 74", "", "32/470000174"},
	}

	var wg sync.WaitGroup
	errs := make(chan string, 8*len(inputs)*50)
	for range 8 {
		wg.Go(func() {
			for i := range 50 * len(inputs) {
				input := inputs[i%len(inputs)]
				got, _, err := Phone(input.raw, input.region)
				if text := got.CountryCode + "/" + got.Number; err != nil || text != input.want {
					errs <- fmt.Sprintf("Phone(%q, %q) = %s, %v, want %s", input.raw, input.region, text, err, input.want)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for message := range errs {
		t.Error(message)
	}
}

func FuzzPhone(f *testing.F) {
	seeds := []struct{ raw, region string }{
		{"+352 621 000 011", "LU"}, {"3,52621E+11", "LU"}, {"352621000171", "FR"}, {"33612000172", "LU"},
		{"612345678", "IT"}, {"0612000262 x 12", "FR"}, {"0470/00.01.74", "BE"}, {"tel:00", ""}, {"+", "ZZ"},
	}
	for _, seed := range seeds {
		f.Add(seed.raw, seed.region)
	}
	f.Fuzz(func(t *testing.T, raw, region string) {
		got, warnings, err := Phone(raw, region)
		if err != nil {
			issueCode(t, err)
			if got != (PhoneNumber{}) {
				t.Fatalf("Phone(%q, %q) = %+v with error %v, want no number", raw, region, got, err)
			}
			return
		}

		if !isDigitsOnly(got.CountryCode) || !isDigitsOnly(got.Number) {
			t.Fatalf("Phone(%q, %q) = %+v, want digits only", raw, region, got)
		}
		for _, warning := range warnings {
			if warning.Code == "" || warning.Message.IsZero() {
				t.Fatalf("Phone(%q, %q) gave an empty warning %+v", raw, region, warning)
			}
		}
	})
}

func BenchmarkPhone(b *testing.B) {
	b.Run("distinct", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			// The numbers cycle through more values than the cache holds,
			// so every call parses.
			Phone(fmt.Sprintf("+352 621 %06d", i%(4*phoneCacheSize)), "LU")
			i++
		}
	})
	b.Run("national", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			Phone(fmt.Sprintf("621%06d", i%(4*phoneCacheSize)), "LU")
			i++
		}
	})
	b.Run("plus assumed", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			Phone(fmt.Sprintf("352621%06d", i%(4*phoneCacheSize)), "FR")
			i++
		}
	})
	b.Run("repeated", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Phone("+352 621 000 011", "LU")
		}
	})
}
