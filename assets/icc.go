package assets

import _ "embed"

// SRGBProfile is an sRGB IEC61966-2.1 ICC profile (version 2, 6,922 bytes,
// zlib licence; from Debian's icc-profiles-free), the output intent of
// PDF/A records.
//
//go:embed icc/sRGB.icc
var SRGBProfile []byte
