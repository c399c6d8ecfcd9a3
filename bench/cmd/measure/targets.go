package main

import "fmt"

// target is one goal the figures are held to.
type target struct {
	name     string
	goal     string
	measured string
	met      bool
	// known is false when a figure it needs was not measured.
	known bool
}

func (t target) status() string {
	switch {
	case !t.known:
		return "not measured"
	case t.met:
		return "met"
	}
	return "missed"
}

// Goals of the targets.
const (
	csvVersusMiller    = 2.0  // rows/s of check over rows/s of Miller
	csvPeakMiB         = 64.0 // peak RSS of check on the large CSV file
	xlsxVersusExcelize = 3.0  // rows/s of check over a plain excelize read
	sendVersusHey      = 0.5  // rows/s of send over requests/s of hey
	rateAccuracy       = 0.98 // achieved rate over --rate
	latencyEfficiency  = 0.95 // rows/s over concurrency / latency
	// largeOverMedium is the most that peak RSS may grow from the medium
	// file (-xlsx-rows rows) to the large one (-csv-rows rows).
	largeOverMedium = 1.2
)

// ratioDecimals is the precision of the ratios the targets show.
const ratioDecimals = 2

// targets evaluates every target on the medians of the results.
func (b *bench) targets() []target {
	var list []target
	ratioTarget := func(name, goal string, a, b *result, want float64) target {
		t := target{name: name, goal: goal}
		if a == nil || b == nil {
			return t
		}
		value := ratio(a.rate, b.rate)
		t.known, t.met = true, value >= want
		t.measured = fmt.Sprintf("%s× (%s %s vs %s %s)", formatNumber(value, ratioDecimals),
			formatNumber(a.rate.median(), 0), a.unit, formatNumber(b.rate.median(), 0), b.unit)
		return t
	}

	list = append(list, ratioTarget("CSV check vs Miller, rows/s", fmt.Sprintf("≥ %g×", csvVersusMiller),
		b.find("check/csv-large"), b.find("mlr/csv-large"), csvVersusMiller))

	csvPeak := target{name: "CSV check peak RSS", goal: fmt.Sprintf("≤ %g MiB", csvPeakMiB)}
	if r := b.find("check/csv-large"); r != nil {
		csvPeak.known, csvPeak.met = true, r.rssMiB.median() <= csvPeakMiB
		csvPeak.measured = fmt.Sprintf("%s MiB (%s)", formatNumber(r.rssMiB.median(), 1), r.input)
	}
	list = append(list, csvPeak)

	list = append(list,
		ratioTarget("XLSX check vs excelize Rows, shared strings", fmt.Sprintf("≥ %g×", xlsxVersusExcelize),
			b.find("check/xlsx-large"), b.find("excelize/xlsx-large"), xlsxVersusExcelize),
		ratioTarget("XLSX check vs excelize Rows, inline strings", fmt.Sprintf("≥ %g×", xlsxVersusExcelize),
			b.find("check/xlsx-large-inline"), b.find("excelize/xlsx-large-inline"), xlsxVersusExcelize),
		ratioTarget("send vs hey, requests/s", fmt.Sprintf("≥ %g×", sendVersusHey),
			b.find("send/unlimited"), b.find("hey/unlimited"), sendVersusHey),
	)

	for _, rate := range b.cfg.rates {
		t := target{name: fmt.Sprintf("rate accuracy at --rate %g", rate), goal: fmt.Sprintf("≥ %g of --rate", rateAccuracy)}
		if r := b.find(fmt.Sprintf("rate/%g", rate)); r != nil {
			value := r.rate.median() / rate
			t.known, t.met = true, value >= rateAccuracy
			t.measured = fmt.Sprintf("%s (%s rows/s)", formatNumber(value, 3), formatNumber(r.rate.median(), 1))
		}
		list = append(list, t)
	}

	for _, concurrency := range b.cfg.latencyConcurrency {
		ideal := float64(concurrency) / b.cfg.latency.Seconds()
		t := target{
			name: fmt.Sprintf("latency-bound, concurrency %d, latency %s", concurrency, b.cfg.latency),
			goal: fmt.Sprintf("≥ %g × %s rows/s", latencyEfficiency, formatNumber(ideal, 0)),
		}
		if r := b.find(fmt.Sprintf("latency/%d", concurrency)); r != nil {
			value := r.rate.median() / ideal
			t.known, t.met = true, value >= latencyEfficiency
			t.measured = fmt.Sprintf("%s (%s rows/s)", formatNumber(value, 3), formatNumber(r.rate.median(), 1))
		}
		list = append(list, t)
	}

	growth := func(name, large, medium string) target {
		t := target{name: name, goal: fmt.Sprintf("≤ %g× the peak RSS of %s rows", largeOverMedium, formatNumber(float64(b.cfg.xlsxRows), 0))}
		a, c := b.find(large), b.find(medium)
		if a == nil || c == nil {
			return t
		}
		value := a.rssMiB.median() / c.rssMiB.median()
		t.known, t.met = true, value <= largeOverMedium
		t.measured = fmt.Sprintf("%s× (%s vs %s MiB)", formatNumber(value, ratioDecimals),
			formatNumber(a.rssMiB.median(), 1), formatNumber(c.rssMiB.median(), 1))
		return t
	}
	list = append(list,
		growth(fmt.Sprintf("CSV check peak RSS at %s rows", formatNumber(float64(b.cfg.csvRows), 0)), "check/csv-large", "check/csv-medium"),
		growth(fmt.Sprintf("XLSX check peak RSS at %s rows", formatNumber(float64(b.cfg.csvRows), 0)), "check/xlsx-million", "check/xlsx-large"),
	)
	return list
}
