package importer

import (
	"bytes"
	"errors"
	"hash/maphash"
	"strings"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
	"github.com/aello-copilot/aello-import/importer/seen"
	"github.com/aello-copilot/aello-import/mapping"
	"github.com/aello-copilot/aello-import/spreadsheet"
)

// mapRow maps and checks one row on its own and fills the item's outcome.
// It returns true when nothing is wrong with the row so far; the checks
// against other rows come later, in input order (see gate). mapRow runs
// on several goroutines at once, each with its own buffer for encoding
// the request body. The body is encoded and kept in the item only when
// keepBody is set.
func mapRow(binding *mapping.Binding, row spreadsheet.Row, it *item, buffer *[]byte, keepBody bool) bool {
	o := &it.outcome
	o.Diagnostics = append(o.Diagnostics, row.Diagnostics...)
	if misaligned(row.Diagnostics) {
		// The cells do not line up with the header, so mapping them would
		// report values from the wrong columns, such as "SARL" as a phone.
		o.Status = Invalid
		return false
	}

	result := binding.Apply(row.Number, row.Cells)
	if result.Skipped {
		o.Status = Skipped
		o.Code = "skip_if"
		o.Note = result.SkipReason
		return false
	}
	o.Diagnostics = append(o.Diagnostics, result.Diagnostics...)
	it.lead = result.Lead
	if diag.HasError(o.Diagnostics) {
		o.Status = Invalid
		return false
	}

	// A check without --emit needs no body, only to know that the lead
	// can be encoded.
	var body []byte
	var err error
	if keepBody {
		body, err = result.Lead.AppendJSON((*buffer)[:0])
		*buffer = body
	} else {
		err = result.Lead.CheckEncodable()
	}
	if err != nil {
		o.Status = Invalid
		o.Diagnostics = append(o.Diagnostics, diag.Diagnostic{
			Severity: diag.Error, Code: "encode_failed", Row: row.Number, Column: -1,
			Message: i18n.T("the row could not be encoded as JSON: %v", err),
		})
		return false
	}
	if keepBody {
		it.body = bytes.Clone(body)
	}
	return true
}

// checkAgainstEarlierRows adds the diagnostics that depend on the rows
// before this one, and sets the outcome's code and field from the first
// problem. It runs in input order. It returns true when the row is valid,
// and an error when the duplicate check failed, which leaves the row
// unchecked.
func checkAgainstEarlierRows(binding *mapping.Binding, dups *duplicates, it *item, valid bool) (bool, error) {
	o := &it.outcome
	if o.Status != Skipped && !misaligned(o.Diagnostics) {
		found, err := dups.check(binding, o.Row, &it.lead, !valid)
		if err != nil {
			return false, err
		}
		o.Diagnostics = append(o.Diagnostics, found...)
	}
	if o.Status == Skipped {
		return false, nil
	}

	if diag.HasError(o.Diagnostics) {
		o.Status = Invalid
		valid = false
	}
	// A warning does not stop the row, but the report names it.
	if first := diag.First(o.Diagnostics); first != nil {
		o.Code = first.Code
		o.Field = first.Field
	}
	return valid, nil
}

// misaligned reports whether the reader found a row whose number of fields
// differs from the header's.
func misaligned(list []diag.Diagnostic) bool {
	for i := range list {
		if list[i].Code == "field_count" {
			return true
		}
	}
	return false
}

// duplicates remembers, for each externalId and each contact and product
// pair, the first row that had it. It keeps 64-bit hashes, not the values,
// in sets that move to temporary files as they grow, so that its memory
// stays flat on files of millions of rows.
type duplicates struct {
	seed        maphash.Seed
	hash        maphash.Hash
	externalIDs *seen.Set
	contacts    *seen.Set
}

// duplicatesDir is the folder of the duplicate sets' temporary files; ""
// is os.TempDir(). Tests point it elsewhere to make the sets fail.
var duplicatesDir = ""

func newDuplicates() *duplicates {
	d := &duplicates{
		seed:        maphash.MakeSeed(),
		externalIDs: seen.New(duplicatesDir),
		contacts:    seen.New(duplicatesDir),
	}
	d.hash.SetSeed(d.seed)
	return d
}

// close removes the sets' temporary files.
func (d *duplicates) close() error {
	return errors.Join(d.externalIDs.Close(), d.contacts.Close())
}

// check returns an error when the lead's externalId was already used, and
// a warning when its contact and product match an earlier valid row, which
// the API would merge into that row's lead as a message. invalid reports
// whether the row already has an error. Such a row is not remembered as a
// contact, since it will not be sent. The error is a failure of the sets'
// temporary files.
func (d *duplicates) check(binding *mapping.Binding, row int, lead *aello.Lead, invalid bool) ([]diag.Diagnostic, error) {
	var found []diag.Diagnostic

	if id := lead.ExternalID; id != "" {
		first, used, err := d.externalIDs.FirstOrAdd(maphash.String(d.seed, id), uint32(row))
		if err != nil {
			return nil, err
		}
		if used {
			duplicate := diag.Diagnostic{
				Severity: diag.Error, Code: "duplicate_external_id", Row: row, Column: -1,
				Field: aello.FieldExternalID, Value: id,
				Message: i18n.T("externalId %q is already used by row %d: give each lead its own ID, or delete this row if it is the same lead", id, first),
			}
			if column, ok := binding.Column(aello.FieldExternalID); ok && column >= 0 {
				duplicate.Column = column
				duplicate.Header = binding.Header()[column]
			}
			found = append(found, duplicate)
		}
	}

	if invalid || (len(found) > 0) {
		return found, nil
	}
	key, ok := d.contactKey(lead)
	if !ok {
		return found, nil
	}
	first, used, err := d.contacts.FirstOrAdd(key, uint32(row))
	if err != nil {
		return nil, err
	}
	if used {
		found = append(found, diag.Diagnostic{
			Severity: diag.Warning, Code: "duplicate_contact_product", Row: row, Column: -1,
			Field:   "contact",
			Message: i18n.T("same contact and product as row %d: Aéllo will add this row as a message to that lead instead of creating a new one", first),
		})
	}
	return found, nil
}

// contactKey hashes the contact the way the API matches them, by email or
// else by phone, with the product's reference. It returns false when the
// lead has neither an email nor a phone.
func (d *duplicates) contactKey(lead *aello.Lead) (uint64, bool) {
	c := &lead.Contact
	h := &d.hash
	h.Reset()
	switch {
	case c.Email != "":
		h.WriteString("e:")
		h.WriteString(strings.ToLower(c.Email))
	case c.PhoneNumber != "":
		h.WriteString("p:")
		h.WriteString(c.PhoneCountryCode)
		h.WriteString("/")
		h.WriteString(c.PhoneNumber)
	default:
		return 0, false
	}
	h.WriteByte(0)
	if lead.Product != nil {
		h.WriteString(lead.Product.Reference)
	}
	return h.Sum64(), true
}
