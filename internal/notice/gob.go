package notice

import (
	"bytes"
	"encoding/gob"
)

// EncodeGob encodes a notice compactly, for a build's cache of parsed
// notices: decoding is several times faster than parsing.
func EncodeGob(n *Notice) ([]byte, error) {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(n); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// DecodeGob decodes a notice encoded by EncodeGob. Gob does not tell an
// empty list from a missing one; a parsed notice has no missing lists
// (its JSON never holds null), so they come back empty.
func DecodeGob(data []byte) (*Notice, error) {
	n := &Notice{}
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(n); err != nil {
		return nil, err
	}
	n.CC, n.Preamble, n.Sections, n.Tasks, n.Warnings = orEmpty(n.CC), orEmpty(n.Preamble), orEmpty(n.Sections), orEmpty(n.Tasks), orEmpty(n.Warnings)
	for i := range n.Sections {
		n.Sections[i].Items = orEmpty(n.Sections[i].Items)
	}
	for i := range n.Tasks {
		n.Tasks[i].Units = orEmpty(n.Tasks[i].Units)
	}
	return n, nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
