package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"math"
	"reflect"
	"sort"
)

// Key returns a digest of parts: of every field, element, map entry and
// pointee they hold, exported or not, so that any change to the data
// changes the key. The data must hold no cycle of pointers, functions or
// channels (a panic: a broken invariant of the caller's data).
func Key(parts ...any) string { return new(Keyer).Key(parts...) }

// Keyer derives keys like Key, and digests each pointer it meets once: a
// view shared by many pages is walked once for all their keys. The data
// behind a pointer must not change while the Keyer is used; Forget lets go
// of the pointers digested so far.
type Keyer struct {
	memo map[ptrKey][sha256.Size]byte
	// live keeps what memo names alive, so no other value takes its
	// address while the Keyer remembers it.
	live []any
	// free holds encoders to use again.
	free []*encoder
}

type ptrKey struct {
	t reflect.Type
	p uintptr
}

// Key returns the digest of parts.
func (k *Keyer) Key(parts ...any) string {
	e := k.encoder()
	for _, p := range parts {
		k.write(e, reflect.ValueOf(p))
	}
	sum := k.done(e)
	return hex.EncodeToString(sum[:])
}

// Forget lets go of the pointers digested so far.
func (k *Keyer) Forget() {
	k.memo, k.live = nil, nil
}

// An encoder collects the encoding of a value in buf and hashes it at the
// end, cheaper than hashing each small piece; a large value (a large
// site's table of all tasks encodes into hundreds of megabytes) is hashed
// a part at a time as it is encoded instead of held whole.
type encoder struct {
	buf []byte
	h   hash.Hash // nil until buf first passes spillAt
}

// spillAt is the size past which an encoding is hashed as it goes (a
// variable for the tests).
var spillAt = 256 << 10

// spill hashes what buf holds once it is large.
func (e *encoder) spill() {
	if len(e.buf) >= spillAt {
		e.flush()
	}
}

// flush hashes what buf holds.
func (e *encoder) flush() {
	if e.h == nil {
		e.h = sha256.New()
	}
	e.h.Write(e.buf)
	e.buf = e.buf[:0]
}

// appendBytes encodes a string's or byte slice's bytes; a long one is
// hashed at once rather than copied into buf.
func (e *encoder) appendBytes(b []byte, s string) {
	n := len(b) + len(s)
	e.buf = binary.AppendUvarint(e.buf, uint64(n))
	if n < spillAt {
		e.buf = append(e.buf, b...)
		e.buf = append(e.buf, s...)
		return
	}
	e.flush()
	e.h.Write(b)
	io.WriteString(e.h, s)
}

// encoder returns an empty encoder, with a buffer used before.
func (k *Keyer) encoder() *encoder {
	if n := len(k.free); n > 0 {
		e := k.free[n-1]
		k.free = k.free[:n-1]
		e.buf, e.h = e.buf[:0], nil
		return e
	}
	return &encoder{buf: make([]byte, 0, 4<<10)}
}

// done returns the digest of what e encoded, and keeps e for later keys.
func (k *Keyer) done(e *encoder) [sha256.Size]byte {
	var sum [sha256.Size]byte
	if e.h == nil {
		sum = sha256.Sum256(e.buf)
	} else {
		e.h.Write(e.buf)
		e.h.Sum(sum[:0])
	}
	if cap(e.buf) <= 1<<20 {
		k.free = append(k.free, e)
	}
	return sum
}

// write appends an encoding of v to e: its kind, then its value, every
// variable-length part prefixed by its length, so two different values
// never encode alike.
func (k *Keyer) write(e *encoder, v reflect.Value) {
	if !v.IsValid() {
		e.buf = append(e.buf, 0)
		return
	}
	e.buf = append(e.buf, byte(v.Kind()))
	switch v.Kind() {
	case reflect.String:
		e.appendString(v.String())
	case reflect.Bool:
		if v.Bool() {
			e.buf = append(e.buf, 1)
		} else {
			e.buf = append(e.buf, 0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.buf = binary.AppendVarint(e.buf, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.buf = binary.AppendUvarint(e.buf, v.Uint())
	case reflect.Float32, reflect.Float64:
		e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(v.Float()))
	case reflect.Slice:
		switch t := v.Type(); {
		case t == stringsType && v.CanInterface():
			// Rows of tables are most of what a large site's downloads
			// are keyed by: encoded as below, without a reflective step
			// per cell.
			e.appendStrings(v.Interface().([]string))
			return
		case t == rowsType && v.CanInterface():
			rows := v.Interface().([][]string)
			e.buf = binary.AppendUvarint(e.buf, uint64(len(rows)))
			for _, row := range rows {
				e.buf = append(e.buf, byte(reflect.Slice))
				e.appendStrings(row)
			}
			return
		case t.Elem().Kind() == reflect.Uint8:
			e.appendBytes(v.Bytes(), "")
			e.spill()
			return
		}
		fallthrough
	case reflect.Array:
		e.buf = binary.AppendUvarint(e.buf, uint64(v.Len()))
		for i := range v.Len() {
			k.write(e, v.Index(i))
			e.spill()
		}
	case reflect.Struct:
		for i := range v.NumField() {
			k.write(e, v.Field(i))
		}
	case reflect.Interface:
		if v.IsNil() {
			e.buf = append(e.buf, 0)
			return
		}
		e.appendString(v.Elem().Type().String())
		k.write(e, v.Elem())
	case reflect.Pointer:
		if v.IsNil() {
			e.buf = append(e.buf, 0)
			return
		}
		sum := k.pointee(v)
		e.buf = append(e.buf, 1)
		e.buf = append(e.buf, sum[:]...)
	case reflect.Map:
		e.buf = binary.AppendUvarint(e.buf, uint64(v.Len()))
		// Entries in the order of their keys' digests: any key type sorts.
		type entry struct {
			digest [sha256.Size]byte
			value  reflect.Value
		}
		var entries []entry
		for it := v.MapRange(); it.Next(); {
			ke := k.encoder()
			k.write(ke, it.Key())
			entries = append(entries, entry{k.done(ke), it.Value()})
		}
		sort.Slice(entries, func(i, j int) bool { return bytes.Compare(entries[i].digest[:], entries[j].digest[:]) < 0 })
		for _, en := range entries {
			e.buf = append(e.buf, en.digest[:]...)
			k.write(e, en.value)
			e.spill()
		}
	default:
		panic(fmt.Sprintf("cache: cannot key a %s", v.Type()))
	}
}

var (
	stringsType = reflect.TypeFor[[]string]()
	rowsType    = reflect.TypeFor[[][]string]()
)

// appendString encodes a string's length and bytes.
func (e *encoder) appendString(s string) { e.appendBytes(nil, s) }

// appendStrings encodes a []string as write does, after its kind.
func (e *encoder) appendStrings(ss []string) {
	e.buf = binary.AppendUvarint(e.buf, uint64(len(ss)))
	for _, s := range ss {
		e.buf = append(e.buf, byte(reflect.String))
		e.appendString(s)
	}
	e.spill()
}

// pointee digests what a pointer points to, once per pointer when the
// pointer can be kept alive (one reached through an unexported field
// cannot, and is digested every time).
func (k *Keyer) pointee(v reflect.Value) [sha256.Size]byte {
	pk := ptrKey{v.Type(), v.Pointer()}
	if sum, ok := k.memo[pk]; ok {
		return sum
	}
	e := k.encoder()
	k.write(e, v.Elem())
	sum := k.done(e)
	if v.CanInterface() {
		if k.memo == nil {
			k.memo = map[ptrKey][sha256.Size]byte{}
		}
		k.memo[pk] = sum
		k.live = append(k.live, v.Interface())
	}
	return sum
}
