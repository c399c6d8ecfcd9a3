package importer

import "github.com/aello-copilot/aello-import/i18n"

func init() {
	i18n.Register(map[string]string{
		"creating a temporary file in %s for the errors file failed (%v): make sure the folder exists and is writable, or set TMPDIR (TMP on Windows) to another folder": "la création d'un fichier temporaire dans %s pour le fichier d'erreurs a échoué (%v) : vérifiez que le dossier existe et est accessible en écriture, ou indiquez un autre dossier dans TMPDIR (TMP sous Windows)",
		"writing the temporary file %s for the errors file failed (%v): free disk space there, or set TMPDIR (TMP on Windows) to another folder":                         "l'écriture du fichier temporaire %s du fichier d'erreurs a échoué (%v) : libérez de l'espace disque à cet endroit, ou indiquez un autre dossier dans TMPDIR (TMP sous Windows)",
		"reading the temporary file %s for the errors file failed (%v): check the disk, then run again":                                                                  "la lecture du fichier temporaire %s du fichier d'erreurs a échoué (%v) : vérifiez le disque, puis relancez",
		"removing the temporary file %s of the errors file failed (%v): delete it yourself":                                                                              "la suppression du fichier temporaire %s du fichier d'erreurs a échoué (%v) : supprimez-le vous-même",
		"building the workbook %s failed (%v): run again, and report the problem if it comes back":                                                                       "la construction du classeur %s a échoué (%v) : relancez, et signalez le problème s'il se reproduit",
		"the errors file cannot hold row %d: an Excel sheet has at most %d rows, so check fewer rows at a time":                                                          "le fichier d'erreurs ne peut pas contenir la ligne %d : une feuille Excel a au plus %d lignes, vérifiez donc moins de lignes à la fois",
		"the errors file cannot hold %d columns: an Excel sheet has at most %d, so remove the empty columns of the input":                                                "le fichier d'erreurs ne peut pas contenir %d colonnes : une feuille Excel en a au plus %d, retirez donc les colonnes vides du fichier d'entrée",
		"writing the errors file %s failed (%v): make sure its folder exists, is writable and has free disk space, then run again":                                       "l'écriture du fichier d'erreurs %s a échoué (%v) : vérifiez que son dossier existe, est accessible en écriture et a de l'espace disque libre, puis relancez",
	})
}
