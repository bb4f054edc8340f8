#include "furniture.hpp"

#include "booklet/dates.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>

namespace booklet::layout {

namespace {

void replace_all(std::string& s, const std::string& what, const std::string& with) {
    std::size_t pos = 0;
    while ((pos = s.find(what, pos)) != std::string::npos) {
        s.replace(pos, what.size(), with);
        pos += with.size();
    }
}

// Drops words from the end (adding an ellipsis) until the line fits `width`.
SetLine fitted_line(LayoutContext& ctx, const style::TextStyle& st, std::string text, Sp width) {
    for (;;) {
        InlineCollector c(ctx, nullptr, st, "", -1, LinkMode::plain);
        c.add_text(text);
        SetLine line = set_line(ctx, c.take(), pages::Role::running);
        if (line.natural_width <= width) return line;
        std::string cut = text;
        if (cut.size() >= 3 && cut.compare(cut.size() - 3, 3, "\u2026") == 0) cut.resize(cut.size() - 3);
        const auto space = cut.find_last_of(' ');
        if (space == std::string::npos || space == 0) return line;
        text = cut.substr(0, space) + "\u2026";
    }
}

}  // namespace

std::string expand_template(const std::string& text, const std::string& title, const std::string& chapter,
                            const std::string& page, const std::string& date) {
    std::string s = text;
    replace_all(s, "{title}", title);
    replace_all(s, "{chapter}", chapter);
    replace_all(s, "{page}", page);
    replace_all(s, "{date}", date);
    return s;
}

const std::string& book_title(const model::Document& doc) {
    return doc.meta.title.empty() && !doc.chapters.empty() ? doc.chapters.front().title : doc.meta.title;
}

int toc_depth(const style::Style& style, std::size_t chapters) {
    if (style.toc_depth > 0) return style.toc_depth;
    return chapters > static_cast<std::size_t>(style::kTocLongBook) ? 1 : 2;
}

std::vector<TocEntry> toc_entries(const LayoutContext& ctx) {
    std::vector<TocEntry> out;
    const int depth = toc_depth(ctx.style, ctx.doc.chapters.size());
    for (const auto& ch : ctx.doc.chapters) {
        out.push_back({ch.title, ch.id, 1});
        if (depth < 2) continue;
        for (const auto& b : ch.blocks) {
            const auto* h = std::get_if<model::Heading>(&b.node);
            if (!h || h->id.empty()) continue;
            const int level = std::max(h->level, 2);
            if (level > depth) continue;
            out.push_back({model::plain_text(h->content), ch.id + "#" + h->id, level});
        }
    }
    // Back matter: listed when the part is made (a booklet with no cited URL has none).
    if (ctx.style.links.sources_list) out.push_back({ctx.words.sources, kSourcesAnchor, 1});
    return out;
}

namespace {

// A row of dots from `from` to `to` (x from the column's left edge), set solid
// (each dot at the next one's origin, as word processors set leaders) on positions
// that are multiples of the dot's advance from that edge, so that the rows of all
// entries line up (TeX's aligned \leaders). Drawn as one run of the dot glyph: set
// solid, a row reads as one mark rather than a field of gaps for the eye to cross.
void add_leaders(LayoutContext& ctx, BoxContent& content, const style::TextStyle& st, Sp from, Sp to, Sp shift) {
    InlineCollector c(ctx, nullptr, st, "", -1, LinkMode::plain);
    c.add_text(".");
    const SetLine dot = set_line(ctx, c.take(), pages::Role::contents);
    const pages::TextItem* glyph = nullptr;
    for (const auto& item : dot.content.items)
        if ((glyph = std::get_if<pages::TextItem>(&item))) break;
    if (!glyph || glyph->run.glyphs.size() != 1) return;
    const Sp pitch = dot.natural_width;
    if (pitch <= 0) return;
    const Sp first = (from + pitch - 1) / pitch * pitch;
    pages::TextItem leaders = *glyph;
    std::vector<Glyph> dots;
    leaders.run.text.clear();
    for (Sp x = first; x + dot.natural_width <= to; x += pitch) {
        Glyph g = glyph->run.glyphs.front();
        g.advance = glyph_length(pitch);
        g.cluster = static_cast<std::uint32_t>(leaders.run.text.size());
        dots.push_back(g);
        leaders.run.text += ".";
    }
    if (dots.empty()) return;
    dots.back().advance = glyph_length(dot.natural_width);
    leaders.run.glyphs = std::move(dots);
    leaders.x = first - shift;
    content.items.emplace_back(std::move(leaders));
}

// The left edge of what a line shows: its leftmost run's origin (0 for none).
Sp left_edge(const BoxContent& content) {
    std::optional<Sp> left;
    for (const auto& item : content.items)
        if (const auto* text = std::get_if<pages::TextItem>(&item)) left = std::min(left.value_or(text->x), text->x);
    return left.value_or(0);
}

}  // namespace

void Composer::contents_part(const std::vector<TocEntry>& entries) {
    if (entries.empty()) return;
    const std::string& lang = ctx_.doc.meta.language;
    ctx_.consulted_anchor_pages = true;
    // Every page of the contents begins at the contents: the EPUB's is a list of
    // its own making, with no place for a marker between its entries.
    struct FillContents {
        Composer& c;
        std::size_t from;
        ~FillContents() { c.fill_starts(from, page_map::start_of(page_map::Place::contents)); }
    } fill{*this, contents_.size()};
    Element section(*this, element(pages::StructRole::sect, lang));
    open_part(ctx_.words.contents, -1, "booklet:contents", lang);
    Element toc(*this, element(pages::StructRole::toc, lang));
    const style::TextStyle& st = ctx_.style.toc_entry;
    BlockEnv env = column_env(-1, lang, st);
    env.links = LinkMode::plain;
    const bool nested = std::any_of(entries.begin(), entries.end(), [](const TocEntry& e) { return e.level > 1; });
    const auto numbers = ctx_.style.toc_numbers;
    const bool aligned = numbers != style::TocNumbers::after;
    const bool rtl = ctx_.rtl;
    // Aligned numbers stand in a column of their own at the right edge: titles
    // never run into it. Run-in numbers (Bringhurst's advice: no field of leaders
    // for the eye to cross) still leave that room, so no line reaches the edge.
    const Sp number_room = shape::measure(ctx_.fonts, "000", ctx_.text_style(st, true, false)) + 2 * st.size;
    // The Sources entry and others whose part was not made are left out once a pass
    // has found where the parts are.
    const bool known = !ctx_.refs.anchor_pages.empty();
    std::vector<const TocEntry*> shown;
    for (const auto& e : entries)
        if (!known || ctx_.refs.anchor_pages.count(e.anchor)) shown.push_back(&e);
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const TocEntry& e = *shown[i];
        const bool bold = nested && e.level == 1;
        const Sp indent = (e.level - 1) * ctx_.style.list_indent;
        int page = -1;
        if (auto it = ctx_.refs.anchor_pages.find(e.anchor); it != ctx_.refs.anchor_pages.end()) page = it->second;
        const std::string number = page > 0 ? std::to_string(page) : std::string("00");
        InlineCollector c = collector(env, st);
        c.add_text(e.title, bold);
        if (!aligned) c.add_text("\u00A0\u00A0" + number, bold);
        // Turned lines of a long entry hang one em in under their own text, so each
        // entry reads as one and none runs under the numbers.
        const Sp hang = st.size;
        // Right to left, the room for the numbers is at the left and the titles
        // start at the right, where a first line with its hang ends.
        const Sp dx = rtl ? block_x(env) + number_room : env.left + indent + hang;
        ParagraphFormat format;
        format.width = env.width - indent - hang - number_room;
        format.first_indent = -hang;
        format.align = style::Align::left;
        format.rtl = rtl;
        format.hyphenate = st.hyphenate;
        format.role = pages::Role::contents;
        std::vector<SetLine> lines = set_paragraph(ctx_, c.take(), format);
        if (lines.empty()) continue;
        if (aligned) {
            InlineCollector nc = collector(env, st);
            nc.add_text(number, bold);
            const SetLine num = set_line(ctx_, nc.take(), pages::Role::contents);
            SetLine& last = lines.back();
            // In the line's coordinates: at the column's end edge.
            const Sp number_x = rtl ? block_x(env) - dx : env.width - num.natural_width - dx;
            if (numbers == style::TocNumbers::leaders) {
                // A clear space after the title; the dots run up to the number.
                const Sp clear = scale_sp(st.size, 40, 100), close = scale_sp(st.size, 10, 100);
                if (rtl)
                    add_leaders(ctx_, last.content, st, dx + number_x + num.natural_width + close,
                                dx + left_edge(last.content) - clear, dx);
                else
                    add_leaders(ctx_, last.content, st, dx + last.natural_width + clear, dx + number_x - close, dx);
            }
            append_shifted(last.content, num.content, number_x, 0);
        }
        if (nested && e.level == 1 && i > 0) writer_.gap(scale_sp(st.leading, 1, 2));
        // An entry is a TOCI whose Link holds its text and link areas.
        Element toc_item(*this, element(pages::StructRole::toc_item, lang));
        const pages::ElementId entry_link = add_element(element(pages::StructRole::link, lang));
        for (std::size_t k = 0; k < lines.size(); ++k) {
            auto& line = lines[k];
            claim(line.content.items, entry_link);
            // Right to left, from the leftmost glyph (the number on the last line)
            // to the line's right end, one hang further on the first line.
            const Sp x = rtl ? left_edge(line.content) : k == 0 ? -hang : 0;
            const Sp right = rtl ? format.width + (k == 0 ? hang : 0)
                             : aligned && k + 1 == lines.size() ? env.width - dx
                                                                : line.natural_width;
            PendingLink link;
            link.rect = {x, -line.height, std::max<Sp>(right - x, sp_from_pt(1)), line.height + line.depth};
            link.anchor = e.anchor;
            link.element = entry_link;
            link.description = e.title;
            line.content.links.push_back(std::move(link));
        }
        // The contents read as one list: no single entry alone at a page head or foot.
        for (std::size_t k = 0; k < lines.size(); ++k) {
            const int penalty = k > 0 ? kForbidBreak
                                      : (i == 0 ? VListWriter::kNoPenalty
                                                : interline_penalty(i - 1, shown.size(), ctx_.style.widows,
                                                                    ctx_.style.orphans));
            add_box(std::move(lines[k]), dx, st.leading, penalty);
        }
    }
    indent_next_ = false;
    after_front_matter_ = true;
}

void Composer::sources_part() {
    const cite::Citations& cites = ctx_.cites;
    if (cites.sources.empty()) return;
    ctx_.consulted_link_pages = true;
    const std::string& lang = ctx_.doc.meta.language;
    Element section(*this, element(pages::StructRole::sect, lang));
    const auto sources_at = [](int source, int part) {
        page_map::Position at;
        at.place = page_map::Place::sources;
        at.source = source;
        at.part = part;
        return at;
    };
    std::size_t from = contents_.size();
    open_part(ctx_.words.sources, -1, kSourcesAnchor, lang);
    fill_starts(from, sources_at(-1, page_map::part::whole));
    const style::TextStyle& fs = ctx_.style.footnote;
    const style::TextStyle& hs = ctx_.style.headings[1];
    const Sp label_room = shape::measure(ctx_.fonts, "000", ctx_.text_style(fs, false, false)) +
                          scale_sp(fs.size, 50, 100);
    for (const cite::SourceGroup& group : cites.groups) {
        const auto& chapter = ctx_.doc.chapters[static_cast<std::size_t>(group.chapter)];
        BlockEnv env = column_env(group.chapter, chapter.lang, fs);
        env.links = LinkMode::plain;
        env.role = pages::Role::sources;
        {
            from = contents_.size();
            InlineCollector h = collector(env, hs);
            h.add_text(chapter.title);
            writer_.gap(hs.space_before);
            pages::StructElement heading = heading_element(2);
            heading.lang = env.lang;
            Element heading_scope(*this, std::move(heading));
            paragraph(h.take(), env, hs, 0, true);
            writer_.keep_with_next();
            writer_.gap(hs.space_after);
            fill_starts(from, sources_at(static_cast<int>(group.entries.front()), page_map::part::group_heading));
        }
        BlockEnv entry_env = env;
        entry_env.left = label_room;
        entry_env.width = env.width - label_room;
        for (const std::size_t k : group.entries) {
            // A page that begins inside an entry begins at the entry.
            from = contents_.size();
            sources_entry(cites.sources[k], env, entry_env);
            fill_starts(from, sources_at(static_cast<int>(k), page_map::part::whole));
        }
    }
}

// The pages that cite `cited`, "4, 7", in order and each once.
std::string Composer::cited_pages(const cite::CitedText& cited) const {
    std::vector<int> pages;
    for (const std::size_t link : cited.links)
        if (link < ctx_.refs.link_pages.size())
            for (const int p : ctx_.refs.link_pages[link]) pages.push_back(p);
    std::sort(pages.begin(), pages.end());
    pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
    std::string where;
    for (std::size_t p = 0; p < pages.size(); ++p) where += (p ? ", " : "") + std::to_string(pages[p]);
    return where;
}

// One entry: the address on a line of its own, then its title, the texts it was
// cited for with the pages that cite them, and the access date.
void Composer::sources_entry(const cite::Source& source, const BlockEnv& env, const BlockEnv& entry_env) {
    const style::TextStyle& fs = ctx_.style.footnote;
    const words::Words& words = ctx_.words;
    InlineCollector e = collector(entry_env, fs);
    e.add_link_text(source.printed, {source.url, ""}, true);
    e.hard_break();
    if (!source.title.empty()) {
        e.add_text(source.title, false, true);
        e.add_text(". ");
    }
    // An unquoted entry (its address was its own text) says only where it is cited.
    std::vector<std::string> items;
    for (const cite::CitedText& cited : source.cited) {
        const std::string where = cited_pages(cited);
        std::string item = where.empty() ? "" : words::fill(words.page_ref, "page", where);
        if (cited.quoted) {
            const std::string quote = words.quotes.open + words.quotes.inside + cited.text + words.quotes.inside + words.quotes.close;
            item = item.empty() ? quote : quote + "\u00A0(" + item + ")";
            if (items.empty()) item = words.cited_for + " " + item;
        }
        if (!item.empty()) items.push_back(std::move(item));
    }
    for (std::size_t i = 0; i < items.size(); ++i) e.add_text(items[i] + (i + 1 < items.size() ? "; " : "."));
    if (!ctx_.cites.accessed.empty())
        e.add_text((items.empty() ? "" : " ") + words.accessed + " " + ctx_.cites.accessed + ".");
    ParagraphFormat format;
    format.width = entry_env.width;
    format.align = style::Align::left;
    format.hyphenate = false;
    format.role = env.role;
    const StyledParagraph entry = e.take();
    format.rtl = ctx_.rtl;  // the list reads in the book's direction, whatever an entry holds
    std::vector<SetLine> lines = set_paragraph(ctx_, entry, format);
    if (lines.empty()) return;
    // An entry is a P; its number comes first in it, its address is a Link.
    Element entry_element(*this, element(pages::StructRole::paragraph, env.lang));
    tag_inline(entry, {&lines});
    InlineCollector lc = collector(env, fs);
    lc.add_text(std::to_string(source.number) + ".");
    const SetLine label = set_line(ctx_, lc.take(), env.role);
    const Sp gap = scale_sp(fs.size, 40, 100);
    // The number stands before the entry's start edge: at its right, right to left.
    prepend_shifted(lines.front().content, label.content, ctx_.rtl ? format.width + gap : -gap - label.natural_width, 0);
    writer_.gap(scale_sp(fs.leading, 1, 4));
    for (std::size_t i = 0; i < lines.size(); ++i)
        add_box(std::move(lines[i]), block_x(entry_env), fs.leading,
                i == 0 ? VListWriter::kNoPenalty
                       : interline_penalty(i - 1, lines.size(), ctx_.style.widows, ctx_.style.orphans));
}

namespace {

// Stacked paragraphs end in no space, so the last line of the one before reads
// as a word break (TextItem::space_after): in the structure tree a screen reader
// then says "Tester 15 January 2026", not "Tester15 January 2026".
void end_with_word_break(SetLine& line) {
    for (auto it = line.content.items.rbegin(); it != line.content.items.rend(); ++it)
        if (auto* text = std::get_if<pages::TextItem>(&*it)) {
            text->space_after = true;
            return;
        }
}

// The title page's lines (title, subtitle, authors, date), baselines from the
// block's top; the title read as `title`, the rest as `rest`.
StackedLines<SetLine> title_block(LayoutContext& ctx, pages::ElementId title, pages::ElementId rest) {
    const auto& meta = ctx.doc.meta;
    StackedLines<SetLine> block;
    Sp space_before = 0;
    pages::ElementId last_element = pages::kArtifact;
    auto put = [&](const std::string& text, const style::TextStyle& st, pages::ElementId element) {
        if (text.empty()) return;
        if (!block.lines.empty() && element == last_element) end_with_word_break(block.lines.back().content);
        last_element = element;
        InlineCollector c(ctx, nullptr, st, meta.language, -1, LinkMode::plain);
        c.add_text(text);
        ParagraphFormat format;
        format.width = ctx.geo.text_width();
        format.align = st.align;
        format.hyphenate = false;
        format.rtl = ctx.rtl;
        format.role = pages::Role::title_page;
        bool first = true;
        for (auto& line : set_paragraph(ctx, c.take(), format)) {
            const Sp baseline = first ? block.height + space_before + line.height : block.lines.back().baseline + st.leading;
            first = false;
            block.height = baseline + line.depth;
            claim(line.content.items, element);
            block.lines.push_back({std::move(line), baseline});
        }
        if (!first) space_before = st.space_after;
    };
    put(book_title(ctx.doc), ctx.style.title_page_title, title);
    put(meta.subtitle, ctx.style.title_page_subtitle, rest);
    std::string authors;
    for (std::size_t i = 0; i < meta.authors.size(); ++i) authors += (i ? ", " : "") + meta.authors[i];
    put(authors, ctx.style.title_page_meta, rest);
    // The manifest's date, or (where the style prints it) the build date, which is
    // that same date unless SOURCE_DATE_EPOCH says otherwise: one date, said once.
    if (!meta.date.empty() && !ctx.style.build_date) {
        const std::int64_t t = parse_iso_date(meta.date).value_or(-1);
        put(t >= 0 ? words::format_date(t, ctx.words) : meta.date, ctx.style.title_page_meta, rest);
    }
    if (ctx.style.build_date)
        put(ctx.words.built_on + " " + words::format_date(ctx.settings.build_time, ctx.words), ctx.style.title_page_meta,
            rest);
    return block;
}

}  // namespace

Sp title_block_height(LayoutContext& ctx) { return title_block(ctx, pages::kArtifact, pages::kArtifact).height; }

pages::Page title_page(LayoutContext& ctx, pages::ElementId title, pages::ElementId rest, Sp foot) {
    const auto& geo = ctx.geo;
    pages::Page page;
    page.width = geo.page_width;
    page.height = geo.page_height;
    page.label = "1";
    const Sp x0 = geo.text_x(1);
    StackedLines<SetLine> block = title_block(ctx, title, rest);
    // A fifth of the way down, or higher when what stands at the foot would
    // otherwise reach into the block; never above the text area.
    const Sp lowest_top = geo.top + geo.body_height - foot - block.height;
    const Sp top = std::max(geo.top, std::min(geo.top + geo.body_height / 5, lowest_top));
    for (auto& [line, baseline] : block.lines) {
        pages::append_translated(page.items, line.content.items, x0, top + baseline);
        ctx.show_line(page, line.content, x0, top + baseline, -1);
    }
    return page;
}

bool title_page_has_details(const LayoutContext& ctx) {
    const auto& meta = ctx.doc.meta;
    return !meta.subtitle.empty() || !meta.authors.empty() || !meta.date.empty() || ctx.style.build_date;
}

std::string license_url(std::string_view license) {
    // Words of the name: upper case, split at spaces, hyphens and underscores.
    std::vector<std::string> words(1);
    for (const char ch : license) {
        if (ch == ' ' || ch == '-' || ch == '_') {
            if (!words.back().empty()) words.emplace_back();
        } else {
            words.back() += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        }
    }
    if (words.back().empty()) words.pop_back();
    const auto is_version = [](const std::string& w) {
        return w == "1.0" || w == "2.0" || w == "2.5" || w == "3.0" || w == "4.0";
    };
    if (words.size() == 2 && words[0] == "CC0" && words[1] == "1.0")
        return "https://creativecommons.org/publicdomain/zero/1.0/";
    if (words.size() < 3 || words[0] != "CC" || words[1] != "BY" || !is_version(words.back())) return {};
    std::string kind = "by";
    for (std::size_t i = 2; i + 1 < words.size(); ++i) {
        if (words[i] != "SA" && words[i] != "ND" && words[i] != "NC") return {};
        kind += "-" + std::string(words[i] == "SA" ? "sa" : words[i] == "ND" ? "nd" : "nc");
    }
    if (kind != "by" && kind != "by-sa" && kind != "by-nd" && kind != "by-nc" && kind != "by-nc-sa" &&
        kind != "by-nc-nd")
        return {};
    return "https://creativecommons.org/licenses/" + kind + "/" + words.back() + "/";
}

namespace {

// Paragraphs set in one text style and stacked: each with its space above.
using Stack = StackedLines<SetLine>;

void stack_paragraph(LayoutContext& ctx, Stack& stack, StyledParagraph paragraph, const style::TextStyle& st,
                     Sp width, Sp space_before) {
    if (paragraph.empty()) return;
    if (!stack.lines.empty()) end_with_word_break(stack.lines.back().content);
    ParagraphFormat format;
    format.width = width;
    format.align = st.align;
    format.hyphenate = false;
    format.rtl = ctx.rtl;  // start-aligned: at the right in a right-to-left book
    format.role = pages::Role::imprint;
    for (auto& line : set_paragraph(ctx, paragraph, format)) {
        const Sp baseline = stack.lines.empty() ? line.height : stack.lines.back().baseline + st.leading + space_before;
        space_before = 0;
        stack.height = baseline + line.depth;
        stack.lines.push_back({std::move(line), baseline});
    }
}

void draw_stack(const LayoutContext& ctx, pages::Page& page, Stack& stack, Sp x0, Sp width, Sp bottom,
                style::Align align) {
    const Sp top = bottom - stack.height;
    for (auto& [line, baseline] : stack.lines) {
        Sp x = x0;
        if (align == style::Align::center) x += (width - line.natural_width) / 2;
        if (align == style::Align::right) x += width - line.natural_width;
        pages::append_translated(page.items, line.content.items, x, top + baseline);
        ctx.show_line(page, line.content, x, top + baseline, -1);
        for (const auto& link : line.content.links)
            if (!link.uri.empty())
                page.links.push_back({{link.rect.x + x, link.rect.y + top + baseline, link.rect.width, link.rect.height},
                                      link.uri, -1, 0, pages::kArtifact, {}, {}});
    }
}

}  // namespace

namespace {

style::TextStyle imprint_style(const LayoutContext& ctx) {
    style::TextStyle st = ctx.style.footnote;
    st.align = style::Align::left;
    return st;
}

Stack imprint_stack(LayoutContext& ctx) {
    const auto& meta = ctx.doc.meta;
    const style::TextStyle st = imprint_style(ctx);
    const Sp width = ctx.geo.text_width();
    const Sp group = st.leading / 2;
    const std::string& lang = meta.language;
    Stack stack;
    auto add = [&](const std::string& text, bool bold, Sp space_before) {
        if (text.empty()) return;
        InlineCollector c(ctx, nullptr, st, lang, -1, LinkMode::plain);
        c.add_text(text, bold);
        stack_paragraph(ctx, stack, c.take(), st, width, space_before);
    };
    add(book_title(ctx.doc), true, 0);
    add(meta.subtitle, false, 0);
    std::string authors;
    for (std::size_t i = 0; i < meta.authors.size(); ++i) authors += (i ? ", " : "") + meta.authors[i];
    add(authors, false, group);
    if (!meta.date.empty()) {
        const std::int64_t t = parse_iso_date(meta.date).value_or(-1);
        add(t >= 0 ? words::format_date(t, ctx.words) : meta.date, false, 0);
    }
    add(meta.identifier, false, 0);
    if (!meta.license.empty()) {
        InlineCollector c(ctx, nullptr, st, lang, -1, LinkMode::plain);
        c.add_text(ctx.words.license + ": " + meta.license);
        if (const std::string url = license_url(meta.license); !url.empty()) {
            c.add_text(" ");
            c.add_link_text(url, {url, ""}, true);
        }
        stack_paragraph(ctx, stack, c.take(), st, width, group);
    }
    add(ctx.words.made_with, false, group);
    return stack;
}

}  // namespace

Sp imprint_height(LayoutContext& ctx) { return imprint_stack(ctx).height; }

void draw_imprint(LayoutContext& ctx, pages::Page& page, int page_number, Sp bottom) {
    Stack stack = imprint_stack(ctx);
    draw_stack(ctx, page, stack, ctx.geo.text_x(page_number), ctx.geo.text_width(), bottom, imprint_style(ctx).align);
}

void draw_colophon(LayoutContext& ctx, pages::Page& page, int page_number, Sp bottom) {
    const auto& fonts = ctx.style.fonts;
    style::TextStyle st = ctx.style.footnote;
    st.align = style::Align::center;
    const Sp width = ctx.geo.text_width();
    std::vector<std::string> families;
    for (const auto* family : {&fonts.body, &fonts.heading})
        if (!family->name.empty() && std::find(families.begin(), families.end(), family->name) == families.end())
            families.push_back(family->name);
    std::string faces;
    for (std::size_t i = 0; i < families.size(); ++i)
        faces += (i == 0 ? "" : i + 1 == families.size() ? " " + ctx.words.and_word + " " : ", ") + families[i];
    Stack stack;
    InlineCollector title(ctx, nullptr, st, ctx.doc.meta.language, -1, LinkMode::plain);
    title.add_text(book_title(ctx.doc), true);
    stack_paragraph(ctx, stack, title.take(), st, width, 0);
    InlineCollector c(ctx, nullptr, st, ctx.doc.meta.language, -1, LinkMode::plain);
    if (!faces.empty()) c.add_text(ctx.words.set_in + " " + faces + ". ");
    c.add_text(ctx.words.made_with + ".");
    stack_paragraph(ctx, stack, c.take(), st, width, 0);
    draw_stack(ctx, page, stack, ctx.geo.text_x(page_number), width, bottom, st.align);
}

void running_lines(LayoutContext& ctx, pages::Page& page, int page_number, const std::string& part, bool opening) {
    const auto& style = ctx.style;
    const auto& geo = ctx.geo;
    const std::string& title = book_title(ctx.doc);
    const std::string date = words::format_date(ctx.settings.build_time, ctx.words);
    const std::string number = std::to_string(page_number);
    // The style's "right" is the outer edge: the right of a page bound at its left.
    const bool mirrored = !geo.inner_left(page_number);
    const Sp x0 = geo.text_x(page_number);
    const Sp width = geo.text_width();

    auto place = [&](const style::RunningLine& rl, Sp baseline) {
        if (opening && !rl.on_chapter_openings) return;
        std::string left = expand_template(rl.left, title, part, number, date);
        std::string center = expand_template(rl.center, title, part, number, date);
        std::string right = expand_template(rl.right, title, part, number, date);
        if (mirrored) std::swap(left, right);
        const int count = !left.empty() + !center.empty() + !right.empty();
        if (count == 0) return;
        const Sp room = count == 1 ? width : scale_sp(width, 45, 100);
        auto put = [&](const std::string& text, int where) {
            if (text.empty()) return;
            const SetLine line = fitted_line(ctx, style.running, text, room);
            Sp x = x0;
            if (where == 1) x = x0 + (width - line.natural_width) / 2;
            if (where == 2) x = x0 + width - line.natural_width;
            pages::append_translated(page.items, line.content.items, x, baseline);
            ctx.show_line(page, line.content, x, baseline, -1);
        };
        put(left, 0);
        put(center, 1);
        put(right, 2);
    };
    place(style.header, geo.top - style.header.gap);
    place(style.footer, geo.top + geo.body_height + style.footer.gap);
}

}  // namespace booklet::layout
