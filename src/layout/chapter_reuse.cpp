// Chapters taken from the pass before. A layout composes the book two or three
// times (layout_book.cpp): each pass prints the page numbers and note numbers the
// previous one found. A chapter whose composition read none that changed, and
// that starts in the same state (ComposeState), would come out item for item as
// it did, its indices into the pass's lists shifted by where those lists stand;
// its items are moved from the previous pass's lists instead, the indices shifted.
#include "compose.hpp"

#include <cassert>
#include <map>

namespace booklet::layout {

namespace {

// Moves items [first, end) of `from` to the end of `to`, each passed through `fix`.
template <class T, class Fix>
void move_range(std::vector<T>& to, std::vector<T>& from, std::size_t first, std::size_t end, Fix fix) {
    for (std::size_t i = first; i < end; ++i) {
        to.push_back(std::move(from[i]));
        fix(to.back());
    }
}

// While it lives, what composing a chapter warns and reads is recorded in
// `record`; the context, the pass and the composer are as before when it ends,
// also by an exception.
class Recording {
public:
    Recording(LayoutContext& ctx, Pass& pass, ComposedChapter*& composing, ComposedChapter& record)
        : ctx_(ctx), pass_(pass), composing_(composing), outer_(ctx.diags) {
        ctx.diags = &record.warnings;
        pass.reads = &record.reads;
        composing = &record;
    }
    ~Recording() {
        ctx_.diags = outer_;
        pass_.reads = nullptr;
        composing_ = nullptr;
    }
    Recording(const Recording&) = delete;
    Recording& operator=(const Recording&) = delete;
    Diagnostics* outer() const { return outer_; }

private:
    LayoutContext& ctx_;
    Pass& pass_;
    ComposedChapter*& composing_;
    Diagnostics* outer_;
};

// The indices of a chapter taken from the previous pass, as this pass numbers
// them: what the chapter made moves from where it started in the previous pass's
// lists to where it starts in this one's; what it refers to before its start
// (the Document element, notes an earlier chapter called) keeps its index, but
// for those notes, found again by key.
struct Relocation {
    ComposeOffsets from, to;
    std::map<std::uint32_t, std::uint32_t> earlier_notes;  // previous pass's index -> this pass's

    template <class T>
    static T shift(T index, std::size_t from, std::size_t to) {
        return static_cast<T>(static_cast<std::size_t>(index) - from + to);
    }
    std::uint32_t item(std::uint32_t i) const { return shift(i, from.items, to.items); }
    std::uint32_t content(std::uint32_t i) const { return shift(i, from.contents, to.contents); }
    std::uint32_t occurrence(std::uint32_t i) const { return shift(i, from.occurrences, to.occurrences); }
    pages::ElementId element(pages::ElementId id) const {
        return id >= 0 && static_cast<std::size_t>(id) >= from.elements ? shift(id, from.elements, to.elements) : id;
    }
    std::uint32_t note(std::uint32_t i) const {
        return i >= from.notes ? shift(i, from.notes, to.notes) : earlier_notes.at(i);
    }
    void notes(std::vector<std::uint32_t>& list) const {
        for (auto& n : list) n = note(n);
    }
    void content(BoxContent& c) const {
        for (auto& item : c.items) pages::set_element(item, element(pages::element_of(item)));
        for (auto& link : c.links) link.element = element(link.element);
        for (auto& occ : c.occurrences) occ = occurrence(occ);
        if (c.chapter_opening >= 0) c.chapter_opening = shift(c.chapter_opening, from.parts, to.parts);
    }
};

}  // namespace

std::size_t Composer::kid_count_of(pages::ElementId element) const {
    const auto i = static_cast<std::size_t>(element);
    return i < pass_.kid_count.size() ? pass_.kid_count[i] : 0;
}

int Composer::number_found(std::size_t occurrence) const {
    const auto& numbers = ctx_.refs.numbers;
    return occurrence < numbers.size() ? std::max(numbers[occurrence], 0) : 0;
}

ComposeMark Composer::mark() const {
    ComposeMark m;
    ComposeOffsets& at = m.at;
    at.items = list_.items.size();
    at.notes = list_.notes.size();
    at.repeats = list_.repeats.size();
    at.floats = list_.floats.size();
    at.tightenings = list_.tightenings.size();
    at.openings = list_.openings.size();
    at.contents = contents_.size();
    at.elements = pass_.structure.elements.size();
    at.occurrences = pass_.occurrences.size();
    at.part_starts = pass_.part_starts.size();
    at.parts = parts_.size();
    at.current_kids = kid_count_of(pass_.current_element);
    ComposeState& state = m.state;
    state.writer = writer_.state();
    state.indent_next = indent_next_;
    state.after_front_matter = after_front_matter_;
    state.full_end_back = full_end_item_ >= 0 ? at.items - static_cast<std::size_t>(full_end_item_) : 0;
    state.tightened = pass_.tightened_parts.contains(static_cast<int>(parts_.size()));
    state.current_element = pass_.current_element;
    state.current_full = state.current_element != pages::kArtifact &&
                         (at.current_kids + 1 >= kMaxKids || pass_.overflow.contains(state.current_element));
    state.last_heading_level = pass_.last_heading_level;
    state.numbering_chapter = pass_.numbering_chapter;
    state.first_numbers = pass_.first_numbers;
    return m;
}

bool Composer::may_take(const ComposedChapter& composed, const Pass& previous, const ComposeMark& start,
                        std::map<std::uint32_t, std::uint32_t>& earlier_notes) const {
    if (composed.reaches_back || start.state.current_full || composed.start.state != start.state) return false;
    // Each note call gets the number it had: one the pages found, the same again;
    // one the pages do not give, from where it came before (the cite stage's, or
    // counted from the same state). A count goes on with the chapter's state.
    using NumberFrom = ChapterReads::NumberFrom;
    const ComposeOffsets& from = composed.start.at;
    for (std::size_t k = 0; k < composed.reads.numbers.size(); ++k) {
        const int found = number_found(start.at.occurrences + k);
        const NumberFrom before = composed.reads.numbers[k];
        if (found > 0 ? before == NumberFrom::count || previous.occurrences[from.occurrences + k].number != found
                      : before == NumberFrom::pages)
            return false;
    }
    for (const auto& read : composed.reads.pages)
        if (anchor_page(ctx_.refs, read.chapter, read.anchor) != read.page) return false;
    // The notes it calls: those an earlier chapter called must have been called
    // here too, and its own must not have been.
    for (std::size_t i = from.occurrences; i < composed.end.at.occurrences; ++i) {
        const std::uint32_t note = previous.occurrences[i].note;
        if (note >= from.notes || earlier_notes.contains(note)) continue;
        const auto it = pass_.note_index.find(previous.list.notes[note].key);
        if (it == pass_.note_index.end()) return false;
        earlier_notes.emplace(note, it->second);
    }
    for (std::size_t note = from.notes; note < composed.end.at.notes; ++note)
        if (pass_.note_index.contains(previous.list.notes[note].key)) return false;
    return true;
}

void Composer::take_chapter(ComposedChapter& composed, Pass& previous, const ComposeMark& start,
                            std::map<std::uint32_t, std::uint32_t> earlier_notes, const std::string& title) {
    const Relocation r{composed.start.at, start.at, std::move(earlier_notes)};
    const ComposeOffsets& from = composed.start.at;
    const ComposeOffsets& end = composed.end.at;
    move_range(list_.items, previous.list.items, from.items, end.items, [&](VItem& v) {
        if (v.kind != VKind::box) return;  // only a box draws and calls notes
        v.content = r.content(v.content);
        r.notes(v.notes);
        if (v.repeat >= 0) v.repeat = Relocation::shift(v.repeat, from.repeats, r.to.repeats);
        if (v.float_unit >= 0) v.float_unit = Relocation::shift(v.float_unit, from.floats, r.to.floats);
    });
    move_range(list_.repeats, previous.list.repeats, from.repeats, end.repeats, [&](RepeatSpec& s) {
        s.content = r.content(s.content);
        r.notes(s.notes);
    });
    move_range(list_.floats, previous.list.floats, from.floats, end.floats, [&](FloatSpec& f) {
        f.first = r.item(f.first);
        f.last = r.item(f.last);
    });
    move_range(list_.tightenings, previous.list.tightenings, from.tightenings, end.tightenings, [&](Tightening& t) {
        t.first = r.item(t.first);
        t.tight = r.item(t.tight);
        t.end = r.item(t.end);
    });
    move_range(list_.openings, previous.list.openings, from.openings, end.openings, [&](Opening& o) {
        o.first = r.item(o.first);
        o.run_on = r.item(o.run_on);
        o.end = r.item(o.end);
    });
    move_range(contents_, previous.contents, from.contents, end.contents, [&](BoxContent& c) { r.content(c); });
    move_range(pass_.structure.elements, previous.structure.elements, from.elements, end.elements,
               [&](pages::StructElement& e) { e.parent = r.element(e.parent); });
    move_range(pass_.occurrences, previous.occurrences, from.occurrences, end.occurrences, [&](Occurrence& o) {
        o.note = r.note(o.note);
        o.element = r.element(o.element);
    });
    move_range(pass_.part_starts, previous.part_starts, from.part_starts, end.part_starts,
               [&](std::uint32_t& item) { item = r.item(item); });
    // Its notes are composed after the text, in this pass as in every pass.
    for (std::size_t note = from.notes; note < end.notes; ++note) {
        const std::string& key = previous.list.notes[note].key;
        pass_.note_index.emplace(key, static_cast<std::uint32_t>(list_.notes.size()));
        list_.notes.push_back({key, 0});
        pass_.notes.emplace_back();
    }
    // The kids of its elements, the Divs taking more of them, and the kids it
    // added to the element it is tagged under.
    for (std::size_t id = from.elements; id < std::min(end.elements, previous.kid_count.size()); ++id)
        if (previous.kid_count[id] > 0) kids_of(r.element(static_cast<pages::ElementId>(id))) = previous.kid_count[id];
    for (auto div = previous.overflow.lower_bound(static_cast<pages::ElementId>(from.elements));
         div != previous.overflow.end() && static_cast<std::size_t>(div->first) < end.elements; ++div)
        pass_.overflow.insert_or_assign(r.element(div->first), r.element(div->second));
    const ComposeState& after = composed.end.state;
    assert(after.current_element == start.state.current_element);
    if (after.current_element != pages::kArtifact) kids_of(after.current_element) += end.current_kids - from.current_kids;
    parts_.push_back(title);
    writer_.restore(after.writer);
    indent_next_ = after.indent_next;
    after_front_matter_ = after.after_front_matter;
    full_end_item_ = after.full_end_back > 0 ? static_cast<std::int64_t>(list_.items.size() - after.full_end_back) : -1;
    pass_.last_heading_level = after.last_heading_level;
    pass_.numbering_chapter = after.numbering_chapter;
    pass_.first_numbers = after.first_numbers;
    if (!composed.reads.pages.empty()) ctx_.consulted_anchor_pages = true;
    if (ctx_.diags) ctx_.diags->merge(composed.warnings);
    // Recorded as this pass's: its marks are this pass's lengths, its numbers read
    // from this pass's references wherever they give one.
    ComposedChapter& taken = pass_.chapters.emplace_back(std::move(composed));
    for (std::size_t k = 0; k < taken.reads.numbers.size(); ++k)
        if (number_found(start.at.occurrences + k) > 0) taken.reads.numbers[k] = ChapterReads::NumberFrom::pages;
    taken.start = start;
    taken.end = mark();
    taken.taken = true;
}

void Composer::chapter(const model::Chapter& ch, int index, Pass* previous) {
    assert(pass_.chapters.size() == static_cast<std::size_t>(index));
    ComposeMark start = mark();
    if (previous && static_cast<std::size_t>(index) < previous->chapters.size()) {
        ComposedChapter& composed = previous->chapters[static_cast<std::size_t>(index)];
        std::map<std::uint32_t, std::uint32_t> earlier_notes;
        if (may_take(composed, *previous, start, earlier_notes))
            return take_chapter(composed, *previous, start, std::move(earlier_notes), ch.title);
        // Composed again: its boxes in the previous pass are freed now, for this
        // pass's to take their memory (the previous pass lives till this one ends).
        for (std::size_t i = composed.start.at.contents; i < composed.end.at.contents; ++i)
            previous->contents[i] = BoxContent{};
    }
    ComposedChapter record;
    record.start = std::move(start);
    {
        const Recording recording(ctx_, pass_, composing_, record);
        compose_chapter(ch, index);
        if (recording.outer()) recording.outer()->merge(record.warnings);
    }
    record.end = mark();
    pass_.chapters.push_back(std::move(record));
}

}  // namespace booklet::layout
