// Inside src/linebreak only: the break search over a prepared paragraph (see
// prepared.hpp for the steps).
#pragma once

#include "prepared.hpp"

#include <vector>

namespace booklet::linebreak {

// The pass's box/glue/penalty list, into p.sc.items with p.sc.item_text alongside:
// with or without dictionary hyphenation points; the third pass also opens kept
// ranges, spaces inside over-wide stretches and over-wide tokens.
void build_items(PreparedParagraph& p, bool hyphenation, bool third_pass);

// A box of the current item list is wider than the narrowest line.
bool has_overwide_box(const PreparedParagraph& p);

struct ChosenBreaks {
    std::vector<Break> breaks;  // into p.sc.items as the search left them
    int pass = 0;               // as Report::pass
};

// Knuth–Plass in up to three passes, as the options ask (or first fit when greedy);
// the item list of the pass that succeeded stays in the scratch memory.
ChosenBreaks search_breaks(PreparedParagraph& p);

}  // namespace booklet::linebreak
