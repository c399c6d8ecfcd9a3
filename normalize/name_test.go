package normalize

import (
	"slices"
	"strings"
	"testing"
)

func TestName(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		first string
		last  string
	}{
		{"first then last", "Jeanne Martin", "Jeanne", "Martin"},
		{"capitals last name first", "MARTIN Jeanne", "Jeanne", "MARTIN"},
		{"capitals last name last", "Jeanne MARTIN", "Jeanne", "MARTIN"},
		{"comma form", "Martin, Jeanne", "Jeanne", "Martin"},
		{"comma form with title", "Martin, Mme Jeanne", "Jeanne", "Martin"},
		{"particle de", "Charles de Gaulle", "Charles", "de Gaulle"},
		{"particles van der", "Ludwig van der Rohe", "Ludwig", "van der Rohe"},
		{"particle von", "Ursula von Leyen", "Ursula", "von Leyen"},
		{"particle da", "Ana Da Silva", "Ana", "Da Silva"},
		{"particle before capitals", "Jean de LA FONTAINE", "Jean", "de LA FONTAINE"},
		{"capital particles first", "VAN DER BERG Jan", "Jan", "VAN DER BERG"},
		{"title Mme", "Mme Jeanne Martin", "Jeanne", "Martin"},
		{"title M.", "M. Paul Schmit", "Paul", "Schmit"},
		{"title Dr. and Herr", "Herr Dr. Klaus Weber", "Klaus", "Weber"},
		{"title Frau", "Frau Anna Müller", "Anna", "Müller"},
		{"title Mlle in capitals", "MLLE Sophie MULLER", "Sophie", "MULLER"},
		{"title and last name only", "Mme Martin", "", "Martin"},
		{"title only", "Dr", "", ""},
		{"one word", "Jeanne", "Jeanne", ""},
		{"hyphenated first name", "Jean-Pierre Martin", "Jean-Pierre", "Martin"},
		{"two first names", "Anne Marie Martin", "Anne Marie", "Martin"},
		{"hyphenated capitals", "Jean-Pierre MARTIN-DUPONT", "Jean-Pierre", "MARTIN-DUPONT"},
		{"all capitals", "JEANNE MARTIN", "JEANNE", "MARTIN"},
		{"initial not capitals", "J. Martin", "J.", "Martin"},
		{"first word particle", "Van Morrison", "Van", "Morrison"},
		{"casing unchanged", "jeanne martin", "jeanne", "martin"},
		{"spaces cleaned", "  Jeanne\u00a0\u00a0Martin\u200b ", "Jeanne", "Martin"},
		{"empty", " ", "", ""},
		{"comma without first name", "Martin,", "Martin", ""},
		{"bare M is an initial", "M Martin", "M", "Martin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, last := Name(tt.in)
			if first != tt.first || last != tt.last {
				t.Errorf("Name(%q) = %q, %q, want %q, %q", tt.in, first, last, tt.first, tt.last)
			}
		})
	}
}

func FuzzName(f *testing.F) {
	for _, seed := range []string{"Jeanne Martin", "MARTIN Jeanne", "Martin, Jeanne", "Mme de LA FONTAINE Jean", ",", "de de de", "M. ,"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		first, last := Name(raw)
		for _, part := range []string{first, last} {
			if Text(part) != part {
				t.Fatalf("Name(%q) = %q, %q, want parts cleaned by Text", raw, first, last)
			}
		}

		// Every word of the result comes from the input, and none twice
		// more often than there.
		input := strings.Fields(strings.ReplaceAll(Text(raw), ",", " "))
		for _, word := range strings.Fields(first + " " + last) {
			i := slices.Index(input, word)
			if i < 0 {
				t.Fatalf("Name(%q) = %q, %q, word %q is not in the input", raw, first, last, word)
			}
			input = slices.Delete(input, i, i+1)
		}
	})
}
