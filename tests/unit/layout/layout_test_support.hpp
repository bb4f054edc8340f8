// Building documents by hand and reading laid-out pages back, for the layout tests.
#pragma once

#include "booklet/source_dir.hpp"
#include "booklet/cite.hpp"
#include "booklet/layout.hpp"
#include "booklet/style.hpp"

#include <string>
#include <vector>

namespace booklet::layout_test {

inline model::Inline text(std::string s) { return {model::Text{std::move(s)}, {}}; }

inline model::Inline web_link(std::string url, std::string label,
                          model::LinkKind kind = model::LinkKind::external) {
    model::Link l;
    l.target.kind = kind;
    l.target.url = std::move(url);
    l.children.push_back(text(std::move(label)));
    return {std::move(l), {}};
}

// `web_url` as the markdown stage resolves it: the site's address of the page.
inline model::Inline internal_link(std::string chapter, std::string label, std::string href,
                                   std::string web_url = {}) {
    model::Link l;
    l.target.kind = model::LinkKind::internal;
    l.target.chapter = std::move(chapter);
    l.target.url = std::move(href);
    l.target.web_url = std::move(web_url);
    l.children.push_back(text(std::move(label)));
    return {std::move(l), {}};
}

inline model::Block para(model::Inlines in) {
    model::Block b;
    b.node = model::Paragraph{std::move(in)};
    return b;
}

inline model::Block heading(int level, std::string title, std::string id) {
    model::Block b;
    model::Heading h;
    h.level = level;
    h.id = std::move(id);
    h.content.push_back(text(std::move(title)));
    b.node = std::move(h);
    return b;
}

inline model::Chapter chapter(std::string id, std::string title, model::Blocks blocks) {
    model::Chapter c;
    c.id = std::move(id);
    c.title = std::move(title);
    c.lang = "en";
    c.blocks = std::move(blocks);
    return c;
}

// Plain filler words, distinct per paragraph so that lines can be traced back.
inline std::string words(const std::string& tag, int count) {
    static const char* const kWords[] = {"the",     "reader",  "follows", "a",      "printed", "argument",
                                         "through", "several", "careful", "pages",  "while",   "notes",
                                         "at",      "each",    "foot",    "cite",   "their",   "sources"};
    std::string s;
    for (int i = 0; i < count; ++i) {
        if (i) s += ' ';
        s += kWords[i % 18];
        if (i % 7 == 3) s += "-" + tag;
    }
    return s;
}

inline style::Style shipped_booklet_style() { return style::load_style("booklet", BOOKLET_SOURCE_DIR "/styles"); }

// The shipped style without its back cover, so that a test's last page is its last
// page of text (the back cover and its padding have tests of their own).
inline style::Style booklet_style() {
    style::Style style = shipped_booklet_style();
    style.back_cover.enabled = false;
    return style;
}

// Text items of a page, in drawing order.
inline std::vector<const pages::TextItem*> texts(const pages::Page& page) {
    std::vector<const pages::TextItem*> out;
    for (const auto& item : page.items)
        if (const auto* t = std::get_if<pages::TextItem>(&item)) out.push_back(t);
    return out;
}

// Everything a page shows, glued together: a URL broken over lines reads whole.
inline std::string glued_text(const pages::Page& page) {
    std::string s;
    for (const auto* t : texts(page)) s += t->run.text;
    return s;
}

// The same with a space between runs (words stay apart).
inline std::string spaced_text(const pages::Page& page) {
    std::string s;
    for (const auto* t : texts(page)) {
        s += t->run.text;
        s += ' ';
    }
    return s;
}

// A whole book laid out with fixed fonts, dictionaries and build time, and what it reported.
struct Laid {
    pages::Book book;
    Diagnostics diags;
};

inline Laid lay(const model::Document& doc, const style::Style& style) {
    shape::FontRegistry fonts;
    hyphenate::Dictionaries dictionaries;
    Laid out;
    const cite::Citations cites = cite::cite_document(doc, style.links, 1717200000);
    out.book = layout::layout_book(doc, cites, style, fonts, dictionaries, {1717200000}, out.diags);
    return out;
}

inline bool same_size(Sp a, Sp b) { return (a > b ? a - b : b - a) < sp_from_pt(0.05); }

}  // namespace booklet::layout_test
