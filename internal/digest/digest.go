// Package digest writes a canonical encoding of a Go value's data for hashing: two values
// whose exported data encoding/json would write the same way give the same bytes, and it
// costs a fraction of encoding them as JSON, which escapes and quotes every string. The
// render memo keys a page by the digest of its data (internal/render).
//
// What is written follows encoding/json: the exported fields of structs (those of embedded
// structs included; a field tagged `json:"-"` left out), maps with their keys in order,
// values that marshal themselves (json.Marshaler, encoding.TextMarshaler) by what they
// marshal to. Unlike JSON the encoding is not text: every value is tagged with its kind and
// every string and list with its length, so no two different values share an encoding.
package digest

import (
	"encoding"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// ErrUnsupported is returned for a value encoding/json cannot write either: a func, a
// channel, a complex number, a cycle of pointers.
var ErrUnsupported = errors.New("digest: unsupported value")

// Append appends the encoding of v to b.
func Append(b []byte, v any) ([]byte, error) {
	e := encoder{b: b}
	if err := e.value(reflect.ValueOf(v), 0); err != nil {
		return b, err
	}
	return e.b, nil
}

type encoder struct{ b []byte }

// maxDepth is the nesting past which a value is taken for a cycle.
const maxDepth = 200

const (
	tagNil byte = iota
	tagFalse
	tagTrue
	tagInt
	tagUint
	tagFloat
	tagString
	tagList
	tagMap
	tagStruct
	tagMarshaled
)

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

func (e *encoder) str(s string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *encoder) value(v reflect.Value, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("%w: nested deeper than %d", ErrUnsupported, maxDepth)
	}
	if !v.IsValid() {
		e.b = append(e.b, tagNil)
		return nil
	}
	t := v.Type()
	if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface {
		if ok, err := e.marshaled(v); ok || err != nil {
			return err
		}
	}
	switch t.Kind() {
	case reflect.Bool:
		if v.Bool() {
			e.b = append(e.b, tagTrue)
		} else {
			e.b = append(e.b, tagFalse)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.b = binary.AppendVarint(append(e.b, tagInt), v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.b = binary.AppendUvarint(append(e.b, tagUint), v.Uint())
	case reflect.Float32, reflect.Float64:
		e.b = binary.LittleEndian.AppendUint64(append(e.b, tagFloat), math.Float64bits(v.Float()))
	case reflect.String:
		e.b = append(e.b, tagString)
		e.str(v.String())
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			e.b = append(e.b, tagNil)
			return nil
		}
		if t.Kind() == reflect.Pointer {
			if ok, err := e.marshaled(v); ok || err != nil {
				return err
			}
		}
		return e.value(v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && v.IsNil() {
			e.b = append(e.b, tagNil)
			return nil
		}
		if t.Elem().Kind() == reflect.Uint8 && t.Kind() == reflect.Slice {
			e.b = append(e.b, tagString) // as JSON writes []byte: one string
			e.str(string(v.Bytes()))
			return nil
		}
		n := v.Len()
		e.b = binary.AppendUvarint(append(e.b, tagList), uint64(n))
		for i := range n {
			if err := e.value(v.Index(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		if v.IsNil() {
			e.b = append(e.b, tagNil)
			return nil
		}
		type entry struct {
			key string
			v   reflect.Value
		}
		entries := make([]entry, 0, v.Len())
		for it := v.MapRange(); it.Next(); {
			k := it.Key()
			var ks string
			if k.Kind() == reflect.String {
				ks = k.String()
			} else {
				ks = fmt.Sprint(k.Interface())
			}
			entries = append(entries, entry{ks, it.Value()})
		}
		slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
		e.b = binary.AppendUvarint(append(e.b, tagMap), uint64(len(entries)))
		for _, en := range entries {
			e.str(en.key)
			if err := e.value(en.v, depth+1); err != nil {
				return err
			}
		}
	case reflect.Struct:
		e.b = append(e.b, tagStruct)
		for _, i := range infoOf(t).fields {
			if err := e.value(v.Field(i), depth+1); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("%w: %s", ErrUnsupported, t)
	}
	return nil
}

// marshaled writes v by what it marshals itself to, if it does.
func (e *encoder) marshaled(v reflect.Value) (bool, error) {
	if v.Type().NumMethod() == 0 {
		return false, nil // most values: no method, so no marshaler (and no lookup)
	}
	info := infoOf(v.Type())
	if info.marshal == 0 || !v.CanInterface() {
		// A value reached through an embedded unexported struct cannot be asked.
		return false, nil
	}
	var b []byte
	var err error
	if info.marshal == byJSON {
		b, err = v.Interface().(json.Marshaler).MarshalJSON()
	} else {
		b, err = v.Interface().(encoding.TextMarshaler).MarshalText()
	}
	if err != nil {
		return true, err
	}
	e.b = append(e.b, tagMarshaled)
	e.str(string(b))
	return true, nil
}

const (
	byJSON = 1 + iota
	byText
)

// typeInfo is what the encoder asks of a type, found once.
type typeInfo struct {
	marshal int   // 0, byJSON or byText
	fields  []int // a struct's fields written: see fieldsOf
}

// infos caches typeInfo by type.
var infos sync.Map // reflect.Type → *typeInfo

func infoOf(t reflect.Type) *typeInfo {
	if i, ok := infos.Load(t); ok {
		return i.(*typeInfo)
	}
	info := &typeInfo{}
	switch {
	case t.Implements(jsonMarshaler):
		info.marshal = byJSON
	case t.Implements(textMarshaler):
		info.marshal = byText
	}
	if t.Kind() == reflect.Struct {
		info.fields = fieldsOf(t)
	}
	infos.Store(t, info)
	return info
}

// fieldsOf returns the indexes of the fields of struct type t that encoding/json writes:
// the exported ones and embedded structs, less those tagged `json:"-"`.
func fieldsOf(t reflect.Type) []int {
	var idx []int
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Tag.Get("json") == "-" {
			continue
		}
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if f.IsExported() || f.Anonymous && ft.Kind() == reflect.Struct {
			idx = append(idx, i)
		}
	}
	return idx
}
