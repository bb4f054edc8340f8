// Imposition: the pages of a booklet arranged on sheet sides for printing.
//
// Input:  pages::Book of same-size pages, the sheet size, marks and bleed, the
//         scheme and its settings (SheetOptions).
// Output: a new pages::Book whose pages are the sheet sides, ready to print
//         double-sided (flip on the short edge). Display list items and link areas
//         are translated; nothing is re-laid-out.
// Schemes:
//   - booklet: two pages a side; the sheets are folded once and nested, so the
//     pages read 1..N (saddle stitch). More than `max_sheets` sheets do not fold
//     flat as one: they are imposed as signatures, sections of at most
//     `signature_sheets` sheets (as equal as the count allows), each folded and
//     nested on its own, gathered in order and sewn or glued. With a paper
//     thickness, each page moves toward the fold by thickness x its sheet's depth
//     in its section (0 for the outermost sheet), so that after trimming the
//     inner sheets, which stick out at the fore-edge, keep their outer margins
//     (creep compensation).
//   - cut_stack: two pages a side; the printed stack is cut in half and the left
//     halves laid on the right halves, so the pages read 1..N (A4 -> 2 x A5).
//   - trifold: one sheet, three panels a side, folded in three (a letter fold):
//     at most 6 pages; page 1 is the front panel, 6 the back, 2 the flap inside
//     the cover, 3-5 the inside.
// Invariants: side 2k is the front of sheet k and side 2k+1 its back; the page count
//   is padded with blank pages at the end to what the scheme needs (a layout that
//   wants its last page on the back cover pads the book itself); the pages of a side
//   meet at the trim box's fold or cut lines; crop marks are rules outside the trim
//   box and outside the bleed.
// Must not: change page content beyond moving it, or know about styles (the CLI
//   copies style::Imposition into SheetOptions).
#pragma once

#include "booklet/diagnostics.hpp"
#include "booklet/pages.hpp"
#include "booklet/units.hpp"

#include <utility>
#include <vector>

namespace booklet::impose {

enum class Scheme { booklet, cut_stack, trifold };

struct SheetOptions {
    Sp sheet_width = 0, sheet_height = 0;  // landscape sheet; it grows when the pages,
                                           // bleed and crop marks need more room
    bool crop_marks = false;
    Sp bleed = 0;                          // room around the trim box for content that runs off
    Scheme scheme = Scheme::booklet;
    int max_sheets = 0;                    // booklet: nested as one up to this many sheets (0 = any)
    int signature_sheets = 4;              // ...beyond, signatures of at most this many sheets
    Sp paper_thickness = 0;                // booklet: creep compensation (0 = none)
    // Crop mark geometry: marks start `crop_mark_offset` (at least the bleed) away from
    // the trim edge and are `crop_mark_length` long. Fold marks at the fold lines too.
    Sp crop_mark_offset = sp_from_mm(3);
    Sp crop_mark_length = sp_from_mm(5);
    Sp crop_mark_thickness = sp_from_pt(0.25);
};

// Page order on the sheet sides: for n pages padded to a multiple of 4 (N), side k
// holds {left, right} source page indices (-1 = blank). Sheet s has on its front
// {N-1-2s, 2s} and on its back {2s+1, N-2-2s}: folded and nested, the pages read 1..N.
std::vector<std::pair<int, int>> saddle_stitch_order(int page_count);

// Sheets per signature for a booklet of `sheets` sheets: as few signatures as
// `per_signature` allows, their sizes differing by at most one, larger first.
std::vector<int> signature_sizes(int sheets, int per_signature);

// Where every page goes: per sheet side, the source page of each slot from left to
// right (-1 = blank), and the depth of its sheet in its section (for creep).
struct Plan {
    int across = 2;                        // pages side by side on a sheet side
    std::vector<std::vector<int>> sides;   // side 2k: front of sheet k, 2k+1: its back
    std::vector<int> depth;                // per side: 0 = the outermost sheet of its section
    std::vector<int> sections;             // booklet: sheets per section, in order (one when nested
                                           // as one); other schemes: empty
};

// The plan for `page_count` pages. booklet::Error for a trifold of more than 6 pages.
Plan plan_sheets(int page_count, const SheetOptions& options);

// The plan for a book bound at the right (a right-to-left book): every side's pages
// in mirror order, so that folded, cut or stacked the other way the pages still read
// 1..N. impose_book applies it when the book's info says bound_right.
void mirror_sides(Plan& plan);

// How far the content of a page on a side of the given depth moves toward the
// fold: paper thickness x depth.
Sp creep_shift(const SheetOptions& options, int depth);

// Where a sheet side puts its pages: the trim box of the `across` pages side by side.
struct SheetGeometry {
    Sp sheet_width = 0, sheet_height = 0;  // after growing for bleed and marks
    Rect trim;                             // the pages side by side, centred
};
SheetGeometry sheet_geometry(Sp page_width, Sp page_height, const SheetOptions& options, int across = 2);

// Imposes `book` as the options say, mirrored when it is bound at the right. booklet::Error when the pages are not all of
// one size, or a trifold has more than 6. A booklet imposed as signatures gets a
// warning (kind "impose-signatures") saying how many and of how many sheets.
pages::Book impose_book(const pages::Book& book, const SheetOptions& options, Diagnostics& diags);

}  // namespace booklet::impose
