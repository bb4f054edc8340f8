#include "booklet/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace booklet {

void for_each_index(std::size_t n, int threads, const std::function<void(std::size_t)>& fn) {
    std::atomic<std::size_t> next{0};
    std::mutex failure_lock;
    std::size_t failed_at = n;
    std::exception_ptr failure;
    const auto work = [&] {
        for (std::size_t i = next++; i < n; i = next++) {
            try {
                fn(i);
            } catch (...) {
                const std::lock_guard<std::mutex> hold(failure_lock);
                if (i < failed_at) failed_at = i, failure = std::current_exception();
                next = n;
                return;
            }
        }
    };
    const std::size_t helpers_wanted = std::min<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), n);
    std::vector<std::thread> helpers;
    for (std::size_t t = 1; t < helpers_wanted; ++t) helpers.emplace_back(work);
    work();
    for (auto& h : helpers) h.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace booklet
