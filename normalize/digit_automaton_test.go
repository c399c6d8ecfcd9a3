package normalize

import (
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

func TestCompileDigitAutomaton(t *testing.T) {
	tests := []struct {
		name      string
		patterns  []string
		anchorEnd bool
		input     string
		want      uint16
	}{
		{"literal", []string{"800"}, true, "800", 1},
		{"literal too long", []string{"800"}, true, "8001", 0},
		{"class and repeat", []string{`[2-9]\d{2,3}`}, true, "2345", 1},
		{"repeat too short", []string{`[2-9]\d{2,3}`}, true, "23", 0},
		{"alternation", []string{`1(?:2|34)`}, true, "134", 1},
		{"capture group", []string{`(15)\d`}, true, "159", 1},
		{"letters never match", []string{"NA"}, true, "62", 0},
		{"empty pattern matches empty input", []string{""}, true, "", 1},
		{"empty pattern rejects digits", []string{""}, true, "1", 0},
		{"two patterns", []string{`6\d{8}`, `[2-9]\d{8}`}, true, "621000011", 3},
		{"second pattern only", []string{`6\d{8}`, `[2-9]\d{8}`}, true, "521000011", 2},
		{"prefix", []string{"0"}, false, "0612", 1},
		{"prefix not at start", []string{"0"}, false, "6012", 0},
		{"prefix needs more digits", []string{`15\d`}, false, "15", 0},
		{"empty prefix matches", []string{""}, false, "12", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			automaton, ok := compileDigitAutomaton(tt.patterns, tt.anchorEnd)
			if !ok {
				t.Fatalf("compileDigitAutomaton(%q) failed", tt.patterns)
			}
			got := matchDigits(automaton, tt.input)
			if !tt.anchorEnd {
				got = matchDigitsPrefix(automaton, tt.input)
			}
			if got != tt.want {
				t.Errorf("match of %q with %q = %b, want %b", tt.input, tt.patterns, got, tt.want)
			}
		})
	}
}

func TestCompileDigitAutomatonRejects(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
	}{
		{"start anchor", `^1\d`},
		{"end anchor", `1\d$`},
		{"word boundary", `\b1`},
		{"not a word boundary", `1\B2`},
		{"text start", `\A1`},
		{"syntax error", `1(2`},
		{"unmatched closing bracket", `1)|(2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := compileDigitAutomaton([]string{tt.pattern}, true); ok {
				t.Errorf("compileDigitAutomaton(%q) succeeded, want it rejected", tt.pattern)
			}
		})
	}
	if _, ok := compileDigitAutomaton(make([]string, maxAutomatonPatterns+1), true); ok {
		t.Errorf("compileDigitAutomaton with %d patterns succeeded, want it rejected", maxAutomatonPatterns+1)
	}
}

// TestDigitAutomatonMatchesRegexp compares the automaton with Go's regexp
// package on the patterns of every region in the phone metadata: the
// number descriptions run together as full matches, the national and
// international prefixes as prefix matches. The inputs are random digit
// strings and the example numbers with their last digits varied.
func TestDigitAutomatonMatchesRegexp(t *testing.T) {
	collection, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatalf("MetadataCollection: %v", err)
	}
	random := rand.New(rand.NewPCG(19, 23))
	compiled, rejected, compared := 0, 0, 0

	check := func(region string, patterns []string, anchorEnd bool, inputs []string) {
		t.Helper()
		automaton, ok := compileDigitAutomaton(patterns, anchorEnd)
		if !ok {
			rejected++
			return
		}
		compiled++

		expressions := make([]*regexp.Regexp, len(patterns))
		for i, pattern := range patterns {
			expression := "^(?:" + pattern + ")"
			if anchorEnd {
				expression += "$"
			}
			expressions[i] = regexp.MustCompile(expression)
		}
		for _, input := range inputs {
			compared++
			got := matchDigitsPrefix(automaton, input)
			if anchorEnd {
				got = matchDigits(automaton, input)
			}
			for i, expression := range expressions {
				if want := expression.MatchString(input); (got>>i&1 == 1) != want {
					t.Errorf("%s: pattern %q on %q: automaton %v, regexp %v", region, patterns[i], input, !want, want)
				}
			}
		}
	}

	for _, metadata := range collection.GetMetadata() {
		region := metadata.GetId()
		descriptions := []*phonenumbers.PhoneNumberDesc{
			metadata.GetGeneralDesc(), metadata.GetFixedLine(), metadata.GetMobile(), metadata.GetTollFree(),
			metadata.GetPremiumRate(), metadata.GetSharedCost(), metadata.GetPersonalNumber(), metadata.GetVoip(),
			metadata.GetPager(), metadata.GetUan(), metadata.GetVoicemail(),
		}
		var patterns, inputs []string
		for _, description := range descriptions {
			patterns = append(patterns, description.GetNationalNumberPattern())
			if example := description.GetExampleNumber(); example != "" {
				for count := 1; count <= 4; count++ {
					inputs = append(inputs, varyDigits(random, example, count), varyDigits(random, example, count)+"0")
				}
				inputs = append(inputs, example, example[:len(example)-1])
			}
		}
		for range 40 {
			inputs = append(inputs, randomDigits(random, random.IntN(18), false))
		}
		check(region, patterns, true, inputs)

		for _, prefix := range []string{metadata.GetNationalPrefixForParsing(), metadata.GetInternationalPrefix()} {
			if prefix == "" {
				continue
			}
			prefixInputs := []string{"", "0", "00", "011", "1500", "8106"}
			for range 40 {
				prefixInputs = append(prefixInputs, randomDigits(random, random.IntN(8), false))
			}
			check(region, []string{prefix}, false, prefixInputs)
		}
	}

	if compiled == 0 || compared < 10000 {
		t.Errorf("compiled %d pattern sets and compared %d inputs: the test compares too little", compiled, compared)
	}
	t.Logf("%d pattern sets compiled, %d rejected, %d inputs compared", compiled, rejected, compared)
}

func TestDigitAutomatonStateLimit(t *testing.T) {
	// The automaton has the dead state, the start state and one state per
	// digit read, 7 in all.
	pattern := `\d{5}`
	if _, ok := compileDigitAutomatonLimit([]string{pattern}, true, 7); !ok {
		t.Errorf("%q did not fit in 7 states", pattern)
	}
	if _, ok := compileDigitAutomatonLimit([]string{pattern}, true, 6); ok {
		t.Errorf("%q fit in 6 states, want it rejected", pattern)
	}
}
