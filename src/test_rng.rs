//! Random test input without a dependency, shared by the unit tests.

/// A xorshift64 generator from `state`: each call steps the state and returns it.
pub(crate) fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}
