//! Byte tests eight at a time ("SWAR": SIMD within a register), for the word tables and the
//! tokenizer that look at words eight bytes at a time.

/// `byte` repeated in every byte of a `u64`.
pub(crate) const fn splat(byte: u8) -> u64 {
    (byte as u64) * 0x0101_0101_0101_0101
}

/// The high bit of every byte of a `u64`.
pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
