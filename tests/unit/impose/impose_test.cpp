#include "booklet/impose.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

using namespace booklet;
using impose::impose_booklet;
using impose::saddle_stitch_order;
using Sides = std::vector<std::pair<int, int>>;

namespace {

const Sp kA5Width = sp_from_mm(148), kA5Height = sp_from_mm(210);
const Sp kTextX = sp_from_pt(40), kTextY = sp_from_pt(60);

// A book whose page i carries its number as text, a rule, a rectangle, an internal
// link to the next page and an outline entry: enough to see where everything went.
pages::Book numbered_book(int count) {
    pages::Book book;
    book.info.title = "test";
    for (int i = 0; i < count; ++i) {
        pages::Page page;
        page.width = kA5Width;
        page.height = kA5Height;
        page.label = std::to_string(i + 1);
        pages::TextItem text;
        text.x = kTextX;
        text.y = kTextY;
        text.run.text = "page " + std::to_string(i);
        page.items.emplace_back(text);
        pages::RuleItem rule;
        rule.x0 = sp_from_pt(10);
        rule.y0 = sp_from_pt(20);
        rule.x1 = sp_from_pt(110);
        rule.y1 = sp_from_pt(20);
        rule.thickness = sp_from_pt(1);
        page.items.emplace_back(rule);
        pages::RectItem rect;
        rect.rect = Rect{sp_from_pt(5), sp_from_pt(6), sp_from_pt(7), sp_from_pt(8)};
        page.items.emplace_back(rect);
        pages::LinkArea link;
        link.rect = Rect{sp_from_pt(1), sp_from_pt(2), sp_from_pt(3), sp_from_pt(4)};
        link.target_page = (i + 1) % count;
        link.target_y = sp_from_pt(100);
        page.links.push_back(link);
        book.pages.push_back(page);
        book.outline.push_back({"chapter " + std::to_string(i), 1, i, sp_from_pt(50)});
    }
    return book;
}

// {left, right} source pages of each side, read back from the translated texts.
Sides read_order(const pages::Book& sheets, Sp trim_x) {
    Sides sides;
    for (const auto& side : sheets.pages) {
        std::pair<int, int> found{-1, -1};
        for (const auto& item : side.items) {
            const auto* text = std::get_if<pages::TextItem>(&item);
            if (!text) continue;
            const int page = std::stoi(text->run.text.substr(5));
            if (text->x == trim_x + kTextX) found.first = page;
            else if (text->x == trim_x + kA5Width + kTextX) found.second = page;
            else FAIL("text at an unexpected x: " << text->x);
        }
        sides.push_back(found);
    }
    return sides;
}

}  // namespace

TEST_CASE("saddle-stitch order for 1, 5, 8, 13 and 16 pages") {
    CHECK(saddle_stitch_order(0).empty());
    CHECK(saddle_stitch_order(1) == Sides{{-1, 0}, {-1, -1}});
    CHECK(saddle_stitch_order(5) == Sides{{-1, 0}, {1, -1}, {-1, 2}, {3, 4}});
    CHECK(saddle_stitch_order(8) == Sides{{7, 0}, {1, 6}, {5, 2}, {3, 4}});
    CHECK(saddle_stitch_order(13) ==
          Sides{{-1, 0}, {1, -1}, {-1, 2}, {3, 12}, {11, 4}, {5, 10}, {9, 6}, {7, 8}});
    CHECK(saddle_stitch_order(16) ==
          Sides{{15, 0}, {1, 14}, {13, 2}, {3, 12}, {11, 4}, {5, 10}, {9, 6}, {7, 8}});
}

TEST_CASE("saddle-stitch order: every page once, facing pages pair up to N-1, odd pages on the right") {
    for (int n = 1; n <= 64; ++n) {
        const auto order = saddle_stitch_order(n);
        const int padded = (n + 3) / 4 * 4;
        REQUIRE(static_cast<int>(order.size()) == padded / 2);
        std::multiset<int> seen;
        for (std::size_t s = 0; s < order.size(); ++s) {
            const auto [left, right] = order[s];
            for (const int p : {left, right}) {
                CHECK(p >= -1);
                CHECK(p < n);
                if (p >= 0) seen.insert(p);
            }
            // Facing halves of a sheet hold pages i and N-1-i of the padded book.
            if (left >= 0 && right >= 0) CHECK(left + right == padded - 1);
            // Fronts carry an odd (1-based) page on the right, backs an even one on the left.
            if (s % 2 == 0 && right >= 0) CHECK(right % 2 == 0);
            if (s % 2 == 1 && left >= 0) CHECK(left % 2 == 1);
        }
        REQUIRE(static_cast<int>(seen.size()) == n);
        for (int p = 0; p < n; ++p) CHECK(seen.count(p) == 1);
    }
}

TEST_CASE("imposed books: sheet sides in order, A4 landscape for A5 pages") {
    impose::SheetOptions options{sp_from_mm(297), sp_from_mm(210), false, 0};
    for (const int n : {1, 5, 8, 13, 16}) {
        const auto book = numbered_book(n);
        const auto sheets = impose_booklet(book, options);
        const int padded = (n + 3) / 4 * 4;
        REQUIRE(static_cast<int>(sheets.pages.size()) == padded / 2);
        for (const auto& side : sheets.pages) {
            CHECK(side.width == sp_from_mm(297));
            CHECK(side.height == sp_from_mm(210));
        }
        // Two A5 pages (296mm) leave half a millimetre either side of an A4 sheet (297mm).
        const auto geometry = impose::sheet_geometry(kA5Width, kA5Height, options);
        CHECK(geometry.trim.x == (sp_from_mm(297) - 2 * kA5Width) / 2);
        CHECK(geometry.trim.y == 0);
        CHECK(read_order(sheets, geometry.trim.x) == saddle_stitch_order(n));
        CHECK(sheets.pages.front().label == "sheet 1 front");
        CHECK(sheets.pages[1].label == "sheet 1 back");
        CHECK(sheets.info.title == "test");
    }
}

TEST_CASE("items and links are translated, internal links and outline point at sheet sides") {
    const auto book = numbered_book(8);
    const impose::SheetOptions options{sp_from_mm(297), sp_from_mm(210), false, 0};
    const auto sheets = impose_booklet(book, options);
    const Sp dx = impose::sheet_geometry(kA5Width, kA5Height, options).trim.x + kA5Width;  // right half
    // Page 0 is on the right of side 0; page 1 on the left of side 1.
    const auto& side0 = sheets.pages[0];
    const auto& rule = std::get<pages::RuleItem>(side0.items[4]);  // page 7 first (left), then page 0
    CHECK(rule.x0 == dx + sp_from_pt(10));
    CHECK(rule.x1 == dx + sp_from_pt(110));
    CHECK(rule.y0 == sp_from_pt(20));
    const auto& rect = std::get<pages::RectItem>(side0.items[5]);
    CHECK(rect.rect == Rect{dx + sp_from_pt(5), sp_from_pt(6), sp_from_pt(7), sp_from_pt(8)});
    REQUIRE(side0.links.size() == 2);
    // Page 0 links to page 1, which is on side 1 (left half).
    const auto& link = side0.links[1];
    CHECK(link.rect.x == dx + sp_from_pt(1));
    CHECK(link.target_page == 1);
    CHECK(link.target_y == sp_from_pt(100));
    // Outline: chapter 4 (page 4) is on side 3, right half.
    REQUIRE(sheets.outline.size() == 8);
    CHECK(sheets.outline[4].page == 3);
    CHECK(sheets.outline[4].title == "chapter 4");
}

TEST_CASE("crop marks and bleed grow the sheet and stay outside the trim and bleed") {
    const Sp bleed = sp_from_mm(3);
    impose::SheetOptions options{sp_from_mm(297), sp_from_mm(210), true, bleed};
    const auto geometry = impose::sheet_geometry(kA5Width, kA5Height, options);
    // The sheet grows to the spread plus 3mm offset (at least the bleed) and 5mm marks on each side.
    CHECK(geometry.sheet_width == 2 * kA5Width + 2 * sp_from_mm(8));
    CHECK(geometry.sheet_height == kA5Height + 2 * sp_from_mm(8));
    CHECK(geometry.trim == Rect{sp_from_mm(8), sp_from_mm(8), 2 * kA5Width, kA5Height});

    const auto sheets = impose_booklet(numbered_book(5), options);
    REQUIRE(sheets.pages.size() == 4);
    const Rect& t = geometry.trim;
    const Rect bleed_box{t.x - bleed, t.y - bleed, t.width + 2 * bleed, t.height + 2 * bleed};
    for (const auto& side : sheets.pages) {
        CHECK(side.width == geometry.sheet_width);
        int marks = 0;
        for (const auto& item : side.items) {
            const auto* r = std::get_if<pages::RuleItem>(&item);
            if (!r || r->thickness != options.crop_mark_thickness) continue;
            ++marks;
            const Sp x0 = std::min(r->x0, r->x1), x1 = std::max(r->x0, r->x1);
            const Sp y0 = std::min(r->y0, r->y1), y1 = std::max(r->y0, r->y1);
            const bool outside = x1 <= bleed_box.x || x0 >= bleed_box.x + bleed_box.width || y1 <= bleed_box.y ||
                                 y0 >= bleed_box.y + bleed_box.height;
            CHECK(outside);
            // Each mark lies on a trim line or the fold line, inside the sheet.
            const bool on_line = x0 == t.x || x0 == t.x + t.width || x0 == t.x + t.width / 2 || y0 == t.y ||
                                 y0 == t.y + t.height;
            CHECK(on_line);
            CHECK(x0 >= 0);
            CHECK(y0 >= 0);
            CHECK(x1 <= side.width);
            CHECK(y1 <= side.height);
        }
        CHECK(marks == 10);  // 8 corner marks and 2 fold marks
    }
    // Content moved with the trim box.
    CHECK(read_order(sheets, t.x) == saddle_stitch_order(5));
}

TEST_CASE("a larger sheet centres the spread; no sheet size means exactly two pages") {
    const auto a3 = impose::sheet_geometry(kA5Width, kA5Height, {sp_from_mm(420), sp_from_mm(297), false, 0});
    CHECK(a3.sheet_width == sp_from_mm(420));
    CHECK(a3.trim.x == (sp_from_mm(420) - 2 * kA5Width) / 2);
    CHECK(a3.trim.y == (sp_from_mm(297) - kA5Height) / 2);
    const auto exact = impose::sheet_geometry(kA5Width, kA5Height, {});
    CHECK(exact.sheet_width == 2 * kA5Width);
    CHECK(exact.sheet_height == kA5Height);
}

TEST_CASE("pages of different sizes are refused, an empty book gives no sheets") {
    auto book = numbered_book(4);
    book.pages[2].width = sp_from_mm(210);
    CHECK_THROWS_WITH(impose_booklet(book, {}),
                      "error: imposition needs pages of one size; page 3 differs from page 1");
    CHECK(impose_booklet(pages::Book{}, {}).pages.empty());
}
