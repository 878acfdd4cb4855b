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
