package xlsx

// crc32Combine returns the CRC-32 (IEEE) of a+b from the CRC of a, the
// CRC of b and the length of b, as zlib's crc32_combine does: a sheet's
// checksum from those of its blocks, without their bytes.
func crc32Combine(crcA, crcB uint32, lenB int64) uint32 {
	if lenB <= 0 {
		return crcA
	}
	var even, odd [32]uint32
	odd[0] = 0xedb88320 // the polynomial, reflected
	row := uint32(1)
	for n := 1; n < 32; n++ {
		odd[n] = row
		row <<= 1
	}
	square(even[:], odd[:]) // two zero bits
	square(odd[:], even[:]) // four zero bits
	for {
		square(even[:], odd[:])
		if lenB&1 != 0 {
			crcA = times(even[:], crcA)
		}
		lenB >>= 1
		if lenB == 0 {
			break
		}
		square(odd[:], even[:])
		if lenB&1 != 0 {
			crcA = times(odd[:], crcA)
		}
		lenB >>= 1
		if lenB == 0 {
			break
		}
	}
	return crcA ^ crcB
}

func times(mat []uint32, vec uint32) uint32 {
	var sum uint32
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

func square(sq, mat []uint32) {
	for n := range 32 {
		sq[n] = times(mat, mat[n])
	}
}
