// What a box of the vertical list draws, and the footnotes it calls.
//
// A box's content is kept apart from its VItem (which the page builder sees) so
// that the builder stays free of display lists. Coordinates are relative to the
// box: x from the left edge of the column, y from the box's baseline (down).
#pragma once

#include "booklet/pages.hpp"
#include "booklet/units.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace booklet::layout {

// A link area whose internal target is known only after pagination.
struct PendingLink {
    Rect rect;
    std::string uri;     // external
    std::string anchor;  // internal: "chapter" or "chapter#heading"
};

struct OutlineMark {
    std::string title;
    int level = 1;
};

struct BoxContent {
    std::vector<pages::Item> items;
    std::vector<PendingLink> links;
    std::vector<std::string> anchors;          // destinations that start at this box
    std::vector<OutlineMark> outline;
    std::vector<std::uint32_t> occurrences;    // note calls whose marker sits in this box
    int chapter_opening = -1;                  // index of the chapter (or special part) opened here
};

// Moves every item and link of `from` by (dx, dy) into `to`.
void append_shifted(BoxContent& to, const BoxContent& from, Sp dx, Sp dy);
// The same, with `from`'s items drawn before `to`'s (labels read before their text).
void prepend_shifted(BoxContent& to, const BoxContent& from, Sp dx, Sp dy);

}  // namespace booklet::layout
