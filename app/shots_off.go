//go:build !shots

package app

// startShots stands in for the screenshot harness (shots.go), which only
// builds with -tags shots have: there is no script, so there is nothing to report.
func startShots(*ui) func() error { return func() error { return nil } }

// offerActions lets a screen offer actions to screenshot scripts
// (shots_actions.go); without -tags shots there is nobody to offer them to.
func (u *ui) offerActions(any) {}
