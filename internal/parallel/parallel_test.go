package parallel

import (
	"errors"
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		seen := make([]atomic.Int32, n)
		Each(n, 0, func(i int) { seen[i].Add(1) })
		for i := range seen {
			if seen[i].Load() != 1 {
				t.Fatalf("n=%d: %d called %d times", n, i, seen[i].Load())
			}
		}
	}
	err := EachErr(5, 2, func(i int) error {
		if i%2 == 1 {
			return errors.New("odd")
		}
		return nil
	})
	if err == nil || len(err.(interface{ Unwrap() []error }).Unwrap()) != 2 {
		t.Errorf("errors: %v", err)
	}
}
