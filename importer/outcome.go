// Package importer runs an import: it reads a spreadsheet, maps and
// validates each row, sends the valid ones to the API and records one
// outcome per row in the report.
package importer

import (
	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
)

// Status is the verdict on one row, written to the report's status column.
type Status string

// Row statuses. Valid is used by check only, for a row that send would send.
const (
	Accepted  Status = "accepted"
	Valid     Status = "valid"
	Invalid   Status = "invalid"
	Rejected  Status = "rejected"
	Failed    Status = "failed"
	Uncertain Status = "uncertain"
	NotSent   Status = "not_sent"
	Skipped   Status = "skipped"
)

// Statuses lists every status in the order summaries print them.
var Statuses = []Status{Accepted, Valid, Skipped, Invalid, Rejected, Failed, Uncertain, NotSent}

// NeedsFix reports whether rows with this status go to the errors file.
func (s Status) NeedsFix() bool {
	return s == Invalid || s == Rejected || s == Failed
}

// Outcome is the final record of one input row.
type Outcome struct {
	// Row is the row number as Excel shows it.
	Row    int
	Status Status
	// HTTPStatus is the status of the API's last response, or 0 when no
	// response came.
	HTTPStatus int
	// Code is a stable identifier of the main problem: one of ours, such as
	// "phone_invalid", or the API's, such as "ERR-EMAIL-INVALID_OR_MALFORMED_EMAIL".
	Code string
	// Field is the lead field of the main problem, such as "contact.email".
	Field string
	// Diagnostics are the problems found before sending, warnings included.
	Diagnostics []diag.Diagnostic
	// Note explains a status that no diagnostic explains: the API's error,
	// a transport error, a skip_if rule, or why the row was not sent.
	Note i18n.Text
	// Cells are the row's original values.
	Cells []string
}
