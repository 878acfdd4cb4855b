package pipeline

import (
	"io/fs"
	"syscall"
)

// changeTime is when the file's inode last changed (ctime), in
// nanoseconds; 0 where the file system does not say (in memory).
func changeTime(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return int64(st.Ctim.Sec)*1e9 + int64(st.Ctim.Nsec)
	}
	return 0
}
