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
    Sp notes_height = 0;
    Sp used = 0;
    long cost = 0;
};

class FrameFiller {
public:
    FrameFiller(const VList& list, const PageSpec& spec, int page_no, std::vector<Problem>& problems)
        : list_(list), spec_(spec), page_no_(page_no), problems_(problems) {}

    // Fills `frame` from item `start`; returns the index to continue from.
    // `forced` tells whether a page_break item ended the frame.
    std::size_t fill(std::size_t start, Frame& frame, bool& forced, bool& recto) {
        forced = false;
        recto = false;
        const auto& items = list_.items;
        Breakpoint best;
        for (std::size_t k = start; k < items.size(); ++k) {
            const VItem& it = items[k];
            switch (it.kind) {
            case VKind::page_break:
                forced = true;
                recto = it.recto;
                return k + 1;
            case VKind::penalty:
                if (!frame.boxes.empty() && it.penalty < kForbidBreak) {
                    if (it.penalty <= kForceBreak) return k + 1;
                    consider(frame, k, it.penalty, best);
                }
                break;
            case VKind::glue:
                if (!frame.boxes.empty() && k > start && items[k - 1].kind == VKind::box) consider(frame, k, 0, best);
                pending_ += it.width;
                stretch_ += it.stretch;
                break;
            case VKind::box:
                if (!place(frame, k)) {
                    if (best.valid) {
                        frame.boxes.resize(best.boxes);
                        frame.notes.resize(best.notes);
                        frame.notes_height = best.notes_height;
                        frame.used = best.used;
                        return best.item;
                    }
                    if (!frame.boxes.empty()) {
                        problems_.push_back({static_cast<std::uint32_t>(k), page_no_,
                                             "no allowed page break: cut between two boxes that should stay together"});
                        return k;
                    }
                    force_place(frame, k);
                    problems_.push_back({static_cast<std::uint32_t>(k), page_no_,
                                         "a box with its notes is taller than the page"});
                    return k + 1;
                }
                break;
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

    // Baseline of box k if it were placed next, with the repeat it brings.
    Sp next_baseline(const Frame& frame, const VItem& box, const RepeatSpec* repeat) const {
        if (frame.boxes.empty()) {
            if (repeat) {
                const Sp rb = std::max(spec_.topskip, repeat->height);
                return rb + repeat->depth + repeat->glue_after + box.height;
            }
            return std::max(spec_.topskip, box.height);
        }
        return baseline_ + depth_ + pending_ + box.height;
    }

    const RepeatSpec* repeat_for(const Frame& frame, const VItem& box) const {
        if (!frame.boxes.empty() || box.repeat < 0) return nullptr;
        assert(static_cast<std::size_t>(box.repeat) < list_.repeats.size());
        return &list_.repeats[static_cast<std::size_t>(box.repeat)];
    }

    bool place(Frame& frame, std::size_t k) {
        const VItem& box = list_.items[k];
        const RepeatSpec* repeat = repeat_for(frame, box);
        const Sp baseline = next_baseline(frame, box, repeat);
        const Sp notes = frame.notes_height + notes_increase(frame, box.notes, repeat ? &repeat->notes : nullptr);
        if (baseline + box.depth + notes > spec_.body_height) return false;
        commit(frame, k, box, repeat, baseline);
        return true;
    }

    void force_place(Frame& frame, std::size_t k) {
        const VItem& box = list_.items[k];
        const RepeatSpec* repeat = repeat_for(frame, box);
        commit(frame, k, box, repeat, next_baseline(frame, box, repeat));
    }

    void commit(Frame& frame, std::size_t k, const VItem& box, const RepeatSpec* repeat, Sp baseline) {
        if (repeat) {
            PlacedBox r;
            r.item = static_cast<std::uint32_t>(k);
            r.repeat = box.repeat;
            r.content = repeat->content;
            r.baseline = std::max(spec_.topskip, repeat->height);
            frame.boxes.push_back(r);
            add_notes(frame, repeat->notes);
        }
        PlacedBox p;
        p.item = static_cast<std::uint32_t>(k);
        p.content = box.content;
        p.baseline = baseline;
        frame.boxes.push_back(p);
        add_notes(frame, box.notes);
        baseline_ = baseline;
        depth_ = box.depth;
        pending_ = 0;
        frame.used = baseline + box.depth;
    }

    void consider(const Frame& frame, std::size_t k, int penalty, Breakpoint& best) const {
        const Sp used = frame.used + frame.notes_height;
        const long b = badness(spec_.body_height - used, stretch_ + spec_.ragged_allowance);
        const long cost = b < kInfBad ? b + penalty : kDeplorable;
        if (!best.valid || cost <= best.cost) {
            best.valid = true;
            best.item = k;
            best.boxes = frame.boxes.size();
            best.notes = frame.notes.size();
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
};

std::size_t skip_discardable(const VList& list, std::size_t i) {
    while (i < list.items.size() &&
           (list.items[i].kind == VKind::glue || list.items[i].kind == VKind::penalty))
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
    for (;;) {
        // Forced breaks at the top of an empty page only ask for a recto.
        i = skip_discardable(list, i);
        while (i < n && list.items[i].kind == VKind::page_break) {
            need_recto = need_recto || list.items[i].recto;
            i = skip_discardable(list, i + 1);
        }
        if (i >= n) break;
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
            if (i >= n) break;
            FrameFiller filler(list, spec, page_no, out.problems);
            bool forced = false, recto = false;
            const std::size_t before = i;
            i = filler.fill(i, page.frames[f], forced, recto);
            assert(i > before || forced);
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

void VListWriter::page_break(bool recto) {
    list_.items.push_back(VItem::make_page_break(recto));
    has_box_ = false;
    keep_ = false;
    pending_gap_ = 0;
    pending_penalty_ = kNoPenalty;
    last_depth_ = 0;
}

}  // namespace booklet::layout
