package lexicons

import (
	"slices"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/lexicon"
)

// ChangeKind says what an update does to one entry, allow phrase or
// property of a lexicon.
type ChangeKind string

// The kinds of change.
const (
	Added   ChangeKind = "added"
	Removed ChangeKind = "removed"
	Changed ChangeKind = "changed"
)

// Properties of a lexicon itself that an update may change.
const (
	PropertyKind     = "kind"
	PropertyCategory = "category"
)

// Change is one difference between the workspace's copy of a lexicon and
// an incoming version of it.
type Change struct {
	Kind     ChangeKind
	Allow    bool   // an allow phrase rather than an entry
	Property string // PropertyKind or PropertyCategory for the lexicon itself; "" for a word
	Word     string // the entry's or allow phrase's word
	From, To string // the property's value now and after the change
	Local    *lexicon.Entry
	Incoming *lexicon.Entry // nil when the change removes the word
	Base     *lexicon.Entry // as the source last sent it; nil when it had none or that is not known
	Fields   []string       // of a changed entry: which of category, severity, suggestion, note differ
	// Conflict marks a word the workspace changed itself (or, when what the
	// source last sent is not known, may have changed): taking the incoming
	// side overwrites that edit, so it is never taken without being asked.
	Conflict bool
	Accept   bool // take the incoming side; preset to true unless Conflict
}

// Update is what an incoming version of one lexicon would change in the
// workspace. Callers set the changes' Accept fields and hand the update
// back to be applied; a change not accepted keeps the workspace's side.
type Update struct {
	Name       string
	Source     Source
	New        bool   // the workspace has no lexicon of this name
	Declined   bool   // a new lexicon secadmin declined before, offered again because it changed
	Clash      bool   // the name belongs to a lexicon from elsewhere: it cannot be applied
	Version    string // the workspace's version now; "" when new
	NewVersion string // the incoming version
	BaseKnown  bool   // false when the workspace cannot tell its own edits from the source's changes
	Edited     bool   // the workspace's copy differs from what the source last sent
	Changes    []Change

	localSM3 string           // content hash of the workspace's copy the changes were computed from
	incoming *lexicon.Lexicon // normalised
}

// Counts returns how many of the update's changes add, remove and change
// something, and how many of them are conflicts.
func (u Update) Counts() (added, removed, changed, conflicts int) {
	for _, c := range u.Changes {
		switch c.Kind {
		case Added:
			added++
		case Removed:
			removed++
		default:
			changed++
		}
		if c.Conflict {
			conflicts++
		}
	}
	return added, removed, changed, conflicts
}

// Entries returns how many of the update's changes concern entries, not
// allow phrases or the lexicon itself.
func (u Update) Entries() int {
	n := 0
	for _, c := range u.Changes {
		if !c.Allow && c.Property == "" {
			n++
		}
	}
	return n
}

// Accepted returns how many changes are accepted.
func (u Update) Accepted() int {
	n := 0
	for _, c := range u.Changes {
		if c.Accept {
			n++
		}
	}
	return n
}

// AcceptAll sets every change of ups to accepted, or only those that are
// not conflicts when conflicts is false.
func AcceptAll(ups []Update, conflicts bool) {
	for i := range ups {
		for j := range ups[i].Changes {
			c := &ups[i].Changes[j]
			c.Accept = !c.Conflict || conflicts
		}
	}
}

// key identifies an entry or an allow phrase in a lexicon.
type key struct {
	allow bool
	word  string
}

// items is a lexicon's entries and allow phrases by key, and their order.
type items struct {
	byKey map[key]lexicon.Entry
	order []key
}

func itemsOf(l *lexicon.Lexicon) items {
	it := items{byKey: map[key]lexicon.Entry{}}
	if l == nil {
		return it
	}
	for _, e := range l.Entries {
		it.put(key{false, e.Word}, e)
	}
	for _, a := range l.Allow {
		it.put(key{true, a.Word}, lexicon.Entry{Word: a.Word, Note: a.Note})
	}
	return it
}

func (it *items) put(k key, e lexicon.Entry) {
	if _, ok := it.byKey[k]; !ok {
		it.order = append(it.order, k)
	}
	it.byKey[k] = e
}

func (it items) get(k key) *lexicon.Entry {
	if e, ok := it.byKey[k]; ok {
		return &e
	}
	return nil
}

func sameEntry(a, b *lexicon.Entry) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// fieldsDiffer names the fields in which a and b differ.
func fieldsDiffer(a, b lexicon.Entry) []string {
	var out []string
	for _, f := range []struct {
		name string
		x, y string
	}{{"category", string(a.Category), string(b.Category)}, {"severity", string(a.Severity), string(b.Severity)},
		{"suggestion", a.Suggestion, b.Suggestion}, {"note", a.Note, b.Note}} {
		if f.x != f.y {
			out = append(out, f.name)
		}
	}
	return out
}

// diff lists what taking incoming would change in local. base is what the
// source sent last time; with it, a word that only the workspace changed is
// left alone and one that both changed differently is a conflict. Without
// it (baseKnown false) every difference is a conflict. local may be nil.
func diff(base, local, incoming *lexicon.Lexicon, baseKnown bool) []Change {
	var out []Change
	if local != nil {
		out = append(out, propertyChanges(base, local, incoming, baseKnown)...)
	}
	b, l, n := itemsOf(base), itemsOf(local), itemsOf(incoming)
	keys := slices.Clone(n.order)
	for _, k := range l.order {
		if _, ok := n.byKey[k]; !ok {
			keys = append(keys, k)
		}
	}
	// Entries before allow phrases; within each, the incoming order and
	// then the words the incoming version no longer has.
	slices.SortStableFunc(keys, func(x, y key) int { return boolInt(x.allow) - boolInt(y.allow) })
	for _, k := range keys {
		be, le, ne := b.get(k), l.get(k), n.get(k)
		if sameEntry(le, ne) || (baseKnown && sameEntry(be, ne)) {
			continue // nothing to take, or only the workspace changed it
		}
		conflict := !baseKnown || !sameEntry(be, le)
		out = append(out, entryChange(k, be, le, ne, conflict))
	}
	// Conflicts first: they are what needs a decision. When every change
	// is one (the base is unknown) the order stays as it was.
	slices.SortStableFunc(out, func(x, y Change) int { return boolInt(y.Conflict) - boolInt(x.Conflict) })
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func entryChange(k key, base, local, incoming *lexicon.Entry, conflict bool) Change {
	c := Change{Allow: k.allow, Word: k.word, Local: local, Incoming: incoming, Base: base, Conflict: conflict, Accept: !conflict}
	switch {
	case local == nil:
		c.Kind = Added
	case incoming == nil:
		c.Kind = Removed
	default:
		c.Kind, c.Fields = Changed, fieldsDiffer(*local, *incoming)
	}
	return c
}

// propertyChanges compares the lexicon's kind and default category.
func propertyChanges(base, local, incoming *lexicon.Lexicon, baseKnown bool) []Change {
	var out []Change
	for _, p := range []struct {
		name    string
		b, l, n string
	}{
		{PropertyKind, baseProp(base, func(l *lexicon.Lexicon) string { return string(l.Kind) }), string(local.Kind), string(incoming.Kind)},
		{PropertyCategory, baseProp(base, func(l *lexicon.Lexicon) string { return string(l.Category) }), string(local.Category), string(incoming.Category)},
	} {
		if p.l == p.n || (baseKnown && p.b == p.n) {
			continue
		}
		conflict := !baseKnown || p.b != p.l
		out = append(out, Change{Kind: Changed, Property: p.name, From: p.l, To: p.n, Conflict: conflict, Accept: !conflict})
	}
	return out
}

func baseProp(base *lexicon.Lexicon, get func(*lexicon.Lexicon) string) string {
	if base == nil {
		return ""
	}
	return get(base)
}

// merged returns local with the accepted changes of u applied: words the
// update adds come after the workspace's own, in the incoming order.
func merged(local *lexicon.Lexicon, u Update) *lexicon.Lexicon {
	out := &lexicon.Lexicon{Name: u.incoming.Name, Kind: u.incoming.Kind, Category: u.incoming.Category}
	if local != nil {
		out.Kind, out.Category = local.Kind, local.Category
	}
	it := itemsOf(local)
	removed := map[key]bool{}
	for _, c := range u.Changes {
		if !c.Accept {
			continue
		}
		switch {
		case c.Property == PropertyKind:
			out.Kind = lexicon.Kind(c.To)
		case c.Property == PropertyCategory:
			out.Category = finding.Category(c.To)
		case c.Incoming == nil:
			removed[key{c.Allow, c.Word}] = true
		default:
			it.put(key{c.Allow, c.Word}, *c.Incoming)
		}
	}
	for _, k := range it.order {
		if removed[k] {
			continue
		}
		e := it.byKey[k]
		if k.allow {
			out.Allow = append(out.Allow, lexicon.Allow{Word: e.Word, Note: e.Note})
		} else {
			out.Entries = append(out.Entries, e)
		}
	}
	return out
}

// mergedVersion is the version of the merged lexicon: the incoming version
// when the result is exactly what the source sent, that version with a
// local-edit count when it is not, and always different from before, so
// that a check's report tells the two word lists apart.
func mergedVersion(old, incoming string, same bool) string {
	v := incoming
	if !same {
		v = nextVersion(incoming)
	}
	if v == old {
		v = nextVersion(old)
	}
	return v
}
