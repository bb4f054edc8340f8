// Paragraph setting: a StyledParagraph through the text engine (shape, then
// Knuth–Plass) into line boxes with display items, link areas and note calls.
#pragma once

#include "inline_collect.hpp"

#include <vector>

namespace booklet::layout {

struct ParagraphFormat {
    Sp width = 0;                  // line width
    Sp first_indent = 0;           // the first line starts this far in from its start edge
                                   // (the left, or the right when rtl) and is that much shorter
    style::Align align = style::Align::justify;  // left and right are start and end
    bool rtl = false;              // base direction right to left (paragraph_is_rtl)
    bool hyphenate = true;
    // The paragraph's last line ends at least this far short of the right edge
    // (linebreak::Options::last_line_room, TeX's \parfillskip with a natural
    // width): a full last line reads as a paragraph that goes on, across a page
    // break too.
    Sp last_line_room = 0;
    pages::Role role = pages::Role::body;  // what the lines are; travels with their boxes
    // TeX's \looseness: -1 asks for the paragraph one line shorter when its lines can
    // shrink that far (the hyphenating pass decides); 0 sets it as it comes.
    // Applies to paragraphs without hard line breaks only.
    int looseness = 0;
};

struct SetLine {
    BoxContent content;            // x from the paragraph's left edge, y from the baseline
    Sp height = 0, depth = 0;      // nominal extent above and below the baseline
    Sp natural_width = 0;          // advance width of what the line shows, indent included
    double ratio = 0;              // the line breaker's adjustment ratio (negative: shrunk)
};

// The most text broken into lines at once (docs/ARCHITECTURE.md, "Budgets"): a
// longer stretch between hard breaks is set in pieces of at most this many bytes,
// each ending at a space when there is one in its second half. About 1,400 words;
// only hostile or broken input reaches it.
inline constexpr std::size_t kMaxSegmentBytes = 8192;

// The paragraph's base direction, from the language and the text: right to left
// when its language (the passage's `lang`, else the book's) is written so, or when
// its first strong character is right-to-left (UAX #9 P2, P3: an Arabic paragraph
// in an English book). A URL or an English quote in an Arabic book stays at the
// right, as in HTML, where the direction is inherited from the block.
bool paragraph_is_rtl(const LayoutContext& ctx, const StyledParagraph& paragraph, const std::string& lang);

std::vector<SetLine> set_paragraph(LayoutContext& ctx, const StyledParagraph& paragraph,
                                   const ParagraphFormat& format);

// One line of text, never broken (labels, page numbers, running heads): its runs
// start at x = 0.
SetLine set_line(LayoutContext& ctx, const StyledParagraph& paragraph, pages::Role role);

}  // namespace booklet::layout
