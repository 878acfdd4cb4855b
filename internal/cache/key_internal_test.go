package cache

import (
	"strings"
	"testing"
)

// A Keyer hashes a large value (a large site's table of all tasks) as it
// encodes it: its buffers stay small, and kept for the next keys.
func TestKeyerBuffersStaySmall(t *testing.T) {
	var k Keyer
	small := k.Key("a", 1)
	large := strings.Repeat("任务", 1<<16)
	rows := make([][]string, 200)
	for i := range rows {
		rows[i] = []string{large, "1"}
	}
	k.Key(&struct{ Rows [][]string }{rows}, rows, large)
	for _, e := range k.free {
		if cap(e.buf) > 1<<20 {
			t.Errorf("a buffer of %d bytes kept", cap(e.buf))
		}
	}
	if k.Key("a", 1) != small {
		t.Error("the same data keyed apart")
	}
	if len(k.free) == 0 {
		t.Error("no buffer kept for the next key")
	}
}

// Rows of strings are encoded without reflection when they can be: the
// same encoding as through reflection (an unexported field).
func TestKeyerRowsAsReflection(t *testing.T) {
	rows := [][]string{{"序号", "任务"}, {}, {"1", "=HYPERLINK(\"x\")", ""}}
	type exported struct {
		Rows [][]string
		Row  []string
	}
	type unexported struct {
		rows [][]string
		row  []string
	}
	for _, r := range [][][]string{nil, {}, rows} {
		var row []string
		if len(r) > 0 {
			row = r[0]
		}
		fast, slow := Key(exported{r, row}), Key(unexported{r, row})
		if fast != slow {
			t.Errorf("%q: %s by the fast path, %s by reflection", r, fast, slow)
		}
	}
	if Key(rows) == Key([][]string{{"序号任务"}, {}, {"1", "=HYPERLINK(\"x\")", ""}}) {
		t.Error("cells run together key alike")
	}
}

// An encoding hashed as it goes keys a value as the whole encoding
// hashed at once would, and values that differ anywhere key apart.
func TestKeyerSpills(t *testing.T) {
	big := strings.Repeat("任务", 100<<10)
	rows := [][]string{{"1", big}, {"2", big[:1000]}}
	values := []any{
		struct {
			Rows [][]string
			M    map[string]string
			B    []byte
			S    string
			P    *[]string
		}{rows, map[string]string{"a": big, "b": "b"}, []byte(big), big, &[]string{big}},
		big, []byte(big), map[int]string{1: big, 2: big[:7]},
	}
	keys := func(at int) []string {
		defer func(old int) { spillAt = old }(spillAt)
		spillAt = at
		var out []string
		for _, v := range values {
			out = append(out, Key(v))
		}
		return out
	}
	whole, spilled := keys(1<<40), keys(16)
	for i := range whole {
		if whole[i] != spilled[i] {
			t.Errorf("value %d: %s hashed whole, %s as it goes", i, whole[i], spilled[i])
		}
	}
	a, b := "甲"+big, "乙"+big
	if Key(a) == Key(b) || Key([][]string{{a}}) == Key([][]string{{b}}) || Key([]byte(a)) == Key([]byte(b)) {
		t.Error("large values that differ in their first bytes key alike")
	}
}
