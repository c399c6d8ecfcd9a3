package spreadsheet

import "github.com/aello-copilot/aello-import/i18n"

func init() {
	i18n.Register(map[string]string{
		"the shared string table could not be written to a temporary file in %s (%v); make sure the folder exists, is writable and has free space, or set TMPDIR (TMP on Windows) to another folder, and try again": "la table des chaînes partagées n'a pas pu être écrite dans un fichier temporaire de %s (%v) ; vérifiez que le dossier existe, est accessible en écriture et a de l'espace libre, ou indiquez un autre dossier dans TMPDIR (TMP sous Windows), puis réessayez",
		"the shared string table could not be read back from its temporary file in %s (%v); check the disk of that folder, or set TMPDIR (TMP on Windows) to another folder, and try again":                         "la table des chaînes partagées n'a pas pu être relue depuis son fichier temporaire dans %s (%v) ; vérifiez le disque de ce dossier, ou indiquez un autre dossier dans TMPDIR (TMP sous Windows), puis réessayez",
	})
}
