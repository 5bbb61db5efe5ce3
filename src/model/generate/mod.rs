//! Synthetic datasets of any size, for benchmarks, demos and tests.
//!
//! The output is a valid dataset (no errors, no warnings) that looks like the
//! hand-written ones: Unicode names in several scripts, actor hierarchies,
//! reporting chains, relations across articles, every claim in an event, dates
//! over several years in every `When` form, and quotes that are verbatim
//! substrings of the paragraphs. The same seed always gives the same bytes.
//! The people and events are fictional.

//!
//! - `corpus.rs`: the word pools (data only);
//! - `cast.rs`: the actors; `text.rs`: dates and sentences;
//! - `generator.rs`: the dataset and annotations; `writer.rs`: the RON writer.
//!
//! The module keeps the name `generate`: `gen` is a reserved word in Rust 2024.

mod cast;
mod corpus;
mod generator;
#[cfg(test)]
mod tests;
mod text;
mod writer;

pub use generator::{generate, generate_annotations};
pub use writer::{to_ron, write_ron};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// At least one article is generated when there are claims.
    pub articles: usize,
    pub claims: usize,
    pub seed: u64,
}

/// A small deterministic PRNG (splitmix64): good enough for test data, and
/// stable across platforms and releases, unlike a library's generator.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// An element of a non-empty slice; `None` for an empty one.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// Picks from a constant, non-empty pool.
pub(super) fn pick<T: Copy>(rng: &mut Rng, pool: &[T], fallback: T) -> T {
    rng.pick(pool).copied().unwrap_or(fallback)
}
