package recordpdf

// The external test of the demo workspace (demo_test.go, package
// recordpdf_test, because review imports this package) uses these helpers.
var (
	Need     = need
	Run      = run
	BodyText = bodyText
	Pages    = pages
	Squash   = squash
	Itoa     = itoa
)
