package main

import (
	"math"
	"testing"
)

func TestSeriesStatistics(t *testing.T) {
	tests := []struct {
		name                string
		values              series
		median, least, most float64
	}{
		{"empty", nil, 0, 0, 0},
		{"one value", series{4}, 4, 4, 4},
		{"odd count unsorted", series{9, 1, 5}, 5, 1, 9},
		{"even count uses middle mean", series{8, 2, 4, 6}, 5, 2, 8},
		{"repeated values", series{3, 3, 1}, 3, 1, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.values.median(); got != tt.median {
				t.Errorf("median() = %v, want %v", got, tt.median)
			}
			if got := tt.values.min(); got != tt.least {
				t.Errorf("min() = %v, want %v", got, tt.least)
			}
			if got := tt.values.max(); got != tt.most {
				t.Errorf("max() = %v, want %v", got, tt.most)
			}
		})
	}
}

func TestMedianKeepsOrder(t *testing.T) {
	values := series{3, 1, 2}
	values.median()
	if values[0] != 3 || values[1] != 1 || values[2] != 2 {
		t.Errorf("median() reordered the series to %v", values)
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		name     string
		value    float64
		decimals int
		want     string
	}{
		{"small", 12, 0, "12"},
		{"thousands", 1234, 0, "1 234"},
		{"millions", 1234567, 0, "1 234 567"},
		{"exact group", 100000, 0, "100 000"},
		{"decimals", 1234.567, 2, "1 234.57"},
		{"negative", -98765.4, 1, "-98 765.4"},
		{"rounding carries", 999.96, 1, "1 000.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatNumber(tt.value, tt.decimals); got != tt.want {
				t.Errorf("formatNumber(%v, %d) = %q, want %q", tt.value, tt.decimals, got, tt.want)
			}
		})
	}
}

func TestSeriesFormat(t *testing.T) {
	if got, want := (series{2.5, 1, 10}).format(1), "2.5 (1.0–10.0)"; got != want {
		t.Errorf("format(1) = %q, want %q", got, want)
	}
	if got, want := series(nil).format(1), "–"; got != want {
		t.Errorf("format of an empty series = %q, want %q", got, want)
	}
}

func TestRatio(t *testing.T) {
	if got := ratio(series{10, 30, 20}, series{5, 5, 15}); math.Abs(got-4) > 1e-12 {
		t.Errorf("ratio of medians 20 and 5 = %v, want 4", got)
	}
	if got := ratio(series{1}, series{0}); got != 0 {
		t.Errorf("ratio over a zero median = %v, want 0", got)
	}
}
