// Block composition: model blocks → the vertical list.
//
// Every block becomes line boxes (or one unbreakable box: a figure, a table row)
// separated by glue and penalties that encode the typesetting rules: headings keep
// with what follows, no paragraph leaves a single line at a page foot or head,
// figures keep with their captions, table rows stay whole and carry the header row
// to repeat. Note calls travel with the boxes that hold their markers.
#pragma once

#include "inline_collect.hpp"
#include "paragraph.hpp"

#include <map>
#include <string>
#include <vector>

namespace booklet::layout {

// Where and how blocks are set: a horizontal slice of the column and the text
// style their paragraphs use.
struct BlockEnv {
    Sp left = 0;                         // from the column's start edge (the right one when
                                         // LayoutContext::rtl; Composer::block_x gives the x)
    Sp width = 0;
    const style::TextStyle* text = nullptr;
    std::string lang;
    int chapter = -1;
    int list_depth = 0;
    LinkMode links = LinkMode::notes;
    bool tight = false;                  // inside a tight list item: no space between paragraphs
    pages::Role role = pages::Role::body;  // what its paragraphs are (a quote, a note, ...)
    // The block is a list item's only paragraph: its text is the LBody's own, as
    // HTML's <li>text</li>, with no P between (a P per item was a tenth of the
    // tagged PDF's structure elements).
    bool list_body_text = false;
};

// A structure element of `role` in language `lang` (Composer::add_element keeps
// the language only where it changes).
inline pages::StructElement element(pages::StructRole role, const std::string& lang) {
    pages::StructElement e;
    e.role = role;
    e.lang = lang;
    return e;
}

// One entry of the table of contents.
struct TocEntry {
    std::string title;
    std::string anchor;
    int level = 1;
};

// A PDF array holds at most 32,767 objects (libharu's limit), so no element may
// have more kids: past kMaxKids, a part's further kids go into Div elements of
// kMaxKids each (a chapter of 40,000 paragraphs). Lists and tables cannot take a
// Div between them and their rows or items; they are bounded by the page size.
inline constexpr std::size_t kMaxKids = 8000;

// A page break after a paragraph whose last line fills the measure makes it look
// continued on the next page; worth about six lines of unused page to avoid.
inline constexpr int kFullEndPenalty = 5000;

// Where Composer::chapter may take a chapter from instead of composing it.
struct ChapterSources {
    Pass* previous = nullptr;    // this layout's pass before
    bool keep_previous = false;  // copy from it, not move: a session keeps it whole
    // The last build's pass of the same number (KeptChapters), when it composed
    // this chapter's text with these cite decisions; its links began
    // `link_shift` places earlier in the book.
    Pass* kept = nullptr;
    std::ptrdiff_t link_shift = 0;
};

struct Relocation;

// A layout's use of a session's kept chapters (KeptChapters): the last build's
// layout of the same inputs, taken out while this layout runs (one that fails
// leaves nothing half-taken), and this layout's passes kept in its place.
class KeptUse {
public:
    // `kept` null: a layout outside a session, which keeps nothing.
    // What the last build kept and this one has no more use for is handed to
    // `leftovers` (freed after the build), or freed when this layout ends.
    // `shared`: `document` shared (Settings::document), kept as it is, not copied.
    KeptUse(KeptChapters* kept, ReleaseLater* leftovers, const style::Style& style, bool imprint_beside_contents,
            const model::Document& document, std::shared_ptr<const model::Document> shared,
            const cite::Citations& cites);
    ~KeptUse();
    KeptUse(const KeptUse&) = delete;
    KeptUse& operator=(const KeptUse&) = delete;
    bool active() const { return kept_ != nullptr; }
    // Where pass `pass` (from 1) may take chapter `chapter` from: `previous`, this
    // layout's pass before (copied from, as it is kept), and the last build's.
    ChapterSources sources(int pass, int chapter, Pass* previous);
    // Keeps this layout's passes, whole but for the items of the last one's boxes
    // that the drawn book holds (`lent`, given back once it is written), and the
    // URL notes its passes composed or took (NoteMemo).
    void keep(std::vector<Pass> passes, Pass last, const model::Document& document, ComposedNotes notes,
              std::vector<LentItems> lent = {});
    // The notes the last build's layout of these inputs kept (once).
    ComposedNotes take_notes() { return std::move(notes_); }
    // The last build's pass `pass` (from 1) as it was kept, or null.
    const Pass* last_pass(int pass) const {
        const auto p = static_cast<std::size_t>(pass - 1);
        return p < passes_.size() ? &passes_[p] : nullptr;
    }

private:
    // The slot is looked up again when this layout is kept: other layouts of the
    // build may have taken slots meanwhile (layout_book keeps a settled layout while
    // it tries another), moving or reusing this one's.
    KeptChapters* kept_ = nullptr;
    LayoutInputs inputs_;
    ReleaseLater* leftovers_ = nullptr;
    std::shared_ptr<const model::Document> last_document_;  // the last build's
    std::vector<ChapterCites> last_cites_;                   // the last build's, by chapter
    std::shared_ptr<const model::Document> document_;       // this layout's, when shared
    std::vector<Pass> passes_;                     // the last build's
    ComposedNotes notes_;                          // the last build's
    std::vector<ChapterCites> cites_;              // this layout's, by chapter
    std::vector<bool> same_;  // by chapter: the last build composed this text with these decisions
};

class Composer {
public:
    // Boxes go to `list`, their display lists to `contents`; notes called from
    // them are registered in `pass`.
    Composer(LayoutContext& ctx, Pass& pass, VList& list, std::vector<BoxContent>& contents);

    BlockEnv column_env(int chapter, const std::string& lang, const style::TextStyle& text) const;

    // Composes chapter `index`, or takes it from a pass that composed it in the
    // same state reading the same references (chapter_reuse.cpp). The pass records
    // either way.
    void chapter(const model::Chapter& chapter, int index, const ChapterSources& sources = {});
    void contents_part(const std::vector<TocEntry>& entries);
    void sources_part();
    // A box after the last text (the home QR code): kept with the line before it, so
    // that it never opens a column alone.
    void closing_box(BoxContent content, Sp height);
    void blocks(const model::Blocks& blocks, const BlockEnv& env);

    // Sets a paragraph and appends its lines, which take env.role. `keep` forbids
    // every break inside.
    void paragraph(const StyledParagraph& p, const BlockEnv& env, const style::TextStyle& st, Sp first_indent,
                   bool keep = false);

    std::vector<std::string>& parts() { return parts_; }

    // A structure element under the current one, current while the scope lives;
    // when it ends, the element claims the text and pictures of every box composed
    // meanwhile that an inner element did not (pages::kArtifact when not tagging).
    class Element {
    public:
        Element(Composer& composer, pages::StructElement element);
        ~Element();
        Element(const Element&) = delete;
        Element& operator=(const Element&) = delete;
        pages::ElementId id() const { return id_; }

    private:
        Composer& composer_;
        std::size_t from_;
        pages::ElementId id_ = pages::kArtifact;
        pages::ElementId previous_;
    };
    // An element under the current one that does not become current (a list
    // label, made before the body it precedes).
    pages::ElementId add_element(pages::StructElement element);
    // From now on every element added is also listed in `log` (null: no more).
    void log_elements(std::vector<AddedElement>* log) { element_log_ = log; }
    pages::ElementId kid_parent(pages::ElementId parent);
    std::size_t& kids_of(pages::ElementId element);
    // The inline structure of a paragraph's lines: a Link element per link (its
    // text and link areas), a Reference per note call (whose note is then read
    // after the current element).
    // `sets`: the settings of the paragraph (as it comes, one line shorter).
    void tag_inline(const StyledParagraph& p, const std::vector<std::vector<SetLine>*>& sets);

private:
    pages::ElementId add_element_now(pages::StructElement element);
    void compose_chapter(const model::Chapter& chapter, int index);
    ComposeMark mark() const;
    // Whether `composed` (of `previous`) may be taken at `start`; fills in how its
    // indices move, and where the notes it shares with earlier chapters are now.
    bool may_take(const ComposedChapter& composed, const Pass& previous, const ComposeMark& start,
                  Relocation& r) const;
    // Whether every picture file it read holds what it held; fills in this build's rasters.
    bool pictures_unchanged(const ComposedChapter& composed, Relocation& r) const;
    // `copy`: `previous` stays whole (a session keeps it).
    void take_lists(const ComposedChapter& composed, Pass& previous, const Relocation& r, bool copy);
    void take_elements(const ComposedChapter& composed, Pass& previous, const Relocation& r, bool copy);
    void take_chapter(ComposedChapter& composed, Pass& previous, const ComposeMark& start, const Relocation& r,
                      bool copy, const std::string& title);
    std::size_t kid_count_of(pages::ElementId element) const;

    void block(const model::Block& b, const BlockEnv& env);
    void block_of_kind(const model::Block& b, const BlockEnv& env);
    // `lead` runs into the paragraph in bold (a details summary, model part `lead_at`).
    void paragraph_block(const model::Paragraph& p, const model::Block& b, const BlockEnv& env,
                         const model::Inlines* lead = nullptr, const page_map::Position* lead_at = nullptr);
    // Whether a link that prints its own address runs from one line into the next.
    bool address_runs_on(const BoxContent& above, const BoxContent& below) const;
    // The block being composed (path_), `part` of it, at its start.
    page_map::Position here(int part = page_map::part::whole) const;
    // Traces `c`'s text as `part` of the block at path_, inside a chapter (the
    // page map knows no text outside chapters).
    void trace(InlineCollector& c, int part = page_map::part::whole) const;
    // Gives the boxes from contents_[from] on that have no start yet `at` as theirs.
    void fill_starts(std::size_t from, const page_map::Position& at);
    // Composes blocks[i] as the block at path_ + i.
    void block_at(const model::Blocks& blocks, std::size_t i, const BlockEnv& env);
    void heading(const model::Heading& h, const BlockEnv& env);
    void list(const model::List& l, const BlockEnv& env);
    void quote(const model::BlockQuote& q, const SourcePos& pos, const BlockEnv& env);
    void code(const model::CodeBlock& c, const BlockEnv& env);
    void table(const model::Table& t, const SourcePos& pos, const BlockEnv& env);
    // A table too wide for the measure: each body row as "heading: cell" lines.
    void stacked_table(const model::Table& t, const BlockEnv& env);
    // The narrowest measure a nested block may leave its text (12 em of the body).
    Sp min_measure() const { return 12 * ctx_.style.body.size; }
    void warn(const SourcePos& pos, KindName kind, const std::string& message) const;
    void figure(const model::ImageRef& image, const model::Inlines& caption, const model::Block& b, const BlockEnv& env);
    // `traced_caption`: the caption is a Figure block's (model text the page map traces).
    void missing_image(const model::ImageRef& image, const model::Inlines& caption, const BlockEnv& env,
                       bool traced_caption);
    void rule(const BlockEnv& env);
    void details(const model::Details& d, const BlockEnv& env);
    void open_part(const std::string& title, int chapter, const std::string& anchor, const std::string& lang);
    void sources_entry(const cite::Source& source, const BlockEnv& env, const BlockEnv& entry_env);
    std::string cited_pages(const cite::CitedText& cited) const;
    // A heading element one level at most below the heading before it.
    pages::StructElement heading_element(int level);

    void discourage_break_after(std::size_t box);
    std::uint32_t add_box(SetLine line, Sp dx, Sp leading, int penalty, std::int32_t repeat = -1);
    VItem box_for(const BoxContent& content, Sp height, Sp depth, std::uint32_t index) const;
    // The x of a block of the given env in the column: env.left, mirrored in a
    // right-to-left book.
    Sp block_x(const BlockEnv& env) const;
    // Whether the part being composed gets shorter settings (Pass::tightened_parts).
    bool may_tighten() const;
    // Index in contents_ of the first box appended at or after list item `from`.
    std::int64_t first_box_content(std::size_t from) const;
    InlineCollector collector(const BlockEnv& env, const style::TextStyle& st) const;

    LayoutContext& ctx_;
    Pass& pass_;
    VList& list_;
    std::vector<BoxContent>& contents_;
    VListWriter writer_;
    std::vector<AddedElement>* element_log_ = nullptr;
    bool indent_next_ = false;           // the next body paragraph gets its first-line indent
    std::int64_t full_end_item_ = -1;    // last box of a body paragraph whose last line is full
    std::vector<std::string> parts_;     // chapter titles and special parts, by opening index
    bool after_front_matter_ = false;    // the next part starts a page whatever the chapter opening
    // The page map's view of the model: the chapter whose blocks are composed (-1
    // outside chapters: notes, furniture) and the path of block indices down to
    // the block being composed.
    int chapter_ = -1;
    std::vector<int> path_;
    ComposedChapter* composing_ = nullptr;  // the record of the chapter being composed
};

// The height a vertical list occupies when its boxes are stacked (notes inside
// notes), with each box's baseline from the top.
struct Stacked {
    std::vector<std::pair<std::uint32_t, Sp>> boxes;  // content index, baseline
    Sp height = 0;
};
Stacked stack(const VList& list);

}  // namespace booklet::layout
