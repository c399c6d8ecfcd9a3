package importer

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// writeReplacing writes text to path through createReplacing.
func writeReplacing(t *testing.T, path, text string) {
	t.Helper()
	file, err := createReplacing(path)
	if err != nil {
		t.Fatalf("createReplacing: %v", err)
	}
	if _, err := file.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := file.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

// assertContent fails unless the file at path contains want.
func assertContent(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s = %q, want %q", filepath.Base(path), got, want)
	}
}

func TestCreateReplacing(t *testing.T) {
	t.Run("new file", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "leads.report.csv")
		writeReplacing(t, path, "new")
		assertFolderHolds(t, dir, "leads.report.csv")
		assertContent(t, path, "new")
	})

	t.Run("earlier file", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "leads.report.csv")
		if err := os.WriteFile(path, []byte("an earlier, longer report"), 0o644); err != nil {
			t.Fatal(err)
		}
		writeReplacing(t, path, "new")
		assertFolderHolds(t, dir, "leads.report.csv")
		assertContent(t, path, "new")
	})

	t.Run("read-only earlier file", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "leads.report.csv")
		if err := os.WriteFile(path, []byte("kept"), 0o444); err != nil {
			t.Fatal(err)
		}
		file, err := createReplacing(path)
		if err != nil {
			// Refused, as os.Create refuses it for users other than root.
			assertFolderHolds(t, dir, "leads.report.csv")
			assertContent(t, path, "kept")
			return
		}
		if err := file.Close(); err != nil {
			t.Fatal(err)
		}
		// Root may write it: it is written over in place, not replaced.
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm()&0o200 != 0 {
			t.Errorf("mode = %v, want the read-only file kept", info.Mode())
		}
		assertFolderHolds(t, dir, "leads.report.csv")
	})

	t.Run("left over by a killed run", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "leads.report.csv")
		if err := os.WriteFile(filepath.Join(dir, ".leads.report.csv.old"), []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		writeReplacing(t, path, "new")
		assertFolderHolds(t, dir, "leads.report.csv")
		assertContent(t, path, "new")
	})

	t.Run("symbolic link", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			t.Skip("symbolic links need privileges on Windows")
		}
		dir := t.TempDir()
		target := filepath.Join(dir, "target.csv")
		if err := os.WriteFile(target, []byte("earlier"), 0o644); err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(dir, "leads.report.csv")
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		writeReplacing(t, link, "new")

		if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the link was replaced by a file (%v)", err)
		}
		assertFolderHolds(t, dir, "leads.report.csv", "target.csv")
		assertContent(t, target, "new")
	})

	t.Run("folder missing", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := createReplacing(filepath.Join(dir, "missing", "leads.report.csv")); err == nil {
			t.Error("createReplacing in a missing folder returned no error")
		}
		assertFolderHolds(t, dir)
	})
}
