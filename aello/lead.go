// Package aello holds the contract of the Aéllo Copilot REST API: the lead
// sent to POST /leads, the rules the API applies to it, and a client.
package aello

// Base URLs of the two environments, from the vendor's API document.
const (
	SandboxURL    = "https://api.customers.sandbox.aello-copilot.com"
	ProductionURL = "https://api.customers.aello-copilot.com"
)

// APIKeyHeader is the request header that carries the API key.
const APIKeyHeader = "Aello-Api-Key"

// Lead is the body of POST /leads. Empty optional fields are left out of
// the JSON.
type Lead struct {
	ExternalID string   `json:"externalId,omitempty"`
	Contact    Contact  `json:"contact"`
	Product    *Product `json:"product,omitempty"`
	Message    string   `json:"message,omitempty"`
}

// Contact is the person behind a lead. The API requires FirstName, and an
// Email or a phone (PhoneCountryCode with PhoneNumber).
type Contact struct {
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName,omitempty"`
	Email     string `json:"email,omitempty"`
	// PhoneCountryCode is the calling code without "+", such as "352".
	PhoneCountryCode string `json:"phoneCountryCode,omitempty"`
	// PhoneNumber is the national number without the country code.
	PhoneNumber string `json:"phoneNumber,omitempty"`
	CompanyName string `json:"companyName,omitempty"`
}

// Product is the vehicle or item the lead concerns. The API requires Reference when any
// product field is given.
type Product struct {
	Link      string   `json:"link,omitempty"`
	Image     string   `json:"image,omitempty"`
	Title     string   `json:"title,omitempty"`
	Reference string   `json:"reference,omitempty"`
	Price     *float64 `json:"price,omitempty"`
}

// IsEmpty reports whether no product field is set.
func (p *Product) IsEmpty() bool {
	return p == nil || (p.Link == "" && p.Image == "" && p.Title == "" && p.Reference == "" && p.Price == nil)
}

// Field paths of a lead, as used in mappings, diagnostics and reports.
const (
	FieldExternalID       = "externalId"
	FieldFirstName        = "contact.firstName"
	FieldLastName         = "contact.lastName"
	FieldEmail            = "contact.email"
	FieldPhoneCountryCode = "contact.phoneCountryCode"
	FieldPhoneNumber      = "contact.phoneNumber"
	FieldCompanyName      = "contact.companyName"
	FieldLink             = "product.link"
	FieldImage            = "product.image"
	FieldTitle            = "product.title"
	FieldReference        = "product.reference"
	FieldPrice            = "product.price"
	FieldMessage          = "message"
)
