package xlsx

// A sheet's CRC-32 is combined from its blocks' CRCs, without their bytes,
// as zlib's crc32_combine_op does: crc(a+b) = crc(a)·x^(8·len(b)) ⊕ crc(b)
// in GF(2) modulo the CRC polynomial. Each block keeps its x^(8·len).

const poly = 0xedb88320 // IEEE, reflected

// multModP returns a·b modulo the polynomial (reflected bit order).
func multModP(a, b uint32) uint32 {
	m := uint32(1) << 31
	var p uint32
	for {
		if a&m != 0 {
			p ^= b
			if a&(m-1) == 0 {
				break
			}
		}
		m >>= 1
		if b&1 != 0 {
			b = b>>1 ^ poly
		} else {
			b >>= 1
		}
	}
	return p
}

// x2n holds x^(2^n) modulo the polynomial.
var x2n = func() (t [32]uint32) {
	p := uint32(1) << 30 // x^1
	for n := range t {
		t[n] = p
		p = multModP(p, p)
	}
	return t
}()

// shiftOp returns x^(8·n) modulo the polynomial: the operator that moves
// a CRC past n more bytes.
func shiftOp(n int64) uint32 {
	p := uint32(1) << 31 // x^0
	for k := 3; n != 0; n, k = n>>1, k+1 {
		if n&1 != 0 {
			p = multModP(x2n[k&31], p)
		}
	}
	return p
}

// crc32Combine returns the CRC of a+b from the CRC of a, the CRC of b and
// shiftOp(len(b)).
func crc32Combine(crcA, crcB, op uint32) uint32 { return multModP(op, crcA) ^ crcB }
