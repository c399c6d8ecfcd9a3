package normalize

import (
	"fmt"
	"testing"
)

// BenchmarkEmailForms measures Email on each form of address that
// dealership exports hold, valid and invalid.
func BenchmarkEmailForms(b *testing.B) {
	forms := []struct{ name, raw string }{
		{"plain", "jeanne.martin@example.lu"},
		{"accents in name", "hélène.lefèvre@example.fr"},
		{"mailto prefix", "mailto:jeanne.martin@example.lu"},
		{"two addresses", "jeanne@example.lu; paul@example.lu"},
		{"two at signs", "jeanne@@example.lu"},
		{"domain without dot", "jeanne@examplelu"},
		{"empty", ""},
	}
	for _, form := range forms {
		b.Run(form.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Email(form.raw)
			}
		})
	}
}

// BenchmarkPriceForms measures Price on each way a price is written in
// the exports: French, German and English separators, currency signs,
// and the negative and unreadable values that are rejected.
func BenchmarkPriceForms(b *testing.B) {
	forms := []struct{ name, raw string }{
		{"plain number", "45000"},
		{"french with euro", "45 000 €"},
		{"german with cents", "45.000,00"},
		{"english with cents", "45,000.00"},
		{"number with decimals", "37800.5"},
		{"negative", "-1 200 €"},
		{"not a price", "sur demande"},
	}
	for _, form := range forms {
		b.Run(form.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Price(form.raw)
			}
		})
	}
}

// BenchmarkPhoneForms measures Phone on the national and international
// forms of Luxembourg, French, Belgian and German numbers, on invalid and
// foreign numbers, and on a number mangled into scientific notation. Each
// call gets a new number, as rows of an export do, so that the result
// never comes from the cache.
func BenchmarkPhoneForms(b *testing.B) {
	forms := []struct {
		name, format, region string
	}{
		{"luxembourg national", "621 %02d%02d%02d", "LU"},
		{"luxembourg code without plus", "352 621 %02d%02d%02d", "LU"},
		{"french with trunk zero", "+33 (0)6 12 %02d %02d %02d", "LU"},
		{"french national", "06 12 %02d %02d %02d", "FR"},
		{"french too short", "+33 6 %02d %02d %02d", "LU"},
		{"belgian international", "+32 470 %02d %02d %02d", "LU"},
		{"german double zero", "0049 151 20%02d%02d%02d", "LU"},
		{"german with trunk zero", "+49 (0)151 20%02d %02d%02d", "LU"},
		{"british international", "+44 20 79%02d %02d%02d", "LU"},
		{"scientific notation", "3,526%02d%02d%02dE+11", "LU"},
	}
	for _, form := range forms {
		b.Run(form.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				n := i % (4 * phoneCacheSize)
				Phone(fmt.Sprintf(form.format, n/10000%100, n/100%100, n%100), form.region)
				i++
			}
		})
	}
}

// BenchmarkURLForms measures URL on the links and image addresses of
// dealership exports, well-formed and not.
func BenchmarkURLForms(b *testing.B) {
	forms := []struct{ name, raw string }{
		{"https with path", "https://www.example-dealer.lu/vehicules/18505215"},
		{"image", "https://img.example-dealer.lu/18505215.jpg"},
		{"http with query", "http://example.lu/a?b=c#d"},
		{"localhost with port", "http://localhost:8080/photo.jpg"},
		{"without scheme", "www.example-dealer.lu/vehicules/18505215"},
		{"other scheme", "ftp://example.lu/a"},
		{"empty", ""},
	}
	for _, form := range forms {
		b.Run(form.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				URL(form.raw)
			}
		})
	}
}
