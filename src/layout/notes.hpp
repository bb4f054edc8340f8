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

// The URL notes a layout's passes composed (ComposedNote), for its later passes
// to take, and those of the last build's layout of the same inputs. A note of a
// chapter that runs on changes its number between the first pass and the
// second, so a layout keeps what every pass used.
class NoteMemo {
public:
    explicit NoteMemo(ComposedNotes last_build = {}) : last_build_(std::move(last_build)) {}
    // The note composed from `text` before, now this layout's too; null when none was.
    const ComposedNote* find(const NoteTextRef& text);
    void add(NoteText text, ComposedNote note) { used_.insert_or_assign(std::move(text), std::move(note)); }
    // The notes this layout used (once): all that a next build may take.
    ComposedNotes take() { return std::move(used_); }

private:
    ComposedNotes last_build_, used_;
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
