package seen_test

import (
	"fmt"
	"hash/maphash"

	"github.com/aello-copilot/aello-import/importer/seen"
)

func ExampleSet_FirstOrAdd() {
	ids := seen.New("") // spills, if ever, to os.TempDir()
	defer ids.Close()

	hashSeed := maphash.MakeSeed()
	for row, id := range []string{"A-1", "B-2", "A-1"} {
		first, repeated, err := ids.FirstOrAdd(maphash.String(hashSeed, id), uint32(row+2))
		if err != nil {
			fmt.Println(err)
			return
		}
		if repeated {
			fmt.Printf("row %d repeats %s of row %d\n", row+2, id, first)
		}
	}
	// Output: row 4 repeats A-1 of row 2
}
