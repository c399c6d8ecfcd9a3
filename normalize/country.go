package normalize

import (
	"fmt"
	"io"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// country is an ISO 3166 region code that prints as the country's name in
// the language of the message being rendered: "Belgium" in English,
// "Belgique" in French. i18n renders texts with a golang.org/x/text/message
// printer, which passes its language to Format. Plain fmt prints English.
type country string

// Format implements fmt.Formatter.
func (c country) Format(state fmt.State, _ rune) {
	tag := language.English
	if printer, ok := state.(interface{ Language() language.Tag }); ok {
		tag = printer.Language()
	}
	io.WriteString(state, c.name(tag))
}

// name returns the country's name in the language of tag, or the code
// itself when x/text does not know the region.
func (c country) name(tag language.Tag) string {
	region, err := language.ParseRegion(string(c))
	if err != nil {
		return string(c)
	}

	namer := display.English.Regions()
	if base, _ := tag.Base(); base == frenchBase {
		namer = display.French.Regions()
	}
	if name := namer.Name(region); name != "" {
		return name
	}
	return string(c)
}

var frenchBase, _ = language.French.Base()
