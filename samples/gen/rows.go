package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/aello-copilot/aello-import/i18n"
)

// defaultRegion is the mapping's defaults.country: phones written without
// an international prefix are read as numbers of this region.
const defaultRegion = "LU"

// scientificPhone is the text French Excel shows for 352621000xxx in a
// General cell, with only six significant digits left.
const scientificPhone = "3,52621E+11"

// row is one generated data row.
type row struct {
	index int // 0-based, so the Excel row number is index+2
	kind  kind
	// cells are the values in header order. cells[colPrice] is empty: the
	// price is written from price, which carries its cell type.
	cells [columnCount]string
	price price
	// callingCode is the country calling code the phone must have, or 0
	// when the row has no phone that should be valid.
	callingCode int32
	// copied is the index of the earlier row a duplicate row copies, or -1.
	copied int
}

// excelRow returns the row number Excel shows, with the header as row 1.
func (r *row) excelRow() int {
	return r.index + 2
}

// generator builds rows from a seed. A row depends only on the seed, the
// broken flag and its index, so rows can be built one at a time.
type generator struct {
	seed   uint64
	layout *layout
	// lookup is a second layout for looking back at earlier rows, so that
	// the main layout keeps the period being written.
	lookup *layout
	fold   transform.Transformer
}

func newGenerator(seed uint64, broken bool) *generator {
	return &generator{
		seed:   seed,
		layout: newLayout(seed, broken),
		lookup: newLayout(seed, broken),
		fold:   transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC),
	}
}

// row returns the data row at index with its kind applied. It returns an
// error when a phone meant to be valid is not valid for libphonenumber,
// which is a bug in the pools or the phone patterns.
func (g *generator) row(index int) (row, error) {
	k := g.layout.kindAt(index)
	r := g.baseRow(index, k != kindClean)
	r.kind = k
	random := newRandom(g.seed, streamKind, uint64(index))

	switch k {
	case kindCancelled:
		r.cells[colStatus] = cancelledStatus
	case kindNoFirstName:
		r.cells[colFirstName] = ""
	case kindEmailTwoAt:
		local, domain, _ := strings.Cut(r.cells[colEmail], "@")
		r.cells[colEmail] = local + "@@" + domain
		r.dropPhone()
	case kindEmailNoDot:
		local, domain, _ := strings.Cut(r.cells[colEmail], "@")
		r.cells[colEmail] = local + "@" + strings.ReplaceAll(domain, ".", "")
		r.dropPhone()
	case kindEmailTwoAddresses:
		local, domain, _ := strings.Cut(r.cells[colEmail], "@")
		second := g.foldName(r.cells[colFirstName]) + "@example.com"
		r.cells[colEmail] = local + "@" + domain + pick(random, []string{"; ", ", "}) + second
		r.dropPhone()
	case kindPhoneScientific:
		r.cells[colPhone] = scientificPhone
		r.callingCode = 0
		r.cells[colEmail] = ""
	case kindProductNoReference:
		r.cells[colReference] = ""
		r.cells[colLink] = ""
		r.cells[colImage] = ""
		if r.price.style == priceEmpty {
			r.price.style = priceNumberCurrencyCents
		}
	case kindNegativePrice:
		r.price.cents = -r.price.cents
		if r.price.style == priceEmpty {
			r.price.style = priceTextDotCommaEuro
		}
	case kindLinkNoScheme:
		r.cells[colLink] = strings.TrimPrefix(productLink(r.cells[colReference]), pick(random, []string{"https://", "https://www."}))
	case kindNoContact:
		r.cells[colEmail] = ""
		r.dropPhone()
	case kindDuplicateID:
		r.copied = g.earlierCleanRow(index, 1, func(row) bool { return true })
		r.cells[colID] = leadID(r.copied)
	case kindDuplicateLead:
		r.copied = g.earlierCleanRow(index, 2, row.hasContactAndVehicle)
		g.copyContactAndVehicle(&r, g.baseRow(r.copied, false))
		r.cells[colComment] = pick(random, followUpComments)
		r.cells[colStatus] = "À rappeler"
	case kindMailtoPrefix:
		r.cells[colEmail] = "mailto:" + r.cells[colEmail]
	case kindPhoneLostPlus:
		national := luxembourgMobile(index)
		r.cells[colPhone] = "352" + national
		r.callingCode = 352
	}

	if err := checkPhone(&r); err != nil {
		return row{}, err
	}
	return r, nil
}

func (r *row) dropPhone() {
	r.cells[colPhone] = ""
	r.callingCode = 0
}

// baseRow returns the clean content of the row at index, before its kind
// is applied. A full row has an email, a phone and a vehicle with its link
// and photo, so that a kind always finds the value it breaks. Rows in the
// clean lead of a period are always full, so that duplicate rows can copy
// them.
func (g *generator) baseRow(index int, full bool) row {
	random := newRandom(g.seed, streamRow, uint64(index))
	full = full || index%periodLength < cleanLead
	r := row{index: index, copied: -1}

	home := pickCountry(random)
	first := pick(random, home.firstNames)
	last := pick(random, home.lastNames)
	r.cells[colID] = leadID(index)
	r.cells[colFirstName] = first
	r.cells[colLastName] = last

	hasEmail, hasPhone := true, true
	switch n := random.intn(100); {
	case full:
	case n < 10:
		hasEmail = false
	case n < 20:
		hasPhone = false
	}
	if hasEmail {
		r.cells[colEmail] = g.email(random, first, last, pick(random, home.domains), index)
	}
	if hasPhone {
		r.cells[colPhone] = phoneText(random, home, index)
		r.callingCode = home.callingCode
	}
	if random.chance(22) {
		r.cells[colCompany] = pick(random, home.companies)
	}

	if full || random.chance(94) {
		item := pick(random, products)
		reference := fmt.Sprintf("%08d", 10_000_000+random.intn(90_000_000))
		r.cells[colReference] = reference
		r.cells[colTitle] = item.title
		r.price = newPrice(random, item.basePrice)
		if full || random.chance(90) {
			r.cells[colLink] = productLink(reference)
			r.cells[colImage] = productImage(reference)
		}
	}

	if random.chance(85) {
		r.cells[colComment] = pick(random, comments)
	}
	r.cells[colSource] = pick(random, leadSources)
	r.cells[colStatus] = pick(random, openStatuses)
	return r
}

// earlierCleanRow returns the index of the nth clean row before index for
// which accept returns true. The full rows of the clean lead of each period
// guarantee that it exists in the same period for n up to cleanLead.
func (g *generator) earlierCleanRow(index, n int, accept func(row) bool) int {
	for j := index - 1; j >= 0; j-- {
		if g.lookup.kindAt(j) != kindClean || !accept(g.baseRow(j, false)) {
			continue
		}
		n--
		if n == 0 {
			return j
		}
	}
	panic(fmt.Sprintf("no clean row before row %d", index+2))
}

func (r row) hasContactAndVehicle() bool {
	return r.cells[colReference] != "" && (r.cells[colEmail] != "" || r.cells[colPhone] != "")
}

func (g *generator) copyContactAndVehicle(r *row, original row) {
	for _, col := range []int{colFirstName, colLastName, colEmail, colPhone, colCompany,
		colReference, colTitle, colLink, colImage} {
		r.cells[col] = original.cells[col]
	}
	r.price = original.price
	r.callingCode = original.callingCode
}

func pickCountry(random random) country {
	total := 0
	for _, c := range countries {
		total += c.weight
	}
	n := random.intn(total)
	for _, c := range countries {
		if n < c.weight {
			return c
		}
		n -= c.weight
	}
	return countries[0]
}

func leadID(index int) string {
	return fmt.Sprintf("LD-2026-%05d", index+1)
}

func productLink(reference string) string {
	return "https://www.example-dealer.lu/vehicules/" + reference
}

func productImage(reference string) string {
	return "https://img.example-dealer.lu/" + reference + ".jpg"
}

// email builds a unique address: the row number keeps two people with the
// same name apart, so no two clean rows share a contact by accident.
func (g *generator) email(random random, first, last, domain string, index int) string {
	f, l := g.foldName(first), g.foldName(last)
	switch random.intn(3) {
	case 0:
		return fmt.Sprintf("%s.%s%d@%s", f, l, index+1, domain)
	case 1:
		return fmt.Sprintf("%s%s%d@%s", f[:1], l, index+1, domain)
	default:
		return fmt.Sprintf("%s.%s.%d@%s", l, f, index+1, domain)
	}
}

// foldName turns a name into the ASCII local part people use in addresses:
// "Jürgen" gives "jurgen", "Van den Berghe" gives "vandenberghe".
func (g *generator) foldName(name string) string {
	folded, _, err := transform.String(g.fold, name)
	if err != nil {
		folded = name
	}

	var b strings.Builder
	for _, r := range strings.ToLower(folded) {
		switch {
		case r == 'ß':
			b.WriteString("ss")
		case r == 'œ':
			b.WriteString("oe")
		case r == '-' || (r >= 'a' && r <= 'z'):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Phone numbers are made-up sequences: the national number is a fixed
// prefix plus the row index, so every row has its own number up to a
// million rows. None is in the French fiction block 06 39 98, which
// libphonenumber rejects.
func luxembourgMobile(index int) string {
	return fmt.Sprintf("%09d", 621_000_000+index%1_000_000)
}

func phoneText(random random, home country, index int) string {
	n := index % 1_000_000
	switch home.region {
	case "FR":
		d := fmt.Sprintf("%09d", 612_000_000+n)
		spaced := d[0:1] + " " + d[1:3] + " " + d[3:5] + " " + d[5:7] + " " + d[7:9]
		return pick(random, []string{"+33 " + spaced, "+33" + d, "0033 " + spaced, "+33 (0)" + spaced})
	case "BE":
		d := fmt.Sprintf("%09d", 470_000_000+n)
		spaced := d[0:3] + " " + d[3:5] + " " + d[5:7] + " " + d[7:9]
		return pick(random, []string{"+32 " + spaced, "+32" + d, "0032 " + spaced})
	case "DE":
		d := fmt.Sprintf("%011d", 15_120_000_000+n)
		return pick(random, []string{"+49 " + d[0:3] + " " + d[3:7] + " " + d[7:11], "0049 " + d[0:3] + " " + d[3:],
			"+49 (0)" + d[0:3] + " " + d[3:7] + " " + d[7:11]})
	default:
		d := luxembourgMobile(index)
		spaced := d[0:3] + " " + d[3:6] + " " + d[6:9]
		return pick(random, []string{spaced, spaced, "+352 " + spaced, "00352" + d})
	}
}

// checkPhone fails when a phone meant to be valid does not parse, with the
// default region, as a valid number of the intended country.
func checkPhone(r *row) error {
	phone := r.cells[colPhone]
	if phone == "" || r.callingCode == 0 {
		return nil
	}

	number, err := phonenumbers.Parse(phone, defaultRegion)
	if err != nil || !phonenumbers.IsValidNumber(number) || number.GetCountryCode() != r.callingCode {
		return &messageError{text: i18n.T(
			"generated phone %q on row %s is not a valid number with country code +%d: fix the phone patterns in the generator",
			phone, strconv.Itoa(r.excelRow()), r.callingCode)}
	}
	return nil
}
