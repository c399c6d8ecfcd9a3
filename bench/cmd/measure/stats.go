package main

import (
	"fmt"
	"slices"
)

// series is one quantity measured once per run.
type series []float64

// median returns the middle value, or the mean of the two middle values
// of an even count. It returns 0 for an empty series.
func (s series) median() float64 {
	if len(s) == 0 {
		return 0
	}
	sorted := slices.Sorted(slices.Values(s))
	middle := len(sorted) / 2
	if len(sorted)%2 == 1 {
		return sorted[middle]
	}
	return (sorted[middle-1] + sorted[middle]) / 2
}

func (s series) min() float64 {
	if len(s) == 0 {
		return 0
	}
	return slices.Min(s)
}

func (s series) max() float64 {
	if len(s) == 0 {
		return 0
	}
	return slices.Max(s)
}

// format renders the series as "median (min–max)" with the given number
// of decimals, or "–" when it is empty.
func (s series) format(decimals int) string {
	if len(s) == 0 {
		return "–"
	}
	return fmt.Sprintf("%s (%s–%s)", formatNumber(s.median(), decimals),
		formatNumber(s.min(), decimals), formatNumber(s.max(), decimals))
}

// formatNumber renders v with decimals digits after the point and a thin
// separator between thousands, such as "1 234 567" or "0.98".
func formatNumber(v float64, decimals int) string {
	text := fmt.Sprintf("%.*f", decimals, v)
	sign := ""
	if text[0] == '-' {
		sign, text = "-", text[1:]
	}
	whole, fraction := text, ""
	for i := range len(text) {
		if text[i] == '.' {
			whole, fraction = text[:i], text[i:]
			break
		}
	}
	var grouped []byte
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			grouped = append(grouped, ' ')
		}
		grouped = append(grouped, whole[i])
	}
	return sign + string(grouped) + fraction
}
