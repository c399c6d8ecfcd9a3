// Package normalize cleans and checks single cell values: text, emails,
// phone numbers, prices, names and URLs.
//
// Every parser takes the value as the CSV or XLSX reader returned it. A
// parser returns an *Issue as its error when the value cannot be used, and
// a list of Issues beside a usable result for repairs the user should know
// about (warnings). All functions are safe for concurrent use.
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
	// Message describes what is wrong and how to fix it.
	Message i18n.Text
}

func (i *Issue) Error() string { return i.Message.String() }

// newIssue returns an Issue with a message built by i18n.T.
func newIssue(code, format string, args ...any) *Issue {
	return &Issue{Code: code, Message: i18n.T(format, args...)}
}

// ErrNotImplemented was returned by the stubs of this package.
//
// Deprecated: every parser is implemented and none returns it. It is kept
// so that code written against the stubs still compiles.
var ErrNotImplemented = errors.New("normalize: not implemented")

// Issue codes. Each parser documents which of them it returns as an error
// and which as a warning.
const (
	CodeEmailEmpty              = "email_empty"
	CodeEmailMailtoRemoved      = "email_mailto_removed"
	CodeEmailDisplayNameRemoved = "email_display_name_removed"
	CodeEmailTwoAddresses       = "email_two_addresses"
	CodeEmailInvalid            = "email_invalid"

	CodePhoneEmpty              = "phone_empty"
	CodePhoneScientificNotation = "phone_scientific_notation"
	CodePhonePlusAssumed        = "phone_plus_assumed"
	CodePhoneAmbiguous          = "phone_ambiguous"
	CodePhoneLeadingZeroAssumed = "phone_leading_zero_assumed"
	CodePhoneExtensionDropped   = "phone_extension_dropped"
	CodePhoneTwoNumbers         = "phone_two_numbers"
	CodePhoneInvalid            = "phone_invalid"
	CodePhoneRegionMissing      = "phone_region_missing"
	CodePhoneRegionUnknown      = "phone_region_unknown"

	CodePriceEmpty    = "price_empty"
	CodePriceNegative = "price_negative"
	CodePriceInvalid  = "price_invalid"
	CodePriceRounded  = "price_rounded"

	CodeURLEmpty       = "url_empty"
	CodeURLSpaces      = "url_spaces"
	CodeURLNotAbsolute = "url_not_absolute"
	CodeURLScheme      = "url_scheme"
	CodeURLInvalid     = "url_invalid"
)

// PhoneNumber is a phone split as the API wants it.
type PhoneNumber struct {
	// CountryCode is the calling code in decimal without "+", such as "352".
	CountryCode string
	// Number is the national significant number, without trunk prefix
	// (except Italy's leading zero, which belongs to the number), such as
	// "621000011".
	Number string
}
