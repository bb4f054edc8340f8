// Citations: every link of the book decided once, for print and for the EPUB.
//
// Input:  model::Document (links already resolved and their schemes accepted or
//         refused by the markdown stage), the style's LinkPolicy, the build time.
// Output: Citations —
//   - per link (model::Link), in reading order: its kind; how its address shows on
//     paper (a numbered note, the text itself, in parentheses inside a note, or
//     not at all); its note number under the style's numbering; the text it was
//     cited for; its chapter; the address as linked and as printed; whether the
//     Sources list lists it, and under which entry;
//   - per picture that no format can show (a remote image, never fetched, or a
//     missing file) but that has a web address: the same as for a link, its
//     description standing for the link text;
//   - per GFM footnote call (model::FootnoteRef) its note number: footnotes and
//     address notes share one sequence at the page foot;
//   - the Sources list: by chapter, one entry per address, in order of first
//     citation, numbered 1..n through the book; each entry with the texts it was
//     cited for (and which links cited them), the link title when the Markdown
//     gives one, and the access date when the style asks for it.
// Reading order: a chapter's blocks in order; a footnote's text is read where it
//   is first called (that is where the page shows it); footnotes never called
//   come last and list nothing.
// Numbering: per_book counts through the book, per_chapter from 1 in each
//   chapter, every call its own number, so the notes at a page foot always run in
//   order. per_page numbers depend on pages: they are 0 here and the page builder
//   sets them (in reading order, from 1 on each page; the same address called
//   twice on one page keeps one number). On paper one per_chapter rule depends on
//   pages too: a chapter whose first note shares a page with notes of the chapter
//   before it (it ran on) continues that count, so no page shows two notes "1";
//   layout's number_notes shifts these numbers then, and only then. The EPUB, with
//   a file per chapter, prints them as they are here.
// Invariants:
//   - Every Link, FootnoteRef and such ImageRef of the document's chapters and
//     footnotes has exactly one entry, found by its address: the Document must
//     outlive the Citations and must not move.
//   - Only external links and pages of the book with a web address are listed;
//     mail addresses and phone numbers get notes on paper but are no sources.
//   - A link inside another link, a refused and an unresolved link are plain
//     text everywhere: no note, no entry.
// Must not: know about pages, fonts or output formats; decide schemes (markdown
//   does).
#pragma once

#include "booklet/model.hpp"
#include "booklet/style.hpp"
#include "booklet/words.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace booklet::cite {

enum class Kind {
    external,    // a web address
    internal,    // a page of this book (and maybe its web address)
    mail,        // mailto:
    phone,       // tel:
    refused,     // a scheme a reader cannot follow, or no valid host (markdown warned)
    unresolved,  // a page or anchor that is not in the book (markdown warned)
};

// How a link's address shows on paper.
enum class Print {
    none,            // not at all: an internal page without web address, a style
                     // without URL notes, a refused or unresolved or nested link
    in_text,         // the link text shows it already (or the link has no text and
                     // shows its address as its text)
    note,            // a numbered note at the foot of the page
    in_parentheses,  // "text (address)": a link inside a footnote's text
};

struct Link {
    Kind kind = Kind::external;
    int chapter = 0;          // index into Document::chapters
    bool in_note = false;     // inside a footnote's text
    std::string url;          // the address it opens (external, mail, phone; internal: its
                              // web address, or "" when it has none)
    std::string printed;      // the address as a reader sees it: without "mailto:"/"tel:"
    std::string cited;        // the text it was cited for: the link text, plain; for a link
                              // without text what it shows instead (see `text_stand_in`)
    std::string text_stand_in;  // what shows as the link's text when it has none; "" when it
                                // has text (an address, or an internal page's title)
    std::string title;        // [text](url "title"), "" when none
    bool live = false;        // the writers make it a link; false for a refused, an
                              // unresolved and a nested link, which are plain text
    bool picture = false;     // the address of a picture that is not shown
    Print print = Print::none;
    int note = 0;             // Print::note: its number; 0 under per_page numbering
    int source = -1;          // index into Citations::sources, -1 when not listed
    friend bool operator==(const Link&, const Link&) = default;
};

// A GFM footnote call in the text.
struct FootnoteCall {
    int chapter = 0;
    const model::Footnote* footnote = nullptr;  // its text; nullptr when the label has none
    int note = 0;             // its number; 0 under per_page numbering or inside a note
    // A call inside a note, to a footnote the text itself never calls: on paper a
    // note has no notes of its own, so the footnote's text is printed at the call,
    // in parentheses (its links read there, as inside any note).
    bool in_parentheses = false;
    friend bool operator==(const FootnoteCall&, const FootnoteCall&) = default;
};

// One text an address was cited for, and the links (Citations::links indices) that
// cite it with that text, in reading order. The text comes without the quotation
// marks it may have had around it, since the Sources list puts it in quotes.
struct CitedText {
    std::string text;
    std::vector<std::size_t> links;
    // Whether the Sources list quotes the text. It does not when every text the
    // address was cited for is the address itself (a bare URL): the entry shows it
    // already, and only where it is cited is left to say.
    bool quoted = true;
};

struct Source {
    int number = 0;           // 1..n through the book
    int chapter = 0;
    Kind kind = Kind::external;  // external, or internal (a page of this book)
    std::string url;          // the address it opens
    std::string printed;
    std::string title;        // the first link title given, "" when none
    std::vector<CitedText> cited;  // in order of first citation
};

struct SourceGroup {
    int chapter = 0;
    std::vector<std::size_t> entries;  // Citations::sources indices, in number order
};

struct Citations {
    style::NoteNumbering numbering = style::NoteNumbering::per_chapter;
    std::vector<Link> links;             // in reading order
    std::vector<FootnoteCall> calls;     // in reading order
    std::vector<Source> sources;         // in number order
    std::vector<SourceGroup> groups;     // chapters with sources, in book order
    std::string accessed;                // the build date in the book's words ("June 1, 2025") when the
                                         // style dates the sources, else ""

    // The decision for a link or footnote call of the document these were made
    // from; nullptr for one made elsewhere (layout builds none; a hand-made one is
    // plain text).
    const Link* find(const model::Link& link) const;
    const FootnoteCall* find(const model::FootnoteRef& call) const;
    // Index in `links` of a link, or of a picture's address; -1 when there is none.
    std::ptrdiff_t index_of(const model::Link& link) const;
    std::ptrdiff_t index_of(const model::ImageRef& picture) const;

    std::unordered_map<const void*, std::size_t> link_index;  // model::Link or ImageRef -> links
    std::unordered_map<const model::FootnoteRef*, std::size_t> call_index;

private:
    std::ptrdiff_t index_at(const void* source) const;
};

// The cited links of each of a document's `chapters` chapters (Link::chapter), as
// Citations::links holds them: the index of its first and its links in reading
// order; `contiguous` is false when another chapter's link stands between two of
// its own (its links then cannot be moved as one run). What the layout and the
// EPUB writer keep of a chapter from one build to the next is keyed by them.
struct ChapterLinks {
    std::size_t first = 0;
    std::vector<Link> links;
    bool contiguous = true;
    friend bool operator==(const ChapterLinks&, const ChapterLinks&) = default;
};
std::vector<ChapterLinks> links_by_chapter(const Citations& cites, std::size_t chapters);

// Cites every link of `document`. `build_time` (seconds since the epoch, UTC) dates
// the sources when policy.sources_accessed. `words` are the book's words (with the
// style's and the manifest's labels): a picture without description is cited for
// words.image. Without them, the table of the document's language with the
// manifest's labels.
Citations cite_document(const model::Document& document, const style::LinkPolicy& policy, std::int64_t build_time,
                        const words::Words& words);
Citations cite_document(const model::Document& document, const style::LinkPolicy& policy, std::int64_t build_time);

// What stands for a picture that cannot be shown, in both formats and in Sources:
// its description (alt text, else title), else the book's word for a picture;
// never a file name.
std::string picture_description(const model::ImageRef& image, const words::Words& words);
// Whether a caption under that description would only say it again (the caption's
// text is the description): it is then left out, in both formats.
bool caption_repeats_description(const model::ImageRef& image, const model::Inlines& caption,
                                 const words::Words& words);

// Whether a link's text already shows its address (the same but for letter case
// and trailing slashes), so that printing it again would only repeat it.
bool text_shows_url(std::string_view text, std::string_view url);

}  // namespace booklet::cite
