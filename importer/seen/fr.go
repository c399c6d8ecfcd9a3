package seen

import "github.com/aello-copilot/aello-import/i18n"

func init() {
	i18n.Register(map[string]string{
		"creating a temporary file in %s for the duplicate check failed (%v): make sure the folder exists and is writable, or set TMPDIR (TMP on Windows) to another folder": "la création d'un fichier temporaire dans %s pour la recherche de doublons a échoué (%v) : vérifiez que le dossier existe et est accessible en écriture, ou donnez à TMPDIR (TMP sous Windows) un autre dossier",
		"writing the temporary file %s for the duplicate check failed (%v): free disk space there, or set TMPDIR (TMP on Windows) to another folder":                         "l'écriture du fichier temporaire %s pour la recherche de doublons a échoué (%v) : libérez de l'espace disque à cet endroit, ou donnez à TMPDIR (TMP sous Windows) un autre dossier",
		"reading the temporary file %s for the duplicate check failed (%v): check the disk, then run again":                                                                  "la lecture du fichier temporaire %s pour la recherche de doublons a échoué (%v) : vérifiez le disque, puis relancez",
		"removing the temporary file %s of the duplicate check failed (%v): delete it yourself":                                                                              "la suppression du fichier temporaire %s de la recherche de doublons a échoué (%v) : supprimez-le vous-même",
	})
}
