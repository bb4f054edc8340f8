#include "compose.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace booklet::layout {

namespace {

constexpr Color kCodeBackground{0xF2, 0xF2, 0xF2};

template <typename T>
const T* as(const model::Block& b) {
    return std::get_if<T>(&b.node);
}


}  // namespace

Stacked stack(const VList& list) {
    Stacked out;
    Sp baseline = 0, depth = 0, glue = 0;
    bool first = true;
    for (const auto& it : list.items) {
        if (it.kind == VKind::glue) {
            if (!first) glue += it.width;
        } else if (it.kind == VKind::box) {
            baseline = first ? it.height : baseline + depth + glue + it.height;
            depth = it.depth;
            glue = 0;
            first = false;
            out.boxes.emplace_back(it.content, baseline);
        }
    }
    out.height = first ? 0 : baseline + depth;
    return out;
}

void claim(std::vector<pages::Item>& items, pages::ElementId element) {
    if (element == pages::kArtifact) return;
    for (auto& item : items) {
        // Text is read, and pictures that stand for text (emoji); rules and shading
        // are decoration, and figures are claimed by their own elements.
        const auto* image = std::get_if<pages::ImageItem>(&item);
        const bool read = std::holds_alternative<pages::TextItem>(item) || (image && !image->actual_text.empty());
        if (read && pages::element_of(item) == pages::kArtifact) pages::set_element(item, element);
    }
}

namespace {

// A list label's items go to its Lbl element, or, for a bullet that is
// decoration, are kept out of every element around it.
void mark_label(std::vector<pages::Item>& items, pages::ElementId label) {
    if (label != kDecoration) return claim(items, label);
    for (auto& item : items) pages::set_element(item, kDecoration);
}

}  // namespace

Composer::Element::Element(Composer& composer, pages::StructElement element)
    : composer_(composer), from_(composer.contents_.size()), previous_(composer.pass_.current_element) {
    id_ = composer.add_element(std::move(element));
    if (id_ != pages::kArtifact) composer.pass_.current_element = id_;
}

Composer::Element::~Element() {
    if (id_ == pages::kArtifact) return;
    for (std::size_t i = from_; i < composer_.contents_.size(); ++i) claim(composer_.contents_[i].items, id_);
    composer_.pass_.current_element = previous_;
}

bool may_group(pages::StructRole role) {
    using pages::StructRole;
    return role == StructRole::document || role == StructRole::part || role == StructRole::sect ||
           role == StructRole::block_quote || role == StructRole::note || role == StructRole::div;
}

// How many kids `element` has so far.
std::size_t& Composer::kids_of(pages::ElementId element) {
    auto& count = pass_.kid_count;
    if (count.size() <= static_cast<std::size_t>(element)) count.resize(static_cast<std::size_t>(element) + 1, 0);
    return count[static_cast<std::size_t>(element)];
}

// The element a new kid of `parent` goes into: `parent` itself, or its overflow Div.
pages::ElementId Composer::kid_parent(pages::ElementId parent) {
    if (kids_of(parent) < kMaxKids || !may_group(pass_.structure.elements[static_cast<std::size_t>(parent)].role))
        return parent;
    auto div = pass_.overflow.find(parent);
    if (div == pass_.overflow.end() || kids_of(div->second) >= kMaxKids) {
        pages::StructElement group;
        group.role = pages::StructRole::div;
        // The Div itself goes into the full part: one more kid per kMaxKids
        // (the page size bounds a part's kids far below 8,000 x 24,000).
        group.parent = parent;
        ++kids_of(parent);
        pass_.structure.elements.push_back(std::move(group));
        const auto id = static_cast<pages::ElementId>(pass_.structure.elements.size() - 1);
        div = pass_.overflow.insert_or_assign(parent, id).first;
    }
    return div->second;
}

pages::ElementId Composer::add_element(pages::StructElement element) {
    if (element_log_) {
        element_log_->push_back({pass_.current_element, element, pages::kArtifact});
        return element_log_->back().id = add_element_now(std::move(element));
    }
    return add_element_now(std::move(element));
}

pages::ElementId Composer::add_element_now(pages::StructElement element) {
    // Tagging is off when the pass has no root (the Document element).
    if (pass_.structure.empty() || pass_.current_element == pages::kArtifact) return pages::kArtifact;
    element.parent = kid_parent(pass_.current_element);
    ++kids_of(element.parent);
    // A language is stated where it changes (the root states the book's).
    for (auto up = element.parent; up != pages::kArtifact && !element.lang.empty();
         up = pass_.structure.elements[static_cast<std::size_t>(up)].parent) {
        const std::string& lang = pass_.structure.elements[static_cast<std::size_t>(up)].lang;
        if (lang.empty()) continue;
        if (lang == element.lang) element.lang.clear();
        break;
    }
    pass_.structure.elements.push_back(std::move(element));
    return static_cast<pages::ElementId>(pass_.structure.elements.size() - 1);
}

void Composer::tag_inline(const StyledParagraph& p, const std::vector<std::vector<SetLine>*>& sets) {
    if (pass_.structure.empty() || pass_.current_element == pages::kArtifact) return;
    const std::string& lang = p.text.lang;
    std::vector<pages::ElementId> links;
    std::vector<std::string> texts(p.links.size());
    for (std::size_t i = 0; i < p.links.size(); ++i) links.push_back(add_element(element(pages::StructRole::link, lang)));
    for (const auto& range : p.text.ranges) {
        const auto tag = range.style.tag;
        if (tag < 0 || static_cast<std::size_t>(tag) >= p.infos.size()) continue;
        const int link = p.infos[static_cast<std::size_t>(tag)].link;
        if (link >= 0 && static_cast<std::size_t>(link) < texts.size())
            texts[static_cast<std::size_t>(link)] += p.text.text.substr(range.begin, range.end - range.begin);
    }
    std::map<int, pages::ElementId> references;
    for (auto* lines : sets)
    for (auto& line : *lines) {
        for (auto& item : line.content.items) {
            auto* text = std::get_if<pages::TextItem>(&item);
            if (!text || text->element != pages::kArtifact || text->run.tag < 0 ||
                static_cast<std::size_t>(text->run.tag) >= p.infos.size())
                continue;
            const RangeInfo& info = p.infos[static_cast<std::size_t>(text->run.tag)];
            if (info.occurrence >= 0 && static_cast<std::size_t>(info.occurrence) < pass_.occurrences.size()) {
                auto it = references.find(info.occurrence);
                if (it == references.end()) {
                    it = references.emplace(info.occurrence, add_element(element(pages::StructRole::reference, lang))).first;
                    auto& occurrence = pass_.occurrences[static_cast<std::size_t>(info.occurrence)];
                    if (occurrence.element == pages::kArtifact) occurrence.element = pass_.current_element;
                }
                text->element = it->second;
            } else if (info.link >= 0 && static_cast<std::size_t>(info.link) < links.size()) {
                text->element = links[static_cast<std::size_t>(info.link)];
            }
        }
        for (auto& area : line.content.links) {
            if (area.link < 0 || static_cast<std::size_t>(area.link) >= links.size()) continue;
            area.element = links[static_cast<std::size_t>(area.link)];
            area.description = texts[static_cast<std::size_t>(area.link)];
        }
    }
}

pages::StructElement Composer::heading_element(int level) {
    // PDF/UA (Matterhorn 14-003): heading levels never skip one going down.
    pages::StructElement e;
    e.role = pages::StructRole::heading;
    e.level = std::clamp(std::min(level, pass_.last_heading_level + 1), 1, 6);
    pass_.last_heading_level = e.level;
    return e;
}

Composer::Composer(LayoutContext& ctx, Pass& pass, VList& list, std::vector<BoxContent>& contents)
    : ctx_(ctx), pass_(pass), list_(list), contents_(contents),
      writer_(list, sp_from_pt(1), ctx.style.chapters.space_shrink) {}

BlockEnv Composer::column_env(int chapter, const std::string& lang, const style::TextStyle& text) const {
    BlockEnv env;
    env.width = ctx_.geo.column_width;
    env.text = &text;
    env.lang = lang;
    env.chapter = chapter;
    return env;
}

InlineCollector Composer::collector(const BlockEnv& env, const style::TextStyle& st) const {
    return InlineCollector(ctx_, &pass_, st, env.lang, env.chapter, env.links);
}

VItem Composer::box_for(const BoxContent& content, Sp height, Sp depth, std::uint32_t index) const {
    VItem v = VItem::make_box(height, depth, index);
    for (auto occ : content.occurrences) {
        const auto note = pass_.occurrences[occ].note;
        if (std::find(v.notes.begin(), v.notes.end(), note) == v.notes.end()) v.notes.push_back(note);
    }
    return v;
}

std::uint32_t Composer::add_box(SetLine line, Sp dx, Sp leading, int penalty, std::int32_t repeat) {
    BoxContent content;
    content.role = line.content.role;
    append_shifted(content, std::move(line.content), dx, 0);
    const auto index = static_cast<std::uint32_t>(contents_.size());
    VItem v = box_for(content, line.height, line.depth, index);
    v.repeat = repeat;
    contents_.push_back(std::move(content));
    writer_.box(std::move(v), leading, penalty);
    return index;
}

Sp Composer::block_x(const BlockEnv& env) const {
    // env.left is measured from the start edge; a right-to-left book starts at the right.
    return ctx_.rtl ? ctx_.geo.column_width - env.left - env.width : env.left;
}

std::int64_t Composer::first_box_content(std::size_t from) const {
    for (std::size_t i = from; i < list_.items.size(); ++i)
        if (list_.items[i].kind == VKind::box) return list_.items[i].content;
    return -1;
}

// Whether a link whose text is its own address (the cite stage's Print::in_text:
// no note repeats it) runs from line `above` into line `below`. A page break there
// would leave the address whole on neither page, where a reader has to type it.
bool Composer::address_runs_on(const BoxContent& above, const BoxContent& below) const {
    for (const std::uint32_t link : below.cited)
        if (ctx_.cites.links[link].print == cite::Print::in_text &&
            std::find(above.cited.begin(), above.cited.end(), link) != above.cited.end())
            return true;
    return false;
}

void Composer::paragraph(const StyledParagraph& p, const BlockEnv& env, const style::TextStyle& st,
                         Sp first_indent, bool keep) {
    // Running text: a last line that nearly fills the measure reads as continuing.
    const bool body = env.role == pages::Role::body;
    const Sp column_right = ctx_.geo.column_width;
    const Sp room = std::max<Sp>(st.size, ctx_.geo.column_width * 3 / 100) + sp_from_pt(1);
    ParagraphFormat format;
    format.width = env.width;
    format.first_indent = first_indent;
    format.align = st.align;
    format.rtl = paragraph_is_rtl(ctx_, p, env.lang);
    format.hyphenate = st.hyphenate;
    format.role = env.role;
    if (body && env.left + env.width >= column_right - sp_from_pt(1)) format.last_line_room = room;
    std::vector<SetLine> lines = set_paragraph(ctx_, p, format);
    const std::size_t n = lines.size();
    if (n == 0) return;
    if (body) {
        // The previous body paragraph ended with a full line: a page break right
        // after it would join it to this one-line paragraph on the next page.
        if (full_end_item_ >= 0 && n == 1) discourage_break_after(static_cast<std::size_t>(full_end_item_));
        full_end_item_ = -1;
    }
    const bool full_end = body && env.left + lines.back().natural_width > column_right - room;
    // The same paragraph one line shorter, for the page builder to use where that
    // pulls a chapter's last lines back (main text only; headings keep their lines).
    std::vector<SetLine> shorter;
    if (!keep && n >= 2 && env.links == LinkMode::notes && ctx_.style.chapters.spill_lines > 0 &&
        p.hard_breaks.empty() && may_tighten()) {
        ParagraphFormat tight = format;
        tight.looseness = -1;
        shorter = set_paragraph(ctx_, p, tight);
        if (shorter.size() + 1 != n) shorter.clear();
    }
    tag_inline(p, {&lines, &shorter});
    const auto add_lines = [&](std::vector<SetLine>& set) {
        // The break after line i, judged before the line is moved into its box.
        const auto penalty_after = [&](std::size_t i) {
            if (i + 1 == set.size()) return VListWriter::kNoPenalty;
            if (keep || address_runs_on(set[i].content, set[i + 1].content)) return kForbidBreak;
            return interline_penalty(i, set.size(), ctx_.style.widows, ctx_.style.orphans);
        };
        int penalty = VListWriter::kNoPenalty;  // of the break before line i
        for (std::size_t i = 0; i < set.size(); ++i) {
            const int after = penalty_after(i);
            add_box(std::move(set[i]), block_x(env), st.leading, penalty);
            penalty = after;
        }
    };
    const std::size_t first = list_.items.size();
    add_lines(lines);
    if (!shorter.empty()) {
        // How much the shorter setting squeezes its tightest line ranks it among others.
        double cost = 0;
        for (const auto& line : shorter) cost = std::max(cost, -line.ratio);
        std::size_t first_box = first;
        while (list_.items[first_box].kind != VKind::box) ++first_box;
        const auto alternative = writer_.begin_alternative(first_box);
        add_lines(shorter);
        writer_.end_alternative(alternative, cost);
    }
    if (full_end) {
        full_end_item_ = static_cast<std::int64_t>(list_.items.size() - 1);
        writer_.penalty(n == 1 ? kFullEndPenalty : 0);
    }
}

bool Composer::may_tighten() const {
    const int part = static_cast<int>(parts_.size()) - 1;
    return part < 0 || pass_.tightened_parts.contains(part);
}

void Composer::discourage_break_after(std::size_t box) {
    if (composing_ && box < composing_->start.at.items) composing_->reaches_back = true;
    // paragraph() left a penalty item after every full-ending paragraph (items are
    // never inserted: later code holds indices into the list).
    for (std::size_t i = box + 1; i < list_.items.size(); ++i) {
        VItem& it = list_.items[i];
        if (it.kind == VKind::box) break;
        if (it.kind == VKind::penalty) {
            it.penalty = std::max(it.penalty, kFullEndPenalty);
            return;
        }
    }
    if (box + 1 >= list_.items.size()) writer_.penalty(kFullEndPenalty);
}

void Composer::open_part(const std::string& title, int chapter, const std::string& anchor, const std::string& lang) {
    const auto& rules = ctx_.style.chapters;
    const auto& ts = ctx_.style.chapter_title;
    const auto opening = static_cast<int>(parts_.size());
    parts_.push_back(title);
    pass_.part_starts.push_back(static_cast<std::uint32_t>(list_.items.size()));
    // The contents is front matter: what follows it starts a page even when
    // chapters run on.
    const bool new_page = rules.new_page() || after_front_matter_;
    // A chapter that may run on below a predecessor that ends high on its page.
    // In a two-sided book the contents keeps its page (it faces or backs the
    // title); in a one-sided one a short contents is no reason for a page of
    // its own, and the first chapter may run on below it like any other.
    const bool may_run_on = rules.new_page() && rules.run_on_fill > 0 && chapter >= 0 &&
                            (!after_front_matter_ || !ctx_.style.page.two_sided);
    after_front_matter_ = false;
    if (new_page) {
        const bool recto = rules.opening == style::ChapterOpening::recto;
        const std::size_t page_break = list_.items.size();
        writer_.page_break(recto, recto ? rules.recto_min_pages : 0);
        // A strut, not glue: space at the top of a page would be discarded.
        BoxContent strut;
        strut.anchors.push_back(anchor);
        strut.outline.push_back({title, 1});
        strut.chapter_opening = opening;
        const auto index = static_cast<std::uint32_t>(contents_.size());
        contents_.push_back(strut);
        writer_.box(VItem::make_box(rules.sink, 0, index), 0);
        if (may_run_on) {
            // Running on, the title is spaced from the text above as a run-on chapter's is.
            const auto run_on_index = static_cast<std::uint32_t>(contents_.size());
            contents_.push_back(std::move(strut));
            writer_.run_on_alternative(page_break, std::max(ts.space_before, ctx_.style.headings[0].space_before),
                                       VItem::make_box(0, 0, run_on_index));
        }
        writer_.keep_with_next();
    } else {
        // The chapter before closes with its floats placed (a page break does it too).
        writer_.flush_floats();
        writer_.gap(std::max(ts.space_before, ctx_.style.headings[0].space_before));
    }
    BlockEnv env = column_env(chapter, lang, ts);
    env.links = LinkMode::plain;
    env.role = pages::Role::chapter_title;
    InlineCollector c = collector(env, ts);
    c.add_text(title);
    const std::size_t from = list_.items.size();
    {
        pass_.last_heading_level = 0;
        pages::StructElement h = heading_element(1);
        h.lang = lang;
        Element title_element(*this, std::move(h));
        paragraph(c.take(), env, ts, 0, true);
    }
    if (!new_page) {
        if (auto first = first_box_content(from); first >= 0) {
            auto& content = contents_[static_cast<std::size_t>(first)];
            content.anchors.push_back(anchor);
            content.outline.push_back({title, 1});
            content.chapter_opening = opening;
        }
    }
    writer_.keep_with_next();
    writer_.gap(ts.space_after);
    indent_next_ = ctx_.style.indent_after_heading;
}

void Composer::closing_box(BoxContent content, Sp height) {
    const auto index = static_cast<std::uint32_t>(contents_.size());
    contents_.push_back(std::move(content));
    writer_.gap(ctx_.style.body.leading);
    writer_.box(VItem::make_box(height, 0, index), 0, kForbidBreak);
}

void Composer::compose_chapter(const model::Chapter& ch, int index) {
    Element section(*this, element(pages::StructRole::sect, ch.lang));
    const std::size_t from = contents_.size();
    open_part(ch.title, index, ch.id, ch.lang);
    chapter_ = index;
    path_.clear();
    fill_starts(from, here());  // the title: the chapter's start
    BlockEnv env = column_env(index, ch.lang, ctx_.style.body);
    blocks(ch.blocks, env);
    chapter_ = -1;
}

page_map::Position Composer::here(int part) const {
    page_map::Position at;
    at.place = page_map::Place::text;
    at.chapter = chapter_;
    at.path = path_;
    at.part = part;
    return at;
}

void Composer::trace(InlineCollector& c, int part) const {
    if (chapter_ >= 0) c.trace(here(part));
}

void Composer::fill_starts(std::size_t from, const page_map::Position& at) {
    for (std::size_t i = from; i < contents_.size(); ++i)
        if (!contents_[i].start) contents_[i].start = at;
}

void Composer::blocks(const model::Blocks& blocks, const BlockEnv& env) {
    for (std::size_t i = 0; i < blocks.size(); ++i) block_at(blocks, i, env);
}

void Composer::block_at(const model::Blocks& blocks, std::size_t i, const BlockEnv& env) {
    path_.push_back(static_cast<int>(i));
    block(blocks[i], env);
    path_.pop_back();
}

// A block's boxes that carry no text of their own (a picture, a rule, a table
// row, a strut) begin at the block's start.
void Composer::block(const model::Block& b, const BlockEnv& env) {
    const std::size_t from = contents_.size();
    block_of_kind(b, env);
    if (chapter_ >= 0) fill_starts(from, here());
}

void Composer::block_of_kind(const model::Block& b, const BlockEnv& outer) {
    BlockEnv env = outer;
    if (!b.lang.empty()) env.lang = b.lang;
    if (const auto* p = as<model::Paragraph>(b)) return paragraph_block(*p, b, env);
    if (const auto* h = as<model::Heading>(b)) return heading(*h, env);
    if (const auto* l = as<model::List>(b)) return list(*l, env);
    if (const auto* q = as<model::BlockQuote>(b)) return quote(*q, b.pos, env);
    if (const auto* c = as<model::CodeBlock>(b)) return code(*c, env);
    if (const auto* t = as<model::Table>(b)) return table(*t, b.pos, env);
    if (const auto* f = as<model::Figure>(b)) return figure(f->image, f->caption, b, env);
    if (as<model::ThematicBreak>(b)) return rule(env);
    if (const auto* d = as<model::Details>(b)) return details(*d, env);
}

// A paragraph of running text; `lead` runs into it in bold (a details summary).
void Composer::paragraph_block(const model::Paragraph& p, const model::Block& b, const BlockEnv& outer,
                               const model::Inlines* lead, const page_map::Position* lead_at) {
    BlockEnv env = outer;
    if (!b.lang.empty()) env.lang = b.lang;
    const style::TextStyle& text = *env.text;
    // A paragraph holding only pictures is a row of figures.
    bool only_images = !p.content.empty() && !lead;
    for (const auto& in : p.content) {
        if (std::holds_alternative<model::Image>(in.node)) continue;
        if (const auto* t = std::get_if<model::Text>(&in.node)) {
            if (t->text.find_first_not_of(" \t\n") == std::string::npos) continue;
        }
        if (std::holds_alternative<model::SoftBreak>(in.node) || std::holds_alternative<model::LineBreak>(in.node))
            continue;
        only_images = false;
        break;
    }
    if (only_images && env.links == LinkMode::notes) {
        for (const auto& in : p.content)
            if (const auto* im = std::get_if<model::Image>(&in.node)) {
                model::Inlines caption;
                if (!im->image.title.empty()) caption.push_back({model::Text{im->image.title}, in.pos});
                figure(im->image, caption, b, env);
            }
        return;
    }
    InlineCollector c = collector(env, text);
    if (lead) {
        if (lead_at) c.trace(*lead_at);
        c.add(*lead, true);
        if (!p.content.empty()) c.add_text(" ");
    }
    trace(c);
    c.add(p.content);
    StyledParagraph sp = c.take();
    if (sp.empty()) return;
    const Sp spacing = env.tight ? 0 : ctx_.style.paragraph_spacing;
    writer_.gap(std::max(text.space_before, spacing));
    const Sp indent = indent_next_ && !env.tight ? text.first_indent : 0;
    {
        std::optional<Element> paragraph_element;
        if (!env.list_body_text) paragraph_element.emplace(*this, element(pages::StructRole::paragraph, env.lang));
        paragraph(sp, env, text, indent);
    }
    if (!lead && model::introduces_next(p)) writer_.keep_with_next();
    writer_.gap(std::max(text.space_after, spacing));
    indent_next_ = true;
}

void Composer::heading(const model::Heading& h, const BlockEnv& outer) {
    const int level = std::clamp(h.level, 1, 6);
    const style::TextStyle& st = ctx_.style.headings[static_cast<std::size_t>(level - 1)];
    BlockEnv env = outer;
    env.role = pages::Role::heading;
    InlineCollector c = collector(env, st);
    trace(c);
    c.add(h.content);
    StyledParagraph sp = c.take();
    writer_.gap(st.space_before);
    const std::size_t from = list_.items.size();
    {
        pages::StructElement e = heading_element(level);
        e.lang = env.lang;
        Element heading_scope(*this, std::move(e));
        paragraph(sp, env, st, 0, true);
    }
    if (env.links == LinkMode::notes && env.chapter >= 0) {
        if (auto first = first_box_content(from); first >= 0) {
            auto& content = contents_[static_cast<std::size_t>(first)];
            const auto& chapter = ctx_.doc.chapters[static_cast<std::size_t>(env.chapter)];
            if (!h.id.empty()) content.anchors.push_back(chapter.id + "#" + h.id);
            content.outline.push_back({model::plain_text(h.content), std::max(level, 2)});
        }
    }
    writer_.keep_with_next();
    writer_.gap(st.space_after);
    indent_next_ = ctx_.style.indent_after_heading;
}

void Composer::list(const model::List& l, const BlockEnv& outer) {
    const style::TextStyle& text = *outer.text;
    // Lists nested past the minimum measure keep the indent of the list around them.
    const Sp indent = outer.width - ctx_.style.list_indent < min_measure() ? 0 : ctx_.style.list_indent;
    BlockEnv env = outer;
    env.left += indent;
    env.width -= indent;
    env.list_depth += 1;
    env.tight = l.tight;
    const Sp item_gap = l.tight ? 0 : std::max(ctx_.style.paragraph_spacing, text.leading / 3);
    writer_.gap(std::max(text.space_before, scale_sp(text.leading, 1, 3)));
    // Each bullet with the /ListNumbering that names it; the en dash has no name.
    struct Bullet {
        const char* text;
        pages::ListNumbering numbering;
    };
    static const Bullet kBullets[] = {{"\u2022", pages::ListNumbering::disc},
                                      {"\u2013", pages::ListNumbering::none},
                                      {"\u25E6", pages::ListNumbering::circle}};
    const Bullet& bullet = kBullets[static_cast<std::size_t>(outer.list_depth) % 3];
    pages::StructElement list_info = element(pages::StructRole::list, env.lang);
    list_info.numbering = l.ordered ? pages::ListNumbering::decimal : bullet.numbering;
    int number = l.start;
    Element list_element(*this, std::move(list_info));
    for (const auto& item : l.items) {
        Element item_element(*this, element(pages::StructRole::list_item, env.lang));
        std::string label;
        if (item.task) label = *item.task ? "\u2611" : "\u2610";
        else if (l.ordered) label = std::to_string(number) + ".";
        else label = bullet.text;
        ++number;
        // A bullet the list names is decoration (the L says which; a screen reader
        // announces the list and its items, as for HTML's <ul>): no Lbl, saving an
        // element and a marked-content sequence per item. Numbers, task boxes and
        // unnamed bullets are read.
        const bool decoration = !item.task && !l.ordered && bullet.numbering != pages::ListNumbering::none;
        const pages::ElementId label_element =
            decoration ? kDecoration : add_element(element(pages::StructRole::label, env.lang));
        writer_.gap(item_gap);

        const std::size_t from = list_.items.size();
        indent_next_ = false;
        Element body_element(*this, element(pages::StructRole::list_body, env.lang));
        BlockEnv body_env = env;
        body_env.list_body_text = item.blocks.size() == 1 && item.blocks.front().lang.empty() &&
                                  std::holds_alternative<model::Paragraph>(item.blocks.front().node);
        path_.push_back(static_cast<int>(&item - l.items.data()));
        blocks(item.blocks, body_env);
        path_.pop_back();
        // The marker is drawn on the item's first box: a figure that opens the item
        // keeps its place (it may still shrink).
        for (std::size_t i = from; i < list_.items.size(); ++i) {
            if (list_.items[i].kind != VKind::box) continue;
            if (const auto unit = list_.items[i].float_unit; unit >= 0)
                list_.floats[static_cast<std::size_t>(unit)].may_float = false;
            break;
        }
        std::int64_t first = first_box_content(from);
        if (first < 0) {
            // An empty item still shows its marker.
            SetLine empty;
            empty.content.role = env.role;
            empty.height = LayoutContext::line_height(text.size);
            empty.depth = LayoutContext::line_depth(text.size);
            first = add_box(std::move(empty), block_x(env), text.leading, VListWriter::kNoPenalty);
        }
        BlockEnv label_env = outer;
        label_env.links = LinkMode::plain;
        InlineCollector c = collector(label_env, text);
        c.add_text(label);
        SetLine marker = set_line(ctx_, c.take(), env.role);
        mark_label(marker.content.items, label_element);
        const Sp gap = scale_sp(text.size, 40, 100);
        // The marker stands before the item's start edge: at its left, or at its
        // right in a right-to-left book.
        const Sp marker_x = ctx_.rtl ? block_x(env) + env.width + gap : env.left - gap - marker.natural_width;
        prepend_shifted(contents_[static_cast<std::size_t>(first)], marker.content, marker_x, 0);
        writer_.gap(item_gap);
    }
    writer_.gap(std::max(text.space_after, scale_sp(text.leading, 1, 3)));
    indent_next_ = ctx_.style.indent_after_heading;
}

void Composer::warn(const SourcePos& pos, KindName kind, const std::string& message) const {
    if (ctx_.diags) ctx_.diags->warning(pos, kind, message);
}

void Composer::quote(const model::BlockQuote& q, const SourcePos& pos, const BlockEnv& outer) {
    // A quote nested so deep that its indents would leave less than the minimum
    // measure is set at the indent of the quote around it: its text stays
    // readable (at 15 levels it used to vanish from the page).
    Sp inset = ctx_.style.quote_indent;
    if (outer.width - 2 * inset < min_measure()) {
        inset = 0;
        warn(pos, "quote-depth", "quote nested too deep for the page: set at the indent of the quote around it");
    }
    BlockEnv env = outer;
    env.left += inset;
    env.width -= 2 * inset;
    env.text = &ctx_.style.quote;
    env.tight = false;
    env.role = pages::Role::quote;
    writer_.gap(ctx_.style.quote.space_before);
    indent_next_ = false;
    Element quote_element(*this, element(pages::StructRole::block_quote, env.lang));
    blocks(q.blocks, env);
    if (!q.attribution.empty()) {
        const style::TextStyle& st = ctx_.style.attribution;
        BlockEnv by = env;
        by.role = pages::Role::attribution;
        InlineCollector c = collector(by, st);
        c.add_text("\u2014\u00A0");
        trace(c, page_map::part::caption);
        c.add(q.attribution);
        writer_.keep_with_next();
        writer_.gap(st.space_before);
        {
            Element attribution(*this, element(pages::StructRole::paragraph, env.lang));
            paragraph(c.take(), by, st, 0, true);
        }
        writer_.gap(st.space_after);
    }
    writer_.gap(ctx_.style.quote.space_after);
    indent_next_ = ctx_.style.indent_after_heading;
}

void Composer::code(const model::CodeBlock& cb, const BlockEnv& outer) {
    const style::TextStyle& st = ctx_.style.code;
    const Sp pad = scale_sp(st.size, 40, 100);
    const Sp inset = scale_sp(st.size, 50, 100);
    BlockEnv env = outer;
    env.links = LinkMode::plain;
    env.role = pages::Role::code;

    // Each source line is a paragraph of its own; wrapped pieces continue it.
    std::vector<SetLine> lines;
    std::size_t start = 0;
    const std::string& text = cb.text;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string src = text.substr(start, end - start);
        if (!src.empty() && src.back() == '\r') src.pop_back();
        // Tabs to four columns; leading spaces and runs of spaces as no-break
        // spaces so that the line breaker keeps the indentation as written.
        std::string shown;
        std::size_t column = 0;
        bool leading = true;
        bool prev_space = false;
        for (char ch : src) {
            if (ch == '\t') {
                const std::size_t n = 4 - column % 4;
                for (std::size_t k = 0; k < n; ++k) shown += "\u00A0";
                column += n;
                prev_space = true;
                continue;
            }
            if (ch == ' ') {
                shown += (leading || prev_space) ? "\u00A0" : " ";
                prev_space = true;
            } else {
                shown += ch;
                leading = false;
                prev_space = false;
            }
            if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++column;
        }
        // A page that begins in the code begins at the start of its source line.
        page_map::Position line_at = here();
        line_at.offset = start;
        const std::size_t first_line = lines.size();
        InlineCollector c = collector(env, st);
        c.add_verbatim(shown);
        StyledParagraph p = c.take();
        if (p.empty()) {
            SetLine blank;
            blank.content.role = env.role;
            blank.height = LayoutContext::line_height(st.size);
            blank.depth = LayoutContext::line_depth(st.size);
            lines.push_back(std::move(blank));
        } else {
            ParagraphFormat format;
            format.width = env.width - 2 * inset;
            format.align = style::Align::left;
            format.hyphenate = false;
            format.role = env.role;
            for (auto& l : set_paragraph(ctx_, p, format)) lines.push_back(std::move(l));
        }
        if (chapter_ >= 0)
            for (std::size_t k = first_line; k < lines.size(); ++k) lines[k].content.start = line_at;
        if (end >= text.size()) break;
        start = end + 1;
    }
    // Trailing blank lines show nothing.
    while (lines.size() > 1 && lines.back().content.items.empty()) lines.pop_back();

    writer_.gap(st.space_before + pad);
    Element code_element(*this, element(pages::StructRole::code, env.lang));
    const Sp d = LayoutContext::line_depth(st.size);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        // The grey ground of each line meets the next one's, so the block reads
        // as one panel across its lines and pages.
        pages::RectItem ground;
        const Sp top = (i == 0 ? pad : 0) + std::max(st.leading - d, lines[i].height);
        const Sp bottom = std::max(d, lines[i].depth) + (i + 1 == lines.size() ? pad : 0);
        ground.rect = {0, -top, env.width, top + bottom};
        ground.fill = kCodeBackground;
        SetLine line = std::move(lines[i]);
        BoxContent content;
        content.role = pages::Role::code;
        content.items.emplace_back(ground);
        append_shifted(content, std::move(line.content), inset, 0);
        line.content = std::move(content);
        const int penalty = i == 0 ? VListWriter::kNoPenalty
                                   : interline_penalty(i - 1, lines.size(), ctx_.style.widows, ctx_.style.orphans);
        add_box(std::move(line), env.left, st.leading, penalty);
    }
    writer_.gap(st.space_after + pad);
    indent_next_ = ctx_.style.indent_after_heading;
}

// A picture that cannot be shown: its description in its place, then its caption
// (the EPUB writes the same). Its web address is cited as the cite stage decided
// (a picture no format shows); a picture only the PDF cannot draw keeps a live
// link to its address.
void Composer::missing_image(const model::ImageRef& image, const model::Inlines& caption, const BlockEnv& outer,
                             bool traced_caption) {
    const style::TextStyle& st = ctx_.style.caption;
    BlockEnv env = outer;
    env.role = pages::Role::caption;
    // Its description, else the book's word for a picture, never a file name: the
    // cite stage's rule, so the EPUB and the Sources list say the same.
    const std::string shown = "[" + cite::picture_description(image, ctx_.words) + "]";
    InlineCollector c = collector(env, st);
    if (!c.add_picture(image, shown) && !image.url.empty()) c.add_link_text(shown, {image.url, ""}, false);
    else if (image.url.empty()) c.add_text(shown);
    writer_.gap(st.space_before);
    Element description(*this, element(pages::StructRole::paragraph, env.lang));
    paragraph(c.take(), env, st, 0);
    if (!caption.empty() && !cite::caption_repeats_description(image, caption, ctx_.words)) {
        InlineCollector under = collector(env, st);
        if (traced_caption) trace(under, page_map::part::caption);
        under.add(caption);
        paragraph(under.take(), env, st, 0);
    }
    writer_.gap(st.space_after);
}

void Composer::figure(const model::ImageRef& img, const model::Inlines& caption_inlines, const model::Block& b,
                      const BlockEnv& env) {
    // A Figure block's caption is model text; a picture inside a paragraph gets
    // its title as a caption, which the model has as no text.
    const bool traced_caption = std::holds_alternative<model::Figure>(b.node);
    if (img.file.empty()) return missing_image(img, caption_inlines, env, traced_caption);
    const ImageEntry& entry = ctx_.image(img.file);
    if (!entry.ok) {
        if (ctx_.diags)
            ctx_.diags->warning(b.pos, "image-unsupported",
                                img.file.string() + ": " + entry.error + "; its description is printed instead");
        return missing_image(img, caption_inlines, env, traced_caption);
    }
    const style::TextStyle& cs = ctx_.style.caption;

    // Caption first: its height limits the picture's.
    std::vector<SetLine> caption;
    if (!caption_inlines.empty()) {
        InlineCollector c = collector(env, cs);
        if (traced_caption) trace(c, page_map::part::caption);
        c.add(caption_inlines);
        ParagraphFormat format;
        format.width = env.width;
        format.align = cs.align;
        format.hyphenate = cs.hyphenate;
        format.role = pages::Role::caption;
        caption = set_paragraph(ctx_, c.take(), format);
    }
    const Sp caption_height = caption.empty() ? 0 : cs.space_before + static_cast<Sp>(caption.size()) * cs.leading;

    // Natural size: pixels at the file's resolution (96 dpi when it says none),
    // or the page's width hint in CSS pixels; never enlarged beyond it.
    const auto& size = entry.size;
    const double dpi_x = size.dpi_x > 0 ? size.dpi_x : 96.0;
    const double dpi_y = size.dpi_y > 0 ? size.dpi_y : dpi_x;
    Sp w = sp_from_pt(size.width * 72.0 / dpi_x);
    Sp h = sp_from_pt(size.height * 72.0 / dpi_y);
    if (img.width_hint > 0 && size.width > 0) {
        const Sp hinted = sp_from_pt(img.width_hint * 0.75);
        if (hinted < w) {
            h = scale_sp(h, hinted, w);
            w = hinted;
        }
    }
    if (w <= 0 || h <= 0) return missing_image(img, caption_inlines, env, traced_caption);
    const Sp max_h = std::max<Sp>(ctx_.geo.body_height - caption_height - 2 * ctx_.style.body.leading,
                                  ctx_.geo.body_height / 4);
    if (w > env.width) {
        h = scale_sp(h, env.width, w);
        w = env.width;
    }
    if (h > max_h) {
        w = scale_sp(w, max_h, h);
        h = max_h;
    }

    // A picture is read through its alt text, else through its caption; with
    // neither it is decoration (an artifact), and the page is told.
    std::optional<Element> figure_element;
    pages::StructElement described = element(pages::StructRole::figure, env.lang);
    described.alt = !img.alt.empty() ? img.alt : model::plain_text(caption_inlines);
    if (!described.alt.empty()) figure_element.emplace(*this, std::move(described));
    else warn(b.pos, "image-no-alt",
              img.src + ": picture without alt text or caption; it is decoration to a screen reader");
    pages::ImageItem item;
    item.rect = {env.left + (env.width - w) / 2, -h, w, h};
    item.raster = entry.raster;
    item.alt = img.alt;
    item.element = figure_element ? figure_element->id() : pages::kArtifact;
    BoxContent content;
    content.role = pages::Role::figure;
    content.items.emplace_back(std::move(item));
    const auto index = static_cast<std::uint32_t>(contents_.size());
    VItem v = box_for(content, h, 0, index);
    contents_.push_back(std::move(content));
    writer_.gap(std::max(ctx_.style.body.leading / 2, cs.space_before));
    writer_.box(std::move(v), 0);
    const std::size_t picture = list_.items.size() - 1;
    if (!caption.empty()) {
        writer_.keep_with_next();
        writer_.gap(cs.space_before);
        Element caption_element(*this, element(pages::StructRole::caption, env.lang));
        for (std::size_t i = 0; i < caption.size(); ++i)
            add_box(std::move(caption[i]), env.left, cs.leading, kForbidBreak);
    }
    // Picture and caption are one unit for the page builder: where it does not fit,
    // the picture shrinks to images.min_shrink of this size, or the unit floats to
    // the top of the next page. The text under a floated unit keeps the gap below
    // it plus the space between two body lines.
    const Sp space_after = std::max(ctx_.style.body.leading / 2, cs.space_after);
    const Sp body_line =
        LayoutContext::line_height(ctx_.style.body.size) + LayoutContext::line_depth(ctx_.style.body.size);
    const auto min_height = static_cast<Sp>(static_cast<double>(h) * ctx_.style.images.min_shrink);
    writer_.float_unit(picture, min_height, space_after + std::max<Sp>(ctx_.style.body.leading - body_line, 0));
    writer_.gap(space_after);
    indent_next_ = ctx_.style.indent_after_heading;
}

void Composer::rule(const BlockEnv& env) {
    const Sp leading = ctx_.style.body.leading;
    const Sp w = std::min<Sp>(env.width / 4, sp_from_mm(30));
    pages::RuleItem r;
    r.x0 = env.left + (env.width - w) / 2;
    r.x1 = r.x0 + w;
    r.y0 = r.y1 = -scale_sp(ctx_.style.body.size, 30, 100);
    r.thickness = sp_from_pt(0.5);
    r.color = ctx_.style.rule_color;
    BoxContent content;
    content.role = pages::Role::rule;
    content.items.emplace_back(r);
    const auto index = static_cast<std::uint32_t>(contents_.size());
    contents_.push_back(std::move(content));
    writer_.gap(leading / 2);
    writer_.box(VItem::make_box(LayoutContext::line_height(ctx_.style.body.size),
                                LayoutContext::line_depth(ctx_.style.body.size), index),
                leading);
    writer_.gap(leading / 2);
    indent_next_ = ctx_.style.indent_after_heading;
}

void Composer::details(const model::Details& d, const BlockEnv& env) {
    if (d.summary.empty()) return blocks(d.blocks, env);
    // The summary runs into the first paragraph as a bold lead-in, or stands as a
    // paragraph of its own.
    const page_map::Position summary_at = here(page_map::part::caption);
    std::size_t rest = 0;
    if (!d.blocks.empty()) {
        if (const auto* p = as<model::Paragraph>(d.blocks.front())) {
            path_.push_back(0);
            const std::size_t from = contents_.size();
            paragraph_block(*p, d.blocks.front(), env, &d.summary, chapter_ >= 0 ? &summary_at : nullptr);
            if (chapter_ >= 0) fill_starts(from, here());
            path_.pop_back();
            rest = 1;
        }
    }
    if (rest == 0) {
        const model::Paragraph none;
        model::Block where;
        paragraph_block(none, where, env, &d.summary, chapter_ >= 0 ? &summary_at : nullptr);
    }
    for (std::size_t i = rest; i < d.blocks.size(); ++i) block_at(d.blocks, i, env);
}

}  // namespace booklet::layout
