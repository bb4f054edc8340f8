// Line breaking: Knuth–Plass total-fit over a shaped paragraph.
//
// Input:  a ShapedParagraph, line widths, alignment; hyphenation dictionaries.
// Output: Lines of positioned GlyphRuns with their widths and heights.
// Invariants:
//   - Break opportunities come from UAX #14 (ICU); hyphenation points from
//     booklet/hyphenate.hpp; measures only from the shaped advances.
//   - No line is wider than its width unless a single unbreakable piece is, and
//     then it is broken by force rather than overflowing (last resort).
//   - URL ranges break after / . - _ ? & = # and never gain a hyphen.
// The algorithm follows Knuth & Plass, "Breaking Paragraphs into Lines" (1981).
// Must not: know about pages, blocks or styles.
#pragma once

#include "booklet/glyphs.hpp"
#include "booklet/hyphenate.hpp"
#include "booklet/shape.hpp"
#include "booklet/units.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace booklet::linebreak {

// ------------------------------------------------ the abstract algorithm (no fonts)

enum class ItemKind { box, glue, penalty };

struct Item {
    ItemKind kind = ItemKind::box;
    Sp width = 0;
    Sp stretch = 0;     // glue only
    Sp shrink = 0;      // glue only
    int penalty = 0;    // penalty only; >= kInfinitePenalty forbids, <= -kInfinitePenalty forces
    bool flagged = false;  // penalty only: a hyphen break (consecutive flagged breaks cost extra)
};

inline constexpr int kInfinitePenalty = 10000;

struct Parameters {
    double tolerance = 2.0;            // largest adjustment ratio accepted in the main pass
    int line_penalty = 10;
    int flagged_demerits = 3000;       // two hyphenated lines in a row
    int fitness_demerits = 3000;       // adjacent lines of very different tightness
    int final_hyphen_demerits = 5000;  // hyphen on the second-to-last line
    int looseness = 0;
};

struct Break {
    std::size_t item = 0;    // index of the glue or penalty item broken at
    double ratio = 0;        // adjustment ratio of the line that ends here
};

// Total-fit breaks for items whose line i has widths[min(i, widths.size()-1)].
// The last Break is at the final item. Returns empty when no feasible set exists
// within the tolerance (the caller retries looser or falls back).
std::vector<Break> knuth_plass(const std::vector<Item>& items, const std::vector<Sp>& widths,
                               const Parameters& params);

// Greedy first-fit on the same items: for comparison in tests and benchmarks.
std::vector<Break> first_fit(const std::vector<Item>& items, const std::vector<Sp>& widths);

// ------------------------------------------------ paragraphs

enum class Align { justify, left, right, center };

struct Options {
    std::vector<Sp> widths;          // line i: widths[min(i, size-1)]; must not be empty
    Align align = Align::justify;
    bool justify_last_line = false;
    bool hyphenate = true;           // master switch; ranges can still turn it off
    hyphenate::Dictionaries* dictionaries = nullptr;  // nullptr = no hyphenation
    Parameters params;
    bool greedy = false;             // first-fit instead of total-fit (comparisons only)
};

struct Line {
    std::vector<GlyphRun> runs;      // x relative to the line's left edge, alignment applied
    Sp width = 0;                    // the width the line was set to
    Sp natural_width = 0;            // sum of advances before justification
    Sp ascent = 0, descent = 0;      // tallest run's extent above/below the baseline
    double ratio = 0;                // adjustment ratio (0 = natural, 1 = all stretch used)
    bool hyphenated = false;         // ends with an inserted hyphen
    std::size_t text_begin = 0, text_end = 0;  // byte range of the source shown
};

std::vector<Line> break_paragraph(shape::FontRegistry& fonts, const shape::ShapedParagraph& paragraph,
                                  const Options& options);

}  // namespace booklet::linebreak
