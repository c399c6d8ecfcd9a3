package spreadsheet

import "github.com/aello-copilot/aello-import/i18n"

// French translations of the CSV reader's messages.
func init() {
	i18n.Register(map[string]string{
		"invalid header row %d: use a row number from 1, or 0 to find the header automatically": "ligne d'en-tête %d invalide : indiquez un numéro de ligne à partir de 1, ou 0 pour trouver l'en-tête automatiquement",

		"no header at row %d: the file has only %d rows. Set the header row to the row that contains the column names": "pas d'en-tête à la ligne %d : le fichier n'a que %d lignes. Indiquez comme ligne d'en-tête celle qui contient les noms des colonnes",

		"no header found: the file is empty or contains only empty rows": "aucun en-tête trouvé : le fichier est vide ou ne contient que des lignes vides",

		"the header row is empty. Set the header row to the row that contains the column names": "la ligne d'en-tête est vide. Indiquez comme ligne d'en-tête celle qui contient les noms des colonnes",

		"a value is larger than %d MiB, which no spreadsheet export contains: check that the file is a CSV export and that its delimiter is %q": "une valeur dépasse %d Mio, ce qu'aucun export de tableur ne contient : vérifiez que le fichier est bien un export CSV et que son séparateur est %q",

		"the row is larger than %d MiB, which no spreadsheet export contains: check that the file is a CSV export": "la ligne dépasse %d Mio, ce qu'aucun export de tableur ne contient : vérifiez que le fichier est bien un export CSV",

		"the row has more than %d fields, the most a spreadsheet has: check that the file is a CSV export and that its delimiter is %q": "la ligne a plus de %d champs, le maximum d'un tableur : vérifiez que le fichier est bien un export CSV et que son séparateur est %q",

		"reading the file failed: %v": "la lecture du fichier a échoué : %v",

		`invalid delimiter %q: use one character such as ";", ",", "|" or "tab"`: `séparateur %q invalide : indiquez un seul caractère, comme ";", ",", "|" ou "tab" pour la tabulation`,

		"the value contains bytes that are not valid UTF-16 at byte offset %d (a lone surrogate or a final odd byte), shown as U+FFFD: correct the value in a text editor, or save the file again as CSV UTF-8": "la valeur contient des octets invalides en UTF-16 à la position %d (un demi-caractère de substitution isolé ou un dernier octet impair), affichés comme U+FFFD : corrigez la valeur dans un éditeur de texte, ou enregistrez de nouveau le fichier en CSV UTF-8",

		"the byte 0x%02X at byte offset %d is not valid %s, so the value shows U+FFFD in its place: save the file again as CSV UTF-8, or set the encoding the file was written in (such as windows-1252)": "l'octet 0x%02X à la position %d n'est pas valide en %s, la valeur affiche donc U+FFFD à sa place : enregistrez de nouveau le fichier en CSV UTF-8, ou indiquez l'encodage dans lequel il a été écrit (par exemple windows-1252)",

		"the value contains the control character %U at byte offset %d, which usually means the file was read with the wrong encoding: set the encoding the file was written in (such as windows-1252), or remove the character": "la valeur contient le caractère de contrôle %U à la position %d, ce qui signifie en général que le fichier a été lu avec le mauvais encodage : indiquez l'encodage dans lequel il a été écrit (par exemple windows-1252), ou supprimez ce caractère",

		"the quote that opens this value is not closed, so the value was read up to the end of its line, the quote included, and the lines after it as new rows: add the closing quote after the value, or remove the opening one": "le guillemet qui ouvre cette valeur n'est pas fermé : la valeur a été lue jusqu'à la fin de sa ligne, guillemet compris, et les lignes suivantes comme de nouvelles lignes. Ajoutez le guillemet fermant après la valeur, ou supprimez le guillemet ouvrant",

		"%d fields were found where the header has %d, so values may be under the wrong columns: add the missing %q delimiters, since an empty value needs its delimiter too": "%d champs trouvés alors que l'en-tête en a %d, des valeurs sont donc peut-être sous la mauvaise colonne : ajoutez les séparateurs %q manquants, car une valeur vide a besoin de son séparateur elle aussi",

		"%d fields were found where the header has %d: the value %q probably contains an unquoted %q. Put that value in quotes, or remove the %q from it": "%d champs trouvés alors que l'en-tête en a %d : la valeur %q contient sans doute un %q hors guillemets. Mettez cette valeur entre guillemets, ou retirez-en le %q",

		"%d fields were found where the header has %d: a value probably contains an unquoted %q. Put that value in quotes, or remove the extra %q": "%d champs trouvés alors que l'en-tête en a %d : une valeur contient sans doute un %q hors guillemets. Mettez cette valeur entre guillemets, ou retirez le %q en trop",

		"unknown encoding %q: use one of %s": "encodage %q inconnu : utilisez l'un de %s",

		"the file contains NUL bytes (first at byte offset %d) and no byte order mark: it looks like %s text, so set the encoding to %s": "le fichier contient des octets NUL (le premier à la position %d) et pas de marque d'ordre des octets (BOM) : il ressemble à du texte %s, indiquez donc l'encodage %s",

		"the file is not a CSV file: it contains NUL bytes (first at byte offset %d). Export the data as CSV and try again": "le fichier n'est pas un fichier CSV : il contient des octets NUL (le premier à la position %d). Exportez les données en CSV et réessayez",
	})
}
