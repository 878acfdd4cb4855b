package content

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The front matter is written by a small YAML writer for the plain
// structs of this package: a general encoder spent a tenth of a build on
// it. It writes block mappings and sequences, strings plain where YAML
// reads them back as the same string and double-quoted otherwise; the
// round-trip test reads every file back with adrg/frontmatter.

func writeYAML(b *bytes.Buffer, v any) {
	writeMapping(b, reflect.ValueOf(v), 0, false)
}

type field struct {
	name      string
	index     int
	omitempty bool
}

var fieldCache sync.Map // reflect.Type → []field

func fieldsOf(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	var fs []field
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = strings.ToLower(t.Field(i).Name)
		}
		if name == "-" {
			continue
		}
		fs = append(fs, field{name: name, index: i, omitempty: opts == "omitempty"})
	}
	fieldCache.Store(t, fs)
	return fs
}

// writeMapping writes the fields of a struct at an indent. In a
// sequence, the first line follows "- " on the line already begun.
func writeMapping(b *bytes.Buffer, v reflect.Value, indent int, inSeq bool) {
	first := true
	for _, f := range fieldsOf(v.Type()) {
		fv := v.Field(f.index)
		if f.omitempty && fv.IsZero() {
			continue
		}
		if !(inSeq && first) {
			writeIndent(b, indent)
		}
		first = false
		b.WriteString(f.name)
		b.WriteByte(':')
		writeValue(b, fv, indent)
	}
	if first && inSeq {
		b.WriteString("{}\n")
	}
}

func writeValue(b *bytes.Buffer, v reflect.Value, indent int) {
	switch v.Kind() {
	case reflect.String:
		b.WriteByte(' ')
		writeScalar(b, v.String())
		b.WriteByte('\n')
	case reflect.Int, reflect.Int64, reflect.Int32:
		b.WriteByte(' ')
		b.WriteString(strconv.FormatInt(v.Int(), 10))
		b.WriteByte('\n')
	case reflect.Bool:
		b.WriteString(" " + strconv.FormatBool(v.Bool()) + "\n")
	case reflect.Slice:
		if v.Len() == 0 {
			b.WriteString(" []\n")
			return
		}
		b.WriteByte('\n')
		for i := 0; i < v.Len(); i++ {
			e := v.Index(i)
			writeIndent(b, indent+2)
			b.WriteString("- ")
			if e.Kind() == reflect.Struct {
				writeMapping(b, e, indent+4, true)
				continue
			}
			writeScalarOf(b, e)
			b.WriteByte('\n')
		}
	case reflect.Struct:
		b.WriteByte('\n')
		writeMapping(b, v, indent+2, false)
	default:
		panic(fmt.Sprintf("content: cannot write %s as YAML", v.Type())) // a bug of this package
	}
}

// writeIndent writes n spaces (a unit's list of duties is most of a
// large site's front matter, a line each).
func writeIndent(b *bytes.Buffer, n int) {
	const spaces = "                "
	for ; n > len(spaces); n -= len(spaces) {
		b.WriteString(spaces)
	}
	b.WriteString(spaces[:n])
}

func writeScalarOf(b *bytes.Buffer, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		writeScalar(b, v.String())
	case reflect.Int, reflect.Int64, reflect.Int32:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	default:
		panic(fmt.Sprintf("content: cannot write %s in a YAML list", v.Type()))
	}
}

// writeScalar writes a string plain when YAML reads that back as the
// same string, else double-quoted.
func writeScalar(b *bytes.Buffer, s string) {
	if plain(s) {
		b.WriteString(s)
		return
	}
	writeQuoted(b, s)
}

var special = map[string]bool{
	"y": true, "yes": true, "n": true, "no": true, "true": true, "false": true,
	"on": true, "off": true, "null": true, "~": true,
}

func plain(s string) bool {
	if s == "" || len(s) <= 5 && special[strings.ToLower(s)] { // the longest is "false"
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`.+~=", r) || unicode.IsDigit(r) || unicode.IsSpace(r) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if unicode.IsSpace(last) || last == ':' {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.Contains(s, "\t") {
		return false
	}
	for _, c := range s {
		if c >= 0x4E00 && c <= 0x9FFF { // CJK ideographs, most of a notice
			continue
		}
		if c < 0x20 || c == 0x7f || c == 0x85 || c == 0xFEFF || c == 0x2028 || c == 0x2029 || !unicode.IsPrint(c) && c != ' ' && c != '\u3000' {
			return false
		}
	}
	return true
}

// writeQuoted writes a YAML double-quoted string.
func writeQuoted(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\':
			b.WriteString(`\\`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\r':
			b.WriteString(`\r`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(b, `\x%02x`, c)
		case c == utf8.RuneError:
			b.WriteString(`\ufffd`)
		case !unicode.IsPrint(c) && c != ' ' && c != '\u3000':
			if c > 0xFFFF {
				fmt.Fprintf(b, `\U%08x`, c)
			} else {
				fmt.Fprintf(b, `\u%04x`, c)
			}
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
}
