// Styles: how a booklet looks on paper and on screen, read from YAML.
//
// Input:  a style name ("booklet") or file, the styles folder, --set overrides.
// Output: a fully resolved Style: every length in sp, every font a file path,
//         inheritance (`extends:`) applied.
// Invariants: unknown keys, wrong types and impossible values (margins wider than
//   the page) are booklet::Error naming file, key and line. The same Style drives
//   the PDF layout and the EPUB's CSS. The schema is documented in docs/STYLES.md.
// Must not: load fonts (it only locates files, through fontconfig for system
//   families) or know about the model. No yaml-cpp or fontconfig type leaves src/style.
#pragma once

#include "booklet/diagnostics.hpp"
#include "booklet/units.hpp"

#include <array>
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace booklet::style {

enum class Align { justify, left, center, right };

// The smallest font size a style may set: below it text is there but unreadable
// (a body of 0.0001pt prints invisible text), so a smaller size is an error.
inline constexpr Sp kMinFontSize = 4 * 65536;

// One face of a font file. A collection (.ttc, as Debian's fonts-noto-cjk ships)
// holds several, numbered from 0: "Noto Serif CJK SC" is face 2 of
// NotoSerifCJK-Regular.ttc, and its face 0 (the Japanese one) would draw Chinese
// text with Japanese glyph forms.
struct FontFile {
    std::filesystem::path path;
    unsigned face = 0;

    bool empty() const { return path.empty(); }
    bool operator==(const FontFile&) const = default;
};

struct FontFamily {
    std::string name;                    // for CSS and messages: "Noto Serif"
    FontFile regular, italic, bold, bold_italic;  // resolved files; a face the
                                         // style leaves out repeats the nearest one given
                                         // (italic, bold -> regular; bold_italic -> bold)
    bool operator==(const FontFamily&) const = default;
};

// What a character that no font has makes of the build: a warning (drawn as a
// placeholder), or an error, so that nothing is written.
enum class MissingGlyphs { warn, error };

struct Fonts {
    FontFamily body, heading, mono;
    // A role's face, the body face and these make the shaper's chain of fonts, and
    // a hyphen is shaped with the font of the letter before it put ahead of them:
    // 16 at most (shape::FontChain::kMaxFonts).
    static constexpr std::size_t kMaxFallbacks = 13;
    std::vector<FontFile> fallbacks;     // tried in order after the role's family
    bool color_emoji = true;             // use the system's colour emoji font when installed
    bool system_fallback = true;         // ask fontconfig for a font when the chain lacks a character
    MissingGlyphs missing_glyphs = MissingGlyphs::warn;
    bool operator==(const Fonts&) const = default;
};

enum class FontRole { body, heading, mono };

// The look of one kind of block.
struct TextStyle {
    FontRole font = FontRole::body;
    bool bold = false;
    bool italic = false;
    Sp size = sp_from_pt(10);
    Sp leading = sp_from_pt(13);         // baseline to baseline
    Sp space_before = 0;
    Sp space_after = 0;
    Sp first_indent = 0;                 // first line indent
    Align align = Align::justify;
    bool hyphenate = true;
    Color color = kBlack;
    bool uppercase = false;
    friend bool operator==(const TextStyle&, const TextStyle&) = default;
};

struct PageStyle {
    std::string size_name = "A5";        // as written, for messages
    Sp width = sp_from_mm(148), height = sp_from_mm(210);
    Sp margin_top = sp_from_mm(15), margin_bottom = sp_from_mm(18);
    Sp margin_inner = sp_from_mm(17), margin_outer = sp_from_mm(13);
    bool two_sided = true;               // inner/outer mirror on even pages
    int columns = 1;
    Sp column_gap = sp_from_mm(6);
    friend bool operator==(const PageStyle&, const PageStyle&) = default;
};

// Where note numbers restart: on every page, in every chapter, or never.
enum class NoteNumbering { per_chapter, per_page, per_book };

// How links are cited; read by the cite stage, which decides every link once.
struct LinkPolicy {
    bool footnote_urls = true;           // print every external URL as a footnote on its page
    NoteNumbering numbering = NoteNumbering::per_chapter;
    bool sources_list = false;           // closing Sources chapter (PDF); the EPUB always has one
    bool sources_accessed = false;       // each Sources entry says "accessed <build date>"
    bool page_references = true;         // internal links get "→ p. 12"
    bool qr_codes = false;               // QR code beside the URL footnotes of chosen links:
    std::size_t qr_min_length = 0;       //   only URLs at least this many bytes long
    std::vector<std::string> qr_only;    //   only URLs starting with one of these (empty = all)
    Sp qr_size = sp_from_mm(12);         //   printed width of the code, quiet zone included
    friend bool operator==(const LinkPolicy&, const LinkPolicy&) = default;
};

// Whether the style puts a QR code beside the footnote of this URL.
bool wants_qr_code(const LinkPolicy& links, std::string_view url);

// The line above the footnotes at a page foot.
struct FootnoteArea {
    Sp rule_length = sp_from_mm(20);
    Sp rule_thickness = sp_from_pt(0.4);
    Sp gap = sp_from_pt(6);              // from the last text line to the rule, and rule to notes
    friend bool operator==(const FootnoteArea&, const FootnoteArea&) = default;
};

// The manifest's `qr: URL` (the booklet's online home) as a QR code: on the cover
// (the title page, or the first page when there is none) or on the last page.
enum class HomeQrPlace { none, cover, back_page };
struct HomeQr {
    HomeQrPlace place = HomeQrPlace::back_page;
    Sp size = sp_from_mm(30);            // printed width, quiet zone included
    friend bool operator==(const HomeQr&, const HomeQr&) = default;
};

// A header or footer line: left/centre/right templates with {title}, {chapter},
// {page}, {date} placeholders; mirrored on even pages when two-sided.
struct RunningLine {
    std::string left, center, right;
    bool on_chapter_openings = false;
    Sp gap = sp_from_mm(5);              // between the line's baseline and the text area
    friend bool operator==(const RunningLine&, const RunningLine&) = default;
};

// How a chapter begins: on a new page of either side, on a right-hand page (a
// blank left-hand page before it when needed), or running on after the previous
// chapter with a heading break.
enum class ChapterOpening { new_page, recto, run_on };

struct ChapterRules {
    ChapterOpening opening = ChapterOpening::new_page;
    int recto_min_pages = 0;             // recto: only chapters of at least this many pages open on a
                                         // right-hand page, shorter ones on the next page (0 = all)
    int spill_lines = 3;                 // a chapter whose last page would hold at most this many lines
                                         // is pulled back onto the page before if it can be (0 = never)
    double space_shrink = 0.3;           // ...and to that end the space between blocks on its last pages
                                         // may shrink by up to this share of its size
    double run_on_fill = 0;              // new_page, recto: a chapter runs on below the one before when
                                         // that one's last page is filled no lower than this share of
                                         // its height (0 = never)
    Sp sink = sp_from_mm(20);            // extra space above a chapter title

    bool new_page() const { return opening != ChapterOpening::run_on; }
    friend bool operator==(const ChapterRules&, const ChapterRules&) = default;
};

// How the contents shows page numbers: right-aligned after a row of dots, right-
// aligned alone, or right after the title.
enum class TocNumbers { leaders, tab, after };

// The last page kept free for the back cover: text never runs onto it, and blank
// pages before it make the page count a multiple of `pad_to` (4 for a folded booklet).
struct BackCover {
    bool enabled = false;
    bool colophon = false;               // print the colophon on it (typefaces, "made with booklet")
    int pad_to = 1;
    friend bool operator==(const BackCover&, const BackCover&) = default;
};

// How `booklet build --impose` puts pages on sheets.
enum class ImposeScheme {
    booklet,                             // two-up, folded and nested (saddle stitch; signatures when long)
    cut_stack,                           // two-up, the printed stack cut in half and the halves stacked
    trifold,                             // three panels a side on one sheet, folded in three (a leaflet)
};

struct Imposition {
    std::string sheet = "A4";            // the sheet the pages are imposed on
    Sp sheet_width = sp_from_mm(297), sheet_height = sp_from_mm(210);  // landscape
    bool crop_marks = false;
    Sp bleed = 0;
    ImposeScheme scheme = ImposeScheme::booklet;
    int max_sheets = 12;                 // booklet: more sheets than this are not nested as one but
                                         // imposed as signatures (sections folded and gathered)
    int signature_sheets = 4;            // sheets per signature
    Sp paper_thickness = 0;              // creep compensation: each sheet's pages move toward the
                                         // fold by this times the sheet's depth in its section (0 = off)
    friend bool operator==(const Imposition&, const Imposition&) = default;
};

struct Fit {                             // handout max_pages fitting
    int max_pages = 0;                   // 0 = no limit
    bool save_sheets = false;            // a booklet whose last sheet needs blank pages tries denser
                                         // variants (contents beside the imprint, chapters run on)
    double min_size_ratio = 0.85;        // shrink body size down to this factor at most
    double min_leading_ratio = 0.85;
    friend bool operator==(const Fit&, const Fit&) = default;
};

// Pictures in the PDF: a raster finer than max_ppi where it is printed is reduced
// to max_ppi (its largest placed size decides), and photographs (JPEG or lossy
// WebP files, or pictures that look photographic) are stored as JPEG. A figure
// that does not fit the rest of a page shrinks down to min_shrink of its size
// before it floats to the top of the next page.
struct ImageStyle {
    int max_ppi = 300;                   // 0 = keep every image at full resolution
    int jpeg_quality = 85;               // 1..100; 0 = store every image losslessly
    double min_shrink = 0.75;            // 0.5..1 of the natural placed height; 1 = never shrink
    friend bool operator==(const ImageStyle&, const ImageStyle&) = default;
};

struct EpubStyle {                      // the EPUB's CSS takes sizes, colours and spacing
                                         // from the same Style, relative to body.size
    bool embed_fonts = false;
    int image_max_side = 1600;           // pixels on a picture's long side; 0 = no limit
    bool page_list = true;               // the printed edition's page breaks and page list
    friend bool operator==(const EpubStyle&, const EpubStyle&) = default;
};

// contents.depth auto: beyond this many chapters the contents lists chapters only,
// which keeps it to about two A5 pages for a hundred chapters.
inline constexpr int kTocLongBook = 30;

struct Style {
    std::string name;                    // "booklet"
    std::filesystem::path file;          // where it was read from
    std::string description;             // one line for `booklet styles`

    PageStyle page;
    Fonts fonts;
    TextStyle body;                      // paragraphs
    std::array<TextStyle, 6> headings;   // levels 1..6; level 1 is also the chapter title
    TextStyle chapter_title;
    TextStyle code;                      // code blocks and inline code size
    TextStyle quote;
    TextStyle attribution;
    TextStyle caption;
    TextStyle table;
    TextStyle footnote;                  // URL and GFM footnotes
    TextStyle running;                   // headers, footers, page numbers
    TextStyle title_page_title, title_page_subtitle, title_page_meta;
    Sp paragraph_spacing = 0;            // extra space between paragraphs (body.space_before
                                         // and body.space_after stay 0: this is the gap)
    bool indent_after_heading = false;   // body.first_indent also on a paragraph right after a
                                         // heading, list, quote... (book convention: no)
    Sp list_indent = sp_from_pt(14);     // hanging indent per list level
    Sp quote_indent = sp_from_pt(14);
    Color link_color = kBlack;           // colour of link text on the page
    Color rule_color = {0x80, 0x80, 0x80};
    LinkPolicy links;
    FootnoteArea footnote_area;
    HomeQr home_qr;
    RunningLine header, footer;
    ChapterRules chapters;
    bool title_page = true;
    bool imprint = true;                 // title_page.imprint: title, authors, date, identifier, licence and
                                         // "made with booklet" on the back of the title page (at its foot
                                         // when one-sided)
    bool table_of_contents = true;
    int toc_depth = 0;                   // heading levels listed: 1 = chapters only; 0 = auto: two levels,
                                         // one when the booklet has more than kTocLongBook chapters
    TocNumbers toc_numbers = TocNumbers::leaders;
    TextStyle toc_entry;                 // one line of the table of contents
    BackCover back_cover;
    bool build_date = false;             // print the build date (press kit)
    int widows = 2, orphans = 2;         // minimum lines kept together at a page break
    double font_expansion = 0.025;       // body.font_expansion: how much wider or narrower (a
                                         // fraction of their width) justified lines may set their
                                         // glyphs; 0 = off (linebreak::Parameters::expansion_*)
    Imposition imposition;
    Fit fit;
    ImageStyle images;
    bool pdf_tagged = true;              // pdf.tagged: structure tree and marked content (PDF/UA-1)
    EpubStyle epub;
    std::map<std::string, std::vector<std::string>> labels;  // overrides of the book's words
                                         // (words::Entries); the manifest's win over these
    friend bool operator==(const Style&, const Style&) = default;
};

// "name" looks in `styles_dir` for name.yaml; anything with a '/' or ending in .yaml
// is a file. Relative font paths resolve against the declaring file's folder, then
// the data folder (styles_dir's parent, which holds fonts/). Overrides are
// "dotted.key=value" strings (value read as YAML, e.g. page.size=Letter) applied last.
Style load_style(const std::string& name_or_file, const std::filesystem::path& styles_dir,
                 const std::vector<std::string>& overrides = {});

// The styles in a folder with their descriptions, sorted by name. A file that cannot
// be read is listed with the error as its description rather than hiding the others.
std::vector<std::pair<std::string, std::string>> list_styles(const std::filesystem::path& styles_dir);

}  // namespace booklet::style
