//! The next place where any of a few byte sets occurs in a text, for scanners that move left
//! to right (sentence ends, quotation marks): each set is searched by memchr and its next
//! hit kept until the scan passes it, so the text is searched about once per set, however
//! many paragraphs it is scanned in.

/// Byte sets of one, two or three bytes each, searched over one text (see the module).
#[derive(Debug, Clone)]
pub(crate) struct Stops<'t, const N: usize> {
    /// The whole text.
    bytes: &'t [u8],
    /// The bytes of each set.
    sets: [&'static [u8]; N],
    /// The next hit of each set at or after where it was last searched from (the text's
    /// length once there is none).
    next: [usize; N],
}

impl<'t, const N: usize> Stops<'t, N> {
    /// The hits of `sets` in `bytes` from `from` on.
    pub(crate) fn new(bytes: &'t [u8], sets: [&'static [u8]; N], from: usize) -> Self {
        let mut stops = Stops {
            bytes,
            sets,
            next: [0; N],
        };
        for set in 0..N {
            stops.search(set, from);
        }
        stops
    }

    /// Finds the first hit of set `set` at or after `from`.
    fn search(&mut self, set: usize, from: usize) {
        let rest = self.bytes.get(from..).unwrap_or(&[]);
        let found = match self.sets.get(set).copied().unwrap_or(&[]) {
            &[a] => memchr::memchr(a, rest),
            &[a, b] => memchr::memchr2(a, b, rest),
            &[a, b, c] => memchr::memchr3(a, b, c, rest),
            more => rest.iter().position(|byte| more.contains(byte)),
        };
        if let Some(slot) = self.next.get_mut(set) {
            *slot = found.map_or(self.bytes.len(), |off| from + off);
        }
    }

    /// The first byte of any set at or after `from`, None when there is none. `from` may
    /// only grow from one call to the next for every byte to be found.
    pub(crate) fn next(&mut self, from: usize) -> Option<usize> {
        for set in 0..N {
            if self.next.get(set).is_some_and(|&at| at < from) {
                self.search(set, from);
            }
        }
        let first = self.next.iter().copied().min()?;
        (first < self.bytes.len()).then_some(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_of_the_sets_is_found_in_order() {
        let text = b"a.b?c)d\xe2e!!f)) g.h\xefi";
        let sets: [&'static [u8]; 4] = [b".?!", b")", b"\xe2\xef", b" "];
        let expected: Vec<usize> = (0..text.len())
            .filter(|&i| sets.iter().any(|set| set.contains(&text[i])))
            .collect();
        for from in 0..=text.len() {
            let mut stops = Stops::new(text, sets, from);
            let mut found = Vec::new();
            let mut at = from;
            while let Some(hit) = stops.next(at) {
                found.push(hit);
                at = hit + 1;
            }
            let wanted: Vec<usize> = expected.iter().copied().filter(|&i| i >= from).collect();
            assert_eq!(found, wanted, "from {from}");
        }
    }
}
