// Markdown pages to the document model: the only user of cmark-gfm.
//
// Input:  a Manifest and its SourcePages.
// Output: model::Document (see booklet/model.hpp for its invariants).
// Policy: template syntax of site generators (Svelte/mdsvex, MDX) is read first
//   (src/markdown/template.hpp); one typographic pass sets every printed string
//   in the language's style (src/markdown/typography.hpp); raw HTML is turned into the same model (common elements kept, script,
//   style, iframe, svg, template and similar dropped with one warning each,
//   unknown elements and components kept as transparent containers of their
//   text and Markdown, elements hidden on the web page (hidden, display:none)
//   left out silently); URLs are resolved (absolute kept, site-relative against
//   base_url, pages of the booklet become internal references, in-page anchors
//   checked against heading ids); images are looked up next to the page and in
//   the manifest's asset folders, never fetched.
// Diagnostics (kind: meaning):
//   html-dropped          an element that cannot be printed was left out (one each;
//                         an embed's says that a line with its address stands in)
//   html-summary          per page: how many HTML constructs were left out, by element
//   html-component        a component/widget with no printable content
//   component-content     a component printed as the content of its props
//   template-block        template block tags ({#if} ... {/if}) taken out; which branches
//                         were printed; unclosed or stray tags
//   template-expression   an expression ({email}, {@html x}, ${...}) left out of the text
//   template-leftover     text that still looks like template code ({#, {/, ={[, ${)
//   heading-empty         a heading over nothing (its section's content was left out, or
//                         it ends its chapter) is not printed
//   chapter-empty         a page left with nothing to print is no chapter
//   link-placeholder      a link target with a {placeholder} the site fills in: plain text
//   image-alt-filename    alt text that is a file name, dropped (counts as no alt text)
//   image-template        an image source computed by the page ({src}): alt text printed
//   words-language        the book's language has no words table: English words
//   image-missing         a local image was not found (alt text and URL printed)
//   image-remote          a remote image is not downloaded (alt text and URL printed)
//   link-unresolved       a link to a page or anchor that is not in the booklet
//   link-unsafe           a javascript:/data:/file: link, printed as text
//   link-too-long         a link target over 2048 bytes, printed as text
//   markdown-budget       over 2000 '[' in one paragraph: the rest print as written
//   link-budget           more than 5000 links on a page: the rest are text (one warning)
//   path-outside (error)  an image whose real path leaves the content roots (a
//                         symbolic link or "../" out of the booklet's folders)
//   heading-id-duplicate  the same {#id} was given to two headings
//   front-matter (error), front-matter-date, front-matter-key
//                         from source::check_front_matter, run on every page
//   page errors from source::read_page (encoding, yaml-syntax, ...) as errors
// Must not: know about styles, fonts or output formats; read anything but the
//   manifest's pages; fetch anything.
#pragma once

#include "booklet/diagnostics.hpp"
#include "booklet/model.hpp"
#include "booklet/source.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::markdown {

// Builds the whole document: reads every page of the manifest. Per-page problems
// are reported to `diags` (errors included) and the page is skipped only when it
// cannot be read at all.
model::Document build_document(const source::Manifest& manifest, Diagnostics& diags);

// The same for pages already read (tests, fuzzing): never throws on any page text.
model::Document build_document_from_pages(const source::Manifest& manifest,
                                          const std::vector<source::SourcePage>& pages, Diagnostics& diags);

// Lints a built document for `booklet check`: pages of the manifest that are gone,
// local images that are missing, links that cannot be followed inside the booklet,
// heading ids given twice, chapter ids that are not unique, each with file:line.
// Each finding has the severity `booklet build` gives the same problem (a page that
// is gone and a chapter id used twice are errors, the rest warnings), and one that
// build_document already put into `diags` (same position and kind) is not repeated,
// so the same sink can be passed to both.
void check_document(const source::Manifest& manifest, const model::Document& document, Diagnostics& diags);

// Lower-cased ASCII slug as heading ids use ("Why we protest" -> "why-we-protest").
std::string slugify(std::string_view text);

// How a page file is named in the booklet (see document.cpp for the rule):
// "digitale-hersenen.nl.md" -> id "digitale-hersenen", base "digitale-hersenen",
// lang "nl"; "about.md" -> id "about", base "about", lang "".
struct PageName {
    std::string id;    // chapter id (before making it unique)
    std::string base;  // the file name without language and extension
    std::string lang;  // from "name.LANG.md", else ""
};
PageName page_name(const std::filesystem::path& page);

}  // namespace booklet::markdown
