// Package lm holds Shenfa's statistics of usual Chinese, the ground on which
// the checker tells a slip from a rare but correct phrase: a word dictionary
// with frequencies and idiom tags (derived from the dictionary that
// github.com/go-ego/gse ships, Apache-2.0), and which character sequences
// are usual in carefully edited official text (derived from 8.4 million
// characters of 《新闻联播》 transcripts; only fingerprints and counts are
// kept, no sentence of it).
//
// The data are embedded (assets/data/words.txt.gz, assets/data/usage.bin)
// and written by gen_model.go.
package lm

//go:generate go run gen_model.go -dict $GOMODCACHE/github.com/go-ego/gse@v0.80.3/data/dict/zh/s_1.txt -corpus ../../../shared/corpus/xwlb -out ../../assets/data

import (
	"fmt"
	"sync"

	"shenfa/assets"
)

// Model is the dictionary and the usage table together.
type Model struct {
	Dict  *Dict
	Usage *Usage
}

// HoldOut is the share of corpus files the embedded model was not built
// from: every HoldOut-th file (in name order, starting with the first) is
// kept aside so that false alarms can be measured on text the model has not
// seen.
const HoldOut = 5

// Default returns the embedded model, parsed on first use (about 0.2 s).
var Default = sync.OnceValues(func() (*Model, error) {
	d, err := ParseDict(assets.Words)
	if err != nil {
		return nil, fmt.Errorf("embedded %w", err)
	}
	u, err := ParseUsage(assets.Usage)
	if err != nil {
		return nil, fmt.Errorf("embedded %w", err)
	}
	return &Model{Dict: d, Usage: u}, nil
})
