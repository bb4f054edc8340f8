// ReleaseLater: what is handed over lives until release(), then goes in the order
// it came; without one, release_later frees at once.
#include "booklet/release_later.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace booklet;

namespace {

// Notes its name in `log` when it is destroyed (a moved-from one says nothing).
class Noisy {
public:
    Noisy(std::string name, std::vector<std::string>& log) : name_(std::move(name)), log_(&log) {}
    Noisy(Noisy&& other) noexcept : name_(std::move(other.name_)), log_(std::exchange(other.log_, nullptr)) {}
    Noisy& operator=(Noisy&&) = delete;
    ~Noisy() {
        if (log_) log_->push_back(name_);
    }

private:
    std::string name_;
    std::vector<std::string>* log_;
};

}  // namespace

TEST_CASE("values handed to a ReleaseLater live until release(), then go in the order they came") {
    std::vector<std::string> freed;
    ReleaseLater later;
    {
        Noisy pass("book", freed);
        Noisy doc("document", freed);
        release_later(&later, std::move(pass));
        release_later(&later, std::move(doc));
    }
    CHECK(freed.empty());
    CHECK(later.size() == 2);
    later.release();
    CHECK(freed == std::vector<std::string>{"book", "document"});
    CHECK(later.size() == 0);
    later.release();  // nothing left: nothing happens
    CHECK(freed.size() == 2);
}

TEST_CASE("without a ReleaseLater a value is freed at once; a ReleaseLater frees what it holds when it ends") {
    std::vector<std::string> freed;
    release_later(nullptr, Noisy("now", freed));
    CHECK(freed == std::vector<std::string>{"now"});
    {
        ReleaseLater later;
        later.hand(Noisy("at the end", freed));
        CHECK(freed.size() == 1);
    }
    CHECK(freed == std::vector<std::string>{"now", "at the end"});
}

TEST_CASE("values may be handed over from several threads at once") {
    ReleaseLater later;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&later] {
            for (int i = 0; i < 1000; ++i) later.hand(std::vector<int>(16, i));
        });
    for (auto& thread : threads) thread.join();
    CHECK(later.size() == 4000);
    later.release();
    CHECK(later.size() == 0);
}
