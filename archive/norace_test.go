//go:build !race

package archive_test

// raceDetector: see race_test.go.
const raceDetector = false
