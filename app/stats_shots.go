//go:build shots

package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
)

// statsTabNames are the 统计 screen's tabs by the names scripts use.
var statsTabNames = []string{"cadence", "work", "annual"}

// scriptActions lets screenshot scripts (shots.go) use the 统计 screen:
//
//	action tab cadence|work|annual
//	action period week|month|year|range   choose the period (range: the last 30 days)
//	action channel NAME                   show one channel ("" or 全部渠道: all)
//	action year YYYY                      the year of the 年度报表
func (s *statsScreen) scriptActions() (fyne.CanvasObject, map[string]func(string) error) {
	return s.tabs, map[string]func(string) error{
		"tab": func(arg string) error {
			i := slices.Index(statsTabNames, arg)
			if i < 0 {
				return fmt.Errorf("want one of %s, not %q", strings.Join(statsTabNames, ", "), arg)
			}
			s.tabs.SelectIndex(i)
			return nil
		},
		"period": func(arg string) error {
			for i, k := range periodKinds {
				if string(k) == arg {
					s.period.SetSelectedIndex(i) // the harness waits for the reload
					return nil
				}
			}
			return fmt.Errorf("want week, month, year or range, not %q", arg)
		},
		"channel": func(arg string) error {
			if arg == "" {
				s.channel.SetSelectedIndex(0)
				return nil
			}
			if !slices.Contains(s.channel.Options, arg) {
				return fmt.Errorf("no channel is named %q", arg)
			}
			s.channel.SetSelected(arg)
			return nil
		},
		"year": func(arg string) error {
			if !slices.Contains(s.year.Options, arg) {
				return fmt.Errorf("the 年度报表 offers %s, not %q", strings.Join(s.year.Options, ", "), arg)
			}
			s.year.SetSelected(arg)
			return nil
		},
	}
}
