package normalize

import (
	"testing"
)

// TestYMDString holds the dates String cuts from yearText to those it
// writes itself, in the years yearText holds and beyond.
func TestYMDString(t *testing.T) {
	for y := minYear - 1; y <= maxYear+1; y++ {
		for m := 0; m <= 12; m++ {
			for d := 0; d <= 31; d++ {
				if m == 0 && d > 0 {
					continue // readDate gives no day without a month
				}
				date := ymd{y, m, d}
				if got, want := date.String(), string(date.append(nil)); got != want {
					t.Fatalf("%+v.String() = %q, want %q", date, got, want)
				}
			}
		}
	}
	for _, tt := range []struct {
		date ymd
		want string
	}{
		{ymd{2021, 0, 0}, "2021"}, {ymd{2021, 12, 0}, "2021-12"}, {ymd{2021, 12, 31}, "2021-12-31"},
		{ymd{1900, 1, 1}, "1900-01-01"}, {ymd{2100, 3, 0}, "2100-03"}, {ymd{}, "0000"},
	} {
		if got := tt.date.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.date, got, tt.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = ymd{2021, 12, 31}.String() }); n != 0 {
		t.Errorf("String allocates %v times", n)
	}
}
