#include "../../../src/source/glob.hpp"

#include <catch2/catch.hpp>

namespace fs = std::filesystem;
using booklet::source::expand_glob;
using booklet::source::match_segment;

TEST_CASE("segment patterns") {
    CHECK(match_segment("*.md", "a.md"));
    CHECK_FALSE(match_segment("*.md", "a.mdx"));
    CHECK_FALSE(match_segment("*.md", ".hidden.md"));
    CHECK(match_segment(".*.md", ".hidden.md"));
    CHECK(match_segment("20?3-*.md", "2023-july.md"));
    CHECK(match_segment("[ab]*", "beta"));
    CHECK_FALSE(match_segment("[!ab]*", "beta"));
    CHECK(match_segment("[a-c].md", "c.md"));
    CHECK(match_segment("[.md", "[.md"));  // an unclosed class is a plain '['
    CHECK(match_segment("*a*a*a*a*a*b", std::string(200, 'a') + "b"));
    CHECK_FALSE(match_segment("*a*a*a*a*a*b", std::string(2000, 'a')));
}

TEST_CASE("globs expand in sorted order and ** crosses folders") {
    const fs::path root = fs::path(BOOKLET_TEST_DATA) / "source" / "site";
    auto files = expand_glob(root, "pages/*.md");
    REQUIRE(files.size() == 2);
    CHECK(files[0].filename() == "a.md");
    CHECK(files[1].filename() == "b.md");
    files = expand_glob(root, "**/*.md");
    REQUIRE(files.size() == 3);
    CHECK(files[2].filename() == "c.md");
    CHECK(expand_glob(root, "nothing/*.md").empty());
    CHECK(expand_glob(root / "does-not-exist", "*.md").empty());
}
