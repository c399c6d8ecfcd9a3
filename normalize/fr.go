package normalize

import "github.com/aello-copilot/aello-import/i18n"

func init() {
	i18n.Register(translations)
}

// translations maps each English message format of the package to French.
// A translation uses the same verbs as its key.
var translations = map[string]string{
	// Email.
	"the email is empty: enter an address such as name@example.com":                                                 "l'e-mail est vide : saisissez une adresse telle que nom@example.com",
	"the email %q contains the name %q before the address: only %s is kept":                                         "l'e-mail %q contient le nom %q devant l'adresse : seule l'adresse %s est conservée",
	"the email %q starts with \"mailto:\", which was removed: only %s is kept":                                      "l'e-mail %q commence par « mailto: », qui a été retiré : seule l'adresse %s est conservée",
	"the email cell %q contains two addresses, %s and %s: keep one in this column and put the other in the message": "la cellule e-mail %q contient deux adresses, %s et %s : gardez-en une dans cette colonne et mettez l'autre dans le message",
	"the email %q contains a space: remove it":                                                                      "l'e-mail %q contient une espace : supprimez-la",
	"the email %q has no @: write it as name@example.com":                                                           "l'e-mail %q n'a pas de @ : écrivez-le sous la forme nom@example.com",
	"the email %q contains %d @ signs: keep only the one between the name and the domain":                           "l'e-mail %q contient %d signes @ : gardez seulement celui qui sépare le nom du domaine",
	"the email %q has nothing before the @: add the name part, as in name@example.com":                              "l'e-mail %q n'a rien avant le @ : ajoutez la partie nom, comme dans nom@example.com",
	"the email %q has nothing after the @: add the domain, as in name@example.com":                                  "l'e-mail %q n'a rien après le @ : ajoutez le domaine, comme dans nom@example.com",
	"the email %q is longer than %d characters: check that the cell holds one address":                              "l'e-mail %q dépasse %d caractères : vérifiez que la cellule ne contient qu'une adresse",
	"the part before the @ in the email %q is longer than %d characters: check the address":                         "la partie avant le @ de l'e-mail %q dépasse %d caractères : vérifiez l'adresse",
	"the email %q contains the character %q, which is not allowed before the @: remove or replace it":               "l'e-mail %q contient le caractère %q, qui n'est pas autorisé avant le @ : supprimez-le ou remplacez-le",
	"the email %q contains the character %q, which is not allowed in the domain: remove or replace it":              "l'e-mail %q contient le caractère %q, qui n'est pas autorisé dans le domaine : supprimez-le ou remplacez-le",
	"the email %q has a dot at the start or the end of the domain: remove it":                                       "l'e-mail %q a un point au début ou à la fin du domaine : supprimez-le",
	"the email %q has a dot at the start or the end of the part before the @: remove it":                            "l'e-mail %q a un point au début ou à la fin de la partie avant le @ : supprimez-le",
	"the email %q has two dots in a row in the domain: remove one":                                                  "l'e-mail %q a deux points de suite dans le domaine : supprimez-en un",
	"the email %q has two dots in a row before the @: remove one":                                                   "l'e-mail %q a deux points de suite avant le @ : supprimez-en un",
	"the email %q has no dot in its domain %q: complete the domain, as in %s.com or %s.lu":                          "l'e-mail %q n'a pas de point dans son domaine %q : complétez le domaine, par exemple %s.com ou %s.lu",
	"the email %q has a domain part longer than %d characters: check the domain":                                    "l'e-mail %q a une partie de domaine de plus de %d caractères : vérifiez le domaine",
	"the email %q has a domain part %q that starts or ends with a hyphen: check the domain":                         "l'e-mail %q a une partie de domaine %q qui commence ou finit par un tiret : vérifiez le domaine",
	"the email %q ends with %q, which is not a top-level domain such as .com or .lu: check the domain":              "l'e-mail %q se termine par %q, qui n'est pas un domaine de premier niveau comme .com ou .lu : vérifiez le domaine",

	// Phone.
	"the phone is empty: enter a number such as +352 621 000 011":                         "le téléphone est vide : saisissez un numéro tel que +352 621 000 011",
	"the phone %q is too long to be a phone number: check that the cell holds one number": "le téléphone %q est trop long pour être un numéro : vérifiez que la cellule ne contient qu'un numéro",
	"the phone %q is in scientific notation, so Excel kept only its first %d digits and the number cannot be recovered: format the column as Text in Excel and export again, or type the number again": "le téléphone %q est en notation scientifique : Excel n'en a gardé que les %d premiers chiffres et le numéro ne peut pas être retrouvé. Mettez la colonne au format Texte dans Excel et exportez de nouveau, ou saisissez de nouveau le numéro",
	"the phone %q has the extension %s, which the API cannot store, so it was dropped: put it in the message if it matters":                                                                            "le téléphone %q a le poste %s, que l'API ne peut pas enregistrer, il a donc été retiré : mettez-le dans le message s'il est utile",
	"the phone cell %q contains two numbers, %s and %s: keep one in this column and put the other in the message":                                                                                      "la cellule téléphone %q contient deux numéros, %s et %s : gardez-en un dans cette colonne et mettez l'autre dans le message",
	"the phone %q contains %q, which is not part of a phone number: keep only digits, spaces and a leading +":                                                                                          "le téléphone %q contient %q, qui ne fait pas partie d'un numéro : ne gardez que des chiffres, des espaces et un + au début",
	"the phone %q contains no digits: enter a phone number or leave the cell empty":                                                                                                                    "le téléphone %q ne contient aucun chiffre : saisissez un numéro ou laissez la cellule vide",
	"the phone %q does not start with a country calling code after the + or 00: check the digits that follow it":                                                                                       "le téléphone %q ne commence pas par un indicatif de pays après le + ou le 00 : vérifiez les chiffres qui suivent",
	"the phone %q has no international prefix (+ or 00) and no default country is set: set defaults.country in the mapping, such as LU, or write the number with + and its country code":               "le téléphone %q n'a pas de préfixe international (+ ou 00) et aucun pays par défaut n'est défini : renseignez defaults.country dans le mapping, par exemple LU, ou écrivez le numéro avec + et son indicatif",
	"the default country %q is not a known region code: set defaults.country in the mapping to a two-letter ISO code such as LU, FR, BE or DE":                                                         "le pays par défaut %q n'est pas un code de région connu : mettez dans defaults.country du mapping un code ISO à deux lettres tel que LU, FR, BE ou DE",
	"the phone %[1]q was read as %[2]s (%[3]s), but with a + in front it is also a valid number for %[4]s, %[5]s: if that is the right country, write the number as %[5]s in the file":                 "le téléphone %[1]q a été lu comme %[2]s (%[3]s), mais précédé d'un + c'est aussi un numéro valide d'un autre pays (%[4]s), %[5]s : si c'est le bon pays, écrivez le numéro %[5]s dans le fichier",
	"the phone %q is not valid for %s as written, and it could be %s with a leading 0 or %s with a +: write it with + and its country code":                                                            "le téléphone %q n'est pas valide tel qu'il est écrit (pays : %s), et pourrait être %s avec un 0 en tête ou %s avec un + : écrivez-le avec + et son indicatif",
	"the phone %q is not a valid number for %s, but it is valid with a + in front, so it was read as %s (%s): write it with + in the file to confirm":                                                  "le téléphone %q n'est pas un numéro valide pour le pays par défaut (%s), mais il l'est précédé d'un +, il a donc été lu comme %s (%s) : écrivez-le avec + dans le fichier pour le confirmer",
	"the phone %q is not a valid number for %s, but it is valid with a leading 0, so it was read as %s: format the column as Text in Excel so that leading zeros are kept":                             "le téléphone %q n'est pas un numéro valide pour le pays par défaut (%s), mais il l'est avec un 0 en tête, il a donc été lu comme %s : mettez la colonne au format Texte dans Excel pour garder les zéros en tête",
	"the phone %q is not a valid number for %s: check the digits, or write it with + and its country code if it is from another country":                                                               "le téléphone %q n'est pas un numéro valide (pays : %s) : vérifiez les chiffres, ou écrivez-le avec + et son indicatif s'il est d'un autre pays",
	"the phone %q is not a valid number for %s (+%d): check the digits, or write it with + and its country code if it is from another country":                                                         "le téléphone %q n'est pas un numéro valide (pays : %s, +%d) : vérifiez les chiffres, ou écrivez-le avec + et son indicatif s'il est d'un autre pays",
	"the phone %q has too few digits for %s (+%d): check that no digit is missing":                                                                                                                     "le téléphone %q a trop peu de chiffres (pays : %s, +%d) : vérifiez qu'il ne manque aucun chiffre",
	"the phone %q has too many digits for %s (+%d): check for an extra digit, or for two numbers in one cell":                                                                                          "le téléphone %q a trop de chiffres (pays : %s, +%d) : vérifiez qu'il n'y a pas un chiffre en trop, ou deux numéros dans la cellule",

	// Price.
	"the price is empty: enter an amount such as 45 000 €":                                                                "le prix est vide : saisissez un montant tel que 45 000 €",
	"the price %q is negative: enter the amount without a minus sign or parentheses, such as %s, or leave the cell empty": "le prix %q est négatif : saisissez le montant sans signe moins ni parenthèses, par exemple %s, ou laissez la cellule vide",
	"the price %q has more than two decimals, so it was rounded to %s: check the amount":                                  "le prix %q a plus de deux décimales, il a donc été arrondi à %s : vérifiez le montant",
	"the price %q has its digits grouped in an unexpected way: write it as 45000, 45 000, 45.000,00 or 45,000.00":         "les chiffres du prix %q sont groupés de façon inattendue : écrivez-le 45000, 45 000, 45.000,00 ou 45,000.00",
	"the price %q has more than %d digits before the decimal separator: check the amount":                                 "le prix %q a plus de %d chiffres avant le séparateur décimal : vérifiez le montant",
	"the price %q is not an amount: enter a number such as 45 000 € or 45000.00, or leave the cell empty":                 "le prix %q n'est pas un montant : saisissez un nombre tel que 45 000 € ou 45000,00, ou laissez la cellule vide",

	// URL.
	"the URL is empty: enter an address such as https://www.example.lu/page":                                                         "l'URL est vide : saisissez une adresse telle que https://www.example.lu/page",
	"the URL %q contains a space: remove it, or write it as %%20 if it belongs to the address":                                       "l'URL %q contient une espace : supprimez-la, ou écrivez-la %%20 si elle fait partie de l'adresse",
	"the URL %q does not start with http:// or https://: write it in full, such as %s":                                               "l'URL %q ne commence pas par http:// ou https:// : écrivez-la en entier, par exemple %s",
	"the URL %q does not start with http:// or https://: write it in full, such as https://www.example.lu/page":                      "l'URL %q ne commence pas par http:// ou https:// : écrivez-la en entier, par exemple https://www.example.lu/page",
	"the URL %q is a file path on a computer, which the CRM cannot open: put the file on a website and give its https:// address":    "l'URL %q est un chemin de fichier sur un ordinateur, que le CRM ne peut pas ouvrir : mettez le fichier sur un site web et donnez son adresse https://",
	"the URL %q is not a valid address: copy it again from the browser's address bar":                                                "l'URL %q n'est pas une adresse valide : copiez-la de nouveau depuis la barre d'adresse du navigateur",
	"the URL %q uses the scheme %q: only http:// and https:// links can be opened from the CRM, so give the web address of the page": "l'URL %q utilise le schéma %q : le CRM n'ouvre que les liens http:// et https://, donnez donc l'adresse web de la page",
	"the URL %q has no host after the scheme: write it in full, such as https://www.example.lu/page":                                 "l'URL %q n'a pas d'hôte après le schéma : écrivez-la en entier, par exemple https://www.example.lu/page",
	"the URL %q has the host %q, which has no dot: write the full domain, such as %s.com or %s.lu":                                   "l'URL %q a l'hôte %q, qui n'a pas de point : écrivez le domaine complet, par exemple %s.com ou %s.lu",
}
