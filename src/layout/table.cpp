// Tables: column widths from the cells' content, cells set as paragraphs, one
// unbreakable box per row, the header row repeated where a table crosses a page.
//
// Column widths follow the automatic table layout of CSS 2.1 (§17.5.2.2): each
// column has a minimum (its widest word) and a maximum (its longest cell on one
// line); when the maxima fit they are used, otherwise the room between the minima
// and the available width is shared in proportion to (max - min).
#include "compose.hpp"

#include <algorithm>
#include <numeric>
#include <optional>

namespace booklet::layout {

namespace {

style::Align column_align(model::Align a) {
    switch (a) {
    case model::Align::center: return style::Align::center;
    case model::Align::right: return style::Align::right;
    case model::Align::left:
    case model::Align::none: break;
    }
    return style::Align::left;
}

// The widest piece between spaces, measured in the style of the range it starts in.
Sp widest_word(LayoutContext& ctx, const StyledParagraph& p) {
    const std::string& s = p.text.text;
    Sp widest = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        std::size_t j = i;
        while (j < s.size() && s[j] != ' ') ++j;
        if (j > i) {
            const shape::TextStyle* st = nullptr;
            for (const auto& r : p.text.ranges)
                if (r.begin <= i && i < r.end) { st = &r.style; break; }
            if (st) {
                Sp w = shape::measure(ctx.fonts, s.substr(i, j - i), *st);
                // A URL or identifier can break at its punctuation: count a third.
                if (st->url) w /= 3;
                widest = std::max(widest, w);
            }
        }
        i = j;
    }
    return widest;
}

struct SetRow {
    std::vector<std::vector<SetLine>> cells;
    Sp height = 0, depth = 0;
};

}  // namespace

void Composer::stacked_table(const model::Table& t, const BlockEnv& env) {
    const style::TextStyle& st = ctx_.style.table;
    writer_.gap(st.space_before);
    const auto& rows = t.rows.empty() ? std::vector<std::vector<model::TableCell>>{t.header} : t.rows;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::size_t from = contents_.size();
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            InlineCollector col = collector(env, st);
            if (c < t.header.size() && !t.rows.empty()) {
                model::Inlines label;
                label.push_back({model::Strong{t.header[c].content}, {}});
                col.add(label);
                col.add_text(": ");
            }
            col.add(rows[r][c].content);
            StyledParagraph p = col.take();
            if (p.empty()) continue;
            Element cell(*this, element(pages::StructRole::paragraph, env.lang));
            paragraph(p, env, st, 0);
        }
        if (chapter_ >= 0) fill_starts(from, here(t.rows.empty() ? page_map::part::whole : page_map::part::table_row(r)));
        writer_.gap(st.leading / 2);
    }
    writer_.gap(st.space_after);
    indent_next_ = ctx_.style.indent_after_heading;
}

void Composer::table(const model::Table& t, const SourcePos& pos, const BlockEnv& outer) {
    const style::TextStyle& st = ctx_.style.table;
    std::size_t ncols = std::max(t.columns.size(), t.header.size());
    for (const auto& r : t.rows) ncols = std::max(ncols, r.size());
    if (ncols == 0) return;
    BlockEnv env = outer;
    env.role = pages::Role::table_cell;
    const Sp pad = scale_sp(st.size, 35, 100);
    // Columns narrower than three letters and their padding print as a smear:
    // such a table is set row by row, each cell under its heading.
    const Sp readable = 2 * pad + 3 * st.size;
    if (static_cast<Sp>(ncols) * readable > env.width) {
        warn(pos, "table-too-wide",
             "table of " + std::to_string(ncols) +
                 " columns is too wide for the page: each row is set as lines of 'heading: cell'");
        return stacked_table(t, env);
    }
    const Sp vpad = scale_sp(st.size, 30, 100);

    // Collect every cell once (note calls are registered as they are collected).
    auto collect_row = [&](const std::vector<model::TableCell>& row, bool header) {
        std::vector<StyledParagraph> cells;
        for (std::size_t c = 0; c < ncols; ++c) {
            InlineCollector col = collector(env, st);
            if (c < row.size()) {
                col.add(row[c].content, header);
            }
            cells.push_back(col.take());
        }
        return cells;
    };
    const bool has_header = !t.header.empty();
    std::vector<std::vector<StyledParagraph>> rows;
    if (has_header) rows.push_back(collect_row(t.header, true));
    for (const auto& r : t.rows) rows.push_back(collect_row(r, false));

    // Column widths.
    std::vector<Sp> minw(ncols, 2 * pad + sp_from_pt(6)), maxw(ncols, 2 * pad + sp_from_pt(6));
    const Sp avail = env.width;
    for (const auto& row : rows)
        for (std::size_t c = 0; c < ncols; ++c) {
            if (row[c].empty()) continue;
            const Sp natural = set_line(ctx_, row[c], env.role).natural_width + 2 * pad;
            const Sp word = std::min(widest_word(ctx_, row[c]) + 2 * pad, avail * 2 / 5);
            minw[c] = std::max(minw[c], word);
            maxw[c] = std::max(maxw[c], std::max(natural, word));
        }
    const Sp sum_min = std::accumulate(minw.begin(), minw.end(), Sp{0});
    const Sp sum_max = std::accumulate(maxw.begin(), maxw.end(), Sp{0});
    std::vector<Sp> widths(ncols);
    for (std::size_t c = 0; c < ncols; ++c) {
        if (sum_max <= avail) widths[c] = maxw[c];
        else if (sum_min >= avail) widths[c] = scale_sp(minw[c], avail, sum_min);
        else widths[c] = minw[c] + scale_sp(maxw[c] - minw[c], avail - sum_min, sum_max - sum_min);
    }
    std::vector<Sp> xs(ncols, 0);
    for (std::size_t c = 1; c < ncols; ++c) xs[c] = xs[c - 1] + widths[c - 1];
    const Sp table_width = xs.back() + widths.back();

    // Set the cells.
    std::vector<SetRow> set;
    for (const auto& row : rows) {
        SetRow r;
        Sp first_height = LayoutContext::line_height(st.size);
        Sp below = LayoutContext::line_depth(st.size);
        for (std::size_t c = 0; c < ncols; ++c) {
            ParagraphFormat format;
            format.width = std::max<Sp>(widths[c] - 2 * pad, sp_from_pt(6));
            format.align = column_align(c < t.columns.size() ? t.columns[c] : model::Align::none);
            format.hyphenate = st.hyphenate;
            format.role = env.role;
            auto lines = set_paragraph(ctx_, row[c], format);
            if (!lines.empty()) {
                first_height = std::max(first_height, lines.front().height);
                below = std::max(below, static_cast<Sp>(lines.size() - 1) * st.leading + lines.back().depth);
            }
            r.cells.push_back(std::move(lines));
        }
        r.height = first_height + vpad;
        r.depth = below + vpad;
        set.push_back(std::move(r));
    }

    // The structure: a header row's cells are TH for their column, in THead; the
    // body rows' cells TD, in TBody. Cells claim their own lines.
    Element table_element(*this, element(pages::StructRole::table, env.lang));
    {
        std::optional<Element> head, body;
        for (std::size_t i = 0; i < set.size(); ++i) {
            const bool header = has_header && i == 0;
            if (header) {
                head.emplace(*this, element(pages::StructRole::table_head, env.lang));
            } else if (!body) {
                head.reset();
                body.emplace(*this, element(pages::StructRole::table_body, env.lang));
            }
            Element row(*this, element(pages::StructRole::table_row, env.lang));
            for (std::size_t c = 0; c < set[i].cells.size(); ++c) {
                auto& lines = set[i].cells[c];
                pages::StructElement cell =
                    element(header ? pages::StructRole::table_header : pages::StructRole::table_data, env.lang);
                if (header) cell.scope = pages::HeaderScope::column;
                Element cell_element(*this, std::move(cell));
                tag_inline(rows[i][c], {&lines});
                for (auto& line : lines) claim(line.content.items, cell_element.id());
            }
        }
    }

    // Rows are drawn where they stand in the column: from env.left.
    const Sp thick = sp_from_pt(0.6), thin = sp_from_pt(0.25);
    auto hrule = [&](BoxContent& content, Sp y, Sp thickness, Color color) {
        pages::RuleItem rule;
        rule.x0 = env.left;
        rule.x1 = env.left + table_width;
        rule.y0 = rule.y1 = y;
        rule.thickness = thickness;
        rule.color = color;
        content.items.emplace_back(rule);
    };
    auto row_content = [&](SetRow& r, std::size_t from_line, std::size_t to_line) {
        BoxContent content;
        content.role = env.role;
        for (std::size_t c = 0; c < ncols; ++c) {
            auto& lines = r.cells[c];
            for (std::size_t k = from_line; k < std::min(to_line, lines.size()); ++k)
                append_shifted(content, lines[k].content, env.left + xs[c] + pad,
                               static_cast<Sp>(k - from_line) * st.leading);
        }
        return content;
    };

    writer_.gap(st.space_before);
    std::int32_t repeat = -1;
    const Sp too_tall = ctx_.geo.body_height * 9 / 10;
    for (std::size_t i = 0; i < set.size(); ++i) {
        SetRow& r = set[i];
        const bool header = has_header && i == 0;
        const bool last = i + 1 == set.size();
        // A page that begins with a row begins at the row (cells are not traced).
        std::optional<page_map::Position> row_at;
        if (chapter_ >= 0)
            row_at = here(header ? page_map::part::whole : page_map::part::table_row(has_header ? i - 1 : i));
        if (r.height + r.depth <= too_tall) {
            BoxContent content = row_content(r, 0, SIZE_MAX);
            content.start = row_at;
            if (i == 0) hrule(content, -r.height, thick, kBlack);
            if (header) hrule(content, r.depth, thin * 2, kBlack);
            else if (last) hrule(content, r.depth, thick, kBlack);
            else hrule(content, r.depth, thin, ctx_.style.rule_color);
            const auto index = static_cast<std::uint32_t>(contents_.size());
            VItem v = box_for(content, r.height, r.depth, index);
            v.repeat = header ? -1 : repeat;
            if (header) {
                RepeatSpec spec;
                spec.height = r.height;
                spec.depth = r.depth;
                spec.glue_after = sp_from_pt(1);
                spec.content = static_cast<std::uint32_t>(contents_.size() + 1);
                spec.notes = v.notes;
                list_.repeats.push_back(std::move(spec));
                repeat = static_cast<std::int32_t>(list_.repeats.size() - 1);
                contents_.push_back(content);
                contents_.push_back(std::move(content));
                writer_.box(std::move(v), 0);
                writer_.keep_with_next();
            } else {
                // Like lines of a paragraph: no single row alone at a page head or foot.
                const std::size_t body_index = i - (has_header ? 1 : 0);
                const std::size_t body_rows = set.size() - (has_header ? 1 : 0);
                const int penalty = body_index == 0 ? VListWriter::kNoPenalty
                                                    : interline_penalty(body_index - 1, body_rows, ctx_.style.widows,
                                                                        ctx_.style.orphans);
                contents_.push_back(std::move(content));
                writer_.box(std::move(v), 0, penalty);
            }
            continue;
        }
        // A row taller than a page is set line band by line band, breakable between.
        std::size_t bands = 0;
        for (const auto& cell : r.cells) bands = std::max(bands, cell.size());
        for (std::size_t k = 0; k < bands; ++k) {
            BoxContent content = row_content(r, k, k + 1);
            content.start = row_at;
            Sp h = LayoutContext::line_height(st.size), d = LayoutContext::line_depth(st.size);
            for (const auto& cell : r.cells)
                if (k < cell.size()) {
                    h = std::max(h, cell[k].height);
                    d = std::max(d, cell[k].depth);
                }
            if (k == 0) h += vpad;
            if (k + 1 == bands) {
                d += vpad;
                hrule(content, d, last ? thick : thin, last ? kBlack : ctx_.style.rule_color);
            }
            const auto index = static_cast<std::uint32_t>(contents_.size());
            VItem v = box_for(content, h, d, index);
            v.repeat = repeat;
            contents_.push_back(std::move(content));
            writer_.box(std::move(v), k == 0 ? 0 : st.leading, k == 0 ? VListWriter::kNoPenalty : 0);
        }
    }
    writer_.gap(st.space_after);
    indent_next_ = ctx_.style.indent_after_heading;
}

}  // namespace booklet::layout
