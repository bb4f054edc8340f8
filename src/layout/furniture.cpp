#include "furniture.hpp"

#include "booklet/dates.hpp"

#include <algorithm>
#include <cstdio>

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
        SetLine line = set_line(ctx, c.take());
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

std::vector<TocEntry> toc_entries(const LayoutContext& ctx) {
    std::vector<TocEntry> out;
    const int depth = std::max(ctx.style.toc_depth, 1);
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
    return out;
}

void Composer::contents_part(const std::vector<TocEntry>& entries) {
    if (entries.empty()) return;
    const std::string& lang = ctx_.doc.meta.language;
    ctx_.consulted_anchor_pages = true;
    open_part(ctx_.words.contents, -1, "booklet:contents", lang);
    const style::TextStyle& st = ctx_.style.toc_entry;
    BlockEnv env = column_env(-1, lang, st);
    env.links = LinkMode::plain;
    const bool nested = std::any_of(entries.begin(), entries.end(), [](const TocEntry& e) { return e.level > 1; });
    // Page numbers run in after the title (Bringhurst's advice: no field of
    // leaders for the eye to cross); the measure keeps room for them, so no entry
    // line reaches the right edge of the column.
    const Sp room = 4 * st.size;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const TocEntry& e = entries[i];
        const bool bold = nested && e.level == 1;
        const Sp indent = (e.level - 1) * ctx_.style.list_indent;
        int page = -1;
        if (auto it = ctx_.refs.anchor_pages.find(e.anchor); it != ctx_.refs.anchor_pages.end()) page = it->second;
        InlineCollector c = collector(env, st);
        c.add_text(e.title, bold);
        c.add_text("\u00A0\u00A0" + (page > 0 ? std::to_string(page) : std::string("00")), bold);
        // Turned lines of a long entry hang one em in, so each entry reads as one.
        const Sp hang = st.size;
        ParagraphFormat format;
        format.width = env.width - indent - hang - room;
        format.first_indent = -hang;
        format.align = style::Align::left;
        format.hyphenate = st.hyphenate;
        std::vector<SetLine> lines = set_paragraph(ctx_, c.take(), format);
        if (lines.empty()) continue;
        for (std::size_t k = 0; k < lines.size(); ++k) {
            auto& line = lines[k];
            const Sp x = k == 0 ? -hang : 0;
            PendingLink link;
            link.rect = {x, -line.height, std::max<Sp>(line.natural_width - x, sp_from_pt(1)), line.height + line.depth};
            link.anchor = e.anchor;
            line.content.links.push_back(std::move(link));
        }
        if (nested && e.level == 1 && i > 0) writer_.gap(scale_sp(st.leading, 1, 2));
        // The contents read as one list: no single entry alone at a page head or foot.
        for (std::size_t k = 0; k < lines.size(); ++k) {
            const int penalty = k > 0 ? kForbidBreak
                                      : (i == 0 ? VListWriter::kNoPenalty
                                                : interline_penalty(i - 1, entries.size(), ctx_.style.widows,
                                                                    ctx_.style.orphans));
            add_box(std::move(lines[k]), env.left + indent + hang, st.leading, penalty);
        }
    }
    indent_next_ = false;
}

void Composer::sources_part() {
    // Every cited URL once per chapter, numbered, with what it was cited for and where.
    struct Source {
        std::string url, printed, cited;
        std::vector<int> pages;
    };
    std::vector<std::vector<Source>> per_chapter(ctx_.doc.chapters.size());
    bool any = false;
    for (std::size_t i = 0; i < pass_.occurrences.size(); ++i) {
        const auto& occ = pass_.occurrences[i];
        if (occ.kind != Occurrence::Kind::url || occ.chapter < 0) continue;
        auto& list = per_chapter[static_cast<std::size_t>(occ.chapter)];
        auto it = std::find_if(list.begin(), list.end(), [&](const Source& s) { return s.url == occ.url; });
        if (it == list.end()) {
            list.push_back({occ.url, occ.printed, occ.cited, {}});
            it = list.end() - 1;
        }
        const int page = i < ctx_.refs.occurrence_pages.size() ? ctx_.refs.occurrence_pages[i] : 0;
        if (page > 0 && std::find(it->pages.begin(), it->pages.end(), page) == it->pages.end())
            it->pages.push_back(page);
        any = true;
    }
    if (!any) return;
    ctx_.consulted_occurrence_pages = true;
    const std::string& lang = ctx_.doc.meta.language;
    open_part(ctx_.words.sources, -1, "booklet:sources", lang);
    const style::TextStyle& fs = ctx_.style.footnote;
    const style::TextStyle& hs = ctx_.style.headings[1];
    const Sp label_room = shape::measure(ctx_.fonts, "000", ctx_.text_style(fs, false, false)) +
                          scale_sp(fs.size, 50, 100);
    for (std::size_t c = 0; c < per_chapter.size(); ++c) {
        const auto& list = per_chapter[c];
        if (list.empty()) continue;
        const auto& chapter = ctx_.doc.chapters[c];
        BlockEnv env = column_env(static_cast<int>(c), chapter.lang, fs);
        env.links = LinkMode::plain;
        {
            InlineCollector h = collector(env, hs);
            h.add_text(chapter.title);
            writer_.gap(hs.space_before);
            paragraph(h.take(), env, hs, 0, true);
            writer_.keep_with_next();
            writer_.gap(hs.space_after);
        }
        BlockEnv entry_env = env;
        entry_env.left = label_room;
        entry_env.width = env.width - label_room;
        for (std::size_t k = 0; k < list.size(); ++k) {
            const Source& s = list[k];
            InlineCollector e = collector(entry_env, fs);
            if (!s.cited.empty()) {
                e.add_text(s.cited, false, true);
                e.add_text(", ");
            }
            if (!s.pages.empty()) {
                std::string pages;
                for (std::size_t p = 0; p < s.pages.size(); ++p)
                    pages += (p ? ", " : "") + std::to_string(s.pages[p]);
                e.add_text(words::fill(ctx_.words.page_ref, "page", pages) + ": ");
            }
            e.add_link_text(s.printed, {s.url, ""}, true);
            ParagraphFormat format;
            format.width = entry_env.width;
            format.align = style::Align::left;
            format.hyphenate = false;
            std::vector<SetLine> lines = set_paragraph(ctx_, e.take(), format);
            if (lines.empty()) continue;
            InlineCollector lc = collector(env, fs);
            lc.add_text(std::to_string(k + 1) + ".");
            const SetLine label = set_line(ctx_, lc.take());
            const Sp gap = scale_sp(fs.size, 40, 100);
            prepend_shifted(lines.front().content, label.content, -gap - label.natural_width, 0);
            writer_.gap(scale_sp(fs.leading, 1, 4));
            for (std::size_t i = 0; i < lines.size(); ++i)
                add_box(std::move(lines[i]), entry_env.left, fs.leading,
                        i == 0 ? VListWriter::kNoPenalty
                               : interline_penalty(i - 1, lines.size(), ctx_.style.widows, ctx_.style.orphans));
        }
    }
}

pages::Page title_page(LayoutContext& ctx) {
    const auto& geo = ctx.geo;
    const auto& meta = ctx.doc.meta;
    pages::Page page;
    page.width = geo.page_width;
    page.height = geo.page_height;
    page.label = "1";
    const Sp x0 = geo.column_x(1, 0);
    const Sp width = geo.text_width();
    Sp y = geo.top + geo.body_height / 5;

    auto put = [&](const std::string& text, const style::TextStyle& st) {
        if (text.empty()) return;
        InlineCollector c(ctx, nullptr, st, meta.language, -1, LinkMode::plain);
        c.add_text(text);
        ParagraphFormat format;
        format.width = width;
        format.align = st.align;
        format.hyphenate = false;
        bool first = true;
        Sp baseline = y, depth = 0;
        for (auto& line : set_paragraph(ctx, c.take(), format)) {
            baseline = first ? y + line.height : baseline + st.leading;
            depth = line.depth;
            first = false;
            pages::append_translated(page.items, line.content.items, x0, baseline);
        }
        if (!first) y = baseline + depth + st.space_after;
    };

    put(book_title(ctx.doc), ctx.style.title_page_title);
    put(meta.subtitle, ctx.style.title_page_subtitle);
    std::string authors;
    for (std::size_t i = 0; i < meta.authors.size(); ++i) authors += (i ? ", " : "") + meta.authors[i];
    put(authors, ctx.style.title_page_meta);
    // The manifest's date, or (where the style prints it) the build date, which is
    // that same date unless SOURCE_DATE_EPOCH says otherwise: one date, said once.
    if (!meta.date.empty() && !ctx.style.build_date) {
        const std::int64_t t = parse_iso_date(meta.date).value_or(-1);
        put(t >= 0 ? words::format_date(t, ctx.words) : meta.date, ctx.style.title_page_meta);
    }
    if (ctx.style.build_date)
        put(ctx.words.built_on + " " + words::format_date(ctx.settings.build_time, ctx.words), ctx.style.title_page_meta);
    return page;
}

void running_lines(LayoutContext& ctx, pages::Page& page, int page_number, const std::string& part, bool opening) {
    const auto& style = ctx.style;
    const auto& geo = ctx.geo;
    const std::string& title = book_title(ctx.doc);
    const std::string date = words::format_date(ctx.settings.build_time, ctx.words);
    const std::string number = std::to_string(page_number);
    const bool verso = geo.two_sided && page_number % 2 == 0;
    const Sp x0 = geo.column_x(page_number, 0);
    const Sp width = geo.text_width();

    auto place = [&](const style::RunningLine& rl, Sp baseline) {
        if (opening && !rl.on_chapter_openings) return;
        std::string left = expand_template(rl.left, title, part, number, date);
        std::string center = expand_template(rl.center, title, part, number, date);
        std::string right = expand_template(rl.right, title, part, number, date);
        if (verso) std::swap(left, right);
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
        };
        put(left, 0);
        put(center, 1);
        put(right, 2);
    };
    place(style.header, geo.top - style.header.gap);
    place(style.footer, geo.top + geo.body_height + style.footer.gap);
}

}  // namespace booklet::layout
