package samples

import "embed"

// Names of the bundled files in Files.
const (
	CSVFile     = "leads.csv"
	XLSXFile    = "leads.xlsx"
	MappingFile = "mapping.yaml"
)

// Files contains the bundled files CSVFile, XLSXFile and MappingFile at its
// root, so that the binary can run the demo without the source tree.
//
//go:embed leads.csv leads.xlsx mapping.yaml
var Files embed.FS
