//! Byte tests eight at a time ("SWAR": SIMD within a register), for the scanners that pass
//! over long runs of ordinary text looking for a few bytes (JSON escapes, CSV quotes), and
//! that hash and compare words in any ASCII case (the lexicon's tables, resolve's surnames).

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

/// The high bit of each byte of `chunk` that is an ASCII capital ('A'..='Z'), nothing else.
pub(crate) const fn ascii_upper_bits(chunk: u64) -> u64 {
    let low7 = chunk & !HIGH_BITS;
    // Adding to a 7-bit value never carries into the next byte: the high bit of each sum
    // says whether the byte reached 'A', and whether it went past 'Z'.
    let from_a = low7.wrapping_add(splat(0x80 - b'A'));
    let past_z = low7.wrapping_add(splat(0x80 - b'Z' - 1));
    from_a & !past_z & !chunk & HIGH_BITS
}

/// `chunk` with its ASCII capitals lower-cased; other bytes are kept.
#[inline]
pub(crate) const fn fold_ascii(chunk: u64) -> u64 {
    chunk | (ascii_upper_bits(chunk) >> 2)
}

/// The (up to) eight bytes of `bytes` from `at`, little-endian, zero-padded past the end: a
/// short word is read in at most three loads, not byte by byte.
#[inline]
pub(crate) fn load_chunk(bytes: &[u8], at: usize) -> u64 {
    let rest = bytes.get(at..).unwrap_or(&[]);
    if let Some(head) = rest.first_chunk::<8>() {
        return u64::from_le_bytes(*head);
    }
    let mut chunk = 0u64;
    let mut done = 0;
    if let Some(head) = rest.first_chunk::<4>() {
        chunk = u64::from(u32::from_le_bytes(*head));
        done = 4;
    }
    let rest2 = rest.get(done..).unwrap_or(&[]);
    if let Some(head) = rest2.first_chunk::<2>() {
        chunk |= u64::from(u16::from_le_bytes(*head)) << (8 * done);
        done += 2;
    }
    if let Some(&last) = rest.get(done) {
        chunk |= u64::from(last) << (8 * done);
    }
    chunk
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

    #[test]
    fn ascii_folding_lower_cases_capitals_only() {
        // Every byte at every position, among the bytes around 'A'..='Z'.
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"@AZ[`az{";
                bytes[at] = b;
                let chunk = u64::from_le_bytes(bytes);
                let expected = u64::from_le_bytes(bytes.map(|c| c.to_ascii_lowercase()));
                assert_eq!(fold_ascii(chunk), expected, "{bytes:?}");
            }
        }
    }

    #[test]
    fn chunks_are_zero_padded() {
        let bytes: Vec<u8> = (1..=20).collect();
        for len in 0..=20 {
            for at in 0..=len {
                let mut expected = [0u8; 8];
                for (k, slot) in expected.iter_mut().enumerate() {
                    *slot = bytes[..len].get(at + k).copied().unwrap_or(0);
                }
                assert_eq!(load_chunk(&bytes[..len], at), u64::from_le_bytes(expected));
            }
        }
    }
}
