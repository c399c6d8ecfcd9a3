package mapping

import (
	"sort"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/i18n"
)

// Proposal is a mapping that Guess proposes from a header, for the init
// command.
type Proposal struct {
	// Header is the header the guess was made from.
	Header []string
	// Placed lists the fields given a column, in the order of FieldPaths.
	// Guess gives each column to at most one field.
	Placed []Placement
	// Unplaced lists the 0-based columns with a header that no field took.
	Unplaced []int
	// Samples optionally holds one value per column, shown as an example
	// in the comments WriteYAML writes. SetSamples fills it from rows.
	Samples []string
	// Lang is the language of the comments WriteYAML writes; the zero
	// value is English.
	Lang i18n.Lang
}

// Placement is a field given a column by Guess.
type Placement struct {
	Field string
	// Column is the 0-based input column.
	Column int
	// Header is the column's header as in the file.
	Header string
}

// Field returns the placement of the field at path, and whether the field
// was placed.
func (g *Proposal) Field(path string) (Placement, bool) {
	for _, p := range g.Placed {
		if p.Field == path {
			return p, true
		}
	}
	return Placement{}, false
}

// SetSamples sets Samples to the first non-empty value of each column in
// rows.
func (g *Proposal) SetSamples(rows [][]string) {
	g.Samples = make([]string, len(g.Header))
	for column := range g.Samples {
		for _, row := range rows {
			if column < len(row) && !isBlank(row[column]) {
				g.Samples[column] = row[column]
				break
			}
		}
	}
}

// synonym lists the header names that suggest a field. When partial is
// set, a name also matches a header that contains its words among others,
// such as "Email address" for "Email". Names too vague for that, such as
// "Nom" or "ID", only match a whole header.
type synonym struct {
	field   string
	names   []string
	partial bool
}

// synonyms lists, for each field, the header names that English, French and
// German exports and dealer management systems use, the most telling first.
var synonyms = []synonym{
	{aello.FieldExternalID, []string{"ID", "External ID", "Lead ID", "ID lead", "Réf client", "Référence client", "Lead number", "Lead No", "N° lead", "Identifiant", "Kunden-ID", "Customer ID"}, false},
	{aello.FieldFirstName, []string{"Prénom", "First name", "FirstName", "Given name", "Forename", "Cust First", "Customer first name", "Contact first name", "Vorname"}, true},
	{aello.FieldLastName, []string{"Nom", "Last name", "LastName", "Surname", "Family name", "Nom de famille", "Cust Last", "Customer last name", "Contact last name", "Nachname", "Familienname"}, false},
	{FieldName, []string{"Nom complet", "Full name", "FullName", "Name", "Kunde", "Nom client", "Nom du client", "Client", "Customer", "Customer name", "Contact name", "Kundenname", "Vollständiger Name"}, false},
	{aello.FieldEmail, []string{"Email", "E-mail", "Courriel", "E-Mail Addr", "Mail", "Email address", "Adresse email", "Adresse mail", "E-Mail-Adresse", "Cust Email"}, true},
	{FieldPhone, []string{"Téléphone", "Tel", "Phone", "Telephone", "Phone number", "Numéro de téléphone", "N° de téléphone", "Cell Ph", "Cell", "Cell phone", "Mobile", "Mobile phone", "Portable", "GSM", "Handy", "Telefon", "Telefonnummer", "Mobiltelefon", "Mobilnummer", "Cust Phone"}, true},
	{aello.FieldPhoneCountryCode, []string{"Indicatif", "Indicatif pays", "Country code", "Phone country code", "Calling code", "Ländervorwahl"}, false},
	{aello.FieldCompanyName, []string{"Société", "Raison sociale", "Company", "Company name", "Firma", "Firmenname", "Entreprise", "Unternehmen", "Organisation", "Organization"}, true},
	{aello.FieldReference, []string{"Référence", "Réf", "Reference", "Ref", "Stock #", "Stock No", "Stock number", "N° de stock", "Nº de stock", "Numéro de stock", "Artikelnummer", "Referenz", "SKU", "VIN", "Numéro VIN", "FIN", "Fahrgestellnummer"}, true},
	{aello.FieldTitle, []string{"Modèle", "Model", "Véhicule", "Vehicle", "Title", "Titre", "Fahrzeug", "Modell", "Produit", "Product", "Désignation", "Bezeichnung"}, true},
	{aello.FieldPrice, []string{"Prix", "Price", "Preis", "Montant", "Amount", "Prix de vente", "Selling price", "Verkaufspreis", "Betrag", "Tarif"}, true},
	{aello.FieldLink, []string{"Lien", "URL", "Link", "Lien annonce", "Product link", "Listing URL", "Annonce"}, true},
	{aello.FieldImage, []string{"Photo", "Image", "Bild", "Picture", "Image URL", "Photo URL", "Foto"}, true},
	{aello.FieldMessage, []string{"Commentaire", "Commentaires", "Comment", "Comments", "Notes", "Note", "Message", "Bemerkung", "Bemerkungen", "Kommentar", "Remarque", "Remarques", "Observations", "Nachricht"}, true},
}

// vetoWords are header words that stop a partial match: "Date contact" or
// "Email vendeur" is not the contact's field.
var vetoWords = map[string]bool{
	"date": true, "datum": true, "vendeur": true, "vendor": true, "seller": true,
	"salesman": true, "commercial": true, "conseiller": true, "verkaufer": true,
	"status": true, "statut": true, "source": true, "type": true, "id": true,
}

// Scores of a match: a whole-header match beats any partial one, and an
// earlier synonym beats a later one.
const (
	scoreWhole   = 1000
	scorePartial = 500
)

// candidate is a possible placement with its score.
type candidate struct {
	field  string
	column int
	score  int
}

// Guess places the columns of header on lead fields by their names, as
// English, French and German exports and dealer systems write them,
// ignoring case, accents, spaces and punctuation. A header equal to a known
// name beats one that merely contains it ("Email address"), and each
// column goes to at most one field, the likeliest first. "Nom" (or "Name")
// is the last name next to a first-name column and the full name
// (contact.name) without one. A country code column turns the phone column
// into contact.phoneNumber. The proposal always satisfies the mapping's
// rules: no contact.name beside first or last name, no contact.phone
// beside its parts.
func Guess(header []string) *Proposal {
	g := &Proposal{Header: header}

	var candidates []candidate
	for column, name := range header {
		candidates = append(candidates, matchHeader(column, name)...)
	}
	sort.SliceStable(candidates, func(i, j int) bool {
		if candidates[i].score != candidates[j].score {
			return candidates[i].score > candidates[j].score
		}
		return candidates[i].column < candidates[j].column
	})

	placed := make(map[string]int)
	used := make(map[int]bool)
	for _, c := range candidates {
		if _, ok := placed[c.field]; ok || used[c.column] {
			continue
		}
		placed[c.field] = c.column
		used[c.column] = true
	}

	resolveNames(header, placed)
	resolvePhone(placed)

	used = make(map[int]bool, len(placed))
	for _, f := range fieldOrder {
		if column, ok := placed[f]; ok {
			g.Placed = append(g.Placed, Placement{Field: f, Column: column, Header: header[column]})
			used[column] = true
		}
	}
	for column, name := range header {
		if !used[column] && !isBlank(name) {
			g.Unplaced = append(g.Unplaced, column)
		}
	}
	return g
}

// matchHeader returns the fields a header may stand for.
func matchHeader(column int, name string) []candidate {
	key := looseKey(name)
	if key == "" {
		return nil
	}
	words := looseWords(name)
	vetoed := false
	for _, w := range words {
		vetoed = vetoed || vetoWords[w]
	}

	var out []candidate
	for _, s := range synonyms {
		for rank, synonymName := range s.names {
			if looseKey(synonymName) == key {
				out = append(out, candidate{s.field, column, scoreWhole - rank})
				break
			}
			if s.partial && !vetoed && len(words) <= 4 && containsWords(words, looseWords(synonymName)) {
				out = append(out, candidate{s.field, column, scorePartial - rank})
				break
			}
		}
	}
	return out
}

// containsWords reports whether words holds every word of want, in order
// and next to each other.
func containsWords(words, want []string) bool {
	if len(want) == 0 || len(want) > len(words) {
		return false
	}
	for start := 0; start+len(want) <= len(words); start++ {
		match := true
		for i, w := range want {
			if words[start+i] != w {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// genericNames are headers that mean the last name next to a first-name
// column and the full name without one: French "Nom", German "Name".
var genericNames = map[string]bool{"nom": true, "name": true}

// resolveNames makes the placed name fields consistent: contact.name
// cannot be mapped with contact.firstName or contact.lastName.
func resolveNames(header []string, placed map[string]int) {
	_, hasFirst := placed[aello.FieldFirstName]
	last, hasLast := placed[aello.FieldLastName]
	full, hasFull := placed[FieldName]

	switch {
	case hasFirst && hasFull:
		delete(placed, FieldName)
		if !hasLast && genericNames[looseKey(header[full])] {
			placed[aello.FieldLastName] = full
		}

	case !hasFirst && hasLast && hasFull:
		delete(placed, aello.FieldLastName)

	case !hasFirst && hasLast && genericNames[looseKey(header[last])]:
		delete(placed, aello.FieldLastName)
		placed[FieldName] = last
	}
}

// resolvePhone makes the placed phone fields consistent: a country code
// column turns the phone column into contact.phoneNumber, and is dropped
// when there is no phone column.
func resolvePhone(placed map[string]int) {
	_, hasCode := placed[aello.FieldPhoneCountryCode]
	phone, hasPhone := placed[FieldPhone]

	switch {
	case hasCode && hasPhone:
		delete(placed, FieldPhone)
		placed[aello.FieldPhoneNumber] = phone
	case hasCode:
		delete(placed, aello.FieldPhoneCountryCode)
	}
}
