package importer

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// hiddenStyles knows which styles hide their text: hiding a paragraph through
// its style is as invisible on the page as w:vanish on the run.
type hiddenStyles struct {
	hidden       map[string]bool
	defaultPara  string // styleId of the default paragraph style
	defaultsHide bool   // docDefaults carry w:vanish
}

// isHidden reports whether text in the style (or, for "", the defaults) is hidden.
func (h *hiddenStyles) isHidden(id string) bool {
	if h == nil {
		return false
	}
	if id == "" {
		return h.defaultsHide || h.hidden[h.defaultPara]
	}
	return h.hidden[id]
}

type styleDef struct {
	basedOn string
	vanish  *bool
}

// readStyles reads styles.xml; resolution follows basedOn chains.
func (p *docxPackage) readStyles(key string) (*hiddenStyles, error) {
	h := &hiddenStyles{hidden: map[string]bool{}}
	if !p.has(key) {
		return h, nil
	}
	defs, err := p.parseStyles(key, h)
	if err != nil {
		return nil, err
	}
	for id := range defs {
		h.hidden[id] = resolveVanish(defs, id, h.defaultsHide)
	}
	return h, nil
}

func resolveVanish(defs map[string]*styleDef, id string, fallback bool) bool {
	for range 32 { // basedOn loops are possible in hostile files
		d := defs[id]
		if d == nil {
			return fallback
		}
		if d.vanish != nil {
			return *d.vanish
		}
		id = d.basedOn
	}
	return fallback
}

// parseStyles collects each style's basedOn and own vanish setting.
func (p *docxPackage) parseStyles(key string, h *hiddenStyles) (map[string]*styleDef, error) {
	rc, err := p.open(key)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	p.parsed[key] = true
	x := newXMLReader(rc, key)
	defs := map[string]*styleDef{}
	var cur *styleDef
	inDefaults := false
	for {
		tok, err := x.next()
		if errors.Is(err, io.EOF) {
			return defs, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "docDefaults":
				inDefaults = true
			case "style":
				cur = &styleDef{}
				defs[attr(t, "styleId")] = cur
				if attr(t, "type") == "paragraph" && isTrue(attr(t, "default")) {
					h.defaultPara = attr(t, "styleId")
				}
			case "basedOn":
				if cur != nil {
					cur.basedOn = attr(t, "val")
				}
			case "vanish", "specVanish":
				on := isOn(t)
				if cur != nil {
					cur.vanish = &on
				} else if inDefaults {
					h.defaultsHide = on
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "docDefaults":
				inDefaults = false
			case "style":
				cur = nil
			}
		}
	}
}

func isTrue(v string) bool { return v == "1" || v == "true" || v == "on" }

// coreProps are the docProps/core.xml fields worth a reviewer's look, in output order.
var coreProps = []string{"creator", "lastModifiedBy", "title", "subject", "description", "keywords"}

// appProps are the docProps/app.xml fields, with the names they get in Properties.
var appProps = []struct{ local, name string }{{"Company", "company"}, {"Manager", "manager"}}

// readProperties collects core, app and custom properties in that order.
func (p *docxPackage) readProperties(core, app, custom string) ([]Property, error) {
	var out []Property
	vals, err := p.leafValues(core)
	if err != nil {
		return nil, err
	}
	for _, name := range coreProps {
		out = appendProp(out, name, vals[name])
	}
	if vals, err = p.leafValues(app); err != nil {
		return nil, err
	}
	for _, a := range appProps {
		out = appendProp(out, a.name, vals[a.local])
	}
	customs, err := p.customProps(custom)
	if err != nil {
		return nil, err
	}
	return append(out, customs...), nil
}

func appendProp(out []Property, name, value string) []Property {
	if value = strings.TrimSpace(value); value != "" {
		out = append(out, Property{Name: name, Value: value})
	}
	return out
}

// leafValues returns the text of the root's children by local name.
func (p *docxPackage) leafValues(key string) (map[string]string, error) {
	vals := map[string]string{}
	err := p.eachChild(key, func(x *xmlReader, se xml.StartElement) error {
		s, err := x.text(ownText)
		if _, dup := vals[se.Name.Local]; !dup {
			vals[se.Name.Local] = s
		}
		return err
	})
	return vals, err
}

// customProps reads custom.xml: <property name="…"><vt:lpwstr>value</vt:lpwstr></property>.
func (p *docxPackage) customProps(key string) ([]Property, error) {
	var out []Property
	err := p.eachChild(key, func(x *xmlReader, se xml.StartElement) error {
		s, err := x.text(deepText)
		out = appendProp(out, attr(se, "name"), s)
		return err
	})
	return out, err
}

// eachChild calls fn for every child element of a part's root element.
func (p *docxPackage) eachChild(key string, fn func(*xmlReader, xml.StartElement) error) error {
	if key == "" || !p.has(key) {
		return nil
	}
	rc, err := p.open(key)
	if err != nil {
		return err
	}
	defer rc.Close()
	p.parsed[key] = true
	x := newXMLReader(rc, key)
	for {
		tok, err := x.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok && x.depth == 2 {
			if err := fn(x, se); err != nil {
				return err
			}
		}
	}
}
