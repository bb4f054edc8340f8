// Layout: the document model and a style to pages of positioned glyphs.
//
// Input:  model::Document, style::Style, the FontRegistry, hyphenation dictionaries.
// Output: pages::Book — display lists per page with fonts and images attached.
// Steps:  style blocks (fonts, sizes, spacing) → paragraphs through the text engine
//         → pages: keeps, widows/orphans, URL footnotes on the page of their call,
//         running headers, title page, table of contents (two passes).
// Must not: call a writer, touch files other than reading images, or change the model.
#pragma once

#include "booklet/diagnostics.hpp"
#include "booklet/hyphenate.hpp"
#include "booklet/model.hpp"
#include "booklet/pages.hpp"
#include "booklet/shape.hpp"
#include "booklet/style.hpp"

#include <cstdint>

namespace booklet::layout {

struct Settings {
    std::int64_t build_time = 0;       // seconds since the epoch, for printed dates and PDF info
};

pages::Book layout_book(const model::Document& document, const style::Style& style,
                        shape::FontRegistry& fonts, hyphenate::Dictionaries& dictionaries,
                        const Settings& settings, Diagnostics& diags);

}  // namespace booklet::layout
