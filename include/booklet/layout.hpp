// Layout: the document model and a style to pages of positioned glyphs.
//
// Input:  model::Document, its cite::Citations, style::Style (lengths in sp, fonts
//         as files), the FontRegistry, hyphenation dictionaries, Settings (build time).
// Output: pages::Book — per page a display list (glyph runs, rules, rectangles,
//         images), link areas and its lines with their roles; the outline; document
//         info; Book::fonts indexed by FontId (programs of the fonts drawn, empty
//         placeholders for the others).
// Steps (TeX's model): blocks are styled and set through the text engine into a
//   vertical list of line boxes, glue and penalties (headings keep with what
//   follows; widow and orphan lines are forbidden breaks; figures keep their
//   captions; table rows are unbreakable and carry their header row); each box
//   carries the footnote insertions of the note numbers it shows; the page builder
//   fills pages so that a line lands only where its notes fit, and a figure that
//   does not fit the rest of a page shrinks (down to images.min_shrink) or floats
//   to the top of the next page while the text after it fills the page; per-page
//   note numbers follow the reading order that results; furniture (title
//   page, running heads, contents, Sources list) is added; all of it repeats until
//   page references and note numbers printed by a pass are the ones it produced.
//   Last, pictures are prepared for the writers: a raster finer than the style's
//   images.max_ppi at its largest placement is reduced to it (image::resample),
//   and photographs (a lossy source, or image::looks_photographic) get
//   RasterCompression::jpeg at images.jpeg_quality. Uses of one raster keep
//   sharing one (new) raster.
// Invariants:
//   - Every link the cite stage gave a note (cite::Print::note) has a
//     superscript number, and that number's note (the full URL, broken only at
//     / . - _ ? & = #, never hyphenated) is printed at the foot of the same page.
//     Layout decides nothing about links: it renders the cite stage's decisions.
//   - A URI link area covers every line piece of a link and every printed URL.
//   - No text is placed outside the text block except running heads and folios.
//   - Deterministic: no clock, locale or unordered iteration reaches the output.
// Must not: call a writer, touch files other than reading images and the picture
//   cache it is given, or change the model.
#pragma once

#include "booklet/cite.hpp"
#include "booklet/diagnostics.hpp"
#include "booklet/hyphenate.hpp"
#include "booklet/model.hpp"
#include "booklet/pages.hpp"
#include "booklet/shape.hpp"
#include "booklet/style.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace booklet {
class ReleaseLater;
}  // namespace booklet

namespace booklet::image {
class PictureCache;
}  // namespace booklet::image

namespace booklet::layout {

struct TextCache;     // paragraphs shaped and set, keyed by content (layout's own type)
struct KeptChapters;  // chapters as a session's last layout composed them (layout's own type)
struct KeptPictures;  // picture files and prepared rasters of a session's last build (layout's own type)

// What the paragraphs kept set between builds (in the picture cache's folder) did
// for a layout_book call: paragraphs found there, set anew, and kept of those for
// the next build; whether a new pack was written.
struct StoredParagraphs {
    std::size_t found = 0, set = 0, kept = 0;
    bool written = false;
    // Layouts whose first pass started where the last build of the same inputs
    // settled (layout/settlement.hpp), and of those the ones that settled there.
    std::size_t settlements_found = 0, settlements_taken = 0;
    friend bool operator==(const StoredParagraphs&, const StoredParagraphs&) = default;
};

struct Settings {
    std::int64_t build_time = 0;       // seconds since the epoch, for printed dates and PDF info
    // Pictures decoded and prepared by an earlier build (image::PictureCache), read
    // and filled by layout; nullptr: every picture is decoded and prepared here.
    // The Book is the same either way.
    image::PictureCache* picture_cache = nullptr;
    // Paragraphs shaped and set by an earlier build in the same FontRegistry
    // (KeptText), read and filled by layout; nullptr: a cache for this call alone.
    // The Book is the same either way.
    TextCache* text_cache = nullptr;
    // The chapters a session's last build composed (KeptText::chapters), read and
    // replaced by layout: unchanged chapters are taken, not composed again;
    // nullptr: none kept. The Book is the same either way.
    KeptChapters* kept_chapters = nullptr;
    // The document being laid out, shared: a session keeps it, for its next build
    // to compare its chapters with, instead of a copy of each chapter that
    // changed (1.6 ms a layout for the corpus's longest); nullptr: copied when kept.
    std::shared_ptr<const model::Document> document = nullptr;
    // The picture files a session's last build read and the rasters it prepared
    // (KeptText::pictures), read and replaced by layout: a file whose bytes are
    // those it read then is not checked, probed or looked up in the cache again;
    // nullptr: none kept. The Book is the same either way.
    KeptPictures* kept_pictures = nullptr;
    // What layout is done with that a session frees after the build (ReleaseLater);
    // nullptr: freed where it falls out of use.
    ReleaseLater* leftovers = nullptr;
    // false: the pictures are left as read, not prepared for print (a raster may
    // be a stand-in without pixels), for a Book that reaches no writer: the pages
    // laid out only for the EPUB's page list, which preparing them for a PDF that
    // is not written cost 0.25 s of the corpus's 0.5 s layout without a cache.
    bool prepare_pictures = true;
    // false: the pages carry no `lines` (the text each line of a page shows, which
    // `booklet inspect --dump lines` and the tests read, and no writer): a build of
    // the corpus laid out in 0.109 s without them, 0.120 s with (bench/README.md).
    bool text_lines = true;
    // The threads layout may use: with 2, the paragraphs an earlier build set (kept
    // in the picture cache) are read from their pack on a second thread, ahead of
    // the composing that asks for them. The Book is the same either way.
    int threads = 1;
};

// What `booklet watch` keeps from one build to the next, so that a rebuild shapes
// and breaks again only the paragraphs that changed: the fonts as loaded, and every
// paragraph as shaped and set in them, keyed by its text, its style and every
// option of the line breaker (never by time). It serves only a style with the same
// fonts (`made_for`); a build with other fonts makes a new one.
class KeptText {
public:
    explicit KeptText(style::Fonts made_for);
    ~KeptText();
    KeptText(const KeptText&) = delete;
    KeptText& operator=(const KeptText&) = delete;

    const style::Fonts& made_for() const { return made_for_; }
    shape::FontRegistry& fonts() { return fonts_; }
    TextCache* paragraphs() { return paragraphs_.get(); }
    KeptChapters* chapters() { return chapters_.get(); }
    KeptPictures* pictures() { return pictures_.get(); }
    // What the kept paragraphs did for the first build (nullopt: there was no
    // picture cache, or no build yet).
    std::optional<StoredParagraphs> stored() const;
    // Before each build: forgets the paragraphs and pictures the last build did not
    // use (the caches would otherwise grow with every edit) and what it noted of fonts.
    void next_build();
    // Once the writers are done with `book`, the last book layout_book drew with
    // these kept chapters: the items it holds of the kept layout (moved into its
    // pages, not copied) go back to that layout, for the next build to take. A
    // layout whose items are not given back is not taken from.
    void give_back(pages::Book& book);

private:
    style::Fonts made_for_;
    shape::FontRegistry fonts_;
    std::unique_ptr<TextCache> paragraphs_;
    std::unique_ptr<KeptChapters> chapters_;
    std::unique_ptr<KeptPictures> pictures_;
};

// Lays out the whole booklet. Deterministic: the same inputs give the same Book.
// Warnings (overfull pages, images that cannot be drawn, max_pages not reached,
// characters no font has) go to `diags`; bad style input throws booklet::Error.
// `citations` are the cite stage's decisions for `document`'s links (made with
// style.links); layout renders them and finishes per-page note numbers.
pages::Book layout_book(const model::Document& document, const cite::Citations& citations,
                        const style::Style& style, shape::FontRegistry& fonts,
                        hyphenate::Dictionaries& dictionaries, const Settings& settings, Diagnostics& diags);

// The page map of the book layout_book would make (pages::Book::page_map, an entry
// per page), found without drawing the pages: for a build that writes the EPUB
// alone, whose page list is the printed edition's. Warnings as layout_book's, but
// for those that drawing makes (a QR code with no room on the first page, pages
// beyond max_pages: layout-fit quotes the first of them).
page_map::PageMap layout_page_map(const model::Document& document, const cite::Citations& citations,
                                  const style::Style& style, shape::FontRegistry& fonts,
                                  hyphenate::Dictionaries& dictionaries, const Settings& settings,
                                  Diagnostics& diags);

}  // namespace booklet::layout
