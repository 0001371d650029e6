package app

import "fyne.io/fyne/v2/widget"

// editField is one field of a form that saves what the user changed: the store's name
// for it, the form's label, and its value in the widget in a canonical text (the one
// the form's valuesOf gives for a stored record, so an untouched field compares equal).
type editField struct {
	key   string
	label string
	get   func() string
	set   func(string)
}

// entryField is a text field of a form. Setting the text it holds already does nothing:
// an entry set validates itself, its form and the buttons that follow it, and opening
// a client file set some twenty fields, most of them as empty as before.
func entryField(key, label string, e *widget.Entry) editField {
	return editField{key: key, label: label, get: func() string { return e.Text }, set: func(v string) {
		if e.Text != v {
			e.SetText(v)
		}
	}}
}

// edits tracks a form's fields against the values they were loaded with (base), so that
// a save sends only what the user changed, a change made in the store meanwhile shows
// in the fields the user left alone, and a field changed on both sides is asked about.
type edits struct {
	fields []editField
	base   map[string]string
}

// load puts vals in the fields and takes them as the base.
func (e *edits) load(vals map[string]string) {
	e.base = map[string]string{}
	for _, f := range e.fields {
		f.set(vals[f.key])
		e.base[f.key] = vals[f.key]
	}
}

// values are the fields' values as they are now, by key.
func (e *edits) values() map[string]string {
	out := make(map[string]string, len(e.fields))
	for _, f := range e.fields {
		out[f.key] = f.get()
	}
	return out
}

// dirty reports whether the user changed a field.
func (e *edits) dirty() bool {
	if e.base == nil {
		return false
	}
	for _, f := range e.fields {
		if f.get() != e.base[f.key] {
			return true
		}
	}
	return false
}

// refresh takes what the store holds now: a field the user left alone shows the new
// value; one the user changed keeps what they typed (and its old base, so the save
// still finds the change made on both sides), unless the store now holds just that.
func (e *edits) refresh(vals map[string]string) {
	if e.base == nil {
		e.load(vals)
		return
	}
	for _, f := range e.fields {
		now, typed := vals[f.key], f.get()
		switch {
		case typed == e.base[f.key]:
			if now != typed {
				f.set(now)
			}
			e.base[f.key] = now
		case typed == now:
			e.base[f.key] = now // the store caught up with what was typed
		}
	}
}

// conflicts describes the fields named by keys with what was typed and what the store
// holds (theirs), for askConflict.
func (e *edits) conflicts(keys []string, theirs map[string]string, show func(key, v string) string) []conflictField {
	var out []conflictField
	for _, k := range keys {
		for _, f := range e.fields {
			if f.key == k {
				out = append(out, conflictField{key: k, label: f.label, mine: show(k, f.get()), theirs: show(k, theirs[k])})
			}
		}
	}
	return out
}

// resolve applies the user's answers about a conflict: the store's value (theirs) is
// the new base of each field, and a field where they take it shows it.
func (e *edits) resolve(mine map[string]bool, theirs map[string]string) {
	for _, f := range e.fields {
		keep, asked := mine[f.key]
		if !asked {
			continue
		}
		if !keep {
			f.set(theirs[f.key])
		}
		e.base[f.key] = theirs[f.key]
	}
}

// plainText shows a field's value as it is.
func plainText(_, v string) string { return v }
