#include "notes.hpp"

#include "compose.hpp"

#include "booklet/qr.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace booklet::layout {

NoteMetrics note_metrics(LayoutContext& ctx) {
    const style::TextStyle& fs = ctx.style.footnote;
    NoteMetrics m;
    m.skip = 2 * ctx.style.footnote_area.gap + ctx.style.footnote_area.rule_thickness;
    m.gap = std::max<Sp>(0, fs.leading - LayoutContext::line_height(fs.size) - LayoutContext::line_depth(fs.size));
    m.label_width = shape::measure(ctx.fonts, "00", ctx.text_style(fs, false, false)) + scale_sp(fs.size, 50, 100);
    return m;
}

const ComposedNote* NoteMemo::find(const NoteTextRef& text) {
    if (auto it = used_.find(text); it != used_.end()) return &it->second;
    auto it = last_build_.find(text);
    if (it == last_build_.end()) return nullptr;
    return &used_.insert(last_build_.extract(it)).position->second;
}

namespace {

// Records what composing a URL note does beyond its lines: the elements it adds,
// its warnings, the characters no font had and the set paragraphs it used.
// finish() gives the note to keep, or none when it read what another pass may
// find otherwise (a page, a note number, a picture file).
class NoteRecording {
public:
    NoteRecording(LayoutContext& ctx, Composer& composer)
        : ctx_(ctx), composer_(composer), outer_(ctx.diags), missing_before_(ctx.fonts.take_missing()),
          anchor_pages_(std::exchange(ctx.consulted_anchor_pages, false)),
          link_pages_(std::exchange(ctx.consulted_link_pages, false)) {
        ctx.diags = &note_.warnings;
        ctx.reads = &reads_;
        composer.log_elements(&note_.elements);
    }
    ~NoteRecording() { restore(); }
    NoteRecording(const NoteRecording&) = delete;
    NoteRecording& operator=(const NoteRecording&) = delete;

    std::optional<ComposedNote> finish(const NoteBlock& block, pages::ElementId called_from) {
        const bool consulted = ctx_.consulted_anchor_pages || ctx_.consulted_link_pages;
        restore();
        note_.missing = ctx_.fonts.take_missing();
        ctx_.fonts.note_missing(missing_before_);
        ctx_.fonts.note_missing(note_.missing);
        if (outer_) outer_->merge(note_.warnings);
        if (consulted || !reads_.numbers.empty() || !reads_.pages.empty() || !reads_.pictures.empty())
            return std::nullopt;
        // Its lines refer to no element but its own (taking it gives them their ids).
        std::set<pages::ElementId> own{pages::kArtifact};
        for (const AddedElement& e : note_.elements) own.insert(e.id);
        for (const auto& line : block.lines) {
            for (const auto& item : line.content.items)
                if (!own.contains(pages::element_of(item))) return std::nullopt;
            for (const auto& link : line.content.links)
                if (!own.contains(link.element)) return std::nullopt;
        }
        note_.block = block;
        note_.called_from = called_from;
        note_.lines = std::move(reads_.lines);
        return std::move(note_);
    }

private:
    void restore() {
        if (restored_) return;
        restored_ = true;
        ctx_.diags = outer_;
        ctx_.reads = nullptr;
        ctx_.consulted_anchor_pages = ctx_.consulted_anchor_pages || anchor_pages_;
        ctx_.consulted_link_pages = ctx_.consulted_link_pages || link_pages_;
        composer_.log_elements(nullptr);
    }

    LayoutContext& ctx_;
    Composer& composer_;
    Diagnostics* outer_;
    std::set<char32_t> missing_before_;
    bool anchor_pages_, link_pages_;
    bool restored_ = false;
    ChapterReads reads_;
    ComposedNote note_;
};

// A note as composed before, under `called_from` now: its elements added again as
// they were, its lines given their ids.
void take_note(LayoutContext& ctx, Composer& composer, Pass& pass, const ComposedNote& known,
               pages::ElementId called_from, NoteBlock& block) {
    // Then id -> now: a note adds two or three elements, so a list is looked through.
    std::vector<std::pair<pages::ElementId, pages::ElementId>> ids{{pages::kArtifact, pages::kArtifact}};
    const auto now = [&](pages::ElementId then) {
        const auto it = std::find_if(ids.begin(), ids.end(), [&](const auto& id) { return id.first == then; });
        if (it == ids.end()) throw std::out_of_range("a kept note names an element it did not add");
        return it->second;
    };
    for (const AddedElement& e : known.elements) {
        pass.current_element = e.under == known.called_from ? called_from : now(e.under);
        const pages::ElementId id = composer.add_element(e.element);
        if (e.id != pages::kArtifact) ids.emplace_back(e.id, id);
    }
    block = known.block;
    for (auto& line : block.lines) {
        for (auto& item : line.content.items) pages::set_element(item, now(pages::element_of(item)));
        for (auto& link : line.content.links) link.element = now(link.element);
    }
    if (ctx.diags) ctx.diags->merge(known.warnings);
    ctx.fonts.note_missing(known.missing);
    ctx.mark_used(known.lines);
}

// Composes a note's text under the current element (the one that calls it): its
// Note element, then its lines, into `block`. Returns the Note element.
pages::ElementId compose_note_text(LayoutContext& ctx, Composer& composer, Pass& pass, VList& list,
                                   std::vector<BoxContent>& contents, const Occurrence& occ, const BlockEnv& env,
                                   const std::string& lang, NoteBlock& block) {
    const style::TextStyle& fs = ctx.style.footnote;
    pages::StructElement note_element = element(pages::StructRole::note, lang);
    note_element.after_content = true;
    const pages::ElementId note = composer.add_element(std::move(note_element));
    pass.current_element = note;
    if (occ.kind == Occurrence::Kind::url) {
        InlineCollector c(ctx, nullptr, fs, lang, occ.chapter, LinkMode::inline_urls);
        c.add_link_text(occ.printed, {occ.url, ""}, true);
        style::TextStyle st = fs;
        st.align = style::Align::left;
        st.hyphenate = false;
        composer.paragraph(c.take(), env, st, 0, true);
    } else if (occ.footnote >= 0) {
        const auto& chapter = ctx.doc.chapters[static_cast<std::size_t>(occ.chapter)];
        composer.blocks(chapter.footnotes[static_cast<std::size_t>(occ.footnote)].blocks, env);
    }
    if (list.items.empty()) {
        // A note with no text still shows its number.
        const auto index = static_cast<std::uint32_t>(contents.size());
        contents.emplace_back().role = pages::Role::note;
        list.items.push_back(
            VItem::make_box(LayoutContext::line_height(fs.size), LayoutContext::line_depth(fs.size), index));
    }
    const Stacked stacked = stack(list);
    for (const auto& [content, baseline] : stacked.boxes) block.lines.push_back({std::move(contents[content]), baseline});
    block.height = stacked.height;
    return note;
}

// A QR code of the note's address beside its first line, the text having left
// room for it: a Link holding a Figure whose alternate text is the address.
void add_note_qr_code(LayoutContext& ctx, Composer& composer, Pass& pass, const qr::Matrix& code,
                      const Occurrence& occ, const std::string& lang, pages::ElementId note, NoteBlock& block) {
    const Sp width = ctx.geo.column_width;
    const Sp module = qr::module_size_for(code, ctx.style.links.qr_size);
    const Sp side = module * code.total_size();
    const Sp top = -block.lines.front().baseline;
    BoxContent qr_content;
    // At the end edge of the note: the right, or the left in a right-to-left book.
    const Sp qr_x = ctx.rtl ? 0 : width - side;
    const pages::ElementId link = composer.add_element(element(pages::StructRole::link, lang));
    pass.current_element = link;
    pages::StructElement figure = element(pages::StructRole::figure, lang);
    figure.alt = occ.url;
    const pages::ElementId picture = composer.add_element(std::move(figure));
    pass.current_element = note;
    for (auto& rect : qr::to_rects(code, qr_x, top, module)) {
        rect.element = picture;
        qr_content.items.emplace_back(rect);
    }
    PendingLink area;
    area.rect = {qr_x, top, side, side};
    area.uri = occ.url;
    area.element = link;
    area.description = occ.url;
    qr_content.links.push_back(std::move(area));
    append_shifted(block.lines.front().content, std::move(qr_content), 0, 0);
    block.height = std::max(block.height, side);
}

// The note's number before its start edge, as a list marker stands; then every
// line's text is the note's.
void add_note_number(LayoutContext& ctx, const NoteMetrics& metrics, const Occurrence& occ, const std::string& lang,
                     pages::ElementId note, NoteBlock& block) {
    const style::TextStyle& fs = ctx.style.footnote;
    InlineCollector lc(ctx, nullptr, fs, lang, occ.chapter, LinkMode::plain);
    lc.add_text(std::to_string(occ.number));
    const SetLine label = set_line(ctx, lc.take(), pages::Role::note);
    const Sp gap = scale_sp(fs.size, 40, 100);
    const Sp width = ctx.geo.column_width;
    const Sp label_x = ctx.rtl ? width - metrics.label_width + gap : metrics.label_width - gap - label.natural_width;
    prepend_shifted(block.lines.front().content, label.content, label_x, 0);
    for (auto& line : block.lines) claim(line.content.items, note);
}

}  // namespace

void compose_notes(LayoutContext& ctx, Pass& pass, const NoteMetrics& metrics, NoteMemo& memo) {
    const style::TextStyle& fs = ctx.style.footnote;
    for (const auto& occ : pass.occurrences) {
        NoteBlock& block = pass.notes[occ.note];
        if (!block.lines.empty()) continue;
        const std::string lang =
            occ.chapter >= 0 ? ctx.doc.chapters[static_cast<std::size_t>(occ.chapter)].lang : std::string();
        VList list;
        std::vector<BoxContent> contents;
        Composer composer(ctx, pass, list, contents);
        BlockEnv env = composer.column_env(occ.chapter, lang, fs);
        env.left = metrics.label_width;
        env.width = ctx.geo.column_width - metrics.label_width;
        env.links = LinkMode::inline_urls;
        env.role = pages::Role::note;
        // A QR code beside the note of chosen URLs: the text makes room for it.
        std::optional<qr::Matrix> code;
        if (occ.kind == Occurrence::Kind::url && ctx.style.links.qr_codes &&
            style::wants_qr_code(ctx.style.links, occ.url)) {
            try {
                code = qr::encode(occ.url);
                env.width -= ctx.style.links.qr_size + fs.size;
            } catch (const Error& e) {
                if (ctx.diags) ctx.diags->warning({}, "qr-code", "no QR code for " + excerpt(occ.url, 100) + ": " + e.message());
            }
        }
        // The note is a Note of the element that calls it, read after that
        // element's text; a call that is not tagged leaves its note an artifact.
        const pages::ElementId outside = pass.current_element;
        pass.current_element = occ.element;
        const bool may_keep = occ.kind == Occurrence::Kind::url && !code;
        const ComposedNote* known = may_keep ? memo.find({occ.chapter, occ.url, occ.printed, lang, occ.number}) : nullptr;
        // Tagged as it was: called from an element, or as an artifact.
        if (known && (known->called_from == pages::kArtifact) == (occ.element == pages::kArtifact)) {
            take_note(ctx, composer, pass, *known, occ.element, block);
        } else {
            std::optional<NoteRecording> recording;
            if (may_keep) recording.emplace(ctx, composer);
            const pages::ElementId note = compose_note_text(ctx, composer, pass, list, contents, occ, env, lang, block);
            if (code) add_note_qr_code(ctx, composer, pass, *code, occ, lang, note, block);
            add_note_number(ctx, metrics, occ, lang, note, block);
            if (recording)
                if (auto composed = recording->finish(block, occ.element))
                    memo.add({occ.chapter, occ.url, occ.printed, lang, occ.number}, std::move(*composed));
        }
        pass.current_element = outside;
        pass.list.notes[occ.note].height = block.height;
    }
}

namespace {

// Under per_chapter numbering on paper, a chapter whose first note lands on a page
// that already shows notes of the chapter before it (it ran on below that chapter)
// continues that count, so that no page shows two notes "1": its cite-stage numbers
// (1, 2, ... in the chapter) are shifted by the last number printed before it. A
// chapter that starts its notes on a page of its own keeps them as they are.
void continue_run_on_counts(const std::vector<Occurrence>& occurrences, const std::vector<int>& pages,
                            const std::vector<std::size_t>& order, std::vector<int>& numbers) {
    std::map<int, int> offset;  // chapter -> shift
    int last_page = 0, last_number = 0;
    for (const std::size_t i : order) {
        const int chapter = occurrences[i].chapter;
        const int page = i < pages.size() ? pages[i] : 0;
        auto it = offset.find(chapter);
        if (it == offset.end()) it = offset.emplace(chapter, page > 0 && page == last_page ? last_number : 0).first;
        numbers[i] += it->second;
        last_page = page;
        last_number = numbers[i];
    }
}

}  // namespace

std::vector<int> number_notes(const std::vector<Occurrence>& occurrences, const std::vector<int>& pages,
                              const std::vector<int>& frames, const std::vector<std::size_t>& order,
                              style::NoteNumbering numbering) {
    std::vector<int> numbers(occurrences.size(), 0);
    if (numbering != style::NoteNumbering::per_page) {
        // The cite stage numbered the calls in source order, per chapter or through
        // the book. Where a figure floated past the text after it, its calls are
        // read later: the same numbers are dealt out again in reading order.
        const bool per_book = numbering == style::NoteNumbering::per_book;
        std::map<int, std::vector<int>> by_scope;
        for (const std::size_t i : order) by_scope[per_book ? 0 : occurrences[i].chapter].push_back(occurrences[i].decided);
        std::map<int, std::size_t> next;
        for (auto& [scope, list] : by_scope) std::sort(list.begin(), list.end());
        for (const std::size_t i : order) {
            const int scope = per_book ? 0 : occurrences[i].chapter;
            numbers[i] = by_scope[scope][next[scope]++];
        }
        if (!per_book) continue_run_on_counts(occurrences, pages, order, numbers);
        return numbers;
    }
    // (page, column, key) -> number: a note called twice in one column keeps its
    // number; called again in the next column it is printed there again, under a
    // new number, so the notes of every column run in order.
    std::map<std::tuple<int, int, std::string>, int> assigned;
    std::map<int, int> counters;
    for (const std::size_t i : order) {
        const auto& occ = occurrences[i];
        const int page = i < pages.size() ? pages[i] : 0;
        const int frame = i < frames.size() ? frames[i] : 0;
        auto key = std::make_tuple(page, frame, occ.kind_key());
        auto it = assigned.find(key);
        if (it == assigned.end()) it = assigned.emplace(std::move(key), ++counters[page]).first;
        numbers[i] = it->second;
    }
    return numbers;
}

}  // namespace booklet::layout
