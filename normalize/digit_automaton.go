package normalize

import (
	"encoding/binary"
	"regexp/syntax"
	"slices"
)

// maxAutomatonPatterns is the maximum number of patterns in one
// digitAutomaton, the width of its match masks.
const maxAutomatonPatterns = 16

// maxAutomatonStates is the maximum number of states of one
// digitAutomaton. A set of patterns that needs more is rejected, so that a
// caller falls back to the regular expressions instead of using a large
// table.
const maxAutomatonStates = 1 << 16

// deadState is the state from which no pattern can match, whatever digits
// follow. Its transitions all lead back to it.
const deadState = 0

// digitAutomaton is a deterministic finite automaton over the ASCII digits
// that runs up to 16 regular expressions at once. It reads one digit per
// table step, where Go's regexp package runs a backtracker or an NFA per
// pattern. It is not modified once built, so it is safe for concurrent
// use.
type digitAutomaton struct {
	// next[state][digit] is the state after reading the digit.
	next [][10]int32
	// matches[state] has bit i set when pattern i matches the digits read
	// so far.
	matches []uint16
	start   int32
}

// matchDigits returns the bitmask of the automaton's patterns that match
// all of digits, as MatchString does for "^(?:pattern)$". digits must
// contain only the bytes '0' to '9'.
func matchDigits[T ~string | ~[]byte](automaton *digitAutomaton, digits T) uint16 {
	state := automaton.start
	for i := 0; i < len(digits) && state != deadState; i++ {
		state = automaton.next[state][digits[i]-'0']
	}
	return automaton.matches[state]
}

// matchDigitsPrefix returns the bitmask of the automaton's patterns that
// match a prefix of digits, the empty prefix included, as MatchString does
// for "^(?:pattern)". digits must contain only the bytes '0' to '9'.
func matchDigitsPrefix(automaton *digitAutomaton, digits string) uint16 {
	state := automaton.start
	mask := automaton.matches[state]
	for i := 0; i < len(digits) && state != deadState; i++ {
		state = automaton.next[state][digits[i]-'0']
		mask |= automaton.matches[state]
	}
	return mask
}

// compileDigitAutomaton builds the automaton that matches each of patterns
// against digit strings. anchorEnd selects the anchors that the patterns
// get: "^(?:pattern)$" when true, "^(?:pattern)" when false, for use with
// matchDigitsPrefix. The patterns use Go's regexp syntax with the Perl
// flags, as regexp.Compile does.
//
// It returns false when a pattern does not parse, when a pattern contains
// a zero-width assertion (^, $, \A, \z, \b, \B), whose result would depend
// on the position, or when the automaton would exceed maxAutomatonPatterns
// or maxAutomatonStates. Letters and other non-digits are allowed: they
// never match a digit, as in "NA", which the phone metadata uses for a type
// of number that a region does not have.
func compileDigitAutomaton(patterns []string, anchorEnd bool) (*digitAutomaton, bool) {
	return compileDigitAutomatonLimit(patterns, anchorEnd, maxAutomatonStates)
}

// compileDigitAutomatonLimit is compileDigitAutomaton with a maximum
// number of states.
func compileDigitAutomatonLimit(patterns []string, anchorEnd bool, maxStates int) (*digitAutomaton, bool) {
	if len(patterns) > maxAutomatonPatterns {
		return nil, false
	}

	programs := make([]*syntax.Prog, len(patterns))
	for i, pattern := range patterns {
		program, ok := compileAnchored(pattern, anchorEnd)
		if !ok {
			return nil, false
		}
		programs[i] = program
	}

	builder := automatonBuilder{programs: programs, maxStates: maxStates, index: map[string]int32{}}
	return builder.build()
}

// compileAnchored parses pattern wrapped in anchors, as phonenumbers wraps
// its number patterns and national prefixes, and returns the program of
// what lies between the anchors. The automaton implies the anchors: it reads the
// whole input from its first digit and tests for a match where the input
// ends (or, without anchorEnd, after each digit).
func compileAnchored(pattern string, anchorEnd bool) (*syntax.Prog, bool) {
	expression := "^(?:" + pattern + ")"
	if anchorEnd {
		expression += "$"
	}
	tree, err := syntax.Parse(expression, syntax.Perl)
	if err != nil {
		return nil, false
	}

	// With the Perl flags, ^ and $ parse to OpBeginText and OpEndText, and
	// the group flattens into the concatenation around it, which is the
	// anchor alone when the group is empty.
	parts := []*syntax.Regexp{tree}
	if tree.Op == syntax.OpConcat {
		parts = tree.Sub
	}
	if len(parts) == 0 || parts[0].Op != syntax.OpBeginText {
		return nil, false
	}
	inner := parts[1:]
	if anchorEnd {
		last := len(inner) - 1
		if last < 0 || inner[last].Op != syntax.OpEndText {
			return nil, false
		}
		inner = inner[:last]
	}
	for _, sub := range inner {
		if hasZeroWidthAssertion(sub) {
			return nil, false
		}
	}

	body := &syntax.Regexp{Op: syntax.OpEmptyMatch}
	if len(inner) > 0 {
		body = &syntax.Regexp{Op: syntax.OpConcat, Flags: tree.Flags, Sub: inner}
	}
	program, err := syntax.Compile(body.Simplify())
	if err != nil || len(program.Inst) > 1<<16 {
		return nil, false
	}
	return program, true
}

func hasZeroWidthAssertion(tree *syntax.Regexp) bool {
	switch tree.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	return slices.ContainsFunc(tree.Sub, hasZeroWidthAssertion)
}

// automatonBuilder is the state of the subset construction over the
// programs of the patterns. A state of the NFA is an instruction that
// reads a rune, numbered pattern<<16 | pc. A state of the automaton is the
// sorted set of the NFA states that are active, with the mask of patterns
// that have reached their match instruction.
type automatonBuilder struct {
	programs  []*syntax.Prog
	maxStates int
	next      [][10]int32
	matches   []uint16
	// sets[state] is the NFA state set of the automaton state.
	sets  [][]uint32
	index map[string]int32
	// unsupported is set when a program has an instruction that the
	// construction cannot follow.
	unsupported bool
}

func (b *automatonBuilder) build() (*digitAutomaton, bool) {
	if _, ok := b.stateFor(nil, 0); !ok {
		return nil, false
	}

	var startSet []uint32
	var startMask uint16
	for pattern, program := range b.programs {
		startSet, startMask = b.addClosure(startSet, startMask, pattern, uint32(program.Start))
	}
	start, ok := b.stateFor(startSet, startMask)
	if !ok {
		return nil, false
	}

	// States are numbered in the order they are found, so this loop visits
	// each once, including the ones it adds.
	for state := 0; state < len(b.sets); state++ {
		for digit := range 10 {
			var set []uint32
			var mask uint16
			for _, id := range b.sets[state] {
				pattern, pc := id>>16, id&0xFFFF
				instruction := &b.programs[pattern].Inst[pc]
				if readsDigit(instruction, digit) {
					set, mask = b.addClosure(set, mask, int(pattern), instruction.Out)
				}
			}
			target, ok := b.stateFor(set, mask)
			if !ok {
				return nil, false
			}
			b.next[state][digit] = target
		}
	}
	if b.unsupported {
		return nil, false
	}
	return &digitAutomaton{next: b.next, matches: b.matches, start: start}, true
}

// addClosure adds to set the NFA states reachable from pc without reading
// a rune, and to mask the pattern's bit when its match instruction is
// reachable.
func (b *automatonBuilder) addClosure(set []uint32, mask uint16, pattern int, pc uint32) ([]uint32, uint16) {
	instruction := &b.programs[pattern].Inst[pc]
	switch instruction.Op {
	case syntax.InstAlt, syntax.InstAltMatch:
		set, mask = b.addClosure(set, mask, pattern, instruction.Out)
		return b.addClosure(set, mask, pattern, instruction.Arg)
	case syntax.InstCapture, syntax.InstNop:
		return b.addClosure(set, mask, pattern, instruction.Out)
	case syntax.InstMatch:
		return set, mask | 1<<pattern
	case syntax.InstFail:
		return set, mask
	case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		id := uint32(pattern)<<16 | pc
		if !slices.Contains(set, id) {
			set = append(set, id)
		}
		return set, mask
	}
	// InstEmptyWidth cannot occur, because compileAnchored rejects the
	// assertions that compile to it, but an unknown instruction must not
	// give a wrong automaton.
	b.unsupported = true
	return set, mask
}

// stateFor returns the automaton state for an NFA state set and match
// mask, adding it when it is new. It returns false when the automaton
// would exceed its maximum number of states.
func (b *automatonBuilder) stateFor(set []uint32, mask uint16) (int32, bool) {
	slices.Sort(set)
	key := make([]byte, 2, 2+4*len(set))
	binary.LittleEndian.PutUint16(key, mask)
	for _, id := range set {
		key = binary.LittleEndian.AppendUint32(key, id)
	}
	if state, ok := b.index[string(key)]; ok {
		return state, true
	}

	if len(b.sets) >= b.maxStates {
		return 0, false
	}
	state := int32(len(b.sets))
	b.index[string(key)] = state
	b.sets = append(b.sets, set)
	b.next = append(b.next, [10]int32{})
	b.matches = append(b.matches, mask)
	return state, true
}

// readsDigit reports whether instruction, one that reads a rune, accepts
// the ASCII digit.
func readsDigit(instruction *syntax.Inst, digit int) bool {
	switch instruction.Op {
	case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return true
	case syntax.InstRune1:
		return instruction.Rune[0] == rune('0'+digit)
	}
	return instruction.MatchRune(rune('0' + digit))
}
