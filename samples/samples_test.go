package samples

import (
	"bytes"
	"os"
	"testing"
)

func TestFSMatchesFiles(t *testing.T) {
	for _, name := range []string{CSVFile, XLSXFile, MappingFile} {
		t.Run(name, func(t *testing.T) {
			embedded, err := Files.ReadFile(name)
			if err != nil {
				t.Fatalf("Files.ReadFile(%q): %v", name, err)
			}
			onDisk, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if len(embedded) == 0 || !bytes.Equal(embedded, onDisk) {
				t.Errorf("embedded %s has %d bytes, file has %d", name, len(embedded), len(onDisk))
			}
		})
	}
}
