package spreadsheet

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// csvTestEncoding writes test files in one encoding.
type csvTestEncoding struct {
	name string
	// want is the name Table.Encoding returns.
	want string
	// bom is written before the encoded text.
	bom     string
	encoder *encoding.Encoder
	// company and comment are values with characters the encoding has,
	// including the bytes that tell it from its neighbours.
	company string
	comment string
}

var csvTestEncodings = []csvTestEncoding{
	{name: "utf-8", want: "utf-8", encoder: encoding.Nop.NewEncoder(),
		company: "Auto Łódź Sàrl ✓", comment: "Budget 15 000 € 🚗"},
	{name: "utf-8 BOM", want: "utf-8", bom: "\xEF\xBB\xBF", encoder: encoding.Nop.NewEncoder(),
		company: "Garage Cœur d’Alsace", comment: "Intéressée 🚙"},
	{name: "utf-16le BOM", want: "utf-16le", encoder: unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder(),
		company: "Auto Łódź Sàrl", comment: "Budget 15 000 € 🚗"},
	{name: "utf-16be BOM", want: "utf-16be", encoder: unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder(),
		company: "Société Générale Œuvre", comment: "Réf. ½ 🚙"},
	{name: "windows-1252", want: "windows-1252", encoder: charmap.Windows1252.NewEncoder(),
		company: "Garage Cœur d’Alsace", comment: "Budget 15 000 € maximum"},
	{name: "iso-8859-15", want: "iso-8859-15", encoder: charmap.ISO8859_15.NewEncoder(),
		company: "Garage Cœur Škoda", comment: "Budget 15 000 € maximum"},
}

var csvTestLineEnds = []struct {
	name string
	end  string
}{
	{"CRLF", "\r\n"},
	{"LF", "\n"},
	{"CR", "\r"},
}

// csvQuote quotes value as Excel does when it contains the delimiter, a
// quote or a line break.
func csvQuote(value string, delim byte) string {
	if !strings.ContainsAny(value, string(delim)+"\"\r\n") {
		return value
	}
	return `"` + strings.ReplaceAll(value, `"`, `""`) + `"`
}

// TestCSVGeneratedVariants writes the same table in every encoding, with
// every delimiter and line end, and reads it back.
func TestCSVGeneratedVariants(t *testing.T) {
	for _, enc := range csvTestEncodings {
		for _, delim := range csvDelimiterCandidates {
			for _, le := range csvTestLineEnds {
				name := fmt.Sprintf("%s/%q/%s", enc.name, delim, le.name)
				t.Run(name, func(t *testing.T) {
					header := []string{"Prénom", "Nom", "Société", "Commentaire"}
					records := [][]string{
						{"Hélène", "Lefèvre", enc.company, enc.comment},
						{"Jean", `O"Brien`, "Martin, Fils; Cie | Tab\tSA", "Ligne 1" + le.end + "Ligne 2\nLigne 3"},
						{"", "", "", ""},
						{"Zoé", "Noël", `"Le Lion"`, ""},
					}
					var b strings.Builder
					for _, rec := range append([][]string{header}, records...) {
						for i, v := range rec {
							if i > 0 {
								b.WriteByte(delim)
							}
							b.WriteString(csvQuote(v, delim))
						}
						b.WriteString(le.end)
					}
					b.WriteString(le.end) // a blank line at the end

					encoded, err := enc.encoder.String(b.String())
					if err != nil {
						t.Fatalf("encode: %v", err)
					}
					data := []byte(enc.bom + encoded)

					for _, opts := range []Options{{}, {Encoding: enc.want, Delimiter: string(delim)}} {
						table, rows := csvReadBytes(t, data, opts)
						if got := table.Encoding(); got != enc.want {
							t.Errorf("options %+v: Encoding() = %q, want %q", opts, got, enc.want)
						}
						if got := table.Delimiter(); got != rune(delim) {
							t.Errorf("options %+v: Delimiter() = %q, want %q", opts, got, delim)
						}
						if got := strings.Join(table.Header(), "|"); got != strings.Join(header, "|") {
							t.Errorf("options %+v: Header() = %q, want %q", opts, got, header)
						}
						csvCheckRows(t, rows, []csvWantRow{
							{number: 2, cells: records[0]},
							{number: 3, cells: []string{"Jean", `O"Brien`, "Martin, Fils; Cie | Tab\tSA", "Ligne 1\nLigne 2\nLigne 3"}},
							{number: 5, cells: records[3]},
						})
						csvCheckClean(t, rows)
					}
				})
			}
		}
	}
}
