// Imposition: pages of a booklet arranged two-up on sheets in saddle-stitch order.
//
// Input:  pages::Book of same-size pages, the sheet size, marks and bleed.
// Output: a new pages::Book whose pages are the sheet sides, ready to print
//         double-sided and fold. Display list items are translated; nothing is
//         re-laid-out.
#pragma once

#include "booklet/pages.hpp"
#include "booklet/units.hpp"

#include <vector>

namespace booklet::impose {

struct SheetOptions {
    Sp sheet_width = 0, sheet_height = 0;  // landscape sheet
    bool crop_marks = false;
    Sp bleed = 0;
};

// Page order on the sheet sides: for n pages padded to a multiple of 4, side k
// holds {left, right} source page indices (-1 = blank).
std::vector<std::pair<int, int>> saddle_stitch_order(int page_count);

pages::Book impose_booklet(const pages::Book& book, const SheetOptions& options);

}  // namespace booklet::impose
