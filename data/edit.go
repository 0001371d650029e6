package data

import (
	"fmt"
	"strings"
)

// Conflict is returned by a save when a field the user changed in a form was changed in
// the store too, to another value, since the form was loaded. Nothing was written: the
// form shows both values, the user chooses, and saves again with Current as the base.
type Conflict[T any] struct {
	Fields  []string // the fields changed on both sides, by name (the store's column or key)
	Current T        // the record as the store holds it now
}

func (c *Conflict[T]) Error() string {
	return "changed meanwhile, somewhere else: " + strings.Join(c.Fields, ", ")
}

// fields is a record's editable values by name, in a fixed order. Values are plain
// comparable values (strings, numbers, booleans) as they are written to the store.
type fields struct {
	names []string
	vals  []any
}

func (f *fields) add(name string, v any) {
	f.names = append(f.names, name)
	f.vals = append(f.vals, v)
}

// merge compares what a form was loaded with (base) and what the user made of it
// (edited) with what the store holds now (current). It returns the positions to write,
// the ones the user changed, and the names of those also changed in the store, to
// another value. A field the user left alone is never written, so a change made
// underneath is kept.
func merge(base, edited, current fields) (write []int, conflicts []string, err error) {
	if len(base.names) != len(edited.names) || len(base.names) != len(current.names) {
		return nil, nil, fmt.Errorf("merge: %d, %d and %d fields", len(base.names), len(edited.names), len(current.names))
	}
	for i, name := range edited.names {
		if base.names[i] != name || current.names[i] != name {
			return nil, nil, fmt.Errorf("merge: field %d is %q, %q and %q", i, base.names[i], name, current.names[i])
		}
		if edited.vals[i] == base.vals[i] {
			continue // not changed in the form: whatever the store has stays
		}
		if current.vals[i] != base.vals[i] && current.vals[i] != edited.vals[i] {
			conflicts = append(conflicts, name)
			continue
		}
		if current.vals[i] != edited.vals[i] {
			write = append(write, i)
		}
	}
	return write, conflicts, nil
}
