// How the booklet process asks the kernel for memory.
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

// Called while `watch` waits, after a rebuild's leftovers were freed. Those frees
// leave tens of thousands of chunks on glibc's unsorted and fast lists, which the
// next large request sorts into bins: done by the first allocation of the next
// rebuild, that took 2-3 ms of its reading stage (an opendir's buffer). Large
// requests and their frees do the sorting now, while nothing waits for it. Memory
// stays in the heap (nothing is trimmed). Does nothing where prepare_heap does
// nothing.
void settle_heap();

}  // namespace booklet::cli
