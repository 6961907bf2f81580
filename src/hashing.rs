//! Where hash maps get their seeds. Every template value that is a map (tera's
//! `AHashMap`) and every [`crate::FastMap`] asks ahash for a new seed when it is
//! made, and ahash's default source hands them out from one counter shared by all
//! threads: a render makes hundreds of thousands of maps on every thread at once,
//! and the counter's cache line goes back and forth between the cores each time.
//! [`PerThreadSeeds`] keeps a counter per thread instead, moved on the same way
//! (by an address), so maps still get seeds that differ from one to the next.

use std::cell::Cell;

use ahash::random_state::{RandomSource, set_random_source};

/// A seed source with a counter per thread.
struct PerThreadSeeds;

impl RandomSource for PerThreadSeeds {
    fn gen_hasher_seed(&self) -> usize {
        thread_local! {
            static NEXT: Cell<usize> = const { Cell::new(0) };
        }
        NEXT.with(|next| {
            // The counter's own address differs from thread to thread, so two
            // threads do not walk the same sequence.
            let seed = next.get().wrapping_add(next as *const Cell<usize> as usize);
            next.set(seed);
            seed
        })
    }
}

/// Makes [`PerThreadSeeds`] the source of every later map's seed. It must run
/// before the first map is made (`main` calls it first); later, it does nothing.
pub fn configure() {
    // An error means a source was set already, or a map was made before: either
    // way, maps keep working with the source they have.
    let _ = set_random_source(PerThreadSeeds);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_differ_from_one_map_to_the_next_and_between_threads() {
        let here: Vec<usize> = (0..3).map(|_| PerThreadSeeds.gen_hasher_seed()).collect();
        assert!(here[0] != here[1] && here[1] != here[2]);
        let there = std::thread::spawn(|| PerThreadSeeds.gen_hasher_seed())
            .join()
            .expect("thread");
        assert!(!here.contains(&there));
    }
}
