package xlsx

import (
	"bytes"
	"encoding/gob"
	"errors"
	"slices"
)

// savedBlock is a compressed block as Save writes it.
type savedBlock struct {
	Key      string
	Deflated []byte
	CRC      uint32
	Size     int64
	Widths   []int
}

// SaveGroups encodes blocks for Load in a later run, by group (the group
// of a key is what group returns for it; "" for none): a rebuild need not
// compress again the rows it made before. Only the groups need asks for
// are encoded; need is told whether this run compressed any block of the
// group, the others being all loaded. The caller names what the rows were
// made from; a key must mean the same rows wherever the saved blocks are
// loaded. SaveGroups is called when no Write is running.
func (bs *Blocks) SaveGroups(group func(key string) string, need func(group string, made bool) bool) (map[string][]byte, error) {
	bs.mu.Lock()
	keys := make([]string, 0, len(bs.m))
	for k := range bs.m {
		keys = append(keys, k)
	}
	bs.mu.Unlock()
	slices.Sort(keys)
	groups := map[string][]savedBlock{}
	made := map[string]bool{}
	for _, k := range keys {
		g := group(k)
		if g == "" {
			continue
		}
		bs.mu.Lock()
		b := bs.m[k]
		bs.mu.Unlock()
		if b.deflated != nil {
			groups[g] = append(groups[g], savedBlock{k, b.deflated, b.crc, b.size, b.widths})
			made[g] = made[g] || b.made
		}
	}
	out := map[string][]byte{}
	for g, list := range groups {
		if !need(g, made[g]) {
			continue
		}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(list); err != nil {
			return nil, err
		}
		out[g] = buf.Bytes()
	}
	return out, nil
}

// Load adds blocks encoded by SaveGroups. A damaged input adds none.
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
