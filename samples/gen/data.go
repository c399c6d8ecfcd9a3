package main

// The pools below are invented data. Every string uses only characters that
// exist in Windows-1252, because leads.csv is written in that encoding.

// country is the home country of a contact, which selects the names, the
// email domain and the phone number plan.
type country struct {
	region      string // ISO 3166 region used by libphonenumber
	callingCode int32
	weight      int // share of the rows, out of the sum of all weights
	firstNames  []string
	lastNames   []string
	companies   []string
	domains     []string
}

var countries = []country{
	{
		region: "LU", callingCode: 352, weight: 45,
		firstNames: []string{"Pol", "Tom", "Laura", "Claude", "Jos", "Lisa", "Max", "Sarah", "Gilles", "Anne",
			"Luc", "Mireille", "Yves", "Nathalie", "Zoé", "Noël", "Hélène", "François"},
		lastNames: []string{"Schmit", "Weber", "Kieffer", "Thill", "Reuter", "Goergen", "Steichen", "Hansen",
			"Wagner", "Muller", "Faber", "Hoffmann", "Kremer", "Majerus", "Wirtz", "Bettendorf"},
		companies: []string{"Autos Müller Sàrl", "Transports Schmit & Fils Sàrl", "Boulangerie Kieffer",
			"Menuiserie Thill S.à r.l.", "Fiduciaire Reuter", "Électricité Goergen"},
		domains: []string{"example.lu", "example.lu", "example.com"},
	},
	{
		region: "FR", callingCode: 33, weight: 25,
		firstNames: []string{"Hélène", "François", "Zoé", "Maëlle", "Noël", "Léa", "Chloé", "Jérôme", "Anaïs",
			"Stéphane", "Élodie", "Céline", "Joëlle", "Thibault", "Frédéric", "Mathéo", "Inès", "Renée"},
		lastNames: []string{"Lefèvre", "Dupont", "Martin", "Bernard", "Dubois", "Lambert", "Girard", "Rousseau",
			"Fontaine", "Lemaire", "Mercier", "Chevalier", "Gauthier", "Perrin", "Brûlé", "Bérenger"},
		companies: []string{"Garage Cœur d’Alsace", "Dupont Frères SA", "Cabinet Lefèvre & Associés",
			"Pâtisserie Noël", "Élec’Services SARL"},
		domains: []string{"example.fr", "example.fr", "example.com"},
	},
	{
		region: "BE", callingCode: 32, weight: 15,
		firstNames: []string{"Ann-Sophie", "Pieter", "Lotte", "Wouter", "Amélie", "Maxime", "Sofie", "Bram",
			"Élise", "Noël", "Jeroen", "Manon"},
		lastNames: []string{"Van den Berghe", "Peeters", "Janssens", "De Smet", "Maes", "Claes", "Willems",
			"Lambrecht", "Dewulf", "Vandamme", "Lejeune", "Wouters"},
		companies: []string{"Van den Berghe BV", "Peeters Bouw NV", "Brasserie Lambrecht SRL"},
		domains:   []string{"example.be", "example.be", "example.com"},
	},
	{
		region: "DE", callingCode: 49, weight: 15,
		firstNames: []string{"Jürgen", "Günther", "Björn", "Lena", "Jonas", "Sven", "Katrin", "Jörg", "Anke",
			"Matthias", "Sören", "Ute"},
		lastNames: []string{"Müller", "Schneider", "Becker", "Meyer", "Klein", "Wolff", "Schäfer", "Köhler",
			"Weiß", "Groß", "Hoffmann", "Schröder"},
		companies: []string{"Weber Logistik GmbH", "Elektro Köhler GmbH", "Schäfer Bau GmbH & Co. KG"},
		domains:   []string{"example.de", "example.de", "example.com"},
	},
}

// product is a vehicle or an accessory on the dealer's site. basePrice is in
// euro cents.
type product struct {
	title     string
	basePrice int64
}

var products = []product{
	{"Renault Clio V TCe 90 Evolution", 1_799_000},
	{"Peugeot 208 PureTech 100 Allure", 1_999_000},
	{"Volkswagen Golf 8 1.5 eTSI Life", 2_990_000},
	{"Citroën C3 PureTech 83 Feel", 1_549_000},
	{"Dacia Sandero Stepway TCe 100", 1_399_000},
	{"Renault Mégane E-Tech EV60", 3_450_000},
	{"Peugeot 3008 Hybrid 136 GT", 3_690_000},
	{"Škoda Octavia Combi 2.0 TDI Style", 2_745_000},
	{"Toyota Yaris Hybrid 116 Dynamic", 2_199_000},
	{"BMW Série 1 118i M Sport", 3_190_000},
	{"Mercedes-Benz Classe A 180 Progressive", 3_350_000},
	{"Opel Corsa 1.2 Turbo GS", 1_849_000},
	{"Ford Puma 1.0 EcoBoost Titanium", 2_399_000},
	{"Audi A3 Sportback 35 TFSI S line", 3_650_000},
	{"Fiat 500 Hybrid Dolcevita", 1_499_000},
	{"Kia Niro HEV Pulse", 2_899_000},
	{"Volkswagen ID.3 Pro 58 kWh", 3_249_000},
	{"Renault Kangoo Van Blue dCi 95 Confort", 2_450_000},
	{"Citroën Berlingo Fourgon BlueHDi 100", 2_199_000},
	{"Mercedes-Benz Sprinter 315 CDI Fourgon L2H2", 4_500_000},
	{"Peugeot 2008 1.2 PureTech 130 GT Line (2019, 68 000 km)", 1_245_000},
	{"Attelage amovible avec pose", 135_590},
	{"Jeu de 4 pneus hiver 205/55 R16", 68_960},
}

var comments = []string{
	"Intéressé par un essai ce samedi matin.",
	"Reprise de l’ancien véhicule à estimer (Peugeot 207, 2012).",
	"Demande de financement sur 48 mois, apport 5 000 €.",
	"Souhaite être rappelé après 18h.",
	"Rappeler après 18h\nIntéressée par une reprise",
	"Le véhicule est-il toujours disponible ?",
	"Quel délai de livraison pour la version automatique ?",
	"Véhicule de société : TVA récupérable ?",
	"Garantie constructeur encore valable ?",
	"Essai souhaité ; reprise possible",
	"Client fidèle, déjà deux véhicules achetés chez nous.",
	"Demande la finition \"Evolution\" en gris.",
	"Bitte um Rückruf, spreche Deutsch und Französisch.",
	"Besoin d’un devis pour 3 utilitaires.\nContact : service achats.",
	"Pas de reprise. Paiement comptant.",
	"Veut comparer avec l’offre d’un autre garage.",
	"Disponible uniquement le matin.",
	"Intéressé par la location longue durée (36 mois, 15 000 km/an).",
	"Wünscht Probefahrt am Wochenende.",
	"Rendez-vous pris mardi à 10h30.\nVenir avec la carte grise de l’ancien véhicule.",
}

// followUpComments are the messages of a contact who sends a second request
// about the same vehicle.
var followUpComments = []string{
	"Relance : toujours intéressé, merci de me rappeler.",
	"Deuxième demande, pas de réponse à la première.",
	"Je renvoie ma demande : le véhicule est-il encore là ?",
}

var leadSources = []string{
	"Site web", "Site web", "Portail d’annonces", "Showroom", "Salon de l’Autofestival",
	"Appel entrant", "Recommandation", "Formulaire Facebook",
}

// openStatuses are the values of Statut for rows that are not cancelled.
var openStatuses = []string{"Nouveau", "Nouveau", "À rappeler", "En cours", "Contacté", "Rendez-vous fixé"}

// cancelledStatus is the Statut that the sample mapping's skip_if leaves out.
const cancelledStatus = "Annulé"

// header is the first row of both files, in column order A to N.
var header = []string{
	"ID", "Prénom", "Nom", "E-mail", "Téléphone", "Société", "Réf. véhicule", "Modèle", "Prix",
	"Lien annonce", "Photo", "Commentaire", "Source", "Statut",
}

// Column indexes in header.
const (
	colID = iota
	colFirstName
	colLastName
	colEmail
	colPhone
	colCompany
	colReference
	colTitle
	colPrice
	colLink
	colImage
	colComment
	colSource
	colStatus
	columnCount
)
