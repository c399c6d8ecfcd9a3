package spreadsheet

import (
	"os"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/i18n"
)

func TestXLSXTitleRowAboveHeader(t *testing.T) {
	table, rows := xlsxReadAll(t, xlsxCase("c21_title_row_header_on_row3.xlsx"), Options{})

	xlsxCheckHeader(t, table, 3, "Prénom", "Nom", "Email", "Téléphone", "Commentaire")
	if got := table.Sheet(); got != "Prospects" {
		t.Errorf("Sheet() = %q, want Prospects", got)
	}
	if got := table.Format(); got != XLSX {
		t.Errorf("Format() = %q, want %q", got, XLSX)
	}
	xlsxCheckRows(t, table.Header(), rows, []xlsxWantRow{
		{4, []string{"Jeanne", "Martin", "jeanne.martin@example.lu", "+352 621 000 111", "Essai routier samedi"}},
		{5, []string{"Paul", "Schmit", "paul.schmit@example.com", "+352 621 000 112", ""}},
		{6, []string{"Luc", "Weber", "", "+352 621 000 113", "Rappeler lundi"}},
	})
}

func TestXLSXExplicitHeaderRow(t *testing.T) {
	path := xlsxCase("c21_title_row_header_on_row3.xlsx")

	table, rows := xlsxReadAll(t, path, Options{HeaderRow: 3})
	xlsxCheckHeader(t, table, 3, "Prénom", "Nom", "Email", "Téléphone", "Commentaire")
	if len(rows) != 3 || rows[0].Number != 4 {
		t.Errorf("got %d rows starting at %v, want 3 starting at 4", len(rows), rows)
	}

	// Row 1 holds the merged title only: as a header it has one column.
	table, rows = xlsxReadAll(t, path, Options{HeaderRow: 1})
	xlsxCheckHeader(t, table, 1, "Export prospects – Garage du Nord – mars 2024")
	if len(rows) != 4 {
		t.Fatalf("got %d rows, want 4 (rows 3 to 6)", len(rows))
	}
	if rows[0].Number != 3 || rows[0].Cells[0] != "Prénom" {
		t.Errorf("first row = %d %q, want 3 [Prénom]", rows[0].Number, rows[0].Cells)
	}
	for _, row := range rows {
		if len(row.Diagnostics) == 0 || row.Diagnostics[0].Code != "cell_outside_header" {
			t.Errorf("row %d: diagnostics %v, want cell_outside_header warnings", row.Number, row.Diagnostics)
		}
	}

	xerr := xlsxOpenError(t, path, Options{HeaderRow: 2})
	if xerr.Code != "header_row_empty" {
		t.Errorf("Code = %q, want header_row_empty", xerr.Code)
	}
	if msg := xerr.Error(); !strings.Contains(msg, "row 2") || !strings.Contains(msg, "Prospects") {
		t.Errorf("message %q does not name row 2 and sheet Prospects", msg)
	}

	xerr = xlsxOpenError(t, path, Options{HeaderRow: 40})
	if xerr.Code != "header_row_empty" {
		t.Errorf("header row beyond the data: Code = %q, want header_row_empty", xerr.Code)
	}
}

func TestXLSXSheetChoice(t *testing.T) {
	path := xlsxCase("c23_hidden_first_sheet_several_sheets.xlsx")
	prospects := []xlsxWantRow{
		{2, []string{"Jeanne", "Martin", "jeanne.martin@example.lu", "Nouveau"}},
		{3, []string{"Paul", "Schmit", "paul.schmit@example.com", "Nouveau"}},
	}
	archive := []xlsxWantRow{
		{2, []string{"Luc", "Weber", "luc.weber@example.com", "Annulé"}},
		{3, []string{"Anne", "Kieffer", "anne.kieffer@example.lu", "Nouveau"}},
		{4, []string{"Marc", "Hansen", "marc.hansen@example.lu", "Nouveau"}},
	}

	tests := []struct {
		name      string
		sheet     string
		wantSheet string
		want      []xlsxWantRow
	}{
		{"default first visible", "", "Prospects", prospects},
		{"by name", "Archive 2023", "Archive 2023", archive},
		{"by name other case", "archive 2023", "Archive 2023", archive},
		{"by index", "3", "Archive 2023", archive},
		{"by index of hidden", "1", "Listes", []xlsxWantRow{{2, []string{"Nouveau"}}, {3, []string{"Annulé"}}}},
		{"hidden by name", "Listes", "Listes", []xlsxWantRow{{2, []string{"Nouveau"}}, {3, []string{"Annulé"}}}},
		{"very hidden by name", "Config", "Config", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, rows := xlsxReadAll(t, path, Options{Sheet: tt.sheet})
			if got := table.Sheet(); got != tt.wantSheet {
				t.Errorf("Sheet() = %q, want %q", got, tt.wantSheet)
			}
			xlsxCheckRows(t, table.Header(), rows, tt.want)
		})
	}
}

func TestXLSXMissingSheetListsSheets(t *testing.T) {
	path := xlsxCase("c23_hidden_first_sheet_several_sheets.xlsx")
	for _, sheet := range []string{"Prospect", "0", "5"} {
		t.Run(sheet, func(t *testing.T) {
			xerr := xlsxOpenError(t, path, Options{Sheet: sheet})
			if xerr.Code != "sheet_not_found" {
				t.Errorf("Code = %q, want sheet_not_found", xerr.Code)
			}
			msg := xerr.Error()
			for _, want := range []string{`"` + sheet + `"`, `1 "Listes" (hidden)`, `2 "Prospects"`, `3 "Archive 2023"`, `4 "Config" (very hidden)`, "--sheet"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not contain %q", msg, want)
				}
			}
		})
	}
}

func TestXLSXMissingSheetMessageInFrench(t *testing.T) {
	xerr := xlsxOpenError(t, xlsxCase("c23_hidden_first_sheet_several_sheets.xlsx"), Options{Sheet: "Clients"})
	msg := xerr.Render(i18n.French)
	for _, want := range []string{"feuille", `"Clients"`, `1 "Listes" (masquée)`, `4 "Config" (très masquée)`} {
		if !strings.Contains(msg, want) {
			t.Errorf("French message %q does not contain %q", msg, want)
		}
	}
}

func TestXLSXSheetsListsVisibilityAndRows(t *testing.T) {
	infos, err := Sheets(xlsxCase("c23_hidden_first_sheet_several_sheets.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	want := []SheetInfo{
		{Name: "Listes", Index: 1, Visibility: VisibilityHidden, Rows: 2},
		{Name: "Prospects", Index: 2, Visibility: VisibilityVisible, Rows: 2},
		{Name: "Archive 2023", Index: 3, Visibility: VisibilityVisible, Rows: 3},
		{Name: "Config", Index: 4, Visibility: VisibilityVeryHidden, Rows: 0},
	}
	if len(infos) != len(want) {
		t.Fatalf("got %d sheets %+v, want %d", len(infos), infos, len(want))
	}
	for i := range want {
		if infos[i] != want[i] {
			t.Errorf("sheet %d = %+v, want %+v", i+1, infos[i], want[i])
		}
	}
}

func TestXLSXShortRowsAndBlankRow(t *testing.T) {
	table, rows := xlsxReadAll(t, xlsxCase("c25_short_rows_blank_middle_row.xlsx"), Options{})

	xlsxCheckHeader(t, table, 1, "Prénom", "Nom", "Email", "Téléphone", "Société", "Commentaire")
	xlsxCheckRows(t, table.Header(), rows, []xlsxWantRow{
		{2, []string{"Jeanne", "Martin", "jeanne.martin@example.lu", "+352 621 000 251", "Garage Martin", "Essai samedi"}},
		{3, []string{"Paul", "Schmit", "paul.schmit@example.com", "+352 621 000 252", "", ""}},
		{5, []string{"Luc", "Weber", "", "+352 621 000 255", "", ""}},
		{6, []string{"Anne", "Kieffer", "anne.kieffer@example.lu", "", "", "Rappeler"}},
	})
	for _, row := range rows {
		if len(row.Diagnostics) != 0 {
			t.Errorf("row %d: unexpected diagnostics %v", row.Number, row.Diagnostics)
		}
	}
}

func TestXLSXNumbersAsShownOrExact(t *testing.T) {
	table, rows := xlsxReadAll(t, xlsxCase("c26_phone_numbers_stored_as_numbers.xlsx"), Options{})

	xlsxCheckHeader(t, table, 1, "Prénom", "Nom", "Téléphone", "Référence")
	xlsxCheckRows(t, table.Header(), rows, []xlsxWantRow{
		{2, []string{"Élodie", "Bernard", "33612000261", "00012345"}},
		{3, []string{"Hugo", "Petit", "0612000262", "00012346"}},
		{4, []string{"Jeanne", "Martin", "352621000263", ""}},
		{5, []string{"Chloé", "Roux", "+33 6 12 00 02 64", ""}},
		{6, []string{"Nathan", "Moreau", "0612000265", ""}},
	})
	for _, row := range rows {
		for _, cell := range row.Cells {
			if strings.Contains(cell, "E+") {
				t.Errorf("row %d: value %q is in scientific notation", row.Number, cell)
			}
		}
	}
}

func TestXLSXDateSerialsAsISO(t *testing.T) {
	table, rows := xlsxReadAll(t, xlsxCase("c28_date_serials_and_locale_formats.xlsx"), Options{})

	xlsxCheckHeader(t, table, 1, "Prénom", "Email", "Date contact", "Commentaire")
	xlsxCheckRows(t, table.Header(), rows, []xlsxWantRow{
		{2, []string{"Jeanne", "jeanne.martin@example.lu", "2024-03-15", "Essai routier"}},
		{3, []string{"Paul", "paul.schmit@example.com", "2024-03-16", "Demande de reprise"}},
		{4, []string{"Luc", "luc.weber@example.com", "2024-03-17", "Devis leasing"}},
		{5, []string{"Anne", "anne.kieffer@example.lu", "18/03/2024", "Rappeler"}},
	})
	for _, row := range rows {
		for _, bad := range []string{"45366", "45367", "45368", "03-15-24"} {
			if strings.Contains(row.Cells[2], bad) {
				t.Errorf("row %d: date %q contains %q", row.Number, row.Cells[2], bad)
			}
		}
	}
}

func TestXLSXInlineStringsRichText(t *testing.T) {
	table, rows := xlsxReadAll(t, xlsxCase("c30_inline_strings_rich_text.xlsx"), Options{})

	xlsxCheckHeader(t, table, 1, "Prénom", "Nom", "Email", "Société")
	xlsxCheckRows(t, table.Header(), rows, []xlsxWantRow{
		{2, []string{"Jeanne", "Martin", "jeanne.martin@example.lu", "Garage du Nord"}},
		{3, []string{"Paul", "Schmit", "paul.schmit@example.com", "Auto Sud"}},
	})
}

func TestXLSXOpenDispatchesOnContent(t *testing.T) {
	// The same workbook under a .csv name is still read as XLSX.
	data := xlsxStoredCopy(t, xlsxCase("c30_inline_strings_rich_text.xlsx"))
	path := xlsxWriteFile(t, data)
	renamed := strings.TrimSuffix(path, ".xlsx") + ".csv"
	if err := os.Rename(path, renamed); err != nil {
		t.Fatal(err)
	}

	table, rows := xlsxReadAll(t, renamed, Options{})
	if table.Format() != XLSX || len(rows) != 2 {
		t.Errorf("Format() = %q with %d rows, want xlsx with 2", table.Format(), len(rows))
	}
	if table.Delimiter() != 0 || table.Encoding() != "" {
		t.Errorf("Delimiter() = %q, Encoding() = %q, want 0 and empty for XLSX", table.Delimiter(), table.Encoding())
	}
}
