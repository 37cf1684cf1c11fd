package i18n

// Names of the parts of a lexicon update, shared by the lexicons screen
// and the command line. Full keys are spelled out so that the
// translations test finds every one of them.
var (
	fieldKeys = map[string]string{"category": "lexicons.col_category", "severity": "lexicons.col_severity",
		"suggestion": "lexicons.col_suggestion", "note": "lexicons.col_note"}
	changeKeys = map[string]string{"added": "lexicons.change_added", "removed": "lexicons.change_removed",
		"changed": "lexicons.change_changed"}
	propertyKeys = map[string]string{"kind": "lexicons.property_kind", "category": "lexicons.property_category"}
)

// LexiconField names an entry's field: category, severity, suggestion or note.
func LexiconField(field string) string { return lookup(fieldKeys, field) }

// LexiconChange names a kind of change: added, removed or changed.
func LexiconChange(kind string) string { return lookup(changeKeys, kind) }

// LexiconProperty names a property of a lexicon itself: kind or category.
func LexiconProperty(p string) string { return lookup(propertyKeys, p) }

func lookup(keys map[string]string, k string) string {
	if key, ok := keys[k]; ok {
		return L(key)
	}
	return k
}
