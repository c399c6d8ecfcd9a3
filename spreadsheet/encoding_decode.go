package spreadsheet

import (
	"bytes"
	"encoding/binary"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// The decoders below turn the file into UTF-8 text. A byte sequence that is
// not valid in the file's encoding does not become U+FFFD there. It comes
// out as bytes that are not valid UTF-8: the byte itself for UTF-8 and the
// 8-bit encodings, 0xFF for a broken UTF-16 code unit. The CSV scanner can
// then distinguish it from a U+FFFD written in the file and report where
// it is.

// utf16Invalid stands for an unpaired UTF-16 surrogate or a final odd byte
// in the decoded text. 0xFF never occurs in UTF-8.
const utf16Invalid = 0xFF

// unitKind is the way a run of decoded text maps back to bytes of the file.
type unitKind uint8

const (
	// unitByte: each decoded byte is one byte of the file (UTF-8).
	unitByte unitKind = iota
	// unitRune: each decoded rune, or invalid byte, is one byte of the
	// file (Windows-1252, ISO-8859-15).
	unitRune
	// unitUTF16: each decoded rune is one UTF-16 code unit of two bytes,
	// or two code units above U+FFFF.
	unitUTF16
)

// runeCount returns utf8.RuneCount(text). The standard library's version
// copies the text from its first non-ASCII byte into a new string (Go
// 1.26), which allocated the size of the read buffer at each refill.
func runeCount(text []byte) int {
	n := 0
	for i := 0; i < len(text); n++ {
		// Eight ASCII bytes at a time: none has its high bit set.
		for i+8 <= len(text) && binary.LittleEndian.Uint64(text[i:])&0x8080808080808080 == 0 {
			i += 8
			n += 8
		}
		if i == len(text) {
			return n
		}
		if text[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRune(text[i:])
		i += size
	}
	return n
}

// count returns the number of file bytes behind the decoded text.
func (k unitKind) count(text []byte) int64 {
	switch k {
	case unitRune:
		return int64(runeCount(text))
	case unitUTF16:
		units := int64(runeCount(text))
		for _, b := range text {
			if b >= 0xF0 && b <= 0xF4 {
				units++
			}
		}
		return 2 * units
	}
	return int64(len(text))
}

// offsetPoint pairs an offset in the decoded text with the byte offset in
// the file of the same character. unit is the way the text after it maps.
type offsetPoint struct {
	text     int64
	file     int64
	unit     unitKind
	encoding textEncoding
}

// decodedText is the state shared by a file's decoder and its scanner: the
// encoding in use and the map from decoded offsets back to file offsets.
type decodedText struct {
	// points is sorted by text offset. points[0] is at or before the first
	// decoded byte that the scanner still holds. A second point appears
	// when an ASCII-only UTF-8 guess turns into Windows-1252.
	points []offsetPoint
}

// encoding returns the encoding of the text decoded last.
func (d *decodedText) encoding() textEncoding {
	return d.points[len(d.points)-1].encoding
}

// pointAt returns the offset point that governs decoded offset at.
func (d *decodedText) pointAt(at int64) offsetPoint {
	p := d.points[0]
	for _, q := range d.points[1:] {
		if q.text <= at {
			p = q
		}
	}
	return p
}

// fileOffset returns the file offset of the decoded byte at offset at.
// window is the decoded text from offset windowStart, which must hold every
// byte from the governing point up to at.
func (d *decodedText) fileOffset(window []byte, windowStart, at int64) int64 {
	p := d.pointAt(at)
	return p.file + p.unit.count(window[p.text-windowStart:at-windowStart])
}

// discard moves the map past the first n bytes of window, which starts at
// decoded offset windowStart, once the scanner no longer holds them.
func (d *decodedText) discard(window []byte, windowStart int64, n int) {
	end := windowStart + int64(n)
	for len(d.points) > 1 && d.points[1].text <= end {
		d.points = d.points[1:]
	}

	p := &d.points[0]
	if p.text >= end {
		return
	}
	p.file += p.unit.count(window[p.text-windowStart : n])
	p.text = end
}

// newDecodedReader returns the text of a file as UTF-8 with invalid input
// marked as described above. prefix is the start of the file, already read,
// and rest is the remainder.
func newDecodedReader(prefix []byte, rest io.Reader, choice encodingChoice) (io.Reader, *decodedText) {
	body := io.MultiReader(bytes.NewReader(prefix[choice.bomLen:]), rest)
	start := offsetPoint{file: int64(choice.bomLen), encoding: choice.encoding}
	text := &decodedText{}

	switch choice.encoding {
	case encUTF16LE, encUTF16BE:
		start.unit = unitUTF16
		text.points = []offsetPoint{start}
		return transform.NewReader(body, &utf16Decoder{bigEndian: choice.encoding == encUTF16BE}), text
	case encWindows1252, encISO885915:
		start.unit = unitRune
		text.points = []offsetPoint{start}
		return transform.NewReader(body, newSingleByteDecoder(choice.encoding)), text
	}

	start.unit = unitByte
	text.points = []offsetPoint{start}
	if choice.asciiOnly {
		return transform.NewReader(body, &sniffUTF8Decoder{text: text}), text
	}
	return body, text
}

// singleByteDecoder decodes Windows-1252 or ISO-8859-15. Bytes that the
// encoding does not map to a printable character (the five undefined bytes
// of Windows-1252, the C1 controls of ISO-8859-15) are passed through as
// they are, which leaves them invalid in UTF-8.
type singleByteDecoder struct {
	transform.NopResetter
	high *[128]string
}

var (
	windows1252High = singleByteTable(charmap.Windows1252)
	iso885915High   = singleByteTable(charmap.ISO8859_15)
)

// singleByteTable returns the UTF-8 text of the bytes 0x80-0xFF of cm.
func singleByteTable(cm *charmap.Charmap) *[128]string {
	var table [128]string
	for i := range table {
		b := byte(0x80 + i)
		r := cm.DecodeByte(b)
		if r == utf8.RuneError || (r >= 0x80 && r <= 0x9F) {
			table[i] = string([]byte{b})
			continue
		}
		table[i] = string(r)
	}
	return &table
}

func newSingleByteDecoder(enc textEncoding) *singleByteDecoder {
	if enc == encISO885915 {
		return &singleByteDecoder{high: iso885915High}
	}
	return &singleByteDecoder{high: windows1252High}
}

// Transform implements transform.Transformer.
func (d *singleByteDecoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		b := src[nSrc]
		if b < utf8.RuneSelf {
			// ASCII maps to itself: copy the whole run at once.
			end := nSrc + 1
			for end < len(src) && src[end] < utf8.RuneSelf {
				end++
			}
			n := copy(dst[nDst:], src[nSrc:end])
			nDst += n
			nSrc += n
			if nSrc < end {
				return nDst, nSrc, transform.ErrShortDst
			}
			continue
		}

		s := d.high[b-0x80]
		if nDst+len(s) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += copy(dst[nDst:], s)
		nSrc++
	}
	return nDst, nSrc, nil
}

// utf16Decoder decodes UTF-16 without its byte order mark. x/text's UTF-16
// decoder would turn an unpaired surrogate into U+FFFD, which the scanner
// could not tell from a U+FFFD in the file, so this one writes
// utf16Invalid instead.
type utf16Decoder struct {
	transform.NopResetter
	bigEndian bool
}

// Transform implements transform.Transformer.
func (d *utf16Decoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	unit := func(i int) rune {
		if d.bigEndian {
			return rune(src[i])<<8 | rune(src[i+1])
		}
		return rune(src[i+1])<<8 | rune(src[i])
	}

	for nSrc < len(src) {
		if len(dst)-nDst < utf8.UTFMax {
			return nDst, nSrc, transform.ErrShortDst
		}
		if len(src)-nSrc < 2 {
			if !atEOF {
				return nDst, nSrc, transform.ErrShortSrc
			}
			dst[nDst] = utf16Invalid
			return nDst + 1, len(src), nil
		}

		r, size := unit(nSrc), 2
		switch {
		case r >= 0xD800 && r < 0xDC00:
			if len(src)-nSrc < 4 && !atEOF {
				return nDst, nSrc, transform.ErrShortSrc
			}
			low := rune(-1)
			if len(src)-nSrc >= 4 {
				low = unit(nSrc + 2)
			}
			if low >= 0xDC00 && low < 0xE000 {
				r, size = 0x10000+(r-0xD800)<<10+(low-0xDC00), 4
			} else {
				r = -1
			}
		case r >= 0xDC00 && r < 0xE000:
			r = -1
		}

		if r < 0 {
			dst[nDst] = utf16Invalid
			nDst++
		} else {
			nDst += utf8.EncodeRune(dst[nDst:], r)
		}
		nSrc += size
	}
	return nDst, nSrc, nil
}

// sniffUTF8Decoder reads a file whose first bytes were all ASCII. It passes
// ASCII through until the first other byte. If that byte starts a valid
// UTF-8 sequence, the file is UTF-8 and the rest passes through unchanged.
// Otherwise the file is Windows-1252, which reads the ASCII before it the
// same way, and the rest is decoded as Windows-1252.
type sniffUTF8Decoder struct {
	text    *decodedText
	decided bool
	cp1252  *singleByteDecoder

	// textOffset and fileOffset count the bytes produced and consumed so
	// far, to place the switch to Windows-1252 in the offset map.
	textOffset int64
	fileOffset int64
}

// Reset implements transform.Transformer. The decoder is used once.
func (d *sniffUTF8Decoder) Reset() {}

// Transform implements transform.Transformer.
func (d *sniffUTF8Decoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	defer func() {
		d.textOffset += int64(nDst)
		d.fileOffset += int64(nSrc)
	}()

	if d.cp1252 != nil {
		return d.cp1252.Transform(dst, src, atEOF)
	}
	if d.decided {
		n := copy(dst, src)
		if n < len(src) {
			err = transform.ErrShortDst
		}
		return n, n, err
	}

	for nSrc < len(src) {
		b := src[nSrc]
		if b < utf8.RuneSelf {
			if nDst >= len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			dst[nDst] = b
			nDst++
			nSrc++
			continue
		}

		rest := src[nSrc:]
		if !atEOF && !utf8.FullRune(rest) {
			return nDst, nSrc, transform.ErrShortSrc
		}
		if r, size := utf8.DecodeRune(rest); r != utf8.RuneError || size > 1 {
			d.decided = true
			n := copy(dst[nDst:], rest)
			if n < len(rest) {
				err = transform.ErrShortDst
			}
			return nDst + n, nSrc + n, err
		}

		d.cp1252 = newSingleByteDecoder(encWindows1252)
		d.text.points = append(d.text.points, offsetPoint{
			text:     d.textOffset + int64(nDst),
			file:     d.fileOffset + int64(nSrc),
			unit:     unitRune,
			encoding: encWindows1252,
		})
		n, m, err := d.cp1252.Transform(dst[nDst:], rest, atEOF)
		return nDst + n, nSrc + m, err
	}
	return nDst, nSrc, nil
}
