package xlsx

import (
	"bytes"
	"encoding/gob"
	"errors"
	"slices"
	"strings"
)

// savedBlock is a compressed block as Save writes it.
type savedBlock struct {
	Key      string
	Deflated []byte
	CRC      uint32
	Size     int64
	Widths   []int
}

// Save encodes the blocks whose keys start with prefix, for Load in a
// later run: a rebuild need not compress again the rows it made before.
// The caller names what the rows were made from; a key must mean the
// same rows wherever the saved blocks are loaded. Save is called when no
// Write is running.
func (bs *Blocks) Save(prefix string) ([]byte, error) {
	bs.mu.Lock()
	var keys []string
	for k := range bs.m {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	bs.mu.Unlock()
	slices.Sort(keys)
	var out []savedBlock
	for _, k := range keys {
		bs.mu.Lock()
		b := bs.m[k]
		bs.mu.Unlock()
		if b.deflated != nil {
			out = append(out, savedBlock{k, b.deflated, b.crc, b.size, b.widths})
		}
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Load adds blocks encoded by Save. A damaged input adds none.
func (bs *Blocks) Load(data []byte) error {
	var in []savedBlock
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&in); err != nil {
		return err
	}
	for _, s := range in {
		if s.Key == "" || s.Size < 0 || len(s.Deflated) == 0 {
			return errors.New("xlsx: a saved block is damaged")
		}
	}
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if bs.m == nil {
		bs.m = map[string]*block{}
	}
	for _, s := range in {
		b := &block{deflated: s.Deflated, crc: s.CRC, size: s.Size, op: shiftOp(s.Size), widths: s.Widths}
		b.once.Do(func() {})
		bs.m[s.Key] = b
	}
	return nil
}
