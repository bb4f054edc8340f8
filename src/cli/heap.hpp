// How the booklet process asks the kernel for memory.
//
// The program is linked with tcmalloc (gperftools, Debian's libtcmalloc-minimal4)
// unless it is built with the sanitizers: a `watch` rebuild runs the PDF writer and
// the EPUB writer on two threads that allocate and free hundreds of thousands of
// small blocks, and glibc's malloc held to one arena (below) made them queue for its
// lock: a rebuild of the corpus took 0.135 s with it, 0.112 s with tcmalloc's
// per-thread caches and 0.122 s with glibc's eight arenas (interleaved, 28 rebuilds
// each, bench/README.md); one-shot builds are as fast (0.27 / 0.29 s, peak 106 / 96
// MB). tcmalloc gets huge pages from the kernel where transparent huge pages are
// "always" (Debian's default), not where they are "madvise". prepare_heap tunes
// glibc's malloc for the builds without tcmalloc; main() calls it only there.
#pragma once

namespace booklet::cli {

// Called first in main(), before the build allocates. A build touches a few hundred
// megabytes of fresh heap, and on the virtual machines booklet runs on (CI, the
// benchmarks) each first touch of a 4 KiB page is a fault costing about 10 µs:
// 0.3–0.6 s of a 1.6 s corpus build went to faults, more than to line breaking.
// Transparent huge pages cut the faults 512-fold. This reserves address space at
// the top of the heap, marks it for huge pages (madvise; the system's
// transparent_hugepage setting decides) and keeps every thread in that heap and
// the heap from being handed back mid-build: glibc's `glibc.malloc.hugetlb=1`
// tunable, which can only be set from the environment, done from inside. Memory is
// still committed only as it is touched. Does nothing where the C library is not
// glibc or the heap is not its own (sanitizers, valgrind).
void prepare_heap();

}  // namespace booklet::cli
