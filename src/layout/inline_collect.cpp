#include "inline_collect.hpp"

#include "booklet/model_walk.hpp"

#include <algorithm>

namespace booklet::layout {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool same_style(const shape::TextStyle& a, const shape::TextStyle& b) {
    return a.fonts.fonts == b.fonts.fonts && a.size == b.size && a.color == b.color && a.rise == b.rise &&
           a.hyphenate == b.hyphenate && a.url == b.url && a.keep_together == b.keep_together &&
           a.color_emoji == b.color_emoji && a.lang == b.lang && a.tag == b.tag;
}

}  // namespace

InlineCollector::InlineCollector(LayoutContext& ctx, Pass* pass, const style::TextStyle& block, std::string lang,
                                 int chapter, LinkMode mode)
    : ctx_(ctx), pass_(pass), block_(block), chapter_(chapter), mode_(mode) {
    out_.text.lang = lang.empty() ? ctx.doc.meta.language : std::move(lang);
}

void InlineCollector::add(const model::Inlines& inlines, bool bold) {
    State st;
    st.bold = bold;
    children(inlines, st);
}

void InlineCollector::add_text(std::string_view text, bool bold, bool italic) {
    State st;
    st.bold = bold;
    st.italic = italic;
    collapse(text, st);
}

void InlineCollector::add_verbatim(std::string_view text) {
    State st;
    st.code = true;
    flush_space(st);
    emit(text, st);
}

void InlineCollector::add_link_text(std::string_view text, const LinkInfo& link, bool url_style) {
    out_.links.push_back(link);
    State st;
    st.link = static_cast<int>(out_.links.size() - 1);
    st.url = url_style;
    collapse(text, st);
}

void InlineCollector::hard_break() {
    pending_space_ = false;
    if (!out_.text.text.empty() &&
        (out_.hard_breaks.empty() || out_.hard_breaks.back() != out_.text.text.size()))
        out_.hard_breaks.push_back(out_.text.text.size());
}

void InlineCollector::trace(page_map::Position at) {
    trace_offset_ = at.offset;
    trace_part_ = static_cast<std::uint32_t>(out_.traced_parts.size());
    out_.traced_parts.push_back(std::move(at));
}

namespace {

// A letter or digit (any byte of a multi-byte character counts as a letter):
// the line breaker's own hyphens fall only between two of these.
bool word_byte(const std::string& text, std::size_t i) {
    if (i >= text.size()) return false;
    const auto c = static_cast<unsigned char>(text[i]);
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

}  // namespace

std::optional<page_map::Position> StyledParagraph::position_at(std::size_t byte) const {
    if (traced.empty()) return std::nullopt;
    // The first word that ends after `byte`: the one it is in, or the next.
    const auto it = std::upper_bound(traced.begin(), traced.end(), byte,
                                     [](std::size_t b, const TracedWord& w) { return b < w.end; });
    const TracedWord& word = it != traced.end() ? *it : traced.back();
    page_map::Position at = traced_parts[word.part];
    at.offset = it != traced.end() ? word.offset : word.offset + word.bytes;
    // Inside a word after a hyphen the text has, or a URL's / or . (not between two
    // letters, where only the line breaker's hyphen goes): the line begins right there,
    // when the word was set as it is written (not upper-cased to other bytes).
    const bool inside = it != traced.end() && byte > word.begin;
    if (inside && !(word_byte(text.text, byte - 1) && word_byte(text.text, byte)) && word.end - word.begin == word.bytes)
        at.offset = word.offset + (byte - word.begin);
    return at;
}

StyledParagraph InlineCollector::take() {
    // A hard break at the very end shows nothing.
    while (!out_.hard_breaks.empty() && out_.hard_breaks.back() >= out_.text.text.size()) out_.hard_breaks.pop_back();
    pending_space_ = false;
    tags_.clear();
    trace_part_.reset();
    return std::move(out_);
}

void InlineCollector::children(const model::Inlines& list, const State& st) {
    for (const auto& in : list) node(in, st);
}

void InlineCollector::node(const model::Inline& in, const State& st) {
    std::visit(
        [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            State s = st;
            if constexpr (std::is_same_v<T, model::Text>) {
                collapse(n.text, st, true);
                trace_offset_ += n.text.size();
            } else if constexpr (std::is_same_v<T, model::Emphasis>) {
                s.italic = !s.italic;
                children(n.children, s);
            } else if constexpr (std::is_same_v<T, model::Strong>) {
                s.bold = true;
                children(n.children, s);
            } else if constexpr (std::is_same_v<T, model::Strikethrough>) {
                s.strike = true;
                children(n.children, s);
            } else if constexpr (std::is_same_v<T, model::Superscript>) {
                s.script = 1;
                children(n.children, s);
            } else if constexpr (std::is_same_v<T, model::Subscript>) {
                s.script = -1;
                children(n.children, s);
            } else if constexpr (std::is_same_v<T, model::Code>) {
                s.code = true;
                flush_space(s);
                std::string text = n.text;
                for (auto& c : text)
                    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
                const std::size_t begin = out_.text.text.size();
                emit(text, s);
                // Inline code is one word to the trace: a page begins at its start.
                if (trace_part_ && out_.text.text.size() > begin)
                    out_.traced.push_back({begin, out_.text.text.size(), *trace_part_, trace_offset_, n.text.size()});
                trace_offset_ += n.text.size();
            } else if constexpr (std::is_same_v<T, model::Link>) {
                link(n, st);
            } else if constexpr (std::is_same_v<T, model::Image>) {
                // A picture inside running text cannot be drawn at text size; its
                // description stands in for it (with its address, when no format
                // can show it).
                s.italic = !s.italic;
                if (const cite::Link* c = cited(ctx_.cites.index_of(n.image))) picture(n.image, "[" + c->cited + "]", s);
                else if (!n.image.alt.empty()) collapse("[" + n.image.alt + "]", s);
            } else if constexpr (std::is_same_v<T, model::LineBreak>) {
                hard_break();
            } else if constexpr (std::is_same_v<T, model::SoftBreak>) {
                collapse(" ", st);
            } else if constexpr (std::is_same_v<T, model::FootnoteRef>) {
                footnote_ref(n, st);
            } else if constexpr (std::is_same_v<T, model::Span>) {
                s.lang = n.lang;
                children(n.children, s);
            }
        },
        in.node);
}

const cite::Link* InlineCollector::cited(std::ptrdiff_t index) const {
    if (mode_ == LinkMode::plain || index < 0) return nullptr;
    const cite::Link& c = ctx_.cites.links[static_cast<std::size_t>(index)];
    return c.live ? &c : nullptr;
}

void InlineCollector::link(const model::Link& l, const State& st) {
    const std::ptrdiff_t index = ctx_.cites.index_of(l);
    const cite::Link* c = cited(index);
    if (!c) return children(l.children, st);
    const State s = open_link(*c, static_cast<int>(index), &l.target, st);
    if (c->text_stand_in.empty()) {
        children(l.children, s);
    } else {
        collapse(c->text_stand_in, s);
        trace_offset_ += model::text_bytes(l.children);  // the model's text it stands in for
    }
    close_link(*c, &l.target, s, st);
}

bool InlineCollector::picture(const model::ImageRef& image, std::string_view shown, const State& st) {
    const std::ptrdiff_t index = ctx_.cites.index_of(image);
    const cite::Link* c = cited(index);
    if (!c) return false;
    const State s = open_link(*c, static_cast<int>(index), nullptr, st);
    collapse(shown, s);
    close_link(*c, nullptr, s, st);
    return true;
}

bool InlineCollector::add_picture(const model::ImageRef& image, std::string_view shown) {
    return picture(image, shown, State{});
}

// The link area of a cited link (or picture address) opens: the text that follows
// is in the returned state.
InlineCollector::State InlineCollector::open_link(const cite::Link& c, int citation, const model::LinkTarget* target,
                                                  const State& st) {
    LinkInfo info;
    info.citation = citation;
    if (c.kind == cite::Kind::internal && target)
        info.anchor = target->anchor.empty() ? target->chapter : target->chapter + "#" + target->anchor;
    else
        info.uri = c.url;
    out_.links.push_back(std::move(info));
    State s = st;
    s.link = static_cast<int>(out_.links.size() - 1);
    s.url = c.print == cite::Print::in_text;
    return s;
}

// After the text: what the cite stage decided the address shows on paper, and an
// internal link's page reference.
void InlineCollector::close_link(const cite::Link& c, const model::LinkTarget* target, const State& s, const State& st) {
    if (c.print == cite::Print::note && mode_ == LinkMode::notes && pass_) address_note(c, s.link, st);
    else if (c.print == cite::Print::note || c.print == cite::Print::in_parentheses) in_parentheses(c.printed, s, st);
    if (c.kind == cite::Kind::internal && target && ctx_.style.links.page_references) page_reference(*target, s);
}

void InlineCollector::address_note(const cite::Link& c, int link, const State& st) {
    Occurrence occ;
    occ.kind = Occurrence::Kind::url;
    occ.chapter = chapter_;
    occ.key = c.url;
    occ.url = c.url;
    occ.printed = c.printed;
    const int id = add_occurrence(std::move(occ), c.note);
    out_.links[static_cast<std::size_t>(link)].occurrence = id;
    marker(id, st);
}

void InlineCollector::in_parentheses(const std::string& address, const State& link_state, const State& st) {
    State u = link_state;
    u.url = true;
    collapse(" (", st);
    pending_space_ = false;
    emit(address, u);
    emit(")", st);
}

void InlineCollector::page_reference(const model::LinkTarget& target, const State& st) {
    ctx_.consulted_anchor_pages = true;
    const int page = anchor_page(ctx_.refs, target.chapter, target.anchor);
    if (ctx_.reads) ctx_.reads->pages.push_back({target.chapter, target.anchor, page});
    // No-break spaces keep "→ p. 12" in one piece with the word before it.
    const std::string ref =
        "\u00A0\u2192\u00A0" + words::fill(ctx_.words.page_ref, "page", page > 0 ? std::to_string(page) : "?");
    pending_space_ = false;
    emit(ref, st);
}

void InlineCollector::footnote_ref(const model::FootnoteRef& ref, const State& st) {
    const cite::FootnoteCall* call = ctx_.cites.find(ref);
    if (mode_ == LinkMode::inline_urls && call && call->in_parentheses && call->footnote)
        return footnote_in_parentheses(*call->footnote, st);
    if (mode_ != LinkMode::notes || !pass_) return;
    if (!call || !call->footnote || chapter_ < 0) return;
    // The call's footnote, by its place among its chapter's (another build's
    // document may take this chapter's composition).
    const auto& notes = ctx_.doc.chapters[static_cast<std::size_t>(chapter_)].footnotes;
    if (call->footnote < notes.data() || call->footnote >= notes.data() + notes.size()) return;
    Occurrence occ;
    occ.kind = Occurrence::Kind::footnote;
    occ.chapter = chapter_;
    occ.key = ref.label;
    occ.footnote = static_cast<int>(call->footnote - notes.data());
    marker(add_occurrence(std::move(occ), call->note), st);
}

int InlineCollector::add_occurrence(Occurrence occ, int decided) {
    auto& list = pass_->occurrences;
    const auto id = list.size();
    occ.decided = decided;
    const int found = number_found(ctx_.refs, id);
    using NumberFrom = ChapterReads::NumberFrom;
    const NumberFrom from = found > 0 ? NumberFrom::pages : decided > 0 ? NumberFrom::cite : NumberFrom::count;
    if (ctx_.reads) ctx_.reads->numbers.push_back(from);
    if (from == NumberFrom::pages) {
        occ.number = found;  // as the previous pass's pages put them
    } else if (from == NumberFrom::cite) {
        occ.number = decided;
    } else {
        // Per-page numbers, first pass: in order through the chapter, a repeated note with
        // its first number; pagination corrects it. (Counted as they come: a count
        // back through the list was quadratic, and a number per call made 100,000
        // calls of one URL into 100,000 notes to set.)
        if (pass_->numbering_chapter != occ.chapter) {
            pass_->numbering_chapter = occ.chapter;
            pass_->first_numbers.clear();
        }
        const auto [it, fresh] = pass_->first_numbers.emplace(occ.kind_key(), 0);
        if (fresh) it->second = static_cast<int>(pass_->first_numbers.size());
        occ.number = it->second;
    }
    const std::string note_key = occ.kind_key() + "#" + std::to_string(occ.number);
    auto [it, fresh] = pass_->note_index.emplace(note_key, static_cast<std::uint32_t>(pass_->list.notes.size()));
    if (fresh) {
        pass_->list.notes.push_back({note_key, 0});
        pass_->notes.emplace_back();
    }
    occ.note = it->second;
    list.push_back(std::move(occ));
    return static_cast<int>(id);
}

// A footnote called inside a note that the text never calls (the cite stage's
// FootnoteCall::in_parentheses): its text where it is called, in parentheses,
// block after block. One that is already being printed around it is not again.
void InlineCollector::footnote_in_parentheses(const model::Footnote& footnote, const State& st) {
    if (std::find(in_parentheses_.begin(), in_parentheses_.end(), &footnote) != in_parentheses_.end()) return;
    in_parentheses_.push_back(&footnote);
    collapse(" (", st);
    pending_space_ = false;
    bool first = true;
    model::walk_blocks(footnote.blocks, [](const model::Block&) {}, [&](const model::Inlines& inlines) {
        if (inlines.empty()) return;
        if (!first) collapse(" ", st);
        first = false;
        children(inlines, st);
    });
    pending_space_ = false;
    emit(")", st);
    in_parentheses_.pop_back();
}

void InlineCollector::marker(int occurrence, const State& st) {
    State s = st;
    s.link = -1;
    s.strike = false;
    s.script = 0;
    s.code = false;
    // No flush of a pending space: the number sits right after the last word.
    emit(std::to_string(pass_->occurrences[static_cast<std::size_t>(occurrence)].number), s, occurrence);
}

void InlineCollector::collapse(std::string_view text, const State& st, bool traced) {
    // Words of plain text are emitted together with the single spaces between
    // them: word by word, each word and each space built its style anew (a
    // tenth of a layout pass). Code and addresses style their spaces apart from
    // their words, upper case is cased word by word, and a traced text records
    // each word: those go word by word.
    const bool word_by_word = st.code || st.url || block_.uppercase || (traced && trace_part_);
    std::string& words = collapsed_;
    words.clear();
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_space(text[i])) {
            // (Words gathered but not yet emitted count as text.)
            if (!words.empty() || (!out_.text.text.empty() && (out_.hard_breaks.empty() ||
                                                               out_.hard_breaks.back() != out_.text.text.size()))) {
                if (!pending_space_) pending_state_ = st;
                pending_space_ = true;
            }
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && !is_space(text[j])) ++j;
        if (word_by_word) {
            flush_space(st);
            const std::size_t begin = out_.text.text.size();
            emit(text.substr(i, j - i), st);
            if (traced && trace_part_)
                out_.traced.push_back({begin, out_.text.text.size(), *trace_part_, trace_offset_ + i, j - i});
        } else {
            // A space before the first word may carry another state: it goes out
            // on its own; the later ones are this text's own.
            if (words.empty()) flush_space(st);
            else if (pending_space_) words += ' ';
            pending_space_ = false;
            words.append(text.substr(i, j - i));
        }
        i = j;
    }
    if (words.empty()) return;
    // The spaces after the last word were seen before the words were added.
    const bool space_after = pending_space_;
    pending_space_ = false;
    emit(words, st);
    if (space_after) {
        pending_state_ = st;
        pending_space_ = true;
    }
}

void InlineCollector::flush_space(const State& st) {
    if (!pending_space_) return;
    pending_space_ = false;
    State s = st;
    if (pending_state_.link != st.link) s.link = -1;
    if (pending_state_.strike != st.strike) s.strike = false;
    if (pending_state_.script != st.script) s.script = 0;
    s.code = false;
    s.url = false;
    emit(" ", s);
}

shape::TextStyle InlineCollector::style_for(const State& st, bool is_marker) {
    shape::TextStyle t;
    if (st.code) {
        t = ctx_.text_style(block_, st.bold, st.italic);
        t.fonts = ctx_.chain(style::FontRole::mono, st.bold, false);
        // Inline code keeps the code style's proportion to body text.
        if (&block_ != &ctx_.style.code && ctx_.style.body.size > 0)
            t.size = scale_sp(block_.size, ctx_.style.code.size, ctx_.style.body.size);
        t.url = true;
        t.hyphenate = false;
    } else {
        t = ctx_.text_style(block_, st.bold, st.italic);
        t.url = st.url;
        if (st.url) t.hyphenate = false;
    }
    if (st.link >= 0) t.color = ctx_.style.link_color;
    if (is_marker) {
        t.rise = LayoutContext::marker_rise(t.size);
        t.size = LayoutContext::marker_size(t.size);
        t.hyphenate = false;
        t.url = false;
    } else if (st.script != 0) {
        t.rise = st.script > 0 ? scale_sp(t.size, 33, 100) : -scale_sp(t.size, 15, 100);
        t.size = scale_sp(t.size, 70, 100);
    }
    t.lang = st.lang;
    return t;
}

std::int32_t InlineCollector::tag_for(const RangeInfo& info) {
    const auto [it, fresh] = tags_.emplace(info, static_cast<std::int32_t>(out_.infos.size()));
    if (fresh) out_.infos.push_back(info);
    return it->second;
}

void InlineCollector::emit(std::string_view text, const State& st, int occurrence) {
    if (text.empty()) return;
    shape::TextStyle style = style_for(st, occurrence >= 0);
    style.tag = tag_for({st.link, occurrence, st.strike});
    if (st.code && occurrence < 0) {
        // Code breaks like a URL inside its words, and at its spaces as text does
        // (the line breaker takes no space inside a URL range as a break).
        std::size_t i = 0;
        while (i < text.size()) {
            const bool space = text[i] == ' ';
            std::size_t j = i;
            while (j < text.size() && (text[j] == ' ') == space) ++j;
            shape::TextStyle piece = style;
            piece.url = !space;
            emit_styled(text.substr(i, j - i), std::move(piece));
            i = j;
        }
        return;
    }
    if (block_.uppercase && !st.code && occurrence < 0) {
        // The span's language where it has one (Turkish dotted i, German ß to SS).
        const std::string up = shape::upper_case(text, style.lang.empty() ? out_.text.lang : style.lang);
        return emit_styled(up, std::move(style));
    }
    emit_styled(text, std::move(style));
}

void InlineCollector::emit_styled(std::string_view text, shape::TextStyle style) {
    auto& t = out_.text;
    const std::size_t begin = t.text.size();
    t.text.append(text);
    auto& ranges = t.ranges;
    if (!ranges.empty() && ranges.back().end == begin && same_style(ranges.back().style, style))
        ranges.back().end = t.text.size();
    else
        ranges.push_back({begin, t.text.size(), std::move(style)});
}

}  // namespace booklet::layout
