// The one "did you mean" helper shared by manifests, front matter, styles and the CLI.
#include "booklet/suggest.hpp"

#include <catch2/catch.hpp>

using namespace booklet;

TEST_CASE("did you mean: typos, swaps and cut-off words, but not unrelated words") {
    const std::vector<std::string> keys = {"leading", "size", "color", "header", "footer", "justify"};
    CHECK(closest_match("leadin", keys) == "leading");
    CHECK(closest_match("colour", keys) == "color");
    CHECK(closest_match("szie", keys) == "size");       // a swap costs one
    CHECK(closest_match("Size", keys) == "size");
    CHECK(closest_match("justified", keys) == "justify");
    CHECK(closest_match("head", keys) == "header");
    CHECK(closest_match("margins", keys).empty());
    CHECK(closest_match("x", keys).empty());
    CHECK(did_you_mean("fotter", keys) == "; did you mean 'footer'?");
    CHECK(did_you_mean("zzz", keys).empty());
}
