// Internal to the EPUB writer: the plan of the book (file names, ids, resources,
// citations) that the content, navigation and package writers share.
#pragma once

#include "text.hpp"

#include "booklet/cite.hpp"
#include "booklet/diagnostics.hpp"
#include "booklet/epub.hpp"
#include "booklet/model.hpp"
#include "booklet/style.hpp"
#include "booklet/words.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace booklet::epub::detail {

struct TocNode {
    std::string label;
    std::string href;  // relative to the package document's folder
    std::vector<TocNode> children;
};

// A file in the container besides the generated XHTML: images, fonts.
struct Resource {
    std::string href;  // relative to the package document's folder: "images/001-logo.png"
    std::string id;
    std::string media_type;
    std::string data;
    std::string properties;  // "cover-image" or empty
    bool compress = true;
    int width = 0, height = 0;  // pixels of a picture; 0 when unknown (SVG, fonts)
};

struct FontFace {
    std::string family;  // CSS family name
    std::string href;    // relative to the package document's folder
    bool bold = false, italic = false;
};

// Where the chapter files put a cited link (cite::Citations::links index): for the
// Sources list's back-links and its "in this book" links.
struct CitationPlace {
    std::string back_href;      // "003-x.xhtml#cite-12" (relative to text/); "" when not written
    std::string internal_href;  // a page of this book: where it is in the book ("" otherwise)
};

struct ChapterPlan {
    const model::Chapter* chapter = nullptr;
    std::string file;     // "003-digital-brains.xhtml", in text/
    std::string item_id;  // manifest id
    std::string lang;     // the document's lang attribute
    std::string title;    // never empty
    IdRegistry ids;
    std::string title_id;                            // id of the chapter's h1
    std::map<std::string, std::string> heading_ids;  // model id -> id in the file (first heading with it)
    std::map<const model::Heading*, std::string> id_of_heading;  // each heading's own id
    std::map<const model::Heading*, int> outline_level;  // 2..6: the level it is written at (no jumps)
    std::map<int, std::string> note_ids;             // footnote number -> aside id (first note with it)
    std::vector<std::string> note_sequence;          // aside id of each footnote, in order
    std::vector<TocNode> sections;
};

// A page-break marker waiting for its place (Settings::page_map).
struct PageMark {
    std::size_t page = 0;     // index in the page map
    int part = 0;             // page_map::Position::part
    std::size_t offset = 0;   // page_map::Position::offset
    friend bool operator==(const PageMark&, const PageMark&) = default;
};
using BlockPath = std::vector<int>;

// Where the page map's markers go in this EPUB, and where they went.
struct PagePlan {
    std::vector<std::size_t> title;     // pages that begin at the title page
    std::vector<std::size_t> contents;  // at the contents (nav.xhtml, in the spine)
    std::vector<std::map<BlockPath, std::vector<PageMark>>> chapters;  // per chapter, by block
    std::map<int, std::vector<PageMark>> sources;  // by Sources entry (-1: the list's start)
    std::vector<std::string> hrefs;     // per page, once written: "text/003-x.xhtml#page-12"
};

inline constexpr const char* kTextDir = "text/";

// Where an internal link goes (relative to text/), or nothing when its chapter is
// not in the book; with the warning the link gives, if any.
struct InternalHref {
    std::optional<std::string> href;
    std::optional<Diagnostic> warning;
    friend bool operator==(const InternalHref&, const InternalHref&) = default;
};

// A chapter's document and what rendering it read of the book beyond the
// chapter's own model, plan, page marks and cite decisions (ChapterInputs), and
// left in it. A watch session keeps it (KeptDocuments) and takes the document
// again when each read reads the same; either way the book ends in one state.
struct ChapterRender {
    std::string document;
    // Read, in order: each picture asked for (Book::image_href) and what it gave,
    // and each internal link resolved.
    struct PictureUse {
        model::ImageRef ref;
        SourcePos pos;
        std::optional<std::string> href;
        int width = 0, height = 0;
        std::vector<Diagnostic> warnings;  // given by that call
    };
    std::vector<PictureUse> pictures;
    struct InternalUse {
        model::LinkTarget target;
        SourcePos pos;
        InternalHref result;
    };
    std::vector<InternalUse> internal;
    // Left: the plan's ids once every id is claimed, the places of its cited
    // links, the hrefs of its page markers, counts, and every warning, in order.
    IdRegistry ids;
    std::map<std::size_t, CitationPlace> placed;  // by cited link
    std::vector<std::pair<std::size_t, std::string>> page_hrefs;
    int images_shown = 0;
    int images_without_alt = 0;
    Diagnostics warnings;
};

// Blocks nested deeper than this (hostile input) are written as plain text, and
// their headings get no ids; inlines deeper than this lose their markup.
inline constexpr int kMaxNesting = 48;

struct Book {
    Book(const model::Document& d, const cite::Citations& c, const style::Style& s, const Settings& t, Diagnostics& g)
        : document(d), cites(c), style(s), settings(t), diags(g), placed(c.links.size()) {}

    const model::Document& document;
    const cite::Citations& cites;
    const style::Style& style;
    const Settings& settings;
    Diagnostics& diags;

    std::string lang;  // the book's language, a valid tag
    words::Words words;  // the book's words (booklet/words.hpp), with the labels of style and manifest
    std::string identifier;  // "urn:uuid:..."
    std::string title;       // never empty

    std::vector<ChapterPlan> chapters;
    std::vector<Resource> images;
    std::vector<Resource> fonts;
    std::vector<FontFace> font_faces;
    std::vector<std::string> fallback_families;  // embedded fallback fonts, in order
    std::vector<CitationPlace> placed;  // per cited link
    std::optional<std::size_t> cover_image;  // index into images
    PagePlan pages;
    int images_shown = 0;
    int images_without_alt = 0;

    bool has_cover_page() const { return cover_image.has_value(); }
    bool has_title_page() const { return style.title_page || chapters.empty(); }
    std::size_t sources_parts = 0;  // files of the Sources list (render_sources), set before the package
    std::vector<std::string> sources_part_titles;  // per part: the chapter its first entry is filed under
    bool has_sources() const { return !cites.sources.empty(); }

    // The plan of the chapter with this model id, or nullptr when there is none.
    const ChapterPlan* find_chapter(const std::string& id) const;

    // The embedded image for a reference ("images/..."), adding it on first use;
    // nothing (and one warning per file, into `warnings`) when it is missing or
    // cannot be used.
    std::optional<std::string> image_href(const model::ImageRef& ref, const SourcePos& pos, Diagnostics& warnings);
    // The picture stored at an href image_href gave (an empty one for any other).
    const Resource& image_at(const std::string& href) const;
    // How many picture files image_href has been asked for; forget_pictures_after
    // undoes every first use since it was that many.
    std::size_t pictures_asked() const { return picture_order_.size(); }
    void forget_pictures_after(std::size_t asked);
    // Where an internal link from chapter `from` goes, and its warning. A missing
    // anchor falls back to the chapter's start.
    InternalHref internal_href(std::size_t from, const model::LinkTarget& target, const SourcePos& pos) const;

private:
    std::map<std::string, std::optional<std::size_t>> image_by_file_;
    std::vector<std::string> picture_order_;  // keys of image_by_file_, as first asked for
};

// The language of a passage, or "" when it is the surrounding one or not a tag.
std::string passage_lang(const std::string& lang, const std::string& surrounding);

// Whether inlines show anything (text or a picture): an empty heading is left out.
bool has_visible_content(const model::Inlines& children);

// Text of inlines without markup: for titles, labels, link texts.
std::string display_text(const model::Inlines& inlines);

// The page-break marker of page `page` (an index in the page map) with this id,
// written into `file` (relative to the package folder); the page list links to it.
std::string page_marker(Book& book, std::size_t page, const std::string& file, const std::string& id);
// The marker alone; its href is the caller's to note.
std::string page_marker_span(const Book& book, std::size_t page, const std::string& id);
// The id of page `page`'s marker where no other id can take it.
std::string page_marker_id(std::size_t page);

// XHTML documents, complete.
std::string xhtml_document(const std::string& lang, const std::string& title, const std::string& css_href,
                           const std::string& body_attributes, const std::string& body);
// Renders chapter `index`. Of the book it changes only the plan's ids and the
// pictures it asks for; the rest of what the chapter leaves is in the record, for
// apply_render.
ChapterRender render_chapter(Book& book, std::size_t index);
void apply_render(Book& book, const ChapterRender& render);

struct KeptChapterDocuments;
// Chapter `index`'s document: taken from `kept` (the last build's, may be null)
// when everything it read reads the same, else rendered (and kept there); the
// book ends in the same state either way.
std::string chapter_document(Book& book, std::size_t index, KeptChapterDocuments* kept);
// Before the chapters: forgets what another language or words made, notes what
// this build's chapters read.
void begin_chapters(const Book& book, KeptChapterDocuments& kept);
// The Sources list in parts of at most about kMaxSourcesPart bytes each, split
// between entries; sources_file names part 0, 1, ... in text/.
inline constexpr std::size_t kMaxSourcesPart = 200 * 1000;
struct SourcesPart {
    std::string document;
    std::string first_title;  // the chapter its first entry is filed under
};
std::vector<SourcesPart> render_sources(Book& book);
std::string sources_file(std::size_t part);
std::string render_cover(const Book& book);
std::string render_title_page(Book& book);
std::vector<TocNode> table_of_contents(const Book& book);
std::string render_nav(Book& book, const std::vector<TocNode>& toc);
std::string render_ncx(const Book& book, const std::vector<TocNode>& toc);
std::string render_package(const Book& book);
std::string render_css(const Book& book);

inline const char* kSourcesFile = "sources.xhtml";
inline const char* kCoverFile = "cover.xhtml";
inline const char* kTitleFile = "title.xhtml";
inline const char* kNavFile = "nav.xhtml";  // in the package folder, not text/
inline const char* kCssFile = "css/book.css";

}  // namespace booklet::epub::detail
