#include "document_parts.hpp"

#include "booklet/dates.hpp"

#include <array>
#include <cstdio>

namespace booklet::pdf {

namespace {

std::string roman(std::int64_t n, bool upper) {
    static constexpr std::array<std::pair<int, const char*>, 13> table{{{1000, "m"},
                                                                        {900, "cm"},
                                                                        {500, "d"},
                                                                        {400, "cd"},
                                                                        {100, "c"},
                                                                        {90, "xc"},
                                                                        {50, "l"},
                                                                        {40, "xl"},
                                                                        {10, "x"},
                                                                        {9, "ix"},
                                                                        {5, "v"},
                                                                        {4, "iv"},
                                                                        {1, "i"}}};
    std::string s;
    for (const auto& [value, digits] : table)
        while (n >= value) s += digits, n -= value;
    if (upper)
        for (char& c : s) c = static_cast<char>(c - 'a' + 'A');
    return s;
}

std::int64_t roman_value(const std::string& s) {
    std::int64_t total = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto value = [](char c) -> std::int64_t {
            switch (c | 0x20) {
                case 'i': return 1;
                case 'v': return 5;
                case 'x': return 10;
                case 'l': return 50;
                case 'c': return 100;
                case 'd': return 500;
                case 'm': return 1000;
                default: return -1;
            }
        };
        const std::int64_t v = value(s[i]);
        if (v < 0) return 0;
        const std::int64_t next = i + 1 < s.size() ? value(s[i + 1]) : 0;
        total += next > v ? -v : v;
        if (total > 100000) return 0;
    }
    return total;
}

LabelRange parse_label(const std::string& label) {
    LabelRange r;
    if (label.empty()) return r;
    bool digits = label.size() <= 9 && label[0] != '0';
    for (char c : label) digits = digits && c >= '0' && c <= '9';
    if (digits) {
        r.style = 'D';
        r.start = std::stoll(label);
        return r;
    }
    if (label.size() <= 15) {
        const std::int64_t n = roman_value(label);
        // Only canonical numerals, in one case: "iv" is 4, "iiii" and "Iv" are text.
        if (n > 0 && n < 4000 && roman(n, false) == label) return {0, 'r', {}, n};
        if (n > 0 && n < 4000 && roman(n, true) == label) return {0, 'R', {}, n};
    }
    r.prefix = label;
    return r;
}

}  // namespace

std::optional<std::string> pdf_date(std::int64_t seconds) {
    if (seconds == 0) return std::nullopt;
    const CivilTime t = civil_from_epoch(seconds);
    if (t.year < 0 || t.year > 9999) return std::nullopt;
    char text[32];
    std::snprintf(text, sizeof text, "D:%04d%02d%02d%02d%02d%02dZ", static_cast<int>(t.year), t.month, t.day, t.hour,
                  t.minute, t.second);
    return std::string(text);
}

std::vector<LabelRange> label_ranges(const std::vector<std::string>& labels) {
    std::vector<LabelRange> ranges;
    bool any = false;
    std::int64_t expected = 0;  // the number the current range gives the next page
    for (std::size_t i = 0; i < labels.size(); ++i) {
        any = any || !labels[i].empty();
        LabelRange r = parse_label(labels[i]);
        r.first = i;
        const bool continues = !ranges.empty() && ranges.back().style == r.style && ranges.back().prefix == r.prefix &&
                               (r.style == 0 || r.start == expected);
        if (!continues) ranges.push_back(r);
        expected = r.start + 1;
    }
    if (!any) ranges.clear();
    return ranges;
}

OutlineTree outline_tree(const std::vector<int>& levels) {
    const std::size_t n = levels.size();
    constexpr std::size_t none = OutlineTree::kNone;
    OutlineTree tree{std::vector<std::size_t>(n, none), std::vector<std::size_t>(n, none),
                     std::vector<std::size_t>(n, none), std::vector<std::size_t>(n + 1, none),
                     std::vector<std::size_t>(n + 1, none), std::vector<std::size_t>(n + 1, 0)};
    std::vector<std::size_t> open;  // the entries the next one may stand under, outermost first
    for (std::size_t i = 0; i < n; ++i) {
        while (!open.empty() && levels[open.back()] >= levels[i]) open.pop_back();
        const std::size_t up = open.empty() ? n : open.back();
        tree.parent[i] = up;
        if (tree.last[up] == none) {
            tree.first[up] = i;
        } else {
            tree.prev[i] = tree.last[up];
            tree.next[tree.last[up]] = i;
        }
        tree.last[up] = i;
        open.push_back(i);
    }
    // An entry's descendants follow it: counted from the last entry back.
    for (std::size_t i = n; i-- > 0;) tree.count[tree.parent[i]] += 1 + tree.count[i];
    return tree;
}

}  // namespace booklet::pdf
