package seen

import (
	"errors"

	"github.com/aello-copilot/aello-import/i18n"
)

// Operations on a temporary file, as reported in FileError.Op.
const (
	OpCreate = "create"
	OpWrite  = "write"
	OpRead   = "read"
	OpRemove = "remove"
)

// ErrClosed is returned by FirstOrAdd on a Set after Close.
var ErrClosed = errors.New("seen: FirstOrAdd called after Close")

// FileError is a temporary file of a Set that could not be created,
// written, read or removed.
type FileError struct {
	// Op is OpCreate, OpWrite, OpRead or OpRemove.
	Op string
	// Path is the file, or for OpCreate the directory.
	Path string
	Err  error
}

// Error renders the message in English.
func (e *FileError) Error() string {
	return e.Text().String()
}

// Unwrap returns the cause.
func (e *FileError) Unwrap() error {
	return e.Err
}

// Text returns the message for the user.
func (e *FileError) Text() i18n.Text {
	switch e.Op {
	case OpCreate:
		return i18n.T("creating a temporary file in %s for the duplicate check failed (%v): make sure the folder exists and is writable, or set TMPDIR (TMP on Windows) to another folder", e.Path, e.Err)
	case OpWrite:
		return i18n.T("writing the temporary file %s for the duplicate check failed (%v): free disk space there, or set TMPDIR (TMP on Windows) to another folder", e.Path, e.Err)
	case OpRead:
		return i18n.T("reading the temporary file %s for the duplicate check failed (%v): check the disk, then run again", e.Path, e.Err)
	default:
		return i18n.T("removing the temporary file %s of the duplicate check failed (%v): delete it yourself", e.Path, e.Err)
	}
}

// Render returns the message in lang, for the command line.
func (e *FileError) Render(lang i18n.Lang) string {
	return e.Text().In(lang)
}
