package policy

import (
	"errors"
	"strings"
	"testing"
)

func TestArchiveCode(t *testing.T) {
	tests := []struct {
		pattern, fonds string
		year           int
		ret            Retention
		seq            int
		want           string
	}{
		{"{fonds}-WS·{year}-{retention}-{seq:04}", "Z001", 2026, Years10, 7, "Z001-WS·2026-D10-0007"},
		{"{fonds}-WS·{year}-{retention}-{seq:04}", "Z001", 2026, Permanent, 1234, "Z001-WS·2026-Y-1234"},
		{"{fonds}-WS·{year}-{retention}-{seq:04}", "Z001", 2027, Years30, 12345, "Z001-WS·2027-D30-12345"},
		{"{year}{seq}", "A", 2026, Years10, 5, "20265"},
		{"WS{year}-{seq:09}", "A", 2026, Years10, 42, "WS2026-000000042"},
		{"档案（{fonds}）{year}年第{seq:03}号", "Z1", 2026, Years10, 8, "档案（Z1）2026年第008号"},
	}
	for _, tt := range tests {
		c, err := ParseArchiveCode(tt.pattern)
		if err != nil {
			t.Fatalf("%s: %v", tt.pattern, err)
		}
		got, err := c.Code(tt.fonds, tt.year, tt.ret, tt.seq)
		if err != nil || got != tt.want {
			t.Errorf("%s with %s %d %s %d = %q, %v; want %q", tt.pattern, tt.fonds, tt.year, tt.ret, tt.seq, got, err, tt.want)
		}
		if c.String() != tt.pattern {
			t.Errorf("String() = %q", c.String())
		}
	}
}

func TestArchiveCodeRefusesValues(t *testing.T) {
	c, err := ParseArchiveCode("{fonds}-{year}-{retention}-{seq:04}")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		fonds string
		year  int
		ret   Retention
		seq   int
	}{
		{"fonds with a separator", "Z-1", 2026, Years10, 1},
		{"empty fonds", "", 2026, Years10, 1},
		{"two-digit year", "Z1", 26, Years10, 1},
		{"unknown retention", "Z1", 2026, "D20", 1},
		{"sequence zero", "Z1", 2026, Years10, 0},
	}
	for _, tt := range tests {
		if got, err := c.Code(tt.fonds, tt.year, tt.ret, tt.seq); !errors.Is(err, ErrCodeValue) {
			t.Errorf("%s: %q, %v", tt.name, got, err)
		}
	}
	if _, err := (ArchiveCode{}).Code("Z1", 2026, Years10, 1); !errors.Is(err, ErrCodeValue) {
		t.Errorf("zero ArchiveCode formats: %v", err)
	}
}

func TestParseArchiveCodeRefuses(t *testing.T) {
	tests := []struct {
		pattern string
		reason  Reason
		value   string
	}{
		{"", ReasonCodeLength, ""},
		{strings.Repeat("档", 60) + "{year}{seq}", ReasonCodeLength, ""},
		{"{year}-{seq", ReasonCodeBrace, ""},
		{"{year}-seq}", ReasonCodeBrace, ""},
		{"{year}-{{seq}}", ReasonCodeBrace, ""},
		{"{year}-{seq:00}", ReasonCodeField, "{seq:00}"},
		{"{year}-{seq:010}", ReasonCodeField, "{seq:010}"},
		{"{year}-{Seq}", ReasonCodeField, "{Seq}"},
		{"{year}-{}", ReasonCodeField, "{}"},
		{"{year}-{seq}-{seq:04}", ReasonCodeTwice, "{seq}"},
		{"{fonds}-{seq}", ReasonCodeNeeds, "{year}"},
		{"{year}\t{seq}", ReasonCodeChar, "\t"},
		{"{year}:{seq}", ReasonCodeChar, ":"},
	}
	for _, tt := range tests {
		_, err := ParseArchiveCode(tt.pattern)
		var e *Error
		if !errors.As(err, &e) || e.Reason != tt.reason || e.Value != tt.value {
			t.Errorf("%q: %v; want %s %q", tt.pattern, err, tt.reason, tt.value)
		}
	}
}
