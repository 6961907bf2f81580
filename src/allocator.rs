//! How a build asks mimalloc, the program's allocator (see `main.rs`), to hold and
//! give back memory. Setting these options does nothing for a program that
//! allocates with something else (the tests, the fuzz targets).
//!
//! Two of mimalloc's defaults hold far more memory than a build uses:
//! - It commits the whole of each arena it reserves up front (`arena_eager_commit`),
//!   which roughly doubles a build's resident memory. [`configure`] turns that off:
//!   memory is committed as it is used.
//! - It keeps freed memory for a second (`purge_delay`, 1,000 ms in mimalloc 3)
//!   before handing it back, so a small build's peak holds much of what it freed
//!   on the way.
//!
//! Handing memory back early has a price: what a build frees it mostly allocates
//! again for the next page, and each page of memory handed back costs a fault
//! (and zeroing) when it is touched again. A small build frees little that comes
//! back, and a short delay takes about a sixth off its peak. A large one renders
//! page after page for seconds, and there a 10 ms delay made about 650,000 faults
//! at 50,000 partners, against about 270,000 with a second: about 0.8 s of the
//! kernel's 3 s in the build. So the delay follows the size of the site
//! ([`purge_delay_ms`]): about a tenth of the time a build of that size takes,
//! once the content is loaded and its size known ([`fit_to_site`]).

use std::os::raw::c_long;

/// `mi_option_arena_eager_commit` and `mi_option_purge_delay` in mimalloc.h, which
/// libmimalloc-sys does not name.
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Purge delay before the size of the site is known, and the shortest.
const SHORTEST_DELAY_MS: c_long = 10;
/// mimalloc's own default, and the longest.
const LONGEST_DELAY_MS: c_long = 1_000;

/// Sets the options a build starts with. Safe to call before the first allocation
/// (mimalloc reads options without allocating), which is where `main.rs` calls it.
pub fn configure() {
    set(ARENA_EAGER_COMMIT, 0);
    set(PURGE_DELAY, SHORTEST_DELAY_MS);
}

/// Sets the purge delay for a site of `documents` documents.
pub fn fit_to_site(documents: usize) {
    set(PURGE_DELAY, purge_delay_ms(documents));
}

/// A build takes about 0.2 ms a document (see the Speed section of README.md);
/// memory is kept for about a tenth of that time, 20 ms per 1,000 documents, from
/// [`SHORTEST_DELAY_MS`] to [`LONGEST_DELAY_MS`].
fn purge_delay_ms(documents: usize) -> c_long {
    let delay = c_long::try_from(documents / 50).unwrap_or(LONGEST_DELAY_MS);
    delay.clamp(SHORTEST_DELAY_MS, LONGEST_DELAY_MS)
}

fn set(option: libmimalloc_sys::mi_option_t, value: c_long) {
    // SAFETY: sets one integer option, by its index in mimalloc.h. mimalloc reads
    // its options when it next purges, and a write races with no reader that
    // would be hurt by either value.
    unsafe { libmimalloc_sys::mi_option_set(option, value) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_grows_with_the_site_between_its_bounds() {
        assert_eq!(purge_delay_ms(0), SHORTEST_DELAY_MS);
        assert_eq!(purge_delay_ms(50), SHORTEST_DELAY_MS);
        assert_eq!(purge_delay_ms(1_000), 20);
        assert_eq!(purge_delay_ms(10_000), 200);
        assert_eq!(purge_delay_ms(50_000), LONGEST_DELAY_MS);
        assert_eq!(purge_delay_ms(usize::MAX), LONGEST_DELAY_MS);
    }
}
