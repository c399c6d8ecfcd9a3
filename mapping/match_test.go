package mapping

import "testing"

func TestFoldKey(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"plain lower case", "email", "email"},
		{"upper case", "EMAIL", "email"},
		{"accents", "Téléphone", "telephone"},
		{"decomposed accent", "Te\u0301le\u0301phone", "telephone"},
		{"trailing nbsp", "Prénom\u00a0", "prenom"},
		{"narrow nbsp inside", "Nom\u202fcomplet", "nom complet"},
		{"zero-width space", "\u200bEmail", "email"},
		{"byte order mark", "\ufeffID", "id"},
		{"runs of spaces and tabs", "  Nom \t  complet  ", "nom complet"},
		{"line break inside", "Téléphone\nportable", "telephone portable"},
		{"ligature oe", "Cœur", "coeur"},
		{"sharp s", "Straße", "strasse"},
		{"stroked l", "Łódź", "lodz"},
		{"compatibility ligature", "ﬁrst", "first"},
		{"punctuation kept", "E-mail", "e-mail"},
		{"empty", "", ""},
		{"only spaces", " \u00a0 ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := foldKey(tt.in); got != tt.want {
				t.Errorf("foldKey(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLooseKey(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"hyphen", "E-mail", "email"},
		{"underscore and case", "first_Name", "firstname"},
		{"camel case", "FirstName", "firstname"},
		{"spaces", "First name", "firstname"},
		{"symbols", "Stock #", "stock"},
		{"degree sign", "N° de stock", "ndestock"},
		{"only punctuation", "-_.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := looseKey(tt.in); got != tt.want {
				t.Errorf("looseKey(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"kitten", "sitting", 3},
		{"contact.fistname", "contact.firstname", 1},
		{"emial", "email", 1},
		{"prénom", "prenom", 1},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := editDistance(tt.a, tt.b); got != tt.want {
				t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := editDistance(tt.b, tt.a); got != tt.want {
				t.Errorf("editDistance(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
			}
		})
	}
}

func TestClosest(t *testing.T) {
	headers := []string{"Prénom", "Nom", "E-mail", "Téléphone", "Société", "Commentaire"}
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"missing letter", "Prenm", "Prénom"},
		{"extra letter", "Prénoms", "Prénom"},
		{"typo in long name", "Comentaire", "Commentaire"},
		{"spelling variant", "Telefone", "Téléphone"},
		{"contained", "Société client", "Société"},
		{"nothing near", "Statut", ""},
		{"short name far off", "ID", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := closest(tt.in, headers); got != tt.want {
				t.Errorf("closest(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseColumnReference(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   int
		wantOK bool
	}{
		{"letter A", "A", 0, true},
		{"letter C", "C", 2, true},
		{"letter Z", "Z", 25, true},
		{"letters AA", "AA", 26, true},
		{"last column XFD", "XFD", 16383, true},
		{"past XFD", "XFE", 0, false},
		{"lower case is a header", "c", 0, false},
		{"mixed case is a header", "Nom", 0, false},
		{"number 1", "1", 0, true},
		{"number 3", "3", 2, true},
		{"number 0", "0", 0, false},
		{"negative", "-1", 0, false},
		{"too large", "16385", 0, false},
		{"empty", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseColumnLetters(tt.in)
			if !ok {
				got, ok = parseColumnNumber(tt.in)
			}
			if ok != tt.wantOK || (ok && got != tt.want) {
				t.Errorf("column of %q = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestIsBlank(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", true},
		{" \t\r\n", true},
		{"\u00a0\u200b\ufeff", true},
		{" x ", false},
		{"0", false},
	}
	for _, tt := range tests {
		if got := isBlank(tt.in); got != tt.want {
			t.Errorf("isBlank(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
