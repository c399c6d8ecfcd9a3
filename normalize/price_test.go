package normalize

import (
	"math"
	"strconv"
	"testing"
)

func TestPrice(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     float64
		warnings []string
		err      string
	}{
		// Prices as text in several locales.
		{"French spaces and euro", "45\u202f000\u00a0€", 45000, nil, ""},
		{"German grouping and decimals", "45.000,00", 45000, nil, ""},
		{"English grouping and decimals", "45,000.00", 45000, nil, ""},
		{"German decimals and euro", "1.355,90 €", 1355.9, nil, ""},
		{"French decimals and EUR", "14 000,12 EUR", 14000.12, nil, ""},
		{"negative", "-500", 0, nil, CodePriceNegative},

		{"plain integer", "45000", 45000, nil, ""},
		{"plain decimals", "45000.50", 45000.5, nil, ""},
		{"comma decimals", "45000,5", 45000.5, nil, ""},
		{"dot grouping of three", "45.000", 45000, nil, ""},
		{"comma grouping of three", "1,355", 1355, nil, ""},
		{"zero before three decimals", "0,500", 0.5, nil, ""},
		{"several groups", "1.000.000", 1000000, nil, ""},
		{"apostrophe grouping", "45'000.00", 45000, nil, ""},
		{"typographic apostrophe and CHF", "CHF 45’000", 45000, nil, ""},
		{"dash for no cents", "45.000,-", 45000, nil, ""},
		{"Swiss francs with dash", "Fr. 45'000.-", 45000, nil, ""},
		{"euro before", "€45,000", 45000, nil, ""},
		{"dollar code before", "USD 1,234.56", 1234.56, nil, ""},
		{"pound sign", "£ 12 500", 12500, nil, ""},
		{"word euros", "45 000 euros", 45000, nil, ""},
		{"explicit plus", "+500", 500, nil, ""},
		{"leading decimal separator", ",50", 0.5, nil, ""},
		{"zero", "0", 0, nil, ""},
		{"minus zero", "-0", 0, nil, ""},
		{"rounded half up", "0.995", 1, []string{CodePriceRounded}, ""},
		{"four decimals rounded", "12.3456", 12.35, []string{CodePriceRounded}, ""},
		{"trailing zeros not rounded", "12.5000", 12.5, nil, ""},

		{"empty", " \u00a0", 0, nil, CodePriceEmpty},
		{"parentheses", "(500)", 0, nil, CodePriceNegative},
		{"trailing minus", "500-", 0, nil, CodePriceNegative},
		{"minus sign character", "−1 500 €", 0, nil, CodePriceNegative},
		{"minus before euro", "-€500", 0, nil, CodePriceNegative},
		{"on request", "sur demande", 0, nil, CodePriceInvalid},
		{"not available", "N/A", 0, nil, CodePriceInvalid},
		{"thousands suffix", "45k", 0, nil, CodePriceInvalid},
		{"currency only", "€", 0, nil, CodePriceInvalid},
		{"bad grouping", "4 50", 0, nil, CodePriceInvalid},
		{"mixed grouping", "1 000.000,5", 0, nil, CodePriceInvalid},
		{"trailing separator", "45.", 0, nil, CodePriceInvalid},
		{"two separators in a row", "45.,00", 0, nil, CodePriceInvalid},
		{"too many digits", "9999999999999", 0, nil, CodePriceInvalid},
		{"currency glued to word", "45 EUROPE", 0, nil, CodePriceInvalid},
		{"scientific notation", "4.5E+04", 0, nil, CodePriceInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warnings, err := Price(tt.in)
			if code := issueCode(t, err); code != tt.err {
				t.Fatalf("Price(%q) error = %v, want code %q", tt.in, err, tt.err)
			}
			if got != tt.want {
				t.Errorf("Price(%q) = %v, want %v", tt.in, got, tt.want)
			}
			checkCodes(t, warnings, tt.warnings...)
			checkIssues(t, warnings, err, Text(tt.in))
		})
	}
}

func TestPriceExactCents(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"1.355,90 €", "1355.9"},
		{"14 000,12 EUR", "14000.12"},
		{"0,10", "0.1"},
		{"0.29", "0.29"},
		{"1 234 567,89", "1234567.89"},
		{"999 999 999 999,99", "999999999999.99"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, _, err := Price(tt.in)
			if err != nil {
				t.Fatalf("Price(%q) error = %v", tt.in, err)
			}
			if text := strconv.FormatFloat(got, 'f', -1, 64); text != tt.want {
				t.Errorf("Price(%q) prints as %s, want %s", tt.in, text, tt.want)
			}
		})
	}
}

func FuzzPrice(f *testing.F) {
	for _, seed := range []string{"45 000 €", "45.000,00", "45,000.00", "-500", "(500)", "0.995", ",5", "45'000.-", "EUR", "1e5"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, _, err := Price(raw)
		if err != nil {
			issueCode(t, err)
			if got != 0 {
				t.Fatalf("Price(%q) = %v with error %v, want 0", raw, got, err)
			}
			return
		}

		if got < 0 || math.IsNaN(got) || math.IsInf(got, 0) {
			t.Fatalf("Price(%q) = %v, want a finite amount of zero or more", raw, got)
		}
		if cents := math.Round(got * 100); cents/100 != got {
			t.Fatalf("Price(%q) = %v is not a whole number of cents", raw, got)
		}
		if got >= 1e12 {
			t.Fatalf("Price(%q) = %v is above the limit", raw, got)
		}
	})
}

func BenchmarkPrice(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Price("1.355,90 €")
	}
}
