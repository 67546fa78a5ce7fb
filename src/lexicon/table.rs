//! The lexicon's lookup tables: words hashed and compared eight bytes at a time in any case
//! without a lower-case copy ([`WordTable`]), the token facts of short ASCII words
//! ([`ShortLexTable`]), and the bitset of the first words of outlet aliases.

use crate::swar::{ascii_upper_bits, fold_ascii, load_chunk, splat, HIGH_BITS};

use super::Lex;

/// `word` in lower case, copied only when it has upper-case letters (lookups are hot); short
/// ASCII words are lower-cased on the stack, eight bytes at a time.
#[inline]
pub fn lower(word: &str) -> Lower<'_> {
    let bytes = word.as_bytes();
    if bytes.len() <= 8 {
        let chunk = load_chunk(bytes, 0);
        if chunk & HIGH_BITS == 0 {
            let upper = ascii_upper_bits(chunk);
            if upper == 0 {
                return Lower::Borrowed(word);
            }
            let mut buf = [0u8; INLINE];
            if let Some(head) = buf.first_chunk_mut::<8>() {
                *head = (chunk | (upper >> 2)).to_le_bytes();
            }
            return Lower::Inline(buf, bytes.len() as u8);
        }
    }
    lower_long(word)
}

/// `lower` for words longer than 8 bytes or not ASCII.
#[inline(never)]
pub(super) fn lower_long(word: &str) -> Lower<'_> {
    let bytes = word.as_bytes();
    if bytes.len() <= INLINE {
        let mut buf = [0u8; INLINE];
        let mut seen = 0u64;
        let mut upper = 0u64;
        for (at, to) in (0..bytes.len()).step_by(8).zip(buf.chunks_exact_mut(8)) {
            let chunk = load_chunk(bytes, at);
            seen |= chunk;
            let upper_here = ascii_upper_bits(chunk);
            upper |= upper_here;
            to.copy_from_slice(&(chunk | (upper_here >> 2)).to_le_bytes());
        }
        if seen & HIGH_BITS == 0 {
            return if upper == 0 {
                Lower::Borrowed(word)
            } else {
                Lower::Inline(buf, bytes.len() as u8)
            };
        }
    } else if word.is_ascii() {
        return if bytes.iter().any(u8::is_ascii_uppercase) {
            Lower::Owned(word.to_ascii_lowercase())
        } else {
            Lower::Borrowed(word)
        };
    }
    if word.chars().any(char::is_uppercase) {
        Lower::Owned(word.to_lowercase())
    } else {
        Lower::Borrowed(word)
    }
}

/// The longest word `lower` lower-cases on the stack (a multiple of 8).
pub(super) const INLINE: usize = 32;

/// A hash table from words or phrases to values, for the lexicon lookups: a probe is
/// hashed and compared eight bytes at a time, either as written (`get`) or with its ASCII
/// letters lower-cased on the fly (`get_any_case`), so no lower-case copy is made. Most
/// words fit in one chunk, which the slot itself holds: one compare per probe.
#[derive(Debug, Clone)]
pub(super) struct WordTable<V> {
    /// Open-addressing slots, probed linearly; at most half are used.
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`: the hash is shifted right by this to pick a slot.
    shift: u32,
    /// The chunks after the first of the keys longer than 8 bytes, back to back.
    tails: Vec<u64>,
    /// For each key, where its chunks after the first start in `tails`.
    tail_starts: Vec<u32>,
    /// The value of each key.
    values: Vec<V>,
    /// Byte length of the longest key: longer probes cannot be found.
    longest: usize,
}

/// One slot of a `WordTable`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot {
    /// The key's first 8 bytes, little-endian, zero-padded.
    head: u64,
    /// The key's byte length; `EMPTY_SLOT` for a slot without a key.
    len: u32,
    /// The key's index in `values` and `tail_starts`.
    item: u32,
}

impl<V> Default for WordTable<V> {
    fn default() -> Self {
        WordTable {
            slots: Vec::new(),
            shift: 64,
            tails: Vec::new(),
            tail_starts: Vec::new(),
            values: Vec::new(),
            longest: 0,
        }
    }
}

/// The `len` of a slot without a key.
pub(super) const EMPTY_SLOT: u32 = u32::MAX;

/// A slot without a key.
pub(super) const NO_KEY: Slot = Slot {
    head: 0,
    len: EMPTY_SLOT,
    item: 0,
};

/// The token facts of the keys of up to 8 bytes, probed with words that hold no zero byte
/// (ASCII letter-and-digit runs): such a probe, zero-padded to 8 bytes, equals the padded
/// key exactly when the two are the same word, so a slot holds just the padded key and the
/// facts, and a zero key marks an empty slot.
#[derive(Debug, Clone, Default)]
pub(super) struct ShortLexTable {
    /// Open-addressing slots, probed linearly; at most a quarter are used.
    slots: Vec<(u64, Lex)>,
    /// `64 - log2(slots.len())`: the hash is shifted right by this to pick a slot.
    shift: u32,
}

impl ShortLexTable {
    /// A table of these distinct keys and their facts; longer keys and keys whose padded
    /// bytes are all zero (which no probe can equal) are left out.
    pub(super) fn new<'k>(entries: impl IntoIterator<Item = (&'k str, Lex)>) -> ShortLexTable {
        let keys: Vec<(u64, Lex)> = entries
            .into_iter()
            .filter(|(key, _)| key.len() <= 8)
            .map(|(key, lex)| (load_chunk(key.as_bytes(), 0), lex))
            .filter(|&(head, _)| head != 0)
            .collect();
        let size = (keys.len() * 4).next_power_of_two().max(8);
        let mut slots = vec![(0, Lex::NONE); size];
        let shift = 64 - size.trailing_zeros();
        for (head, lex) in keys {
            let mut at = (fold_ascii(head).wrapping_mul(HASH_SEED) >> shift) as usize;
            while slots[at].0 != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = (head, lex);
        }
        ShortLexTable { slots, shift }
    }

    /// The facts of the word whose bytes, lower-cased and zero-padded, are `head`: a word of
    /// 1 to 8 bytes with no zero byte. `Lex::NONE` when no key is that word.
    #[inline]
    pub(super) fn get(&self, head: u64) -> Lex {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = (head.wrapping_mul(HASH_SEED) >> self.shift) as usize;
        while let Some(&(key, lex)) = self.slots.get(at) {
            if key == head {
                return lex;
            }
            if key == 0 {
                break;
            }
            at = (at + 1) & mask;
        }
        Lex::NONE
    }
}

/// Multiplier of the hash (the one FxHash uses).
pub(super) const HASH_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Folds one more (case-folded) chunk into a hash.
#[inline]
pub(super) fn mix(hash: u64, chunk: u64) -> u64 {
    (hash.rotate_left(23) ^ chunk).wrapping_mul(HASH_SEED)
}

/// An ASCII word of 1 to 16 bytes as [`WordTable`] keys hold it: its bytes with capitals
/// lower-cased, in one zero-padded chunk or two.
#[derive(Debug, Clone, Copy)]
pub(super) enum FoldedWord {
    /// A word of 1 to 8 bytes.
    One(u64),
    /// A word of 9 to 16 bytes: its first eight bytes, then the rest.
    Two(u64, u64),
}

impl FoldedWord {
    /// The word of `len` bytes at the start of `from`, read in one or two whole 8-byte loads;
    /// None when it is longer than 16 bytes, not all ASCII, or `from` has fewer than 8 (or 16)
    /// bytes to load.
    #[inline(always)]
    pub(super) fn read(from: &[u8], len: usize) -> Option<FoldedWord> {
        if (1..=8).contains(&len) {
            let head = u64::from_le_bytes(*from.first_chunk::<8>()?) & (u64::MAX >> (64 - 8 * len));
            (head & HIGH_BITS == 0).then(|| FoldedWord::One(fold_ascii(head)))
        } else if (9..=16).contains(&len) {
            let head = u64::from_le_bytes(*from.first_chunk::<8>()?);
            let tail = from.get(8..).and_then(<[u8]>::first_chunk::<8>)?;
            let tail = u64::from_le_bytes(*tail) & (u64::MAX >> (128 - 8 * len));
            ((head | tail) & HIGH_BITS == 0)
                .then(|| FoldedWord::Two(fold_ascii(head), fold_ascii(tail)))
        } else {
            None
        }
    }
}

impl<V> WordTable<V> {
    /// A table of these distinct keys and their values.
    pub(super) fn new<'k>(entries: impl IntoIterator<Item = (&'k str, V)>) -> WordTable<V> {
        let entries = entries.into_iter();
        // Maps and sets tell their length: the vectors are sized once.
        let count = entries.size_hint().0;
        let mut table = WordTable {
            tail_starts: Vec::with_capacity(count),
            values: Vec::with_capacity(count),
            ..WordTable::default()
        };
        let mut keys = Vec::with_capacity(count);
        for (key, value) in entries {
            let bytes = key.as_bytes();
            if bytes.len() >= EMPTY_SLOT as usize {
                continue;
            }
            table.tail_starts.push(table.tails.len() as u32);
            table
                .tails
                .extend((8..bytes.len()).step_by(8).map(|at| load_chunk(bytes, at)));
            let mut hash = fold_ascii(load_chunk(bytes, 0)).wrapping_mul(HASH_SEED);
            for at in (8..bytes.len()).step_by(8) {
                hash = mix(hash, fold_ascii(load_chunk(bytes, at)));
            }
            keys.push((
                hash,
                Slot {
                    head: load_chunk(bytes, 0),
                    len: bytes.len() as u32,
                    item: table.values.len() as u32,
                },
            ));
            table.values.push(value);
            table.longest = table.longest.max(bytes.len());
        }
        // At most a quarter of the slots are used, so a miss mostly ends at the first probe.
        let size = (keys.len() * 4).next_power_of_two().max(8);
        table.shift = 64 - size.trailing_zeros();
        table.slots = vec![NO_KEY; size];
        for (hash, key) in keys {
            let mut slot = (hash >> table.shift) as usize;
            while table.slots[slot].len != EMPTY_SLOT {
                slot = (slot + 1) & (size - 1);
            }
            table.slots[slot] = key;
        }
        table
    }

    /// The value of the key of `len` bytes with this hash whose first chunk is `head` and
    /// whose further chunks (if `len` > 8) satisfy `tail_matches(tails)`.
    #[inline]
    pub(super) fn probe(
        &self,
        hash: u64,
        head: u64,
        len: usize,
        tail_matches: impl Fn(&[u64]) -> bool,
    ) -> Option<&V> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = (hash >> self.shift) as usize;
        loop {
            let slot = self.slots.get(at)?;
            if slot.len == EMPTY_SLOT {
                return None;
            }
            if slot.head == head && slot.len as usize == len {
                if len <= 8 {
                    return self.values.get(slot.item as usize);
                }
                let start = *self.tail_starts.get(slot.item as usize)? as usize;
                let tails = self.tails.get(start..start + (len - 1) / 8)?;
                if tail_matches(tails) {
                    return self.values.get(slot.item as usize);
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// The value of the key of `len` (1 to 8) bytes that are `head`, an ASCII chunk already
    /// lower-cased and zero-padded, or the default value.
    #[inline]
    pub(super) fn get_folded(&self, head: u64, len: usize) -> V
    where
        V: Copy + Default,
    {
        self.find_folded(FoldedWord::One(head), len)
            .copied()
            .unwrap_or_default()
    }

    /// `get_folded` for a key of `len` (9 to 16) bytes: `head` then `tail`, both ASCII
    /// chunks already lower-cased and zero-padded.
    #[inline]
    pub(super) fn get_folded_two(&self, head: u64, tail: u64, len: usize) -> V
    where
        V: Copy + Default,
    {
        self.find_folded(FoldedWord::Two(head, tail), len)
            .copied()
            .unwrap_or_default()
    }

    /// The value of the key of `len` bytes that `word` holds (see [`FoldedWord`]), if any.
    #[inline(always)]
    pub(super) fn find_folded(&self, word: FoldedWord, len: usize) -> Option<&V> {
        match word {
            FoldedWord::One(head) => self.probe(head.wrapping_mul(HASH_SEED), head, len, |_| true),
            FoldedWord::Two(head, tail) => {
                if len > self.longest {
                    return None;
                }
                let hash = mix(head.wrapping_mul(HASH_SEED), tail);
                self.probe(hash, head, len, |tails| tails == [tail])
            }
        }
    }

    /// The value of `key`, as written.
    pub(super) fn get(&self, key: &str) -> Option<&V> {
        let bytes = key.as_bytes();
        let len = bytes.len();
        let head = load_chunk(bytes, 0);
        if len <= 8 {
            return self.probe(fold_ascii(head).wrapping_mul(HASH_SEED), head, len, |_| {
                true
            });
        }
        if len > self.longest {
            return None;
        }
        let mut hash = fold_ascii(head).wrapping_mul(HASH_SEED);
        let mut at = 8;
        while at < len {
            hash = mix(hash, fold_ascii(load_chunk(bytes, at)));
            at += 8;
        }
        self.probe(hash, head, len, |tails| {
            let mut at = 8;
            for &tail in tails {
                if tail != load_chunk(bytes, at) {
                    return false;
                }
                at += 8;
            }
            true
        })
    }

    /// The value of `lower(word)`, found without making it.
    #[inline]
    pub(super) fn get_any_case(&self, word: &str) -> Option<&V> {
        let bytes = word.as_bytes();
        if bytes.len() <= 8 {
            let first = load_chunk(bytes, 0);
            if first & HIGH_BITS == 0 {
                let head = fold_ascii(first);
                return self.probe(head.wrapping_mul(HASH_SEED), head, bytes.len(), |_| true);
            }
        }
        self.get_any_case_long(word)
    }

    /// `get_any_case` for words longer than 8 bytes or not ASCII.
    #[inline(never)]
    pub(super) fn get_any_case_long(&self, word: &str) -> Option<&V> {
        let bytes = word.as_bytes();
        let len = bytes.len();
        // A word whose other characters have no case lower-cases as ASCII does, byte for
        // byte ("Trump’s"), so it is folded on the fly like an ASCII word.
        let lowers_as_ascii = |seen: u64| seen & HIGH_BITS == 0 || lowers_as_ascii(bytes);
        if len <= 8 && lowers_as_ascii(load_chunk(bytes, 0)) {
            let head = fold_ascii(load_chunk(bytes, 0));
            return self.probe(head.wrapping_mul(HASH_SEED), head, len, |_| true);
        }
        if len > 8 && len <= self.longest {
            let first = load_chunk(bytes, 0);
            let mut seen = first;
            let head = fold_ascii(first);
            let mut hash = head.wrapping_mul(HASH_SEED);
            let mut at = 8;
            while at < len {
                let chunk = load_chunk(bytes, at);
                seen |= chunk;
                hash = mix(hash, fold_ascii(chunk));
                at += 8;
            }
            if lowers_as_ascii(seen) {
                return self.probe(hash, head, len, |tails| {
                    let mut at = 8;
                    for &tail in tails {
                        if tail != fold_ascii(load_chunk(bytes, at)) {
                            return false;
                        }
                        at += 8;
                    }
                    true
                });
            }
        } else if len > 8 && lowers_as_ascii(HIGH_BITS) {
            return None;
        }
        // Lower-casing may change the length of a word with other cased characters.
        self.get(&lower(word))
    }
}

/// Does lower-casing the UTF-8 `bytes` change only ASCII capitals? True when every other
/// character is General Punctuation (U+2000 to U+203F: curly quotes, dashes, ellipsis),
/// which has no case, so `lower` of them is their ASCII letters folded in place.
pub(super) fn lowers_as_ascii(bytes: &[u8]) -> bool {
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii() {
            at += 1;
        } else if let [0xE2, 0x80, 0x80..=0xBF, ..] = bytes.get(at..).unwrap_or(&[]) {
            at += 3;
        } else {
            return false;
        }
    }
    true
}

/// A lower-cased word: the original, a stack copy or a heap copy.
#[derive(Debug, Clone)]
pub enum Lower<'a> {
    /// The word had no upper-case letters.
    Borrowed(&'a str),
    /// A short ASCII word, lower-cased: the bytes and their length.
    Inline([u8; INLINE], u8),
    /// A longer or non-ASCII word, lower-cased.
    Owned(String),
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Lower::Borrowed(word) => word,
            Lower::Inline(buf, len) => {
                let bytes = buf.get(..*len as usize).unwrap_or(&[]);
                // SAFETY: `lower` stores only lower-cased ASCII bytes inline, and ASCII is UTF-8.
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
            Lower::Owned(word) => word,
        }
    }
}

impl Lower<'_> {
    /// The lower-cased word.
    pub fn as_str(&self) -> &str {
        self
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Lower<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl AsRef<str> for Lower<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

/// The run of ASCII letters and digits that starts `text`, when it is a whole word start:
/// not empty and followed by the end of `text`, an ASCII character that is neither letter
/// nor digit, or a curly apostrophe ("Trump’s", see [`ends_lead`]). Words split only between
/// such a run and what follows it, so an outlet alias that matches text starting at a word
/// has the same lead as that text.
pub fn outlet_lead(text: &str) -> Option<&str> {
    let run = alphanumeric_run(text.as_bytes());
    let after = text.as_bytes().get(run..).unwrap_or(&[]);
    (run > 0 && ends_lead(after)).then(|| &text[..run])
}

/// The UTF-8 bytes of the curly apostrophe (right single quotation mark, U+2019).
const CURLY_APOSTROPHE: &[u8] = "\u{2019}".as_bytes();

/// Does a run of ASCII letters and digits followed by `rest` end a lead (see
/// [`outlet_lead`])? Yes before the end of the text, an ASCII character (which no letter or
/// digit run continues), or a curly apostrophe ("Trump’s", "I’m"): neither a letter nor
/// white space, so the alias lookup keeps it as written, as it keeps "'". No before another
/// non-ASCII character, which may continue the word ("Süddeutsche") or be white space.
#[inline(always)]
pub(crate) fn ends_lead(rest: &[u8]) -> bool {
    match rest.first() {
        None => true,
        Some(b) if b.is_ascii() => true,
        Some(_) => rest.starts_with(CURLY_APOSTROPHE),
    }
}

/// How many `u64` words the outlet lead bitset has (a power of two).
pub(super) const LEAD_WORDS: usize = 256;

/// The bit of a lead of `len` bytes whose first eight bytes (zero-padded past `len`, see
/// [`load_chunk`]) are `head`, in the outlet lead bitset; bytes of `head` past `len` are ignored.
#[inline]
pub(super) fn lead_bit(head: u64, len: usize) -> usize {
    let kept = if len >= 8 {
        head
    } else {
        head & ((1u64 << (len * 8)) - 1)
    };
    let hash = (kept ^ len as u64).wrapping_mul(HASH_SEED);
    (hash >> (64 - (LEAD_WORDS * 64).trailing_zeros())) as usize
}

/// The high bit of each byte of `chunk` that is not an ASCII letter or digit (exactly: every
/// byte is tested alone, no carry crosses bytes).
#[inline]
pub(super) const fn non_alphanumeric_bytes(chunk: u64) -> u64 {
    let low = chunk & !HIGH_BITS;
    // Each byte below 0x80 plus at most 0x50 stays below 0x100: no carry into the next byte.
    let digit = low.wrapping_add(splat(0x80 - b'0')) & !low.wrapping_add(splat(0x80 - b'9' - 1));
    // Setting bit 0x20 maps 'A'..='Z' onto 'a'..='z' and no other byte into that range.
    let folded = low | splat(0x20);
    let letter =
        folded.wrapping_add(splat(0x80 - b'a')) & !folded.wrapping_add(splat(0x80 - b'z' - 1));
    (!(digit | letter) & HIGH_BITS) | (chunk & HIGH_BITS)
}

/// The length of the run of ASCII letters and digits that starts `bytes`.
#[inline]
pub fn alphanumeric_run(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
        let stops = non_alphanumeric_bytes(u64::from_le_bytes(*chunk));
        if stops != 0 {
            return at + (stops.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let rest = bytes.get(at..).unwrap_or(&[]);
    at + rest
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len())
}
