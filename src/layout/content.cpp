#include "content.hpp"

#include <algorithm>
#include <climits>
#include <string_view>

namespace booklet::layout {

namespace {

// Whole points, for the size of a picture in a line's text.
std::string whole_pt(Sp v) { return std::to_string((v + kSpPerPt / 2) / kSpPerPt); }

}  // namespace

std::optional<pages::TextLine> text_line(const BoxContent& c, Sp x, Sp baseline, int column) {
    pages::TextLine line;
    line.role = c.role;
    line.column = column;
    line.baseline = baseline;
    Sp left = LLONG_MAX, right = LLONG_MIN, top = 0, end = LLONG_MIN, line_y = 0;
    bool any = c.role == pages::Role::rule;
    std::string description;  // a picture's, when it has no text of its own
    for (const auto& item : c.items) {
        // A view, not a copy: assembly makes the lines of every page of every layout tried.
        std::string_view text;
        Sp x0 = 0, x1 = 0, y = 0, size = 0;
        if (const auto* t = std::get_if<pages::TextItem>(&item)) {
            text = t->actual_text.empty() ? t->run.text : t->actual_text;
            x0 = t->x, x1 = t->x + t->run.width(), y = t->y, size = t->run.size;
            top = std::max(top, -y + scale_sp(size, 78, 100));
        } else if (const auto* im = std::get_if<pages::ImageItem>(&item)) {
            if (im->actual_text.empty())
                description = "[picture " + whole_pt(im->rect.width) + "x" + whole_pt(im->rect.height) + "pt]";
            text = im->actual_text.empty() ? description : im->actual_text;
            x0 = im->rect.x, x1 = im->rect.x + im->rect.width, y = 0, size = im->rect.height;
            top = std::max(top, -im->rect.y);
        } else {
            continue;
        }
        if (text.empty()) continue;
        // Raised text (note numbers, superscripts) and lowered text are marked; a
        // second line of a table row starts a new word.
        const bool next_line = y - line_y >= size / 2;
        if (next_line) line_y = y;
        const bool raised = y - line_y < 0, lowered = y - line_y > 0 && !next_line;
        if (any && (next_line || x0 > end + sp_from_pt(0.5)) && !line.text.empty() && line.text.back() != ' ')
            line.text += ' ';
        if (raised) line.text += '^';
        else if (lowered) line.text += '_';
        line.text += text;
        end = x1;
        left = std::min(left, x0);
        right = std::max(right, x1);
        any = true;
    }
    if (!any) return std::nullopt;
    while (!line.text.empty() && line.text.back() == ' ') line.text.pop_back();
    while (!line.text.empty() && line.text.front() == ' ') line.text.erase(0, 1);
    line.x = x + (left == LLONG_MAX ? 0 : left);
    line.width = right > left ? right - left : 0;
    line.height = top;
    return line;
}

void append_shifted(BoxContent& to, const BoxContent& from, Sp dx, Sp dy) {
    append_shifted(to, BoxContent(from), dx, dy);
}

void append_shifted(BoxContent& to, BoxContent&& from, Sp dx, Sp dy) {
    pages::append_translated(to.items, std::move(from.items), dx, dy);
    for (auto& link : from.links) {
        link.rect.x += dx;
        link.rect.y += dy;
        to.links.push_back(std::move(link));
    }
    for (auto& a : from.anchors) to.anchors.push_back(std::move(a));
    for (auto& o : from.outline) to.outline.push_back(std::move(o));
    add_unique(to.occurrences, from.occurrences);
    add_unique(to.cited, from.cited);
    if (to.chapter_opening < 0) to.chapter_opening = from.chapter_opening;
    if (!to.start) to.start = from.start;
}

void prepend_shifted(BoxContent& to, const BoxContent& from, Sp dx, Sp dy) {
    BoxContent merged;
    merged.role = to.role;  // a label takes the role of the text it labels
    merged.chapter_opening = to.chapter_opening >= 0 ? to.chapter_opening : from.chapter_opening;
    merged.start = to.start ? to.start : from.start;  // the label stands beside the text it labels
    append_shifted(merged, from, dx, dy);
    append_shifted(merged, std::move(to), 0, 0);
    to = std::move(merged);
}

void add_unique(std::vector<std::uint32_t>& to, const std::vector<std::uint32_t>& values) {
    for (auto v : values)
        if (std::find(to.begin(), to.end(), v) == to.end()) to.push_back(v);
}

}  // namespace booklet::layout
