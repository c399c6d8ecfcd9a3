package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text trims a value and folds each run of white space into one ASCII
// space. White space is every character that unicode.IsSpace accepts:
// spaces, tabs, CR, LF, the no-break spaces U+00A0, U+202F and U+2007, and
// the other Unicode spaces. The zero-width characters U+200B, U+200C,
// U+200D, U+2060, U+FEFF and U+180E are removed: they are invisible in
// Excel, so a user cannot see or fix them, and an email or a header that
// keeps one no longer matches. Removing U+200C and U+200D breaks emoji
// sequences and some scripts, which lead data does not need.
//
// Invalid UTF-8 bytes become U+FFFD, which is what encoding/json sends in
// their place anyway. Text(Text(s)) == Text(s) for every s. When s is
// already clean, Text returns it without allocating.
func Text(s string) string {
	if isCleanText(s) {
		return s
	}

	var b strings.Builder
	b.Grow(len(s))
	appendText(&b, s)
	return b.String()
}

// Message is Text for multi-line values: CRLF and CR become LF, each line
// is cleaned by Text, and blank lines at the start and the end are
// removed. Blank lines between other lines are kept.
func Message(s string) string {
	if isCleanMessage(s) {
		return s
	}

	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")

	lines := strings.Split(s, "\n")
	for i, line := range lines {
		lines[i] = Text(line)
	}

	first, last := 0, len(lines)
	for first < last && lines[first] == "" {
		first++
	}
	for last > first && lines[last-1] == "" {
		last--
	}
	return strings.Join(lines[first:last], "\n")
}

// isZeroWidth reports whether r is one of the invisible characters that
// Text removes.
func isZeroWidth(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u180E':
		return true
	}
	return false
}

// isCleanText reports whether Text would return s unchanged. It scans the
// bytes and decodes only non-ASCII characters, so that clean values, the
// common case, cost one pass and no allocation.
func isCleanText(s string) bool {
	previousSpace := true // a space at the start is not clean
	for i := 0; i < len(s); {
		switch textBytes[s[i]] {
		case plainByte:
			// Most bytes are plain: skip the whole run.
			for i++; i < len(s) && textBytes[s[i]] == plainByte; i++ {
			}
			previousSpace = false
			continue
		case spaceByte:
			if previousSpace {
				return false
			}
			previousSpace = true
			i++
			continue
		case breakByte:
			return false
		}

		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		if unicode.IsSpace(r) || isZeroWidth(r) {
			return false
		}
		previousSpace = false
		i += size
	}
	return len(s) == 0 || s[len(s)-1] != ' '
}

// Kinds of bytes for isCleanText.
const (
	plainByte = iota // ASCII that Text keeps as it is
	spaceByte        // ' ', which Text keeps unless doubled or at an end
	breakByte        // tab, line breaks, vertical tab and form feed
	highByte         // the start or the rest of a multi-byte character
)

// textBytes is the kind of each byte.
var textBytes = func() (kinds [256]uint8) {
	for b := utf8.RuneSelf; b < len(kinds); b++ {
		kinds[b] = highByte
	}
	kinds[' '] = spaceByte
	for _, b := range []byte{'\t', '\n', '\v', '\f', '\r'} {
		kinds[b] = breakByte
	}
	return kinds
}()

// appendText writes the cleaned form of s to b.
func appendText(b *strings.Builder, s string) {
	pendingSpace := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size

		switch {
		case isZeroWidth(r):
			continue
		case unicode.IsSpace(r):
			pendingSpace = b.Len() > 0
			continue
		}

		if pendingSpace {
			b.WriteByte(' ')
			pendingSpace = false
		}
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i-size : i])
		}
	}
}

// isCleanMessage reports whether Message would return s unchanged.
func isCleanMessage(s string) bool {
	if strings.IndexByte(s, '\r') >= 0 {
		return false
	}
	if strings.HasPrefix(s, "\n") || strings.HasSuffix(s, "\n") {
		return false
	}

	for line := range strings.SplitSeq(s, "\n") {
		if !isCleanText(line) {
			return false
		}
	}
	return true
}
