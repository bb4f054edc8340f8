// Furniture: what frames the text — the title page, running heads and folios,
// the table of contents and the Sources list.
#pragma once

#include "compose.hpp"

#include <string>
#include <vector>

namespace booklet::layout {

// The booklet's title: the metadata's, else the first chapter's (the markdown stage
// already fills it so; a Document built by hand may not).
const std::string& book_title(const model::Document& doc);

// The table of contents: chapters, and headings down to style.toc_depth.
std::vector<TocEntry> toc_entries(const LayoutContext& ctx);

// The title page from the manifest's metadata.
pages::Page title_page(LayoutContext& ctx);

// Header and footer of a page. `part` is the chapter (or part) title in effect.
void running_lines(LayoutContext& ctx, pages::Page& page, int page_number, const std::string& part, bool opening);

// "{title} – {page}" with the placeholders filled.
std::string expand_template(const std::string& text, const std::string& title, const std::string& chapter,
                            const std::string& page, const std::string& date);

}  // namespace booklet::layout
