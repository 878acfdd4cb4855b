// Package parallel runs independent pieces of work on every core.
package parallel

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f(i) for i from 0 to n-1 on goroutines, at most workers of
// them at once (every core when workers is 0), and returns when all are
// done. The order of the calls is not defined.
func Each(n, workers int, f func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var (
		wg   sync.WaitGroup
		next atomic.Int64
	)
	for range min(n, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// EachErr is Each for work that can fail: it returns the errors, in the
// order of i.
func EachErr(n, workers int, f func(i int) error) error {
	errs := make([]error, n)
	Each(n, workers, func(i int) { errs[i] = f(i) })
	return errors.Join(errs...)
}
