#include "page_builder.hpp"

#include <cassert>

namespace booklet::layout {
namespace {

constexpr int kInfBad = 10000;       // tex.web §108 inf_bad
constexpr long kDeplorable = 100000; // tex.web §974: a page that is worse than bad

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

class FrameFiller {
public:
    FrameFiller(const VList& list, const PageSpec& spec, int page_no, std::vector<Problem>& problems)
        : list_(list), spec_(spec), page_no_(page_no), problems_(problems) {}

    // Fills `frame` from item `start`; returns the index to continue from.
    // `queue` holds on entry the float units waiting for this frame (they open it)
    // and on return the ones waiting for the next. `forced` tells whether a
    // page_break item (or floats waiting at one) ended the frame.
    std::size_t fill(std::size_t start, Frame& frame, std::vector<std::uint32_t>& queue, bool& forced,
                     bool& recto) {
        forced = false;
        recto = false;
        const auto& items = list_.items;
        Breakpoint best;
        std::vector<std::uint32_t> incoming;
        incoming.swap(queue);
        place_top_floats(frame, incoming, queue);
        // A frame may hold its top floats and nothing else.
        if (!frame.boxes.empty()) consider(frame, queue, start, 0, best);
        for (std::size_t k = start; k < items.size(); ++k) {
            const VItem& it = items[k];
            switch (it.kind) {
            case VKind::page_break:
                // A chapter end: waiting floats are placed first, on a frame of their own.
                if (!queue.empty()) {
                    forced = true;
                    return k;
                }
                forced = true;
                recto = it.recto;
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

private:
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
        if (baseline + box.depth + notes > spec_.body_height) return false;
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
        frame.boxes.push_back(p);
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
        const Sp natural = list_.items[f.first].height;
        const Sp below = unit_tail(f) + frame.notes_height + notes_increase(frame, unit_notes(f));
        const auto bottom = [&](Sp h) { return next_baseline(h, nullptr) + below; };
        const Sp excess = bottom(natural) - spec_.body_height;
        if (excess <= 0) return natural;
        const Sp h = natural - excess;
        if (h < f.min_height || h <= 0 || bottom(h) > spec_.body_height) return -1;
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
            frame.boxes.push_back(p);
            add_notes(frame, it.notes);
            depth = it.depth;
            glue = 0;
        }
        frame.used = baseline + depth;
        if (top) {
            top_ = frame.used + f.space_below;
            return;
        }
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
        const Sp used = frame.used + frame.notes_height;
        const long b = badness(spec_.body_height - used, stretch_ + spec_.ragged_allowance);
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
    int page_no_;
    std::vector<Problem>& problems_;
    Sp baseline_ = 0, depth_ = 0, pending_ = 0, stretch_ = 0;
    Sp top_ = 0;                    // where the flow starts: below the top floats
    bool flow_ = false;             // a box of the flow (not a top float) is placed
    bool after_kept_float_ = false; // a unit that no break could precede was deferred; no box since
};

std::size_t skip_discardable(const VList& list, std::size_t i) {
    while (i < list.items.size() && (list.items[i].kind == VKind::glue || list.items[i].kind == VKind::penalty ||
                                     list.items[i].kind == VKind::flush_floats))
        ++i;
    return i;
}

}  // namespace

Pagination build_pages(const VList& list, const PageSpec& spec) {
    assert(spec.columns >= 1);
    Pagination out;
    int page_no = spec.first_page;
    bool need_recto = false;
    std::size_t i = 0;
    const std::size_t n = list.items.size();
    std::vector<std::uint32_t> queue;  // float units waiting for the next frame
    for (;;) {
        // Forced breaks at the top of an empty page only ask for a recto; while
        // floats wait, the page they open comes first.
        i = skip_discardable(list, i);
        while (queue.empty() && i < n && list.items[i].kind == VKind::page_break) {
            need_recto = need_recto || list.items[i].recto;
            i = skip_discardable(list, i + 1);
        }
        if (i >= n && queue.empty()) break;
        if (need_recto && page_no % 2 == 0) {
            PageResult blank;
            blank.blank = true;
            blank.frames.resize(static_cast<std::size_t>(spec.columns));
            out.pages.push_back(std::move(blank));
            ++page_no;
        }
        need_recto = false;

        PageResult page;
        page.frames.resize(static_cast<std::size_t>(spec.columns));
        for (std::size_t f = 0; f < page.frames.size(); ++f) {
            if (f > 0) i = skip_discardable(list, i);
            if (i >= n && queue.empty()) break;
            FrameFiller filler(list, spec, page_no, out.problems);
            bool forced = false, recto = false;
            const std::size_t before = i;
            i = filler.fill(i, page.frames[f], queue, forced, recto);
            assert(i > before || forced || !page.frames[f].boxes.empty());
            (void)before;
            if (forced) {
                need_recto = recto;
                break;
            }
        }
        out.pages.push_back(std::move(page));
        ++page_no;
    }
    return out;
}

int interline_penalty(std::size_t index, std::size_t count, int widows, int orphans) {
    const std::size_t before = index + 1;  // lines left at the foot of the page
    const std::size_t after = count - before;
    if (before < static_cast<std::size_t>(std::max(orphans, 1))) return kForbidBreak;
    if (after < static_cast<std::size_t>(std::max(widows, 1))) return kForbidBreak;
    return 0;
}

void VListWriter::box(VItem box, Sp leading, int penalty_before) {
    if (has_box_) {
        int p = penalty_before;
        if (pending_penalty_ != kNoPenalty) p = p == kNoPenalty ? pending_penalty_ : std::max(p, pending_penalty_);
        if (keep_) p = kForbidBreak;
        if (p != kNoPenalty) list_.items.push_back(VItem::make_penalty(p));
        Sp skip = leading - last_depth_ - box.height;
        if (skip < 0) skip = lineskip_;  // TeX: below \lineskiplimit (0pt) use \lineskip
        list_.items.push_back(VItem::make_glue(pending_gap_ + skip));
    }
    if (flush_) {
        VItem flush;
        flush.kind = VKind::flush_floats;
        list_.items.push_back(std::move(flush));
        flush_ = false;
    }
    last_depth_ = box.depth;
    list_.items.push_back(std::move(box));
    has_box_ = true;
    keep_ = false;
    pending_gap_ = 0;
    pending_penalty_ = kNoPenalty;
}

void VListWriter::penalty(int value) {
    pending_penalty_ = pending_penalty_ == kNoPenalty ? value : std::max(pending_penalty_, value);
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

void VListWriter::page_break(bool recto) {
    list_.items.push_back(VItem::make_page_break(recto));
    has_box_ = false;
    flush_ = false;  // a page break flushes the floats itself
    keep_ = false;
    pending_gap_ = 0;
    pending_penalty_ = kNoPenalty;
    last_depth_ = 0;
}

}  // namespace booklet::layout
