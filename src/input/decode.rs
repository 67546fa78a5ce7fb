//! Bytes to text: UTF-8 with or without a byte-order mark, UTF-16 with one, lossy UTF-8 with
//! a warning naming the first bad byte, and binary files refused.

/// Why bytes could not become text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes hold NUL characters, so they are not a text file.
    #[error("binary data (NUL byte at offset {0}), skipped")]
    Binary(usize),
}

/// Text decoded from bytes, with a warning when bytes had to be replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Set when the bytes were not valid in their encoding.
    pub warning: Option<String>,
}

/// Decodes a file's bytes: UTF-8 (a BOM is dropped), UTF-16 LE/BE with a BOM, or lossy UTF-8.
///
/// Offsets in the output index the decoded text: for UTF-8 input without a BOM and without
/// invalid bytes, that is the file itself; otherwise it is the text after the BOM is dropped
/// and each invalid byte sequence is replaced by U+FFFD.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(decode_utf16(rest, u16::from_le_bytes, "UTF-16LE"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(decode_utf16(rest, u16::from_be_bytes, "UTF-16BE"));
    }
    let body = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest,
        None => &bytes[..],
    };
    if let Some(nul) = memchr::memchr(0, body) {
        return Err(DecodeError::Binary(nul));
    }
    match std::str::from_utf8(body) {
        Ok(_) => {
            let mut bytes = bytes;
            if bytes.starts_with(b"\xEF\xBB\xBF") {
                bytes.drain(..3);
            }
            // Checked just above; the conversion cannot fail.
            let text = String::from_utf8(bytes).unwrap_or_default();
            Ok(Decoded {
                text,
                warning: None,
            })
        }
        Err(err) => {
            let bom = bytes.len() - body.len();
            let warning = format!(
                "invalid UTF-8 at byte {}; invalid bytes were replaced by U+FFFD and offsets \
                 index the decoded text",
                bom + err.valid_up_to()
            );
            Ok(Decoded {
                text: String::from_utf8_lossy(body).into_owned(),
                warning: Some(warning),
            })
        }
    }
}

/// UTF-16 code units to text; unpaired surrogates become U+FFFD with a warning.
fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, name: &str) -> Decoded {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut first_bad = None;
    for (index, decoded) in char::decode_utf16(units).enumerate() {
        match decoded {
            Ok(c) => text.push(c),
            Err(_) => {
                first_bad.get_or_insert(index);
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    let odd = bytes.len() % 2 == 1;
    let warning = match (first_bad, odd) {
        (Some(unit), _) => Some(format!(
            "invalid {name} (unpaired surrogate at code unit {unit}); replaced by U+FFFD"
        )),
        (None, true) => Some(format!(
            "{name} input has an odd number of bytes; the last byte was dropped"
        )),
        (None, false) => None,
    };
    Decoded { text, warning }
}
