// State shared by the steps of one layout: inputs, geometry, caches that survive
// from pass to pass, and what the previous pass learnt about page numbers.
#pragma once

#include "booklet/cite.hpp"
#include "booklet/diagnostics.hpp"
#include "booklet/digest128.hpp"
#include "booklet/hyphenate.hpp"
#include "booklet/image.hpp"
#include "booklet/layout.hpp"
#include "booklet/linebreak.hpp"
#include "booklet/model.hpp"
#include "booklet/pages.hpp"
#include "booklet/sha256.hpp"
#include "booklet/shape.hpp"
#include "booklet/style.hpp"
#include "booklet/words.hpp"
#include "content.hpp"
#include "page_builder.hpp"
#include "picture_rasters.hpp"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace booklet::layout {

struct Geometry {
    Sp page_width = 0, page_height = 0;
    Sp top = 0;               // top of the text block
    Sp body_height = 0;       // height of the text block
    Sp margin_inner = 0, margin_outer = 0;
    bool two_sided = true;
    int columns = 1;
    Sp column_gap = 0;
    Sp column_width = 0;
    // Bound at the right: a right-to-left book, whose recto pages are left-hand
    // pages. Everything that depends on the binding side mirrors.
    bool bound_right = false;

    // Whether 1-based page `page` has its inner margin, and the binding, on the
    // left: a left-to-right book's recto pages (and every page of a one-sided one);
    // a right-to-left book's versos.
    bool inner_left(int page) const {
        const bool left_hand = two_sided && page % 2 == 0;
        return left_hand == bound_right;
    }
    // Left edge of the text block on `page`.
    Sp text_x(int page) const { return inner_left(page) ? margin_inner : margin_outer; }
    // Left edge of column `column` on `page`, counted in reading order: column 0
    // is the rightmost in a right-to-left book.
    Sp column_x(int page, int column) const {
        const int from_left = bound_right ? columns - 1 - column : column;
        return text_x(page) + from_left * (column_width + column_gap);
    }
    Sp text_width() const { return columns * column_width + (columns - 1) * column_gap; }
};

// `right_to_left`: the book's language is written so (words::right_to_left).
Geometry geometry_for(const style::Style& style, bool right_to_left);

// A note call: a link's address note or a GFM footnote reference, as the cite
// stage decided it.
struct Occurrence {
    enum class Kind : std::uint8_t { url, footnote };
    Kind kind = Kind::url;
    int chapter = -1;
    std::string key;          // two calls are the same note when their keys are equal
    std::string url;          // url: the URI the note links to
    std::string printed;      // url: what the note shows (the URL, or a mail address)
    int number = 0;           // as printed in this pass
    int decided = 0;          // the cite stage's number; 0 under per_page numbering
    std::uint32_t note = 0;   // index into Pass::notes and VList::notes
    int footnote = -1;        // footnote: its index in its chapter's model::Chapter::footnotes
    pages::ElementId element = pages::kArtifact;  // the structure element whose text calls the note

    // What numbering tells apart: a URL note and a footnote may share a key.
    std::string kind_key() const { return (kind == Kind::url ? "u:" : "f:") + key; }
    friend bool operator==(const Occurrence&, const Occurrence&) = default;
};

// A composed note: lines with baselines from the note's top.
using NoteBlock = StackedLines<BoxContent>;

// An element a composer added (Composer::log_elements): under which element, as
// it was given (before add_element chose its parent and its language), and the id
// it got.
struct AddedElement {
    pages::ElementId under = pages::kArtifact;
    pages::StructElement element;
    pages::ElementId id = pages::kArtifact;
};

struct CachedLines;

// What composing a chapter read of the previous pass's references (LayoutContext::refs).
struct ChapterReads {
    // Per note call of the chapter, in order, where its number came from: the
    // previous pass's pages (References::numbers), the cite stage, or a count
    // through the chapter (per-page numbers in a first pass, Pass::first_numbers).
    enum class NumberFrom : std::uint8_t { pages, cite, count };
    std::vector<NumberFrom> numbers;
    struct PageRead {
        std::string chapter, anchor;  // the link's target
        int page = -1;                // the page printed for it (anchor_page)
        friend bool operator==(const PageRead&, const PageRead&) = default;
    };
    std::vector<PageRead> pages;  // each page reference, in order
    // Each picture file it looked up and what it found: another build takes the
    // chapter only if every file holds what it held, and draws that build's raster.
    // (This and `lines` serve only a session's next build: recorded only in one.)
    struct PictureRead {
        std::filesystem::path file;
        Sha256Digest digest{};                  // of the bytes read; zero when none were
        std::string error;                      // why it cannot be drawn, "" when it can
        std::shared_ptr<const pages::Raster> raster;  // the entry's raster in the build that read it
    };
    std::vector<PictureRead> pictures;
    std::set<char32_t> missing;  // characters no font had, noted in the registry when taken
    // The set paragraphs it asked the session's cache for, marked used again when
    // it is taken (a session forgets the paragraphs a build did not use). Valid
    // while the chapter is kept: only the last build's layouts are (next_build).
    std::vector<CachedLines*> lines;
};

// Where composition stands between two chapters: how long each list of the pass
// is (the indices the next chapter's items start from), and every count and flag
// the next chapter's composition starts from besides its text and the references
// it reads. A chapter composed from equal states, reading the same references,
// composes the same items, with indices that differ by the offsets' difference.
struct ComposeOffsets {
    std::size_t items = 0, notes = 0, repeats = 0, floats = 0, tightenings = 0, openings = 0;  // VList
    std::size_t contents = 0, elements = 0, occurrences = 0, part_starts = 0, parts = 0;
    std::size_t current_kids = 0;  // of the element chapters are tagged under
    friend bool operator==(const ComposeOffsets&, const ComposeOffsets&) = default;
};
struct ComposeState {
    VListWriter::State writer;
    bool indent_next = false;
    bool after_front_matter = false;
    std::size_t full_end_back = 0;  // the full-ending paragraph's last box: this many items back; 0: none
    bool tightened = false;         // the part the chapter opens gets shorter settings
    // The element chapters are tagged under, and whether it is full: its next kid
    // would go into a Div (kMaxKids), as no taken chapter's does.
    pages::ElementId current_element = pages::kArtifact;
    bool current_full = false;
    int last_heading_level = 0;
    friend bool operator==(const ComposeState&, const ComposeState&) = default;
};
// Per-page note numbers counted in a first pass (Pass::first_numbers): a chapter
// counts its own from none, so they are no part of the state it starts from; a
// chapter taken leaves those it counted.
struct NumberCount {
    int chapter = -1;
    std::map<std::string, int> numbers;
    friend bool operator==(const NumberCount&, const NumberCount&) = default;
};
struct ComposeMark {
    ComposeOffsets at;
    ComposeState state;
    NumberCount count;
};

// A chapter as one pass composed it: its items are those between the marks in
// that pass's lists, which the next pass takes (moved, their indices shifted)
// instead of composing the chapter again when it reaches it in the same state
// and the references it reads are unchanged (Composer::chapter). Only the page
// references and note numbers a chapter prints change from pass to pass, and
// most chapters print none that do.
struct ComposedChapter {
    ComposeMark start, end;
    ChapterReads reads;
    Diagnostics warnings;       // what composing it warned, replayed when it is taken
    bool reaches_back = false;  // it changed an item before its start: never taken
    bool taken = false;         // this pass took it from the one before
};

// What one pass through the document produces before pagination.
struct Pass {
    // Shorter settings (VList::tightenings) are made only for the parts (by
    // opening index) listed here: the page builder reaches for them only when a
    // part spills, and setting every paragraph a second time was a quarter of
    // the layout. The parts that spilled in a pass are listed for the next
    // (Settled::settle repeats a pass until those that spill are among them).
    std::set<int> tightened_parts;
    std::vector<std::uint32_t> part_starts;  // by opening index: the list item it starts at
    VList list;
    std::vector<BoxContent> contents;
    std::vector<Occurrence> occurrences;
    std::vector<NoteBlock> notes;                     // parallel to list.notes
    std::map<std::string, std::uint32_t> note_index;  // note key -> index
    int numbering_chapter = -1;                       // first-pass note numbers: the chapter
    std::map<std::string, int> first_numbers;         // and the number of each note key in it
    // The structure tree of the book (empty when the style turns tagging off), and
    // the element that blocks being composed belong to.
    pages::Structure structure;
    pages::ElementId current_element = pages::kArtifact;
    std::vector<std::size_t> kid_count;              // per element, its kids so far
    std::map<pages::ElementId, pages::ElementId> overflow;  // element -> its Div taking more kids
    int last_heading_level = 0;                       // of the chapter being composed
    pages::ElementId title_heading = pages::kArtifact;    // the title page's title (H1)
    pages::ElementId title_element = pages::kArtifact;    // the title page's other text
    pages::ElementId imprint_element = pages::kArtifact;
    pages::ElementId imprint_link_element = pages::kArtifact;  // the licence's address in it
    // The home QR code (manifest qr:), read at the end of the book: a Link
    // holding a Figure whose alternate text is the address, and the address.
    pages::ElementId home_qr_link = pages::kArtifact;
    pages::ElementId home_qr_figure = pages::kArtifact;
    // The chapters composed (or taken) in this pass, by index.
    std::vector<ComposedChapter> chapters;
};

// What a layout's chapters are composed from besides their own text, the cite
// stage's decisions for them and the pictures they show: a session's next layout
// with equal inputs composes an unchanged chapter as this one did. (The build time
// is not among them: only the title page and the imprint print it.)
struct LayoutInputs {
    style::Style style;
    model::Metadata meta;
    bool imprint_beside_contents = false;  // the variant layout_fitted tries
    friend bool operator==(const LayoutInputs&, const LayoutInputs&) = default;
};

// A chapter as a layout composed it, in the cite stage's terms: its text, and the
// decisions for its links (their sources' indices left out: a source of an
// earlier chapter moves them, and a chapter never prints them) and footnote calls.
struct ChapterCites {
    std::size_t first_link = 0;  // its first cite::Citations::links index
    std::vector<cite::Link> links;
    struct Call {
        int note = 0;
        int footnote = -1;  // the footnote's index among its chapter's, -1 when none
        friend bool operator==(const Call&, const Call&) = default;
    };
    std::vector<Call> calls;
    friend bool operator==(const ChapterCites&, const ChapterCites&) = default;
};
// Every chapter's, by index.
std::vector<ChapterCites> chapter_cites(const cite::Citations& cites, const model::Document& document);

// What a URL note is composed from besides the layout's style: in one layout,
// equal ones compose alike (compose_notes).
struct NoteText {
    int chapter = -1;
    std::string url, printed, lang;
    int number = 0;
    friend bool operator==(const NoteText&, const NoteText&) = default;
};
// The same, looked up without copying the strings into one.
struct NoteTextRef {
    int chapter = -1;
    std::string_view url, printed, lang;
    int number = 0;
    friend bool operator==(const NoteTextRef&, const NoteTextRef&) = default;
};
// Hashed by the address, which tells notes apart; equal when every field is.
struct NoteTextHash {
    using is_transparent = void;
    template <class Text>
    std::size_t operator()(const Text& t) const {
        return std::hash<std::string_view>{}(t.url) ^ (static_cast<std::size_t>(t.number) * 0x9E3779B97F4A7C15ull);
    }
};
struct NoteTextEqual {
    using is_transparent = void;
    static NoteTextRef ref(const NoteText& t) { return {t.chapter, t.url, t.printed, t.lang, t.number}; }
    static NoteTextRef ref(const NoteTextRef& t) { return t; }
    template <class A, class B>
    bool operator()(const A& a, const B& b) const { return ref(a) == ref(b); }
};
// A URL note as a pass composed it, for the next pass (or a session's next
// build) to take instead of composing it again: setting its words and its
// number anew in every pass was a tenth of a rebuild's layout. Taking it adds
// its elements again as they were added, under the element that calls it now,
// and gives its lines their ids.
struct ComposedNote {
    pages::ElementId called_from = pages::kArtifact;  // the calling element it was composed under
    std::vector<AddedElement> elements;               // the note's own first
    NoteBlock block;                                  // its lines
    Diagnostics warnings;                             // its shaping warnings
    std::set<char32_t> missing;                       // characters no font had
    std::vector<CachedLines*> lines;                  // in a session: the set paragraphs it used
};
using ComposedNotes = std::unordered_map<NoteText, ComposedNote, NoteTextHash, NoteTextEqual>;

// The items of one box of a kept pass that the drawn book holds instead of a copy
// (assemble): pages[page].items[first, first + count), moved there by (dx, dy);
// `decorations` are those of them that were kDecoration, which finish_book made
// artifacts. Copying them was a tenth of a rebuild's layout.
struct LentItems {
    std::uint32_t content = 0;
    std::size_t page = 0, first = 0, count = 0;
    Sp dx = 0, dy = 0;
    std::vector<std::uint32_t> decorations;
    // Each picture's raster as lent, by its item: the book's are replaced by the
    // prepared ones (PictureFiles::prepare), which a composed box never holds. A
    // box given back with them would be prepared apart from the other uses of its
    // picture in the next build, and embedded twice where a fresh build embeds it
    // once.
    std::vector<std::pair<std::uint32_t, std::shared_ptr<const pages::Raster>>> rasters;
};

// What `booklet watch` keeps of its last build's layouts for the next
// (chapter_reuse.cpp): each layout's passes as they were when it ended, every
// list whole, and what each chapter was. The next layout of equal inputs takes a
// chapter from its pass of the same number when the chapter's text, its cite
// decisions and its pictures are unchanged, and it reaches the chapter in the same
// state reading the same references.
struct KeptChapters {
    struct Layout {
        LayoutInputs inputs;
        std::shared_ptr<const model::Document> document;  // the one laid out, whose chapters these are
        std::vector<ChapterCites> cites;                  // its chapters', by index
        std::vector<Pass> passes;       // by number, from 1
        ComposedNotes notes;            // the URL notes its passes composed or took
        std::uint64_t used = 0;         // the latest layout_for that returned it
        std::uint64_t build = 0;        // the build that did
        // The last pass's boxes whose items the drawn book holds: till they are
        // given back, no pass is taken from (KeptUse drops them).
        std::vector<LentItems> lent;
    };
    // A build lays out more than once when a style fits or saves sheets; its last
    // few layouts are kept.
    static constexpr std::size_t kLayouts = 4;
    std::vector<Layout> layouts;
    std::uint64_t asked = 0;
    std::uint64_t build = 1;

    // The kept layout of these inputs, or an empty one in place of the least
    // recently used.
    Layout& layout_for(const LayoutInputs& inputs);
    // Before the next build: forgets the layouts this build did not make (their
    // paragraphs leave the session's cache now, ChapterReads::lines).
    void next_build();
    // The items a layout lent to `book`, the book it drew, back to its last pass's
    // boxes (taken out of the book, which is left for freeing). A loan the book
    // cannot answer drops that layout's passes.
    void give_back(pages::Book& book);
};

// Gives every text run (and emoji picture) in `items` that no element claimed yet to `element`.
void claim(std::vector<pages::Item>& items, pages::ElementId element);

// What pagination found, fed to the next pass (page references, contents, note
// numbers). Layout is repeated until a pass uses exactly what it finds.
struct References {
    std::vector<int> numbers;                 // note number per occurrence
    std::vector<int> occurrence_pages;        // 1-based page of each occurrence's marker
    std::map<std::string, int> anchor_pages;  // 1-based page of each anchor
    std::vector<std::vector<int>> link_pages; // per cited link (cite::Citations::links): the
                                              // 1-based pages that show its text, ascending
    friend bool operator==(const References&, const References&) = default;
};

// The page printed for a reference to `anchor` in `chapter` (empty: the chapter
// itself): the anchor's page, else the chapter's, else 10 in a first pass (a
// two-digit guess), else -1 (printed "?").
int anchor_page(const References& refs, const std::string& chapter, const std::string& anchor);
// The number the pages gave note call `occurrence`, 0 when they gave none.
inline int number_found(const References& refs, std::size_t occurrence) {
    return occurrence < refs.numbers.size() ? std::max(refs.numbers[occurrence], 0) : 0;
}

// What shaping a paragraph said, kept with each setting of it.
struct ShapingNotes {
    std::vector<Diagnostic> warnings;   // replayed into each pass that sets the paragraph
    std::set<char32_t> missing;         // noted again in the registry whenever it is reused
};

struct CachedShape {
    shape::ShapedParagraph paragraph;
    ShapingNotes notes;
};

struct CachedLines {
    std::vector<linebreak::Line> lines;
    ShapingNotes notes;
    std::uint64_t used = 0;             // the TextCache::build that last asked for it
};

struct EmojiImage {
    int ppem = 0, bearing_x = 0, bearing_y = 0;  // see FontRegistry::ColorGlyph
    std::shared_ptr<const pages::Raster> raster;
};

// A paragraph as the line cache knows it: its text and all its options,
// ordered member by member as the types derive it, so that no field can be
// left out of the key.
struct ParagraphKey {
    shape::StyledText text;
    linebreak::Options options;
    friend auto operator<=>(const ParagraphKey&, const ParagraphKey&) = default;
};

// The same paragraph as it is asked for, compared with the keys without being
// copied into one (a copy is a string and a vector per range, in every pass).
struct ParagraphRef {
    const shape::StyledText& text;
    const linebreak::Options& options;
};

// ParagraphKey's hash and equality, for a key or a ParagraphRef on either side.
// The hash reads the text and the first width only (the same paragraph set at
// two widths, or with two styles, shares a bucket at worst); equality is the
// keys' own. A tree ordered by whole keys took a tenth of a layout pass.
struct ParagraphHash {
    using is_transparent = void;
    template <class A>
    std::size_t operator()(const A& a) const {
        const std::size_t width = a.options.widths.empty() ? 0 : static_cast<std::size_t>(a.options.widths.front());
        return hash64(a.text.text.data(), a.text.text.size()) ^ (width * 0x9E3779B97F4A7C15ull);
    }
};
struct ParagraphEqual {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
        return a.text == b.text && a.options == b.options;
    }
};

class TextStore;

// Shaped and broken paragraphs and colour glyphs, keyed by their content and every
// option that changes them (never by time or by pass): shared by the layouts one
// layout_book call tries, where a denser variant sets most paragraphs as the first
// did. Its FontIds are those of one FontRegistry, used with one style's fonts.
struct TextCache {
    // The paragraphs shaped last, newest at the back. A paragraph set at a second
    // width is set so right after its first: on the English corpus the last 16
    // are enough for 6,652 settings of 4,772 paragraphs to shape each of them once,
    // as keeping every paragraph's glyphs did, and those glyphs were 29 MB of its
    // peak of 214 MB.
    static constexpr std::size_t kRecentShapes = 16;
    std::deque<CachedShape> recent_shapes;
    std::unordered_map<ParagraphKey, CachedLines, ParagraphHash, ParagraphEqual> paragraphs;
    // The line breaker's caches (ICU iterators, hyphen glyphs, working memory).
    linebreak::Workspace workspace;
    std::map<std::pair<FontId, std::uint32_t>, std::optional<EmojiImage>> emoji;
    std::uint64_t build = 1;  // counts the builds of a session that keeps it (KeptText)
    // Paragraphs set by earlier builds, kept on disk (text_store.hpp): layout_book
    // opens it for the first build of this cache, when it has a picture cache, and
    // saves and closes it after that build; a session's later builds find what they
    // need in `paragraphs`.
    std::unique_ptr<TextStore> store;
    bool store_opened = false;
    std::optional<StoredParagraphs> stored;  // what the store did, once saved

    TextCache();
    ~TextCache();
    TextCache(const TextCache&) = delete;
    TextCache& operator=(const TextCache&) = delete;

    // Before the next build: drops the paragraphs this build did not ask for.
    void next_build();
};

class LayoutContext {
public:
    // `pictures`: the picture files of the layout_book call this layout is one try
    // of, shared by all its tries; nullptr: this context reads its own. `text`: the
    // same for shaped and broken paragraphs.
    LayoutContext(const model::Document& document, const cite::Citations& citations, const style::Style& style,
                  shape::FontRegistry& fonts, hyphenate::Dictionaries& dictionaries, const Settings& settings,
                  PictureFiles* pictures = nullptr, TextCache* text = nullptr);

    const model::Document& doc;
    const cite::Citations& cites;
    const style::Style& style;
    shape::FontRegistry& fonts;
    hyphenate::Dictionaries& dictionaries;
    const Settings& settings;
    // Adds the line `content` shows, placed at (x, baseline), to `page`'s lines
    // (text_line), unless the settings ask for none.
    void show_line(pages::Page& page, const BoxContent& content, Sp x, Sp baseline, int column) const {
        if (!settings.text_lines) return;
        if (auto line = text_line(content, x, baseline, column)) page.lines.push_back(std::move(*line));
    }
    const words::Words words;       // the book's words, with the style's and manifest's labels
    Geometry geo;
    // The book is written right to left (its language, words::right_to_left):
    // blocks are indented from the right edge, list markers stand at the right,
    // and a paragraph with no strong character of its own takes this direction.
    const bool rtl;
    Diagnostics* diags = nullptr;   // the current pass's warnings
    References refs;                // from the previous pass
    bool consulted_anchor_pages = false;      // this pass printed page numbers of anchors
    bool consulted_link_pages = false;        // this pass printed pages of cited links
    ChapterReads* reads = nullptr;            // what the chapter being composed reads; null outside chapters

    const shape::FontChain& chain(style::FontRole role, bool bold, bool italic);
    // The shaper's style for text in a block style, with emphasis applied.
    shape::TextStyle text_style(const style::TextStyle& block, bool bold, bool italic);

    // Lines of a paragraph, cached across passes (and the layouts sharing the
    // TextCache) by the paragraph's content and every option that changes them.
    // One line-breaker workspace for the whole book unless `options` names its own.
    // Shaping warnings go to `diags` each time a pass sets the paragraph.
    const CachedLines& lines_for(const shape::StyledText& text, const linebreak::Options& options);

    // Marks paragraphs a taken chapter set as used by this build (ChapterReads::lines).
    void mark_used(const std::vector<CachedLines*>& lines);
    // The picture file's entry (recorded in `reads` while a chapter is composed).
    const ImageEntry& image(const std::filesystem::path& file);
    const PictureFiles& picture_files() const { return *pictures_; }
    const EmojiImage* color_glyph(FontId font, std::uint32_t glyph);

    // Sizes derived from a style: superscript markers, nominal line extents.
    static Sp marker_size(Sp size) { return scale_sp(size, 64, 100); }
    static Sp marker_rise(Sp size) { return scale_sp(size, 36, 100); }
    static Sp line_height(Sp size) { return scale_sp(size, 78, 100); }
    static Sp line_depth(Sp size) { return scale_sp(size, 22, 100); }

    // How many paragraphs are cached set (for tests of the key).
    std::size_t cached_paragraphs() const { return text_->paragraphs.size(); }

private:
    // The paragraph shaped, from TextCache::recent_shapes or shaped now.
    const CachedShape& shape_for(const shape::StyledText& text);

    std::map<std::tuple<int, bool, bool>, shape::FontChain> chains_;
    std::unique_ptr<PictureFiles> own_pictures_;
    PictureFiles* pictures_;
    std::unique_ptr<TextCache> own_text_;
    TextCache* text_;
};

}  // namespace booklet::layout
