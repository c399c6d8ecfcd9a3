package spreadsheet

import (
	"math"
	"strconv"
	"testing"
)

func TestXLSXExactNumber(t *testing.T) {
	tests := []struct {
		raw  string
		want string
	}{
		{"352621000263", "352621000263"},
		{"3.52621000263E+11", "352621000263"},
		{"3.3612000271000001E+11", "336120002710"},
		{"0.30000000000000004", "0.3"},
		{"0.10000000000000001", "0.1"},
		{"45000.0", "45000"},
		{"45000", "45000"},
		{"-0", "0"},
		{"-12.50", "-12.5"},
		{"1E-7", "0.0000001"},
		{"0.1", "0.1"},
		{"007", "7"},
		{"1234567890123456", "1234567890123456"},
		{"1.2345678901234568E+16", "12345678901234600"},
		{"123456789.12345678", "123456789.123457"},
		{"", ""},
		{"abc", "abc"},
		{"NaN", "NaN"},
		{"Inf", "Inf"},
		{"1e400", "1e400"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			if got := exactNumber([]byte(tt.raw)); got != tt.want {
				t.Errorf("exactNumber(%q) = %q, want %q", tt.raw, got, tt.want)
			}
		})
	}
}

func TestXLSXFormatRendering(t *testing.T) {
	tests := []struct {
		name     string
		code     string
		raw      string
		date1904 bool
		want     string
	}{
		{"general", "General", "0.1", false, "0.1"},
		{"zero padding", "0#########", "612000262", false, "0612000262"},
		{"more digits than places", "000", "123456", false, "123456"},
		{"hash only zero", "#", "0", false, "0"},
		{"question mark places", "???0", "12", false, "  12"},
		{"literal around digits", `"(+352) "000" "000" "000`, "621000111", false, "(+352) 621 000 111"},
		{"escaped literal", `\-0000`, "42", false, "-0042"},
		{"negative section", `0000;\(0000\)`, "-42", false, "(0042)"},
		{"zero section literal", `0000;-0000;"none"`, "0", false, "0"},
		{"colour", `[Red]0#########;0`, "612000262", false, "0612000262"},
		{"fewer places than digits", "0#######", "612000262", false, "612000262"},
		{"percent small", "0.0%", "0.0005", false, "0.1%"},
		{"percent negative", "0%", "-0.25", false, "-25%"},
		{"percent without integer places", ".00%", "0.125", false, "12.50%"},
		{"percent hash decimals", "0.##%", "0.5", false, "50.%"},
		{"percent rounding carry", "0%", "0.9999", false, "100%"},
		{"currency code literal", `0 "EUR"`, "45000", false, "45000 EUR"},
		{"currency symbol literal", `0 "€"`, "45000", false, "45000"},
		{"thousands scaling", "0,", "45000", false, "45000"},
		{"date 1904", "yyyy-mm-dd", "43904", true, "2024-03-15"},
		{"date 1904 last day", "yyyy-mm-dd", "2957003", true, "9999-12-31"},
		{"date 1904 beyond", "yyyy-mm-dd", "2957004", true, "2957004"},
		{"date 1900 last day", "yyyy-mm-dd", "2958465", false, "9999-12-31"},
		{"date 1900 day zero", "yyyy-mm-dd", "0", false, "1900-01-00"},
		{"date 1900 leap bug", "yyyy-mm-dd", "60", false, "1900-02-29"},
		{"date almost midnight", "yyyy-mm-dd", "45366.99999999", false, "2024-03-15"},
		{"time almost midnight", "yyyy-mm-dd hh:mm", "45366.99999999", false, "2024-03-16 00:00"},
		{"minutes after hours", "h:mm", "0.5104166667", false, "12:15"},
		{"minutes before seconds", "mm:ss", "0.0006944444", false, "00:01:00"},
		{"month alone", "mmmm", "45366", false, "2024-03-15"},
		{"am pm", "h AM/PM", "0.75", false, "18:00"},
		{"elapsed minutes", "[mm]:ss", "0.04166666667", false, "1:00:00"},
		{"date format on text value", "dd/mm/yyyy", "not a number", false, "not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseCellFormat(tt.code).render([]byte(tt.raw), tt.date1904); got != tt.want {
				t.Errorf("format %q on %q: got %q, want %q", tt.code, tt.raw, got, tt.want)
			}
		})
	}
}

func TestXLSXFormatClassification(t *testing.T) {
	tests := []struct {
		code string
		want numberKind
	}{
		{"General", numberGeneral},
		{"", numberGeneral},
		{"0", numberShown},
		{"00000000", numberShown},
		{"0%", numberShown},
		{"0.00", numberPlain},
		{"#,##0", numberPlain},
		{`# ##0,00 €`, numberPlain},
		{`[$€-40C] #,##0`, numberPlain},
		{`[$-40C]0`, numberShown},
		{"0.00E+00", numberPlain},
		{"# ?/?", numberPlain},
		{"@", numberGeneral},
		{`"total"`, numberPlain},
		{"dd/mm/yyyy", numberDate},
		{"[h]:mm", numberDate},
		{`General" kg"`, numberGeneral},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if got := parseCellFormat(tt.code).sections[0].kind; got != tt.want {
				t.Errorf("kind of %q = %d, want %d", tt.code, got, tt.want)
			}
		})
	}
}

func TestXLSXOOXMLEscapes(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"plain", "plain"},
		{"_x000D_", "\r"},
		{"a_x0009_b", "a\tb"},
		{"_x005F_x0041_", "_x0041_"},
		{"_xD83D__xDE97_", "🚗"},
		{"_xD83D_ alone", "\uFFFD alone"},
		{"_x12G4_", "_x12G4_"},
		{"_x004", "_x004"},
		{"__x0041__", "_A_"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := string(decodeOOXMLEscapes([]byte(tt.in))); got != tt.want {
				t.Errorf("decodeOOXMLEscapes(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzXLSXExactNumber checks the fast path for numbers already written
// canonically against the parsing path, and that no number comes out in
// scientific notation.
func FuzzXLSXExactNumber(f *testing.F) {
	for _, seed := range []string{"0", "45000", "0.1", "-12.5", "352621000263", "1E-7", "007", "-0", "1.2345678901234568E+16", "123456789012345.5"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got := exactNumber([]byte(raw))
		value, err := strconv.ParseFloat(raw, 64)
		if err != nil || math.IsNaN(value) || math.IsInf(value, 0) {
			if got != raw {
				t.Fatalf("exactNumber(%q) = %q, want the text unchanged", raw, got)
			}
			return
		}
		if want := formatExact(value); got != want {
			t.Fatalf("exactNumber(%q) = %q, formatExact = %q", raw, got, want)
		}
		for _, c := range got {
			if c == 'e' || c == 'E' {
				t.Fatalf("exactNumber(%q) = %q is in scientific notation", raw, got)
			}
		}
	})
}

// FuzzXLSXNumberFormat checks that no format code or stored value makes
// the renderer panic.
func FuzzXLSXNumberFormat(f *testing.F) {
	for _, code := range []string{"General", "0#########", `"+33 "0 00 00 00 00`, "0.00%", `[$-40C]d mmmm yyyy;@`, "[h]:mm:ss", `_-* #,##0.00\ "€"_-;\-* #,##0.00\ "€"_-;_-* "-"??\ "€"_-;_-@_-`, "# ?/?", ";;;", `[Red][>=100]0;0`} {
		f.Add(code, "612000262.5")
	}
	f.Fuzz(func(t *testing.T, code, raw string) {
		format := parseCellFormat(code)
		format.render([]byte(raw), false)
		format.render([]byte(raw), true)
	})
}
