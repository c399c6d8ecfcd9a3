package spreadsheet

import (
	"bytes"
	"errors"
	"io"
)

// Limits that keep a damaged or non-CSV file from exhausting memory. No
// spreadsheet export comes near them: Excel caps a cell at 32,767
// characters and a row at 16,384 columns.
const (
	csvMaxCellBytes   = 1 << 20
	csvMaxRecordBytes = 16 << 20
	csvMaxFields      = 16384
	csvBufferSize     = 64 << 10
)

// Scanner failures that end the reading of a file. The table turns them
// into diagnostics that name the row.
var (
	errCSVCellTooLarge   = errors.New("cell larger than the limit")
	errCSVRecordTooLarge = errors.New("record larger than the limit")
	errCSVTooManyFields  = errors.New("more fields than the limit")
	errCSVNoProgress     = errors.New("reader returned no data and no error")
)

// csvScanner splits decoded text into records. It follows RFC 4180 and
// reads as Excel writes:
//
//   - A field that starts with a quote is quoted. It ends at the next
//     quote that is not doubled, and the line breaks inside it are kept,
//     each as one LF.
//   - A quote anywhere else is an ordinary character.
//   - Records end at CRLF, LF or a lone CR.
//
// A quoted field whose closing quote is followed by spaces keeps them after
// its value. One followed by other text on the same line is read as
// written, quotes included, like an unquoted field.
//
// Some opening quotes are taken as stray characters: one that is never
// closed, one whose closing quote comes after a line break and is followed
// by other text, and one that would make the field larger than
// csvMaxCellBytes. Such a field is read as unquoted text up to the next
// delimiter or line end, and it is listed in unclosed. The lines after it
// are read as new records.
//
// The record of the last successful next call stays valid until the next
// call. Its fields are copied into one reused buffer, so a record costs no
// allocation.
type csvScanner struct {
	src  io.Reader
	text *decodedText
	// arena provides the text and cells of the rows handed out.
	arena rowArena

	// buf[pos:end] is decoded text not yet parsed. buf[0] is at offset base
	// in the decoded text. The buffer grows only for a record that does not
	// fit, up to csvMaxRecordBytes.
	buf  []byte
	pos  int
	end  int
	base int64
	eof  bool

	delim byte
	// stop marks the bytes that end an unquoted field.
	stop [256]bool

	// record holds the values of the current record back to back, and
	// ends the end of each value in it.
	record []byte
	ends   []int
	// starts holds the buffer position where each field begins, its
	// opening quote included.
	starts []int
	// unclosed lists the fields whose opening quote was taken as text.
	unclosed []int
	// recStart and recEnd delimit the current record in buf, without its
	// line end.
	recStart int
	recEnd   int
	// failField is the field being read when next failed.
	failField int
}

func newCSVScanner(src io.Reader, text *decodedText) *csvScanner {
	return &csvScanner{src: src, text: text, buf: make([]byte, csvBufferSize)}
}

// setDelimiter sets the field separator, an ASCII byte other than a quote
// or a line break.
func (s *csvScanner) setDelimiter(delim byte) {
	s.delim = delim
	s.stop = [256]bool{}
	s.stop[delim] = true
	s.stop['\r'] = true
	s.stop['\n'] = true
}

// peek fills the buffer, without growing it, and returns the text not yet
// parsed. The whole rest of the file is in it when s.eof is set.
func (s *csvScanner) peek() ([]byte, error) {
	for !s.eof && s.end < len(s.buf) {
		if err := s.read(); err != nil {
			return nil, err
		}
	}
	return s.buf[s.pos:s.end], nil
}

// skip moves past n bytes of text that are not a record, such as a
// "sep=" line.
func (s *csvScanner) skip(n int) {
	s.pos += n
}

// next reads the next record. It returns io.EOF after the last one, one of
// the errCSV errors for a record over the limits, or the read error of
// the source.
func (s *csvScanner) next() error {
	for {
		done, err := s.parse()
		if err != nil || done {
			return err
		}
		if err := s.fill(); err != nil {
			return err
		}
	}
}

// fill makes room in the buffer and fills it with more text. It keeps the
// record being parsed, which starts at pos.
func (s *csvScanner) fill() error {
	if s.pos > 0 {
		s.text.discard(s.buf[:s.end], s.base, s.pos)
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.base += int64(s.pos)
		s.end = n
		s.pos = 0
	}

	if s.end == len(s.buf) {
		if s.end >= csvMaxRecordBytes {
			s.failField = len(s.ends)
			return errCSVRecordTooLarge
		}
		grown := make([]byte, min(2*len(s.buf), csvMaxRecordBytes+csvBufferSize))
		copy(grown, s.buf[:s.end])
		s.buf = grown
	}

	// Filling the whole buffer, rather than taking what one read returns,
	// keeps a record that spans many reads from being parsed again after
	// each one: parse starts over only when the buffer has grown.
	for !s.eof && s.end < len(s.buf) {
		if err := s.read(); err != nil {
			return err
		}
	}
	return nil
}

// read reads once into the free end of the buffer.
func (s *csvScanner) read() error {
	for range 100 {
		n, err := s.src.Read(s.buf[s.end:])
		s.end += n
		if err == io.EOF {
			s.eof = true
			return nil
		}
		if err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
	}
	return errCSVNoProgress
}

// parse reads one record from pos. It returns false and no error when the
// buffer ends before the record does and more text can be read.
func (s *csvScanner) parse() (bool, error) {
	buf := s.buf[:s.end]
	i := s.pos
	if i == len(buf) {
		if s.eof {
			return false, io.EOF
		}
		return false, nil
	}

	s.record = s.record[:0]
	s.ends = s.ends[:0]
	s.starts = s.starts[:0]
	s.unclosed = s.unclosed[:0]

	for {
		if len(s.ends) == csvMaxFields {
			s.failField = len(s.ends)
			return false, errCSVTooManyFields
		}
		s.starts = append(s.starts, i)

		var ok bool
		var err error
		if i < len(buf) && buf[i] == '"' {
			i, ok, err = s.parseQuoted(buf, i)
		} else {
			i, ok, err = s.parseUnquoted(buf, i)
		}
		if err != nil || !ok {
			return false, err
		}

		// Only the end of the file can end the buffer here: the field
		// parsers ask for more text otherwise.
		if i == len(buf) {
			s.finish(i, i)
			return true, nil
		}
		switch buf[i] {
		case '\n':
			s.finish(i, i+1)
			return true, nil
		case '\r':
			switch {
			case i+1 < len(buf) && buf[i+1] == '\n':
				s.finish(i, i+2)
			case i+1 < len(buf) || s.eof:
				s.finish(i, i+1)
			default:
				return false, nil
			}
			return true, nil
		default:
			i++ // the delimiter
		}
	}
}

// finish records the end of the current record and moves past its line
// end.
func (s *csvScanner) finish(end, next int) {
	s.recStart = s.pos
	s.recEnd = end
	s.pos = next
}

// parseUnquoted appends the field that starts at i and returns the
// position of the delimiter or line end after it.
func (s *csvScanner) parseUnquoted(buf []byte, i int) (int, bool, error) {
	j := i
	for j < len(buf) && !s.stop[buf[j]] {
		j++
	}
	if j-i > csvMaxCellBytes {
		s.failField = len(s.ends)
		return 0, false, errCSVCellTooLarge
	}
	if j == len(buf) && !s.eof {
		return 0, false, nil
	}

	s.record = append(s.record, buf[i:j]...)
	s.ends = append(s.ends, len(s.record))
	return j, true, nil
}

// parseQuoted appends the field whose opening quote is at q and returns
// the position of the delimiter or line end after it. It falls back to
// parseUnquoted as the type comment describes.
func (s *csvScanner) parseQuoted(buf []byte, q int) (int, bool, error) {
	fieldStart := len(s.record)
	multiline := false
	j := q + 1

	for {
		k := bytes.IndexByte(buf[j:], '"')
		if k < 0 {
			tooLarge := len(s.record)-fieldStart+len(buf)-j > csvMaxCellBytes
			if !s.eof && !tooLarge {
				return 0, false, nil
			}
			return s.reparseUnclosed(buf, q, fieldStart)
		}

		if s.appendQuoted(buf[j : j+k]) {
			multiline = true
		}
		if len(s.record)-fieldStart > csvMaxCellBytes {
			return s.reparseUnclosed(buf, q, fieldStart)
		}

		j += k + 1
		if j == len(buf) {
			if !s.eof {
				return 0, false, nil
			}
			break
		}

		c := buf[j]
		if c == '"' {
			s.record = append(s.record, '"')
			j++
			continue
		}
		if c == s.delim || c == '\n' || c == '\r' {
			break
		}

		// Text follows the closing quote. Spaces alone are kept after the
		// value, as Python's csv module does.
		k = j
		for k < len(buf) && (buf[k] == ' ' || buf[k] == '\t') && buf[k] != s.delim {
			k++
		}
		if k == len(buf) && !s.eof {
			return 0, false, nil
		}
		if k == len(buf) || s.stop[buf[k]] {
			s.record = append(s.record, buf[j:k]...)
			j = k
			break
		}
		if multiline {
			return s.reparseUnclosed(buf, q, fieldStart)
		}
		s.record = s.record[:fieldStart]
		return s.parseUnquoted(buf, q)
	}

	s.ends = append(s.ends, len(s.record))
	return j, true, nil
}

// reparseUnclosed reads the field at q again as unquoted text and lists it
// in unclosed.
func (s *csvScanner) reparseUnclosed(buf []byte, q, fieldStart int) (int, bool, error) {
	s.record = s.record[:fieldStart]
	j, ok, err := s.parseUnquoted(buf, q)
	if ok {
		s.unclosed = append(s.unclosed, len(s.ends)-1)
	}
	return j, ok, err
}

// appendQuoted appends the text between quotes, with each CRLF or lone CR
// turned into LF, and reports whether it contains a line break.
func (s *csvScanner) appendQuoted(seg []byte) bool {
	if bytes.IndexByte(seg, '\r') < 0 {
		s.record = append(s.record, seg...)
		return bytes.IndexByte(seg, '\n') >= 0
	}

	for i := 0; i < len(seg); i++ {
		c := seg[i]
		if c == '\r' {
			c = '\n'
			if i+1 < len(seg) && seg[i+1] == '\n' {
				i++
			}
		}
		s.record = append(s.record, c)
	}
	return true
}
