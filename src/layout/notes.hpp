// Notes at the page foot: URL notes and GFM footnotes, their numbers, their area.
//
// Numbers depend on pages (a URL cited twice on one page has one number; per-page
// numbering restarts on every page), and pages depend on the numbers' widths, so
// numbering is settled over passes: a pass sets the numbers the previous pass's
// pagination implies, and layout repeats until they no longer change.
#pragma once

#include "context.hpp"

namespace booklet::layout {

struct NoteMetrics {
    Sp skip = 0;         // above the first note of a frame: gap, rule, gap
    Sp gap = 0;          // between two notes, so that baselines keep the note leading
    Sp label_width = 0;  // the number column; note text starts here
};

NoteMetrics note_metrics(LayoutContext& ctx);

// Sets every note that the pass's occurrences call, and their heights in the VList.
void compose_notes(LayoutContext& ctx, Pass& pass, const NoteMetrics& metrics);

// Note numbers implied by where the occurrences landed (1-based page per occurrence),
// counted in `order` (occurrence indices in reading order); indexed like `occurrences`.
std::vector<int> number_notes(const std::vector<Occurrence>& occurrences, const std::vector<int>& pages,
                              const std::vector<std::size_t>& order, style::NoteNumbering numbering);

}  // namespace booklet::layout
