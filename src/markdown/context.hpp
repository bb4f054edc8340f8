// What the converters of one page share (internal to src/markdown): where the page
// is, how to report, and how to resolve links and images against the booklet.
#pragma once

#include "booklet/diagnostics.hpp"
#include "booklet/model.hpp"
#include "booklet/source.hpp"
#include "booklet/words.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::markdown {

// Nesting limits. Deeper Markdown containers and HTML elements are flattened into
// their parent (their text is kept), so the model stays shallow enough for every
// later stage to walk recursively, whatever the input.
inline constexpr int kMaxBlockDepth = 32;
inline constexpr int kMaxInlineDepth = 32;

// The longest link target taken as a link (browsers and sitemaps stop near 2,000
// bytes). A longer one would be printed in full as a note on every page its text
// reaches, so its cost grew with the square of its length; it is plain text instead.
inline constexpr std::size_t kMaxUrlBytes = 2048;

// The most links on one page (the longest site page has about 150): each one is a
// note call in the PDF, and layout works per call.
inline constexpr int kMaxLinksPerPage = 5000;

// The most '[' cmark-gfm is given in one paragraph (its inline parser is quadratic
// in them); the rest are escaped and print as written, with one warning.
inline constexpr std::size_t kMaxOpenersPerParagraph = 2000;

// Every page of the booklet, by the names a link may use for it.
struct PageIndex {
    std::map<std::string, std::string> site_paths;  // "/digitale-hersenen" -> chapter id
    std::map<std::string, std::string> files;       // generic path, with and without ".md" -> id

    friend bool operator==(const PageIndex&, const PageIndex&) = default;
};

// A file a picture was looked for as, and what was there: its real path when it
// was a regular file, nothing when it was not (what a kept page's conversion
// depends on besides its text).
struct LookedUp {
    std::filesystem::path file;
    std::optional<std::filesystem::path> real;

    friend bool operator==(const LookedUp&, const LookedUp&) = default;
};

struct PageContext {
    const source::Manifest* manifest = nullptr;
    const PageIndex* index = nullptr;
    Diagnostics* diags = nullptr;
    std::string chapter_id;
    std::string display;              // the page's name in diagnostics
    std::filesystem::path page_dir;   // folder of the page file
    std::string lang;                 // the chapter's language
    const words::Words* words = nullptr;  // the book's words in that language
    int first_line = 1;               // file line of the body's first line
    std::map<std::string, int> dropped;  // element name -> how many were dropped
    int links_seen = 0;               // links resolved so far (kMaxLinksPerPage)
    std::vector<int> dropped_lines;   // file lines where something was left out (a heading
                                      // over nothing but these goes too)
    std::vector<int> source_line;     // body line as cmark sees it (after template syntax
                                      // was read) -> body line of the page; empty: the same
    std::vector<LookedUp>* looked_up = nullptr;  // where to note each picture lookup, if anywhere

    // A position in the body (cmark lines are 1-based within the body).
    SourcePos at(int body_line, int column) const {
        if (body_line > 0 && static_cast<std::size_t>(body_line) <= source_line.size())
            body_line = source_line[static_cast<std::size_t>(body_line) - 1];
        return {display, body_line > 0 ? body_line + first_line - 1 : 0, body_line > 0 ? column : 0};
    }
    void warn(const SourcePos& pos, KindName kind, std::string message) const {
        diags->warning(pos, kind, std::move(message));
    }
    // One warning per dropped construct, counted for the page summary.
    void drop(std::string_view element, const SourcePos& pos, bool address_printed = false);
    // A component (<NewsletterSignup />) that leaves nothing to print: also counted.
    void empty_component(const std::string& name, const SourcePos& pos) {
        warn(pos, "html-component", "component <" + name + "> has no printable content");
        ++dropped[name];
        dropped_lines.push_back(pos.line);
    }
};

// links.cpp: the URL policy. Internal links carry the href as written in `url`;
// their anchors are checked once every chapter exists (see document.cpp).
model::LinkTarget resolve_link(PageContext& ctx, std::string_view href, const SourcePos& pos);

// images.cpp: local files are looked up next to the page and in the asset folders;
// remote ones are never fetched.
model::ImageRef resolve_image(PageContext& ctx, std::string_view src, std::string alt, std::string title,
                              const SourcePos& pos);
// Whether every lookup resolve_image noted would find the same now.
bool still_found(const std::vector<LookedUp>& looked_up);
// An alt text that is a file name ("IMG_2041.jpg", or the image's own file name
// with or without extension) describes nothing; resolve_image drops it, warning.
bool alt_is_file_name(std::string_view alt, std::string_view src);
// http://, https:// (any case) or //host: an image resolve_image does not look for.
bool is_remote_image(std::string_view src);

// attribution.cpp: splits "— Name, Source" off the end of a quote.
void split_attribution(model::BlockQuote& quote);

// Paragraphs whose only content is images become one Figure per image (caption from
// the title, else the alt text). Returns true when the last block made is a Figure.
bool make_paragraph_blocks(model::Inlines inlines, const SourcePos& pos, model::Blocks& out);

}  // namespace booklet::markdown
