package main

import (
	"strconv"
	"strings"
)

// priceStyle is the written form of a price. The number styles are number cells
// in the workbook, and the CSV carries the text French Excel displays for
// them. The text styles are the same text in both files.
type priceStyle int

const (
	priceEmpty priceStyle = iota
	priceNumberCurrency
	priceNumberCurrencyCents
	priceNumberGeneral
	priceTextSpacesEuro   // 45 000 €
	priceTextDotComma     // 45.000,00
	priceTextPlain        // 45000
	priceTextSpaces       // 19 990
	priceTextDotCommaEuro // 1.355,90 €
	priceTextEnglish      // 24,500.00
)

// Number formats of the currency cells, as written into the workbook.
const (
	formatCurrency      = `#,##0 "€"`
	formatCurrencyCents = `#,##0.00 "€"`
)

// nbsp is the thousands separator and the space before € that French
// Excel writes into a CSV for a currency cell. It exists in Windows-1252
// as byte 0xA0.
const nbsp = "\u00a0"

// price is a product price in euro cents and the way it is written.
type price struct {
	cents int64
	style priceStyle
}

// newPrice draws a price near base and a style for it. Styles without
// decimals are only drawn for whole euro amounts.
func newPrice(random random, base int64) price {
	cents := base
	if base%100 == 0 {
		cents = base + int64(random.intn(21)-10)*10_000
	}

	if random.chance(8) {
		return price{cents: cents, style: priceEmpty}
	}
	if cents%100 != 0 {
		return price{cents: cents, style: pick(random, []priceStyle{
			priceNumberCurrencyCents, priceNumberGeneral, priceTextDotComma, priceTextDotCommaEuro, priceTextEnglish,
		})}
	}
	return price{cents: cents, style: pick(random, []priceStyle{
		priceNumberCurrency, priceNumberCurrency, priceNumberCurrency, priceNumberCurrencyCents, priceNumberGeneral,
		priceTextSpacesEuro, priceTextDotComma, priceTextPlain, priceTextSpaces, priceTextDotCommaEuro, priceTextEnglish,
	})}
}

// value returns the price in euros, for a number cell.
func (p price) value() float64 {
	return float64(p.cents) / 100
}

// text returns the price as the CSV carries it, which for a text style is
// also the text of the workbook cell.
func (p price) text() string {
	switch p.style {
	case priceNumberCurrency:
		return groupDigits(p.cents, nbsp, ",", false) + nbsp + "€"
	case priceNumberCurrencyCents:
		return groupDigits(p.cents, nbsp, ",", true) + nbsp + "€"
	case priceNumberGeneral:
		// Excel's General format drops trailing zeros: 1355.90 shows as 1355,9.
		text := strconv.FormatFloat(p.value(), 'f', -1, 64)
		return strings.Replace(text, ".", ",", 1)
	case priceTextSpacesEuro:
		return groupDigits(p.cents, " ", ",", false) + " €"
	case priceTextDotComma:
		return groupDigits(p.cents, ".", ",", true)
	case priceTextPlain:
		return groupDigits(p.cents, "", ",", false)
	case priceTextSpaces:
		return groupDigits(p.cents, " ", ",", false)
	case priceTextDotCommaEuro:
		return groupDigits(p.cents, ".", ",", true) + " €"
	case priceTextEnglish:
		return groupDigits(p.cents, ",", ".", true)
	}
	return ""
}

// groupDigits writes cents as euros with thousands between groups of three
// digits, and decimal and two decimals when withCents is true.
func groupDigits(cents int64, thousands, decimal string, withCents bool) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}

	digits := strconv.FormatInt(cents/100, 10)
	var b strings.Builder
	b.WriteString(sign)
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(thousands)
		}
		b.WriteRune(d)
	}
	if withCents {
		b.WriteString(decimal)
		b.WriteString(strconv.FormatInt(cents%100/10, 10))
		b.WriteString(strconv.FormatInt(cents%10, 10))
	}
	return b.String()
}
