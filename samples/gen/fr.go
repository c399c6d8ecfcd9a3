package main

import "github.com/aello-copilot/aello-import/i18n"

func init() {
	i18n.Register(map[string]string{
		"generated phone %q on row %s is not a valid number with country code +%d: fix the phone patterns in the generator":                   "le téléphone généré %q à la ligne %s n’est pas un numéro valide avec l’indicatif +%d : corrigez les modèles de numéros du générateur",
		"value %q of column %s on row %s has the character %q, which Windows-1252 cannot encode: use a character that exists in Windows-1252": "la valeur %q de la colonne %s à la ligne %s contient le caractère %q, que Windows-1252 ne peut pas coder : utilisez un caractère qui existe en Windows-1252",
		"unexpected argument %q: every setting is a flag, see -h":                                                                             "argument inattendu %q : chaque réglage est une option, voir -h",
		"invalid -rows %s: give a number of data rows, 0 or more":                                                                             "-rows %s invalide : indiquez un nombre de lignes de données, 0 ou plus",
		"invalid -format %q: use csv or xlsx":                                                                                                 "-format %q invalide : utilisez csv ou xlsx",
		"missing -o: give the path of the file to write":                                                                                      "-o manquant : indiquez le chemin du fichier à écrire",
		"invalid -rows %s: an Excel sheet allows at most %d data rows below the header; use -format csv or fewer rows":                        "-rows %s invalide : une feuille Excel contient au plus %d lignes de données sous l’en-tête ; utilisez -format csv ou moins de lignes",
		"cannot write %s: %v": "impossible d’écrire %s : %v",
	})
}
