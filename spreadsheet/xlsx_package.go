package spreadsheet

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"net/url"
	"path"
	"strings"
)

// Limits against hostile or damaged workbooks. Excel's own limits are
// 1,048,576 rows, 16,384 columns and 32,767 characters per cell, so the
// byte limits leave a wide margin for real exports.
const (
	maxSheetPartSize         = 1 << 30   // uncompressed worksheet XML
	maxSharedStringsPartSize = 256 << 20 // uncompressed shared string table
	maxSmallPartSize         = 64 << 20  // workbook, relationships, styles
	maxCellSize              = 1 << 20   // text of one cell
	maxSharedStrings         = 16 << 20  // entries in the shared string table
	maxMergeRanges           = 1 << 20   // merged ranges in one sheet
	maxExcelRows             = 1048576
	maxExcelColumns          = 16384

	// NOTE: the ratio limit is an estimate. Worksheets written by excelize
	// v2.11.1 compress about 10 times (measured on generated lead exports
	// and on sheets of styled empty cells). A single deflate stream cannot
	// exceed about 1032 times, so the limit rejects parts made mostly of
	// repeated bytes.
	maxCompressionRatio = 200
	ratioCheckMinSize   = 16 << 20 // parts smaller than this are not ratio-checked
)

// Relationship types, matched by suffix so that both the transitional and
// the strict OOXML namespaces are understood.
const (
	relOfficeDocument = "/officeDocument"
	relWorksheet      = "/worksheet"
	relChartsheet     = "/chartsheet"
	relDialogsheet    = "/dialogsheet"
	relMacrosheet     = "/xlMacrosheet"
	relSharedStrings  = "/sharedStrings"
	relStyles         = "/styles"
)

// Sheet visibilities as SheetInfo reports them, spelled as in the
// workbook's state attribute.
const (
	VisibilityVisible    = "visible"
	VisibilityHidden     = "hidden"
	VisibilityVeryHidden = "veryHidden"
)

// xlsxPackage is an open XLSX file: its ZIP archive and the workbook-level
// parts every sheet needs.
type xlsxPackage struct {
	path     string
	archive  *zip.ReadCloser
	parts    map[string]*zip.File // by normalized part name
	sheets   []workbookSheet
	date1904 bool

	sharedStringsPart string
	stylesPart        string
	strings           *sharedStrings // loaded by loadCellParts
	styles            *styleTable    // loaded by loadCellParts
}

// workbookSheet is one sheet of the workbook, in tab order.
type workbookSheet struct {
	name       string
	visibility string
	part       string // the sheet's XML part, "" when the workbook names none
	relType    string // relWorksheet, relChartsheet...
}

func (s workbookSheet) isWorksheet() bool {
	return s.relType == relWorksheet
}

// openPackage opens the ZIP archive at path and reads its workbook part.
func openPackage(filePath string) (*xlsxPackage, error) {
	archive, err := zip.OpenReader(filePath)
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return nil, err
	}
	if err != nil {
		return nil, newXLSXError(filePath, "", "xlsx_invalid_zip", err,
			"the file is not a valid XLSX workbook because its ZIP structure is damaged (%v); open it in Excel and save it again as .xlsx", err)
	}

	pkg := &xlsxPackage{path: filePath, archive: archive, parts: make(map[string]*zip.File, len(archive.File))}
	for _, f := range archive.File {
		pkg.parts[normalizePartName(f.Name)] = f
	}
	if err := pkg.readWorkbook(); err != nil {
		archive.Close()
		return nil, err
	}
	return pkg, nil
}

// Close closes the archive and removes the temporary files of the shared
// string table, if it has any.
func (p *xlsxPackage) Close() error {
	return errors.Join(p.archive.Close(), p.strings.close())
}

// normalizePartName turns a ZIP entry name or relationship target into the
// key of the parts map. OPC part names are case-insensitive, and some
// producers write backslashes.
func normalizePartName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	return strings.ToLower(strings.TrimPrefix(name, "/"))
}

// openPart opens the part name for reading, checking its declared size and
// compression ratio and stopping the reader beyond limit bytes.
func (p *xlsxPackage) openPart(name string, limit int64) (io.ReadCloser, error) {
	f := p.parts[normalizePartName(name)]
	if f == nil {
		return nil, errPartMissing
	}

	size := f.UncompressedSize64
	if size > uint64(limit) {
		return nil, newXLSXError(p.path, "", "xlsx_part_too_large", nil,
			"the part %s is %s when uncompressed, over the limit of %s; the file may be a zip bomb or not a real Excel export: open it in Excel, keep only the data to import and save it again",
			name, formatBytes(int64(min(size, 1<<62))), formatBytes(limit))
	}
	if size >= ratioCheckMinSize && size > maxCompressionRatio*f.CompressedSize64 {
		return nil, newXLSXError(p.path, "", "xlsx_part_too_large", nil,
			"the part %s expands %d times when uncompressed, over the limit of %d times; the file may be a zip bomb: open it in Excel and save it again",
			name, size/max(f.CompressedSize64, 1), maxCompressionRatio)
	}

	rc, err := f.Open()
	if err != nil {
		return nil, p.partError(name, err)
	}
	return &limitedPart{ReadCloser: rc, remaining: limit}, nil
}

var (
	errPartMissing  = errors.New("part missing")
	errPartTooLarge = errors.New("part larger than its limit")
)

// limitedPart reads a part and fails with errPartTooLarge after limit
// bytes, whatever the ZIP headers declared.
type limitedPart struct {
	io.ReadCloser
	remaining int64
}

func (l *limitedPart) Read(b []byte) (int, error) {
	if int64(len(b)) > l.remaining+1 {
		b = b[:l.remaining+1]
	}
	n, err := l.ReadCloser.Read(b)
	l.remaining -= int64(n)
	if l.remaining < 0 {
		return n, errPartTooLarge
	}
	return n, err
}

// partError turns an error met while reading a part into an *XLSXError.
func (p *xlsxPackage) partError(name string, err error) error {
	var xerr *XLSXError
	switch {
	case errors.As(err, &xerr):
		return err
	case errors.Is(err, errPartMissing):
		return newXLSXError(p.path, "", "xlsx_invalid_part", err,
			"the part %s is missing, so the file is damaged; open it in Excel and save it again", name)
	case errors.Is(err, errPartTooLarge):
		return newXLSXError(p.path, "", "xlsx_part_too_large", err,
			"the part %s is larger than its limit when uncompressed; the file may be a zip bomb: open it in Excel and save it again", name)
	case errors.Is(err, errTokenTooLarge):
		return newXLSXError(p.path, "", "xlsx_invalid_part", err,
			"the part %s contains a value or tag larger than %s, more than Excel allows; open the file in Excel and save it again", name, formatBytes(maxCellSize))
	}
	return newXLSXError(p.path, "", "xlsx_invalid_part", err,
		"the part %s is damaged (%v); open the file in Excel and save it again", name, err)
}

// xmlRelationships is a relationships part (*.rels).
type xmlRelationships struct {
	Items []struct {
		ID         string `xml:"Id,attr"`
		Type       string `xml:"Type,attr"`
		Target     string `xml:"Target,attr"`
		TargetMode string `xml:"TargetMode,attr"`
	} `xml:"Relationship"`
}

// xmlWorkbook is the part of the workbook XML the reader uses.
type xmlWorkbook struct {
	Properties struct {
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Sheets []struct {
		Name  string `xml:"name,attr"`
		State string `xml:"state,attr"`
		RelID string `xml:"id,attr"` // r:id
	} `xml:"sheets>sheet"`
}

// decodePart unmarshals a small XML part into v.
func (p *xlsxPackage) decodePart(name string, v any) error {
	rc, err := p.openPart(name, maxSmallPartSize)
	if err != nil {
		return err
	}
	defer rc.Close()

	decoder := xml.NewDecoder(rc)
	decoder.CharsetReader = func(charset string, input io.Reader) (io.Reader, error) {
		// XLSX parts are UTF-8 or UTF-16. encoding/xml rejects the BOM of
		// a UTF-16 part anyway, so other charsets are passed through.
		return input, nil
	}
	if err := decoder.Decode(v); err != nil {
		return p.partError(name, err)
	}
	return nil
}

// relationships reads the relationships of the part source, keyed by id.
// A missing relationships part gives an empty map.
func (p *xlsxPackage) relationships(source string) (map[string]relationship, error) {
	dir, file := path.Split(source)
	relsName := path.Join(dir, "_rels", file+".rels")
	var rels xmlRelationships
	if err := p.decodePart(relsName, &rels); err != nil {
		if errors.Is(err, errPartMissing) {
			return map[string]relationship{}, nil
		}
		return nil, err
	}

	byID := make(map[string]relationship, len(rels.Items))
	for _, item := range rels.Items {
		if strings.EqualFold(item.TargetMode, "External") {
			continue
		}
		byID[item.ID] = relationship{relType: item.Type, target: resolveTarget(dir, item.Target)}
	}
	return byID, nil
}

type relationship struct {
	relType string
	target  string // part name, resolved
}

// resolveTarget resolves a relationship target against the folder of its
// source part. A target starting with "/" is relative to the package root.
func resolveTarget(dir, target string) string {
	if unescaped, err := url.PathUnescape(target); err == nil {
		target = unescaped
	}
	if strings.HasPrefix(target, "/") {
		return path.Clean(target)[1:]
	}
	return strings.TrimPrefix(path.Clean("/"+dir+target), "/")
}

// readWorkbook finds the workbook part and reads its sheet list, its date
// system and where the shared strings and styles are.
func (p *xlsxPackage) readWorkbook() error {
	workbookPart := "xl/workbook.xml"
	rootRels, err := p.relationships("")
	if err != nil {
		return err
	}
	for _, rel := range rootRels {
		if strings.HasSuffix(rel.relType, relOfficeDocument) {
			workbookPart = rel.target
		}
	}

	var workbook xmlWorkbook
	if err := p.decodePart(workbookPart, &workbook); err != nil {
		if errors.Is(err, errPartMissing) {
			return newXLSXError(p.path, "", "xlsx_not_workbook", err,
				"the file is a ZIP archive but not an Excel workbook, because it has no %s; save it from Excel as \"Excel Workbook (.xlsx)\"", workbookPart)
		}
		return err
	}
	p.date1904 = workbook.Properties.Date1904 == "1" || strings.EqualFold(workbook.Properties.Date1904, "true")

	rels, err := p.relationships(workbookPart)
	if err != nil {
		return err
	}
	for _, rel := range rels {
		switch {
		case strings.HasSuffix(rel.relType, relSharedStrings):
			p.sharedStringsPart = rel.target
		case strings.HasSuffix(rel.relType, relStyles):
			p.stylesPart = rel.target
		}
	}

	for _, sheet := range workbook.Sheets {
		info := workbookSheet{name: sheet.Name, visibility: VisibilityVisible}
		switch {
		case strings.EqualFold(sheet.State, VisibilityHidden):
			info.visibility = VisibilityHidden
		case strings.EqualFold(sheet.State, VisibilityVeryHidden):
			info.visibility = VisibilityVeryHidden
		}
		if rel, ok := rels[sheet.RelID]; ok {
			info.part = rel.target
			for _, kind := range []string{relWorksheet, relChartsheet, relDialogsheet, relMacrosheet} {
				if strings.HasSuffix(rel.relType, kind) {
					info.relType = kind
				}
			}
		}
		p.sheets = append(p.sheets, info)
	}
	if len(p.sheets) == 0 {
		return newXLSXError(p.path, "", "xlsx_no_sheets", nil,
			"the workbook has no sheets; open it in Excel and check that it contains the data to import")
	}
	return nil
}

// loadCellParts loads the shared strings and styles, once.
func (p *xlsxPackage) loadCellParts() error {
	if p.strings != nil {
		return nil
	}

	styles, err := p.loadStyles()
	if err != nil {
		return err
	}
	table, err := p.loadSharedStrings()
	if err != nil {
		return err
	}
	p.styles, p.strings = styles, table
	return nil
}
