// What a box of the vertical list draws, and the footnotes it calls.
//
// A box's content is kept apart from its VItem (which the page builder sees) so
// that the builder stays free of display lists. Coordinates are relative to the
// box: x from the left edge of the column, y from the box's baseline (down).
#pragma once

#include "booklet/page_map.hpp"
#include "booklet/pages.hpp"
#include "booklet/units.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace booklet::layout {

// Text composition draws but no element may claim (a list's bullet, which the
// list's /ListNumbering names): claims take only items still pages::kArtifact,
// so this keeps enclosing elements off it until finish_book makes it an artifact.
inline constexpr pages::ElementId kDecoration = -2;

// A link area whose internal target is known only after pagination.
struct PendingLink {
    Rect rect;
    std::string uri;     // external
    std::string anchor;  // internal: "chapter" or "chapter#heading"
    int link = -1;       // index in its paragraph's StyledParagraph::links
    pages::ElementId element = pages::kArtifact;  // its Link structure element
    std::string description;                      // the link's text (the annotation's /Contents)
    friend bool operator==(const PendingLink&, const PendingLink&) = default;
};

struct OutlineMark {
    std::string title;
    int level = 1;
    friend bool operator==(const OutlineMark&, const OutlineMark&) = default;
};

struct BoxContent {
    std::vector<pages::Item> items;
    std::vector<PendingLink> links;
    std::vector<std::string> anchors;          // destinations that start at this box
    std::vector<OutlineMark> outline;
    std::vector<std::uint32_t> occurrences;    // note calls whose marker sits in this box
    std::vector<std::uint32_t> cited;          // cited links (cite::Citations::links) whose text
                                               // is in this box, wholly or in part
    int chapter_opening = -1;                  // index of the chapter (or special part) opened here
    // Where the box's text begins in the model (or the furniture it belongs to): a
    // page that opens with this box begins there (pages::Book::page_map). Empty for
    // what belongs to no place of the book (the home QR code).
    std::optional<page_map::Position> start;
    pages::Role role = pages::Role::body;      // what its text is, from composition
    friend bool operator==(const BoxContent&, const BoxContent&) = default;
};

// Lines stacked down from a top edge: each line's baseline measured from that
// edge, and the height down to the last line's depth. Notes are stacks of boxes;
// the imprint and the back cover stack set lines.
template <class Content>
struct StackedLines {
    struct Line {
        Content content;
        Sp baseline = 0;
    };
    std::vector<Line> lines;
    Sp height = 0;
};

// Moves every item and link of `from` by (dx, dy) into `to`: copies of them, or
// (from an rvalue) the items themselves, whose glyphs are then not copied again.
void append_shifted(BoxContent& to, const BoxContent& from, Sp dx, Sp dy);
void append_shifted(BoxContent& to, BoxContent&& from, Sp dx, Sp dy);
// The same, with `from`'s items drawn before `to`'s (labels read before their text).
void prepend_shifted(BoxContent& to, const BoxContent& from, Sp dx, Sp dy);
// The line a box shows, placed with its left edge at x and its baseline at y on
// the page; nothing for a box that shows no text and no picture (a strut).
std::optional<pages::TextLine> text_line(const BoxContent& c, Sp x, Sp baseline, int column);

// Appends each of `values` that `to` does not hold yet.
void add_unique(std::vector<std::uint32_t>& to, const std::vector<std::uint32_t>& values);

}  // namespace booklet::layout
