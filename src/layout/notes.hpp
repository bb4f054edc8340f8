// Notes at the page foot: URL notes and GFM footnotes, their numbers, their area.
//
// The cite stage numbers notes per chapter or per book. Per-page numbers depend
// on pages (they restart on every page; a URL cited twice on one page has one
// number), and pages depend on the numbers' widths, so they are settled over
// passes: a pass sets the numbers the previous pass's pagination implies, and
// layout repeats until they no longer change.
#pragma once

#include "context.hpp"

namespace booklet::layout {

struct NoteMetrics {
    Sp skip = 0;         // above the first note of a frame: gap, rule, gap
    Sp gap = 0;          // between two notes, so that baselines keep the note leading
    Sp label_width = 0;  // the number column; note text starts here
};

NoteMetrics note_metrics(LayoutContext& ctx);

// The URL notes a layout's passes composed (ComposedNote): those of the pass
// before, or of the last build's layout of the same inputs, for this pass to
// take, and this pass's.
class NoteMemo {
public:
    explicit NoteMemo(ComposedNotes last_build = {}) : now_(std::move(last_build)) {}
    // As a pass begins: the notes of the one before are those it may take.
    void next_pass();
    // The note composed from `text` before, now this pass's too; null when none was.
    const ComposedNote* find(const NoteText& text);
    void add(NoteText text, ComposedNote note) { now_.insert_or_assign(std::move(text), std::move(note)); }
    // The notes of the last pass (once): all that a next build may take.
    ComposedNotes take() { return std::move(now_); }

private:
    ComposedNotes before_, now_;
};

// Sets every note that the pass's occurrences call, and their heights in the
// VList; a URL note with no QR code beside it is taken from `memo` when it holds
// one of the same text (and added to it when it does not).
void compose_notes(LayoutContext& ctx, Pass& pass, const NoteMetrics& metrics, NoteMemo& memo);

// Note numbers for the occurrences, indexed like them, in `order` (occurrence
// indices in reading order). Under per_page numbering the page builder finishes
// them here: from 1 on each page (`pages`: 1-based page per occurrence; `frames`:
// its column there), one number for an address called twice in one column.
// Otherwise they are the cite stage's numbers, which the occurrences carry (`decided`), dealt
// out again in reading order within their chapter (or the book): the same unless
// a figure floated past text. Per chapter, one page-dependent rule is finished
// here too: a chapter whose first note shares a page with notes of the chapter
// before it (it ran on) continues that chapter's count, so no page shows two
// notes "1" (docs/ARCHITECTURE.md, "Note numbers").
std::vector<int> number_notes(const std::vector<Occurrence>& occurrences, const std::vector<int>& pages,
                              const std::vector<int>& frames, const std::vector<std::size_t>& order,
                              style::NoteNumbering numbering);

}  // namespace booklet::layout
