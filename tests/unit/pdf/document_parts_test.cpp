#include "document_parts.hpp"

#include <catch2/catch.hpp>

using namespace booklet::pdf;

TEST_CASE("PDF dates are UTC and need no clock") {
    CHECK(pdf_date(1714567890) == "D:20240501125130Z");
    CHECK(pdf_date(951782400) == "D:20000229000000Z");  // a leap day
    CHECK(pdf_date(-1) == "D:19691231235959Z");
    CHECK(pdf_date(253402300799) == "D:99991231235959Z");
    CHECK_FALSE(pdf_date(0).has_value());             // no date given
    CHECK_FALSE(pdf_date(253402300800).has_value());  // year 10000
}

TEST_CASE("page labels become the fewest ranges") {
    CHECK(label_ranges({"i", "ii", "iii", "1", "2", "3"}) == std::vector<LabelRange>{{0, 'r', "", 1}, {3, 'D', "", 1}});
    CHECK(label_ranges({"", "", "1", "2"}) == std::vector<LabelRange>{{0, 0, "", 1}, {2, 'D', "", 1}});
    CHECK(label_ranges({"Cover", "5", "7", "XII"}) ==
          std::vector<LabelRange>{{0, 0, "Cover", 1}, {1, 'D', "", 5}, {2, 'D', "", 7}, {3, 'R', "", 12}});
    // Non-canonical numerals and zero-padded numbers are text.
    CHECK(label_ranges({"iiii", "007"}) == std::vector<LabelRange>{{0, 0, "iiii", 1}, {1, 0, "007", 1}});
    CHECK(label_ranges({"", ""}).empty());
}

TEST_CASE("bookmarks form the outline's tree, each entry under the last of a lower level") {
    constexpr std::size_t none = OutlineTree::kNone;
    // A chapter with two sections, the second with a subsection; then a chapter
    // whose first heading skips a level; then a chapter with nothing under it.
    const OutlineTree tree = outline_tree({1, 2, 2, 3, 1, 3, 1});
    const std::size_t root = 7;
    CHECK(tree.parent == std::vector<std::size_t>{root, 0, 0, 2, root, 4, root});
    CHECK(tree.prev == std::vector<std::size_t>{none, none, 1, none, 0, none, 4});
    CHECK(tree.next == std::vector<std::size_t>{4, 2, none, none, 6, none, none});
    CHECK(tree.first == std::vector<std::size_t>{1, none, 3, none, 5, none, none, 0});
    CHECK(tree.last == std::vector<std::size_t>{2, none, 3, none, 5, none, none, 6});
    CHECK(tree.count == std::vector<std::size_t>{3, 0, 1, 0, 1, 0, 0, 7});
    CHECK(outline_tree({}) == OutlineTree{{}, {}, {}, {none}, {none}, {0}});
}
