package mapping

import (
	"errors"
	"strings"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
	"github.com/aello-copilot/aello-import/normalize"
)

// Result is the outcome of mapping one row.
type Result struct {
	// Lead is the request body; it is meant to be sent only when no
	// diagnostic is a diag.Error. Lead.Product is nil when no product
	// field has a value.
	Lead aello.Lead
	// Skipped is true when a skip_if rule matched, and SkipReason names
	// the rule. A skipped row has an empty Lead and no diagnostics.
	Skipped    bool
	SkipReason i18n.Text
	// Diagnostics holds every problem found; the row is invalid when one
	// of them is a diag.Error.
	Diagnostics []diag.Diagnostic
}

// Apply maps and validates one row. number is the row's Excel number and
// cells its values in header order; missing trailing cells count as empty
// and extra cells are ignored. Each field's value goes through its map,
// then its default when empty, then the field's parser from package
// normalize. An empty value leaves the field out. The lead is then checked
// against the API's rules (aello.CheckRules). Apply is safe for concurrent
// use.
func (b *Binding) Apply(number int, cells []string) Result {
	if reason, skipped := b.skip(cells); skipped {
		return Result{Skipped: true, SkipReason: reason}
	}

	a := applier{binding: b, number: number, cells: cells}
	for i := range b.fields {
		a.apply(&b.fields[i])
	}
	a.checkPhoneParts()

	if !a.product.IsEmpty() {
		product := a.product
		a.result.Lead.Product = &product
	}
	a.checkRules()
	return a.result
}

// skip returns the reason of the first skip_if rule that matches cells.
func (b *Binding) skip(cells []string) (i18n.Text, bool) {
	for i := range b.skips {
		s := &b.skips[i]
		value := cell(cells, s.column)

		switch s.rule.Op {
		case SkipEmpty:
			if isBlank(value) {
				return i18n.T("left out by the skip_if rule at line %d of the mapping: column %s (%s) is empty",
					s.rule.Line, diag.ColumnLetter(s.column), b.displayHeader(s.column)), true
			}
		case SkipEquals, SkipIn:
			if isBlank(value) {
				continue
			}
			key := s.memo.key(value)
			for _, want := range s.folded {
				if key == want {
					return i18n.T("left out by the skip_if rule at line %d of the mapping: column %s (%s) is %q",
						s.rule.Line, diag.ColumnLetter(s.column), b.displayHeader(s.column), normalize.Text(value)), true
				}
			}
		}
	}
	return i18n.Text{}, false
}

// cell returns cells[column], or "" when the row is shorter or column < 0.
func cell(cells []string, column int) string {
	if column < 0 || column >= len(cells) {
		return ""
	}
	return cells[column]
}

func (b *Binding) headerOf(column int) string {
	if column < 0 || column >= len(b.header) {
		return ""
	}
	return b.header[column]
}

// displayHeader returns the header of column cleaned for a message: no
// stray or non-breaking spaces.
func (b *Binding) displayHeader(column int) string {
	return normalize.Text(b.headerOf(column))
}

// applier is the state of one Apply call.
type applier struct {
	binding *Binding
	number  int
	cells   []string
	result  Result
	product aello.Product
	// failed has bit i set when the field fieldOrder[i] got a diag.Error,
	// so that the API rules do not report its absence a second time.
	failed uint32
	// countryCode and phoneNumber are the phone part fields that got a
	// value, and numberRaw the number's cell, for checkPhoneParts.
	countryCode, phoneNumber *boundField
	numberRaw                string
}

// apply fills one field of the lead.
func (a *applier) apply(f *boundField) {
	raw := a.raw(f)
	value := raw
	if f.mapExact != nil && !isBlank(value) {
		value = f.lookup(value)
	}
	if f.hasDefault && isBlank(value) {
		value = f.def
	}
	if isBlank(value) {
		return
	}

	lead := &a.result.Lead
	switch f.field {
	case aello.FieldExternalID:
		lead.ExternalID = normalize.Text(value)
	case aello.FieldFirstName:
		lead.Contact.FirstName = normalize.Text(value)
	case aello.FieldLastName:
		lead.Contact.LastName = normalize.Text(value)
	case FieldName:
		lead.Contact.FirstName, lead.Contact.LastName = normalize.Name(value)
	case aello.FieldCompanyName:
		lead.Contact.CompanyName = normalize.Text(value)

	case aello.FieldEmail:
		email, issues, err := normalize.Email(value)
		a.report(f, raw, issues, err)
		if err == nil {
			lead.Contact.Email = email
		}

	case FieldPhone:
		phone, issues, err := normalize.Phone(value, a.binding.country)
		a.report(f, raw, issues, err)
		if err == nil {
			lead.Contact.PhoneCountryCode, lead.Contact.PhoneNumber = phone.CountryCode, phone.Number
		}

	case aello.FieldPhoneCountryCode:
		code, ok := countryCallingCode(value)
		if !ok {
			a.fail(f, raw, "phone_country_code_invalid", i18n.T("invalid phone country code %q: write the calling code in digits, such as 352 for Luxembourg or 33 for France", normalize.Text(value)))
			return
		}
		lead.Contact.PhoneCountryCode = code
		a.countryCode = f
	case aello.FieldPhoneNumber:
		number, ok := phoneDigits(value)
		if !ok {
			a.fail(f, raw, "phone_number_invalid", i18n.T("invalid phone number %q: write the number in digits, without the country code", normalize.Text(value)))
			return
		}
		lead.Contact.PhoneNumber = number
		a.phoneNumber, a.numberRaw = f, raw

	case aello.FieldReference:
		a.product.Reference = normalize.Text(value)
	case aello.FieldTitle:
		a.product.Title = normalize.Text(value)
	case aello.FieldPrice:
		price, issues, err := normalize.Price(value)
		a.report(f, raw, issues, err)
		if err == nil {
			a.product.Price = &price
		}
	case aello.FieldLink, aello.FieldImage:
		url, err := normalize.URL(value)
		a.report(f, raw, nil, err)
		if err == nil && f.field == aello.FieldLink {
			a.product.Link = url
		} else if err == nil {
			a.product.Image = url
		}

	case aello.FieldMessage:
		lead.Message = normalize.Message(value)
	}
}

// raw returns the field's value before map and default: the cell, the
// rendered template, or the constant. A template whose placeholders are
// all empty renders as "", and a rendered template is trimmed.
func (a *applier) raw(f *boundField) string {
	switch f.kind {
	case FromColumn:
		return cell(a.cells, f.column)
	case FromValue:
		return f.value
	}

	empty := true
	for _, part := range f.parts {
		if part.column >= 0 && !isBlank(cell(a.cells, part.column)) {
			empty = false
			break
		}
	}
	if empty {
		return ""
	}

	size := 0
	for _, part := range f.parts {
		if part.column < 0 {
			size += len(part.literal)
		} else {
			size += len(cell(a.cells, part.column))
		}
	}
	var b strings.Builder
	b.Grow(size)
	for _, part := range f.parts {
		if part.column < 0 {
			b.WriteString(part.literal)
			continue
		}
		b.WriteString(strings.TrimSpace(cell(a.cells, part.column)))
	}
	return strings.TrimSpace(b.String())
}

// lookup applies the field's map to value: an exact match first, then a
// match ignoring case, accents and spaces. An unmatched value is returned
// unchanged.
func (f *boundField) lookup(value string) string {
	if to, ok := f.mapExact[value]; ok {
		return to
	}
	if to, ok := f.mapFolded[foldKey(value)]; ok {
		return to
	}
	return value
}

// report turns the issues and the error of a parser into diagnostics.
func (a *applier) report(f *boundField, raw string, issues []normalize.Issue, err error) {
	for _, issue := range issues {
		a.add(f, raw, diag.Warning, issue.Code, issue.Message)
	}
	if err == nil {
		return
	}

	var issue *normalize.Issue
	if errors.As(err, &issue) {
		a.fail(f, raw, issue.Code, issue.Message)
		return
	}
	a.fail(f, raw, "value_invalid", i18n.T("invalid value %q for %s: %v", normalize.Text(raw), f.field, err))
}

func (a *applier) fail(f *boundField, raw, code string, message i18n.Text) {
	a.failed |= 1 << f.index
	a.add(f, raw, diag.Error, code, message)
}

func (a *applier) add(f *boundField, raw string, severity diag.Severity, code string, message i18n.Text) {
	a.result.Diagnostics = append(a.result.Diagnostics, diag.Diagnostic{
		Severity: severity,
		Code:     code,
		Row:      a.number,
		Column:   f.column,
		Header:   a.binding.headerOf(f.column),
		Field:    f.field,
		Value:    raw,
		Message:  message,
	})
}

// checkPhoneParts validates a phone mapped as separate country code and
// number columns with libphonenumber, as a whole phone is, and stores the
// number without its national prefix ("0612..." with 33 gives "612...").
func (a *applier) checkPhoneParts() {
	contact := &a.result.Lead.Contact
	if a.countryCode == nil || a.phoneNumber == nil {
		return
	}

	phone, issues, err := normalize.Phone("+"+contact.PhoneCountryCode+" "+contact.PhoneNumber, a.binding.country)
	a.report(a.phoneNumber, a.numberRaw, issues, err)
	if err != nil {
		contact.PhoneCountryCode, contact.PhoneNumber = "", ""
		a.failed |= 1 << a.countryCode.index
		return
	}
	contact.PhoneCountryCode, contact.PhoneNumber = phone.CountryCode, phone.Number
}

// countryCallingCode reduces "+352", "00352" or "352" to "352".
func countryCallingCode(value string) (string, bool) {
	code, ok := phoneDigits(value)
	if !ok {
		return "", false
	}
	code = strings.TrimPrefix(code, "00")
	if code == "" || len(code) > 3 || code[0] == '0' {
		return "", false
	}
	return code, true
}

// phoneDigits returns the digits of value once spaces and the usual
// separators . - / ( ) and a leading + are removed, and reports false when
// anything else remains.
func phoneDigits(value string) (string, bool) {
	value = strings.TrimPrefix(normalize.Text(value), "+")
	var b strings.Builder
	b.Grow(len(value))
	for _, r := range value {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '/' || r == '(' || r == ')':
		default:
			return "", false
		}
	}
	return b.String(), b.Len() > 0
}
