// ASCII letter case: only A-Z fold, whatever the locale; UTF-8 bytes pass through.
#include "booklet/ascii.hpp"

#include <catch2/catch.hpp>

using namespace booklet;

TEST_CASE("ascii_lower folds A-Z only and leaves UTF-8 bytes as they are") {
    CHECK(ascii_lower("EN-GB") == "en-gb");
    CHECK(ascii_lower("Ü.PNG") == "Ü.png");  // the Ü's two bytes unchanged
    CHECK(ascii_lower("@[`{") == "@[`{");     // the neighbours of A-Z and a-z
    CHECK(ascii_lower('Q') == 'q');
    CHECK(ascii_lower(std::string_view{}).empty());
}

TEST_CASE("ascii_iequal compares ignoring the case of ASCII letters only") {
    CHECK(ascii_iequal("HTTPS://Example.ORG", "https://example.org"));
    CHECK_FALSE(ascii_iequal("https://example.org", "https://example.org/"));  // lengths differ
    CHECK_FALSE(ascii_iequal("Ü", "ü"));  // not ASCII: not folded
    CHECK_FALSE(ascii_iequal("@", "`"));  // 0x40 and 0x60 are not letters
    CHECK(ascii_iequal("", ""));
    static_assert(ascii_iequal("ABC", "abc"));
}
