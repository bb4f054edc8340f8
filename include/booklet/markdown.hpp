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
// Diagnostics: html-* (html-dropped, html-summary, html-component),
//   component-content, template-block, template-expression, template-leftover,
//   heading-empty, chapter-empty, image-alt-filename, image-template,
//   words-language, image-missing, image-remote, link-* (link-unresolved,
//   link-unsafe, link-scheme, link-host, link-placeholder, link-too-long,
//   link-budget), markdown-budget, heading-id-duplicate, path-outside (an error)
//   and, from source::check_front_matter on every page, front-matter (an error),
//   front-matter-date and front-matter-key: kinds of the one list in
//   booklet/diagnostic_kinds.hpp (docs/DIAGNOSTICS.md says what each means); page
//   errors from source::read_page (encoding, yaml-syntax, ...) are reported as errors.
// Must not: know about styles, fonts or output formats; read anything but the
//   manifest's pages; fetch anything.
#pragma once

#include "booklet/diagnostics.hpp"
#include "booklet/model.hpp"
#include "booklet/source.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::markdown {

// What a `booklet watch` session keeps of this stage from one build to the next:
// each page's bytes as read, their front matter and body, and the page's chapter
// as converted (before the steps that need every chapter: empty pages, anchors,
// links between pages, NFC), with the warnings the conversion gave and what its
// picture lookups found. A page is parsed again when its bytes changed, and
// converted again when they did, when its chapter id, the manifest or the index of
// pages its links resolve against changed, or when a file its pictures were looked
// up as appeared, went or now leads elsewhere. Pages a build did not read are
// dropped. One build at a time.
class KeptPages {
public:
    KeptPages();
    ~KeptPages();
    KeptPages(const KeptPages&) = delete;
    KeptPages& operator=(const KeptPages&) = delete;

    struct Impl;  // src/markdown/kept_pages.hpp
    Impl& impl() { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

// Builds the whole document: reads every page of the manifest. Per-page problems
// are reported to `diags` (errors included) and the page is skipped only when it
// cannot be read at all. With `kept`, unchanged pages are taken from it (the
// document and the diagnostics are those a build without it gives) and it is left
// holding this build's pages. Without `kept` the pages are read and converted on
// up to `threads` threads (the document and diagnostics the same on any number).
model::Document build_document(const source::Manifest& manifest, Diagnostics& diags, KeptPages* kept = nullptr,
                               int threads = 1);

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
