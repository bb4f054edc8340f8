// Typography figures from the text engine's own lines, defined as
// ../shared/tools/pdf-typography defines them on PDFs, so the two can be compared.
#pragma once

#include "booklet/linebreak.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace booklet::bench {

struct TypographyStats {
    std::size_t paragraphs = 0;
    std::size_t lines = 0;
    std::size_t justified_lines = 0;    // non-final lines of a paragraph with a measurable space
    std::size_t loose_lines = 0;        // of those: median word space > 0.5 em
    std::size_t tight_lines = 0;        // of those: median word space < 0.17 em (TeX's minimum,
                                        // 2/3 of Noto Serif's 0.26 em space)
    double space_p5_em = 0;
    double space_median_em = 0;         // over justified lines (nearest rank)
    double space_p95_em = 0;
    double space_max_em = 0;
    std::size_t non_final_lines = 0;
    std::size_t hyphenated_ends = 0;    // non-final lines ending in a hyphen after a letter
    std::size_t inserted_hyphens = 0;   // of those: hyphens the breaker inserted (dictionary, soft hyphen)
    std::size_t ladders = 0;            // runs of >= 3 hyphenated ends in a paragraph
    std::size_t longest_run = 0;
    std::size_t overfull_lines = 0;     // wider than the column by more than 1 pt
    std::size_t short_last_lines = 0;   // last line narrower than 20 % of the column (>= 2 lines)
    std::size_t single_word_last = 0;   // last line of one word (>= 2 lines)
    std::size_t expanded_lines = 0;     // non-final lines set with font expansion
    double expansion_abs_sum = 0;       // sum of |expansion| over non-final lines, thousandths

    void add_paragraph(const std::vector<linebreak::Line>& lines);
    void finish();
    std::vector<double> spaces_;        // per justified line, em
};

// Where the line's last letter or digit ends, from its left edge (a final hyphen or
// punctuation mark may hang into the margin past this).
Sp ink_right(const linebreak::Line& line);

std::string format_row(const std::string& label, const TypographyStats& s);
std::string header_row();

}  // namespace booklet::bench
