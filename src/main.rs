//! The `newsfacts` binary: parse arguments, run, map the outcome to an exit code
//! (0 all documents succeeded, 1 some failed, 2 usage or configuration error).

use clap::Parser;
use newsfacts::cli::Cli;
use std::process::ExitCode;

mod app;

/// mimalloc: the extractor allocates and frees many small strings per document, and
/// text runs take about 12% less CPU with it than with glibc's malloc (BENCHMARKS.md).
#[global_allocator]
static ALLOC: Mimalloc = Mimalloc;

/// [`mimalloc::MiMalloc`], except that it asks `mi_malloc` (not `mi_malloc_aligned`)
/// for the blocks whose alignment every mimalloc block of their size has: a block of
/// 16 bytes or more is 16-aligned, a smaller one aligned to its size class, so an
/// alignment of at most 16 and at most the size needs nothing more. That is nearly
/// every allocation the program makes, and the aligned entry point's extra checks
/// cost 6.4 M instructions of a 925 M run on 1,800 documents (2.9 M of them at
/// start-up). It is the test the mimalloc crate made before it sent everything to
/// `mi_malloc_aligned`.
struct Mimalloc;

/// The largest alignment `mi_malloc` gives every block (`MI_MAX_ALIGN_SIZE`).
const MI_MAX_ALIGN_SIZE: usize = 16;

/// Whether `mi_malloc` alone gives a block of `size` bytes `align`ed.
fn plain(align: usize, size: usize) -> bool {
    align <= MI_MAX_ALIGN_SIZE && align <= size
}

// SAFETY: every block comes from mimalloc, aligned as asked (see `plain`), and goes
// back to it through `mi_free` or `mi_realloc`, which take any mimalloc block.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            libmimalloc_sys::mi_malloc(layout.size()).cast()
        } else {
            mimalloc::MiMalloc.alloc(layout)
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            libmimalloc_sys::mi_zalloc(layout.size()).cast()
        } else {
            mimalloc::MiMalloc.alloc_zeroed(layout)
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        mimalloc::MiMalloc.dealloc(ptr, layout)
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, size: usize) -> *mut u8 {
        if plain(layout.align(), size) {
            libmimalloc_sys::mi_realloc(ptr.cast(), size).cast()
        } else {
            mimalloc::MiMalloc.realloc(ptr, layout, size)
        }
    }
}

/// Turns transparent huge pages off for the per-document memory: zeroing a 2 MiB page
/// per fault cost HTML runs a fifth more CPU (system time 0.08 -> 0.5 s on 100 MB) than
/// the larger pages saved. (mimalloc, built with `no_thp`, no longer asks for them
/// either; this also covers a system set to give them to every mapping.) The dictionary
/// tables that ask for huge pages themselves (`gazetteer::huge`) keep them where the
/// kernel can tell the two apart (Linux 6.18: `PR_THP_DISABLE_EXCEPT_ADVISED`); on older
/// kernels that flag is refused and all of the process goes without.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE only sets a flag of this process.
    unsafe {
        /// `PR_THP_DISABLE_EXCEPT_ADVISED` (linux/prctl.h, 6.18; not yet in `libc`).
        const EXCEPT_ADVISED: libc::c_ulong = 1 << 1;
        if libc::prctl(libc::PR_SET_THP_DISABLE, 1, EXCEPT_ADVISED, 0, 0) != 0 {
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
}

fn main() -> ExitCode {
    no_huge_pages();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match app::run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("newsfacts: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// `newsfacts extract ... | head` closes the pipe early: that is success, not a crash.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::{GlobalAlloc, Layout};

    /// Every block is aligned as asked, zeroed when asked, and keeps its bytes when
    /// it grows or shrinks, on the plain path and the aligned one alike.
    #[test]
    fn blocks_are_aligned_and_keep_their_bytes() {
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 2, 3, 7, 8, 9, 15, 16, 17, 24, 31, 48, 100, 1000, 70_000] {
                let layout = Layout::from_size_align(size.max(align), align).unwrap();
                let n = layout.size();
                // SAFETY: non-zero sizes; each block is freed once, with its layout.
                unsafe {
                    let z = Mimalloc.alloc_zeroed(layout);
                    assert_eq!(z as usize % align, 0, "{layout:?}");
                    assert!((0..n).all(|i| *z.add(i) == 0), "{layout:?}");
                    Mimalloc.dealloc(z, layout);
                    for new in [n / 2 + 1, n * 3] {
                        let p = Mimalloc.alloc(layout);
                        assert_eq!(p as usize % align, 0, "{layout:?}");
                        for i in 0..n {
                            *p.add(i) = i as u8;
                        }
                        let q = Mimalloc.realloc(p, layout, new);
                        assert_eq!(q as usize % align, 0, "{layout:?} -> {new}");
                        assert!((0..new.min(n)).all(|i| *q.add(i) == i as u8), "{layout:?}");
                        Mimalloc.dealloc(q, Layout::from_size_align(new, align).unwrap());
                    }
                }
            }
        }
    }
}
