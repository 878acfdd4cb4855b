//go:build unix

package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"golang.org/x/sys/unix"
)

func osPlace(dir string) (Place, error) {
	pl := Place{Root: dir}
	info, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return pl, nil
	}
	if err != nil {
		return pl, err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		pl.Link = true
		target, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return pl, fmt.Errorf("%s is a symbolic link to a folder that cannot be reached: %w", dir, err)
		}
		pl.Root = filepath.ToSlash(target)
		if info, err = os.Stat(target); err != nil {
			return pl, err
		}
	}
	if !info.IsDir() {
		return pl, fmt.Errorf("%s: %w", dir, errNotDir)
	}
	if root, known := mountRoot(pl.Root); known {
		pl.Mount = root
		return pl, nil
	}
	// Without statx: a folder on another device than its parent.
	abs, err := filepath.Abs(pl.Root)
	if err != nil {
		return pl, err
	}
	var self, parent unix.Stat_t
	if unix.Stat(abs, &self) == nil && unix.Stat(filepath.Dir(abs), &parent) == nil {
		pl.Mount = self.Dev != parent.Dev || abs == filepath.Dir(abs)
	}
	return pl, nil
}

func writable(dir string) error {
	return unix.Access(dir, unix.W_OK)
}

// flock takes an exclusive flock(2) on name, which the kernel releases
// when the process ends however it ends: a killed build never leaves a
// stale lock. The holder writes its process id and start into the file
// for the message of the next.
func flock(name string, waiting func(string)) (func(), error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	fd := int(f.Fd())
	if err := unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB); err != nil {
		if !errors.Is(err, unix.EWOULDBLOCK) {
			f.Close()
			return nil, err
		}
		if waiting != nil {
			b, _ := os.ReadFile(name)
			waiting(holderLine(b))
		}
		for {
			err = unix.Flock(fd, unix.LOCK_EX)
			if !errors.Is(err, unix.EINTR) {
				break
			}
		}
		if err != nil {
			f.Close()
			return nil, err
		}
	}
	f.Truncate(0)
	f.WriteAt([]byte("process "+strconv.Itoa(os.Getpid())+", started "+time.Now().Format("15:04:05")+"\n"), 0)
	return func() {
		f.Truncate(0)
		unix.Flock(fd, unix.LOCK_UN)
		f.Close()
	}, nil
}
