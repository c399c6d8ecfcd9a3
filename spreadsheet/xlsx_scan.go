package spreadsheet

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner reads an XML part as a stream of tags and character data
// without building a tree or allocating per token, because worksheets and
// shared string tables are large and flat. Its buffer grows to hold one
// whole tag of up to about maxToken bytes. Text is bounded by the limit
// given to readText.
//
// It understands elements, attributes, character references, the five
// predefined entities, comments, processing instructions and CDATA
// sections. It rejects a document type declaration, because a DTD can
// define entities and spreadsheet producers never write one. It does not
// check that tags are balanced: callers look only for the elements they
// know.
type xmlScanner struct {
	src      io.Reader
	buf      []byte
	pos, end int
	srcErr   error // the error of the last read, io.EOF at the end
	maxToken int
	text     []byte // scratch for decoded text
}

// xmlKind is the kind of a tag.
type xmlKind uint8

const (
	xmlStart xmlKind = iota + 1 // <name ...>
	xmlEnd                      // </name>
	xmlEmpty                    // <name .../>
)

// xmlTag is one tag. Its slices point into the scanner's buffer and are
// valid until the next call on the scanner.
type xmlTag struct {
	kind   xmlKind
	prefix []byte // namespace prefix, without the colon, or nil
	name   []byte // local name, without the namespace prefix
	attrs  []byte // the raw attribute text
}

var (
	// errTokenTooLarge is returned when one tag or text run exceeds the
	// scanner's maxToken.
	errTokenTooLarge = errors.New("XML token too large")
	// errXMLSyntax is returned for markup the scanner cannot read.
	errXMLSyntax = errors.New("invalid XML")
	// errXMLDoctype is returned for a document type declaration.
	errXMLDoctype = errors.New("XML document type declarations are not allowed")
)

const xmlReadSize = 64 << 10

func newXMLScanner(src io.Reader, maxToken int) *xmlScanner {
	return &xmlScanner{src: src, buf: make([]byte, xmlReadSize), maxToken: maxToken}
}

// more reads input after buf[pos:end] until the buffer is full. It first
// moves the unread bytes to the front, or grows a full buffer. It returns
// false when no input could be read, and srcErr then holds the reason.
func (s *xmlScanner) more() bool {
	if s.srcErr != nil {
		return false
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.pos, s.end = 0, n
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= s.maxToken+xmlReadSize {
			s.srcErr = errTokenTooLarge
			return false
		}
		grown := make([]byte, 2*len(s.buf))
		copy(grown, s.buf[:s.end])
		s.buf = grown
	}
	// Fill the buffer: a decompressor returns short reads, and a fuller
	// buffer means fewer tags and texts cut at its end.
	start := s.end
	for s.end < len(s.buf) {
		n, err := s.src.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.srcErr = err
			break
		}
	}
	return s.end > start
}

// fail returns the error that ended the input: io.ErrUnexpectedEOF when the
// input ended inside markup, otherwise the read error.
func (s *xmlScanner) fail() error {
	if s.srcErr == nil || s.srcErr == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return s.srcErr
}

// ensure makes at least n unread bytes available, or returns false at the
// end of the input.
func (s *xmlScanner) ensure(n int) bool {
	for s.end-s.pos < n {
		if !s.more() {
			return false
		}
	}
	return true
}

// skipPast discards input up to and including the next occurrence of term.
func (s *xmlScanner) skipPast(term string) error {
	for {
		if i := bytes.Index(s.buf[s.pos:s.end], []byte(term)); i >= 0 {
			s.pos += i + len(term)
			return nil
		}
		if keep := len(term) - 1; s.end-s.pos > keep {
			s.pos = s.end - keep
		}
		if !s.more() {
			return s.fail()
		}
	}
}

// skipTo discards input up to the next occurrence of pattern, leaving the
// scanner positioned on it. It returns io.EOF when pattern does not occur.
func (s *xmlScanner) skipTo(pattern []byte) error {
	for {
		if i := bytes.Index(s.buf[s.pos:s.end], pattern); i >= 0 {
			s.pos += i
			return nil
		}
		if keep := len(pattern) - 1; s.end-s.pos > keep {
			s.pos = s.end - keep
		}
		if !s.more() {
			if s.srcErr == io.EOF {
				return io.EOF
			}
			return s.srcErr
		}
	}
}

// nextTag skips character data and returns the next tag. At the end of
// the input it returns io.EOF.
func (s *xmlScanner) nextTag() (xmlTag, error) {
	for {
		i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
		if i < 0 {
			s.pos = s.end
			if !s.more() {
				if s.srcErr == io.EOF {
					return xmlTag{}, io.EOF
				}
				return xmlTag{}, s.srcErr
			}
			continue
		}
		s.pos += i

		tag, ok, err := s.markup()
		if err != nil {
			return xmlTag{}, err
		}
		if ok {
			return tag, nil
		}
	}
}

// markup reads the markup starting at buf[pos], which is '<'. ok is false
// for a comment, processing instruction or CDATA section, which are
// skipped.
func (s *xmlScanner) markup() (tag xmlTag, ok bool, err error) {
	if !s.ensure(2) {
		return xmlTag{}, false, s.fail()
	}
	switch s.buf[s.pos+1] {
	case '?':
		return xmlTag{}, false, s.skipPast("?>")
	case '!':
		switch {
		case s.hasPrefix("<!--"):
			return xmlTag{}, false, s.skipPast("-->")
		case s.hasPrefix("<![CDATA["):
			return xmlTag{}, false, s.skipPast("]]>")
		case s.hasPrefix("<!DOCTYPE"):
			return xmlTag{}, false, errXMLDoctype
		}
		return xmlTag{}, false, errXMLSyntax
	}

	// Find the closing '>' outside quoted attribute values. The fast path
	// takes the first '>' when the text before it has no apostrophe and an
	// even number of double quotes, which is how producers write tags.
	for from := s.pos + 1; ; {
		k := bytes.IndexByte(s.buf[from:s.end], '>')
		if k < 0 {
			from = s.end - s.pos
			if !s.more() {
				return xmlTag{}, false, s.fail()
			}
			from += s.pos
			continue
		}
		body := s.buf[s.pos+1 : from+k]
		if bytes.IndexByte(body, '\'') >= 0 || bytes.Count(body, []byte{'"'})%2 != 0 {
			break
		}
		tag := s.parseTag(body)
		s.pos = from + k + 1
		return tag, true, nil
	}

	j := 1
	var quote byte
	for {
		for ; s.pos+j < s.end; j++ {
			c := s.buf[s.pos+j]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				tag := s.parseTag(s.buf[s.pos+1 : s.pos+j])
				s.pos += j + 1
				return tag, true, nil
			}
		}
		if !s.more() {
			return xmlTag{}, false, s.fail()
		}
	}
}

// hasPrefix reports whether the unread input starts with p, reading more
// input when needed.
func (s *xmlScanner) hasPrefix(p string) bool {
	if !s.ensure(len(p)) {
		return false
	}
	return string(s.buf[s.pos:s.pos+len(p)]) == p
}

// consume skips p when the unread input starts with it and reports
// whether it did.
func (s *xmlScanner) consume(p string) bool {
	if !s.hasPrefix(p) {
		return false
	}
	s.pos += len(p)
	return true
}

// parseTag splits the text between '<' and '>' into kind, name and
// attributes.
func (s *xmlScanner) parseTag(b []byte) xmlTag {
	tag := xmlTag{kind: xmlStart}
	if len(b) > 0 && b[0] == '/' {
		tag.kind = xmlEnd
		b = b[1:]
	} else if len(b) > 0 && b[len(b)-1] == '/' {
		tag.kind = xmlEmpty
		b = b[:len(b)-1]
	}

	n := 0
	for n < len(b) && !isXMLSpace(b[n]) {
		n++
	}
	name := b[:n]
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		tag.prefix = name[:i]
		name = name[i+1:]
	}
	tag.name = name
	tag.attrs = b[n:]
	return tag
}

func isXMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// nextAttr returns the first attribute of attrs, by local name, with its
// raw value, and the attributes after it. ok is false when none is left.
func nextAttr(attrs []byte) (name, value, rest []byte, ok bool) {
	// The name, up to '=' or a space.
	i := 0
	for i < len(attrs) && isXMLSpace(attrs[i]) {
		i++
	}
	start := i
	for i < len(attrs) && attrs[i] != '=' && !isXMLSpace(attrs[i]) {
		i++
	}
	name = attrs[start:i]

	// The '=' and the opening quote.
	for i < len(attrs) && isXMLSpace(attrs[i]) {
		i++
	}
	if len(name) == 0 || i >= len(attrs) || attrs[i] != '=' {
		return nil, nil, nil, false
	}
	i++
	for i < len(attrs) && isXMLSpace(attrs[i]) {
		i++
	}
	if i >= len(attrs) || (attrs[i] != '"' && attrs[i] != '\'') {
		return nil, nil, nil, false
	}

	// The value, up to the matching quote.
	quote := attrs[i]
	i++
	end := bytes.IndexByte(attrs[i:], quote)
	if end < 0 {
		return nil, nil, nil, false
	}
	value = attrs[i : i+end]
	if j := bytes.LastIndexByte(name, ':'); j >= 0 {
		name = name[j+1:]
	}
	return name, value, attrs[i+end+1:], true
}

// attr returns the raw value of the attribute with the given local name.
func (t xmlTag) attr(local string) ([]byte, bool) {
	rest := t.attrs
	for {
		name, value, next, ok := nextAttr(rest)
		if !ok {
			return nil, false
		}
		if string(name) == local {
			return value, true
		}
		rest = next
	}
}

// readText reads the character data after a start tag, up to the next tag,
// with references decoded, CDATA sections included and line ends
// normalized to LF. It reads at most max bytes of input and returns
// errTokenTooLarge beyond. The result may point into the scanner's buffer
// and is valid until the next call on the scanner.
func (s *xmlScanner) readText(max int) ([]byte, error) {
	i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
	if i >= 0 && i <= max {
		raw := s.buf[s.pos : s.pos+i]
		if s.isPlainTextEnd(s.pos + i) {
			s.pos += i
			if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
				return raw, nil
			}
			s.text = decodeXMLText(s.text[:0], raw)
			return s.text, nil
		}
	}
	return s.readTextSlow(max)
}

// isPlainTextEnd reports whether the '<' at buf[at] starts a tag rather
// than a comment or CDATA section. It returns false when the buffered
// bytes do not show which.
func (s *xmlScanner) isPlainTextEnd(at int) bool {
	return at+1 < s.end && s.buf[at+1] != '!'
}

func (s *xmlScanner) readTextSlow(max int) ([]byte, error) {
	s.text = s.text[:0]
	read := 0
	for {
		chunk := s.buf[s.pos:s.end]
		i := bytes.IndexByte(chunk, '<')
		found := i >= 0
		if !found {
			i = heldBackText(chunk)
		}
		read += i
		if read > max {
			return nil, errTokenTooLarge
		}
		s.text = decodeXMLText(s.text, chunk[:i])
		s.pos += i

		if !found {
			if !s.more() {
				return nil, s.fail()
			}
			continue
		}

		switch {
		case s.hasPrefix("<![CDATA["):
			s.pos += len("<![CDATA[")
			n, err := s.readCDATA(max - read)
			if err != nil {
				return nil, err
			}
			read += n
		case s.hasPrefix("<!--"):
			if err := s.skipPast("-->"); err != nil {
				return nil, err
			}
		default:
			return s.text, nil
		}
	}
}

// heldBackText returns how much of a text chunk that ends the buffer can be
// decoded now: a trailing CR or an unfinished reference waits for the
// bytes after it.
func heldBackText(chunk []byte) int {
	n := len(chunk)
	if k := bytes.LastIndexByte(chunk, '&'); k >= 0 && n-k <= 12 && bytes.IndexByte(chunk[k:], ';') < 0 {
		n = k
	}
	if n > 0 && chunk[n-1] == '\r' {
		n--
	}
	return n
}

// readCDATA appends the content of a CDATA section, positioned after
// "<![CDATA[", to s.text and returns the number of bytes it held.
func (s *xmlScanner) readCDATA(max int) (int, error) {
	read := 0
	for {
		if i := bytes.Index(s.buf[s.pos:s.end], []byte("]]>")); i >= 0 {
			if read+i > max {
				return 0, errTokenTooLarge
			}
			s.text = appendNormalizedLines(s.text, s.buf[s.pos:s.pos+i])
			s.pos += i + len("]]>")
			return read + i, nil
		}
		keep := 2
		if n := s.end - s.pos - keep; n > 0 {
			read += n
			if read > max {
				return 0, errTokenTooLarge
			}
			s.text = appendNormalizedLines(s.text, s.buf[s.pos:s.pos+n])
			s.pos += n
		}
		if !s.more() {
			return 0, s.fail()
		}
	}
}

// skipElement skips the content of the element whose start tag was just
// read, up to and including its end tag.
func (s *xmlScanner) skipElement() error {
	depth := 1
	for depth > 0 {
		tag, err := s.nextTag()
		if err == io.EOF {
			return io.ErrUnexpectedEOF
		}
		if err != nil {
			return err
		}
		switch tag.kind {
		case xmlStart:
			depth++
		case xmlEnd:
			depth--
		}
	}
	return nil
}

// decodeXMLText appends raw character data to dst with character and
// entity references decoded and CR and CRLF turned into LF. An unknown or
// malformed reference is kept as written.
func decodeXMLText(dst, raw []byte) []byte {
	for len(raw) > 0 {
		i := bytes.IndexByte(raw, '&')
		if i < 0 {
			return appendNormalizedLines(dst, raw)
		}
		dst = appendNormalizedLines(dst, raw[:i])
		raw = raw[i:]

		end := bytes.IndexByte(raw, ';')
		if end < 0 || end > 12 {
			dst = append(dst, '&')
			raw = raw[1:]
			continue
		}
		if r, ok := xmlReference(raw[1:end]); ok {
			dst = utf8.AppendRune(dst, r)
		} else {
			dst = append(dst, raw[:end+1]...)
		}
		raw = raw[end+1:]
	}
	return dst
}

// xmlReference returns the character of a reference such as "amp" or
// "#x20AC".
func xmlReference(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}

	var n uint64
	var err error
	if name[1] == 'x' {
		n, err = strconv.ParseUint(string(name[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(name[1:]), 10, 32)
	}
	if err != nil || n == 0 || n > utf8.MaxRune || (n >= 0xD800 && n <= 0xDFFF) {
		return 0, false
	}
	return rune(n), true
}

// appendNormalizedLines appends b to dst with CRLF and lone CR turned into
// LF, as XML parsers do.
func appendNormalizedLines(dst, b []byte) []byte {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(dst, b[:i]...)
		dst = append(dst, '\n')
		b = b[i+1:]
		if len(b) > 0 && b[0] == '\n' {
			b = b[1:]
		}
	}
	return dst
}
