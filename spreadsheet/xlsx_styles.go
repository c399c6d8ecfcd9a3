package spreadsheet

import (
	"errors"
	"strconv"
	"strings"
)

// styleTable maps a cell's style index (the s attribute) to the number
// format of its cellXfs entry.
type styleTable struct {
	formats []*cellFormat
}

// format returns the number format of style index s. An unknown index
// gives General, as Excel does.
func (t *styleTable) format(s int) *cellFormat {
	if s >= 0 && s < len(t.formats) {
		return t.formats[s]
	}
	return generalFormat
}

// xmlStyleSheet is the part of the styles XML the reader uses. Ids are
// kept as text so that a malformed id does not fail the whole part.
type xmlStyleSheet struct {
	NumFmts []struct {
		ID   string `xml:"numFmtId,attr"`
		Code string `xml:"formatCode,attr"`
	} `xml:"numFmts>numFmt"`
	CellXfs []struct {
		NumFmtID string `xml:"numFmtId,attr"`
	} `xml:"cellXfs>xf"`
}

// loadStyles reads the styles part. A workbook without one formats every
// cell as General.
func (p *xlsxPackage) loadStyles() (*styleTable, error) {
	table := &styleTable{}
	if p.stylesPart == "" {
		return table, nil
	}

	var sheet xmlStyleSheet
	if err := p.decodePart(p.stylesPart, &sheet); err != nil {
		if errors.Is(err, errPartMissing) {
			return table, nil
		}
		return nil, err
	}

	custom := make(map[int]string, len(sheet.NumFmts))
	for _, numFmt := range sheet.NumFmts {
		if id, err := strconv.Atoi(strings.TrimSpace(numFmt.ID)); err == nil {
			custom[id] = numFmt.Code
		}
	}

	parsed := make(map[int]*cellFormat)
	table.formats = make([]*cellFormat, len(sheet.CellXfs))
	for i, xf := range sheet.CellXfs {
		id, err := strconv.Atoi(strings.TrimSpace(xf.NumFmtID))
		if err != nil {
			id = 0
		}
		format, ok := parsed[id]
		if !ok {
			format = numberFormatByID(id, custom)
			parsed[id] = format
		}
		table.formats[i] = format
	}
	return table, nil
}

// numberFormatByID returns the format with the given id: a custom format
// of the workbook, or else one of Excel's built-in formats, or else
// General.
func numberFormatByID(id int, custom map[int]string) *cellFormat {
	if code, ok := custom[id]; ok {
		return parseCellFormat(code)
	}
	if code, ok := builtinNumberFormats[id]; ok {
		return parseCellFormat(code)
	}
	return generalFormat
}

// builtinNumberFormats are the format codes Excel implies for the
// built-in ids (ECMA-376 part 1, 18.8.30, with Excel's en-US codes). Ids
// 27-36 and 50-58 are East Asian date formats. Their exact layout does not
// matter here because dates come out as ISO dates.
var builtinNumberFormats = map[int]string{
	0:  "General",
	1:  "0",
	2:  "0.00",
	3:  "#,##0",
	4:  "#,##0.00",
	5:  `"$"#,##0_);\("$"#,##0\)`,
	6:  `"$"#,##0_);[Red]\("$"#,##0\)`,
	7:  `"$"#,##0.00_);\("$"#,##0.00\)`,
	8:  `"$"#,##0.00_);[Red]\("$"#,##0.00\)`,
	9:  "0%",
	10: "0.00%",
	11: "0.00E+00",
	12: "# ?/?",
	13: "# ??/??",
	14: "mm-dd-yy",
	15: "d-mmm-yy",
	16: "d-mmm",
	17: "mmm-yy",
	18: "h:mm AM/PM",
	19: "h:mm:ss AM/PM",
	20: "h:mm",
	21: "h:mm:ss",
	22: "m/d/yy h:mm",
	27: "yyyy-mm-dd",
	28: "yyyy-mm-dd",
	29: "yyyy-mm-dd",
	30: "yyyy-mm-dd",
	31: "yyyy-mm-dd",
	32: "h:mm:ss",
	33: "h:mm:ss",
	34: "h:mm:ss",
	35: "h:mm:ss",
	36: "yyyy-mm-dd",
	37: "#,##0 ;(#,##0)",
	38: "#,##0 ;[Red](#,##0)",
	39: "#,##0.00;(#,##0.00)",
	40: "#,##0.00;[Red](#,##0.00)",
	41: `_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)`,
	42: `_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)`,
	43: `_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)`,
	44: `_("$"* #,##0.00_);_("$"* \(#,##0.00\);_("$"* "-"??_);_(@_)`,
	45: "mm:ss",
	46: "[h]:mm:ss",
	47: "mm:ss.0",
	48: "##0.0E+0",
	49: "@",
	50: "yyyy-mm-dd",
	51: "yyyy-mm-dd",
	52: "yyyy-mm-dd",
	53: "yyyy-mm-dd",
	54: "yyyy-mm-dd",
	55: "yyyy-mm-dd",
	56: "yyyy-mm-dd",
	57: "yyyy-mm-dd",
	58: "yyyy-mm-dd",
}
