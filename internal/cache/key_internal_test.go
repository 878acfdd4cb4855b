package cache

import (
	"strings"
	"testing"
)

// A Keyer keeps its small encoding buffers for the next keys, but not the
// one a large value (a large site's table of all tasks) needed.
func TestKeyerLetsLargeBuffersGo(t *testing.T) {
	var k Keyer
	small := k.Key("a", 1)
	large := strings.Repeat("任务", 1<<20)
	k.Key(&struct{ Rows []string }{[]string{large, large}}, large)
	for _, b := range k.free {
		if cap(b) > 1<<20 {
			t.Errorf("a buffer of %d bytes kept", cap(b))
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
