package main

import "io"

// mappingYAML is the mapping that fits the generated files, in the form the
// importer documents. It has no source section because the importer
// detects the CSV delimiter and encoding, and reads the first visible sheet
// of a workbook.
const mappingYAML = `# Mapping for leads.csv and leads.xlsx, a French-language dealership export.
# No source section: the importer detects the CSV delimiter (;) and encoding
# (Windows-1252), and reads the first visible sheet (Leads) of the workbook.
version: 1

defaults:
  # Phones without an international prefix, such as "621 000 123", are
  # Luxembourg numbers. French, Belgian and German numbers carry their +CC.
  country: LU

skip_if:
  # Cancelled requests are left out and reported as skipped.
  - column: Statut
    equals: Annulé

fields:
  # The dealer's own lead number; the same ID twice in the file is an error.
  externalId: ID
  contact.firstName: Prénom
  contact.lastName: Nom
  contact.email: E-mail
  # One column holds the whole number: the importer splits it into
  # phoneCountryCode and phoneNumber.
  contact.phone: Téléphone
  contact.companyName: Société
  # The reference is required as soon as a title, price, link or photo is set.
  product.reference: Réf. véhicule
  product.title: Modèle
  # Prices come as numbers or as text such as "45 000 €", "45.000,00" or
  # "45,000.00"; all of these are 45000.
  product.price: Prix
  product.link: Lien annonce
  product.image: Photo
  # The API has no field for the lead source, so it goes into the message.
  # Statut is only used by skip_if.
  message: "{Commentaire} (source : {Source})"
`

func writeMapping(w io.Writer) error {
	_, err := io.WriteString(w, mappingYAML)
	return err
}
