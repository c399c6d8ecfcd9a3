package cli

import "github.com/aello-copilot/aello-import/i18n"

func init() {
	i18n.Register(map[string]string{
		// Command summaries.
		"import the bundled samples into a local sandbox: the first command to try": "importer les exemples fournis dans un bac à sable local : la première commande à essayer",
		"guess a mapping from a file's headers and write it as commented YAML":      "deviner un mapping à partir des en-têtes d'un fichier et l'écrire en YAML commenté",
		"read, map and validate a file and write the report; sends nothing":         "lire, mapper et valider un fichier et écrire le rapport ; n'envoie rien",
		"import a file: validate every row and send the valid ones to the API":      "importer un fichier : valider chaque ligne et envoyer les lignes valides à l'API",
		"run the local emulator of the Aéllo API":                                   "lancer l'émulateur local de l'API Aéllo",
		"show this help, or a command's help":                                       "afficher cette aide, ou l'aide d'une commande",
		"print the version":                                                         "afficher la version",
		mainHelp:                                                                    mainHelpFR,
		mainHelpFooter:                                                              mainHelpFooterFR,
		sourceHelp:                                                                  sourceHelpFR,
		commandHelp["demo"]:                                                         demoHelpFR,
		commandHelp["init"]:                                                         initHelpFR,
		commandHelp["check"]:                                                        checkHelpFR,
		commandHelp["send"]:                                                         sendHelpFR,
		commandHelp["sandbox"]:                                                      sandboxHelpFR,
		"error: %s\n":                                                               "erreur : %s\n",
		"Run 'aello-import help' for usage.\n":                                      "Lancez « aello-import help » pour l'aide.\n",
		"unknown command %q":                                                        "commande inconnue %q",
		"unknown option -%s: run 'aello-import help COMMAND' for the options": "option inconnue -%s : lancez « aello-import help COMMANDE » pour les options",
		"option -%s needs a value": "l'option -%s demande une valeur",
		"invalid value %q for -%s: give a number, a duration such as 30s, or true or false, as the option's help says": "valeur %q invalide pour -%s : donnez un nombre, une durée comme 30s, ou true ou false, comme l'indique l'aide de l'option",
		"--lang needs a value: en or fr":                                                                  "--lang demande une valeur : en ou fr",
		"invalid --lang %q: use en or fr":                                                                 "--lang %q invalide : utilisez en ou fr",
		"give exactly one input file (CSV or XLSX)":                                                       "donnez exactement un fichier d'entrée (CSV ou XLSX)",
		"missing mapping: add -m mapping.yaml (aello-import init %s writes one)":                          "mapping manquant : ajoutez -m mapping.yaml (aello-import init %s en écrit un)",
		"invalid --header-row %d: give the 1-based row number of the header":                              "--header-row %d invalide : donnez le numéro de la ligne d'en-tête, à partir de 1",
		"invalid --env %q: use sandbox or production":                                                     "--env %q invalide : utilisez sandbox ou production",
		"invalid --rate %v: give requests per second, or 0 for no limit":                                  "--rate %v invalide : donnez un nombre de requêtes par seconde, ou 0 pour aucune limite",
		"invalid --concurrency %d: give a number from 1 to 256":                                           "--concurrency %d invalide : donnez un nombre de 1 à 256",
		"cannot read --api-key-file: %v":                                                                  "impossible de lire --api-key-file : %v",
		"the file given by --api-key-file is empty: write the API key in it":                              "le fichier donné par --api-key-file est vide : écrivez-y la clé d'API",
		"missing API key: set the environment variable AELLO_API_KEY, or give --api-key-file FILE":        "clé d'API manquante : définissez la variable d'environnement AELLO_API_KEY, ou donnez --api-key-file FICHIER",
		"error: sending to production needs a confirmation, and there is no terminal to ask: add --yes\n": "erreur : un envoi en production demande une confirmation, et aucun terminal ne permet de la demander : ajoutez --yes\n",
		"You are about to import the valid rows among %d data rows into PRODUCTION (%s): dealership staff will see these leads.\nType yes to continue: ": "Vous allez importer les lignes valides parmi %d lignes de données en PRODUCTION (%s) : les équipes de la concession verront ces leads.\nTapez oui pour continuer : ",
		"Cancelled: nothing was sent.\n":                                                                                "Annulé : rien n'a été envoyé.\n",
		"Sending to %s (%s), at most %v requests per second, %d at a time.\n":                                           "Envoi vers %s (%s), au plus %v requêtes par seconde, %d à la fois.\n",
		"\nInterrupted: stopping the check and writing the report of the rows read so far.\n":                           "\nInterrompu : arrêt de la vérification et écriture du rapport des lignes déjà lues.\n",
		"\nInterrupted: finishing the requests in flight and writing the report. Press Ctrl-C again to abandon them.\n": "\nInterrompu : fin des requêtes en cours et écriture du rapport. Appuyez de nouveau sur Ctrl-C pour les abandonner.\n",
		"\nAbandoning the requests in flight: their rows are marked uncertain.\n":                                       "\nAbandon des requêtes en cours : leurs lignes sont marquées uncertain.\n",

		// Progress and summary.
		"accepted":            "acceptées (accepted)",
		"valid":               "valides (valid)",
		"skipped":             "ignorées (skipped)",
		"invalid":             "invalides (invalid)",
		"rejected":            "refusées (rejected)",
		"failed":              "en échec (failed)",
		"uncertain":           "incertaines (uncertain)",
		"not_sent":            "non envoyées (not_sent)",
		"rows":                "lignes",
		"row":                 "ligne",
		"rows, about %s left": "lignes, encore %s environ",
		"progress: %d of %d rows done (%d accepted, %d to fix), %.0f rows/s, about %s left\n":    "progression : %d lignes traitées sur %d (%d acceptées, %d à corriger), %.0f lignes/s, encore %s environ\n",
		"progress: %d rows checked, %.0f rows/s\n":                                               "progression : %d lignes vérifiées, %.0f lignes/s\n",
		"progress: %d rows done (%d accepted, %d to fix), %.0f rows/s\n":                         "progression : %d lignes traitées (%d acceptées, %d à corriger), %.0f lignes/s\n",
		"Summary: %d rows in %.1f s (%.0f rows/s)\n":                                             "Résumé : %d lignes en %.1f s (%.0f lignes/s)\n",
		"%d rows were accepted or are valid with a warning (see the report's message column):\n": "%d lignes ont été acceptées ou sont valides avec un avertissement (voir la colonne message du rapport) :\n",
		"1 row was accepted or is valid with a warning (see the report's message column):\n":     "1 ligne a été acceptée ou est valide avec un avertissement (voir la colonne message du rapport) :\n",
		"Most frequent errors:\n":     "Erreurs les plus fréquentes :\n",
		"(rows %s%s)\n":               "(lignes %s%s)\n",
		"(row %s)\n":                  "(ligne %s)\n",
		"The run stopped early: %s\n": "L'import s'est arrêté avant la fin : %s\n",
		"The check was interrupted: the report has the rows read before it stopped.\n": "La vérification a été interrompue : le rapport contient les lignes lues avant l'arrêt.\n",
		"The run was interrupted: rows not sent are marked not_sent.\n":                "L'import a été interrompu : les lignes non envoyées sont marquées not_sent.\n",
		"Report: %s\n":         "Rapport : %s\n",
		"Rows to fix: %s\n":    "Lignes à corriger : %s\n",
		"Request bodies: %s\n": "Corps des requêtes : %s\n",
		"Next: fix the rows in %s (the last column says what is wrong), then check them again with:\n  aello-import check %q -m %q\n": "Ensuite : corrigez les lignes de %s (la dernière colonne dit ce qui ne va pas), puis vérifiez-les de nouveau avec :\n  aello-import check %q -m %q\n",
		"Next: fix the rows in %s (the last column says what is wrong), then send them with:\n  aello-import send %q -m %q%s\n":       "Ensuite : corrigez les lignes de %s (la dernière colonne dit ce qui ne va pas), puis envoyez-les avec :\n  aello-import send %q -m %q%s\n",
		"Next: every row is valid; send them with:\n  aello-import send %q -m %q%s\n":                                                 "Ensuite : toutes les lignes sont valides ; envoyez-les avec :\n  aello-import send %q -m %q%s\n",

		"%d rows are uncertain: they were sent but no response came. Check in Aéllo whether they arrived; --resume --resend-uncertain sends them again.\n":                      "%d lignes sont incertaines : elles ont été envoyées mais aucune réponse n'est venue. Vérifiez dans Aéllo si elles sont arrivées ; --resume --resend-uncertain les renvoie.\n",
		"1 row is uncertain: it was sent but no response came. Check in Aéllo whether it arrived; --resume --resend-uncertain sends it again.\n":                                "1 ligne est incertaine : elle a été envoyée mais aucune réponse n'est venue. Vérifiez dans Aéllo si elle est arrivée ; --resume --resend-uncertain la renvoie.\n",
		"Next: %d rows were not sent or failed for a temporary reason; send them, and only them, with:\n  aello-import send %q -m %q%s%s --resume\n":                            "Ensuite : %d lignes n'ont pas été envoyées ou ont échoué pour une raison temporaire ; envoyez-les, et elles seules, avec :\n  aello-import send %q -m %q%s%s --resume\n",
		"Next: fix what stopped the run (see above), then send the %d rows not sent with:\n  aello-import send %q -m %q%s%s --resume\n":                                         "Ensuite : corrigez ce qui a arrêté l'import (voir ci-dessus), puis envoyez les %d lignes non envoyées avec :\n  aello-import send %q -m %q%s%s --resume\n",
		"the journal %s cannot be opened (%v): it goes beside the input file, so that folder must be writable; copy the input to a writable folder and send it from there":      "le journal %s ne peut pas être ouvert (%v) : il se trouve à côté du fichier d'entrée, dont le dossier doit donc être accessible en écriture ; copiez le fichier dans un dossier accessible en écriture et envoyez-le depuis celui-ci",
		"Resuming: the journal records %d rows accepted by earlier runs and %d uncertain rows, which are not sent again (add --resend-uncertain to send the uncertain ones).\n": "Reprise : le journal compte %d lignes acceptées lors d'imports précédents et %d lignes incertaines, qui ne sont pas renvoyées (ajoutez --resend-uncertain pour renvoyer les incertaines).\n",
		"Resuming: the journal records %d rows accepted by earlier runs, which are not sent again, and %d uncertain rows, which are sent again.\n":                              "Reprise : le journal compte %d lignes acceptées lors d'imports précédents, qui ne sont pas renvoyées, et %d lignes incertaines, qui sont renvoyées.\n",
		"Sending to %s (%s), with no rate limit, %d at a time.\n":                                                                                                                  "Envoi vers %s (%s), sans limite de débit, %d à la fois.\n",
		"--resume and --force contradict each other: --resume skips the rows already accepted, --force sends every row again":                                                      "--resume et --force se contredisent : --resume ignore les lignes déjà acceptées, --force renvoie toutes les lignes",
		"an earlier run of this file left %d rows accepted and %d uncertain (journal %s): add --resume to send only the rows not accepted yet, or --force to send every row again": "un import précédent de ce fichier a laissé %d lignes acceptées et %d incertaines (journal %s) : ajoutez --resume pour n'envoyer que les lignes pas encore acceptées, ou --force pour renvoyer toutes les lignes",
		"invalid --limit %d: give the number of rows to send, or 0 for all":                                                                                                        "--limit %d invalide : donnez le nombre de lignes à envoyer, ou 0 pour toutes",
		"invalid --max-errors %d: give a number of failures in a row, 1 or more":                                                                                                   "--max-errors %d invalide : donnez un nombre d'échecs consécutifs, 1 ou plus",

		// init.
		"%s already exists: choose another file with -o, or add --force to overwrite it": "%s existe déjà : choisissez un autre fichier avec -o, ou ajoutez --force pour l'écraser",
		"%s: XLSX, sheet %q, header on row %d.\n":                                        "%s : XLSX, feuille %q, en-tête en ligne %d.\n",
		"%s: CSV, encoding %s, delimiter %q, header on row %d.\n":                        "%s : CSV, encodage %s, séparateur %q, en-tête en ligne %d.\n",
		"Sheets in the workbook:\n":                                                      "Feuilles du classeur :\n",
		"%d rows\n":                                                                      "%d lignes\n",
		"Wrote %s: %d columns placed.\n":                                                 "%s écrit : %d colonnes placées.\n",
		"Columns not placed (add them to the mapping if needed):\n":                      "Colonnes non placées (ajoutez-les au mapping si besoin) :\n",
		"The file has no data rows.\n":                                                   "Le fichier n'a aucune ligne de données.\n",
		"The first rows as they would be sent:\n":                                        "Les premières lignes telles qu'elles seraient envoyées :\n",
		"  row %d: skipped (%s)\n":                                                       "  ligne %d : ignorée (%s)\n",
		"  row %d: invalid\n":                                                            "  ligne %d : invalide\n",
		"Next: review %s, then run:\n  aello-import check %q -m %q\n":                    "Ensuite : relisez %s, puis lancez :\n  aello-import check %q -m %q\n",

		"no column of %s matches a lead field (header on row %d: %s): check --sheet and --header-row, or write the mapping by hand": "aucune colonne de %s ne correspond à un champ de lead (en-tête en ligne %d : %s) : vérifiez --sheet et --header-row, ou écrivez le mapping à la main",
		"Note: sheet %q is hidden in Excel (%s); it is read because --sheet names it.\n":                                            "Remarque : la feuille %q est masquée dans Excel (%s) ; elle est lue parce que --sheet la désigne.\n",

		// sandbox and demo.
		"give at least one API key with --key KEY":                                                          "donnez au moins une clé d'API avec --key CLÉ",
		"sandbox takes no file argument, got %q":                                                            "sandbox ne prend pas de fichier, reçu %q",
		"demo takes no file argument, got %q":                                                               "demo ne prend pas de fichier, reçu %q",
		"Sandbox listening on %s, API keys accepted: %d. Stop it with Ctrl-C.\n":                            "Bac à sable à l'écoute sur %s, clés d'API acceptées : %d. Arrêtez-le avec Ctrl-C.\n",
		"Sandbox stopped.\n":                                                                                "Bac à sable arrêté.\n",
		"Demo: a local sandbox of the Aéllo API runs on %s.\n":                                              "Démo : un bac à sable local de l'API Aéllo tourne sur %s.\n",
		"\n== aello-import send %s -m %s --base-url %s --report %s\n":                                       "\n== aello-import send %s -m %s --base-url %s --report %s\n",
		"\nThe sandbox now holds %d leads and %d messages (%d requests).\n":                                 "\nLe bac à sable contient maintenant %d leads et %d messages (%d requêtes).\n",
		"Open the reports in %s. To import your own file: aello-import init FILE, then check, then send.\n": "Ouvrez les rapports dans %s. Pour importer votre propre fichier : aello-import init FICHIER, puis check, puis send.\n",
		// Input files that check and send cannot use.
		"%s does not exist: check the path and the file name":             "%s n'existe pas : vérifiez le chemin et le nom du fichier",
		"%s is a folder, not a file: give the path of a CSV or XLSX file": "%s est un dossier, pas un fichier : donnez le chemin d'un fichier CSV ou XLSX",
		"%s has a header but no data rows, so there is nothing to check or send: check that it is the right file and, for a workbook, the right --sheet and --header-row": "%s a une ligne d'en-tête mais aucune ligne de données, il n'y a donc rien à vérifier ni à envoyer : vérifiez que c'est le bon fichier et, pour un classeur, les bons --sheet et --header-row",
	})
}

const mainHelpFR = `aello-import importe des leads depuis des exports CSV ou XLSX dans Aéllo Copilot.

Utilisation : aello-import COMMANDE [options]

Commandes :
`

const mainHelpFooterFR = `
Code de sortie : 0 toutes les lignes acceptées (ou valides, pour check) ;
1 des lignes invalides, refusées ou en échec ; 2 usage incorrect, fichier
illisible ou mapping invalide ; 3 import arrêté (clé d'API refusée, erreur de
compte, interruption).

Lancez « aello-import help COMMANDE » pour les options d'une commande.
`

const sourceHelpFR = `
Options de source (remplacent la section source du mapping) :
  --sheet NOM|N         feuille XLSX par nom ou par numéro à partir de 1
                        (par défaut : la première feuille visible)
  --header-row N        numéro de la ligne d'en-tête (par défaut : détectée)
  --delimiter C         séparateur CSV : , ; | ou tab (par défaut : détecté)
  --encoding NOM        encodage CSV : utf-8, windows-1252, iso-8859-15,
                        utf-16 (par défaut : détecté)

Options communes :
  --lang en|fr          langue des messages et des rapports (par défaut : la locale)
  --verbose             journaliser chaque nouvelle tentative
`

const demoHelpFR = `Utilisation : aello-import demo [--out DOSSIER] [--rate N] [--concurrency N]

Lance un bac à sable local de l'API Aéllo, copie les exemples fournis
(leads.xlsx, leads.csv, mapping.yaml) dans DOSSIER et importe les deux
fichiers, avec leurs rapports écrits à côté. Les exemples contiennent des
lignes erronées exprès, pour montrer à quoi ressemble une ligne en échec.

  --out DOSSIER      dossier des exemples et des rapports (par défaut aello-demo)
  --rate N           requêtes par seconde (par défaut 100)
  --concurrency N    requêtes simultanées au plus (par défaut 4)
`

const initHelpFR = `Utilisation : aello-import init FICHIER [-o mapping.yaml] [--force] [options de source]

Lit l'en-tête et les premières lignes de FICHIER, devine quelle colonne
contient quel champ du lead d'après les noms d'en-têtes anglais, français et
allemands, écrit un mapping YAML commenté, et affiche les premières lignes
telles qu'elles seraient envoyées.

  -o CHEMIN          où écrire le mapping (par défaut mapping.yaml)
  --force            écraser CHEMIN s'il existe
  --country CC       pays par défaut des numéros sans +, en code ISO comme
                     LU, FR, BE, DE (par défaut LU)
`

const checkHelpFR = `Utilisation : aello-import check FICHIER -m MAPPING [--report CHEMIN] [--emit CHEMIN] [options de source]

Lit FICHIER, mappe et valide chaque ligne et écrit le rapport. N'envoie rien
et ne demande pas de clé d'API.

  -m, --mapping CHEMIN   le mapping YAML (aello-import init FICHIER en écrit un)
  --report CHEMIN        le fichier de rapport (par défaut le nom de FICHIER
                         + .report.csv) ; le fichier d'erreurs va à côté
  --emit CHEMIN          écrire le corps de requête de chaque ligne valide,
                         une ligne JSON par ligne valide :
                         {"row": N, "lead": {...}}
  --json                 afficher aussi le résumé en un objet JSON sur stdout
`

const sendHelpFR = `Utilisation : aello-import send FICHIER -m MAPPING [options] [options de source]

Valide chaque ligne de FICHIER et envoie les lignes valides à POST /leads. La
clé d'API est lue dans la variable d'environnement AELLO_API_KEY, ou dans un
fichier.

  -m, --mapping CHEMIN     le mapping YAML
  --env ENV                sandbox (par défaut) ou production ; production
                           demande une confirmation sauf avec --yes
  --base-url URL           l'adresse de l'API, au lieu de celle de --env ;
                           http:// simple seulement vers cet ordinateur
                           (127.0.0.1, ::1, localhost)
  --rate N                 requêtes par seconde au plus (par défaut 10 ;
                           0 : sans limite)
  --concurrency N          requêtes simultanées au plus (par défaut 4)
  --timeout DURÉE          durée maximale d'une requête (par défaut 30s)
  --api-key-file CHEMIN    lire la clé d'API dans ce fichier
  --report CHEMIN          le fichier de rapport (par défaut le nom de
                           FICHIER + .report.csv)
  --resume                 ignorer les lignes de FICHIER déjà acceptées lors
                           d'imports précédents, et ne pas renvoyer celles
                           restées incertaines
  --resend-uncertain       avec --resume, renvoyer les lignes incertaines
  --force                  oublier les imports précédents de FICHIER et
                           envoyer toutes les lignes
  --max-errors N           s'arrêter après N échecs temporaires consécutifs
                           (par défaut 50)
  --limit N                n'envoyer que les N premières lignes, pour les
                           regarder dans Aéllo avant d'envoyer le reste avec
                           --resume
  --json                   afficher aussi le résumé en un objet JSON sur stdout
  --yes                    ne pas demander de confirmation

Chaque envoi et chaque résultat sont notés aussitôt dans le journal
NOM.journal.jsonl, à côté de FICHIER, pour qu'un import arrêté reprenne sans
envoyer une ligne deux fois. Un send sans --resume ni --force d'un fichier
déjà envoyé à la même API par un import précédent est refusé.
`

const sandboxHelpFR = `Utilisation : aello-import sandbox [--addr 127.0.0.1:PORT] --key CLÉ [options]

Lance un émulateur local de l'API Aéllo jusqu'à Ctrl-C, pour essayer des
imports sans toucher à un vrai compte. Il répond à POST /leads comme l'API, et
à GET /_sandbox/leads et GET /_sandbox/stats pour l'inspection.

  --addr HÔTE:PORT      adresse d'écoute (par défaut 127.0.0.1:8089)
  --key CLÉ             une clé d'API valide, chacune pour sa propre
                        concession (répétable)
  --orphan-key CLÉ      une clé dont la concession n'existe plus : répond 422
  --store FICHIER       ajouter chaque lead et message stocké en ligne JSON
  --latency DURÉE       délai avant chaque réponse, comme 50ms
  --jitter DURÉE        variation aléatoire de ce délai
  --fail-rate P         part des requêtes qui reçoivent 500, entre 0 et 1
  --drop-rate P         part des requêtes stockées puis laissées sans réponse
  --rate-limit N        répondre 429 au-delà de N requêtes par seconde
  --seed N              graine des pannes aléatoires, pour rejouer un essai
`
