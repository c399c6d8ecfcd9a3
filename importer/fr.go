package importer

import "github.com/aello-copilot/aello-import/i18n"

func init() {
	i18n.Register(map[string]string{
		"Import error": "Erreur d'import",
		"the output file %s is the input file, and writing it would erase the input: choose another --report or --emit path":                           "le fichier de sortie %s est le fichier d'entrée, et l'écrire effacerait l'entrée : choisissez un autre chemin pour --report ou --emit",
		"the output file %s is the mapping file, and writing it would erase the mapping: choose another --report or --emit path":                       "le fichier de sortie %s est le fichier de mapping, et l'écrire effacerait le mapping : choisissez un autre chemin pour --report ou --emit",
		"the output file %s is the journal of the rows already sent, and writing it would erase that record: choose another --report or --emit path":   "le fichier de sortie %s est le journal des lignes déjà envoyées, et l'écrire effacerait ce relevé : choisissez un autre chemin pour --report ou --emit",
		"the report, the errors file and the --emit file must be three different files, but %s is two of them: choose another --report or --emit path": "le rapport, le fichier d'erreurs et le fichier --emit doivent être trois fichiers différents, mais %s est deux d'entre eux : choisissez un autre chemin pour --report ou --emit",
		"the output file %s is a folder: choose another --report path, or move the folder away":                                                        "le fichier de sortie %s est un dossier : choisissez un autre chemin pour --report, ou déplacez le dossier",
		"the output file %s cannot be created (%v): check that its folder exists and is writable, or choose another --report path":                     "le fichier de sortie %s ne peut pas être créé (%v) : vérifiez que son dossier existe et est accessible en écriture, ou choisissez un autre chemin pour --report",
		"the duplicate check failed (%v): run again": "la recherche de doublons a échoué (%v) : relancez",
		"the header is one column, %q, so the delimiter is probably %q: remove --delimiter and the mapping's source.delimiter, or set it to %q": "l'en-tête ne forme qu'une colonne, %q : le séparateur est donc sans doute %q ; retirez --delimiter et le source.delimiter du mapping, ou indiquez %q",
		"Rows to fix": "Lignes à corriger",
		"warning: ":   "avertissement : ",
		"%s (%s): %s": "%s (%s) : %s",

		"externalId %q is already used by row %d: give each lead its own ID, or delete this row if it is the same lead":       "l'externalId %q est déjà utilisé par la ligne %d : donnez à chaque lead son propre identifiant, ou supprimez cette ligne s'il s'agit du même lead",
		"same contact and product as row %d: Aéllo will add this row as a message to that lead instead of creating a new one": "même contact et même produit que la ligne %d : Aéllo ajoutera cette ligne comme message à ce lead au lieu d'en créer un nouveau",
		"the row could not be encoded as JSON: %v": "la ligne n'a pas pu être encodée en JSON : %v",

		"not sent because the run stopped: %s":     "non envoyée car l'import s'est arrêté : %s",
		"not sent because the run was interrupted": "non envoyée car l'import a été interrompu",

		"the API answered HTTP %d to POST /leads: check --base-url and --env":                                                                       "l'API a répondu HTTP %d à POST /leads : vérifiez --base-url et --env",
		"the API rejected the API key (HTTP %d): check AELLO_API_KEY or --api-key-file, and that the key belongs to this environment (--env)":       "l'API a refusé la clé d'API (HTTP %d) : vérifiez AELLO_API_KEY ou --api-key-file, et que la clé appartient à cet environnement (--env)",
		"the API rejected the account (HTTP %d, %s: %s): check with your Aéllo administrator that the key's dealership exists":                      "l'API a refusé le compte (HTTP %d, %s : %s) : vérifiez avec votre administrateur Aéllo que la concession de la clé existe",
		"the API rejected the row (HTTP %d, %s): %s":                                                                                                "l'API a refusé la ligne (HTTP %d, %s) : %s",
		"the API rejected the row (HTTP %d): %s":                                                                                                    "l'API a refusé la ligne (HTTP %d) : %s",
		"temporary failure, still failing after %d attempts (last answer HTTP %d %s): send this row again later":                                    "échec temporaire, toujours en échec après %d tentatives (dernière réponse HTTP %d %s) : renvoyez cette ligne plus tard",
		"temporary failure, still failing after %d attempts (%s): send this row again later":                                                        "échec temporaire, toujours en échec après %d tentatives (%s) : renvoyez cette ligne plus tard",
		"sent, but no response came back: the lead may exist in Aéllo; check there, then run again with --resume --resend-uncertain if it does not": "envoyée, mais aucune réponse n'est revenue : le lead existe peut-être dans Aéllo ; vérifiez-y, puis relancez avec --resume --resend-uncertain s'il n'y est pas",

		"not sent because of --limit %d: send the other rows with --resume": "non envoyée à cause de --limit %d : envoyez les autres lignes avec --resume",
		"accepted in an earlier run: not sent again":                        "acceptée lors d'un import précédent : pas renvoyée",
		"sent in an earlier run without getting an answer: check whether Aéllo has this lead, then run again with --resend-uncertain if it does not": "envoyée lors d'un import précédent sans obtenir de réponse : vérifiez si Aéllo a ce lead, puis relancez avec --resend-uncertain s'il ne l'a pas",
		"the API failed %d times in a row (last error: %s): check your network and the API's status, then run again with --resume":                   "l'API a échoué %d fois de suite (dernière erreur : %s) : vérifiez votre réseau et l'état de l'API, puis relancez avec --resume",
		"the journal cannot be written (%v): free disk space or fix its permissions, then run again with --resume":                                   "impossible d'écrire le journal (%v) : libérez de l'espace disque ou corrigez ses droits, puis relancez avec --resume",
	})
}
