#include "page_builder.hpp"

#include <algorithm>
#include <cassert>
#include <functional>

namespace booklet::layout {
namespace {

constexpr int kInfBad = 10000;       // tex.web §108 inf_bad
constexpr long kDeplorable = 100000; // tex.web §974: a page that is worse than bad

// Pulling back one spill paginates its chapter at most this many times...
constexpr int kMaxTrials = 160;
// ...with at most this many paragraphs, the cheapest, as candidates to set shorter
// (6 give 41 sets of one to three paragraphs)...
constexpr std::size_t kMaxCandidates = 6;
// ...from the spill page and this many pages before it (figures too)...
constexpr std::size_t kPullBackPages = 5;
// ...and the glue of the spill page and this many pages before it.
constexpr std::size_t kRelaxPages = 2;

// TeX's badness of stretching `stretch` by `t` (tex.web §108), in integers so
// that it is the same on every machine. About 100 (t/s)^3, capped at 10000.
long badness(Sp t, Sp s) {
    if (t <= 0) return 0;
    if (s <= 0) return kInfBad;
    Sp r;
    if (t <= 7230584) r = (t * 297) / s;
    else if (s >= 1663497) r = t / (s / 297);
    else r = t;
    if (r > 1290) return kInfBad;
    return static_cast<long>((r * r * r + 0x20000) / 0x40000);
}

struct Breakpoint {
    bool valid = false;
    std::size_t item = 0;     // the glue or penalty broken at
    std::size_t boxes = 0;    // boxes in the frame before it
    std::size_t notes = 0;
    std::size_t deferred = 0; // float units queued for the next frame before it
    Sp notes_height = 0;
    Sp used = 0;
    long cost = 0;
};

// Which setting of each tightening and opening is placed, and so which item
// follows which. Choices are numbered tightenings first, then openings.
class Route {
public:
    explicit Route(const VList& list)
        : list_(list), at_(list.items.size(), -1), owner_(list.items.size(), -1),
          second_(list.tightenings.size() + list.openings.size(), 0) {
        for (std::size_t c = 0; c < second_.size(); ++c) {
            const Range r = range(c);
            assert(r.first < r.second && r.second < r.end && r.end <= list.items.size());
            at_[r.first] = at_[r.second] = static_cast<std::int32_t>(c);
            if (c < list.tightenings.size())
                for (std::size_t k = r.first; k < r.end; ++k) owner_[k] = static_cast<std::int32_t>(c);
        }
    }

    // The item that follows the path at index k: k itself, or where the chosen
    // setting of a choice starting or ending there continues.
    std::size_t operator()(std::size_t k) const {
        while (k < at_.size() && at_[k] >= 0) {
            const auto c = static_cast<std::size_t>(at_[k]);
            const Range r = range(c);
            if (k == r.first && second_[c]) k = r.second;
            else if (k == r.second && !second_[c]) k = r.end;
            else break;
        }
        return k;
    }

    void choose(std::size_t tightening, bool shorter) { second_[tightening] = shorter ? 1 : 0; }
    bool shorter(std::size_t tightening) const { return second_[tightening] != 0; }
    void run_on(std::size_t opening, bool yes) { second_[list_.tightenings.size() + opening] = yes ? 1 : 0; }
    bool runs_on(std::size_t opening) const { return second_[list_.tightenings.size() + opening] != 0; }
    // The tightening one of whose settings holds item k, or -1.
    std::int32_t owner(std::size_t k) const { return owner_[k]; }
    // The opening whose page_break is item k, or -1.
    std::int32_t opening_at(std::size_t k) const {
        const std::int32_t c = at_[k];
        const auto t = static_cast<std::int32_t>(list_.tightenings.size());
        return c >= t && list_.openings[static_cast<std::size_t>(c - t)].first == k ? c - t : -1;
    }

private:
    struct Range {
        std::size_t first, second, end;
    };
    Range range(std::size_t c) const {
        if (c < list_.tightenings.size()) {
            const Tightening& t = list_.tightenings[c];
            return {t.first, t.tight, t.end};
        }
        const Opening& o = list_.openings[c - list_.tightenings.size()];
        return {o.first, o.run_on, o.end};
    }

    const VList& list_;
    std::vector<std::int32_t> at_, owner_;
    std::vector<char> second_;
};

// What a chapter may give up to pull back its short last page.
struct Relax {
    std::size_t from_page = static_cast<std::size_t>(-1);  // pages of the chapter (0-based) whose glue...
    bool shrink_glue = false;               // ...shrinks by up to VItem::shrink
    Sp float_cut = 0;                       // figures are set this much less tall (not below min_height)

    Relax on_page(std::size_t page) const {
        Relax r = *this;
        r.shrink_glue = shrink_glue && page >= from_page;
        return r;
    }
};

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

class FrameFiller {
public:
    // `limit`: the text (without its notes) ends at most this far below the frame top
    // (shorter than the frame when columns are balanced).
    FrameFiller(const VList& list, const PageSpec& spec, const Route& route, int page_no, std::vector<Problem>& problems,
                bool shrink_glue, Sp float_cut, Sp limit)
        : list_(list), spec_(spec), route_(route), page_no_(page_no), problems_(problems), shrink_glue_(shrink_glue),
          float_cut_(float_cut), limit_(std::min(limit, spec.body_height)) {}

    // Fills `frame` from item `start`; returns the index to continue from.
    // `queue` holds on entry the float units waiting for this frame (they open it)
    // and on return the ones waiting for the next. `forced` tells whether a
    // page_break item (or floats waiting at one) ended the frame; `page_break` is
    // the index of the page_break item passed, kNone when none was.
    std::size_t fill(std::size_t start, Frame& frame, std::vector<std::uint32_t>& queue, bool& forced,
                     std::size_t& page_break) {
        const std::size_t next = fill_boxes(start, frame, queue, forced, page_break);
        if (shrink_glue_) shrink_to_fit(frame);
        return next;
    }

private:
    std::size_t fill_boxes(std::size_t start, Frame& frame, std::vector<std::uint32_t>& queue, bool& forced,
                           std::size_t& page_break) {
        forced = false;
        page_break = kNone;
        const auto& items = list_.items;
        Breakpoint best;
        std::vector<std::uint32_t> incoming;
        incoming.swap(queue);
        place_top_floats(frame, incoming, queue);
        // A frame may hold its top floats and nothing else.
        if (!frame.boxes.empty()) consider(frame, queue, start, 0, best);
        for (std::size_t k = route_(start); k < items.size(); k = route_(k + 1)) {
            const VItem& it = items[k];
            switch (it.kind) {
            case VKind::page_break:
                // A chapter end: waiting floats are placed first, on a frame of their own.
                if (!queue.empty()) {
                    forced = true;
                    return k;
                }
                forced = true;
                page_break = k;
                return k + 1;
            case VKind::flush_floats:
                if (!queue.empty()) return k;
                break;
            case VKind::penalty:
                if (flow_ && it.penalty < kForbidBreak && !after_kept_float_) {
                    if (it.penalty <= kForceBreak) return k + 1;
                    consider(frame, queue, k, it.penalty, best);
                }
                break;
            case VKind::glue:
                if (flow_ && k > start && items[k - 1].kind == VKind::box && !after_kept_float_)
                    consider(frame, queue, k, 0, best);
                pending_ += it.width;
                pending_shrink_ += it.shrink;
                stretch_ += it.stretch;
                break;
            case VKind::box:
                if (it.float_unit >= 0) {
                    const auto unit = static_cast<std::uint32_t>(it.float_unit);
                    const FloatSpec& f = list_.floats[unit];
                    if (queue.empty() || !f.may_float) {
                        if (const Sp h = fitting_height(frame, f); h >= 0) {
                            commit_unit(frame, f, h, false);
                            k = f.last;
                            break;
                        }
                    }
                    if (f.may_float && !frame.boxes.empty() && queue_fits_frame(queue, unit)) {
                        // Deferred: what follows is spaced from what precedes as if the
                        // unit were not there, and may break after it only where it
                        // could break before it.
                        queue.push_back(unit);
                        after_kept_float_ = after_kept_float_ || !break_allowed_before(f.first);
                        pending_ = items[f.last].depth - depth_;
                        k = f.last;
                        break;
                    }
                } else if (place(frame, k)) {
                    break;
                }
                // It does not fit: the frame ends at the best breakpoint seen.
                if (best.valid) {
                    frame.boxes.resize(best.boxes);
                    shrink_above_.resize(best.boxes);
                    frame.notes.resize(best.notes);
                    frame.notes_height = best.notes_height;
                    frame.used = best.used;
                    queue.resize(best.deferred);
                    return best.item;
                }
                if (!frame.boxes.empty()) {
                    problems_.push_back({static_cast<std::uint32_t>(k), page_no_,
                                         "no allowed page break: cut between two boxes that should stay together"});
                    return k;
                }
                if (it.float_unit >= 0) {
                    const FloatSpec& f = list_.floats[static_cast<std::size_t>(it.float_unit)];
                    commit_unit(frame, f, f.min_height, false);
                    problems_.push_back({static_cast<std::uint32_t>(k), page_no_,
                                         "a figure with its caption and notes is taller than the page"});
                    return f.last + 1;
                }
                force_place(frame, k);
                problems_.push_back({static_cast<std::uint32_t>(k), page_no_,
                                     "a box with its notes is taller than the page"});
                return k + 1;
            }
        }
        return items.size();
    }

    // Glue shrunk where a relaxed frame holds more than its height: each box moves
    // up by its share of the shrink above it (TeX's glue set ratio, per frame).
    void shrink_to_fit(Frame& frame) const {
        const Sp excess = frame.used + frame.notes_height - spec_.body_height;
        const Sp over_limit = frame.used - limit_;
        const Sp cut = std::max(excess, over_limit);
        if (cut <= 0 || shrink_above_.empty() || shrink_above_.back() <= 0) return;
        const Sp total = shrink_above_.back();
        const Sp applied = std::min(cut, total);
        for (std::size_t b = 0; b < frame.boxes.size(); ++b)
            frame.boxes[b].baseline -= scale_sp(applied, shrink_above_[b], total);
        frame.used -= applied;
    }

    // Height the notes of `notes` would add to the frame.
    Sp notes_increase(const Frame& frame, const std::vector<std::uint32_t>& notes,
                      const std::vector<std::uint32_t>* extra = nullptr) const {
        Sp add = 0;
        std::size_t count = frame.notes.size();
        std::vector<const std::string*> seen;
        for (auto n : frame.notes) seen.push_back(&list_.notes[n].key);
        auto visit = [&](const std::vector<std::uint32_t>& list) {
            for (auto n : list) {
                const NoteSpec& note = list_.notes[n];
                bool dup = false;
                for (const auto* s : seen)
                    if (*s == note.key) { dup = true; break; }
                if (dup) continue;
                seen.push_back(&note.key);
                add += note.height + (count == 0 ? spec_.note_skip : spec_.note_gap);
                ++count;
            }
        };
        if (extra) visit(*extra);
        visit(notes);
        return add;
    }

    void add_notes(Frame& frame, const std::vector<std::uint32_t>& notes) const {
        for (auto n : notes) {
            const NoteSpec& note = list_.notes[n];
            bool dup = false;
            for (auto m : frame.notes)
                if (list_.notes[m].key == note.key) { dup = true; break; }
            if (dup) continue;
            frame.notes_height += note.height + (frame.notes.empty() ? spec_.note_skip : spec_.note_gap);
            frame.notes.push_back(n);
        }
    }

    // Whether text ending at `bottom` (the last box's depth included) with
    // `notes_height` of notes below it fits the frame; glue shrink counts in a
    // relaxed frame.
    bool fits(Sp bottom, Sp notes_height) const {
        const Sp shrink = shrink_glue_ ? shrink_ + (flow_ ? pending_shrink_ : 0) : 0;
        return bottom - shrink + notes_height <= spec_.body_height && bottom - shrink <= limit_;
    }

    // Baseline of a box of height `height` if it were placed next, under the
    // repeat it brings.
    Sp next_baseline(Sp height, const RepeatSpec* repeat) const {
        if (!flow_) {
            if (repeat) {
                const Sp rb = top_ + std::max(spec_.topskip, repeat->height);
                return rb + repeat->depth + repeat->glue_after + height;
            }
            return top_ + std::max(spec_.topskip, height);
        }
        return baseline_ + depth_ + pending_ + height;
    }

    const RepeatSpec* repeat_for(const VItem& box) const {
        if (flow_ || box.repeat < 0) return nullptr;
        assert(static_cast<std::size_t>(box.repeat) < list_.repeats.size());
        return &list_.repeats[static_cast<std::size_t>(box.repeat)];
    }

    bool place(Frame& frame, std::size_t k) {
        const VItem& box = list_.items[k];
        const RepeatSpec* repeat = repeat_for(box);
        const Sp baseline = next_baseline(box.height, repeat);
        const Sp notes = frame.notes_height + notes_increase(frame, box.notes, repeat ? &repeat->notes : nullptr);
        if (!fits(baseline + box.depth, notes)) return false;
        commit(frame, k, box, repeat, baseline);
        return true;
    }

    void force_place(Frame& frame, std::size_t k) {
        const VItem& box = list_.items[k];
        const RepeatSpec* repeat = repeat_for(box);
        commit(frame, k, box, repeat, next_baseline(box.height, repeat));
    }

    void commit(Frame& frame, std::size_t k, const VItem& box, const RepeatSpec* repeat, Sp baseline) {
        if (repeat) {
            PlacedBox r;
            r.item = static_cast<std::uint32_t>(k);
            r.repeat = box.repeat;
            r.content = repeat->content;
            r.baseline = top_ + std::max(spec_.topskip, repeat->height);
            r.height = repeat->height;
            frame.boxes.push_back(r);
            add_notes(frame, repeat->notes);
        }
        PlacedBox p;
        p.item = static_cast<std::uint32_t>(k);
        p.content = box.content;
        p.baseline = baseline;
        p.height = box.height;
        if (flow_) shrink_ += pending_shrink_;
        pending_shrink_ = 0;
        while (shrink_above_.size() < frame.boxes.size()) shrink_above_.push_back(shrink_);
        frame.boxes.push_back(p);
        shrink_above_.push_back(shrink_);
        add_notes(frame, box.notes);
        baseline_ = baseline;
        depth_ = box.depth;
        pending_ = 0;
        flow_ = true;
        after_kept_float_ = false;
        frame.used = baseline + box.depth;
    }

    // A unit's extent below its first box's baseline, and the notes it calls.
    Sp unit_tail(const FloatSpec& f) const {
        const auto& items = list_.items;
        Sp bottom = items[f.first].depth, glue = 0;
        for (std::size_t k = f.first + 1; k <= f.last; ++k) {
            if (items[k].kind == VKind::glue) glue += items[k].width;
            else if (items[k].kind == VKind::box) {
                bottom += glue + items[k].height + items[k].depth;
                glue = 0;
            }
        }
        return bottom;
    }

    std::vector<std::uint32_t> unit_notes(const FloatSpec& f) const {
        std::vector<std::uint32_t> notes;
        for (std::size_t k = f.first; k <= f.last; ++k)
            if (list_.items[k].kind == VKind::box)
                notes.insert(notes.end(), list_.items[k].notes.begin(), list_.items[k].notes.end());
        return notes;
    }

    // The height the unit's first box can have to fit the frame here, between its
    // natural height and min_height; -1 when even min_height does not fit.
    Sp fitting_height(const Frame& frame, const FloatSpec& f) const {
        // A relaxed frame draws its figures up to float_cut less tall.
        const Sp natural = std::max(f.min_height, list_.items[f.first].height - float_cut_);
        const Sp notes = frame.notes_height + notes_increase(frame, unit_notes(f));
        const Sp tail = unit_tail(f);
        const auto text_bottom = [&](Sp h) { return next_baseline(h, nullptr) + tail; };
        const Sp excess = std::max(text_bottom(natural) + notes - spec_.body_height, text_bottom(natural) - limit_);
        if (excess <= 0) return natural;
        const Sp h = natural - excess;
        if (h < f.min_height || h <= 0 || text_bottom(h) + notes > spec_.body_height || text_bottom(h) > limit_)
            return -1;
        return h;
    }

    // Places the unit's boxes; its first box at height `first_height`. At the top
    // of a frame (`top`) the text that follows starts below it, FloatSpec::space_below
    // away, as it would start below the frame's top edge.
    void commit_unit(Frame& frame, const FloatSpec& f, Sp first_height, bool top) {
        const auto& items = list_.items;
        Sp baseline = next_baseline(first_height, nullptr), depth = 0, glue = 0;
        for (std::size_t k = f.first; k <= f.last; ++k) {
            const VItem& it = items[k];
            if (it.kind == VKind::glue) glue += it.width;
            if (it.kind != VKind::box) continue;
            PlacedBox p;
            p.item = static_cast<std::uint32_t>(k);
            p.content = it.content;
            p.height = k == f.first ? first_height : it.height;
            if (k != f.first) baseline += depth + glue + it.height;
            p.baseline = baseline;
            while (shrink_above_.size() < frame.boxes.size()) shrink_above_.push_back(shrink_);
            frame.boxes.push_back(p);
            shrink_above_.push_back(shrink_);
            add_notes(frame, it.notes);
            depth = it.depth;
            glue = 0;
        }
        frame.used = baseline + depth;
        if (top) {
            top_ = frame.used + f.space_below;
            return;
        }
        if (flow_) shrink_ += pending_shrink_;
        pending_shrink_ = 0;
        baseline_ = baseline;
        depth_ = depth;
        pending_ = 0;
        flow_ = true;
        after_kept_float_ = false;
    }

    // Units waiting for this frame open it, in order; one that no longer fits (its
    // notes grew, say) waits again, and so does every unit behind it.
    void place_top_floats(Frame& frame, const std::vector<std::uint32_t>& incoming,
                          std::vector<std::uint32_t>& queue) {
        for (auto unit : incoming) {
            const FloatSpec& f = list_.floats[unit];
            if (queue.empty()) {
                if (const Sp h = fitting_height(frame, f); h >= 0) {
                    commit_unit(frame, f, h, true);
                    continue;
                }
                if (frame.boxes.empty()) {
                    commit_unit(frame, f, f.min_height, true);
                    problems_.push_back(
                        {f.first, page_no_, "a figure with its caption and notes is taller than the page"});
                    continue;
                }
            }
            queue.push_back(unit);
        }
    }

    // Whether the queued units at their natural size and `unit` at its smallest all
    // fit one empty frame: only then may `unit` wait, so that no unit waits more
    // than one frame (the frame's top floats are placed in order, each as large as
    // the room left allows, so the ones before it keep their size and it gets the rest).
    bool queue_fits_frame(const std::vector<std::uint32_t>& queue, std::uint32_t unit) const {
        Sp top = 0, bottom = 0;
        std::vector<std::uint32_t> notes;
        auto add = [&](std::uint32_t u) {
            const FloatSpec& f = list_.floats[u];
            const Sp height = u == unit ? f.min_height : list_.items[f.first].height;
            bottom = top + std::max(spec_.topskip, height) + unit_tail(f);
            top = bottom + f.space_below;
            const auto n = unit_notes(f);
            notes.insert(notes.end(), n.begin(), n.end());
        };
        for (auto u : queue) add(u);
        add(unit);
        return bottom + notes_increase(Frame{}, notes) <= spec_.body_height;
    }

    // Whether the list may break between item `first` and the box before it.
    bool break_allowed_before(std::size_t first) const {
        const auto& items = list_.items;
        for (std::size_t j = first; j-- > 0;) {
            const VItem& it = items[j];
            if (it.kind == VKind::penalty) {
                if (it.penalty < kForbidBreak) return true;
            } else if (it.kind == VKind::glue) {
                if (j > 0 && items[j - 1].kind == VKind::box) return true;
            } else {
                return it.kind != VKind::box;
            }
        }
        return false;
    }

    void consider(const Frame& frame, const std::vector<std::uint32_t>& queue, std::size_t k, int penalty,
                  Breakpoint& best) const {
        const Sp shortfall = std::min(spec_.body_height - frame.used - frame.notes_height, limit_ - frame.used);
        const long b = badness(shortfall, stretch_ + spec_.ragged_allowance);
        const long cost = b < kInfBad ? b + penalty : kDeplorable;
        if (!best.valid || cost <= best.cost) {
            best.valid = true;
            best.item = k;
            best.boxes = frame.boxes.size();
            best.notes = frame.notes.size();
            best.deferred = queue.size();
            best.notes_height = frame.notes_height;
            best.used = frame.used;
            best.cost = cost;
        }
    }

    const VList& list_;
    const PageSpec& spec_;
    const Route& route_;
    int page_no_;
    std::vector<Problem>& problems_;
    bool shrink_glue_ = false;
    Sp float_cut_ = 0;
    Sp limit_ = 0;
    Sp baseline_ = 0, depth_ = 0, pending_ = 0, stretch_ = 0;
    Sp shrink_ = 0, pending_shrink_ = 0;  // glue shrink between placed boxes, and in the glue since the last
    std::vector<Sp> shrink_above_;        // per placed box: the shrink of the glue above it in this frame
    Sp top_ = 0;                    // where the flow starts: below the top floats
    bool flow_ = false;             // a box of the flow (not a top float) is placed
    bool after_kept_float_ = false; // a unit that no break could precede was deferred; no box since
};

std::size_t skip_discardable(const VList& list, const Route& route, std::size_t i) {
    for (i = route(i); i < list.items.size(); i = route(i + 1)) {
        const VKind kind = list.items[i].kind;
        if (kind != VKind::glue && kind != VKind::penalty && kind != VKind::flush_floats) break;
    }
    return i;
}

// The state at the top of a page: where the material continues, and the float
// units waiting to open it.
struct PageStart {
    std::size_t item = 0;
    std::vector<std::uint32_t> queue;
};

// The pages of one chapter: the material from the top of a page to the next
// page_break item (or the end of the list).
struct Segment {
    std::vector<PageResult> pages;
    std::vector<PageStart> starts;          // per page
    std::vector<Problem> problems;
    std::size_t next = 0;                   // the item after the segment
    std::size_t page_break = kNone;         // the page_break item that ends it
    Relax relax;                            // what its pages gave up
};

class Paginator {
public:
    Paginator(const VList& list, const PageSpec& spec) : list_(list), spec_(spec), route_(list) {}

    Pagination run() {
        Pagination out;
        const std::size_t n = list_.items.size();
        int page_no = spec_.first_page;
        bool want_recto = false;
        int recto_min_pages = 0;
        std::size_t i = 0;
        for (;;) {
            // Forced breaks at the top of an empty page only ask for a recto.
            i = skip_discardable(list_, route_, i);
            while (i < n && list_.items[i].kind == VKind::page_break) {
                want_recto = want_recto || list_.items[i].recto;
                recto_min_pages = std::max(recto_min_pages, list_.items[i].recto_min_pages);
                i = skip_discardable(list_, route_, i + 1);
            }
            if (i >= n) break;
            std::vector<Spill> spills;
            bool spilled = false;
            Segment seg = chapter(i, page_no, spills, spilled);
            if (spilled) out.spilled.emplace_back(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(seg.next));
            if (want_recto && page_no % 2 == 0 && static_cast<int>(seg.pages.size()) >= recto_min_pages) {
                PageResult blank;
                blank.blank = true;
                blank.frames.resize(static_cast<std::size_t>(spec_.columns));
                out.pages.push_back(std::move(blank));
                ++page_no;
                for (auto& p : seg.problems) ++p.page;
                for (auto& s : spills) ++s.page;
            }
            page_no += static_cast<int>(seg.pages.size());
            for (auto& page : seg.pages) out.pages.push_back(std::move(page));
            out.problems.insert(out.problems.end(), seg.problems.begin(), seg.problems.end());
            out.spills.insert(out.spills.end(), spills.begin(), spills.end());
            want_recto = seg.page_break != kNone && list_.items[seg.page_break].recto;
            recto_min_pages = seg.page_break != kNone ? list_.items[seg.page_break].recto_min_pages : 0;
            i = seg.next;
        }
        for (std::size_t t = 0; t < list_.tightenings.size(); ++t)
            if (route_.shorter(t)) out.tightened.push_back(static_cast<std::uint32_t>(t));
        for (std::size_t o = 0; o < list_.openings.size(); ++o)
            if (route_.runs_on(o)) out.run_on.push_back(static_cast<std::uint32_t>(o));
        return out;
    }

private:
    // The pages of the chapter at item `start` (and of those that run on after it)
    // from page `page_no`: paginated, a spill pulled back or else reported in
    // `spills` (`spilled` says there was one), the last page balanced.
    Segment chapter(std::size_t start, int page_no, std::vector<Spill>& spills, bool& spilled) {
        Segment seg = segment(start, page_no, Relax{});
        const auto pull_back_spill = [&]() {
            spills.clear();
            if (!is_spill(seg)) return;
            spilled = true;
            const Spill spill = describe_spill(seg, page_no);
            if (!pull_back(seg, page_no)) spills.push_back(spill);
        };
        pull_back_spill();
        // Once chapters share a page, a spill of the first is no longer one.
        while (run_on_next(seg, page_no)) pull_back_spill();
        balance(seg, page_no);
        return seg;
    }

    // Paginates the chapter that starts at item `start` on page `page_no`.
    Segment segment(std::size_t start, int page_no, const Relax& relax) const {
        Segment seg;
        seg.relax = relax;
        paginate(seg, start, {}, page_no, 0);
        return seg;
    }

    // `seg` paginated again from the top of its page `from` (the pages before it
    // kept as they are), with `relax`, whose pages count from the chapter's first.
    Segment resume(const Segment& seg, std::size_t from, int page_no, const Relax& relax) const {
        Segment out;
        out.relax = relax;
        out.pages.assign(seg.pages.begin(), seg.pages.begin() + static_cast<std::ptrdiff_t>(from));
        out.starts.assign(seg.starts.begin(), seg.starts.begin() + static_cast<std::ptrdiff_t>(from));
        for (const auto& problem : seg.problems)
            if (problem.page < page_no + static_cast<int>(from)) out.problems.push_back(problem);
        paginate(out, seg.starts[from].item, seg.starts[from].queue, page_no, from);
        return out;
    }

    // Appends to `seg` the pages from item `i` with `queue` waiting, its page `first`
    // being page `page_no + first`, to the end of the chapter.
    void paginate(Segment& seg, std::size_t i, std::vector<std::uint32_t> queue, int page_no, std::size_t first) const {
        const Relax& relax = seg.relax;
        const std::size_t n = list_.items.size();
        for (std::size_t p = first;; ++p) {
            i = skip_discardable(list_, route_, i);
            if (queue.empty() && (i >= n || list_.items[i].kind == VKind::page_break)) {
                if (i < n) {
                    seg.page_break = i;
                    ++i;
                }
                break;
            }
            seg.starts.push_back({i, queue});
            PageResult page;
            const int number = page_no + static_cast<int>(p);
            const bool ended = fill_page(i, queue, page, number, relax.on_page(p), height_of(number), seg.problems,
                                         seg.page_break);
            seg.pages.push_back(std::move(page));
            if (ended) break;
        }
        seg.next = i;
    }

    // Fills one page from item `i` (advanced) with `queue` waiting; true when the
    // chapter ended on it (its page_break passed, or the list ended).
    bool fill_page(std::size_t& i, std::vector<std::uint32_t>& queue, PageResult& page, int page_no,
                   const Relax& relax, Sp limit, std::vector<Problem>& problems, std::size_t& page_break) const {
        const std::size_t n = list_.items.size();
        page.frames.assign(static_cast<std::size_t>(spec_.columns), Frame{});
        for (std::size_t f = 0; f < page.frames.size(); ++f) {
            if (f > 0) i = skip_discardable(list_, route_, i);
            if (i >= n && queue.empty()) return true;
            FrameFiller filler(list_, spec_, route_, page_no, problems, relax.shrink_glue, relax.float_cut, limit);
            bool forced = false;
            const std::size_t before = i;
            i = filler.fill(i, page.frames[f], queue, forced, page_break);
            assert(i > before || forced || !page.frames[f].boxes.empty());
            (void)before;
            if (page_break != kNone) return true;
            if (forced) return false;
        }
        i = skip_discardable(list_, route_, i);
        return i >= n && queue.empty();
    }

    // How far down the text of page `number` may reach.
    Sp height_of(int number) const {
        return number == spec_.first_page ? spec_.body_height - spec_.first_page_reserve : spec_.body_height;
    }

    static std::size_t boxes_on(const PageResult& page) {
        std::size_t count = 0;
        for (const auto& frame : page.frames) count += frame.boxes.size();
        return count;
    }

    // When the segment's last page is filled no lower than run_on_height at an
    // opening that may run on, the next chapter runs on below them: the segment
    // is paginated again through that chapter. False when it stays a page break.
    bool run_on_next(Segment& seg, int page_no) {
        if (spec_.run_on_height <= 0 || seg.page_break == kNone || seg.pages.empty()) return false;
        const std::int32_t opening = route_.opening_at(seg.page_break);
        if (opening < 0) return false;
        Sp used = 0;
        for (const auto& frame : seg.pages.back().frames) used += frame.used;
        if (used > spec_.run_on_height) return false;
        route_.run_on(static_cast<std::size_t>(opening), true);
        Segment joined = resume(seg, seg.pages.size() - 1, page_no, seg.relax);
        if (joined.problems.size() > seg.problems.size()) {
            route_.run_on(static_cast<std::size_t>(opening), false);
            return false;
        }
        seg = std::move(joined);
        return true;
    }

    // A chapter of two pages or more whose last page holds at most spill_lines
    // lines: as much height as that, or that many boxes none of which is a
    // picture (a rule with its space above and below is one box, but it is
    // taller than a line).
    bool is_spill(const Segment& seg) const {
        if (spec_.spill_lines <= 0 || seg.pages.size() < 2) return false;
        const PageResult& last = seg.pages.back();
        const std::size_t boxes = boxes_on(last);
        if (boxes == 0) return false;
        Sp used = 0;
        for (const auto& frame : last.frames) used += frame.used;
        if (used <= spec_.spill_lines * spec_.line_advance) return true;
        if (boxes > static_cast<std::size_t>(spec_.spill_lines)) return false;
        for (const auto& frame : last.frames)
            for (const auto& b : frame.boxes)
                if (b.repeat < 0 && list_.items[b.item].float_unit >= 0) return false;
        return true;
    }

    std::size_t relax_from(const Segment& seg) const {
        return seg.pages.size() > kRelaxPages ? seg.pages.size() - 1 - kRelaxPages : 0;
    }

    // The page from which a pull-back lays the chapter out again: shorter paragraphs
    // are taken from there on (a line saved anywhere there moves the rest of the
    // chapter up by a line), which bounds the work on a long chapter.
    std::size_t restart_page(const Segment& seg) const {
        return seg.pages.size() > kPullBackPages ? seg.pages.size() - 1 - kPullBackPages : 0;
    }

    // The tightenings that lie wholly on the pages from `from` on, cheapest first.
    std::vector<std::uint32_t> candidates(const Segment& seg, std::size_t from) const {
        std::vector<std::uint32_t> out;
        for (std::size_t p = from; p < seg.pages.size(); ++p)
            for (const auto& frame : seg.pages[p].frames)
                for (const auto& b : frame.boxes) {
                    if (b.repeat >= 0) continue;
                    const std::int32_t t = route_.owner(b.item);
                    if (t < 0 || route_.shorter(static_cast<std::size_t>(t))) continue;
                    if (list_.tightenings[static_cast<std::size_t>(t)].first < seg.starts[from].item) continue;
                    if (std::find(out.begin(), out.end(), static_cast<std::uint32_t>(t)) == out.end())
                        out.push_back(static_cast<std::uint32_t>(t));
                }
        std::stable_sort(out.begin(), out.end(), [&](std::uint32_t a, std::uint32_t b) {
            return list_.tightenings[a].cost < list_.tightenings[b].cost;
        });
        if (out.size() > kMaxCandidates) out.resize(kMaxCandidates);
        return out;
    }

    Spill describe_spill(const Segment& seg, int page_no) const {
        Spill s;
        const std::size_t from = restart_page(seg);
        s.page = page_no + static_cast<int>(seg.pages.size()) - 1;
        s.lines = static_cast<int>(boxes_on(seg.pages.back()));
        s.paragraphs = static_cast<int>(candidates(seg, from).size());
        const std::size_t glue_from = seg.starts[relax_from(seg)].item;
        for (std::size_t k = seg.starts[from].item; k < seg.next && k < list_.items.size(); ++k) {
            const VItem& it = list_.items[k];
            if (k >= glue_from && it.kind == VKind::glue && it.shrink > 0) s.glue = true;
            if (it.kind == VKind::box && it.float_unit >= 0 &&
                list_.floats[static_cast<std::size_t>(it.float_unit)].min_height < it.height)
                s.figures = true;
        }
        return s;
    }

    // Calls `try_set` with every set of `size` of the candidates, in order, until it
    // returns true.
    static bool each_set(std::size_t count, std::size_t size, std::vector<std::size_t>& pick,
                         const std::function<bool()>& try_set, std::size_t from = 0) {
        if (pick.size() == size) return try_set();
        for (std::size_t c = from; c < count; ++c) {
            pick.push_back(c);
            const bool done = each_set(count, size, pick, try_set, c + 1);
            pick.pop_back();
            if (done) return true;
        }
        return false;
    }

    // Tries what the chapter's last pages may give up, in the order the header
    // states, and keeps the first pagination that has one page fewer.
    bool pull_back(Segment& seg, int page_no) {
        const std::size_t from = restart_page(seg);
        const std::vector<std::uint32_t> cands = candidates(seg, from);
        const std::size_t count = seg.pages.size();
        const std::size_t lines = boxes_on(seg.pages.back());
        const std::size_t most = std::min<std::size_t>({lines, 3, cands.size()});
        Relax relax;
        relax.from_page = relax_from(seg);
        int trials = 0;
        std::vector<std::size_t> pick;
        const auto attempt = [&]() {
            if (++trials > kMaxTrials) return true;  // stop looking
            for (auto c : pick) route_.choose(cands[c], true);
            Segment trial = resume(seg, from, page_no, relax);
            if (trial.pages.size() < count && trial.problems.size() <= seg.problems.size()) {
                seg = std::move(trial);
                return true;
            }
            for (auto c : pick) route_.choose(cands[c], false);
            return false;
        };
        const auto sets = [&](std::size_t smallest) {
            for (std::size_t size = smallest; size <= most; ++size)
                if (each_set(cands.size(), size, pick, attempt)) return true;
            return false;
        };
        const Sp figure_cut = static_cast<Sp>(lines + 1) * spec_.line_advance;
        bool done = sets(1);
        if (!done) {
            relax.shrink_glue = true;
            done = sets(0);
        }
        if (!done) {
            relax.shrink_glue = false;
            relax.float_cut = figure_cut;
            done = sets(0);
        }
        if (!done) {
            relax.shrink_glue = true;
            done = sets(0);
        }
        return done && trials <= kMaxTrials;
    }

    // The chapter's last page set again with its columns as short as they can be
    // while holding the same material (the smallest such height, by bisection).
    void balance(Segment& seg, int page_no) const {
        if (spec_.columns < 2 || seg.pages.empty()) return;
        const std::size_t last = seg.pages.size() - 1;
        const Relax relax = seg.relax.on_page(last);
        const int number = page_no + static_cast<int>(last);
        const auto try_height = [&](Sp limit, PageResult& page) {
            std::size_t i = seg.starts[last].item;
            std::vector<std::uint32_t> queue = seg.starts[last].queue;
            std::vector<Problem> problems;
            std::size_t page_break = kNone;
            const bool ended = fill_page(i, queue, page, number, relax, limit, problems, page_break);
            return ended && problems.empty() && i == seg.next;
        };
        Sp low = 0, high = height_of(number);
        PageResult best;
        bool found = false;
        while (high - low > sp_from_pt(0.5)) {
            const Sp mid = low + (high - low) / 2;
            PageResult page;
            if (try_height(mid, page)) {
                high = mid;
                best = std::move(page);
                found = true;
            } else {
                low = mid;
            }
        }
        if (found) seg.pages[last] = std::move(best);
    }

    const VList& list_;
    const PageSpec& spec_;
    Route route_;
};

}  // namespace

Pagination build_pages(const VList& list, const PageSpec& spec) {
    assert(spec.columns >= 1);
    return Paginator(list, spec).run();
}

int interline_penalty(std::size_t index, std::size_t count, int widows, int orphans) {
    const std::size_t before = index + 1;  // lines left at the foot of the page
    const std::size_t after = count - before;
    if (before < static_cast<std::size_t>(std::max(orphans, 1))) return kForbidBreak;
    if (after < static_cast<std::size_t>(std::max(widows, 1))) return kForbidBreak;
    return 0;
}

void VListWriter::box(VItem box, Sp leading, int penalty_before) {
    if (state_.opening_alternative) {
        // The first box of another setting shares the glue and penalty before the first one.
        state_.opening_alternative = false;
        state_.last_depth = box.depth;
        list_.items.push_back(std::move(box));
        return;
    }
    if (state_.has_box) {
        int p = penalty_before;
        if (state_.pending_penalty != kNoPenalty)
            p = p == kNoPenalty ? state_.pending_penalty : std::max(p, state_.pending_penalty);
        if (state_.keep) p = kForbidBreak;
        if (p != kNoPenalty) list_.items.push_back(VItem::make_penalty(p));
        Sp skip = leading - state_.last_depth - box.height;
        if (skip < 0) skip = lineskip_;  // TeX: below \lineskiplimit (0pt) use \lineskip
        list_.items.push_back(
            VItem::make_glue(state_.pending_gap + skip, 0, static_cast<Sp>(static_cast<double>(state_.pending_gap) * gap_shrink_)));
    }
    if (state_.flush) {
        VItem flush;
        flush.kind = VKind::flush_floats;
        list_.items.push_back(std::move(flush));
        state_.flush = false;
    }
    state_.last_depth = box.depth;
    list_.items.push_back(std::move(box));
    state_.has_box = true;
    state_.keep = false;
    state_.pending_gap = 0;
    state_.pending_penalty = kNoPenalty;
}

void VListWriter::penalty(int value) {
    state_.pending_penalty = state_.pending_penalty == kNoPenalty ? value : std::max(state_.pending_penalty, value);
}

std::uint32_t VListWriter::float_unit(std::size_t first, Sp min_height, Sp space_below) {
    assert(first < list_.items.size() && list_.items[first].kind == VKind::box);
    FloatSpec f;
    f.first = static_cast<std::uint32_t>(first);
    f.last = static_cast<std::uint32_t>(list_.items.size() - 1);
    f.min_height = std::min(min_height, list_.items[first].height);
    f.space_below = space_below;
    const auto index = static_cast<std::uint32_t>(list_.floats.size());
    list_.floats.push_back(f);
    list_.items[first].float_unit = static_cast<std::int32_t>(index);
    return index;
}

VListWriter::Alternative VListWriter::begin_alternative(std::size_t first) {
    assert(first < list_.items.size() && list_.items[first].kind == VKind::box && !state_.opening_alternative);
    Alternative a;
    a.first = static_cast<std::uint32_t>(first);
    a.tight = static_cast<std::uint32_t>(list_.items.size());
    a.last_depth = state_.last_depth;
    state_.opening_alternative = true;
    return a;
}

void VListWriter::end_alternative(const Alternative& a, double cost) {
    assert(!state_.opening_alternative && a.tight < list_.items.size());
    list_.tightenings.push_back({a.first, a.tight, static_cast<std::uint32_t>(list_.items.size()), cost});
    // What follows is spaced from the first setting, which is the one normally placed.
    state_.last_depth = a.last_depth;
}

void VListWriter::run_on_alternative(std::size_t page_break, Sp space, VItem strut) {
    assert(page_break + 2 == list_.items.size() && list_.items[page_break].kind == VKind::page_break);
    Opening o;
    o.first = static_cast<std::uint32_t>(page_break);
    o.run_on = static_cast<std::uint32_t>(list_.items.size());
    list_.items.push_back(VItem::make_glue(space));
    VItem flush;
    flush.kind = VKind::flush_floats;
    list_.items.push_back(std::move(flush));
    list_.items.push_back(std::move(strut));
    o.end = static_cast<std::uint32_t>(list_.items.size());
    list_.openings.push_back(o);
}

void VListWriter::page_break(bool recto, int recto_min_pages) {
    list_.items.push_back(VItem::make_page_break(recto, recto_min_pages));
    state_.has_box = false;
    state_.flush = false;  // a page break flushes the floats itself
    state_.keep = false;
    state_.pending_gap = 0;
    state_.pending_penalty = kNoPenalty;
    state_.last_depth = 0;
}

}  // namespace booklet::layout
