package importer

import (
	"os"
	"path/filepath"
)

// replacedFile is a file created in place of an earlier one, whose old
// content is being deleted in the background.
type replacedFile struct {
	*os.File
	removed chan struct{} // closed when the old content is deleted
}

// createReplacing creates the file at path for writing, as os.Create does,
// but an existing regular file there that its owner can write is first
// renamed to a hidden name and deleted in the background instead of being
// truncated.
//
// A check run again on the same input replaces a report of hundreds of
// megabytes. In a trace of a 1M-row check on ext4, truncating it took
// about 0.15 s. Closing the truncated file after writing it took another
// 0.2 s, because ext4 then starts writing it to disk (auto_da_alloc).
//
// A hidden file left by a run that was killed during the deletion is
// replaced or deleted by the next run on the same path.
func createReplacing(path string) (*replacedFile, error) {
	old := hiddenSibling(path, ".old")

	// A file its owner cannot write is left to os.Create, which refuses
	// it as before, rather than replaced.
	moved := false
	if info, err := os.Lstat(path); err == nil && info.Mode().IsRegular() && info.Mode().Perm()&0o200 != 0 {
		moved = os.Rename(path, old) == nil
	}
	file, err := os.Create(path)
	if err != nil {
		if moved {
			// Nothing was written: the earlier file goes back.
			os.Rename(old, path)
		}
		return nil, err
	}

	removed := make(chan struct{})
	go func() {
		defer close(removed)
		// A file that cannot be deleted now is replaced by the next run.
		os.Remove(old)
	}()
	return &replacedFile{File: file, removed: removed}, nil
}

// Close closes the file and waits until the old content is deleted, so
// that the process does not end with the deletion half done.
func (f *replacedFile) Close() error {
	err := f.File.Close()
	<-f.removed
	return err
}

// hiddenSibling returns the name of a hidden file beside path for the
// run's own use: ".NAME" followed by suffix.
func hiddenSibling(path, suffix string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+suffix)
}
