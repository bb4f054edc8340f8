// The page builder's chapter-level decisions on synthetic lists: short spills
// pulled back (a paragraph set one line shorter, glue shrunk, a figure smaller),
// spills that stay and are reported, chapters that run on, recto openings for
// long chapters only, and balanced last pages in two columns.
#include "page_builder_support.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace booklet;
using namespace booklet::layout;
using namespace booklet::layout::page_builder_test;

namespace {

PageSpec spill_page() {
    PageSpec spec = ten_line_page();
    spec.spill_lines = 3;
    spec.line_advance = pt(10);
    return spec;
}

// A paragraph of `count` lines that can also be set in count - 1 (ids of the
// shorter setting start at 100 + the first id, so a test can tell them apart).
void paragraph_with_shorter(VListWriter& w, std::uint32_t& next_id, std::size_t count, double cost = 0.5) {
    const std::uint32_t first_id = next_id;
    paragraph(w, next_id, count);
    std::size_t first_box = w.list().items.size() - 1;
    for (std::size_t k = 1; k < count; ++k) {
        --first_box;
        while (w.list().items[first_box].kind != VKind::box) --first_box;
    }
    const auto alternative = w.begin_alternative(first_box);
    std::uint32_t shorter_id = 100 + first_id;
    for (std::size_t i = 0; i + 1 < count; ++i) {
        const int p = i == 0 ? VListWriter::kNoPenalty : interline_penalty(i - 1, count - 1, 2, 2);
        w.box(line(shorter_id++), pt(10), p);
    }
    w.end_alternative(alternative, cost);
}

std::uint32_t strut(VListWriter& w, std::uint32_t id, Sp height = 0) {
    w.box(VItem::make_box(height, 0, id), 0);
    w.keep_with_next();
    return id;
}

}  // namespace

TEST_CASE("a shorter setting is placed only where it pulls back a chapter's last lines", "[page_builder][spill]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph_with_shorter(w, id, 5);  // 0..4, or 100..103
    paragraph(w, id, 6);               // 5..10: 11 lines, 9 + 2 on two pages as set
    w.page_break(false);
    paragraph(w, id, 3);               // 11..13: the next chapter

    PageSpec spec = spill_page();
    SECTION("with spill_lines, the shorter setting makes the chapter one page") {
        const auto p = build_pages(list, spec);
        REQUIRE(p.pages.size() == 2);
        CHECK(contents_per_page(p)[0] == join(range(100, 104), range(5, 11)));
        CHECK(contents_per_page(p)[1] == range(11, 14));
        CHECK(p.tightened == std::vector<std::uint32_t>{0});
        CHECK(p.spills.empty());
        CHECK(p.problems.empty());
        // The first chapter spilled (and was pulled back): its items are listed,
        // the next chapter's are not.
        REQUIRE(p.spilled.size() == 1);
        CHECK(p.spilled[0].first == 0);
        CHECK(p.spilled[0].second <= list.items.size());
        CHECK(list.items[p.spilled[0].second - 1].kind != VKind::box);  // it ends before the next chapter's lines
    }
    SECTION("without, the paragraph keeps its lines and the chapter spills") {
        spec.spill_lines = 0;
        const auto p = build_pages(list, spec);
        REQUIRE(p.pages.size() == 3);
        CHECK(contents_per_page(p)[0] == join(range(0, 5), range(5, 9)));
        CHECK(contents_per_page(p)[1] == range(9, 11));
        CHECK(p.tightened.empty());
        CHECK(p.spilled.empty());  // spill_lines 0: no spill is looked for
    }
}

TEST_CASE("pages that do not end a chapter keep every paragraph as set", "[page_builder][spill]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    for (int k = 0; k < 4; ++k) paragraph_with_shorter(w, id, 5);  // 20 lines: two full pages, no spill
    const auto p = build_pages(list, spill_page());
    REQUIRE(p.pages.size() == 2);
    CHECK(p.tightened.empty());
    CHECK(p.spilled.empty());
    CHECK(contents_per_page(p)[0] == range(0, 10));
}

TEST_CASE("the cheapest shorter paragraphs are tried first, as few as will do", "[page_builder][spill]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph_with_shorter(w, id, 4, 0.9);  // 0..3: costly
    paragraph_with_shorter(w, id, 4, 0.1);  // 4..7: cheap
    paragraph(w, id, 3);                    // 8..10: 11 lines in all, one too many
    const auto p = build_pages(list, spill_page());
    REQUIRE(p.pages.size() == 1);
    CHECK(p.tightened == std::vector<std::uint32_t>{1});
    CHECK(contents_per_page(p)[0] == join(join(range(0, 4), range(104, 107)), range(8, 11)));
}

TEST_CASE("glue shrinks on a chapter's last pages to pull back its last lines", "[page_builder][spill]") {
    VList list;
    VListWriter w(list, pt(1), 0.5);   // gaps may give up half their height
    std::uint32_t id = 0;
    paragraph(w, id, 4);               // 0..3
    paragraph(w, id, 3, pt(8));        // 4..6 after 8pt (4pt of it may shrink)
    paragraph(w, id, 2, pt(8));        // 7..8: 9 lines + 16pt = 106pt, the last two on a page of their own
    const auto p = build_pages(list, spill_page());
    REQUIRE(p.pages.size() == 1);
    CHECK(p.tightened.empty());
    const auto& boxes = p.pages[0].frames[0].boxes;
    REQUIRE(boxes.size() == 9);
    // The frame is 100pt: 6pt of the 8 the gaps may give up, half above each gap's box.
    CHECK(boxes.back().baseline == pt(98));
    CHECK(boxes[4].baseline == pt(8 + 40 + 8 - 3));
    CHECK(p.pages[0].frames[0].used == pt(100));

    SECTION("a page that is no chapter's last keeps its glue") {
        VList l2;
        VListWriter w2(l2, pt(1), 0.5);
        std::uint32_t i2 = 0;
        paragraph(w2, i2, 4);
        paragraph(w2, i2, 3, pt(8));
        paragraph(w2, i2, 3, pt(8));
        paragraph(w2, i2, 5, pt(8));   // 15 lines: 7 on the first page, 8 on the second
        const auto q = build_pages(l2, spill_page());
        REQUIRE(q.pages.size() == 2);
        CHECK(q.pages[0].frames[0].boxes[4].baseline == pt(8 + 40 + 8));
    }
}

TEST_CASE("a figure on the chapter's last pages is drawn smaller to pull its last lines back", "[page_builder][spill]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph(w, id, 2);                               // 0..1
    w.gap(pt(2));
    w.box(VItem::make_box(pt(40), 0, id++), 0);        // 2: a 40pt picture that may shrink to 20pt
    w.float_unit(list.items.size() - 1, pt(20), pt(2));
    paragraph(w, id, 4, pt(2));                        // 3..6: the last two on a page of their own
    const auto p = build_pages(list, spill_page());
    REQUIRE(p.pages.size() == 1);
    CHECK(contents_per_page(p)[0] == range(0, 7));
    const PlacedBox* picture = find_box(p, 2);
    REQUIRE(picture);
    CHECK(picture->height < pt(40));
    CHECK(picture->height >= pt(20));
}

TEST_CASE("a spill nothing can pull back stays and is reported with what was tried", "[page_builder][spill]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph(w, id, 13);   // 10 + 3, no shorter setting, no glue, no figure
    w.page_break(false);
    paragraph(w, id, 4);
    const auto p = build_pages(list, spill_page());
    REQUIRE(p.pages.size() == 3);
    REQUIRE(p.spills.size() == 1);
    CHECK(p.spilled.size() == 1);  // spilled, and not pulled back
    CHECK(p.spills[0].page == 2);
    CHECK(p.spills[0].lines == 3);
    CHECK(p.spills[0].paragraphs == 0);
    CHECK_FALSE(p.spills[0].glue);
    CHECK_FALSE(p.spills[0].figures);
}

TEST_CASE("a rule and two lines alone on a chapter's last page are a spill, though taller than three lines",
          "[page_builder][spill]") {
    const auto build = [](std::size_t last_lines) {
        VList list;
        VListWriter w(list);
        std::uint32_t id = 0;
        paragraph(w, id, 10);                      // page 1, full
        w.gap(pt(6));
        w.box(VItem::make_box(pt(14), 0, 50), 0);  // a thematic break: a rule with room around it
        paragraph(w, id, last_lines, pt(6));
        return build_pages(list, spill_page());
    };
    SECTION("rule + 2 lines: 36pt, more than 3 x 10pt, but three boxes: reported") {
        const auto p = build(2);
        REQUIRE(p.pages.size() == 2);
        CHECK(contents_per_page(p)[1] == std::vector<std::uint32_t>{50, 10, 11});
        REQUIRE(p.spills.size() == 1);
        CHECK(p.spills[0].page == 2);
    }
    SECTION("rule + 3 lines: four boxes and 46pt, a page of its own") {
        const auto p = build(3);
        REQUIRE(p.pages.size() == 2);
        CHECK(p.spills.empty());
    }
}

TEST_CASE("a chapter runs on below one that ends high on its page", "[page_builder][run_on]") {
    const auto build = [](std::size_t first_lines) {
        VList list;
        VListWriter w(list);
        std::uint32_t id = 0;
        paragraph(w, id, first_lines);                 // chapter A
        const std::size_t page_break = list.items.size();
        w.page_break(false);
        w.box(VItem::make_box(pt(20), 0, 500), 0);     // the sink on a new page...
        w.run_on_alternative(page_break, pt(10), VItem::make_box(0, 0, 501));  // ...or 10pt below A
        w.keep_with_next();
        paragraph(w, id, 3);                           // chapter B
        PageSpec spec = spill_page();
        spec.run_on_height = pt(40);                   // A's last page filled at most 40pt down
        return build_pages(list, spec);
    };
    SECTION("A ends at 28pt: B follows on the same page") {
        const auto p = build(3);
        REQUIRE(p.pages.size() == 1);
        CHECK(contents_per_page(p)[0] == std::vector<std::uint32_t>{0, 1, 2, 501, 3, 4, 5});
        CHECK(p.run_on == std::vector<std::uint32_t>{0});
    }
    SECTION("A ends at 58pt: B opens a page of its own") {
        const auto p = build(6);
        REQUIRE(p.pages.size() == 2);
        CHECK(contents_per_page(p)[1] == std::vector<std::uint32_t>{500, 6, 7, 8});
        CHECK(p.run_on.empty());
    }
}

TEST_CASE("recto openings only for chapters of at least recto_min_pages pages", "[page_builder]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph(w, id, 5);          // page 1
    w.page_break(true, 2);
    strut(w, 600);
    paragraph(w, id, 4);          // one page: starts on page 2, no blank page before it
    w.page_break(true, 2);
    strut(w, 601);
    paragraph(w, id, 15);         // two pages from page 3 (odd): no blank
    w.page_break(true, 2);
    strut(w, 602);
    paragraph(w, id, 15);         // two pages from page 5 (odd): no blank
    const auto p = build_pages(list, ten_line_page());
    std::vector<bool> blank;
    for (const auto& page : p.pages) blank.push_back(page.blank);
    CHECK(blank == std::vector<bool>{false, false, false, false, false, false});
    int page = -1;
    REQUIRE(find_box(p, 600, &page));
    CHECK(page == 1);
    REQUIRE(find_box(p, 601, &page));
    CHECK(page == 2);  // page 3: odd already
    REQUIRE(find_box(p, 602, &page));
    CHECK(page == 4);  // page 5

    SECTION("a long chapter that would start on an even page gets a blank page before it") {
        VList l2;
        VListWriter w2(l2);
        std::uint32_t i2 = 0;
        paragraph(w2, i2, 5);     // page 1
        w2.page_break(true, 2);
        strut(w2, 700);
        paragraph(w2, i2, 15);    // two pages: page 2 is even, so page 2 stays blank
        const auto q = build_pages(l2, ten_line_page());
        REQUIRE(q.pages.size() == 4);
        CHECK(q.pages[1].blank);
        REQUIRE(find_box(q, 700, &page));
        CHECK(page == 2);
    }
}

TEST_CASE("the last page of two columns is balanced", "[page_builder][balance]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    for (int k = 0; k < 14; ++k) w.box(line(id++), pt(10));  // breakable everywhere
    PageSpec spec = ten_line_page();
    spec.columns = 2;
    const auto p = build_pages(list, spec);
    REQUIRE(p.pages.size() == 1);
    CHECK(p.pages[0].frames[0].boxes.size() == 7);
    CHECK(p.pages[0].frames[1].boxes.size() == 7);

    SECTION("an odd count ends the columns within a line") {
        VList l2;
        VListWriter w2(l2);
        std::uint32_t i2 = 0;
        for (int k = 0; k < 27; ++k) w2.box(line(i2++), pt(10));  // a full page of 20, then 7
        const auto q = build_pages(l2, spec);
        REQUIRE(q.pages.size() == 2);
        CHECK(q.pages[0].frames[0].boxes.size() == 10);
        const auto a = q.pages[1].frames[0].boxes.size(), b = q.pages[1].frames[1].boxes.size();
        CHECK(a + b == 7);
        CHECK(a - b <= 1);
    }
}
