//! Byte tests eight at a time ("SWAR": SIMD within a register), for the scanners that pass
//! over long runs of ordinary text looking for a few bytes (JSON escapes, CSV quotes).

/// `byte` repeated in every byte of a `u64`.
pub(crate) const fn splat(byte: u8) -> u64 {
    (byte as u64) * 0x0101_0101_0101_0101
}

/// The high bit of every byte of a `u64`.
pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit set in each byte of `chunk` that is zero, and possibly in bytes after the
/// first such byte (the borrow of the subtraction may spread upwards), never before it.
pub(crate) const fn zero_bytes(chunk: u64) -> u64 {
    chunk.wrapping_sub(splat(1)) & !chunk & HIGH_BITS
}

/// The high bit set in each byte of `chunk` equal to `byte`, and possibly in bytes after the
/// first such byte, never before it (see [`zero_bytes`]).
pub(crate) const fn bytes_equal(chunk: u64, byte: u8) -> u64 {
    zero_bytes(chunk ^ splat(byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_equal_byte_is_always_marked_and_none_before_it() {
        let samples: [&[u8; 8]; 5] = [
            b"abcdefgh",
            b"a.c.e.g.",
            b"\x00\x01\x80\xff..ab",
            b"xxxxxxx.",
            b"\x01\x00\x01\x00\x02\x00.\x00",
        ];
        for sample in samples {
            let chunk = u64::from_le_bytes(*sample);
            for byte in [b'.', 0, 1, 0x80, 0xff, b'x'] {
                let marks = bytes_equal(chunk, byte);
                let first = sample.iter().position(|&b| b == byte);
                let marked = (marks != 0).then(|| (marks.trailing_zeros() / 8) as usize);
                assert_eq!(marked, first, "{sample:?} {byte}");
            }
        }
    }
}
