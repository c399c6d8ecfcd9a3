package normalize

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// readColumn returns the cells of column (0-based) of a ";"-separated case
// file under testdata/cases, keyed by the row number Excel shows.
func readColumn(t *testing.T, file string, column int) map[int]string {
	t.Helper()

	f, err := os.Open(filepath.Join("..", "testdata", "cases", file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	reader := csv.NewReader(f)
	reader.Comma = ';'
	records, err := reader.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}

	cells := make(map[int]string)
	for i, record := range records[1:] {
		cells[i+2] = record[column]
	}
	return cells
}

func TestCaseNoBreakAndZeroWidthSpaces(t *testing.T) {
	emails := readColumn(t, "c14_nbsp_and_zero_width_spaces.csv", 2)
	phones := readColumn(t, "c14_nbsp_and_zero_width_spaces.csv", 3)
	lastNames := readColumn(t, "c14_nbsp_and_zero_width_spaces.csv", 1)

	tests := []struct {
		row      int
		lastName string
		email    string
		phone    PhoneNumber
	}{
		{2, "Martin", "jeanne.martin@example.lu", PhoneNumber{"352", "621000141"}},
		{3, "Schmit", "paul.schmit@example.com", PhoneNumber{"352", "621000142"}},
	}
	for _, tt := range tests {
		if got := Text(lastNames[tt.row]); got != tt.lastName {
			t.Errorf("row %d: last name = %q, want %q", tt.row, got, tt.lastName)
		}

		email, _, err := Email(emails[tt.row])
		if err != nil || email != tt.email {
			t.Errorf("row %d: email = %q, %v, want %q", tt.row, email, err, tt.email)
		}
		if n := utf8.RuneCountInString(email); n != len(tt.email) {
			t.Errorf("row %d: email has %d characters, want %d", tt.row, n, len(tt.email))
		}

		phone, _, err := Phone(phones[tt.row], "LU")
		if err != nil || phone != tt.phone {
			t.Errorf("row %d: phone = %+v, %v, want %+v", tt.row, phone, err, tt.phone)
		}
	}
}

func TestCaseScientificNotationPhones(t *testing.T) {
	phones := readColumn(t, "c15_phone_scientific_notation.csv", 3)

	tests := []struct {
		row  int
		want PhoneNumber
		err  string
	}{
		{2, PhoneNumber{}, CodePhoneScientificNotation},
		{3, PhoneNumber{}, CodePhoneScientificNotation},
		{4, PhoneNumber{"352", "621000153"}, ""},
	}
	for _, tt := range tests {
		got, _, err := Phone(phones[tt.row], "LU")
		if code := issueCode(t, err); code != tt.err || got != tt.want {
			t.Errorf("row %d: Phone(%q) = %+v, %q, want %+v, %q", tt.row, phones[tt.row], got, code, tt.want, tt.err)
		}
	}
}

func TestCasePlusSignLost(t *testing.T) {
	phones := readColumn(t, "c17_phone_plus_sign_lost.csv", 3)

	tests := []struct {
		row      int
		want     PhoneNumber
		warnings []string
	}{
		{2, PhoneNumber{"352", "621000171"}, []string{CodePhonePlusAssumed}},
		{3, PhoneNumber{"33", "612000172"}, nil},
		{4, PhoneNumber{"352", "621000173"}, nil},
		{5, PhoneNumber{"32", "470000174"}, nil},
		{6, PhoneNumber{"352", "621000175"}, nil},
	}
	for _, tt := range tests {
		got, warnings, err := Phone(phones[tt.row], "FR")
		if err != nil || got != tt.want {
			t.Errorf("row %d: Phone(%q, FR) = %+v, %v, want %+v", tt.row, phones[tt.row], got, err, tt.want)
		}
		checkCodes(t, warnings, tt.warnings...)
	}
}

func TestCaseEmailVariants(t *testing.T) {
	emails := readColumn(t, "c18_email_variants.csv", 2)

	tests := []struct {
		row      int
		want     string
		warnings []string
		err      string
	}{
		{2, "Jeanne.Martin@example.lu", nil, ""},
		{3, "paul.schmit@example.com", []string{CodeEmailMailtoRemoved}, ""},
		{4, "", nil, CodeEmailTwoAddresses},
		{5, "", nil, CodeEmailInvalid},
		{6, "", nil, CodeEmailInvalid},
		{7, "sophie.muller@example.com", []string{CodeEmailDisplayNameRemoved}, ""},
	}
	for _, tt := range tests {
		got, warnings, err := Email(emails[tt.row])
		if code := issueCode(t, err); code != tt.err || got != tt.want {
			t.Errorf("row %d: Email(%q) = %q, %q, want %q, %q", tt.row, emails[tt.row], got, code, tt.want, tt.err)
		}
		checkCodes(t, warnings, tt.warnings...)
	}
}

func TestCasePriceFormats(t *testing.T) {
	prices := readColumn(t, "c20_price_text_formats.csv", 3)

	tests := []struct {
		row  int
		want float64
		err  string
	}{
		{2, 45000, ""},
		{3, 45000, ""},
		{4, 45000, ""},
		{5, 1355.9, ""},
		{6, 14000.12, ""},
		{7, 0, CodePriceNegative},
	}
	for _, tt := range tests {
		got, _, err := Price(prices[tt.row])
		if code := issueCode(t, err); code != tt.err || got != tt.want {
			t.Errorf("row %d: Price(%q) = %v, %q, want %v, %q", tt.row, prices[tt.row], got, code, tt.want, tt.err)
		}
	}
}
