package i18n

func init() {
	Register(map[string]string{
		"row %d, column %s (%s): ": "ligne %d, colonne %s (%s) : ",
		"row %d: ":                 "ligne %d : ",
		"column %s (%s): ":         "colonne %s (%s) : ",
	})
}
