package pades

// Attachment is a file embedded in a PDF (an embedded file stream of a
// file specification).
type Attachment struct {
	Name     string // /UF, else /F
	Relation string // /AFRelationship: Source, Data …; "" when absent
	Data     []byte // decoded
}

// maxAttachments bounds the file specifications Attachments reads.
const maxAttachments = 1000

// Attachments returns the files embedded in pdf, read from the newest
// revision: those of the catalog's EmbeddedFiles name tree and of its /AF
// array, each once, in that order. To read what a signature covers, pass
// the signed revision (pdf[:Signature.Revision]).
func Attachments(pdf []byte) ([]Attachment, error) {
	d, err := readDocument(pdf)
	if err != nil {
		return nil, err
	}
	catalog, err := d.resolve(d.trailer.get("Root"))
	if err != nil || catalog.kind != kDict {
		return nil, malformed("no document catalog")
	}
	specs, err := d.fileSpecs(catalog)
	if err != nil {
		return nil, err
	}
	var out []Attachment
	for _, s := range specs {
		a, err := d.attachment(s)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// fileSpecs lists the references of the name tree's and /AF's file
// specifications, each once.
func (d *document) fileSpecs(catalog object) ([]object, error) {
	var specs []object
	seen := map[int64]bool{}
	add := func(o object) {
		if o.kind == kRef && !seen[o.num] && len(specs) < maxAttachments {
			seen[o.num] = true
			specs = append(specs, o)
		}
	}
	names, err := d.resolve(catalog.get("Names"))
	if err != nil {
		return nil, err
	}
	nodes := 0 // a tree whose kids repeat would otherwise take exponential time
	var walk func(node object, depth int) error
	walk = func(node object, depth int) error {
		if nodes++; nodes > maxFields || depth > maxTreeDepth {
			return nil
		}
		n, err := d.resolve(node)
		if err != nil || n.kind != kDict {
			return err
		}
		kids, err := d.resolve(n.get("Kids"))
		if err != nil {
			return err
		}
		for _, k := range kids.items {
			if err := walk(k, depth+1); err != nil {
				return err
			}
		}
		kv, err := d.resolve(n.get("Names"))
		for i := 1; err == nil && i < len(kv.items); i += 2 {
			add(kv.items[i])
		}
		return err
	}
	if names.kind == kDict {
		if err := walk(names.get("EmbeddedFiles"), 0); err != nil {
			return nil, err
		}
	}
	af, err := d.resolve(catalog.get("AF"))
	if err != nil {
		return nil, err
	}
	for _, o := range af.items {
		add(o)
	}
	return specs, nil
}

// attachment reads one file specification and its embedded file stream.
func (d *document) attachment(ref object) (Attachment, error) {
	spec, err := d.resolve(ref)
	if err != nil {
		return Attachment{}, err
	}
	if spec.kind != kDict {
		return Attachment{}, malformed("file specification %d is not a dictionary", ref.num)
	}
	a := Attachment{Name: textOf(spec.get("UF"))}
	if a.Name == "" {
		a.Name = textOf(spec.get("F"))
	}
	if r := spec.get("AFRelationship"); r.kind == kName {
		a.Relation = decodeName(r.raw)
	}
	ef, err := d.resolve(spec.get("EF"))
	if err != nil {
		return a, err
	}
	stream := ef.get("UF")
	if stream.kind != kRef {
		stream = ef.get("F")
	}
	e, ok := d.entries[stream.num]
	if stream.kind != kRef || !ok || e.typ != 1 {
		return a, malformed("embedded file %q has no data stream", a.Name)
	}
	_, a.Data, err = d.streamAt(int(e.off), stream.num)
	return a, err
}
