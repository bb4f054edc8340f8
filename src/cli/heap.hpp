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

}  // namespace booklet::cli
