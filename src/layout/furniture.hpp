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

// Where the Sources list starts (an anchor no chapter id can take: ids have no ':').
inline constexpr const char* kSourcesAnchor = "booklet:sources";

// The heading levels the contents lists: the style's contents.depth, or for
// `auto` two levels, one beyond style::kTocLongBook chapters.
int toc_depth(const style::Style& style, std::size_t chapters);

// The table of contents: chapters, headings down to toc_depth(), and the Sources list.
std::vector<TocEntry> toc_entries(const LayoutContext& ctx);

// The title page from the manifest's metadata: its block of lines a fifth of the
// way down the text area, or higher when `foot` (what the page carries at the
// foot of its text area: the imprint, a QR code) would reach into it. The book's
// title is read as `title` (its H1), the subtitle, authors and date as `rest` (a P).
pages::Page title_page(LayoutContext& ctx, pages::ElementId title, pages::ElementId rest, Sp foot = 0);
// The height of that block, title to date.
Sp title_block_height(LayoutContext& ctx);
// Whether the title page shows more than the title (so that `rest` has text).
bool title_page_has_details(const LayoutContext& ctx);

// The imprint, set in the footnote style with its last line's depth at `bottom`
// (from the page top): the title and subtitle, the authors, the date, the
// identifier, the content's licence (with the address of a Creative Commons
// licence's deed) and "made with booklet". Nothing the manifest leaves out.
void draw_imprint(LayoutContext& ctx, pages::Page& page, int page_number, Sp bottom);
Sp imprint_height(LayoutContext& ctx);

// The colophon: the title, the typefaces and "made with booklet", centred, its
// last line's depth at `bottom`.
void draw_colophon(LayoutContext& ctx, pages::Page& page, int page_number, Sp bottom);

// The deed of a Creative Commons licence written like "CC BY 4.0", "cc-by-sa-4.0"
// or "CC0 1.0": "https://creativecommons.org/licenses/by/4.0/"; empty for any
// other text.
std::string license_url(std::string_view license);

// Header and footer of a page. `part` is the chapter (or part) title in effect.
void running_lines(LayoutContext& ctx, pages::Page& page, int page_number, const std::string& part, bool opening);

// "{title} – {page}" with the placeholders filled.
std::string expand_template(const std::string& text, const std::string& title, const std::string& chapter,
                            const std::string& page, const std::string& date);

}  // namespace booklet::layout
