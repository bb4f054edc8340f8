// Inside src/linebreak only: committing the chosen lines (see prepared.hpp for
// the steps).
#pragma once

#include "prepared.hpp"

#include <vector>

namespace booklet::linebreak {

// v scaled by (1000 + e) / 1000, rounded half away from zero: a glyph advance or
// offset under font expansion of e thousandths (|e| <= 500, so a glyph's sp value
// times 1500 stays far inside 64 bits).
Sp expanded(Sp v, int e);

struct CommittedLines {
    std::vector<Line> lines;
    bool overfull = false;  // a line is wider than its width plus what may hang out
};

// The lines that end at `breaks` (into p.sc.items, as the break search left them).
CommittedLines commit_lines(PreparedParagraph& p, const std::vector<Break>& breaks);

}  // namespace booklet::linebreak
