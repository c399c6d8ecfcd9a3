// Package i18n renders the texts users read in English or French.
//
// Every user-facing text is an English format string used as a catalog key
// (golang.org/x/text/message). The French catalog in fr.go maps each key to
// its translation; a key missing there prints in English.
package i18n

import (
	"os"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Text is a user-facing message that is rendered late, in the reader's
// language. Key is an English format string in the style of fmt.Sprintf.
type Text struct {
	Key  string
	Args []any
}

// T returns the text for key, formatted with args when rendered.
func T(key string, args ...any) Text {
	return Text{Key: key, Args: args}
}

// String renders the text in English.
func (t Text) String() string {
	return t.In(English)
}

// In renders the text in lang.
func (t Text) In(lang Lang) string {
	return lang.Sprintf(t.Key, t.Args...)
}

// IsZero reports whether the text is empty.
func (t Text) IsZero() bool {
	return t.Key == ""
}

// Lang is a language the tool speaks. The zero value is English.
type Lang struct {
	tag language.Tag
}

var (
	// English is the default language.
	English = Lang{tag: language.English}
	// French is chosen by --lang fr or a French locale.
	French = Lang{tag: language.French}
)

// Code returns the two-letter code of the language, "en" or "fr".
func (l Lang) Code() string {
	if l.tag == language.French {
		return "fr"
	}
	return "en"
}

// Sprintf formats key in the language, like fmt.Sprintf. Arguments that
// are Texts are rendered in the same language.
func (l Lang) Sprintf(key string, args ...any) string {
	tag := l.tag
	if tag == (language.Tag{}) {
		tag = language.English
	}
	copied := false
	for i, arg := range args {
		text, ok := arg.(Text)
		if !ok {
			continue
		}
		if !copied {
			// The caller's slice may be a Text's own Args: leave it intact.
			args = append([]any(nil), args...)
			copied = true
		}
		args[i] = text.In(l)
	}
	return printerFor(tag).Sprintf(key, args...)
}

// printers holds one message.Printer per language. A Printer does not
// change once made, and making one matches the language against the
// catalog, which cost more than the formatting of a report message.
var printers sync.Map

// printerFor returns the shared Printer of tag.
func printerFor(tag language.Tag) *message.Printer {
	if p, ok := printers.Load(tag); ok {
		return p.(*message.Printer)
	}
	p, _ := printers.LoadOrStore(tag, message.NewPrinter(tag))
	return p.(*message.Printer)
}

// Parse returns the language named by a --lang value or a locale such as
// "fr_FR.UTF-8". The second result is false when the name is not a language
// the tool speaks.
func Parse(name string) (Lang, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	switch {
	case name == "fr" || strings.HasPrefix(name, "fr_") || strings.HasPrefix(name, "fr-") || strings.HasPrefix(name, "fr."):
		return French, true
	case name == "en" || strings.HasPrefix(name, "en_") || strings.HasPrefix(name, "en-") || strings.HasPrefix(name, "en.") ||
		name == "c" || name == "posix" || strings.HasPrefix(name, "c."):
		return English, true
	}
	return English, false
}

// FromEnv returns the language of the locale, read as POSIX does: LC_ALL,
// then LC_MESSAGES, then LANG. An unset or unknown locale gives English.
func FromEnv(getenv func(string) string) Lang {
	if getenv == nil {
		getenv = os.Getenv
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			lang, _ := Parse(v)
			return lang
		}
	}
	return English
}
