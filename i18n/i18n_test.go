package i18n

import "testing"

func TestParseLanguage(t *testing.T) {
	tests := []struct {
		name   string
		want   Lang
		wantOK bool
	}{
		{"fr", French, true},
		{"fr_FR.UTF-8", French, true},
		{"fr_LU", French, true},
		{"FR-be", French, true},
		{"en", English, true},
		{"en_US.UTF-8", English, true},
		{"C", English, true},
		{"C.UTF-8", English, true},
		{"POSIX", English, true},
		{"de_DE.UTF-8", English, false},
		{"", English, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Parse(tt.name)
			if got != tt.want {
				t.Errorf("Parse(%q) = %v, want %v", tt.name, got.Code(), tt.want.Code())
			}
			if ok != tt.wantOK {
				t.Errorf("Parse(%q) ok = %v, want %v", tt.name, ok, tt.wantOK)
			}
		})
	}
}

func TestFromEnvOrder(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want Lang
	}{
		{"nothing set", map[string]string{}, English},
		{"LANG only", map[string]string{"LANG": "fr_FR.UTF-8"}, French},
		{"LC_MESSAGES over LANG", map[string]string{"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, English},
		{"LC_ALL over all", map[string]string{"LANG": "en_US", "LC_MESSAGES": "en_US", "LC_ALL": "fr_LU.UTF-8"}, French},
		{"unknown locale", map[string]string{"LANG": "de_DE.UTF-8"}, English},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FromEnv(func(name string) string { return tt.env[name] })
			if got != tt.want {
				t.Errorf("FromEnv = %s, want %s", got.Code(), tt.want.Code())
			}
		})
	}
}

func TestNestedTextRenderedInSameLanguage(t *testing.T) {
	Register(map[string]string{
		"outer test message: %s": "message extérieur de test : %s",
		"inner test message":     "message intérieur de test",
	})
	inner := T("inner test message")
	outer := T("outer test message: %s", inner)

	if got, want := outer.In(French), "message extérieur de test : message intérieur de test"; got != want {
		t.Errorf("French = %q, want %q", got, want)
	}
	if got, want := outer.In(English), "outer test message: inner test message"; got != want {
		t.Errorf("English = %q, want %q", got, want)
	}
	if _, ok := outer.Args[0].(Text); !ok {
		t.Errorf("rendering replaced the Text argument with %T", outer.Args[0])
	}
}
