package spreadsheet

import (
	"bytes"
	"errors"
	"io"
	"sort"
	"strconv"
)

// mergeRange is one merged range of a sheet, with the value of its
// top-left cell once that row has been read.
type mergeRange struct {
	top, left, bottom, right int // row numbers and 0-based columns, inclusive
	value                    string
}

var errTooManyMerges = errors.New("too many merged ranges")

// readMergeRanges collects the <mergeCell ref="A1:E1"/> elements of a
// worksheet part. They follow <sheetData> in the XML, so this is a
// separate pass that only looks for that element name, without parsing
// the rows. Single-cell and malformed ranges are left out.
func readMergeRanges(r io.Reader) ([]mergeRange, error) {
	scanner := newXMLScanner(r, maxCellSize)
	root, err := scanner.nextTag()
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}

	// Text cannot contain '<', so "<mergeCell" (with the root's namespace
	// prefix) occurs only as a tag.
	pattern := []byte("<mergeCell")
	if len(root.prefix) > 0 {
		pattern = append(append([]byte("<"), root.prefix...), ":mergeCell"...)
	}

	var ranges []mergeRange
	for {
		err := scanner.skipTo(pattern)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		tag, err := scanner.nextTag()
		if err != nil {
			return nil, err
		}
		if string(tag.name) != "mergeCell" || tag.kind == xmlEnd {
			continue
		}

		ref, _ := tag.attr("ref")
		merge, ok := parseRange(ref)
		if !ok {
			continue
		}
		if len(ranges) >= maxMergeRanges {
			return nil, errTooManyMerges
		}
		ranges = append(ranges, merge)
	}

	sort.SliceStable(ranges, func(i, j int) bool { return ranges[i].top < ranges[j].top })
	return ranges, nil
}

// parseRange parses a range reference such as "A1:E1". ok is false for a
// single cell or a malformed reference.
func parseRange(ref []byte) (mergeRange, bool) {
	first, last, found := bytes.Cut(ref, []byte(":"))
	if !found {
		return mergeRange{}, false
	}
	top, left, ok1 := parseCellReference(first)
	bottom, right, ok2 := parseCellReference(last)
	if !ok1 || !ok2 {
		return mergeRange{}, false
	}
	if bottom < top {
		top, bottom = bottom, top
	}
	if right < left {
		left, right = right, left
	}
	if top == bottom && left == right {
		return mergeRange{}, false
	}
	return mergeRange{top: top, left: left, bottom: bottom, right: right}, true
}

// parseCellReference parses a reference such as "B12" into its row number
// and 0-based column.
func parseCellReference(ref []byte) (row, column int, ok bool) {
	column, ok = parseColumn(ref)
	if !ok || column >= maxExcelColumns {
		return 0, 0, false
	}
	digits := bytes.TrimLeft(ref, "$ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
	row, err := strconv.Atoi(string(digits))
	if err != nil || row < 1 || row > maxExcelRows {
		return 0, 0, false
	}
	return row, column, true
}

// mergeIndex follows which merged ranges cover the row being read, for
// rows read in increasing order (a row out of order restarts the scan).
type mergeIndex struct {
	ranges  []mergeRange // sorted by top row
	next    int          // first range whose top row has not been reached
	active  []int        // ranges covering the current row
	lastRow int
}

// advance makes active the ranges that cover row, and records the values
// of the top-left cells found in cells.
func (m *mergeIndex) advance(row int, cells []sheetCell) {
	if len(m.ranges) == 0 {
		return
	}
	if row < m.lastRow {
		m.next, m.active = 0, m.active[:0]
	}
	m.lastRow = row

	kept := m.active[:0]
	for _, i := range m.active {
		if m.ranges[i].bottom >= row {
			kept = append(kept, i)
		}
	}
	m.active = kept
	for ; m.next < len(m.ranges) && m.ranges[m.next].top <= row; m.next++ {
		if m.ranges[m.next].bottom >= row {
			m.active = append(m.active, m.next)
		}
	}

	for _, i := range m.active {
		merge := &m.ranges[i]
		if merge.top != row {
			continue
		}
		for _, cell := range cells {
			if cell.column == merge.left {
				merge.value = cell.value
			}
		}
	}
}

// covering returns the active range that contains column, or nil.
func (m *mergeIndex) covering(column int) *mergeRange {
	for _, i := range m.active {
		if merge := &m.ranges[i]; merge.left <= column && column <= merge.right {
			return merge
		}
	}
	return nil
}

// fill gives every empty cell of values that lies in an active range,
// other than the range's top-left cell, the top-left cell's value.
func (m *mergeIndex) fill(row int, values []string) {
	for _, i := range m.active {
		merge := &m.ranges[i]
		if merge.value == "" {
			continue
		}
		for column := merge.left; column <= merge.right && column < len(values); column++ {
			if (row != merge.top || column != merge.left) && values[column] == "" {
				values[column] = merge.value
			}
		}
	}
}
