// Pages as display lists: the output of layout and the only input of the PDF writer
// (and of imposition, which rearranges pages into sheets).
//
// Coordinates are sp from the page's top-left corner, y downwards. A Book carries
// everything a writer needs (font programs, decoded images) so that writers never
// reach back into fonts, styles or the model.
#pragma once

#include "booklet/glyphs.hpp"
#include "booklet/page_map.hpp"
#include "booklet/units.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace booklet::pages {

// How a writer stores a raster's colour samples. The alpha channel is always
// stored losslessly (a PDF /SMask), whatever this says.
enum class RasterCompression : std::uint8_t {
    lossless,   // exact samples (PDF: FlateDecode): graphics, text, screenshots
    jpeg,       // baseline JPEG at Raster::jpeg_quality (PDF: DCTDecode): photographs
    palette,    // indexed colour, at most 256 RGBA entries, dithered: a photograph with
                // transparency where no soft mask can go beside a JPEG (an EPUB's image
                // file); a writer without indexed colour stores it lossless
};

// A raster's samples as a print writer stores them (image::prepare_for_print).
// Layout encodes each picture where it prepares it, so that the book holds a few
// hundred kilobytes of encoded pictures rather than megabytes of samples until
// the writer runs.
struct EncodedSamples {
    std::string colour;  // compression jpeg: a baseline JPEG file; otherwise the
                         // samples deflated (zlib format, no predictor)
    std::string alpha;   // the alpha samples deflated; empty when every pixel is opaque
    friend bool operator==(const EncodedSamples&, const EncodedSamples&) = default;
};

// A decoded bitmap: 8-bit samples, rows top to bottom, no padding; or, once
// encoded, its size and the encoded samples alone.
struct Raster {
    int width = 0;
    int height = 0;
    int channels = 3;                   // 1 = gray, 3 = RGB
    std::vector<std::uint8_t> pixels;   // width * height * channels; empty when encoded
    std::vector<std::uint8_t> alpha;    // width * height, empty when opaque or encoded
    std::optional<EncodedSamples> encoded;  // set: pixels and alpha are empty
    double dpi_x = 0, dpi_y = 0;        // from the file when it says, else 0
    bool lossy_source = false;          // set by the decoder: the file was JPEG or lossy WebP
    RasterCompression compression = RasterCompression::lossless;  // chosen by layout
    int jpeg_quality = 85;              // 1..100, used when compression is jpeg
    friend bool operator==(const Raster&, const Raster&) = default;
};

// Tagged PDF (PDF 1.7, 14.7-14.8; PDF/UA-1): the logical structure of the book,
// decided by layout and rendered by the PDF writer. Every item on a page names the
// structure element it belongs to, or kArtifact for what is not content (running
// heads, folios, rules, shading, crop marks).
using ElementId = std::int32_t;
inline constexpr ElementId kArtifact = -1;

// The standard structure types booklet uses (PDF 1.7, 14.8.4); the writer names
// them, nothing needs a RoleMap.
enum class StructRole : std::uint8_t {
    document, part, sect, heading, paragraph, list, list_item, label, list_body, block_quote, code,
    table, table_head, table_body, table_row, table_header, table_data, figure, caption, note,
    reference, link, toc, toc_item,
    div,  // a grouping of no meaning of its own: holds the overflow of a part with very many kids
};

enum class HeaderScope : std::uint8_t { none, column, row };

// A list's /ListNumbering (PDF 1.7, table 347): the numbers of its labels, or the
// bullet it draws. A bullet the list names this way is decoration, drawn as an
// artifact with no Lbl element; a label it cannot name (an en dash, a task box,
// a number) is read as the item's Lbl.
enum class ListNumbering : std::uint8_t { none, disc, circle, decimal };

struct StructElement {
    StructRole role = StructRole::paragraph;
    ElementId parent = kArtifact;      // kArtifact for the root (the Document)
    int level = 0;                     // heading: 1..6, never more than one below the heading before
    std::string alt;                   // figure: the alternate description
    std::string lang;                  // BCP 47 when it differs from the parent's
    HeaderScope scope = HeaderScope::none;  // table_header
    ListNumbering numbering = ListNumbering::none;  // list
    // Notes are read after the text of the element that calls them, not where
    // their marker stands.
    bool after_content = false;

    friend bool operator==(const StructElement&, const StructElement&) = default;
};

// Elements in book order: a parent before its children, siblings in reading order
// (a floated figure keeps its place in the text). Empty: the book is not tagged.
struct Structure {
    std::vector<StructElement> elements;
    bool empty() const { return elements.empty(); }
    friend bool operator==(const Structure&, const Structure&) = default;
};

struct FontProgram {
    std::string postscript_name;
    std::shared_ptr<const std::vector<std::uint8_t>> data;  // the whole font file
    unsigned face_index = 0;
    int units_per_em = 1000;
    int ascender = 0, descender = 0;   // font units, descender negative
    int cap_height = 0;
    int x_min = 0, y_min = 0, x_max = 0, y_max = 0;  // font bounding box, font units
    double italic_angle = 0;
    bool fixed_pitch = false;
    bool serif = false;
    bool italic = false;
    bool bold = false;
    // Tells this font's data from any other's (shape::FontRegistry::Identity: a
    // SHA-256 of the file's size, the face and its table directory); all zero when
    // unknown. A `watch` session keeps a font's subsets under it.
    std::array<std::uint8_t, 32> identity{};
    // Whether the identity is known (not all zero): only then may what is made
    // from the font be kept under it.
    bool identified() const {
        for (const std::uint8_t b : identity)
            if (b != 0) return true;
        return false;
    }
    friend bool operator==(const FontProgram&, const FontProgram&) = default;
};

struct TextItem {
    Sp x = 0, y = 0;      // baseline origin of the run (run.x already included)
    GlyphRun run;
    std::string actual_text;  // when non-empty, what the run should extract as
    ElementId element = kArtifact;
    // The line ends after this run at a space the line break took: the text
    // extracts with that space (PDF 1.7, 14.8.2.5: word breaks are explicit), so
    // "end of" + "line" is never read as "end ofline".
    bool space_after = false;
    friend bool operator==(const TextItem&, const TextItem&) = default;
};

struct RuleItem {         // a straight line
    Sp x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    Sp thickness = 0;
    Color color = kBlack;
    ElementId element = kArtifact;
    friend bool operator==(const RuleItem&, const RuleItem&) = default;
};

struct RectItem {         // a filled rectangle (table shading, QR modules)
    Rect rect;
    Color fill = kBlack;
    ElementId element = kArtifact;
    friend bool operator==(const RectItem&, const RectItem&) = default;
};

struct ImageItem {
    Rect rect;                              // where the image is drawn
    std::shared_ptr<const Raster> raster;   // shared between uses of the same image
    std::string actual_text;                // extraction text (emoji), empty for pictures
    std::string alt;                        // alternate description for pictures
    ElementId element = kArtifact;
    // The same picture: the same shared raster.
    friend bool operator==(const ImageItem&, const ImageItem&) = default;
};

using Item = std::variant<TextItem, RuleItem, RectItem, ImageItem>;

inline ElementId element_of(const Item& item) {
    return std::visit([](const auto& it) { return it.element; }, item);
}
inline void set_element(Item& item, ElementId element) {
    std::visit([&](auto& it) { it.element = element; }, item);
}

// Moves an item on its page (composition places boxes, imposition places pages).
inline void translate(Item& item, Sp dx, Sp dy) {
    std::visit(
        [&](auto& it) {
            using T = std::decay_t<decltype(it)>;
            if constexpr (std::is_same_v<T, TextItem>) {
                it.x += dx;
                it.y += dy;
            } else if constexpr (std::is_same_v<T, RuleItem>) {
                it.x0 += dx;
                it.x1 += dx;
                it.y0 += dy;
                it.y1 += dy;
            } else {
                it.rect.x += dx;
                it.rect.y += dy;
            }
        },
        item);
}

// Appends copies of `items` to `to`, each moved by (dx, dy).
inline void append_translated(std::vector<Item>& to, const std::vector<Item>& items, Sp dx, Sp dy) {
    for (Item item : items) {
        translate(item, dx, dy);
        to.push_back(std::move(item));
    }
}

// The same, taking the items themselves.
inline void append_translated(std::vector<Item>& to, std::vector<Item>&& items, Sp dx, Sp dy) {
    for (Item& item : items) {
        translate(item, dx, dy);
        to.push_back(std::move(item));
    }
    items.clear();
}

// What a piece of the page is, as composition knew it. Checks ("is this body
// text?") and dumps read the role; nothing guesses it from sizes or positions.
enum class Role : std::uint8_t {
    body,           // running text of a chapter: paragraphs, list items, details
    heading,        // a section heading inside a chapter
    chapter_title,  // the title that opens a chapter, the contents or the Sources
    quote,          // text inside a block quote
    attribution,    // the source line under a quote
    code,           // a line of a code block
    caption,        // a figure's caption, or the description of a missing picture
    table_cell,     // a table row, header or body
    figure,         // a picture
    rule,           // a thematic break
    note,           // a note at the page foot: an address or a GFM footnote
    contents,       // an entry of the table of contents
    sources,        // the Sources list: its chapter headings and entries
    title_page,     // the title page's text
    running,        // a running head or folio
    qr_code,        // a QR code and the address under it
    imprint,        // the imprint and the back cover's colophon
};

inline const char* role_name(Role r) {
    switch (r) {
    case Role::body: return "body";
    case Role::heading: return "heading";
    case Role::chapter_title: return "chapter-title";
    case Role::quote: return "quote";
    case Role::attribution: return "attribution";
    case Role::code: return "code";
    case Role::caption: return "caption";
    case Role::table_cell: return "table-cell";
    case Role::figure: return "figure";
    case Role::rule: return "rule";
    case Role::note: return "note";
    case Role::contents: return "contents";
    case Role::sources: return "sources";
    case Role::title_page: return "title-page";
    case Role::running: return "running";
    case Role::qr_code: return "qr-code";
    case Role::imprint: return "imprint";
    }
    return "body";
}

// One line of a page as it was set: for dumps and checks, never drawn.
struct TextLine {
    Role role = Role::body;
    int column = -1;                // frame of the text block; -1 outside it (running heads)
    Sp x = 0, baseline = 0;         // where the line box stands on the page
    Sp width = 0, height = 0;       // natural width; height above the baseline
    std::string text;               // what it shows; raised text as "^1", lowered as "_2"
    friend bool operator==(const TextLine&, const TextLine&) = default;
};

struct LinkArea {
    Rect rect;
    std::string uri;                // external link; empty for an internal one
    int target_page = -1;           // internal: 0-based page index
    Sp target_y = 0;                // internal: position on that page
    ElementId element = kArtifact;  // its Link structure element
    std::string description;        // what the link is, for assistive technology (/Contents)
    // Internal: the anchor it leads to ("chapter#heading"), the name of its place
    // in the PDF (a named destination), so that the link's own bytes stay as they
    // are when its target moves; empty: the place is given as it is.
    std::string target_name;
    friend bool operator==(const LinkArea&, const LinkArea&) = default;
};

struct Page {
    Sp width = 0, height = 0;
    std::vector<Item> items;        // drawn in order
    std::vector<LinkArea> links;
    std::string label;              // printed page number ("iii", "12"), may be empty
    std::vector<TextLine> lines;    // in reading order: text block columns, then their notes
    friend bool operator==(const Page&, const Page&) = default;
};

struct OutlineEntry {
    std::string title;
    int level = 1;                  // 1 = chapter, 2 = section, ...
    int page = 0;
    Sp y = 0;
    friend bool operator==(const OutlineEntry&, const OutlineEntry&) = default;
};

struct DocumentInfo {
    std::string title, author, subject, keywords, creator;
    std::string language;           // BCP 47, the catalog's /Lang
    std::int64_t date = 0;          // seconds since the epoch, UTC (SOURCE_DATE_EPOCH or manifest date)
    // Bound at the right, as a right-to-left book is (layout decides it from the
    // language): imposition mirrors each sheet side, the PDF asks viewers to show
    // its spreads right to left (/Direction /R2L).
    bool bound_right = false;
    friend bool operator==(const DocumentInfo&, const DocumentInfo&) = default;
};

struct Book {
    std::vector<Page> pages;
    std::vector<FontProgram> fonts;       // indexed by FontId
    std::vector<OutlineEntry> outline;    // in document order
    DocumentInfo info;
    Structure structure;                  // empty: an untagged PDF (imposed sheets, tagging off)
    // Where each page begins in the model, for the EPUB's page list: one entry per
    // page of the laid-out book (imposition leaves it empty; sheets are no pages).
    page_map::PageMap page_map{};
    friend bool operator==(const Book&, const Book&) = default;
};

}  // namespace booklet::pages
