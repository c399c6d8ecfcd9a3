package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/mail"
	"net/url"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/aello-copilot/aello-import/aello"
)

// Codes of rejected requests. Only CodeInvalidEmail comes from the API
// document.
const (
	codeContentType = "ERR-SANDBOX-UNSUPPORTED_CONTENT_TYPE"
	codeTooLarge    = "ERR-SANDBOX-BODY_TOO_LARGE"
	codeUnreadable  = "ERR-SANDBOX-BODY_UNREADABLE"
	codeMalformed   = "ERR-SANDBOX-MALFORMED_JSON"
	codeInvalidType = "ERR-SANDBOX-INVALID_TYPE"
	codeInvalidURL  = "ERR-SANDBOX-INVALID_URL"
	codePhone       = "ERR-SANDBOX-INVALID_PHONE"
)

// badRequest returns a 400 reply.
func badRequest(message, code string) *reply {
	return &reply{status: http.StatusBadRequest, message: message, code: code}
}

// readLead reads and checks the body of POST /leads. It returns the lead,
// or the reply that rejects the request.
func readLead(w http.ResponseWriter, r *http.Request) (*aello.Lead, *reply) {
	if rejected := checkContentType(r.Header.Get("Content-Type")); rejected != nil {
		return nil, rejected
	}

	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, &reply{status: http.StatusRequestEntityTooLarge,
			message: fmt.Sprintf("Request body too large: the limit is %d bytes", MaxBodyBytes), code: codeTooLarge}
	case err != nil:
		return nil, badRequest("Request body could not be read: "+err.Error(), codeUnreadable)
	}

	lead, rejected := decodeLead(body)
	if rejected != nil {
		return nil, rejected
	}
	if rejected := checkLead(lead); rejected != nil {
		return nil, rejected
	}
	return lead, nil
}

// checkContentType accepts application/json, with an optional UTF-8
// charset.
func checkContentType(value string) *reply {
	mediaType, params, err := mime.ParseMediaType(value)
	if err != nil || mediaType != "application/json" {
		return badRequest(fmt.Sprintf("Content-Type must be application/json, not %q", value), codeContentType)
	}
	if charset, ok := params["charset"]; ok && !strings.EqualFold(charset, "utf-8") {
		return badRequest(fmt.Sprintf("Content-Type charset must be utf-8, not %q", charset), codeContentType)
	}
	return nil
}

// decodeLead parses body as a lead. Unknown fields are ignored.
func decodeLead(body []byte) (*aello.Lead, *reply) {
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) == 0:
		return nil, badRequest("Request body is empty: send the lead as a JSON object", codeMalformed)
	case !utf8.Valid(body):
		return nil, badRequest("Request body is not valid UTF-8", codeMalformed)
	case trimmed[0] != '{':
		if !json.Valid(trimmed) {
			return nil, badRequest("Request body is not valid JSON", codeMalformed)
		}
		return nil, badRequest("Request body must be a JSON object", codeInvalidType)
	}

	var lead aello.Lead
	err := json.Unmarshal(body, &lead)
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntaxErr):
		return nil, badRequest(fmt.Sprintf("Request body is not valid JSON at byte %d: %v", syntaxErr.Offset, syntaxErr), codeMalformed)
	case errors.As(err, &typeErr):
		return nil, badRequest(fmt.Sprintf("%s must be %s, not %s", fieldName(typeErr), typeName(typeErr.Type), typeErr.Value), codeInvalidType)
	case err != nil:
		return nil, badRequest("Request body is not a valid lead: "+err.Error(), codeMalformed)
	}

	if lead.Product != nil && lead.Product.IsEmpty() {
		lead.Product = nil
	}
	return &lead, nil
}

// fieldName returns the JSON path of a type error, such as
// "product.price", or "request body" for the top level.
func fieldName(err *json.UnmarshalTypeError) string {
	if err.Field == "" {
		return "request body"
	}
	return err.Field
}

// typeName describes the JSON type that a Go type decodes from.
func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int64:
		return "a number"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Pointer:
		return typeName(t.Elem())
	}
	return "a " + t.Kind().String()
}

// ruleMessages are the messages of the aello.CheckRules codes.
var ruleMessages = map[string]string{
	"first_name_required":     "contact.firstName is required",
	"email_or_phone_required": "contact.email, or contact.phoneCountryCode with contact.phoneNumber, is required",
	"phone_incomplete":        "contact.phoneCountryCode and contact.phoneNumber must be given together",
	"reference_required":      "product.reference is required when product is given",
}

// checkLead applies the API's documented rules, then the format checks of
// the email, the phone and the product URLs.
func checkLead(lead *aello.Lead) *reply {
	if violations := aello.CheckRules(lead); len(violations) > 0 {
		first := violations[0]
		message, ok := ruleMessages[first.Code]
		if !ok {
			message = first.Field + " is invalid"
		}
		return badRequest(message, "ERR-SANDBOX-"+strings.ToUpper(first.Code))
	}

	if lead.Contact.Email != "" && !validEmail(lead.Contact.Email) {
		return badRequest("Invalid email", aello.CodeInvalidEmail)
	}
	if lead.Contact.PhoneCountryCode != "" && !digitsBetween(lead.Contact.PhoneCountryCode, 1, 3) {
		return badRequest("contact.phoneCountryCode must be 1 to 3 digits without \"+\", such as \"352\"", codePhone)
	}
	if lead.Contact.PhoneNumber != "" && !digitsBetween(lead.Contact.PhoneNumber, 4, 14) {
		return badRequest("contact.phoneNumber must be 4 to 14 digits without the country code or spaces", codePhone)
	}

	if lead.Product != nil {
		for _, link := range []struct{ field, value string }{
			{aello.FieldLink, lead.Product.Link},
			{aello.FieldImage, lead.Product.Image},
		} {
			if link.value != "" && !validHTTPURL(link.value) {
				return badRequest(link.field+" must be an absolute http or https URL", codeInvalidURL)
			}
		}
	}
	return nil
}

// validEmail reports whether email is a bare address (no display name,
// no angle brackets) whose domain contains a dot.
func validEmail(email string) bool {
	address, err := mail.ParseAddress(email)
	if err != nil || address.Name != "" || address.Address != email {
		return false
	}
	domain := email[strings.LastIndex(email, "@")+1:]
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// digitsBetween reports whether text is only ASCII digits, from minDigits
// to maxDigits of them.
func digitsBetween(text string, minDigits, maxDigits int) bool {
	if len(text) < minDigits || len(text) > maxDigits {
		return false
	}
	for i := 0; i < len(text); i++ {
		if text[i] < '0' || text[i] > '9' {
			return false
		}
	}
	return true
}

// validHTTPURL reports whether raw is an absolute http or https URL with a
// host.
func validHTTPURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
