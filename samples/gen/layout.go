package main

import "math/rand/v2"

// kind is the case a row is made to test. Every kind but kindClean changes one
// aspect of an otherwise valid row.
type kind int

const (
	kindClean kind = iota
	kindCancelled
	kindNoFirstName
	kindEmailTwoAt
	kindEmailNoDot
	kindEmailTwoAddresses
	kindPhoneScientific
	kindProductNoReference
	kindNegativePrice
	kindLinkNoScheme
	kindNoContact
	kindDuplicateID
	kindDuplicateLead
	kindMailtoPrefix
	kindPhoneLostPlus
	kindCount
)

// outcome is the verdict a correct importer gives a row of a kind, with the
// sample mapping.
type outcome string

const (
	outcomeValid   outcome = "valid"
	outcomeWarning outcome = "valid, with a warning"
	outcomeInvalid outcome = "invalid"
	outcomeSkipped outcome = "skipped"
)

type kindInfo struct {
	description string
	outcome     outcome
}

var kinds = [kindCount]kindInfo{
	kindClean:              {"valid row", outcomeValid},
	kindCancelled:          {"`Statut` is `Annulé` (left out by `skip_if`)", outcomeSkipped},
	kindNoFirstName:        {"first name missing", outcomeInvalid},
	kindEmailTwoAt:         {"email with two `@`", outcomeInvalid},
	kindEmailNoDot:         {"email domain without a dot", outcomeInvalid},
	kindEmailTwoAddresses:  {"two email addresses in one cell", outcomeInvalid},
	kindPhoneScientific:    {"phone turned by Excel into `3,52621E+11`, no email", outcomeInvalid},
	kindProductNoReference: {"vehicle title and price without a reference", outcomeInvalid},
	kindNegativePrice:      {"negative price", outcomeInvalid},
	kindLinkNoScheme:       {"listing link without `https://`", outcomeInvalid},
	kindNoContact:          {"neither email nor phone", outcomeInvalid},
	kindDuplicateID:        {"`ID` of an earlier row (in brackets)", outcomeInvalid},
	kindDuplicateLead:      {"same contact and vehicle as an earlier row (in brackets)", outcomeWarning},
	kindMailtoPrefix:       {"email with a `mailto:` prefix", outcomeWarning},
	kindPhoneLostPlus:      {"phone whose `+` was lost (`352621000…`), read as +352 because it starts with the default country's code", outcomeValid},
}

// The rows are laid out in periods of periodLength rows. Each period holds
// the special rows of periodKinds once, at positions drawn from the seed,
// so a 240-row file has every kind twice. The first cleanLead rows of a
// period are always clean, with both an email and a phone and a vehicle, so
// that a duplicate row always finds an earlier row in its period to copy.
const (
	periodLength = 120
	cleanLead    = 5
)

var periodKinds = []kind{
	kindNoFirstName, kindEmailTwoAt, kindEmailNoDot, kindEmailTwoAddresses, kindPhoneScientific,
	kindProductNoReference, kindNegativePrice, kindLinkNoScheme, kindNoContact, kindDuplicateID,
	kindDuplicateLead, kindMailtoPrefix, kindPhoneLostPlus,
	kindCancelled, kindCancelled, kindCancelled, kindCancelled,
}

// layout assigns a kind to every row. It keeps the layout of one period, so
// asking for the rows in order costs one shuffle per period.
type layout struct {
	seed   uint64
	broken bool

	period int
	slots  [periodLength]kind
}

func newLayout(seed uint64, broken bool) *layout {
	return &layout{seed: seed, broken: broken, period: -1}
}

// kindAt returns the kind of the data row at index (0 is Excel row 2).
// Without broken rows every row is clean.
func (l *layout) kindAt(index int) kind {
	if !l.broken {
		return kindClean
	}

	period := index / periodLength
	if period != l.period {
		l.fill(period)
	}
	return l.slots[index%periodLength]
}

func (l *layout) fill(period int) {
	l.period = period
	l.slots = [periodLength]kind{}

	positions := make([]int, 0, periodLength-cleanLead)
	for p := cleanLead; p < periodLength; p++ {
		positions = append(positions, p)
	}
	random := newRandom(l.seed, streamLayout, uint64(period))
	random.shuffle(positions)

	for i, k := range periodKinds {
		l.slots[positions[i]] = k
	}
}

// Streams separate the random sequences of the layout, of the rows and of
// the changes each kind makes, so that the content of a row depends only on
// the seed and its index.
const (
	streamLayout uint64 = 1
	streamRow    uint64 = 2
	streamKind   uint64 = 3
)

// random is a seeded source with its own bounded-integer and shuffle
// helpers. The PCG output is fixed by its algorithm, and the helpers here
// are too, so a seed gives the same files with any Go release.
type random struct {
	source *rand.PCG
}

func newRandom(seed, stream, index uint64) random {
	return random{source: rand.NewPCG(splitMix(seed^stream<<56), splitMix(index+stream))}
}

// splitMix is the SplitMix64 finalizer: it spreads nearby seeds over the
// whole PCG state.
func splitMix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// intn returns a number in [0, n). The modulo bias is negligible for the
// small n used here.
func (r random) intn(n int) int {
	return int(r.source.Uint64() % uint64(n))
}

// chance returns true in percent cases out of 100.
func (r random) chance(percent int) bool {
	return r.intn(100) < percent
}

func (r random) shuffle(values []int) {
	for i := len(values) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		values[i], values[j] = values[j], values[i]
	}
}

func pick[T any](r random, values []T) T {
	return values[r.intn(len(values))]
}
