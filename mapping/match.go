package mapping

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldKey returns s in the form used to compare headers and values. It
// takes the compatibility decomposition (NFKD), drops combining marks,
// format characters (zero-width spaces) and control characters, and lower
// cases the rest. Each run of white space, non-breaking spaces included,
// becomes one space, and the ends are trimmed. "  Prénom\u00a0" and
// "PRENOM" give the same key.
func foldKey(s string) string {
	if isASCIILowerKey(s) {
		return s
	}

	if !isASCII(s) {
		s = norm.NFKD.String(s)
	}

	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Cf, r), unicode.IsControl(r):
			continue
		}

		if space {
			b.WriteByte(' ')
			space = false
		}
		if folded, ok := letterFolds[r]; ok {
			b.WriteString(folded)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// letterFolds spells the letters that NFKD does not decompose the way a
// French or German user types them without accents.
var letterFolds = map[rune]string{
	'ß': "ss", 'ẞ': "ss",
	'œ': "oe", 'Œ': "oe",
	'æ': "ae", 'Æ': "ae",
	'ø': "o", 'Ø': "o",
	'ł': "l", 'Ł': "l",
	'đ': "d", 'Đ': "d",
	'ı': "i",
}

// looseKey returns foldKey(s) with everything but letters and digits
// removed, so that "E-mail", "e_mail" and "Email" give the same key.
func looseKey(s string) string {
	key := foldKey(s)
	var b strings.Builder
	b.Grow(len(key))
	for _, r := range key {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// looseWords returns the words of foldKey(s), split at every character
// that is not a letter or a digit.
func looseWords(s string) []string {
	return strings.FieldsFunc(foldKey(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isASCIILowerKey reports whether s is already its own fold key: ASCII
// letters, digits and punctuation in lower case, single inner spaces.
func isASCIILowerKey(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if s[i-1] == ' ' {
				return false
			}
		case c < 0x21 || c > 0x7e || ('A' <= c && c <= 'Z'):
			return false
		}
	}
	return true
}

// isBlank reports whether s holds nothing but white space and invisible
// format characters, without allocating.
func isBlank(s string) bool {
	// Most values start with a visible ASCII character.
	if s != "" && s[0] > ' ' && s[0] < 0x7f {
		return false
	}
	for _, r := range s {
		if !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) && !unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// editDistance returns the optimal string alignment distance between a
// and b, counted in runes: the Levenshtein distance where swapping two
// neighbouring letters ("emial") also costs 1.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	rows := make([][]int, len(ra)+1)
	for i := range rows {
		rows[i] = make([]int, len(rb)+1)
		rows[i][0] = i
	}
	for j := range rows[0] {
		rows[0][j] = j
	}

	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			rows[i][j] = min(rows[i-1][j]+1, rows[i][j-1]+1, rows[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				rows[i][j] = min(rows[i][j], rows[i-2][j-2]+1)
			}
		}
	}
	return rows[len(ra)][len(rb)]
}

// closest returns the candidate nearest to name, compared by fold key, or
// "" when none is near enough to be a likely typo. A candidate is near when
// its edit distance is at most a third of the name's length (at least 1,
// at most 3), or when one key contains the other and both have 3 or more
// letters. Ties go to the first candidate.
func closest(name string, candidates []string) string {
	key := foldKey(name)
	loose := looseKey(name)
	if key == "" {
		return ""
	}
	limit := min(max(utf8.RuneCountInString(key)/3, 1), 3)

	best, bestDistance := "", limit+1
	for _, candidate := range candidates {
		candidateKey := foldKey(candidate)
		if candidateKey == "" {
			continue
		}

		distance := min(editDistance(key, candidateKey), editDistance(loose, looseKey(candidate)))
		if distance > limit && len(loose) >= 3 && len(looseKey(candidate)) >= 3 &&
			(strings.Contains(candidateKey, key) || strings.Contains(key, candidateKey)) {
			distance = limit
		}
		if distance < bestDistance {
			best, bestDistance = candidate, distance
		}
	}
	return best
}

// maxColumns is the number of columns of an Excel sheet (A to XFD).
const maxColumns = 16384

// parseColumnLetters returns the 0-based index of a column written as
// upper-case letters, such as "C" (2) or "AA" (26). It reports false for
// anything else, lower-case letters included, so that a header such as
// "Nom" is never taken for column NOM.
func parseColumnLetters(s string) (int, bool) {
	if s == "" || len(s) > 3 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 'A' || c > 'Z' {
			return 0, false
		}
		n = n*26 + int(c-'A'+1)
	}
	if n > maxColumns {
		return 0, false
	}
	return n - 1, true
}

// parseColumnNumber returns the 0-based index of a column written as its
// 1-based number, such as "3" (2).
func parseColumnNumber(s string) (int, bool) {
	if s == "" || len(s) > 5 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if n < 1 || n > maxColumns {
		return 0, false
	}
	return n - 1, true
}
