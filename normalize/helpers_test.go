package normalize

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/i18n"
)

// issueCode returns the code of err, "" for nil, and fails the test when
// err is not an *Issue.
func issueCode(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var issue *Issue
	if !errors.As(err, &issue) {
		t.Fatalf("error %v (%T) is not an *Issue", err, err)
	}
	return issue.Code
}

// warningCodes returns the codes of issues in order.
func warningCodes(issues []Issue) []string {
	var codes []string
	for _, issue := range issues {
		codes = append(codes, issue.Code)
	}
	return codes
}

// checkCodes compares the codes of warnings with want.
func checkCodes(t *testing.T, warnings []Issue, want ...string) {
	t.Helper()
	if got := warningCodes(warnings); !slices.Equal(got, want) {
		t.Errorf("warnings = %v, want %v", got, want)
	}
}

// checkRendering checks that an issue renders in English and French
// without formatting errors, that French differs from English (so a
// translation exists), and that the message quotes the value when value
// is not empty.
func checkRendering(t *testing.T, issue Issue, value string) {
	t.Helper()

	english := issue.Message.In(i18n.English)
	french := issue.Message.In(i18n.French)
	for _, rendered := range []string{english, french} {
		if strings.Contains(rendered, "%!") {
			t.Errorf("message %q has a formatting error", rendered)
		}
	}
	if !i18n.HasFrench(issue.Message.Key) {
		t.Errorf("message %q has no French translation", issue.Message.Key)
	}
	if english == french {
		t.Errorf("French rendering equals English: %q", english)
	}
	if value != "" && !strings.Contains(english, strconv.Quote(value)) {
		t.Errorf("message %q does not quote the value %q", english, value)
	}
}

// checkIssues runs checkRendering on each warning and on err.
func checkIssues(t *testing.T, warnings []Issue, err error, value string) {
	t.Helper()
	for _, warning := range warnings {
		checkRendering(t, warning, value)
	}
	var issue *Issue
	if errors.As(err, &issue) {
		checkRendering(t, *issue, value)
	}
}
