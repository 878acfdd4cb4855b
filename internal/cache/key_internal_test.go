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
