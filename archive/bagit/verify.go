package bagit

import (
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
)

// versions are the BagIt versions whose bags Verify reads. Before 1.0 a
// payload file had to be in at least one manifest, not in every one.
var versions = map[string]bool{"1.0": true, "0.97": true, "0.96": true, "0.95": true, "0.94": true, "0.93": true}

var (
	manifestName    = regexp.MustCompile(`^manifest-([^/]+)\.txt$`)
	tagManifestName = regexp.MustCompile(`^tagmanifest-([^/]+)\.txt$`)
)

// manifest is a payload or tag manifest as read.
type manifest struct {
	file    string
	alg     string // normalised
	known   bool
	tag     bool
	entries []entry
}

// verifier holds what one verification has found so far.
type verifier struct {
	root     *os.Root
	r        *Report
	payload  map[string]int64 // regular files under data/, by path
	tags     map[string]int64 // regular files outside data/
	top      []string         // names in the bag's directory
	fetch    map[string]string
	lists    []*manifest
	unlisted map[string]bool // payload files some manifest does not list
	hasData  bool
	strictV1 bool
}

// Verify checks the bag in dir: bagit.txt's version and encoding, every
// checksum of every manifest and tag manifest in an algorithm known here
// (others are reported as not checked), Payload-Oxum, and completeness:
// every payload file listed in every payload manifest, every listed file
// present. The error is for a directory that cannot be read at all; all
// else is in the report, whose Valid says whether the bag is good.
func Verify(dir string) (*Report, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("bag %s: %w", dir, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("bag %s: not a directory", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("bag %s: %w", dir, err)
	}
	defer root.Close()
	top, err := fs.ReadDir(root.FS(), ".")
	if err != nil {
		return nil, fmt.Errorf("bag %s: %w", dir, err)
	}
	v := &verifier{root: root, r: &Report{Dir: dir, Info: []Field{}, Checks: []Check{}, Files: []FileResult{}, Problems: []Problem{}},
		payload: map[string]int64{}, tags: map[string]int64{}, fetch: map[string]string{}, unlisted: map[string]bool{}}
	for _, e := range top {
		v.top = append(v.top, e.Name())
	}
	if !v.declaration() {
		return v.r, nil
	}
	v.bagInfo()
	v.scan()
	v.readManifests()
	v.readFetch()
	v.completeness()
	v.checksums()
	v.oxum()
	v.summarise()
	return v.r, nil
}

func (v *verifier) add(p Problem) { v.r.Problems = append(v.r.Problems, p) }

// readTag reads a whole tag file, or reports why it cannot.
func (v *verifier) readTag(name string) ([]byte, bool) {
	f, err := v.root.Open(name)
	if err != nil {
		v.add(problem(Unreadable, name, err.Error()))
		return nil, false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxTagFile+1))
	if err != nil {
		v.add(problem(Unreadable, name, err.Error()))
		return nil, false
	}
	if len(data) > maxTagFile {
		v.add(problem(TooLarge, name, fmt.Sprintf("larger than %d MB", maxTagFile>>20)))
		return nil, false
	}
	return data, true
}

// declaration reads bagit.txt; without one there is no bag to check.
func (v *verifier) declaration() bool {
	const name = "bagit.txt"
	if !slices.Contains(v.top, name) {
		v.add(problem(NotBag, name, "there is no bagit.txt: this is not a bag"))
		return false
	}
	data, ok := v.readTag(name)
	if !ok {
		return false
	}
	if strings.HasPrefix(string(data), "\xef\xbb\xbf") {
		p := problem(ByteOrderMark, name, "bagit.txt must not start with a byte order mark")
		p.Severity = Warning
		v.add(p)
	}
	fields, problems := parseTags(name, data)
	for _, p := range problems {
		v.add(p)
	}
	vs, es := values(fields, labelVersion), values(fields, labelEncoding)
	switch {
	case len(vs) != 1:
		v.add(problem(BadDeclaration, name, "bagit.txt must name one BagIt-Version"))
	case !versions[vs[0]]:
		p := problem(BadVersion, name, "")
		p.Got = vs[0]
		v.add(p)
	default:
		v.r.Version = vs[0]
	}
	switch {
	case len(es) != 1:
		v.add(problem(BadDeclaration, name, "bagit.txt must name one Tag-File-Character-Encoding"))
	case !strings.EqualFold(es[0], "UTF-8") && !strings.EqualFold(es[0], "UTF8"):
		p := problem(BadEncoding, name, "only UTF-8 tag files are read")
		p.Got = es[0]
		v.add(p)
	default:
		v.r.Encoding = es[0]
	}
	v.strictV1 = v.r.Version == "" || v.r.Version == "1.0"
	return true
}

// bagInfo reads bag-info.txt, which a bag need not have.
func (v *verifier) bagInfo() {
	const name = "bag-info.txt"
	if !slices.Contains(v.top, name) {
		return
	}
	data, ok := v.readTag(name)
	if !ok {
		return
	}
	fields, problems := parseTags(name, data)
	v.r.Info = append(v.r.Info, fields...)
	for _, p := range problems {
		v.add(p)
	}
}

// scan lists every file in the bag: payload under data/, tag files outside.
func (v *verifier) scan() {
	err := fs.WalkDir(v.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			v.add(problem(Unreadable, p, err.Error()))
			return nil // WalkDir skips what it could not read
		}
		if p == "." {
			return nil
		}
		if p == "data" && d.IsDir() {
			v.hasData = true
		}
		if d.IsDir() {
			return nil
		}
		inData := strings.HasPrefix(p, "data/")
		if !d.Type().IsRegular() {
			pr := problem(NotRegular, p, "not a regular file ("+d.Type().String()+")")
			if !inData {
				pr.Severity = Warning
			}
			v.add(pr)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			v.add(problem(Unreadable, p, err.Error()))
			return nil
		}
		if inData {
			v.payload[p] = info.Size()
		} else {
			v.tags[p] = info.Size()
		}
		return nil
	})
	if err != nil {
		v.add(problem(Unreadable, ".", err.Error()))
	}
	if !v.hasData {
		v.add(problem(NoPayloadDir, "data", "the bag has no data/ directory"))
	}
	for _, n := range slices.Sorted(maps.Keys(v.payload)) {
		v.r.Octets += v.payload[n]
		v.r.Streams++
	}
}

// readManifests parses every manifest-ALG.txt and tagmanifest-ALG.txt.
func (v *verifier) readManifests() {
	payloadKnown := 0
	for _, name := range slices.Sorted(slices.Values(v.top)) {
		m := &manifest{file: name}
		if g := manifestName.FindStringSubmatch(name); g != nil {
			m.alg = normalise(g[1])
		} else if g := tagManifestName.FindStringSubmatch(name); g != nil {
			m.alg, m.tag = normalise(g[1]), true
		} else {
			continue
		}
		if _, isFile := v.tags[name]; !isFile {
			continue // a directory or link so named; scan has said so
		}
		newHash, known := algorithms[m.alg]
		m.known = known
		v.lists = append(v.lists, m)
		if !known {
			p := problem(UnknownAlgorithm, name, "not checked: the algorithm is not known here")
			p.Severity, p.Algorithm = Warning, m.alg
			v.add(p)
			continue
		}
		if weak[m.alg] {
			p := problem(WeakAlgorithm, name, "checked, but the algorithm no longer proves integrity")
			p.Severity, p.Algorithm = Warning, m.alg
			v.add(p)
		}
		data, ok := v.readTag(name)
		if !ok {
			continue
		}
		entries, problems := parseManifest(name, data, 2*newHash().Size())
		for _, p := range problems {
			v.add(p)
		}
		for _, e := range entries {
			if !m.tag && !strings.HasPrefix(e.path, "data/") {
				p := lineProblem(BadPath, name, e.line, "a payload manifest lists a file outside data/")
				p.Path = e.path
				v.add(p)
				continue
			}
			m.entries = append(m.entries, e)
		}
		if !m.tag {
			payloadKnown++
		}
	}
	if payloadKnown == 0 {
		v.add(problem(NoManifest, "", "no payload manifest in an algorithm known here"))
	}
}

// readFetch reads fetch.txt: files the bag names but does not carry.
func (v *verifier) readFetch() {
	const name = "fetch.txt"
	if _, ok := v.tags[name]; !ok {
		return
	}
	data, ok := v.readTag(name)
	if !ok {
		return
	}
	entries, problems := parseFetch(name, data)
	for _, p := range problems {
		v.add(p)
	}
	for _, e := range entries {
		v.fetch[e.path] = e.url
	}
}

// completeness: every listed file present; every payload file in every
// payload manifest (BagIt 1.0) or in at least one (earlier versions).
func (v *verifier) completeness() {
	listedBy := map[string]int{}
	payloadLists := 0
	for _, m := range v.lists {
		if !m.known {
			continue
		}
		if !m.tag {
			payloadLists++
		}
		listed := map[string]bool{}
		for _, e := range m.entries {
			listed[e.path] = true
			_, inPayload := v.payload[e.path]
			_, inTags := v.tags[e.path]
			switch {
			case inPayload || inTags:
			case v.fetch[e.path] != "":
				p := lineProblem(Fetch, m.file, e.line, "not in the bag: to be fetched")
				p.Path, p.Got = e.path, short(v.fetch[e.path])
				v.add(p)
			default:
				p := lineProblem(Missing, m.file, e.line, "")
				p.Path, p.Algorithm = e.path, m.alg
				v.add(p)
			}
		}
		if m.tag {
			continue
		}
		for _, p := range slices.Sorted(maps.Keys(v.payload)) {
			if listed[p] {
				listedBy[p]++
			} else if v.strictV1 {
				pr := problem(Unlisted, m.file, "a payload file this manifest does not list")
				pr.Path, pr.Algorithm = p, m.alg
				v.add(pr)
				v.unlisted[p] = true
			}
		}
	}
	if v.strictV1 || payloadLists == 0 {
		return
	}
	for _, p := range slices.Sorted(maps.Keys(v.payload)) {
		if listedBy[p] == 0 {
			pr := problem(Unlisted, "", "a payload file no manifest lists")
			pr.Path = p
			v.add(pr)
			v.unlisted[p] = true
		}
	}
}

// want is a checksum a manifest gives for a file.
type want struct {
	m *manifest
	e entry
}

// checksums reads every listed file once, computing all its algorithms.
func (v *verifier) checksums() {
	wants := map[string][]want{}
	for _, m := range v.lists {
		for _, e := range m.entries {
			wants[e.path] = append(wants[e.path], want{m, e})
		}
	}
	paths := slices.Collect(maps.Keys(wants))
	for _, p := range slices.Sorted(maps.Keys(v.payload)) {
		if wants[p] == nil {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	for _, p := range paths {
		v.r.Files = append(v.r.Files, v.checkFile(p, wants[p]))
	}
}

func (v *verifier) checkFile(p string, ws []want) FileResult {
	size, inPayload := v.payload[p]
	tsize, inTags := v.tags[p]
	res := FileResult{Path: p, Tag: !strings.HasPrefix(p, "data/"), Size: -1}
	switch {
	case inPayload:
		res.Size = size
	case inTags:
		res.Size = tsize
	default:
		res.Status = Missing
		if v.fetch[p] != "" {
			res.Status = Fetch
		}
		return res
	}
	if len(ws) == 0 {
		res.Status = Unlisted
		return res
	}
	sums, err := v.digest(p, ws)
	if err != nil {
		v.add(problem(Unreadable, p, err.Error()))
		res.Status = Unreadable
		return res
	}
	for _, w := range ws {
		got := sums[w.m.alg]
		if got == w.e.sum {
			res.OK = append(res.OK, w.m.alg)
			continue
		}
		res.Bad = append(res.Bad, w.m.alg)
		res.Status = Mismatch
		pr := lineProblem(Mismatch, w.m.file, w.e.line, "")
		pr.Path, pr.Algorithm, pr.Want, pr.Got = p, w.m.alg, w.e.sum, got
		v.add(pr)
	}
	if res.Status == "" && v.unlisted[p] {
		res.Status = Unlisted
	}
	return res
}

// digest computes every algorithm the manifests want of file p in one read.
func (v *verifier) digest(p string, ws []want) (map[string]string, error) {
	f, err := v.root.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	hs := map[string]hash.Hash{}
	var writers []io.Writer
	for _, w := range ws {
		if _, ok := hs[w.m.alg]; !ok {
			h := algorithms[w.m.alg]()
			hs[w.m.alg] = h
			writers = append(writers, h)
		}
	}
	if _, err := io.Copy(io.MultiWriter(writers...), f); err != nil {
		return nil, err
	}
	sums := map[string]string{}
	for alg, w := range hs {
		sums[alg] = fmt.Sprintf("%x", w.Sum(nil))
	}
	return sums, nil
}

// oxum compares Payload-Oxum with the payload on disk.
func (v *verifier) oxum() {
	vs := values(v.r.Info, LabelPayloadOxum)
	switch {
	case len(vs) == 0:
		p := problem(NoOxum, "bag-info.txt", "no Payload-Oxum: the payload's size and count are not declared")
		p.Severity = Warning
		v.add(p)
		return
	case len(slices.Compact(slices.Sorted(slices.Values(vs)))) > 1:
		v.add(problem(BadOxum, "bag-info.txt", "Payload-Oxum is given more than once, with different values"))
		return
	}
	octets, streams, ok := parseOxum(vs[0])
	if !ok {
		p := problem(BadOxum, "bag-info.txt", "Payload-Oxum is not OctetCount.StreamCount")
		p.Want = short(vs[0])
		v.add(p)
		return
	}
	if octets != v.r.Octets || streams != v.r.Streams {
		p := problem(OxumMismatch, "bag-info.txt", "")
		p.Want, p.Got = fmt.Sprintf("%d.%d", octets, streams), fmt.Sprintf("%d.%d", v.r.Octets, v.r.Streams)
		v.add(p)
	}
}
