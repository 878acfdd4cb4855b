//go:build !linux

package publish

import "errors"

// exchange is not available here; a swap falls back to two renames.
func exchange(a, b string) error { return errors.ErrUnsupported }

func mountRoot(dir string) (root, known bool) { return false, false }
