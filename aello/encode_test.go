package aello

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

func price(f float64) *float64 { return &f }

// checkSameAsMarshal fails when AppendJSON and json.Marshal disagree.
func checkSameAsMarshal(t *testing.T, lead Lead) {
	t.Helper()
	want, wantErr := json.Marshal(&lead)
	got, gotErr := lead.AppendJSON(nil)
	if (wantErr != nil) != (gotErr != nil) {
		t.Fatalf("AppendJSON error = %v, json.Marshal error = %v", gotErr, wantErr)
	}
	if checkErr := lead.CheckEncodable(); (checkErr != nil) != (wantErr != nil) {
		t.Fatalf("CheckEncodable error = %v, json.Marshal error = %v", checkErr, wantErr)
	}
	if wantErr == nil && !bytes.Equal(got, want) {
		t.Fatalf("AppendJSON =\n%s\njson.Marshal =\n%s", got, want)
	}
}

func TestAppendJSONMatchesMarshal(t *testing.T) {
	tests := []struct {
		name string
		lead Lead
	}{
		{"empty lead", Lead{}},
		{"first name only", Lead{Contact: Contact{FirstName: "Léa"}}},
		{"every field", Lead{
			ExternalID: "L-1",
			Contact: Contact{FirstName: "Jean", LastName: "Dupont", Email: "j@example.lu",
				PhoneCountryCode: "352", PhoneNumber: "621000011", CompanyName: "Garage & Fils"},
			Product: &Product{Link: "https://example.lu/a?b=1&c=<2>", Image: "https://example.lu/i.jpg",
				Title: "Peugeot 208", Reference: "REF-1", Price: price(45000)},
			Message: "ligne 1\nligne 2\t\"cité\" \\ fin",
		}},
		{"empty product", Lead{Product: &Product{}}},
		{"price only", Lead{Product: &Product{Price: price(0.5)}}},
		{"price zero", Lead{Product: &Product{Price: price(0)}}},
		{"negative zero", Lead{Product: &Product{Price: price(math.Copysign(0, -1))}}},
		{"tiny price", Lead{Product: &Product{Price: price(1e-7)}}},
		{"price at 1e-6", Lead{Product: &Product{Price: price(1e-6)}}},
		{"huge price", Lead{Product: &Product{Price: price(1e21)}}},
		{"below 1e21", Lead{Product: &Product{Price: price(999999999999999999999.0 / 10)}}},
		{"exponent 100", Lead{Product: &Product{Price: price(1.5e100)}}},
		{"negative tiny", Lead{Product: &Product{Price: price(-2.5e-12)}}},
		{"control characters", Lead{Message: "\x00\x01\x08\x0c\x1f\x7f"}},
		{"invalid UTF-8", Lead{Message: "a\xffb\xc3"}},
		{"line separators", Lead{Message: "a\u2028b\u2029c"}},
		{"emoji and accents", Lead{Contact: Contact{FirstName: "Zoë 🚗"}, Message: "€ ß œ"}},
		{"NaN price", Lead{Product: &Product{Price: price(math.NaN())}}},
		{"infinite price", Lead{Product: &Product{Price: price(math.Inf(-1))}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkSameAsMarshal(t, tt.lead)
		})
	}
}

func TestAppendJSONAppends(t *testing.T) {
	lead := Lead{Contact: Contact{FirstName: "A"}}
	got, err := lead.AppendJSON([]byte("prefix "))
	if err != nil {
		t.Fatal(err)
	}
	if want := `prefix {"contact":{"firstName":"A"}}`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func FuzzAppendJSON(f *testing.F) {
	f.Add("L-1", "Jean", "j@x.lu", "<a&b>", "REF", 45000.5, true)
	f.Add("", "", "", "\u2028\xff", "", 1e-9, false)
	f.Fuzz(func(t *testing.T, id, first, email, message, reference string, amount float64, withProduct bool) {
		lead := Lead{ExternalID: id, Contact: Contact{FirstName: first, Email: email}, Message: message}
		if withProduct {
			lead.Product = &Product{Reference: reference, Title: message, Price: &amount}
		}
		checkSameAsMarshal(t, lead)
	})
}

// BenchmarkAppendJSON measures encoding a full lead into a reused buffer,
// next to json.Marshal, which AppendJSON replaces.
func BenchmarkAppendJSON(b *testing.B) {
	lead := Lead{
		ExternalID: "L-2026-000123",
		Contact: Contact{FirstName: "Léa", LastName: "Schmit", Email: "lea.schmit@example.lu",
			PhoneCountryCode: "352", PhoneNumber: "621000123", CompanyName: "Garage Schmit & Fils"},
		Product: &Product{Link: "https://www.example-dealer.lu/vehicules/12345678", Image: "https://img.example-dealer.lu/12345678.jpg",
			Title: "Peugeot 208 GT", Reference: "VO-12345", Price: price(18990)},
		Message: "Rappeler après 18h (source : site web)",
	}
	b.Run("AppendJSON", func(b *testing.B) {
		b.ReportAllocs()
		var buffer []byte
		for b.Loop() {
			var err error
			if buffer, err = lead.AppendJSON(buffer[:0]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json.Marshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(&lead); err != nil {
				b.Fatal(err)
			}
		}
	})
}
