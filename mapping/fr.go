package mapping

import "github.com/aello-copilot/aello-import/i18n"

func init() {
	i18n.Register(map[string]string{
		// Loading: YAML structure.
		"the file is not valid YAML: %s; check the indentation (spaces, not tabs) and the quotes near this line":           "le fichier n'est pas du YAML valide : %s ; vérifiez l'indentation (des espaces, pas des tabulations) et les guillemets près de cette ligne",
		"the mapping file is empty; write at least \"version: 1\" and a fields section, or let the init command write one": "le fichier de correspondance est vide ; écrivez au moins « version: 1 » et une section fields, ou laissez la commande init l'écrire",
		"the mapping file must be a set of keys (version, source, defaults, skip_if, fields), one per line as key: value":  "le fichier de correspondance doit être un ensemble de clés (version, source, defaults, skip_if, fields), une par ligne sous la forme clé: valeur",
		"cannot read the mapping file: %v; check the path":                                                                 "impossible de lire le fichier de correspondance : %v ; vérifiez le chemin",
		"%s uses a YAML alias (*%s); write the value out in full":                                                          "%s utilise un alias YAML (*%s) ; écrivez la valeur en entier",
		"%s has no value; write one after the colon":                                                                       "%s n'a pas de valeur ; écrivez-la après les deux-points",
		"%s must be a single value, not a list; remove the dashes or brackets":                                             "%s doit être une seule valeur, pas une liste ; retirez les tirets ou les crochets",
		"%s must be a single value, not a set of keys; write the value on the same line as the key":                        "%s doit être une seule valeur, pas un ensemble de clés ; écrivez la valeur sur la même ligne que la clé",
		"%s is empty; add its keys below it, indented":                                                                     "%s est vide ; ajoutez ses clés en dessous, indentées",
		"%s must be a set of keys (key: value), not a list; remove the dashes":                                             "%s doit être un ensemble de clés (clé: valeur), pas une liste ; retirez les tirets",
		"%s must be a set of keys (key: value), not the single value %q; put its keys below it, indented":                  "%s doit être un ensemble de clés (clé: valeur), pas la seule valeur %q ; mettez ses clés en dessous, indentées",
		"a key is not a plain name; write name: value":                                                                     "une clé n'est pas un simple nom ; écrivez nom: valeur",
		"a key of %s is not a plain name; write name: value":                                                               "une clé de %s n'est pas un simple nom ; écrivez nom: valeur",
		"the key %q appears twice, on lines %d and %d; keep one":                                                           "la clé %q apparaît deux fois, lignes %d et %d ; gardez-en une",
		"%s has the key %q twice, on lines %d and %d; keep one":                                                            "%s contient la clé %q deux fois, lignes %d et %d ; gardez-en une",
		"unknown key %q; did you mean %q?":                                                                                 "clé inconnue %q ; vouliez-vous dire %q ?",
		"unknown key %q in %s; did you mean %q?":                                                                           "clé inconnue %q dans %s ; vouliez-vous dire %q ?",
		"unknown key %q; the valid keys are %s":                                                                            "clé inconnue %q ; les clés valides sont %s",
		"unknown key %q in %s; the valid keys are %s":                                                                      "clé inconnue %q dans %s ; les clés valides sont %s",
		"%s is empty; add its items below it, each starting with a dash":                                                   "%s est vide ; ajoutez ses éléments en dessous, chacun précédé d'un tiret",
		"%s must be a list; start each item with a dash (- ) or write [a, b]":                                              "%s doit être une liste ; commencez chaque élément par un tiret (- ) ou écrivez [a, b]",
		"the key \"version\" is missing; add \"version: 1\" as the first line":                                             "la clé « version » manque ; ajoutez « version: 1 » en première ligne",
		"unsupported version %q: this tool reads version 1; write \"version: 1\"":                                          "version %q non prise en charge : cet outil lit la version 1 ; écrivez « version: 1 »",
		"the section \"fields\" is missing; add it with one line per lead field, such as \"contact.firstName: Prénom\"":    "la section « fields » manque ; ajoutez-la avec une ligne par champ du lead, par exemple « contact.firstName: Prénom »",
		"the fields section maps no field; add one line per lead field, such as \"contact.firstName: Prénom\"":             "la section fields ne fait correspondre aucun champ ; ajoutez une ligne par champ du lead, par exemple « contact.firstName: Prénom »",

		// Loading: source and defaults.
		"invalid header_row %q: write the row number of the header as Excel shows it, 1 or more":                                     "header_row %q non valide : écrivez le numéro de la ligne d'en-tête tel qu'Excel l'affiche, 1 ou plus",
		"the encoding is empty; write a name such as utf-8 or windows-1252, or remove the line to detect it":                         "l'encodage est vide ; écrivez un nom comme utf-8 ou windows-1252, ou supprimez la ligne pour le détecter",
		"the sheet is empty; write its name or its 1-based number, or remove the line to read the first visible sheet":               "la feuille est vide ; écrivez son nom ou son numéro (à partir de 1), ou supprimez la ligne pour lire la première feuille visible",
		"invalid sheet number %d: sheets are numbered from 1 in tab order":                                                           "numéro de feuille %d non valide : les feuilles sont numérotées à partir de 1 dans l'ordre des onglets",
		"invalid delimiter %q: write one character in quotes, such as \";\" or \",\", or the word tab":                               "séparateur %q non valide : écrivez un seul caractère entre guillemets, comme \";\" ou \",\", ou le mot tab",
		"invalid delimiter %q: quotes and line breaks cannot separate fields; write \";\", \",\", \"|\" or tab":                      "séparateur %q non valide : les guillemets et les retours à la ligne ne peuvent pas séparer les champs ; écrivez \";\", \",\", \"|\" ou tab",
		"invalid country %q: write the 2-letter ISO code; did you mean %q?":                                                          "pays %q non valide : écrivez le code ISO à 2 lettres ; vouliez-vous dire %q ?",
		"invalid country %q: write the 2-letter ISO code of the country whose phone numbers lack a prefix, such as LU, FR, BE or DE": "pays %q non valide : écrivez le code ISO à 2 lettres du pays des numéros de téléphone sans indicatif, comme LU, FR, BE ou DE",

		// Loading: fields.
		"unknown field %q; did you mean %q?":  "champ inconnu %q ; vouliez-vous dire %q ?",
		"unknown field %q; the fields are %s": "champ inconnu %q ; les champs sont %s",
		"%s (line %d) and %s (line %d) cannot both be mapped, because %s already fills %s; keep one of them":                      "%s (ligne %d) et %s (ligne %d) ne peuvent pas être utilisés ensemble, car %s remplit déjà %s ; gardez l'un des deux",
		"%s has no column; write a header, such as \"%s: Prénom\", or delete the line":                                            "%s n'a pas de colonne ; écrivez un en-tête, par exemple « %s: Prénom », ou supprimez la ligne",
		"%s must be a header, a template or { column: ... }, not a list; to combine columns write a template such as \"{A} {B}\"": "%s doit être un en-tête, un modèle ou { column: ... }, pas une liste ; pour combiner des colonnes, écrivez un modèle comme \"{A} {B}\"",
		"%s names an empty column; write the header, or delete the line":                                                          "%s désigne une colonne vide ; écrivez l'en-tête, ou supprimez la ligne",
		"%s is empty; write a header, a letter such as C or a number such as 3":                                                   "%s est vide ; écrivez un en-tête, une lettre comme C ou un numéro comme 3",
		"%s is empty; write the constant, or delete the field":                                                                    "%s est vide ; écrivez la constante, ou supprimez le champ",
		"%s is empty, which changes nothing; write the value for empty cells, or delete the line":                                 "%s est vide, ce qui ne change rien ; écrivez la valeur pour les cellules vides, ou supprimez la ligne",
		"%s needs one of column, template or value; add one, such as { column: C }":                                               "%s a besoin de column, template ou value ; ajoutez-en un, par exemple { column: C }",
		"%s has more than one of column, template and value; keep exactly one":                                                    "%s a plusieurs de column, template et value ; gardez-en exactement un",
		"%s is a constant, so map and default have no effect; remove them, or use column instead of value":                        "%s est une constante, donc map et default n'ont pas d'effet ; retirez-les, ou utilisez column au lieu de value",

		// Loading: templates.
		"the template is empty; write text with {Column} placeholders, such as \"{Commentaire} - {Source}\"":                           "le modèle est vide ; écrivez un texte avec des colonnes entre accolades, par exemple \"{Commentaire} - {Source}\"",
		"the template %q has a '}' without its '{'; write }} for a literal brace":                                                      "le modèle %q contient un '}' sans son '{' ; écrivez }} pour une accolade littérale",
		"the template %q has a '{' without its '}'; close the placeholder, or write {{ for a literal brace":                            "le modèle %q contient un '{' sans son '}' ; fermez l'accolade, ou écrivez {{ pour une accolade littérale",
		"the template %q has an empty placeholder {}; write a column header between the braces, such as {Commentaire}":                 "le modèle %q contient des accolades vides {} ; écrivez un en-tête de colonne entre les accolades, par exemple {Commentaire}",
		"the template %q names no column; put a column header in braces, such as {Commentaire}, or write a constant as { value: ... }": "le modèle %q ne désigne aucune colonne ; mettez un en-tête de colonne entre accolades, par exemple {Commentaire}, ou écrivez une constante sous la forme { value: ... }",

		// Loading: skip_if.
		"%s has no column; add \"column:\" with the header to test":                          "%s n'a pas de colonne ; ajoutez « column: » avec l'en-tête à tester",
		"%s is empty; to skip rows whose cell is empty write \"empty: true\"":                "%s est vide ; pour ignorer les lignes dont la cellule est vide, écrivez « empty: true »",
		"%s must be true (skip rows whose cell is empty), not %q; delete the rule otherwise": "%s doit valoir true (ignorer les lignes dont la cellule est vide), pas %q ; sinon supprimez la règle",
		"%s needs one test; add equals: VALUE, in: [A, B] or empty: true":                    "%s a besoin d'un test ; ajoutez equals: VALEUR, in: [A, B] ou empty: true",
		"%s has more than one of equals, in and empty; write one rule per test":              "%s a plusieurs de equals, in et empty ; écrivez une règle par test",
		"%s is an empty list; write the values that skip a row, such as [Annulé, Perdu]":     "%s est une liste vide ; écrivez les valeurs qui font ignorer une ligne, par exemple [Annulé, Perdu]",

		// Binding.
		"no column %q in %s for %s; did you mean %q?":                                                 "pas de colonne %q dans %s pour %s ; vouliez-vous dire %q ?",
		"no column %s in %s for %s: the file has %d columns, A to %s":                                 "pas de colonne %s dans %s pour %s : le fichier a %d colonnes, de A à %s",
		"no column %q in %s for %s; its columns are %s":                                               "pas de colonne %q dans %s pour %s ; ses colonnes sont %s",
		"no column %s in %s for %s: the file has no columns; check the header row":                    "pas de colonne %s dans %s pour %s : le fichier n'a aucune colonne ; vérifiez la ligne d'en-tête",
		"no column %q in %s for %s: the file has no header names; check the header row":               "pas de colonne %q dans %s pour %s : le fichier n'a aucun nom de colonne ; vérifiez la ligne d'en-tête",
		"column %q appears %d times in %s (columns %s); choose one by letter, such as { column: %s }": "la colonne %q apparaît %d fois dans %s (colonnes %s) ; choisissez-en une par sa lettre, par exemple { column: %s }",

		// Applying: values.
		"left out by the skip_if rule at line %d of the mapping: column %s (%s) is %q":                                 "ignorée par la règle skip_if de la ligne %d du mapping : la colonne %s (%s) vaut %q",
		"left out by the skip_if rule at line %d of the mapping: column %s (%s) is empty":                              "ignorée par la règle skip_if de la ligne %d du mapping : la colonne %s (%s) est vide",
		"invalid phone country code %q: write the calling code in digits, such as 352 for Luxembourg or 33 for France": "indicatif téléphonique %q non valide : écrivez l'indicatif en chiffres, par exemple 352 pour le Luxembourg ou 33 pour la France",
		"invalid phone number %q: write the number in digits, without the country code":                                "numéro de téléphone %q non valide : écrivez le numéro en chiffres, sans l'indicatif du pays",
		"invalid value %q for %s: %v": "valeur %q non valide pour %s : %v",

		// Applying: API rules.
		"the first name is empty; fill in column %s (%s)":                                                                                                         "le prénom est vide ; remplissez la colonne %s (%s)",
		"the full name in column %s (%s) gives no first name; write it as first name then last name":                                                              "le nom complet de la colonne %s (%s) ne donne pas de prénom ; écrivez le prénom puis le nom",
		"the first name is missing because the mapping has no contact.firstName; add contact.firstName (or contact.name for a full name) to the fields":           "le prénom manque car la correspondance n'a pas de contact.firstName ; ajoutez contact.firstName (ou contact.name pour un nom complet) aux champs",
		"the lead has neither an email nor a phone; fill in column %s (%s) or column %s (%s)":                                                                     "le lead n'a ni e-mail ni téléphone ; remplissez la colonne %s (%s) ou la colonne %s (%s)",
		"the email is empty and the mapping has no phone; fill in column %s (%s), or add contact.phone to the fields":                                             "l'e-mail est vide et la correspondance n'a pas de téléphone ; remplissez la colonne %s (%s), ou ajoutez contact.phone aux champs",
		"the phone is empty and the mapping has no email; fill in column %s (%s), or add contact.email to the fields":                                             "le téléphone est vide et la correspondance n'a pas d'e-mail ; remplissez la colonne %s (%s), ou ajoutez contact.email aux champs",
		"the mapping has neither contact.email nor contact.phone, and the API requires one of them; add one to the fields":                                        "la correspondance n'a ni contact.email ni contact.phone, et l'API exige l'un des deux ; ajoutez-en un aux champs",
		"the phone has no country code because the mapping has no contact.phoneCountryCode; add it to the fields, or map the whole phone as contact.phone":        "le téléphone n'a pas d'indicatif car la correspondance n'a pas de contact.phoneCountryCode ; ajoutez-le aux champs, ou faites correspondre le numéro complet à contact.phone",
		"the phone has no number because the mapping has no contact.phoneNumber; add it to the fields, or map the whole phone as contact.phone":                   "le téléphone n'a pas de numéro car la correspondance n'a pas de contact.phoneNumber ; ajoutez-le aux champs, ou faites correspondre le numéro complet à contact.phone",
		"the phone has a number but no country code; fill in column %s (%s)":                                                                                      "le téléphone a un numéro mais pas d'indicatif ; remplissez la colonne %s (%s)",
		"the phone has a country code but no number; fill in column %s (%s)":                                                                                      "le téléphone a un indicatif mais pas de numéro ; remplissez la colonne %s (%s)",
		"the product has no reference, which the API requires when any product field is given; add product.reference to the fields, or remove the product fields": "le produit n'a pas de référence, que l'API exige dès qu'un champ produit est donné ; ajoutez product.reference aux champs, ou retirez les champs produit",
		"the product reference is empty, and the API requires it when any product field is given; fill in column %s (%s)":                                         "la référence du produit est vide, et l'API l'exige dès qu'un champ produit est donné ; remplissez la colonne %s (%s)",
		"the constant the mapping gives %s on line %d yields no usable value; correct that line":                                                                  "la constante que la correspondance donne à %s ligne %d ne produit aucune valeur utilisable ; corrigez cette ligne",
		"the lead breaks the API rule %s on %s": "le lead enfreint la règle %s de l'API sur %s",

		// Writing a proposed mapping (YAML comments).
		"Mapping written by aello-import init from the header of the input file.":                              "Correspondance écrite par aello-import init à partir de l'en-tête du fichier d'entrée.",
		"Each line under fields maps a lead field (left) to a column header (right).":                          "Chaque ligne sous fields associe un champ du lead (à gauche) à un en-tête de colonne (à droite).",
		"Check every line: correct a header, write { column: C } to take a column by its letter,":              "Vérifiez chaque ligne : corrigez un en-tête, écrivez { column: C } pour prendre une colonne par sa lettre,",
		"or delete the line to leave the field out. Headers match whatever their case, accents and spaces.":    "ou supprimez la ligne pour omettre le champ. Les en-têtes sont reconnus quels que soient la casse, les accents et les espaces.",
		"The API requires contact.firstName (or contact.name) and contact.email or contact.phone.":             "L'API exige contact.firstName (ou contact.name) et contact.email ou contact.phone.",
		"Try it with: aello-import check FILE -m MAPPING":                                                      "Essayez-la avec : aello-import check FICHIER -m CORRESPONDANCE",
		"country of the phone numbers written without an international prefix":                                 "pays des numéros de téléphone écrits sans indicatif international",
		"rows to leave out, for example cancelled leads":                                                       "lignes à ignorer, par exemple les leads annulés",
		"or in: [Annulé, Perdu], or empty: true":                                                               "ou in: [Annulé, Perdu], ou empty: true",
		"read from the file; set sheet, header_row, delimiter or encoding here to override":                    "lue dans le fichier ; indiquez ici sheet, header_row, delimiter ou encoding pour la remplacer",
		"no column was recognised: add one line per field, such as contact.firstName: Prénom":                  "aucune colonne reconnue : ajoutez une ligne par champ, par exemple contact.firstName: Prénom",
		"required, but no column was recognised: write its header here":                                        "obligatoire, mais aucune colonne reconnue : écrivez son en-tête ici",
		"Columns not mapped; to use one, add a line above, such as message: \"{Source}\" for a column Source:": "Colonnes sans correspondance ; pour en utiliser une, ajoutez une ligne plus haut, par exemple message: \"{Source}\" pour une colonne Source :",
		"column %s %s": "colonne %s %s",
		", e.g. %s":    ", par ex. %s",

		// The line that ends a long list of problems.
		"... and %d more problems in %s": "... et %d autres problèmes dans %s",
	})
}
