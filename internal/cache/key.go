package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
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
	// free holds encoding buffers to use again.
	free [][]byte
}

type ptrKey struct {
	t reflect.Type
	p uintptr
}

// Key returns the digest of parts.
func (k *Keyer) Key(parts ...any) string {
	buf := k.buffer()
	for _, p := range parts {
		buf = k.write(buf, reflect.ValueOf(p))
	}
	sum := sha256.Sum256(buf)
	k.keep(buf)
	return hex.EncodeToString(sum[:])
}

// keep keeps buf to encode into again, unless it is large: the data of a
// large site's table of all tasks encodes into tens of megabytes, which
// would stay held to the end of the build for no later use.
func (k *Keyer) keep(buf []byte) {
	if cap(buf) <= 1<<20 {
		k.free = append(k.free, buf)
	}
}

// Forget lets go of the pointers digested so far.
func (k *Keyer) Forget() {
	k.memo, k.live = nil, nil
}

// buffer returns an empty buffer to encode into; the encoding is hashed
// once at the end, cheaper than hashing each small piece.
func (k *Keyer) buffer() []byte {
	if n := len(k.free); n > 0 {
		b := k.free[n-1]
		k.free = k.free[:n-1]
		return b[:0]
	}
	return make([]byte, 0, 4<<10)
}

// write appends an encoding of v to buf: its kind, then its value, every
// variable-length part prefixed by its length, so two different values
// never encode alike.
func (k *Keyer) write(buf []byte, v reflect.Value) []byte {
	if !v.IsValid() {
		return append(buf, 0)
	}
	buf = append(buf, byte(v.Kind()))
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		return append(buf, s...)
	case reflect.Bool:
		if v.Bool() {
			return append(buf, 1)
		}
		return append(buf, 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return binary.AppendVarint(buf, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return binary.AppendUvarint(buf, v.Uint())
	case reflect.Float32, reflect.Float64:
		return binary.LittleEndian.AppendUint64(buf, math.Float64bits(v.Float()))
	case reflect.Slice:
		switch t := v.Type(); {
		case t == stringsType && v.CanInterface():
			// Rows of tables are most of what a large site's downloads
			// are keyed by: encoded as below, without a reflective step
			// per cell.
			return appendStrings(buf, v.Interface().([]string))
		case t == rowsType && v.CanInterface():
			rows := v.Interface().([][]string)
			buf = binary.AppendUvarint(buf, uint64(len(rows)))
			for _, row := range rows {
				buf = append(buf, byte(reflect.Slice))
				buf = appendStrings(buf, row)
			}
			return buf
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			buf = binary.AppendUvarint(buf, uint64(v.Len()))
			return append(buf, v.Bytes()...)
		}
		fallthrough
	case reflect.Array:
		buf = binary.AppendUvarint(buf, uint64(v.Len()))
		for i := range v.Len() {
			buf = k.write(buf, v.Index(i))
		}
		return buf
	case reflect.Struct:
		for i := range v.NumField() {
			buf = k.write(buf, v.Field(i))
		}
		return buf
	case reflect.Interface:
		if v.IsNil() {
			return append(buf, 0)
		}
		t := v.Elem().Type().String()
		buf = binary.AppendUvarint(buf, uint64(len(t)))
		buf = append(buf, t...)
		return k.write(buf, v.Elem())
	case reflect.Pointer:
		if v.IsNil() {
			return append(buf, 0)
		}
		sum := k.pointee(v)
		buf = append(buf, 1)
		return append(buf, sum[:]...)
	case reflect.Map:
		buf = binary.AppendUvarint(buf, uint64(v.Len()))
		// Entries in the order of their keys' digests: any key type sorts.
		type entry struct {
			digest [sha256.Size]byte
			value  reflect.Value
		}
		var entries []entry
		for it := v.MapRange(); it.Next(); {
			kb := k.write(k.buffer(), it.Key())
			entries = append(entries, entry{sha256.Sum256(kb), it.Value()})
			k.keep(kb)
		}
		sort.Slice(entries, func(i, j int) bool { return bytes.Compare(entries[i].digest[:], entries[j].digest[:]) < 0 })
		for _, e := range entries {
			buf = append(buf, e.digest[:]...)
			buf = k.write(buf, e.value)
		}
		return buf
	}
	panic(fmt.Sprintf("cache: cannot key a %s", v.Type()))
}

var (
	stringsType = reflect.TypeFor[[]string]()
	rowsType    = reflect.TypeFor[[][]string]()
)

// appendStrings encodes a []string as write does, after its kind.
func appendStrings(buf []byte, ss []string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(ss)))
	for _, s := range ss {
		buf = append(buf, byte(reflect.String))
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	return buf
}

// pointee digests what a pointer points to, once per pointer when the
// pointer can be kept alive (one reached through an unexported field
// cannot, and is digested every time).
func (k *Keyer) pointee(v reflect.Value) [sha256.Size]byte {
	pk := ptrKey{v.Type(), v.Pointer()}
	if sum, ok := k.memo[pk]; ok {
		return sum
	}
	b := k.write(k.buffer(), v.Elem())
	sum := sha256.Sum256(b)
	k.keep(b)
	if v.CanInterface() {
		if k.memo == nil {
			k.memo = map[ptrKey][sha256.Size]byte{}
		}
		k.memo[pk] = sum
		k.live = append(k.live, v.Interface())
	}
	return sum
}
