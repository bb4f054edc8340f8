// Work shared out over a few threads, with the same outcome on any number.
#pragma once

#include <cstddef>
#include <functional>

namespace booklet {

// Calls fn(i) for every i in [0, n) on up to `threads` threads (the calling one
// among them), each taking the next index not yet taken; fn must write only what
// belongs to its index. When calls throw, no further index is taken, and once all
// threads stop the exception of the lowest index that threw is rethrown: indices
// are taken in order, so that is the same call whatever the scheduling.
void for_each_index(std::size_t n, int threads, const std::function<void(std::size_t)>& fn);

}  // namespace booklet
