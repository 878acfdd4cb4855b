package publish

import "golang.org/x/sys/unix"

// exchange swaps a and b with renameat2(RENAME_EXCHANGE): one step, so
// there is no moment without a site.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

// mountRoot tells whether dir is the root of a mount, bind mounts
// included; known is false where the kernel cannot say (before 5.8).
func mountRoot(dir string) (root, known bool) {
	var st unix.Statx_t
	if unix.Statx(unix.AT_FDCWD, dir, 0, unix.STATX_BASIC_STATS, &st) != nil || st.Attributes_mask&unix.STATX_ATTR_MOUNT_ROOT == 0 {
		return false, false
	}
	return st.Attributes&unix.STATX_ATTR_MOUNT_ROOT != 0, true
}
