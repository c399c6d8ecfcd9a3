package spreadsheet

import "github.com/aello-copilot/aello-import/i18n"

func init() {
	i18n.Register(map[string]string{
		"the file is an old-style .xls workbook or a password-protected one, which cannot be read: open it in Excel, remove any password and save it as .xlsx (Excel Workbook) or as CSV": "le fichier est un classeur .xls ancien ou protégé par mot de passe, qui ne peut pas être lu : ouvrez-le dans Excel, retirez le mot de passe éventuel et enregistrez-le en .xlsx (Classeur Excel) ou en CSV",
		"the file is named like an Excel workbook but is not one (it is not a ZIP archive): open it in Excel and save it again as .xlsx (Excel Workbook)":                                 "le fichier porte le nom d'un classeur Excel mais n'en est pas un (ce n'est pas une archive ZIP) : ouvrez-le dans Excel et enregistrez-le de nouveau en .xlsx (Classeur Excel)",
	})
}
