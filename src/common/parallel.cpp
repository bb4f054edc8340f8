#include "booklet/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace booklet {

namespace {

// One for_each_index call: its indices, taken in order by whoever works on it,
// and what the helpers that joined it are doing.
struct Job {
    Job(std::size_t count, const std::function<void(std::size_t)>& call, std::size_t helper_slots)
        : n(count), fn(call), slots(helper_slots) {}

    const std::size_t n;
    const std::function<void(std::size_t)>& fn;
    std::atomic<std::size_t> next{0};
    std::size_t slots;       // helpers that may still join (guarded by the pool's lock)
    std::size_t active = 0;  // helpers working on it now (ditto)
    std::condition_variable helpers_done;

    std::mutex failure_lock;
    std::size_t failed_at = static_cast<std::size_t>(-1);
    std::exception_ptr failure;

    void work() {
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
    }
};

// Threads kept for the whole run, so that a call does not start and end threads
// of its own: a `watch` rebuild made some twenty calls, each new thread starting
// with an empty allocator cache. A thread joins a job that still wants helpers;
// a caller never waits for a helper to become free (it works through its indices
// itself), so calls from several threads, and calls inside calls, cannot wait on
// each other. The pool grows to as many idle threads as the calls in flight ask
// for, as the threads each call made before did.
class Pool {
public:
    static Pool& instance() {
        static Pool pool;
        return pool;
    }

    void run(Job& job) {
        if (job.slots > 0) {
            std::lock_guard<std::mutex> hold(lock_);
            waiting_.push_back(&job);
            const std::size_t wanted = wanted_helpers();
            try {
                while (idle_ < wanted) start_thread();
            } catch (const std::system_error&) {
                // No thread to be had: the caller works through the indices itself.
            }
            work_posted_.notify_all();
        }
        job.work();
        std::unique_lock<std::mutex> hold(lock_);
        // Every index is taken: no helper may join it now.
        if (job.slots > 0) {
            job.slots = 0;
            waiting_.erase(std::find(waiting_.begin(), waiting_.end(), &job));
        }
        job.helpers_done.wait(hold, [&] { return job.active == 0; });
    }

    ~Pool() {
        {
            std::lock_guard<std::mutex> hold(lock_);
            stopping_ = true;
        }
        work_posted_.notify_all();
        for (auto& t : threads_) t.join();
    }

private:
    Pool() = default;

    std::size_t wanted_helpers() const {
        std::size_t wanted = 0;
        for (const Job* job : waiting_) wanted += job->slots;
        return wanted;
    }

    // With the lock held, so the thread counts as idle before it looks for work.
    void start_thread() {
        threads_.emplace_back([this] { serve(); });
        ++idle_;
    }

    void serve() {
        std::unique_lock<std::mutex> hold(lock_);
        for (;;) {
            work_posted_.wait(hold, [&] { return stopping_ || !waiting_.empty(); });
            if (stopping_) return;
            Job& job = *waiting_.front();
            if (--job.slots == 0) waiting_.pop_front();
            ++job.active;
            --idle_;
            hold.unlock();
            job.work();
            hold.lock();
            ++idle_;
            if (--job.active == 0) job.helpers_done.notify_all();
        }
    }

    std::mutex lock_;
    std::condition_variable work_posted_;
    std::deque<Job*> waiting_;  // jobs with helper slots left, oldest first
    std::vector<std::thread> threads_;
    std::size_t idle_ = 0;      // threads waiting for work (or started to)
    bool stopping_ = false;
};

}  // namespace

void for_each_index(std::size_t n, int threads, const std::function<void(std::size_t)>& fn) {
    const std::size_t workers = std::min<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), n);
    Job job(n, fn, workers > 1 ? workers - 1 : 0);
    if (job.slots == 0) job.work();
    else Pool::instance().run(job);
    if (job.failure) std::rethrow_exception(job.failure);
}

}  // namespace booklet
