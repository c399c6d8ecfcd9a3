package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// Relationship types and the namespace that OOXML packages use.
const (
	officeDocumentType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relationshipsNS    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// writeSplicedWorkbook writes the workbook at dst from template, an XLSX
// package whose sheet named sheet contains the header row alone. Every part
// is copied unchanged except that sheet's part, where rows are inserted
// after the header row and the <dimension> is set to dimension, such as
// "A1:O250". dst is written through a temporary file in its folder and
// renamed, so that a failure leaves no partial file under its name.
func writeSplicedWorkbook(dst string, template []byte, sheet string, rows io.Reader, dimension string) error {
	archive, err := zip.NewReader(bytes.NewReader(template), int64(len(template)))
	if err != nil {
		return &errorsFileError{op: opBuild, path: dst, err: err}
	}
	sheetPart, err := findSheetPart(archive, sheet)
	if err != nil {
		return &errorsFileError{op: opBuild, path: dst, err: err}
	}
	head, tail, err := splitSheetPart(archive, sheetPart, dimension)
	if err != nil {
		return &errorsFileError{op: opBuild, path: dst, err: err}
	}

	// The name is fixed, so that a file left by a killed run is written
	// over by the next run instead of piling up.
	tempName := hiddenSibling(dst, ".tmp")
	temp, err := os.OpenFile(tempName, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return &errorsFileError{op: opWriteFile, path: dst, err: err}
	}
	err = writeParts(temp, archive, sheetPart, head, rows, tail)
	if closeErr := temp.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Rename(temp.Name(), dst)
	}
	if err != nil {
		os.Remove(temp.Name())
		var fileErr *errorsFileError
		if errors.As(err, &fileErr) {
			return err
		}
		return &errorsFileError{op: opWriteFile, path: dst, err: err}
	}
	return nil
}

// writeParts writes the package to w: the parts of archive in their order,
// with sheetPart made of head, rows and tail.
func writeParts(w io.Writer, archive *zip.Reader, sheetPart string, head []byte, rows io.Reader, tail []byte) error {
	out := zip.NewWriter(w)
	for _, part := range archive.File {
		if part.Name != sheetPart {
			if err := out.Copy(part); err != nil {
				return err
			}
			continue
		}

		sheetWriter, err := out.CreateHeader(&zip.FileHeader{Name: part.Name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		if _, err := sheetWriter.Write(head); err != nil {
			return err
		}
		if _, err := io.Copy(sheetWriter, rows); err != nil {
			return err
		}
		if _, err := sheetWriter.Write(tail); err != nil {
			return err
		}
	}
	return out.Close()
}

// findSheetPart returns the name of the part of the sheet named sheet. It
// follows the package relationships to the workbook, then the workbook's
// relationship to the sheet.
func findSheetPart(archive *zip.Reader, sheet string) (string, error) {
	var packageRels relationships
	if err := readXMLPart(archive, "_rels/.rels", &packageRels); err != nil {
		return "", err
	}
	workbookPart := packageRels.target("", officeDocumentType, "")
	if workbookPart == "" {
		return "", fmt.Errorf("_rels/.rels has no officeDocument relationship")
	}

	var workbook struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := readXMLPart(archive, workbookPart, &workbook); err != nil {
		return "", err
	}
	var workbookRels relationships
	dir, base := path.Split(workbookPart)
	if err := readXMLPart(archive, dir+"_rels/"+base+".rels", &workbookRels); err != nil {
		return "", err
	}
	for _, s := range workbook.Sheets {
		if s.Name != sheet {
			continue
		}
		if part := workbookRels.target(s.ID, "", dir); part != "" {
			return part, nil
		}
		return "", fmt.Errorf("%s has no relationship %q for sheet %q", workbookPart, s.ID, sheet)
	}
	return "", fmt.Errorf("%s has no sheet %q", workbookPart, sheet)
}

// relationships is a .rels part.
type relationships struct {
	Relationship []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	}
}

// target returns the part name of the relationship with the given id, or
// else of the given type, resolved against dir, the folder of the part the
// relationships belong to. It returns "" when none matches.
func (r *relationships) target(id, relType, dir string) string {
	for _, rel := range r.Relationship {
		if (id != "" && rel.ID == id) || (id == "" && rel.Type == relType) {
			if strings.HasPrefix(rel.Target, "/") {
				return strings.TrimPrefix(rel.Target, "/")
			}
			return path.Join(dir, rel.Target)
		}
	}
	return ""
}

// readXMLPart decodes the XML part name of archive into v.
func readXMLPart(archive *zip.Reader, name string, v any) error {
	part, err := archive.Open(name)
	if err != nil {
		return err
	}
	defer part.Close()
	if err := xml.NewDecoder(part).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// splitSheetPart reads the sheet part name of archive and returns what
// goes before the rows to insert and what goes after: the part is cut
// right before </sheetData>, which follows the header row.
//
// head gets its <dimension ref> set to dimension, since excelize's
// StreamWriter leaves "A1" there. In tail, the relationship namespace that
// encoding/xml declares on <legacyDrawing> is replaced with the r prefix
// that the <worksheet> element declares. excelize v2.11.1 does the same for
// the sheets it does not stream, because some readers are strict about
// that markup.
func splitSheetPart(archive *zip.Reader, name, dimension string) (head, tail []byte, err error) {
	part, err := archive.Open(name)
	if err != nil {
		return nil, nil, err
	}
	sheetXML, err := io.ReadAll(part)
	part.Close()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}

	cut := bytes.LastIndex(sheetXML, []byte("</sheetData>"))
	if cut < 0 {
		return nil, nil, fmt.Errorf("%s has no </sheetData>", name)
	}
	head = setDimension(sheetXML[:cut], dimension)
	tail = sheetXML[cut:]

	if bytes.Contains(head, []byte(`xmlns:r="`+relationshipsNS+`"`)) {
		tail = bytes.ReplaceAll(tail, []byte(`xmlns:relationships="`+relationshipsNS+`" relationships`), []byte("r"))
	}
	return head, tail, nil
}

// setDimension returns head with the ref of its <dimension> element set to
// ref. A head without one is returned as is, since the element is optional.
func setDimension(head []byte, ref string) []byte {
	const open = `<dimension ref="`
	start := bytes.Index(head, []byte(open))
	data := bytes.Index(head, []byte("<sheetData"))
	if start < 0 || (data >= 0 && start > data) {
		return head
	}
	start += len(open)
	end := bytes.IndexByte(head[start:], '"')
	if end < 0 {
		return head
	}

	fixed := make([]byte, 0, len(head)+len(ref))
	fixed = append(fixed, head[:start]...)
	fixed = append(fixed, ref...)
	return append(fixed, head[start+end:]...)
}
