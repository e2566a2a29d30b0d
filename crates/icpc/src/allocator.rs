// The allocator `icpc` ships with, and its one setting. `main.rs` declares this file as a module;
// the benchmarks and the `phases` example `include!` it, so their figures are those of the binary.

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (mimalloc.h; the sys crate does not name it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed pages go back to the OS after a second instead of 10 ms: an analysis frees its
/// tokens and builds the model right after, and faulting those pages in again cost about a
/// fifth of the analysis. `MIMALLOC_PURGE_DELAY` in the environment still wins.
#[allow(unsafe_code)]
pub fn keep_freed_pages() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: sets a plain integer option; mimalloc reads options at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1000) };
}
