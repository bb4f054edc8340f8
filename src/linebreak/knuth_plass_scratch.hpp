// Inside src/linebreak only: the working data of the Knuth–Plass algorithm, kept
// in a scratch object so that a workspace can reuse it from paragraph to paragraph.
#pragma once

#include "booklet/linebreak.hpp"

#include <cstdint>
#include <vector>

namespace booklet::linebreak {

// A penalty that forces a break (the paragraph's end, a line separator).
inline bool is_forced(const Item& it) {
    return it.kind == ItemKind::penalty && it.penalty <= -kInfinitePenalty;
}

// Glue and ordinary penalties vanish after a break, up to the next box or forced
// break (TeX's discardable items).
inline bool is_discardable(const Item& it) { return it.kind != ItemKind::box && !is_forced(it); }

struct Sums {
    Sp width = 0, stretch = 0, shrink = 0;
    Sp fil = 0;  // number of infinite glues
};

struct Prepared {
    std::vector<Sums> sum;            // totals of items [0, i)
    std::vector<std::uint32_t> words; // legal word-space breakpoints among items [0, i)
    std::vector<std::size_t> after;   // first item of the next line after a break at i

    void prepare(const std::vector<Item>& items) {
        const std::size_t n = items.size();
        sum.assign(n + 1, Sums{});
        words.assign(n + 1, 0);
        for (std::size_t i = 0; i < n; ++i) {
            Sums s = sum[i];
            const Item& it = items[i];
            bool word_break = false;
            if (it.kind == ItemKind::box) {
                s.width += it.width;
                s.stretch += it.stretch;  // font expansion
                s.shrink += it.shrink;
            } else if (it.kind == ItemKind::glue) {
                s.width += it.width;
                if (it.stretch >= kFilStretch)
                    s.fil += 1;
                else
                    s.stretch += it.stretch;
                s.shrink += it.shrink;
                // Infinite glue ends a paragraph or a line; it separates no words.
                word_break = i > 0 && items[i - 1].kind == ItemKind::box && it.stretch < kFilStretch;
            } else {
                word_break = !it.flagged && it.penalty < kInfinitePenalty && it.penalty > -kInfinitePenalty;
            }
            sum[i + 1] = s;
            words[i + 1] = words[i] + (word_break ? 1 : 0);
        }
        // After a break, discardable items up to the next box vanish; computed right
        // to left in one sweep.
        after.assign(n + 1, n);
        std::size_t next_keep = n;
        for (std::size_t i = n; i-- > 0;) {
            after[i] = next_keep;
            if (!is_discardable(items[i])) next_keep = i;
        }
    }
};

struct Node {
    std::size_t pos = 0;       // the item broken at
    std::size_t start = 0;     // first item of the line after this break
    Sp start_width = 0;        // width the line after this break gains (Item::post_width)
    std::size_t line = 0;      // lines ending at or before this break
    int fitness = 2;
    int run = 0;               // hyphenated lines in a row ending here
    double total = 0;          // total demerits
    double ratio = 0;
    int prev = -1;
};

struct Candidate {
    std::size_t line_class = 0;
    int fitness = 0;
    int run = 0;
    double total = 1e12;
    double ratio = 0;
    int from = -1;
};

struct KnuthPlassScratch {
    Prepared prep;
    std::vector<Node> nodes;
    std::vector<int> active, next_active;
    std::vector<Candidate> candidates;
};

// knuth_plass() with the caller's scratch memory.
std::vector<Break> knuth_plass(const std::vector<Item>& items, const std::vector<Sp>& widths, const Parameters& params,
                               KnuthPlassScratch& scratch);

}  // namespace booklet::linebreak
