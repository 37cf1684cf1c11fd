//go:build race

package archive_test

// raceDetector: the race detector makes each crash-test child several
// times slower, so the crash tests kill fewer of them.
const raceDetector = true
