package aello

// RuleViolation is a lead that breaks one of the API's documented rules.
type RuleViolation struct {
	// Field is the lead field at fault, such as FieldFirstName.
	Field string
	// Code is a stable identifier: "first_name_required",
	// "email_or_phone_required", "phone_incomplete" or "reference_required".
	Code string
}

// CheckRules returns the violations of the rules in the API document:
// contact.firstName is required, an email or a phone is required, a phone
// needs both its country code and its number, and product.reference is
// required when any product field is given. The price type is enforced by
// the JSON encoding of Product.Price.
func CheckRules(lead *Lead) []RuleViolation {
	var violations []RuleViolation

	if lead.Contact.FirstName == "" {
		violations = append(violations, RuleViolation{Field: FieldFirstName, Code: "first_name_required"})
	}

	hasCode := lead.Contact.PhoneCountryCode != ""
	hasNumber := lead.Contact.PhoneNumber != ""
	if hasCode != hasNumber {
		violations = append(violations, RuleViolation{Field: FieldPhoneNumber, Code: "phone_incomplete"})
	}
	if lead.Contact.Email == "" && !(hasCode && hasNumber) {
		violations = append(violations, RuleViolation{Field: FieldEmail, Code: "email_or_phone_required"})
	}

	if lead.Product != nil && !lead.Product.IsEmpty() && lead.Product.Reference == "" {
		violations = append(violations, RuleViolation{Field: FieldReference, Code: "reference_required"})
	}

	return violations
}
