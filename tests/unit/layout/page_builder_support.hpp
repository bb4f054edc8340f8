// Synthetic vertical lists for the page builder tests: a page of exactly ten 10pt
// lines and paragraphs of numbered lines, so that every break and baseline can be
// worked out by hand; and ways to read the pages back by box number.
#pragma once

#include "page_builder.hpp"

#include <cstdint>
#include <vector>

namespace booklet::layout::page_builder_test {

constexpr Sp pt(double v) { return sp_from_pt(v); }

// Ten 10pt lines: topskip 8, depth 2, leading 10, 100pt in all.
inline PageSpec ten_line_page() {
    PageSpec spec;
    spec.topskip = pt(8);
    spec.body_height = pt(8 + 9 * 10 + 2);
    spec.note_skip = pt(5);
    spec.note_gap = pt(1);
    spec.ragged_allowance = pt(30);
    return spec;
}

inline VItem line(std::uint32_t id) { return VItem::make_box(pt(8), pt(2), id); }

// A paragraph of `count` lines with strict widow and orphan penalties.
inline void paragraph(VListWriter& w, std::uint32_t& next_id, std::size_t count, Sp gap = 0, int widows = 2,
                      int orphans = 2) {
    w.gap(gap);
    for (std::size_t i = 0; i < count; ++i) {
        const int p = i == 0 ? VListWriter::kNoPenalty : interline_penalty(i - 1, count, widows, orphans);
        w.box(line(next_id++), pt(10), p);
    }
}

inline std::vector<std::vector<std::uint32_t>> contents_per_page(const Pagination& p) {
    std::vector<std::vector<std::uint32_t>> out;
    for (const auto& page : p.pages) {
        std::vector<std::uint32_t> ids;
        for (const auto& frame : page.frames)
            for (const auto& b : frame.boxes) ids.push_back(b.content);
        out.push_back(ids);
    }
    return out;
}

inline std::vector<std::uint32_t> range(std::uint32_t from, std::uint32_t to) {
    std::vector<std::uint32_t> v;
    for (auto i = from; i < to; ++i) v.push_back(i);
    return v;
}

inline std::vector<std::uint32_t> join(std::vector<std::uint32_t> a, const std::vector<std::uint32_t>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

inline const PlacedBox* find_box(const Pagination& p, std::uint32_t content, int* page = nullptr) {
    for (std::size_t i = 0; i < p.pages.size(); ++i)
        for (const auto& frame : p.pages[i].frames)
            for (const auto& b : frame.boxes)
                if (b.content == content) {
                    if (page) *page = static_cast<int>(i);
                    return &b;
                }
    return nullptr;
}

}  // namespace booklet::layout::page_builder_test
