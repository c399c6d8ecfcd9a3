// Package normalize cleans and checks single cell values: text, emails,
// phone numbers, prices, names and URLs.
package normalize

import (
	"errors"

	"github.com/aello-copilot/aello-import/i18n"
)

// Issue is a problem with one value: an error when returned as error, a
// warning when returned in a list beside a usable result.
type Issue struct {
	// Code is a stable English identifier, such as "email_two_addresses".
	Code string
	// Message says what is wrong and how to fix it.
	Message i18n.Text
}

func (i *Issue) Error() string { return i.Message.String() }

// ErrNotImplemented is returned by parsers still being built.
var ErrNotImplemented = errors.New("normalize: not implemented")

// PhoneNumber is a phone split as the API wants it.
type PhoneNumber struct {
	CountryCode string // "352"
	Number      string // "621000011"
}

// Text trims a value and folds runs of spaces, tabs, line breaks and
// non-breaking or zero-width spaces into one space.
func Text(s string) string { return s }

// Message is Text for multi-line values: line breaks are kept as LF.
func Message(s string) string { return s }

// Email returns the address in raw reduced and checked.
func Email(raw string) (string, []Issue, error) { return "", nil, ErrNotImplemented }

// Phone parses raw with libphonenumber, region being the default ISO
// region such as "LU".
func Phone(raw, region string) (PhoneNumber, []Issue, error) {
	return PhoneNumber{}, nil, ErrNotImplemented
}

// Price parses a price written in any usual locale.
func Price(raw string) (float64, []Issue, error) { return 0, nil, ErrNotImplemented }

// Name splits a full name into first and last name.
func Name(raw string) (first, last string) { return "", "" }

// URL checks that raw is an absolute http(s) URL.
func URL(raw string) (string, error) { return "", ErrNotImplemented }
