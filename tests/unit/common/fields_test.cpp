// booklet/fields.hpp: the fields of an aggregate as the compiler finds them.
#include "booklet/fields.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

struct Inner {
    int a = 0;
    double b = 0;
};
struct Outer {
    std::string name;
    Inner inner;  // one field, not two: it converts as a whole before braces are elided
    std::vector<int> list;
    bool flag = false;
    const char* text = nullptr;
};

}  // namespace

using booklet::fields::field_count;
using booklet::fields::for_each_field;

TEST_CASE("an aggregate's fields are counted as declared, a nested aggregate as one", "[fields]") {
    STATIC_REQUIRE(field_count<Inner>() == 2);
    STATIC_REQUIRE(field_count<Outer>() == 5);
}

TEST_CASE("for_each_field visits every field in declaration order, and may change them", "[fields]") {
    Outer o{"x", {1, 2.5}, {3, 4}, true, "t"};
    std::vector<std::string> seen;
    for_each_field(o, [&](const auto& field) {
        using T = std::decay_t<decltype(field)>;
        if constexpr (std::is_same_v<T, std::string>) seen.push_back("string " + field);
        else if constexpr (std::is_same_v<T, Inner>) seen.push_back("inner " + std::to_string(field.a));
        else if constexpr (std::is_same_v<T, std::vector<int>>) seen.push_back("list " + std::to_string(field.size()));
        else if constexpr (std::is_same_v<T, bool>) seen.push_back(field ? "flag on" : "flag off");
        else seen.push_back("pointer");
    });
    CHECK(seen == std::vector<std::string>{"string x", "inner 1", "list 2", "flag on", "pointer"});
    for_each_field(o.inner, [](auto& field) { field = field * 2; });
    CHECK(o.inner.a == 2);
    CHECK(o.inner.b == 5.0);
}
