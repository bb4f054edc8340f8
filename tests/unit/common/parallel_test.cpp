#include "booklet/parallel.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using booklet::for_each_index;

TEST_CASE("for_each_index calls every index once, on any number of threads") {
    for (int threads : {1, 2, 5}) {
        std::vector<std::atomic<int>> calls(1000);
        for_each_index(calls.size(), threads, [&](std::size_t i) { ++calls[i]; });
        for (const auto& c : calls) REQUIRE(c == 1);
    }
    bool called = false;
    for_each_index(0, 2, [&](std::size_t) { called = true; });
    CHECK_FALSE(called);
}

TEST_CASE("for_each_index rethrows the failure of the lowest index, whatever the scheduling") {
    for (int run = 0; run < 20; ++run) {
        try {
            for_each_index(200, 3, [](std::size_t i) {
                if (i == 37 || i == 38 || i == 150) throw std::runtime_error("index " + std::to_string(i));
            });
            FAIL("nothing thrown");
        } catch (const std::runtime_error& e) {
            CHECK(std::string(e.what()) == "index 37");
        }
    }
}

TEST_CASE("for_each_index shares the work with helper threads it keeps from call to call") {
    // Each thread counts the calls it worked on; a thread made for one call would
    // count one. Each index takes a millisecond, long enough for a helper to join.
    std::mutex lock;
    std::size_t most_calls_of_a_helper = 0;
    const std::thread::id caller = std::this_thread::get_id();
    for (int call = 0; call < 10; ++call) {
        std::set<std::thread::id> seen;
        for_each_index(40, 2, [&](std::size_t) {
            thread_local int last_call = -1;
            thread_local std::size_t calls = 0;
            if (last_call != call) last_call = call, ++calls;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            const std::lock_guard<std::mutex> hold(lock);
            seen.insert(std::this_thread::get_id());
            if (std::this_thread::get_id() != caller) most_calls_of_a_helper = std::max(most_calls_of_a_helper, calls);
        });
        CHECK(seen.size() == 2);
    }
    CHECK(most_calls_of_a_helper >= 2);
}

TEST_CASE("for_each_index calls inside calls and from several threads at once all finish") {
    std::vector<std::atomic<int>> calls(8 * 50);
    const auto nested = [&](std::size_t outer) {
        for_each_index(50, 3, [&](std::size_t inner) { ++calls[outer * 50 + inner]; });
    };
    std::vector<std::thread> callers;
    for (int c = 0; c < 2; ++c)
        callers.emplace_back([&, c] { for_each_index(4, 2, [&](std::size_t i) { nested(static_cast<std::size_t>(c) * 4 + i); }); });
    for (auto& t : callers) t.join();
    for (const auto& n : calls) REQUIRE(n == 1);
}
