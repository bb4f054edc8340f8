// Chapters taken from the pass before. A layout composes the book two or three
// times (layout_book.cpp): each pass prints the page numbers and note numbers the
// previous one found. A chapter whose composition read none that changed, and
// that starts in the same state (ComposeState), would come out item for item as
// it did, its indices into the pass's lists shifted by where those lists stand;
// its items are moved from the previous pass's lists instead, the indices shifted.
#include "compose.hpp"

#include "booklet/release_later.hpp"

#include <algorithm>
#include <cassert>
#include <map>
#include <set>
#include <vector>

namespace booklet::layout {

namespace {

// Appends items [first, end) of `from` to `to`, moved (or copied when `copy`),
// each passed through `fix`.
template <class T, class Fix>
void take_range(std::vector<T>& to, std::vector<T>& from, std::size_t first, std::size_t end, bool copy, Fix fix) {
    for (std::size_t i = first; i < end; ++i) {
        if (copy) to.push_back(from[i]);
        else to.push_back(std::move(from[i]));
        fix(to.back());
    }
}

// While it lives, what composing a chapter warns and reads is recorded in
// `record`, and the characters no font had (which the registry reports for the
// whole build); the context, the pass and the composer are as before when it
// ends, also by an exception.
class Recording {
public:
    Recording(LayoutContext& ctx, ComposedChapter*& composing, ComposedChapter& record)
        : ctx_(ctx), composing_(composing), record_(record), outer_(ctx.diags),
          missing_before_(ctx.fonts.take_missing()) {
        ctx.diags = &record.warnings;
        ctx.reads = &record.reads;
        composing = &record;
    }
    ~Recording() {
        ctx_.diags = outer_;
        ctx_.reads = nullptr;
        composing_ = nullptr;
    }
    Recording(const Recording&) = delete;
    Recording& operator=(const Recording&) = delete;

    // After composing: the chapter's warnings and missing characters go on to
    // the build's.
    void finish() {
        record_.reads.missing = ctx_.fonts.take_missing();
        ctx_.fonts.note_missing(missing_before_);
        ctx_.fonts.note_missing(record_.reads.missing);
        if (outer_) outer_->merge(record_.warnings);
    }

private:
    LayoutContext& ctx_;
    ComposedChapter*& composing_;
    ComposedChapter& record_;
    Diagnostics* outer_;
    std::set<char32_t> missing_before_;
};

}  // namespace

// The indices of a chapter taken from the previous pass, as this pass numbers
// them: what the chapter made moves from where it started in the previous pass's
// lists to where it starts in this one's; what it refers to before its start
// (the Document element, notes an earlier chapter called) keeps its index, but
// for those notes, found again by key.
struct Relocation {
    ComposeOffsets from, to;
    std::map<std::uint32_t, std::uint32_t> earlier_notes;  // previous pass's index -> this pass's
    // Another build's chapter: its cited links start elsewhere in the book, and its
    // pictures are this build's rasters.
    std::ptrdiff_t link_shift = 0;
    std::map<const pages::Raster*, std::shared_ptr<const pages::Raster>> rasters;

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
        for (auto& item : c.items) {
            pages::set_element(item, element(pages::element_of(item)));
            if (auto* image = std::get_if<pages::ImageItem>(&item); image && !rasters.empty())
                if (auto it = rasters.find(image->raster.get()); it != rasters.end()) image->raster = it->second;
        }
        for (auto& link : c.cited) link = static_cast<std::uint32_t>(static_cast<std::ptrdiff_t>(link) + link_shift);
        for (auto& link : c.links) link.element = element(link.element);
        for (auto& occ : c.occurrences) occ = occurrence(occ);
        if (c.chapter_opening >= 0) c.chapter_opening = shift(c.chapter_opening, from.parts, to.parts);
    }
};

KeptChapters::Layout& KeptChapters::layout_for(const LayoutInputs& inputs) {
    ++asked;
    auto it = std::find_if(layouts.begin(), layouts.end(), [&](const Layout& l) { return l.inputs == inputs; });
    if (it == layouts.end()) {
        if (layouts.size() < kLayouts) {
            it = layouts.emplace(layouts.end());
        } else {
            it = std::min_element(layouts.begin(), layouts.end(),
                                  [](const Layout& a, const Layout& b) { return a.used < b.used; });
            *it = Layout{};
        }
        it->inputs = inputs;
    }
    it->used = asked;
    it->build = build;
    return *it;
}

void KeptChapters::next_build() {
    std::erase_if(layouts, [&](const Layout& l) { return l.build != build; });
    ++build;
}

std::vector<ChapterCites> chapter_cites(const cite::Citations& cites, const model::Document& document) {
    std::vector<ChapterCites> out(document.chapters.size());
    std::vector<cite::ChapterLinks> links = cite::links_by_chapter(cites, out.size());
    for (std::size_t c = 0; c < out.size(); ++c) {
        // Links read out of order could not be moved as one run: such a chapter is
        // never taken from another build (its cites compare unequal to any).
        out[c].first_link = links[c].contiguous ? links[c].first : static_cast<std::size_t>(-1);
        out[c].links = std::move(links[c].links);
        for (cite::Link& link : out[c].links) link.source = -1;
    }
    for (const cite::FootnoteCall& call : cites.calls) {
        if (call.chapter < 0 || static_cast<std::size_t>(call.chapter) >= out.size()) continue;
        const auto& notes = document.chapters[static_cast<std::size_t>(call.chapter)].footnotes;
        const bool own = call.footnote >= notes.data() && call.footnote < notes.data() + notes.size();
        out[static_cast<std::size_t>(call.chapter)].calls.push_back(
            {call.note, own ? static_cast<int>(call.footnote - notes.data()) : -1});
    }
    return out;
}

std::size_t Composer::kid_count_of(pages::ElementId element) const {
    const auto i = static_cast<std::size_t>(element);
    return i < pass_.kid_count.size() ? pass_.kid_count[i] : 0;
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
    m.count = {pass_.numbering_chapter, pass_.first_numbers};
    return m;
}

bool Composer::may_take(const ComposedChapter& composed, const Pass& previous, const ComposeMark& start,
                        Relocation& r) const {
    if (composed.reaches_back || start.state.current_full || composed.start.state != start.state) return false;
    // Each note call gets the number it had: one the pages found, the same again;
    // one the pages do not give, from where it came before (the cite stage's, or
    // counted from the same state). A count goes on with the chapter's state.
    using NumberFrom = ChapterReads::NumberFrom;
    const ComposeOffsets& from = composed.start.at;
    for (std::size_t k = 0; k < composed.reads.numbers.size(); ++k) {
        const int found = number_found(ctx_.refs, start.at.occurrences + k);
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
        if (note >= from.notes || r.earlier_notes.contains(note)) continue;
        const auto it = pass_.note_index.find(previous.list.notes[note].key);
        if (it == pass_.note_index.end()) return false;
        r.earlier_notes.emplace(note, it->second);
    }
    for (std::size_t note = from.notes; note < composed.end.at.notes; ++note)
        if (pass_.note_index.contains(previous.list.notes[note].key)) return false;
    r.from = from;
    r.to = start.at;
    return true;
}

bool Composer::pictures_unchanged(const ComposedChapter& composed, Relocation& r) const {
    for (const auto& read : composed.reads.pictures) {
        const ImageEntry& now = ctx_.image(read.file);
        if (now.digest != read.digest || now.error != read.error) return false;
        if (read.raster) r.rasters.insert_or_assign(read.raster.get(), now.raster);
    }
    return true;
}

void Composer::take_lists(const ComposedChapter& composed, Pass& previous, const Relocation& r, bool copy) {
    const ComposeOffsets& from = composed.start.at;
    const ComposeOffsets& end = composed.end.at;
    take_range(list_.items, previous.list.items, from.items, end.items, copy, [&](VItem& v) {
        if (v.kind != VKind::box) return;  // only a box draws and calls notes
        v.content = r.content(v.content);
        r.notes(v.notes);
        if (v.repeat >= 0) v.repeat = Relocation::shift(v.repeat, from.repeats, r.to.repeats);
        if (v.float_unit >= 0) v.float_unit = Relocation::shift(v.float_unit, from.floats, r.to.floats);
    });
    take_range(list_.repeats, previous.list.repeats, from.repeats, end.repeats, copy, [&](RepeatSpec& s) {
        s.content = r.content(s.content);
        r.notes(s.notes);
    });
    take_range(list_.floats, previous.list.floats, from.floats, end.floats, copy, [&](FloatSpec& f) {
        f.first = r.item(f.first);
        f.last = r.item(f.last);
    });
    take_range(list_.tightenings, previous.list.tightenings, from.tightenings, end.tightenings, copy, [&](Tightening& t) {
        t.first = r.item(t.first);
        t.tight = r.item(t.tight);
        t.end = r.item(t.end);
    });
    take_range(list_.openings, previous.list.openings, from.openings, end.openings, copy, [&](Opening& o) {
        o.first = r.item(o.first);
        o.run_on = r.item(o.run_on);
        o.end = r.item(o.end);
    });
    take_range(contents_, previous.contents, from.contents, end.contents, copy, [&](BoxContent& c) { r.content(c); });
    take_range(pass_.part_starts, previous.part_starts, from.part_starts, end.part_starts, copy,
               [&](std::uint32_t& item) { item = r.item(item); });
    take_range(pass_.occurrences, previous.occurrences, from.occurrences, end.occurrences, copy, [&](Occurrence& o) {
        o.note = r.note(o.note);
        o.element = r.element(o.element);
    });
    // Its notes are composed after the text, in this pass as in every pass.
    for (std::size_t note = from.notes; note < end.notes; ++note) {
        const std::string& key = previous.list.notes[note].key;
        pass_.note_index.emplace(key, static_cast<std::uint32_t>(list_.notes.size()));
        list_.notes.push_back({key, 0});
        pass_.notes.emplace_back();
    }
}

void Composer::take_elements(const ComposedChapter& composed, Pass& previous, const Relocation& r, bool copy) {
    const ComposeOffsets& from = composed.start.at;
    const ComposeOffsets& end = composed.end.at;
    take_range(pass_.structure.elements, previous.structure.elements, from.elements, end.elements, copy,
               [&](pages::StructElement& e) { e.parent = r.element(e.parent); });
    // The kids of its elements, the Divs taking more of them, and the kids it
    // added to the element it is tagged under.
    for (std::size_t id = from.elements; id < std::min(end.elements, previous.kid_count.size()); ++id)
        if (previous.kid_count[id] > 0) kids_of(r.element(static_cast<pages::ElementId>(id))) = previous.kid_count[id];
    for (auto div = previous.overflow.lower_bound(static_cast<pages::ElementId>(from.elements));
         div != previous.overflow.end() && static_cast<std::size_t>(div->first) < end.elements; ++div)
        pass_.overflow.insert_or_assign(r.element(div->first), r.element(div->second));
    const pages::ElementId current = composed.end.state.current_element;
    if (current != pages::kArtifact) kids_of(current) += end.current_kids - from.current_kids;
}

void Composer::take_chapter(ComposedChapter& composed, Pass& previous, const ComposeMark& start, const Relocation& r,
                            bool copy, const std::string& title) {
    take_lists(composed, previous, r, copy);
    take_elements(composed, previous, r, copy);
    const ComposeState& after = composed.end.state;
    assert(after.current_element == start.state.current_element);
    parts_.push_back(title);
    writer_.restore(after.writer);
    indent_next_ = after.indent_next;
    after_front_matter_ = after.after_front_matter;
    full_end_item_ = after.full_end_back > 0 ? static_cast<std::int64_t>(list_.items.size() - after.full_end_back) : -1;
    pass_.last_heading_level = after.last_heading_level;
    if (composed.end.count.chapter != composed.start.count.chapter) {
        pass_.numbering_chapter = composed.end.count.chapter;
        pass_.first_numbers = composed.end.count.numbers;
    }
    if (!composed.reads.pages.empty()) ctx_.consulted_anchor_pages = true;
    if (ctx_.diags) ctx_.diags->merge(composed.warnings);
    ctx_.fonts.note_missing(composed.reads.missing);
    ctx_.mark_used(composed.reads.lines);
    // Recorded as this pass's: its marks are this pass's lengths, its numbers read
    // from this pass's references wherever they give one, its pictures this build's.
    ComposedChapter& taken = pass_.chapters.emplace_back(copy ? composed : std::move(composed));
    for (auto& picture : taken.reads.pictures)
        if (auto it = r.rasters.find(picture.raster.get()); it != r.rasters.end()) picture.raster = it->second;
    for (std::size_t k = 0; k < taken.reads.numbers.size(); ++k)
        if (number_found(ctx_.refs, start.at.occurrences + k) > 0) taken.reads.numbers[k] = ChapterReads::NumberFrom::pages;
    taken.start = start;
    taken.end = mark();
    taken.taken = true;
}

void Composer::chapter(const model::Chapter& ch, int index, const ChapterSources& sources) {
    assert(pass_.chapters.size() == static_cast<std::size_t>(index));
    const auto at = static_cast<std::size_t>(index);
    ComposeMark start = mark();
    // The last build's first: taken from it, a chapter is moved, where from this
    // layout's pass before a session copies it (it keeps that pass whole). Either
    // gives the same items when both may be taken (may_take).
    if (sources.kept && at < sources.kept->chapters.size()) {
        // The last build's: its links may start elsewhere, its pictures be other files now.
        Pass& kept = *sources.kept;
        ComposedChapter& composed = kept.chapters[at];
        Relocation r;
        r.link_shift = sources.link_shift;
        if (may_take(composed, kept, start, r) && pictures_unchanged(composed, r))
            return take_chapter(composed, kept, start, r, false, ch.title);
    }
    if (sources.previous && at < sources.previous->chapters.size()) {
        Pass& previous = *sources.previous;
        ComposedChapter& composed = previous.chapters[at];
        Relocation r;
        if (may_take(composed, previous, start, r))
            return take_chapter(composed, previous, start, r, sources.keep_previous, ch.title);
        // Composed again: its boxes in the previous pass are freed now, for this
        // pass's to take their memory (the previous pass lives till this one ends).
        if (!sources.keep_previous)
            for (std::size_t i = composed.start.at.contents; i < composed.end.at.contents; ++i)
                previous.contents[i] = BoxContent{};
    }
    ComposedChapter record;
    record.start = std::move(start);
    {
        Recording recording(ctx_, composing_, record);
        compose_chapter(ch, index);
        recording.finish();
    }
    record.end = mark();
    pass_.chapters.push_back(std::move(record));
}

KeptUse::KeptUse(KeptChapters* kept, ReleaseLater* leftovers, const style::Style& style, bool imprint_beside_contents,
                 const model::Document& document, std::shared_ptr<const model::Document> shared,
                 const cite::Citations& cites)
    : leftovers_(leftovers) {
    if (!kept) return;
    if (shared.get() == &document) document_ = std::move(shared);
    kept_ = kept;
    inputs_ = LayoutInputs{style, document.meta, imprint_beside_contents};
    KeptChapters::Layout& layout = kept->layout_for(inputs_);
    if (!layout.lent.empty()) {
        // Its book was never written (a writer failed): its last pass lacks items.
        release_later(leftovers_, std::move(layout.passes));
        layout.passes.clear();
        layout.lent.clear();
    }
    // Taken out while this layout runs: one that fails leaves nothing half-taken.
    last_document_ = std::move(layout.document);  // leaves it empty
    last_cites_ = std::move(layout.cites);
    passes_ = std::move(layout.passes);
    notes_ = std::move(layout.notes);
    layout.cites.clear();
    layout.passes.clear();
    layout.notes.clear();
    cites_ = chapter_cites(cites, document);
    same_.assign(document.chapters.size(), false);
    const std::size_t kept_chapters = last_document_ ? std::min(last_cites_.size(), last_document_->chapters.size()) : 0;
    for (std::size_t i = 0; i < same_.size() && i < kept_chapters; ++i) {
        const ChapterCites& was = last_cites_[i];
        const ChapterCites& now = cites_[i];
        constexpr auto kNone = static_cast<std::size_t>(-1);
        same_[i] = was.first_link != kNone && now.first_link != kNone && was.links == now.links &&
                   was.calls == now.calls && model::same_content(last_document_->chapters[i], document.chapters[i]);
    }
}

ChapterSources KeptUse::sources(int pass, int chapter, Pass* previous) {
    ChapterSources s;
    s.previous = previous;
    s.keep_previous = active();
    const auto c = static_cast<std::size_t>(chapter);
    const auto p = static_cast<std::size_t>(pass - 1);
    if (active() && c < same_.size() && same_[c] && p < passes_.size()) {
        s.kept = &passes_[p];
        s.link_shift = static_cast<std::ptrdiff_t>(cites_[c].first_link) -
                       static_cast<std::ptrdiff_t>(last_cites_[c].first_link);
    }
    return s;
}

KeptUse::~KeptUse() {
    // What is left of the last build's passes (most of it moved into this build's):
    // freeing it took a tenth of a rebuild's layout.
    release_later(leftovers_, std::move(passes_));
    release_later(leftovers_, std::move(notes_));
    release_later(leftovers_, std::move(last_document_));
}

void KeptUse::keep(std::vector<Pass> passes, Pass last, const model::Document& document, ComposedNotes notes,
                   std::vector<LentItems> lent) {
    if (!active()) return;
    passes.push_back(std::move(last));
    KeptChapters::Layout& layout = kept_->layout_for(inputs_);
    layout.document = document_ ? document_ : std::make_shared<const model::Document>(document);
    layout.cites = std::move(cites_);
    layout.passes = std::move(passes);
    layout.notes = std::move(notes);
    layout.lent = std::move(lent);
}

namespace {

// Moves the items of `loan` from `book` back into `box`: false when the book has
// no such items (it is not the one they were lent to).
bool take_back(const LentItems& loan, pages::Book& book, BoxContent& box) {
    if (loan.page >= book.pages.size()) return false;
    std::vector<pages::Item>& items = book.pages[loan.page].items;
    if (loan.first > items.size() || loan.count > items.size() - loan.first) return false;
    box.items.clear();
    box.items.reserve(loan.count);
    for (std::size_t i = loan.first; i < loan.first + loan.count; ++i) {
        pages::translate(items[i], -loan.dx, -loan.dy);
        box.items.push_back(std::move(items[i]));
    }
    for (const std::uint32_t d : loan.decorations)
        if (d < box.items.size()) pages::set_element(box.items[d], kDecoration);
    for (const auto& [i, raster] : loan.rasters)
        if (auto* picture = i < box.items.size() ? std::get_if<pages::ImageItem>(&box.items[i]) : nullptr)
            picture->raster = raster;
    return true;
}

// Every loan of `layout` taken back from `book`: false at the first it cannot be.
bool take_back_all(KeptChapters::Layout& layout, pages::Book& book) {
    if (layout.passes.empty()) return false;
    std::vector<BoxContent>& contents = layout.passes.back().contents;
    for (const LentItems& loan : layout.lent)
        if (loan.content >= contents.size() || !take_back(loan, book, contents[loan.content])) return false;
    return true;
}

}  // namespace

void KeptChapters::give_back(pages::Book& book) {
    for (Layout& layout : layouts) {
        if (layout.lent.empty()) continue;
        if (!take_back_all(layout, book)) layout.passes.clear();  // never taken from half given back
        layout.lent.clear();
    }
}

}  // namespace booklet::layout
