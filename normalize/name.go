package normalize

import (
	"strings"
	"unicode"
)

// titles are the courtesy titles that Name drops, lower-cased and without
// a final dot. "M." (Monsieur) is matched separately, because a bare "M"
// is more often an initial.
var titles = map[string]bool{
	"mme": true, "mlle": true, "madame": true, "mademoiselle": true, "monsieur": true,
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true,
	"herr": true, "frau": true,
}

// particles are the words that belong to the last name when they come
// before it: "de", "van der", "von", "da", and their neighbours.
var particles = map[string]bool{
	"de": true, "du": true, "des": true, "d'": true, "van": true, "von": true, "der": true,
	"den": true, "le": true, "la": true, "di": true, "da": true, "del": true, "della": true,
	"dos": true, "das": true, "do": true, "ten": true, "ter": true, "zu": true,
}

// Name splits a full name into first and last name, keeping the casing as
// written. raw is cleaned by Text first.
//
//   - "Jeanne Martin": the last word is the last name.
//   - "MARTIN Jeanne", "Jeanne MARTIN": a run of all-capital words is the
//     last name, wherever it is, when the other words are not all in
//     capitals.
//   - "Martin, Jeanne": the part before the comma is the last name.
//   - Particles before the last name stay with it: "Ludwig van der Rohe"
//     gives "Ludwig" and "van der Rohe".
//   - Leading titles (Mme, M., Mr, Mrs, Ms, Dr, Herr, Frau, Mlle and the
//     words they stand for) are dropped.
//   - One word is a first name, unless a title was dropped before it:
//     "Mme Martin" gives an empty first name and "Martin".
//   - Words before the last name all belong to the first name, so
//     "Jean-Pierre Martin" and "Anne Marie Martin" keep "Jean-Pierre" and
//     "Anne Marie".
func Name(raw string) (first, last string) {
	value := Text(raw)

	if before, after, ok := strings.Cut(value, ","); ok {
		lastWords, _ := dropTitles(strings.Fields(before))
		firstWords, _ := dropTitles(strings.Fields(strings.ReplaceAll(after, ",", " ")))
		if len(lastWords) > 0 && len(firstWords) > 0 {
			return strings.Join(firstWords, " "), strings.Join(lastWords, " ")
		}
		value = strings.ReplaceAll(value, ",", " ")
	}

	words, hadTitle := dropTitles(strings.Fields(value))
	switch len(words) {
	case 0:
		return "", ""
	case 1:
		if hadTitle {
			return "", words[0]
		}
		return words[0], ""
	}

	start, end := lastNameSpan(words)
	firstWords := append(append([]string{}, words[:start]...), words[end:]...)
	return strings.Join(firstWords, " "), strings.Join(words[start:end], " ")
}

// lastNameSpan returns the words[start:end] that form the last name of a
// name of two words or more, leaving at least one word for the first name.
func lastNameSpan(words []string) (start, end int) {
	start, end, ok := capitalsRun(words)
	if !ok {
		start, end = len(words)-1, len(words)
	}

	for start > 0 && isParticle(words[start-1]) && (start > 1 || end < len(words)) {
		start--
	}
	return start, end
}

// capitalsRun returns the only run of consecutive all-capital words in
// words. ok is false when there is no such run, more than one, or when
// every word is in capitals.
func capitalsRun(words []string) (start, end int, ok bool) {
	start, end = -1, -1
	for i, word := range words {
		if !isCapitalWord(word) {
			continue
		}
		switch {
		case start < 0:
			start, end = i, i+1
		case end == i:
			end = i + 1
		default:
			return 0, 0, false
		}
	}

	if start < 0 || end-start == len(words) {
		return 0, 0, false
	}
	return start, end, true
}

// isCapitalWord reports whether word has two letters or more and none of
// them is lower case, so that the initial "J." does not count.
func isCapitalWord(word string) bool {
	letters := 0
	for _, r := range word {
		if !unicode.IsLetter(r) {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		letters++
	}
	return letters >= 2
}

func isParticle(word string) bool {
	return particles[strings.ToLower(word)]
}

func isTitle(word string) bool {
	if word == "M." {
		return true
	}
	return titles[strings.TrimSuffix(strings.ToLower(word), ".")]
}

// dropTitles removes the titles at the start of words and reports whether
// there were any.
func dropTitles(words []string) ([]string, bool) {
	i := 0
	for i < len(words) && isTitle(words[i]) {
		i++
	}
	return words[i:], i > 0
}
