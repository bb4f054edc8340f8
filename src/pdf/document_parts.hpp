// Document-level values that need no libharu: PDF dates, page label ranges and
// the bookmarks' tree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace booklet::pdf {

// "D:YYYYMMDDHHmmSSZ" (PDF 1.7, 7.9.4) for seconds since the epoch, UTC; nullopt
// for 0 (no date given) and for years outside 0..9999.
std::optional<std::string> pdf_date(std::int64_t seconds_since_epoch);

// One /PageLabels range (PDF 1.7, 12.4.2): from page `first` on, labels are
// prefix + number in style ('D' decimal, 'r'/'R' roman, 0 = prefix only).
struct LabelRange {
    std::size_t first = 0;
    char style = 0;
    std::string prefix;
    std::int64_t start = 1;
    friend bool operator==(const LabelRange&, const LabelRange&) = default;
};

// The fewest ranges that reproduce the printed labels ("i", "ii", "1", "2"...);
// empty when no page has a label.
std::vector<LabelRange> label_ranges(const std::vector<std::string>& labels);

// The bookmarks as the outline's tree (PDF 1.7, 12.3.3) links them: entries in
// document order, each under the last entry before it of a lower level. Index n
// (the number of entries) is the outline's root. Each entry's parent, its siblings
// before and after it, its first and last children (kNone where there is none),
// and how many entries lie under it (every entry open).
struct OutlineTree {
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::vector<std::size_t> parent, prev, next, first, last, count;
    friend bool operator==(const OutlineTree&, const OutlineTree&) = default;
};
OutlineTree outline_tree(const std::vector<int>& levels);

}  // namespace booklet::pdf
