// The page builder: a vertical list of boxes, glue and penalties → pages.
//
// Input:  a VList (TeX's main vertical list: boxes with height and depth, glue,
//         penalties, forced page breaks) whose boxes may carry footnote insertions
//         and a "repeat" (a table's header row set again when the box opens a frame),
//         float units (a figure: its picture box, caption lines and the glue
//         between them, which stay together), and tightenings (a paragraph set a
//         second time, one line shorter).
// Output: Pagination — per page and column frame, which boxes sit at which baseline
//         (and at which height, for a picture that was shrunk) and which notes are
//         printed at the frame's foot; the chapter ends that stayed short spills.
// Invariants:
//   - A box never lands in a frame where the notes it calls do not fit: the note
//     area grows upward and the box moves on (no note is ever split or deferred).
//   - Notes with equal keys in one frame are printed once.
//   - Breaks happen only at glue that follows a box, at penalties below
//     kForbidBreak, or at page_break items; glue and penalties after a break are
//     discarded. Only when a frame holds no legal breakpoint at all is the frame
//     cut between two boxes regardless (reported in Pagination::problems).
//   - A float unit is never split. When it does not fit where it stands, its first
//     box (the picture) shrinks, down to FloatSpec::min_height; when that is not
//     enough it floats: it waits in one queue, and the material after it fills
//     the frame; queued units open the next frame, in their order, before any
//     other material (LaTeX's top floats). A unit is deferred only when the queue
//     (at natural size) with it (shrunk as far as allowed) fits one empty frame,
//     so it is never more than a frame late. A page_break (a chapter end) or a
//     flush_floats item is not passed while units wait: they are placed first. A
//     break right after a deferred unit is allowed only where one right before it
//     was (a heading keeps with what follows).
//   - Of a tightening, exactly one setting is placed: the paragraph as set, unless
//     pulling back a spill chose the shorter one.
//   - Chapters (the material between page_break items) are paginated one at a
//     time: no float waits across a page_break, so each chapter's pages depend only
//     on its own material. A page_break asking for a recto gets a blank page before
//     the chapter when it would start on an even page and runs to at least
//     `recto_min_pages` pages.
//   - Short spills are pulled back: when a chapter's last page would hold no more
//     than PageSpec::spill_lines lines (their height, or that many boxes none of
//     which opens a float), its last six pages are paginated again with,
//     in this order, one to three of their paragraphs set one line shorter (the
//     cheapest first), the glue on the last three shrunk (VItem::shrink), and their
//     figures drawn smaller (down to min_height), alone and then together; the
//     first that makes the chapter a page shorter is kept. A spill nothing pulls
//     back is reported in Pagination::spills. A chapter that runs on is joined by
//     paginating its predecessor's last page again.
//   - With more than one column, the last page of a chapter is balanced: its
//     columns are cut to the smallest height that still holds the page's
//     material, so they end within about a line of each other.
//   - Deterministic; work is linear in the list length, times a bounded number of
//     trials for a chapter that spills (kMaxTrials) and for balancing.
// The algorithm is TeX's page builder (The TeXbook ch. 15, tex.web §980–1028): at
// every legal breakpoint the cost is badness + penalty, and when the next box
// would overfill the frame the page ends at the cheapest breakpoint seen (the
// latest on ties). Pages are ragged at the bottom: badness measures the unused
// height against `ragged_allowance`, a virtual stretch; glue shrinks (TeX's
// page_shrink) only while a spill is pulled back. Floats follow LaTeX's
// output routine in spirit (the LaTeX2e sources, ltoutput.dtx: \@addtocurcol
// defers a float that does not fit, \@startcolumn places deferred ones at the top
// of the next column), restricted to top placement and a one-frame delay. The
// shorter paragraph is TeX's \looseness=-1 (The TeXbook ch. 14), which TeX leaves
// to the author and booklet tries where a page is at stake; balancing follows the
// idea of LaTeX's multicol package (balance by trial heights).
// Must not: know about fonts, the model or what a box draws (that is `content`).
#pragma once

#include "booklet/units.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace booklet::layout {

inline constexpr int kForbidBreak = 10000;   // TeX's inf_penalty: never break here
inline constexpr int kForceBreak = -10000;   // TeX's eject_penalty: always break here

// flush_floats: queued float units are placed before anything after it (the end
// of a chapter that does not start a new page).
enum class VKind : std::uint8_t { box, glue, penalty, page_break, flush_floats };

struct VItem {
    VKind kind = VKind::box;
    Sp height = 0, depth = 0;               // box: above and below the baseline
    Sp width = 0, stretch = 0;              // glue
    Sp shrink = 0;                          // glue: how much it may give up when a spill is pulled back
    int penalty = 0;                        // penalty
    bool recto = false;                     // page_break: the next page must be odd-numbered...
    int recto_min_pages = 0;                // ...when the chapter after it runs to at least this many pages
    std::vector<std::uint32_t> notes;       // box: insertions called from it (VList::notes)
    std::int32_t repeat = -1;               // box: VList::repeats index set above it when it opens a frame
    std::uint32_t content = 0;              // box: the caller's id for what it draws
    std::int32_t float_unit = -1;           // box: >= 0 when it opens VList::floats[float_unit]

    static VItem make_box(Sp height, Sp depth, std::uint32_t content = 0) {
        VItem v;
        v.height = height;
        v.depth = depth;
        v.content = content;
        return v;
    }
    static VItem make_glue(Sp width, Sp stretch = 0, Sp shrink = 0) {
        VItem v;
        v.kind = VKind::glue;
        v.width = width;
        v.stretch = stretch;
        v.shrink = shrink;
        return v;
    }
    static VItem make_penalty(int penalty) {
        VItem v;
        v.kind = VKind::penalty;
        v.penalty = penalty;
        return v;
    }
    static VItem make_page_break(bool recto, int recto_min_pages = 0) {
        VItem v;
        v.kind = VKind::page_break;
        v.recto = recto;
        v.recto_min_pages = recto_min_pages;
        return v;
    }
    friend bool operator==(const VItem&, const VItem&) = default;
};

// A footnote insertion. Its height includes everything the note occupies
// (lines and their leading); the gap between notes comes from PageSpec.
struct NoteSpec {
    std::string key;      // equal keys in one frame are printed once
    Sp height = 0;
    friend bool operator==(const NoteSpec&, const NoteSpec&) = default;
};

// Material repeated at the top of a frame (a table's header row).
struct RepeatSpec {
    Sp height = 0, depth = 0;
    Sp glue_after = 0;                      // space between it and the box it precedes
    std::uint32_t content = 0;
    std::vector<std::uint32_t> notes;
    friend bool operator==(const RepeatSpec&, const RepeatSpec&) = default;
};

// A figure as one unbreakable unit: items [first, last] (both boxes) are placed
// together. The first box may shrink to `min_height`: the caller scales what it
// draws by PlacedBox::height / VItem::height, keeping its aspect ratio.
struct FloatSpec {
    std::uint32_t first = 0, last = 0;
    Sp min_height = 0;
    Sp space_below = 0;                     // between the unit and the text under it when it opens a frame
    bool may_float = true;                  // false: it shrinks but stays in its place (a list item's marker
                                            // sits on it)
    friend bool operator==(const FloatSpec&, const FloatSpec&) = default;
};

// A paragraph set twice: items [first, tight) are its lines as set, and items
// [tight, end) the same text one line shorter (TeX's \looseness=-1). Both ranges
// start and end with a box; the glue and penalty before `first` serve both. The
// builder places the first range and passes over the second unless pulling back
// a spill chooses it. `cost` ranks the choices: how far the shorter setting
// squeezes its tightest line (0 = not at all, 1 = all the shrink there is).
struct Tightening {
    std::uint32_t first = 0, tight = 0, end = 0;
    double cost = 0;
    friend bool operator==(const Tightening&, const Tightening&) = default;
};

// A chapter opening that may run on: items [first, run_on) open the chapter on a
// new page (its page_break and the strut that sinks the title), items [run_on, end)
// open it right below the chapter before (glue, then a strut of no height). The
// builder takes the new page unless the chapter before ends with at most
// its last page filled no lower than PageSpec::run_on_height.
struct Opening {
    std::uint32_t first = 0, run_on = 0, end = 0;
    friend bool operator==(const Opening&, const Opening&) = default;
};

struct VList {
    std::vector<VItem> items;
    std::vector<NoteSpec> notes;
    std::vector<RepeatSpec> repeats;
    std::vector<FloatSpec> floats;
    std::vector<Tightening> tightenings;    // in list order, not overlapping
    std::vector<Opening> openings;          // in list order
    friend bool operator==(const VList&, const VList&) = default;
};

struct PageSpec {
    Sp body_height = sp_from_pt(500);       // height of a frame (the text block)
    int columns = 1;
    Sp topskip = sp_from_pt(8);             // first baseline at least this far below the frame top
    Sp note_skip = sp_from_pt(10);          // taken once in a frame with notes: space + rule
    Sp note_gap = 0;                        // between two notes
    int first_page = 1;                     // 1-based number of the first page made (recto parity)
    Sp ragged_allowance = sp_from_pt(120);  // virtual stretch for the badness of a short page
    int spill_lines = 0;                    // pull back a chapter's last page that holds no more than
    Sp line_advance = sp_from_pt(12);       //   this many lines of this advance (0 = leave spills)
    Sp run_on_height = 0;                   // an Opening runs on below a last page filled no lower than this
    Sp first_page_reserve = 0;              // the first page made keeps this much free at its foot
};

struct PlacedBox {
    std::uint32_t item = 0;                 // VList::items index; for a repeat, the box it precedes
    std::int32_t repeat = -1;               // >= 0: this is VList::repeats[repeat], not the item
    std::uint32_t content = 0;
    Sp baseline = 0;                        // from the frame top
    Sp height = 0;                          // as placed: less than the item's height when a picture shrank
};

struct Frame {
    std::vector<PlacedBox> boxes;
    std::vector<std::uint32_t> notes;       // VList::notes indices in call order, one per key
    Sp notes_height = 0;                    // note_skip + notes + gaps; 0 when there are none
    Sp used = 0;                            // bottom of the last box's depth
};

struct PageResult {
    std::vector<Frame> frames;              // PageSpec::columns of them
    bool blank = false;                     // inserted so that the next page is a recto
};

struct Problem {
    std::uint32_t item = 0;                 // the box concerned
    int page = 0;                           // 1-based page number
    std::string what;
};

// A chapter's last page that holds at most PageSpec::spill_lines lines and that
// nothing could pull back.
struct Spill {
    int page = 0;                           // 1-based page number
    int lines = 0;                          // lines on it
    int paragraphs = 0;                     // paragraphs on the pages before that could be set shorter
    bool glue = false;                      // whether those pages had glue that may shrink
    bool figures = false;                   // ... or figures that may be drawn smaller
};

struct Pagination {
    std::vector<PageResult> pages;
    std::vector<Problem> problems;          // overfull frames and forced cuts
    std::vector<Spill> spills;
    // The items [first, next) of each chapter (with those that run on after it)
    // that spilled, whether or not the spill was pulled back.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spilled;
    std::vector<std::uint32_t> tightened;   // VList::tightenings whose shorter setting is placed
    std::vector<std::uint32_t> run_on;      // VList::openings that run on
};

Pagination build_pages(const VList& list, const PageSpec& spec);

// Penalty for a break after line `index` (0-based) of a paragraph of `count`
// lines: forbidden when it would leave fewer than `orphans` lines at the foot of
// a page or fewer than `widows` at the top of the next (TeX's \clubpenalty and
// \widowpenalty at their strictest).
int interline_penalty(std::size_t index, std::size_t count, int widows, int orphans);

// Appends boxes with TeX's baselineskip rule: the glue before a box makes the
// baseline distance `leading` unless the boxes would come closer than
// `lineskip`, plus any space requested with gap().
class VListWriter {
public:
    // `gap_shrink`: the share of every gap() that may shrink (VItem::shrink).
    explicit VListWriter(VList& list, Sp lineskip = sp_from_pt(1), double gap_shrink = 0)
        : list_(list), lineskip_(lineskip), gap_shrink_(gap_shrink) {}

    // `penalty_before` applies between the previous box and this one; kNoPenalty
    // leaves a plain glue breakpoint there.
    static constexpr int kNoPenalty = 0x7fffffff;
    void box(VItem box, Sp leading, int penalty_before = kNoPenalty);
    void gap(Sp space) { state_.pending_gap = std::max(state_.pending_gap, space); }
    void keep_with_next() { state_.keep = true; }
    void penalty(int value);                // a breakpoint (or its prohibition) before the next box
    void page_break(bool recto, int recto_min_pages = 0);
    // A second setting of the boxes appended since item `first` (a box): begin()
    // returns what the writer needs to set it, and the box() calls after it append
    // the other setting, whose first box takes no glue or penalty (it shares those
    // before `first`). end() records the Tightening and leaves the writer as it
    // was after the first setting.
    struct Alternative {
        std::uint32_t first = 0, tight = 0;
        Sp last_depth = 0;
    };
    Alternative begin_alternative(std::size_t first);
    void end_alternative(const Alternative& alternative, double cost);
    // After page_break() at item `page_break` and the strut box that follows it:
    // the Opening's other setting, `space` of glue and `strut` (no height), which
    // carries what the first strut carries. The writer stays as after the first strut.
    void run_on_alternative(std::size_t page_break, Sp space, VItem strut);
    // Queued floats go before the next box. The item sits between that box and the
    // glue before it, so the glue stays a breakpoint.
    void flush_floats() { state_.flush = true; }
    // The boxes from item `first` to the last one appended form a float unit whose
    // first box may shrink to `min_height`; returns its VList::floats index.
    std::uint32_t float_unit(std::size_t first, Sp min_height, Sp space_below);

    VList& list() { return list_; }

    // What the next box() depends on besides its arguments: a chapter composed in
    // an earlier pass is taken again only from the same state (Composer::take_chapter).
    struct State {
        bool opening_alternative = false;  // the next box opens an alternative setting
        Sp pending_gap = 0;
        Sp last_depth = 0;
        bool has_box = false;
        bool keep = false;
        bool flush = false;                // a flush_floats item goes right before the next box
        int pending_penalty = kNoPenalty;
        friend bool operator==(const State&, const State&) = default;
    };
    const State& state() const { return state_; }
    void restore(const State& state) { state_ = state; }

private:
    VList& list_;
    Sp lineskip_;
    double gap_shrink_ = 0;
    State state_;
};

}  // namespace booklet::layout
