package pipeline_test

import (
	"io/fs"
	"syscall"
)

// fileKeyOf is the key of a file's bytes as they are (see fileKey).
func fileKeyOf(info fs.FileInfo) (fileKey, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileKey{}, false
	}
	return fileKey{st.Dev, st.Ino, info.Size(), info.ModTime().UnixNano(), st.Ctim.Nano()}, true
}
