// Imposition: pages of a booklet arranged two-up on sheets in saddle-stitch order.
//
// Input:  pages::Book of same-size pages, the sheet size, marks and bleed.
// Output: a new pages::Book whose pages are the sheet sides, ready to print
//         double-sided (flip on the short edge), fold once and staple in the fold.
//         Display list items and link areas are translated; nothing is re-laid-out.
// Invariants: side 2k is the front of sheet k and side 2k+1 its back; the page count
//   is padded with blank pages at the end to a multiple of 4 (a layout that wants its
//   last page on the back cover pads the book itself); the two pages of a side meet
//   at the trim box's centre line, which is the fold; crop marks are rules outside
//   the trim box and outside the bleed.
// Must not: change page content, or know about styles (the CLI copies
//   style::Imposition into SheetOptions).
#pragma once

#include "booklet/pages.hpp"
#include "booklet/units.hpp"

#include <utility>
#include <vector>

namespace booklet::impose {

struct SheetOptions {
    Sp sheet_width = 0, sheet_height = 0;  // landscape sheet; it grows when the pages,
                                           // bleed and crop marks need more room
    bool crop_marks = false;
    Sp bleed = 0;                          // room around the spread's trim box for content
                                           // that runs off the page
    // Crop mark geometry: marks start `crop_mark_offset` (at least the bleed) away from
    // the trim edge and are `crop_mark_length` long. Fold marks at the centre line too.
    Sp crop_mark_offset = sp_from_mm(3);
    Sp crop_mark_length = sp_from_mm(5);
    Sp crop_mark_thickness = sp_from_pt(0.25);
};

// Page order on the sheet sides: for n pages padded to a multiple of 4 (N), side k
// holds {left, right} source page indices (-1 = blank). Sheet s has on its front
// {N-1-2s, 2s} and on its back {2s+1, N-2-2s}: folded and nested, the pages read 1..N.
std::vector<std::pair<int, int>> saddle_stitch_order(int page_count);

// Where a sheet side puts the spread: the trim box of the two pages on the sheet.
struct SheetGeometry {
    Sp sheet_width = 0, sheet_height = 0;  // after growing for bleed and marks
    Rect trim;                             // the two pages side by side, centred
};
SheetGeometry sheet_geometry(Sp page_width, Sp page_height, const SheetOptions& options);

// booklet::Error when the pages are not all of one size.
pages::Book impose_booklet(const pages::Book& book, const SheetOptions& options);

}  // namespace booklet::impose
