//! The allocator `icpc` ships with, and its one setting, in a crate of its own so that the
//! binary, the benchmarks and the profiling examples of every crate run with the same one.
//! Each program names it itself:
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOC: icp_alloc::Mimalloc = icp_alloc::Mimalloc;
//!
//! fn main() {
//!     icp_alloc::keep_freed_pages();
//! }
//! ```
//!
//! Architecture invariant: this crate depends on no other crate of the workspace, so any crate
//! may use it without an arrow running up.

/// mimalloc, asked for plain blocks whenever those are aligned enough.
///
/// The `mimalloc` crate passes every request to `mi_malloc_aligned`, whose fast path covers only
/// blocks under 1 KiB: a larger `Vec` (tokens, statements, a block's criteria) would take the
/// slower, over-allocating path (see `docs/benchmarks.md`, Allocator). `mi_malloc`
/// returns blocks aligned to 16 bytes (8 for blocks under 16 bytes), so a request whose
/// alignment is at most that and at most its size needs nothing more: the same rule the
/// standard library's system allocator follows.
pub struct Mimalloc;

/// The alignment every `mi_malloc` block of at least this size has (mimalloc's `MI_MAX_ALIGN_SIZE`).
const PLAIN_ALIGN: usize = 16;

fn plain(align: usize, size: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

// SAFETY: each method forwards to the mimalloc function for the same operation; the aligned
// variants are used whenever a plain block might not be aligned enough, and every block,
// however obtained, is freed with `mi_free`, which accepts both.
#[allow(unsafe_code)]
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: see the impl.
        unsafe {
            if plain(layout.align(), layout.size()) {
                libmimalloc_sys::mi_malloc(layout.size()).cast()
            } else {
                libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: see the impl.
        unsafe {
            if plain(layout.align(), layout.size()) {
                libmimalloc_sys::mi_zalloc(layout.size()).cast()
            } else {
                libmimalloc_sys::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: see the impl.
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        // SAFETY: see the impl.
        unsafe {
            if plain(layout.align(), new_size) {
                libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast()
            } else {
                libmimalloc_sys::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

/// mimalloc's `mi_option_purge_delay` (mimalloc.h; the sys crate does not name it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed pages go back to the OS after a second instead of 10 ms: an analysis frees its
/// tokens and builds the model right after, and would otherwise fault those pages in again
/// (the cost is in `docs/benchmarks.md`, Allocator). `MIMALLOC_PURGE_DELAY` in the
/// environment still wins.
#[allow(unsafe_code)]
pub fn keep_freed_pages() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: sets a plain integer option; mimalloc reads options at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1000) };
}
