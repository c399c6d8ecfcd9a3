package sandbox

import (
	"testing"
)

func FuzzDecodeLead(f *testing.F) {
	f.Add([]byte(`{"contact":{"firstName":"Léa","email":"lea@example.lu"}}`))
	f.Add([]byte(`{"contact":"x","product":{"price":"1"}}`))
	f.Add([]byte(`[1,2]`))
	f.Add([]byte(`{"contact":{"firstName":"a","phoneCountryCode":"352","phoneNumber":"621000011"},"product":{"reference":"r","link":"http://[::1"}}`))

	f.Fuzz(func(t *testing.T, body []byte) {
		lead, rejected := decodeLead(body)
		if (lead == nil) == (rejected == nil) {
			t.Fatalf("decodeLead(%q) = %v, %v, want exactly one of a lead and a rejection", body, lead, rejected)
		}
		if rejected != nil {
			if rejected.status != 400 || rejected.message == "" || rejected.code == "" {
				t.Fatalf("decodeLead(%q) rejection = %+v, want 400 with a message and a code", body, rejected)
			}
			return
		}
		if rejected := checkLead(lead); rejected != nil && (rejected.status != 400 || rejected.code == "") {
			t.Fatalf("checkLead rejection = %+v, want 400 with a code", rejected)
		}
	})
}
