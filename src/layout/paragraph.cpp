#include "paragraph.hpp"

#include <algorithm>
#include <optional>

namespace booklet::layout {

namespace {

linebreak::Align to_linebreak(style::Align align) {
    switch (align) {
    case style::Align::justify: return linebreak::Align::justify;
    case style::Align::left: return linebreak::Align::left;
    case style::Align::center: return linebreak::Align::center;
    case style::Align::right: return linebreak::Align::right;
    }
    return linebreak::Align::left;
}

// The part [begin, end) of a paragraph as a paragraph of its own (hard line breaks).
shape::StyledText slice(const shape::StyledText& text, std::size_t begin, std::size_t end) {
    shape::StyledText out;
    out.lang = text.lang;
    out.text = text.text.substr(begin, end - begin);
    for (const auto& r : text.ranges) {
        const std::size_t b = std::max(r.begin, begin), e = std::min(r.end, end);
        if (b >= e) continue;
        out.ranges.push_back({b - begin, e - begin, r.style});
    }
    return out;
}

// Byte length of the cluster starting at glyph i of a run.
std::size_t cluster_end(const GlyphRun& run, std::size_t i) {
    std::size_t end = run.text.size();
    const auto c = run.glyphs[i].cluster;
    for (const auto& g : run.glyphs)
        if (g.cluster > c && g.cluster < end) end = g.cluster;
    return end;
}

void add_occurrence(BoxContent& c, std::int32_t occurrence) {
    if (occurrence < 0) return;
    const auto occ = static_cast<std::uint32_t>(occurrence);
    if (std::find(c.occurrences.begin(), c.occurrences.end(), occ) == c.occurrences.end()) c.occurrences.push_back(occ);
}

// Converts line-breaker output into a SetLine shifted right by `dx`. A line
// showing part of a link calls the link's note too: when the link wraps across a
// page break, its URL is also at the foot of the page where its first words are
// (which carry a link annotation to it).
SetLine convert_line(LayoutContext& ctx, const StyledParagraph& paragraph, const linebreak::Line& line, Sp dx,
                     pages::Role role) {
    SetLine out;
    BoxContent& c = out.content;
    c.role = role;
    Sp height = 0, depth = 0;
    // Link extents on this line: link index -> [x0, x1).
    std::vector<std::pair<Sp, Sp>> link_extent(paragraph.links.size(), {0, -1});
    Sp right = 0;

    for (const auto& run : line.runs) {
        if (run.glyphs.empty()) continue;
        const Sp x = dx + run.x;
        const Sp width = run.width();
        right = std::max(right, x + width);
        height = std::max(height, LayoutContext::line_height(run.size) + run.rise);
        depth = std::max(depth, LayoutContext::line_depth(run.size) - run.rise);

        const RangeInfo* info = nullptr;
        if (run.tag >= 0 && static_cast<std::size_t>(run.tag) < paragraph.infos.size())
            info = &paragraph.infos[static_cast<std::size_t>(run.tag)];

        if (ctx.fonts.info(run.font).color_bitmap) {
            // Colour emoji have no outlines to embed: each glyph becomes a picture
            // that extracts as its characters.
            Sp pen = x;
            for (std::size_t i = 0; i < run.glyphs.size(); ++i) {
                const Glyph& g = run.glyphs[i];
                const EmojiImage* img = ctx.color_glyph(run.font, g.id);
                if (img && img->ppem > 0 && img->raster->width > 0) {
                    pages::ImageItem item;
                    const Sp px = scale_sp(run.size, 1, img->ppem);  // sp per bitmap pixel
                    item.rect.x = pen + g.x_offset + img->bearing_x * px;
                    item.rect.y = -run.rise - g.y_offset - img->bearing_y * px;
                    item.rect.width = img->raster->width * px;
                    item.rect.height = img->raster->height * px;
                    item.raster = img->raster;
                    const std::size_t b = g.cluster, e = cluster_end(run, i);
                    if (b < run.text.size()) item.actual_text = run.text.substr(b, e - b);
                    height = std::max(height, -item.rect.y);
                    depth = std::max(depth, item.rect.y + item.rect.height);
                    c.items.emplace_back(std::move(item));
                }
                pen += g.advance;
            }
        } else {
            pages::TextItem item;
            item.x = x;
            item.y = -run.rise;
            item.run = run;
            item.run.x = 0;     // folded into item.x
            item.run.rise = 0;  // folded into item.y
            c.items.emplace_back(std::move(item));
        }

        if (info) {
            if (info->strike) {
                pages::RuleItem rule;
                const Sp y = -run.rise - scale_sp(run.size, 28, 100);
                rule.x0 = x;
                rule.x1 = x + width;
                rule.y0 = rule.y1 = y;
                rule.thickness = std::max<Sp>(scale_sp(run.size, 6, 100), sp_from_pt(0.3));
                rule.color = run.color;
                c.items.emplace_back(rule);
            }
            if (info->link >= 0) {
                auto& e = link_extent[static_cast<std::size_t>(info->link)];
                if (e.second < e.first) e = {x, x + width};
                else e = {std::min(e.first, x), std::max(e.second, x + width)};
            }
            add_occurrence(c, info->occurrence);
            if (info->link >= 0) {
                const LinkInfo& link = paragraph.links[static_cast<std::size_t>(info->link)];
                add_occurrence(c, link.occurrence);
                if (link.citation >= 0) add_unique(c.cited, {static_cast<std::uint32_t>(link.citation)});
            }
        }
    }
    const std::string& source = paragraph.text.text;
    const bool broke_at_space = !line.hyphenated && line.text_end < source.size() &&
                                (source[line.text_end] == ' ' || source[line.text_end] == '\n');
    if (broke_at_space) {
        for (auto it = c.items.rbegin(); it != c.items.rend(); ++it)
            if (auto* text = std::get_if<pages::TextItem>(&*it)) {
                text->space_after = true;
                break;
            }
    }
    if (height == 0 && depth == 0) {
        // An empty line (only spaces): keep the paragraph's nominal extent.
        Sp size = 0;
        for (const auto& r : paragraph.text.ranges) size = std::max(size, r.style.size);
        height = LayoutContext::line_height(size);
        depth = LayoutContext::line_depth(size);
    }
    for (std::size_t i = 0; i < link_extent.size(); ++i) {
        const auto [x0, x1] = link_extent[i];
        if (x1 < x0) continue;
        PendingLink l;
        l.rect = {x0, -height, x1 - x0, height + depth};
        l.uri = paragraph.links[i].uri;
        l.anchor = paragraph.links[i].anchor;
        l.link = static_cast<int>(i);
        c.links.push_back(std::move(l));
    }
    out.height = height;
    out.depth = depth;
    out.natural_width = right;
    return out;
}

}  // namespace

std::vector<SetLine> set_paragraph(LayoutContext& ctx, const StyledParagraph& paragraph,
                                   const ParagraphFormat& format) {
    std::vector<SetLine> out;
    if (paragraph.empty()) return out;
    const std::string& text = paragraph.text.text;
    std::vector<std::size_t> cuts;
    cuts.push_back(0);
    // Past kMaxSegmentBytes the text is cut where a line may end anyway (the last
    // space before the bound, else a character boundary), as at a hard break: line
    // breaking and shaping a 600 KB paragraph at once cost minutes.
    const auto bounded_cut = [&](std::size_t upto) {
        while (upto - cuts.back() > kMaxSegmentBytes) {
            std::size_t at = text.rfind(' ', cuts.back() + kMaxSegmentBytes);
            if (at == std::string::npos || at <= cuts.back() + kMaxSegmentBytes / 2) {
                at = cuts.back() + kMaxSegmentBytes;
                while (at > cuts.back() + 1 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
            } else {
                ++at;  // after the space
            }
            cuts.push_back(at);
        }
    };
    for (auto b : paragraph.hard_breaks)
        if (b > cuts.back() && b < text.size()) {
            bounded_cut(b);
            cuts.push_back(b);
        }
    bounded_cut(text.size());
    cuts.push_back(text.size());

    for (std::size_t s = 0; s + 1 < cuts.size(); ++s) {
        const bool first = s == 0;
        // A paragraph of one segment (nearly all) is asked for as it is: a copy
        // is made only to cut it or to change its direction.
        std::optional<shape::StyledText> own;
        if (cuts.size() != 2) own = slice(paragraph.text, cuts[s], cuts[s + 1]);
        else if (paragraph.text.right_to_left != format.rtl) own = paragraph.text;
        if (own) own->right_to_left = format.rtl;
        const shape::StyledText& segment = own ? *own : paragraph.text;
        if (segment.text.empty()) continue;
        linebreak::Options options;
        const Sp indent = first ? format.first_indent : 0;
        options.widths = {std::max<Sp>(format.width - indent, sp_from_pt(12)), std::max<Sp>(format.width, sp_from_pt(12))};
        options.align = to_linebreak(format.align);
        options.rtl = format.rtl;
        // Hanging punctuation is made for the right margin of left-to-right text.
        options.protrusion = !format.rtl;
        options.hyphenate = format.hyphenate;
        options.dictionaries = &ctx.dictionaries;
        options.params.expansion_stretch = options.params.expansion_shrink = ctx.style.font_expansion;
        // The paragraph's last line keeps its room at the right (\parfillskip with a
        // natural width, in the line breaker); lines before a hard break need none.
        if (s + 2 == cuts.size()) options.last_line_room = format.last_line_room;
        if (format.looseness != 0 && cuts.size() == 2) {
            // The first pass never hyphenates; a paragraph shorter by a line mostly needs a hyphen.
            options.params.looseness = format.looseness;
            options.first_pass_tolerance = 0;
        }
        const CachedLines& set = ctx.lines_for(segment, options);
        for (std::size_t i = 0; i < set.lines.size(); ++i) {
            // A right-to-left first line is shorter at its right end: it starts at x = 0.
            out.push_back(convert_line(ctx, paragraph, set.lines[i], (i == 0 && !format.rtl ? indent : 0), format.role));
            out.back().ratio = set.lines[i].ratio;
            out.back().content.start = paragraph.position_at(cuts[s] + set.lines[i].text_begin);
        }
    }
    return out;
}

bool paragraph_is_rtl(const LayoutContext& ctx, const StyledParagraph& paragraph, const std::string& lang) {
    const std::string& language = lang.empty() ? ctx.doc.meta.language : lang;
    return words::right_to_left(language) || shape::first_strong_is_rtl(paragraph.text.text).value_or(false);
}

SetLine set_line(LayoutContext& ctx, const StyledParagraph& paragraph, pages::Role role) {
    if (paragraph.empty()) return {};
    linebreak::Options options;
    // Wide enough never to break: these are labels and one-line furniture.
    options.widths = {sp_from_pt(100000)};
    options.align = linebreak::Align::left;
    options.hyphenate = false;
    const CachedLines& set = ctx.lines_for(paragraph.text, options);
    if (set.lines.empty()) return {};
    SetLine line = convert_line(ctx, paragraph, set.lines.front(), 0, role);
    for (std::size_t i = 1; i < set.lines.size(); ++i) {
        SetLine more = convert_line(ctx, paragraph, set.lines[i], line.natural_width, role);
        append_shifted(line.content, std::move(more.content), 0, 0);
        line.natural_width = more.natural_width;
    }
    return line;
}

}  // namespace booklet::layout
