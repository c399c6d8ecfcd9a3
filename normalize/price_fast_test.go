package normalize

import "testing"

// checkPriceFastPaths fails when a shortcut of Price gives another result
// than the general code it skips.
func checkPriceFastPaths(t *testing.T, value string) {
	t.Helper()
	if plain, ok := plainAmount(value); ok {
		amount, negative, ok := unwrapMarkedAmount(value)
		if amount != plain || negative || !ok {
			t.Errorf("unwrapMarkedAmount(%q) = %q, %v, %v, want %q, false, true", value, amount, negative, ok, plain)
		}
	}
	if isDigitsOnly(value) {
		wantCents, wantRounded, wantIssue := parseSeparatedAmount(value, value)
		cents, rounded, issue := parseWholeUnits(value, value)
		if cents != wantCents || rounded != wantRounded || (issue == nil) != (wantIssue == nil) {
			t.Errorf("parseWholeUnits(%q) = %d, %v, %v, want %d, %v, %v", value, cents, rounded, issue, wantCents, wantRounded, wantIssue)
		}
	}
}

func TestPriceFastPathsMatchGeneralCode(t *testing.T) {
	for _, value := range []string{
		"0", "7", "45000", "045000", "000", "45 000", "45.000,00", "45,000.50", "1'234", "9999999999999",
		"12345678901234567890", "4 5", "45 €", "€45", "(45)", "45-", "-45", "45,-", "4", "1.5",
		"45 000 €", "45000€", "45,00 €", "€", " €", "45 € €", "(45 €)", "45 EUR", "-45 €",
	} {
		t.Run(value, func(t *testing.T) {
			checkPriceFastPaths(t, value)
		})
	}
}

func FuzzPriceFastPaths(f *testing.F) {
	f.Add("45 000")
	f.Add("0012")
	f.Fuzz(func(t *testing.T, value string) {
		checkPriceFastPaths(t, value)
	})
}
