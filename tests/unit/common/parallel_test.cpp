#include "booklet/parallel.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <string>
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
