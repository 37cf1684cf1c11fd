package audit

import (
	"encoding/binary"
	"encoding/hex"
	"strconv"

	"github.com/emmansun/gmsm/sm3"
)

// hashDomain starts every hashed message so that an audit hash can never
// be mistaken for the hash of some other Shenfa structure, and so that a
// future encoding can change the tag instead of colliding with this one.
const hashDomain = "shenfa.audit.v1"

// rowHash returns the hex SM3 hash of one row. The message is the
// concatenation of eight fields, each written as its length in bytes as a
// big-endian uint64 followed by the bytes themselves:
//
//	hashDomain, decimal seq, at, actor, action, target, detail, prev
//
// where at is the stored text (RFC 3339, UTC, nine fraction digits) and
// prev the previous row's hex hash. The length prefixes make the encoding
// unambiguous: moving text from one field to the next changes the bytes.
func rowHash(seq int64, at, actor, action, target, detail, prev string) string {
	h := sm3.New()
	for _, f := range []string{hashDomain, strconv.FormatInt(seq, 10), at, actor, action, target, detail, prev} {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(f)))
		h.Write(n[:])
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}
