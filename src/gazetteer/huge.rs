//! Memory in huge pages for the dictionary tables that every text probes at random.
//!
//! A look-up in a table of megabytes is a cache miss, and with 4 KiB pages nearly
//! always a TLB miss too: the tables span thousands of pages, far more than the TLB
//! holds, so each probe also walks the page tables. In 2 MiB pages a table is a few
//! TLB entries. The process keeps transparent huge pages off for the allocator (see
//! `main.rs`: zeroing 2 MiB per fault cost more than it saved on the per-document
//! memory), so these tables map their own memory and ask for huge pages for it alone.
//! Where the system gives none, it is ordinary memory.

use std::ops::{Deref, DerefMut};

/// A huge page.
#[cfg(target_os = "linux")]
const HUGE: usize = 2 << 20;

/// A fixed-length slice of `T` in its own mapping, in huge pages where the system
/// allows (see the module doc).
pub(super) struct HugeSlice<T: Copy> {
    ptr: std::ptr::NonNull<T>,
    len: usize,
    /// The mapping (address, length), or `None` when the elements are a `Vec`'s.
    map: Option<(usize, usize)>,
    /// The capacity of that `Vec`.
    cap: usize,
}

// SAFETY: a HugeSlice owns its elements as a Vec<T> does.
unsafe impl<T: Copy + Send> Send for HugeSlice<T> {}
// SAFETY: shared access only reads, as through &[T].
unsafe impl<T: Copy + Sync> Sync for HugeSlice<T> {}

impl<T: Copy> HugeSlice<T> {
    /// `len` copies of `value`.
    pub(super) fn new(len: usize, value: T) -> HugeSlice<T> {
        #[cfg(target_os = "linux")]
        if let Some(s) = Self::mapped(len, value) {
            return s;
        }
        let mut heap = std::mem::ManuallyDrop::new(vec![value; len]);
        HugeSlice {
            ptr: std::ptr::NonNull::new(heap.as_mut_ptr()).expect("a Vec's pointer is not null"),
            len,
            map: None,
            cap: heap.capacity(),
        }
    }

    /// A copy of `items`.
    pub(super) fn from_slice(items: &[T]) -> HugeSlice<T> {
        let Some(&first) = items.first() else {
            return HugeSlice::default();
        };
        let mut out = HugeSlice::new(items.len(), first);
        out.copy_from_slice(items);
        out
    }

    /// A mapping of its own, aligned to a huge page and advised to use them; `None`
    /// for an empty slice or when the system refuses the mapping.
    #[cfg(target_os = "linux")]
    fn mapped(len: usize, value: T) -> Option<HugeSlice<T>> {
        let bytes = len.checked_mul(std::mem::size_of::<T>())?;
        if bytes == 0 || std::mem::align_of::<T>() > HUGE {
            return None;
        }
        // Room to align the start to a huge page.
        let map_len = bytes.checked_add(HUGE)?;
        // SAFETY: an anonymous private mapping of fresh memory; the result is checked.
        let map = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                map_len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if map == libc::MAP_FAILED {
            return None;
        }
        let start = (map as usize).next_multiple_of(HUGE);
        // SAFETY: `start..start + bytes` lies within the mapping (it has HUGE bytes to
        // spare), and so does the advised range. The advice is a hint: if it fails,
        // the memory is ordinary.
        unsafe {
            libc::madvise(
                start as *mut libc::c_void,
                bytes
                    .next_multiple_of(HUGE)
                    .min(map as usize + map_len - start),
                libc::MADV_HUGEPAGE,
            );
        }
        let ptr = start as *mut T;
        for i in 0..len {
            // SAFETY: element `i` is within the mapping and aligned (the start is
            // aligned to a huge page, and T's alignment divides its size).
            unsafe { ptr.add(i).write(value) };
        }
        Some(HugeSlice {
            ptr: std::ptr::NonNull::new(ptr)?,
            len,
            map: Some((map as usize, map_len)),
            cap: 0,
        })
    }
}

impl<T: Copy> Drop for HugeSlice<T> {
    fn drop(&mut self) {
        match self.map {
            #[cfg(target_os = "linux")]
            // SAFETY: the mapping was made by `mapped`, and nothing borrows it now.
            Some((map, len)) => unsafe {
                libc::munmap(map as *mut libc::c_void, len);
            },
            #[cfg(not(target_os = "linux"))]
            Some(_) => unreachable!("only Linux maps"),
            // SAFETY: the Vec `new` did not drop (or `default`'s empty one), rebuilt
            // from its own pointer, length and capacity.
            None => unsafe {
                drop(Vec::from_raw_parts(self.ptr.as_ptr(), self.len, self.cap));
            },
        }
    }
}

impl<T: Copy> Deref for HugeSlice<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        // SAFETY: `ptr` holds `len` initialised elements, owned by `self`.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }
}

impl<T: Copy> DerefMut for HugeSlice<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: as in `deref`, and `&mut self` is the only access.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

impl<T: Copy> Default for HugeSlice<T> {
    /// No elements.
    fn default() -> Self {
        HugeSlice {
            ptr: std::ptr::NonNull::dangling(),
            len: 0,
            map: None,
            cap: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_its_elements() {
        for len in [0, 1, 1000, (3 << 20) / 24 + 7] {
            let mut s = HugeSlice::new(len, [7u64, 8, 9]);
            assert_eq!(s.len(), len);
            assert!(s.iter().all(|&x| x == [7, 8, 9]));
            if let Some(last) = s.last_mut() {
                *last = [1, 2, 3];
                assert_eq!(s[len - 1], [1, 2, 3]);
            }
        }
        assert!(HugeSlice::<u8>::default().is_empty());
        let items: Vec<u32> = (0..100_000).collect();
        assert_eq!(&HugeSlice::from_slice(&items)[..], &items[..]);
        assert!(HugeSlice::<u32>::from_slice(&[]).is_empty());
    }
}
