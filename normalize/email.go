package normalize

import (
	"strings"
	"unicode/utf8"
)

// Limits of RFC 5321, section 4.5.3.1: a local part has at most 64 octets
// and a forward path at most 256, so an address has at most 254.
const (
	maxEmailLocal  = 64
	maxEmailLength = 254
	maxDomainLabel = 63
)

// Email cleans raw with Text and checks it as an email address the API
// accepts. It returns the address with its domain lower-cased and its local
// part unchanged, because some mail servers treat the local part's case as
// significant.
//
// Repairs, returned as warnings: a "mailto:" prefix is removed
// (CodeEmailMailtoRemoved), and "Name <address>" is reduced to the address
// (CodeEmailDisplayNameRemoved). "<address>" alone loses its brackets
// without a warning.
//
// Errors, returned as *Issue:
//   - CodeEmailEmpty for an empty value.
//   - CodeEmailTwoAddresses when the cell contains two addresses separated
//     by ";", ",", "/" or a space.
//   - CodeEmailInvalid for an address that is not of the form
//     local@domain.tld. The message names the reason.
//
// Only ASCII addresses are accepted. An address with accents in its local
// part or domain is rejected with the character named, because it needs
// SMTPUTF8 or IDNA support on the receiving side.
func Email(raw string) (string, []Issue, error) {
	value := Text(raw)
	if value == "" {
		return "", nil, newIssue(CodeEmailEmpty, "the email is empty: enter an address such as name@example.com")
	}

	var warnings []Issue
	address := value

	if name, inner, ok := splitDisplayName(address); ok {
		if name != "" {
			warnings = append(warnings, *newIssue(CodeEmailDisplayNameRemoved,
				"the email %q contains the name %q before the address: only %s is kept", value, name, inner))
		}
		address = inner
	}

	if rest, ok := cutPrefixFold(address, "mailto:"); ok {
		address = strings.TrimSpace(rest)
		warnings = append(warnings, *newIssue(CodeEmailMailtoRemoved,
			"the email %q starts with \"mailto:\", which was removed: only %s is kept", value, address))
	}

	if first, second, ok := twoAddresses(address); ok {
		return "", warnings, newIssue(CodeEmailTwoAddresses,
			"the email cell %q contains two addresses, %s and %s: keep one in this column and put the other in the message", value, first, second)
	}

	if err := checkEmail(address, value); err != nil {
		return "", warnings, err
	}

	at := strings.IndexByte(address, '@')
	return address[:at+1] + strings.ToLower(address[at+1:]), warnings, nil
}

// splitDisplayName splits "Name <address>" and "\"Name\" <address>". ok is
// false when value does not end with a bracketed part after some text.
func splitDisplayName(value string) (name, address string, ok bool) {
	if !strings.HasSuffix(value, ">") {
		return "", "", false
	}
	open := strings.LastIndexByte(value, '<')
	if open < 0 {
		return "", "", false
	}

	address = strings.TrimSpace(value[open+1 : len(value)-1])
	name = strings.TrimSpace(value[:open])
	name = strings.TrimSpace(strings.Trim(name, `"'`))
	if strings.ContainsAny(address, "<>") || strings.ContainsAny(name, "<>") {
		return "", "", false
	}
	return name, address, true
}

// cutPrefixFold is strings.CutPrefix with ASCII case folding.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// twoAddresses reports whether value splits, at ";", ",", "/" or spaces,
// into two or more parts that each contain an "@", and returns the first
// two.
func twoAddresses(value string) (first, second string, ok bool) {
	// Each address has its own @, so one @ cannot make two.
	if strings.Count(value, "@") < 2 {
		return "", "", false
	}
	parts := strings.FieldsFunc(value, func(r rune) bool {
		return r == ';' || r == ',' || r == '/' || r == ' '
	})

	var found []string
	for _, part := range parts {
		if strings.Contains(part, "@") {
			found = append(found, part)
		}
	}
	if len(found) < 2 {
		return "", "", false
	}
	return found[0], found[1], true
}

// checkEmail returns a CodeEmailInvalid issue naming what is wrong with
// address, or nil. value is the cell as the user wrote it, for the message.
func checkEmail(address, value string) *Issue {
	invalid := func(format string, args ...any) *Issue {
		return newIssue(CodeEmailInvalid, format, append([]any{value}, args...)...)
	}

	if strings.Contains(address, " ") {
		return invalid("the email %q contains a space: remove it")
	}

	at := strings.Count(address, "@")
	switch {
	case at == 0:
		return invalid("the email %q has no @: write it as name@example.com")
	case at > 1:
		return invalid("the email %q contains %d @ signs: keep only the one between the name and the domain", at)
	}

	local, domain, _ := strings.Cut(address, "@")
	switch {
	case local == "":
		return invalid("the email %q has nothing before the @: add the name part, as in name@example.com")
	case domain == "":
		return invalid("the email %q has nothing after the @: add the domain, as in name@example.com")
	case len(address) > maxEmailLength:
		return invalid("the email %q is longer than %d characters: check that the cell holds one address", maxEmailLength)
	case len(local) > maxEmailLocal:
		return invalid("the part before the @ in the email %q is longer than %d characters: check the address", maxEmailLocal)
	}

	if r, ok := firstInvalidRune(local, isLocalRune); ok {
		return invalid("the email %q contains the character %q, which is not allowed before the @: remove or replace it", string(r))
	}
	if r, ok := firstInvalidRune(domain, isDomainRune); ok {
		return invalid("the email %q contains the character %q, which is not allowed in the domain: remove or replace it", string(r))
	}

	if issue := checkDots(local, value, false); issue != nil {
		return issue
	}
	if issue := checkDots(domain, value, true); issue != nil {
		return issue
	}
	return checkDomain(domain, value)
}

// checkDots rejects a part of an address that starts or ends with a dot or
// has two dots in a row. inDomain is true for the domain and false for the
// local part.
func checkDots(part, value string, inDomain bool) *Issue {
	edge := strings.HasPrefix(part, ".") || strings.HasSuffix(part, ".")
	double := strings.Contains(part, "..")

	switch {
	case edge && inDomain:
		return newIssue(CodeEmailInvalid, "the email %q has a dot at the start or the end of the domain: remove it", value)
	case edge:
		return newIssue(CodeEmailInvalid, "the email %q has a dot at the start or the end of the part before the @: remove it", value)
	case double && inDomain:
		return newIssue(CodeEmailInvalid, "the email %q has two dots in a row in the domain: remove one", value)
	case double:
		return newIssue(CodeEmailInvalid, "the email %q has two dots in a row before the @: remove one", value)
	}
	return nil
}

// checkDomain checks the domain's labels: letters, digits and inner
// hyphens, at most 63 characters each, and a top-level domain of two
// letters or more.
func checkDomain(domain, value string) *Issue {
	if !strings.Contains(domain, ".") {
		return newIssue(CodeEmailInvalid,
			"the email %q has no dot in its domain %q: complete the domain, as in %s.com or %s.lu", value, domain, domain, domain)
	}

	labels := strings.Split(domain, ".")
	for _, label := range labels {
		if len(label) > maxDomainLabel {
			return newIssue(CodeEmailInvalid, "the email %q has a domain part longer than %d characters: check the domain", value, maxDomainLabel)
		}
		if strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return newIssue(CodeEmailInvalid, "the email %q has a domain part %q that starts or ends with a hyphen: check the domain", value, label)
		}
	}

	tld := labels[len(labels)-1]
	if len(tld) < 2 || strings.ContainsFunc(tld, func(r rune) bool { return !isASCIILetter(r) }) {
		return newIssue(CodeEmailInvalid, "the email %q ends with %q, which is not a top-level domain such as .com or .lu: check the domain", value, "."+tld)
	}
	return nil
}

// firstInvalidRune returns the first rune of s that valid rejects.
func firstInvalidRune(s string, valid func(rune) bool) (rune, bool) {
	for _, r := range s {
		if !valid(r) {
			return r, true
		}
	}
	return 0, false
}

// isLocalRune reports whether r may appear in an unquoted local part: the
// atext characters of RFC 5322 and the dot. "/" is excluded, because in a
// cell it separates two addresses far more often than it belongs to one.
func isLocalRune(r rune) bool {
	if isASCIILetter(r) || isASCIIDigit(r) {
		return true
	}
	return r < utf8.RuneSelf && strings.ContainsRune(".!#$%&'*+-=?^_`{|}~", r)
}

// isDomainRune reports whether r may appear in an ASCII domain name.
func isDomainRune(r rune) bool {
	return isASCIILetter(r) || isASCIIDigit(r) || r == '-' || r == '.'
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }
