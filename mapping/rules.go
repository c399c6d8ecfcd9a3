package mapping

import (
	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
)

// checkRules reports the API rules the lead breaks (aello.CheckRules), each
// pointing at the column to fill in, or at the field to add to the mapping.
// A rule is not reported when a value it needs was rejected already: the
// fix is then to correct that value.
func (a *applier) checkRules() {
	for _, v := range aello.CheckRules(&a.result.Lead) {
		switch v.Code {
		case "first_name_required":
			if a.anyFailed(aello.FieldFirstName, FieldName) {
				continue
			}
			a.firstNameRequired(v)

		case "email_or_phone_required":
			if a.anyFailed(aello.FieldEmail, FieldPhone, aello.FieldPhoneCountryCode, aello.FieldPhoneNumber) {
				continue
			}
			a.emailOrPhoneRequired(v)

		case "phone_incomplete":
			if a.anyFailed(aello.FieldPhoneCountryCode, aello.FieldPhoneNumber) {
				continue
			}
			a.phoneIncomplete(v)

		case "reference_required":
			if a.anyFailed(aello.FieldReference) {
				continue
			}
			a.referenceRequired(v)

		default:
			a.rule(v, -1, i18n.T("the lead breaks the API rule %s on %s", v.Code, v.Field))
		}
	}
}

func (a *applier) anyFailed(fields ...string) bool {
	for _, f := range fields {
		if a.failed&(1<<fieldIndex(f)) != 0 {
			return true
		}
	}
	return false
}

// column returns the column of a mapped field, and whether it is mapped.
func (a *applier) column(field string) (int, bool) {
	return a.binding.Column(field)
}

func (a *applier) firstNameRequired(v aello.RuleViolation) {
	if column, ok := a.column(aello.FieldFirstName); ok {
		a.rule(v, column, a.fillIn(aello.FieldFirstName, column, i18n.T("the first name is empty; fill in column %s (%s)", diag.ColumnLetter(column), a.binding.displayHeader(column))))
		return
	}
	if column, ok := a.column(FieldName); ok {
		a.rule(v, column, a.fillIn(FieldName, column, i18n.T("the full name in column %s (%s) gives no first name; write it as first name then last name", diag.ColumnLetter(column), a.binding.displayHeader(column))))
		return
	}
	a.rule(v, -1, i18n.T("the first name is missing because the mapping has no contact.firstName; add contact.firstName (or contact.name for a full name) to the fields"))
}

func (a *applier) emailOrPhoneRequired(v aello.RuleViolation) {
	email, hasEmail := a.column(aello.FieldEmail)
	phoneField := FieldPhone
	phone, hasPhone := a.column(phoneField)
	if !hasPhone {
		phoneField = aello.FieldPhoneNumber
		phone, hasPhone = a.column(phoneField)
	}

	switch {
	case hasEmail && hasPhone:
		a.rule(v, email, i18n.T("the lead has neither an email nor a phone; fill in column %s (%s) or column %s (%s)",
			diag.ColumnLetter(email), a.binding.displayHeader(email), diag.ColumnLetter(phone), a.binding.displayHeader(phone)))
	case hasEmail:
		a.rule(v, email, a.fillIn(aello.FieldEmail, email, i18n.T("the email is empty and the mapping has no phone; fill in column %s (%s), or add contact.phone to the fields", diag.ColumnLetter(email), a.binding.displayHeader(email))))
	case hasPhone:
		a.rule(v, phone, a.fillIn(phoneField, phone, i18n.T("the phone is empty and the mapping has no email; fill in column %s (%s), or add contact.email to the fields", diag.ColumnLetter(phone), a.binding.displayHeader(phone))))
	default:
		a.rule(v, -1, i18n.T("the mapping has neither contact.email nor contact.phone, and the API requires one of them; add one to the fields"))
	}
}

func (a *applier) phoneIncomplete(v aello.RuleViolation) {
	if a.result.Lead.Contact.PhoneCountryCode == "" {
		column, ok := a.column(aello.FieldPhoneCountryCode)
		if !ok {
			a.rule(v, -1, i18n.T("the phone has no country code because the mapping has no contact.phoneCountryCode; add it to the fields, or map the whole phone as contact.phone"))
			return
		}
		a.rule(v, column, a.fillIn(aello.FieldPhoneCountryCode, column, i18n.T("the phone has a number but no country code; fill in column %s (%s)", diag.ColumnLetter(column), a.binding.displayHeader(column))))
		return
	}

	column, ok := a.column(aello.FieldPhoneNumber)
	if !ok {
		a.rule(v, -1, i18n.T("the phone has no number because the mapping has no contact.phoneNumber; add it to the fields, or map the whole phone as contact.phone"))
		return
	}
	a.rule(v, column, a.fillIn(aello.FieldPhoneNumber, column, i18n.T("the phone has a country code but no number; fill in column %s (%s)", diag.ColumnLetter(column), a.binding.displayHeader(column))))
}

func (a *applier) referenceRequired(v aello.RuleViolation) {
	column, ok := a.column(aello.FieldReference)
	if !ok {
		a.rule(v, -1, i18n.T("the product has no reference, which the API requires when any product field is given; add product.reference to the fields, or remove the product fields"))
		return
	}
	a.rule(v, column, a.fillIn(aello.FieldReference, column, i18n.T("the product reference is empty, and the API requires it when any product field is given; fill in column %s (%s)", diag.ColumnLetter(column), a.binding.displayHeader(column))))
}

// fillIn returns message when field reads a column. For a constant
// (column -1), which has no cell to fill in, it returns a message naming
// the mapping's line instead.
func (a *applier) fillIn(field string, column int, message i18n.Text) i18n.Text {
	if column >= 0 {
		return message
	}
	return i18n.T("the constant the mapping gives %s on line %d yields no usable value; correct that line", field, a.binding.line(field))
}

// rule adds the diagnostic of an API rule violation.
func (a *applier) rule(v aello.RuleViolation, column int, message i18n.Text) {
	a.result.Diagnostics = append(a.result.Diagnostics, diag.Diagnostic{
		Severity: diag.Error,
		Code:     v.Code,
		Row:      a.number,
		Column:   column,
		Header:   a.binding.headerOf(column),
		Field:    v.Field,
		Value:    cell(a.cells, column),
		Message:  message,
	})
}
