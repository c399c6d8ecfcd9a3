package i18n

import (
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// french maps each English format string to its French translation. The
// verbs (%s, %d, %[1]s...) must match the English key.
var french = map[string]string{}

func init() {
	for key, translation := range french {
		if err := message.SetString(language.French, key, translation); err != nil {
			panic("i18n: invalid French catalog entry " + key + ": " + err.Error())
		}
	}
}

// Register adds French translations to the catalog. Packages call it from
// an init function with their own messages, so each package keeps its texts
// next to the code that uses them.
func Register(translations map[string]string) {
	for key, translation := range translations {
		french[key] = translation
		if err := message.SetString(language.French, key, translation); err != nil {
			panic("i18n: invalid French catalog entry " + key + ": " + err.Error())
		}
	}
}

// HasFrench reports whether key has a French translation.
func HasFrench(key string) bool {
	_, ok := french[key]
	return ok
}

// FrenchText returns the French translation registered for key, or "".
func FrenchText(key string) string {
	return french[key]
}
