// The page builder on synthetic vertical lists: no fonts, every height chosen so
// that the expected breaks can be worked out by hand.
#include "page_builder_support.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace booklet;
using namespace booklet::layout;
using namespace booklet::layout::page_builder_test;

TEST_CASE("lines fill pages exactly and baselines follow the leading", "[page_builder]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    for (int i = 0; i < 25; ++i) w.box(line(id++), pt(10));  // breakable everywhere
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() == 3);
    CHECK(contents_per_page(p)[0] == range(0, 10));
    CHECK(contents_per_page(p)[1] == range(10, 20));
    CHECK(contents_per_page(p)[2] == range(20, 25));
    const auto& boxes = p.pages[1].frames[0].boxes;
    CHECK(boxes[0].baseline == pt(8));
    CHECK(boxes[9].baseline == pt(98));
    CHECK(p.problems.empty());
}

TEST_CASE("a paragraph never leaves one line alone at the foot or top of a page", "[page_builder]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph(w, id, 9);           // lines 0..8: nine lines, one line left on the page
    paragraph(w, id, 5, pt(10));   // gap of one line: would start on line 10 of 10 → orphan
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() == 2);
    CHECK(contents_per_page(p)[0] == range(0, 9));
    CHECK(contents_per_page(p)[1] == range(9, 14));

    SECTION("widow: a page that would end one line before a paragraph's last") {
        VList l2;
        VListWriter w2(l2);
        std::uint32_t i2 = 0;
        paragraph(w2, i2, 11);  // 10 + 1 would widow the last line: 9 + 2 instead
        const auto q = build_pages(l2, ten_line_page());
        REQUIRE(q.pages.size() == 2);
        CHECK(contents_per_page(q)[0].size() == 9);
        CHECK(contents_per_page(q)[1].size() == 2);
    }
    SECTION("three lines cannot be split at all with widows = orphans = 2") {
        VList l3;
        VListWriter w3(l3);
        std::uint32_t i3 = 0;
        paragraph(w3, i3, 8);
        paragraph(w3, i3, 3);  // 8 + 3 > 10: the whole paragraph moves
        const auto q = build_pages(l3, ten_line_page());
        REQUIRE(q.pages.size() == 2);
        CHECK(contents_per_page(q)[1] == range(8, 11));
    }
}

TEST_CASE("a heading keeps with the next block", "[page_builder]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph(w, id, 8);               // 0..7
    w.box(line(id++), pt(10));         // 8: a heading on line 9 of 10
    w.keep_with_next();
    paragraph(w, id, 4);               // 9..12: its first two lines cannot follow on this page
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() == 2);
    CHECK(contents_per_page(p)[0] == range(0, 8));
    CHECK(contents_per_page(p)[1].front() == 8);
}

TEST_CASE("a line that calls a note goes where the note fits", "[page_builder]") {
    VList list;
    list.notes.push_back({"url-a", pt(20)});  // note_skip 5 + 20 = 25pt: takes 2.5 lines
    VListWriter w(list);
    std::uint32_t id = 0;
    for (int i = 0; i < 12; ++i) {
        VItem b = line(id++);
        if (i == 8) b.notes.push_back(0);
        w.box(std::move(b), pt(10));
    }
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() == 2);
    // Line 8 plus its 25pt note needs 8+8*10+2+25 = 115pt > 100: it moves on, and
    // page 1 keeps lines 0..7 even though it had room for 8 and 9.
    CHECK(contents_per_page(p)[0] == range(0, 8));
    CHECK(p.pages[0].frames[0].notes.empty());
    CHECK(contents_per_page(p)[1].front() == 8);
    CHECK(p.pages[1].frames[0].notes == std::vector<std::uint32_t>{0});
    CHECK(p.pages[1].frames[0].notes_height == pt(25));
    // Every box and the note area fit the frame.
    for (const auto& page : p.pages)
        for (const auto& f : page.frames) CHECK(f.used + f.notes_height <= ten_line_page().body_height);

    SECTION("the same key twice in a frame takes its room once") {
        VList l2;
        l2.notes.push_back({"url-a", pt(20)});
        l2.notes.push_back({"url-a", pt(20)});
        l2.notes.push_back({"url-b", pt(10)});
        VListWriter w2(l2);
        for (std::uint32_t i = 0; i < 6; ++i) {
            VItem b = line(i);
            if (i == 1) b.notes = {0};
            if (i == 3) b.notes = {1};
            if (i == 4) b.notes = {2};
            w2.box(std::move(b), pt(10));
        }
        const auto q = build_pages(l2, ten_line_page());
        REQUIRE(q.pages.size() == 1);
        CHECK(q.pages[0].frames[0].notes == std::vector<std::uint32_t>{0, 2});
        CHECK(q.pages[0].frames[0].notes_height == pt(5 + 20 + 1 + 10));
    }
}

TEST_CASE("notes move a paragraph's lines while keeping widows and orphans", "[page_builder]") {
    VList list;
    list.notes.push_back({"n", pt(15)});
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph(w, id, 7);   // 0..6
    // 7..9: a three-line paragraph whose last line calls a 20pt (5+15) note.
    w.gap(0);
    for (std::size_t i = 0; i < 3; ++i) {
        VItem b = line(id++);
        if (i == 2) b.notes = {0};
        w.box(std::move(b), pt(10), i == 0 ? VListWriter::kNoPenalty : interline_penalty(i - 1, 3, 2, 2));
    }
    const auto p = build_pages(list, ten_line_page());
    // 10 lines + note do not fit; breaking after line 7 would orphan, after 8
    // widow: the paragraph moves whole.
    REQUIRE(p.pages.size() == 2);
    CHECK(contents_per_page(p)[0] == range(0, 7));
    CHECK(contents_per_page(p)[1] == range(7, 10));

    SECTION("a four-line paragraph splits two and two") {
        VList l2;
        l2.notes.push_back({"n", pt(15)});
        VListWriter w2(l2);
        std::uint32_t i2 = 0;
        paragraph(w2, i2, 6);
        for (std::size_t i = 0; i < 4; ++i) {
            VItem b = line(i2++);
            if (i == 3) b.notes = {0};
            w2.box(std::move(b), pt(10), i == 0 ? VListWriter::kNoPenalty : interline_penalty(i - 1, 4, 2, 2));
        }
        const auto q = build_pages(l2, ten_line_page());
        REQUIRE(q.pages.size() == 2);
        CHECK(contents_per_page(q)[0] == range(0, 8));
        CHECK(contents_per_page(q)[1] == range(8, 10));
        CHECK(q.pages[1].frames[0].notes.size() == 1);
    }
}

TEST_CASE("a table's header row is set again above rows that open a page", "[page_builder]") {
    VList list;
    list.repeats.push_back({pt(8), pt(2), pt(0), 100, {}});
    VListWriter w(list);
    std::uint32_t id = 0;
    w.box(line(id++), pt(10));          // 0: text
    w.box(line(id++), pt(10));          // 1: the header row
    w.keep_with_next();
    for (int i = 0; i < 15; ++i) {
        VItem row = line(id++);         // 2..16: rows
        row.repeat = 0;
        w.box(std::move(row), pt(10));
    }
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() == 2);
    CHECK(contents_per_page(p)[0] == range(0, 10));
    // Page 2: the repeated header, then rows 10..16.
    auto second = contents_per_page(p)[1];
    REQUIRE(second.size() == 8);
    CHECK(second[0] == 100);
    CHECK(p.pages[1].frames[0].boxes[0].repeat == 0);
    CHECK(std::vector<std::uint32_t>(second.begin() + 1, second.end()) == range(10, 17));
    CHECK(p.pages[1].frames[0].boxes[1].baseline == pt(18));
}

TEST_CASE("rows stay whole: a tall row moves to the next page", "[page_builder]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    for (int i = 0; i < 7; ++i) w.box(line(id++), pt(10));
    w.box(VItem::make_box(pt(8), pt(32), id++), pt(10));  // a four-line row
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() == 2);
    CHECK(contents_per_page(p)[1] == std::vector<std::uint32_t>{7});
}

TEST_CASE("forced page breaks, recto starts and blank versos", "[page_builder]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    w.page_break(true);                 // at the very start: no empty page
    w.box(line(id++), pt(10));          // page 1
    w.page_break(true);
    w.box(line(id++), pt(10));          // page 2 is verso: blank, then page 3
    w.page_break(false);
    w.box(line(id++), pt(10));          // page 4
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() == 4);
    CHECK_FALSE(p.pages[0].blank);
    CHECK(p.pages[1].blank);
    CHECK(contents_per_page(p)[2] == std::vector<std::uint32_t>{1});
    CHECK(contents_per_page(p)[3] == std::vector<std::uint32_t>{2});
}

TEST_CASE("first page number decides recto parity", "[page_builder]") {
    VList list;
    VListWriter w(list);
    w.page_break(true);
    w.box(line(0), pt(10));
    PageSpec spec = ten_line_page();
    spec.first_page = 2;
    const auto p = build_pages(list, spec);
    REQUIRE(p.pages.size() == 2);
    CHECK(p.pages[0].blank);
}

TEST_CASE("a box taller than the page is placed alone and reported", "[page_builder]") {
    VList list;
    VListWriter w(list);
    w.box(line(0), pt(10));
    w.box(VItem::make_box(pt(150), pt(0), 1), pt(10));
    w.box(line(2), pt(10));
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() == 3);
    CHECK(contents_per_page(p)[1] == std::vector<std::uint32_t>{1});
    REQUIRE(p.problems.size() == 1);
    CHECK(p.problems[0].page == 2);
}

TEST_CASE("without any legal breakpoint the frame is cut between boxes", "[page_builder]") {
    VList list;
    VListWriter w(list);
    for (std::uint32_t i = 0; i < 14; ++i) w.box(line(i), pt(10), i == 0 ? VListWriter::kNoPenalty : kForbidBreak);
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() == 2);
    CHECK(contents_per_page(p)[0].size() == 10);
    CHECK(p.problems.size() == 1);
}

TEST_CASE("two columns fill one after the other, with notes per column", "[page_builder]") {
    VList list;
    list.notes.push_back({"a", pt(10)});
    VListWriter w(list);
    for (std::uint32_t i = 0; i < 25; ++i) {
        VItem b = line(i);
        if (i == 12) b.notes = {0};
        w.box(std::move(b), pt(10));
    }
    PageSpec spec = ten_line_page();
    spec.columns = 2;
    const auto p = build_pages(list, spec);
    REQUIRE(p.pages.size() == 2);
    CHECK(p.pages[0].frames[0].boxes.size() == 10);
    CHECK(p.pages[0].frames[1].notes == std::vector<std::uint32_t>{0});
    CHECK(p.pages[0].frames[1].boxes.size() == 8);  // 15pt of note: 1.5 lines lost, so two
    CHECK(p.pages[1].frames[0].boxes.front().content == 18);
}

TEST_CASE("a cheaper break earlier wins over a costly one later", "[page_builder]") {
    VList list;
    VListWriter w(list);
    for (std::uint32_t i = 0; i < 12; ++i)
        w.box(line(i), pt(10), i == 0 ? VListWriter::kNoPenalty : (i == 10 ? 5000 : 0));
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() == 2);
    // Ending the page after ten lines costs 5000; after nine it costs only the
    // badness of one unused line (100 * (10/30)^3 ≈ 4).
    CHECK(contents_per_page(p)[0].size() == 9);
}

TEST_CASE("interline penalties", "[page_builder]") {
    CHECK(interline_penalty(0, 5, 2, 2) == kForbidBreak);
    CHECK(interline_penalty(1, 5, 2, 2) == 0);
    CHECK(interline_penalty(2, 5, 2, 2) == 0);
    CHECK(interline_penalty(3, 5, 2, 2) == kForbidBreak);
    CHECK(interline_penalty(0, 3, 1, 1) == 0);
    CHECK(interline_penalty(1, 4, 3, 1) == kForbidBreak);
}
