// Text forms of laid-out pages: every drawn item (page_items), or the lines as
// composition set them with their roles (page_lines).
#include "booklet/dump.hpp"

#include <string>

namespace booklet::dump {

namespace {

// Points with two decimals, rounded half away from zero, without locale.
std::string pt(Sp v) {
    const bool negative = v < 0;
    const std::int64_t a = negative ? -v : v;
    const std::int64_t hundredths = (a * 100 + kSpPerPt / 2) / kSpPerPt;
    std::string s = std::to_string(hundredths / 100) + ".";
    const auto frac = hundredths % 100;
    if (frac < 10) s += '0';
    s += std::to_string(frac);
    return (negative && hundredths != 0 ? "-" : "") + s;
}

std::string hex(Color c) {
    static const char* digits = "0123456789abcdef";
    std::string s = "#";
    for (auto v : {c.r, c.g, c.b}) {
        s += digits[v >> 4];
        s += digits[v & 15];
    }
    return s;
}

}  // namespace

std::string page_items(const pages::Book& book) {
    std::string out;
    for (std::size_t i = 0; i < book.pages.size(); ++i) {
        const auto& page = book.pages[i];
        out += "page " + std::to_string(i + 1) + " label=" + json_string(page.label) + " " + pt(page.width) + "x" +
               pt(page.height) + "\n";
        for (const auto& item : page.items) {
            if (const auto* t = std::get_if<pages::TextItem>(&item)) {
                out += "  text y=" + pt(t->y) + " x=" + pt(t->x) + " font=" + std::to_string(t->run.font) +
                       " size=" + pt(t->run.size) + " w=" + pt(t->run.width()) + " " + json_string(t->run.text);
                if (!t->actual_text.empty()) out += " actual=" + json_string(t->actual_text);
                out += "\n";
            } else if (const auto* r = std::get_if<pages::RuleItem>(&item)) {
                out += "  rule " + pt(r->x0) + "," + pt(r->y0) + " " + pt(r->x1) + "," + pt(r->y1) +
                       " w=" + pt(r->thickness) + " " + hex(r->color) + "\n";
            } else if (const auto* q = std::get_if<pages::RectItem>(&item)) {
                out += "  rect " + pt(q->rect.x) + "," + pt(q->rect.y) + " " + pt(q->rect.width) + "x" +
                       pt(q->rect.height) + " " + hex(q->fill) + "\n";
            } else if (const auto* im = std::get_if<pages::ImageItem>(&item)) {
                out += "  image " + pt(im->rect.x) + "," + pt(im->rect.y) + " " + pt(im->rect.width) + "x" +
                       pt(im->rect.height);
                if (im->raster) out += " px=" + std::to_string(im->raster->width) + "x" + std::to_string(im->raster->height);
                if (!im->actual_text.empty()) out += " actual=" + json_string(im->actual_text);
                if (!im->alt.empty()) out += " alt=" + json_string(im->alt);
                out += "\n";
            }
        }
        for (const auto& l : page.links) {
            out += "  link " + pt(l.rect.x) + "," + pt(l.rect.y) + " " + pt(l.rect.width) + "x" + pt(l.rect.height);
            if (!l.uri.empty()) out += " uri=" + json_string(l.uri);
            else out += " page=" + std::to_string(l.target_page + 1) + " y=" + pt(l.target_y);
            if (!l.target_name.empty()) out += " name=" + json_string(l.target_name);
            out += "\n";
        }
    }
    for (const auto& o : book.outline)
        out += "outline level=" + std::to_string(o.level) + " page=" + std::to_string(o.page + 1) + " y=" + pt(o.y) +
               " " + json_string(o.title) + "\n";
    return out;
}

std::string page_lines(const pages::Book& book) {
    std::string out;
    for (std::size_t i = 0; i < book.pages.size(); ++i) {
        const auto& page = book.pages[i];
        out += "page " + std::to_string(i + 1) + " label=" + json_string(page.label) + "\n";
        for (const auto& line : page.lines) {
            out += "  " + (line.column >= 0 ? std::to_string(line.column + 1) : std::string("-")) + " " +
                   pages::role_name(line.role) + " y=" + pt(line.baseline) + " x=" + pt(line.x) + " " +
                   json_string(line.text) + "\n";
        }
    }
    return out;
}

}  // namespace booklet::dump
