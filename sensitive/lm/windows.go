package lm

// Windows computes the masked keys of the windows of one run of text in
// constant time each, from prefix sums of the polynomial hash.
type Windows struct {
	text []rune
	pre  []uint64 // pre[k] is the raw hash of text[:k]
	pow  []uint64 // pow[k] is polyBase^k
}

// Reset prepares w for text, reusing its buffers.
func (w *Windows) Reset(text []rune) {
	w.text = text
	if cap(w.pre) < len(text)+1 {
		w.pre = make([]uint64, 0, len(text)+1)
	}
	w.pre = append(w.pre[:0], 0)
	for _, r := range text {
		w.pre = append(w.pre, w.pre[len(w.pre)-1]*polyBase+uint64(r))
	}
	for len(w.pow) <= MaxMasked {
		if len(w.pow) == 0 {
			w.pow = append(w.pow, 1)
		} else {
			w.pow = append(w.pow, w.pow[len(w.pow)-1]*polyBase)
		}
	}
}

// Masked is the key of text[a:a+n] with position a+j masked (n ≤ MaxMasked).
func (w *Windows) Masked(a, n, j int) uint64 {
	raw := w.pre[a+n] - w.pre[a]*w.pow[n]
	raw -= (uint64(w.text[a+j]) - maskRune) * w.pow[n-1-j]
	return maskKey(raw, n)
}
