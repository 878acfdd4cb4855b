package xlsx

import (
	"hash/crc32"
	"testing"
)

func TestCRC32Combine(t *testing.T) {
	data := []byte("忻州市人民政府关于印发安全生产工作任务的通知 0123456789 abcdefghijklmnopqrstuvwxyz")
	for cut := 0; cut <= len(data); cut++ {
		a, b := data[:cut], data[cut:]
		got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), shiftOp(int64(len(b))))
		if want := crc32.ChecksumIEEE(data); got != want {
			t.Fatalf("cut %d: %08x, want %08x", cut, got, want)
		}
	}
}
