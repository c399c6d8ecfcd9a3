package cli

import "golang.org/x/sys/windows"

// utf8CodePage is the Windows code page number of UTF-8.
const utf8CodePage = 65001

// init switches the Windows console to UTF-8 output, so that accents in
// messages and reports' paths show right in cmd.exe and PowerShell, whose
// default code pages (850, 1252) would garble them.
func init() {
	// The call fails when no console is attached (output redirected to a
	// file), where the code page does not matter.
	_ = windows.SetConsoleOutputCP(utf8CodePage)
}
