// What a build no longer needs but has not freed yet: `booklet watch` hands the
// large values a rebuild is done with (the citations once laid out, the PDF
// writer's libharu document, the laid-out book, the model) to a ReleaseLater and
// frees them once the rebuild's files are written and reported, while it waits for
// the next change. Freed where they fell out of use they took about 19 ms of a
// 0.25 s rebuild of the corpus (libharu's objects 7 ms, the model 4.5, the book 4,
// the citations 3.7), most of it before the files were there; so are what is left
// of the last build's layout passes once this build took its chapters from them
// (layout::Settings::leftovers). A single build passes none and frees as it goes.
// Work that can wait as long, but not past the next build, is handed over too
// (then): the items a session's book holds of the layout it keeps go back to it.
//
// Thread-safe: the PDF writer hands over from its own thread.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <type_traits>
#include <utility>
#include <vector>

namespace booklet {

class ReleaseLater {
public:
    // Keeps `value` (moved) until release().
    template <class T>
    void hand(T&& value) {
        auto held = std::make_shared<std::decay_t<T>>(std::forward<T>(value));
        then([held = std::move(held)]() mutable { held.reset(); });
    }

    // Runs `work` at release(), in turn with the freeing: what can wait till the
    // files are written but must be done before the next build.
    void then(std::function<void()> work) {
        const std::lock_guard lock(mutex_);
        held_.push_back(std::move(work));
    }

    // Frees everything handed over and does the work, on the calling thread.
    void release() {
        std::vector<std::function<void()>> held;
        {
            const std::lock_guard lock(mutex_);
            held.swap(held_);
        }
        // In the order handed over, as they would have been freed.
        for (auto& work : held) {
            work();
            work = nullptr;
        }
    }

    std::size_t size() const {
        const std::lock_guard lock(mutex_);
        return held_.size();
    }

    ~ReleaseLater() { release(); }

private:
    mutable std::mutex mutex_;
    std::vector<std::function<void()>> held_;
};

// Hands `value` to `later`, or frees it now when there is none.
template <class T>
void release_later(ReleaseLater* later, T&& value) {
    if (later) {
        later->hand(std::forward<T>(value));
    } else {
        const std::decay_t<T> gone(std::forward<T>(value));  // freed here
    }
}

}  // namespace booklet
