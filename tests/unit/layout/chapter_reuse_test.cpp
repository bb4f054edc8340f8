// Chapters one pass takes from the pass before (chapter_reuse.cpp): whatever the
// pass takes, and wherever its lists stand when it does, it holds what composing
// every chapter again would have made, index for index.
#include "booklet/cite.hpp"
#include "booklet/image.hpp"
#include "booklet/layout.hpp"
#include "booklet/markdown.hpp"
#include "booklet/source.hpp"
#include "booklet/style.hpp"

#include "compose.hpp"
#include "context.hpp"
#include "furniture.hpp"
#include "layout_test_support.hpp"
#include "scratch.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <variant>
#include <string>
#include <vector>

using namespace booklet;
using namespace booklet::layout_test;

namespace {

namespace fs = std::filesystem;

constexpr int kChapters = 6;

// Chapter n: its own links and one that every chapter cites, a footnote, a link
// to the next chapter (a page reference), a list, a quote and a table.
std::string page_text(int n, bool picture, bool shared_picture) {
    const std::string tag = "c" + std::to_string(n);
    const std::string next = "chapter-" + std::to_string((n + 1) % kChapters) + ".md";
    std::string t = "---\ntitle: Chapter " + std::to_string(n) + "\n---\n";
    t += layout_test::words(tag + "a", 60) + " [a shared source](https://example.org/shared) and [its own](https://example.org/" +
         tag + ").\n\n";
    t += layout_test::words(tag + "b", 40 + 17 * n) + " as [the next chapter](" + next + ") says.[^1]\n\n";
    t += "- " + layout_test::words(tag + "l1", 12) + " [listed](https://example.org/" + tag + "/list)\n- " + layout_test::words(tag + "l2", 9) +
         "\n\n";
    t += "> " + layout_test::words(tag + "q", 30) + "\n\n";
    t += "| Name | Value |\n|---|---|\n| " + tag + " | [cell](https://example.org/shared) |\n\n";
    for (int p = 0; p < n % 3 + 2; ++p) t += layout_test::words(tag + "p" + std::to_string(p), 90) + "\n\n";
    if (picture && (n == 3 || (shared_picture && n == 5))) t += "![A picture of the chapter](images/picture.png)\n\n";
    t += "[^1]: A note of " + tag + " citing [a page](https://example.org/" + tag + "/note).\n";
    return t;
}

// The pages as if in `dir`; with `picture`, chapter 3 shows dir/images/picture.png,
// with `shared_picture` chapter 5 too.
model::Document document(const fs::path& dir = fs::path(BOOKLET_TEST_DATA) / "chapter-reuse", bool picture = false,
                         bool shared_picture = false) {
    source::Manifest manifest;
    manifest.file = dir / "booklet.yaml";
    manifest.root = dir;
    manifest.title = "Chapters taken";
    manifest.language = "en";
    manifest.base_url = "https://example.org";
    std::vector<source::SourcePage> pages;
    for (int n = 0; n < kChapters; ++n) {
        const std::string name = "chapter-" + std::to_string(n) + ".md";
        manifest.pages.push_back(dir / name);
        pages.push_back(source::parse_page(page_text(n, picture, shared_picture), dir / name, name));
    }
    Diagnostics diags;
    model::Document doc = markdown::build_document_from_pages(manifest, pages, diags);
    REQUIRE(doc.chapters.size() == kChapters);
    return doc;
}

// One pass's composition of the chapters, as layout_once starts it (the
// Document element as the root), with the contents first when asked.
struct Composed {
    layout::Pass pass;
    std::vector<std::string> parts;
    Diagnostics warnings;
    bool consulted_pages = false;
};

void compose(layout::LayoutContext& ctx, Composed& out, layout::Pass* previous, bool contents,
             std::set<int> tightened = {}) {
    out.pass.tightened_parts = std::move(tightened);
    out.pass.structure.elements.push_back(layout::element(pages::StructRole::document, "en"));
    out.pass.current_element = 0;
    ctx.diags = &out.warnings;
    ctx.consulted_anchor_pages = false;
    layout::Composer composer(ctx, out.pass, out.pass.list, out.pass.contents);
    if (contents) composer.contents_part(layout::toc_entries(ctx));
    layout::ChapterSources sources;
    sources.previous = previous;
    for (int n = 0; n < kChapters; ++n) composer.chapter(ctx.doc.chapters[static_cast<std::size_t>(n)], n, sources);
    out.parts = composer.parts();
    out.consulted_pages = ctx.consulted_anchor_pages;
    ctx.diags = nullptr;
}

std::vector<std::size_t> trimmed(std::vector<std::size_t> counts) {
    while (!counts.empty() && counts.back() == 0) counts.pop_back();
    return counts;
}

int taken(const layout::Pass& pass) {
    return static_cast<int>(std::count_if(pass.chapters.begin(), pass.chapters.end(),
                                          [](const layout::ComposedChapter& c) { return c.taken; }));
}

// Everything a pass hands on: the lists, their indices into each other, the
// structure, the notes by key, and the marks the next pass starts from.
void check_same(const Composed& a, const Composed& b) {
    CHECK(a.pass.list.items.size() == b.pass.list.items.size());
    for (std::size_t i = 0; i < std::min(a.pass.list.items.size(), b.pass.list.items.size()); ++i) {
        if (a.pass.list.items[i] == b.pass.list.items[i]) continue;
        const auto& x = a.pass.list.items[i];
        const auto& y = b.pass.list.items[i];
        FAIL_CHECK("item " << i << " differs: kind " << int(x.kind) << "/" << int(y.kind) << " h " << x.height << "/"
                           << y.height << " w " << x.width << "/" << y.width << " pen " << x.penalty << "/" << y.penalty
                           << " content " << x.content << "/" << y.content << " notes " << x.notes.size() << "/"
                           << y.notes.size() << " repeat " << x.repeat << "/" << y.repeat << " float " << x.float_unit
                           << "/" << y.float_unit << " shrink " << x.shrink << "/" << y.shrink << " stretch "
                           << x.stretch << "/" << y.stretch << " recto " << x.recto << "/" << y.recto);
        break;
    }
    CHECK(a.pass.list.notes == b.pass.list.notes);
    CHECK(a.pass.list.repeats == b.pass.list.repeats);
    CHECK(a.pass.list.floats == b.pass.list.floats);
    CHECK(a.pass.list.tightenings == b.pass.list.tightenings);
    CHECK(a.pass.list.openings == b.pass.list.openings);
    CHECK(a.pass.contents == b.pass.contents);
    CHECK(a.pass.occurrences == b.pass.occurrences);
    CHECK(a.pass.structure.elements == b.pass.structure.elements);
    CHECK(a.pass.note_index == b.pass.note_index);
    CHECK(a.pass.notes.size() == b.pass.notes.size());
    CHECK(a.pass.part_starts == b.pass.part_starts);
    CHECK(trimmed(a.pass.kid_count) == trimmed(b.pass.kid_count));
    CHECK(a.pass.overflow == b.pass.overflow);
    CHECK(a.pass.last_heading_level == b.pass.last_heading_level);
    CHECK(a.pass.numbering_chapter == b.pass.numbering_chapter);
    CHECK(a.pass.first_numbers == b.pass.first_numbers);
    CHECK(a.parts == b.parts);
    CHECK(a.warnings.all() == b.warnings.all());
    CHECK(a.consulted_pages == b.consulted_pages);
    REQUIRE(a.pass.chapters.size() == b.pass.chapters.size());
    for (std::size_t n = 0; n < a.pass.chapters.size(); ++n) {
        INFO("chapter " << n);
        const auto& x = a.pass.chapters[n];
        const auto& y = b.pass.chapters[n];
        CHECK(x.start.at == y.start.at);
        CHECK(x.start.state == y.start.state);
        CHECK(x.start.count == y.start.count);
        CHECK(x.end.at == y.end.at);
        CHECK(x.end.state == y.end.state);
        CHECK(x.end.count == y.end.count);
        CHECK(x.reads.numbers == y.reads.numbers);
        CHECK(x.reads.pages == y.reads.pages);
    }
}

// Composes a pass taking from `previous` and the same pass composing every
// chapter, checks that they are the same, and returns the first.
std::unique_ptr<Composed> compose_taking(layout::LayoutContext& ctx, layout::Pass& previous, bool contents,
                                         std::set<int> tightened = {}) {
    auto taking = std::make_unique<Composed>();
    Composed again;
    compose(ctx, *taking, &previous, contents, tightened);
    compose(ctx, again, nullptr, contents, tightened);
    check_same(*taking, again);
    return taking;
}

std::vector<bool> taken_chapters(const layout::Pass& pass) {
    std::vector<bool> out;
    for (const auto& chapter : pass.chapters) out.push_back(chapter.taken);
    return out;
}

struct Setup {
    style::Style style;
    model::Document doc = document();
    shape::FontRegistry fonts;
    hyphenate::Dictionaries dictionaries;
    cite::Citations cites;
    layout::Settings settings;
    std::optional<layout::LayoutContext> ctx;

    explicit Setup(style::Style s) : style(std::move(s)) {
        cites = cite::cite_document(doc, style.links, 0);
        ctx.emplace(doc, cites, style, fonts, dictionaries, settings);
    }
};

}  // namespace

TEST_CASE("a pass takes the chapters of the pass before, moved to where its lists stand",
          "[layout][reuse]") {
    for (const char* name : {"booklet", "press-kit", "handout"}) {
        INFO("style " << name);
        Setup s(style::load_style(name, BOOKLET_SOURCE_DIR "/styles"));
        layout::LayoutContext& ctx = *s.ctx;
        Composed first;
        compose(ctx, first, nullptr, false);
        CHECK(taken(first.pass) == 0);
        // The contents before the chapters: every chapter starts further on in
        // every list (items, boxes, elements, parts) than the pass before had it.
        const auto shifted = compose_taking(ctx, first.pass, true);
        // The first chapter opens after front matter now (it starts a page): composed.
        CHECK(taken(shifted->pass) == kChapters - 1);
        CHECK_FALSE(shifted->pass.chapters[0].taken);
        CHECK(shifted->pass.chapters[1].start.at.items > first.pass.chapters[1].start.at.items);
        CHECK(shifted->pass.chapters[1].start.at.elements > first.pass.chapters[1].start.at.elements);

        // And the pass after takes them again, from where the taken ones stand.
        const auto third = compose_taking(ctx, shifted->pass, true);
        CHECK(taken(third->pass) == kChapters);
    }
}

TEST_CASE("a chapter is composed again when what it prints of the pages changed or its part tightens",
          "[layout][reuse]") {
    Setup s(style::load_style("booklet", BOOKLET_SOURCE_DIR "/styles"));
    layout::LayoutContext& ctx = *s.ctx;
    Composed first;
    compose(ctx, first, nullptr, false);
    const layout::Pass& p = first.pass;
    REQUIRE(p.occurrences.size() > 10);

    // The pages found: chapter n on page 10 + n, its anchors too; note numbers as
    // the cite stage gave them, but for the chapter 2's first note, numbered 7.
    layout::References found;
    for (const auto& occ : p.occurrences) found.numbers.push_back(occ.number);
    for (int n = 0; n < kChapters; ++n) found.anchor_pages[s.doc.chapters[static_cast<std::size_t>(n)].id] = 10 + n;
    const auto chapter_two = std::find_if(p.occurrences.begin(), p.occurrences.end(),
                                          [](const layout::Occurrence& o) { return o.chapter == 2; });
    REQUIRE(chapter_two != p.occurrences.end());
    found.numbers[static_cast<std::size_t>(chapter_two - p.occurrences.begin())] = 7;

    // In the first pass every page reference printed the guess (10): the chapter
    // whose reference finds 10 (chapter 5 refers to chapter 0) is taken, the
    // others print another number; chapter 2 numbers a note anew.
    ctx.refs = found;
    const auto second = compose_taking(ctx, first.pass, false);
    CHECK(taken_chapters(second->pass) == std::vector<bool>{false, false, false, false, false, true});

    // The same references again: all taken, but the part that tightens (its
    // paragraphs get their shorter settings: more items, all later ones shift).
    const int part = static_cast<int>(second->pass.chapters[3].start.at.parts);
    const auto third = compose_taking(ctx, second->pass, false, {part});
    CHECK(taken_chapters(third->pass) == std::vector<bool>{true, true, true, false, true, true});
}

TEST_CASE("a chapter whose notes were another chapter's in the pass before is composed again",
          "[layout][reuse]") {
    // Per-page numbers: each chapter's first call, the shared source, is its note
    // 1 (while the pages say so), one note "u:https://example.org/shared#1" that
    // every chapter calls and the first one made.
    Setup s(style::load_style("press-kit", BOOKLET_SOURCE_DIR "/styles"));
    layout::LayoutContext& ctx = *s.ctx;
    Composed first;
    compose(ctx, first, nullptr, false);
    layout::References found;
    for (const auto& occ : first.pass.occurrences) found.numbers.push_back(occ.number);
    ctx.refs = found;
    Composed second;
    compose(ctx, second, &first.pass, false);
    // First-pass numbers are counted, not read from pages: none taken.
    CHECK(taken(second.pass) == 0);
    const std::string shared = "u:https://example.org/shared#1";
    REQUIRE(second.pass.note_index.contains(shared));

    // Now the pages number chapter 0's notes from 5: its call of the shared
    // source is another note, and chapter 1, which called note 1 as chapter 0's,
    // makes it itself; the chapters after it call it as chapter 1's, at another
    // index than in the pass before.
    for (std::size_t i = 0; i < found.numbers.size(); ++i)
        if (second.pass.occurrences[i].chapter == 0) found.numbers[i] += 4;
    ctx.refs = found;
    const auto third = compose_taking(ctx, second.pass, false);
    CHECK(taken_chapters(third->pass) == std::vector<bool>{false, false, true, true, true, true});
    CHECK(third->pass.note_index.at(shared) != second.pass.note_index.at(shared));
}

namespace {

// Each build reads its own pictures: the rasters of `a` are made those of `b` when
// the books draw the same pictures, shared alike (the PDF writes a picture once
// per raster, so one drawn from a stale raster would be written twice).
void same_pictures(pages::Book& a, const pages::Book& b) {
    const auto distinct = [](const pages::Book& book) {
        std::vector<std::shared_ptr<const pages::Raster>> out;
        for (const auto& page : book.pages)
            for (const auto& item : page.items)
                if (const auto* image = std::get_if<pages::ImageItem>(&item))
                    if (std::find(out.begin(), out.end(), image->raster) == out.end()) out.push_back(image->raster);
        return out;
    };
    const auto mine = distinct(a), theirs = distinct(b);
    REQUIRE(mine.size() == theirs.size());
    for (std::size_t i = 0; i < mine.size(); ++i) {
        REQUIRE(mine[i]);
        REQUIRE(theirs[i]);
        CHECK(*mine[i] == *theirs[i]);
    }
    for (auto& page : a.pages)
        for (auto& item : page.items)
            if (auto* image = std::get_if<pages::ImageItem>(&item))
                image->raster = theirs[static_cast<std::size_t>(std::find(mine.begin(), mine.end(), image->raster) -
                                                                mine.begin())];
}

// The pages as a session's layout makes them, taking what the last build kept,
// and as a layout that keeps nothing makes them, in the same fonts.
struct Session {
    explicit Session(style::Style s) : style(std::move(s)), kept(style.fonts) {}
    style::Style style;
    layout::KeptText kept;
    hyphenate::Dictionaries dictionaries;

    // `give_back`: as a session once the files are written; a session whose
    // writer failed never does.
    pages::Book build(const model::Document& doc, bool keeping, Diagnostics& diags, bool give_back = true) {
        const cite::Citations cites = cite::cite_document(doc, style.links, 0);
        layout::Settings settings;
        if (keeping) {
            settings.text_cache = kept.paragraphs();
            settings.kept_chapters = kept.chapters();
            settings.kept_pictures = kept.pictures();
        }
        pages::Book book = layout::layout_book(doc, cites, style, kept.fonts(), dictionaries, settings, diags);
        if (keeping && !give_back) {
            CHECK_FALSE(kept.chapters()->layouts.front().lent.empty());
            kept.next_build();
        } else if (keeping) {
            // As a session does once the files are written: the items the book
            // holds of the kept layout go back to it (here from a copy, the book
            // being returned).
            pages::Book written = book;
            kept.give_back(written);
            kept.next_build();
        }
        return book;
    }
    // The first pass of the last kept layout: which chapters it took.
    std::vector<bool> taken_in_first_pass() {
        std::vector<bool> out;
        for (const auto& chapter : kept.chapters()->layouts.front().passes.front().chapters) out.push_back(chapter.taken);
        return out;
    }
    // Builds `doc` taking what the last build kept; the book and the warnings are
    // a clean build's.
    void check_same_as_clean(const model::Document& doc) {
        Diagnostics kept_diags, clean_diags;
        pages::Book kept_book = build(doc, true, kept_diags);
        const pages::Book clean_book = build(doc, false, clean_diags);
        same_pictures(kept_book, clean_book);
        CHECK(kept_book == clean_book);
        CHECK(kept_diags.all() == clean_diags.all());
    }
    // The URL notes the last kept layout composed or took.
    std::size_t kept_notes() { return kept.chapters()->layouts.front().notes.size(); }
    // Builds `doc` taking what the last build kept: the first pass takes the
    // chapters `taken` says, and the book and the warnings are a clean build's.
    void check_build(const model::Document& doc, const std::vector<bool>& taken) {
        Diagnostics kept_diags, clean_diags;
        pages::Book kept_book = build(doc, true, kept_diags);
        const pages::Book clean_book = build(doc, false, clean_diags);
        CHECK(kept_book.pages.size() == clean_book.pages.size());
        same_pictures(kept_book, clean_book);
        CHECK(kept_book == clean_book);
        CHECK(kept_diags.all() == clean_diags.all());
        CHECK(taken_in_first_pass() == taken);
    }
};

void append_words(model::Document& doc, std::size_t chapter, const std::string& text) {
    auto& blocks = doc.chapters[chapter].blocks;
    blocks.push_back(layout_test::para({layout_test::text(text)}));
}

}  // namespace

TEST_CASE("a session's build takes the chapters its last build composed and lays out what a clean build does",
          "[layout][reuse]") {
    // The press kit lists its sources with the pages that cite them.
    const std::string name = GENERATE(as<std::string>{}, "booklet", "press-kit");
    INFO("style " << name);
    Session s(style::load_style(name, BOOKLET_SOURCE_DIR "/styles"));
    model::Document doc = document();
    Diagnostics first_diags;
    s.build(doc, true, first_diags);
    REQUIRE(s.kept.chapters()->layouts.size() == 1);
    CHECK(s.taken_in_first_pass() == std::vector<bool>(kChapters, false));

    const auto check_build = [&](const std::vector<bool>& taken) { s.check_build(doc, taken); };
    SECTION("nothing changed: every chapter taken") { check_build(std::vector<bool>(kChapters, true)); }
    SECTION("a paragraph added: that chapter composed again, the later ones moved") {
        append_words(doc, 2, layout_test::words("added", 240));
        check_build({true, true, false, true, true, true});
        // And again: the added paragraph is kept now.
        append_words(doc, 2, layout_test::words("again", 30));
        check_build({true, true, false, true, true, true});
    }
    SECTION("a link added: the links of later chapters are further on in the book") {
        doc.chapters[1].blocks.insert(doc.chapters[1].blocks.begin(),
                                      layout_test::para({layout_test::web_link("https://example.org/new", "a new link")}));
        check_build({true, false, true, true, true, true});
    }
    SECTION("another style: nothing taken from the layout of the first") {
        s.style.body.size = s.style.body.size * 11 / 10;
        check_build(std::vector<bool>(kChapters, false));
        // The first style's layout is forgotten: the last build did not make it.
        CHECK(s.kept.chapters()->layouts.size() == 1);
        CHECK(s.kept.chapters()->layouts.front().inputs.style == s.style);
    }
}

TEST_CASE("the items a session's book holds go back to the kept layout; never given back, it is not taken from",
          "[layout][reuse]") {
    Session s(layout_test::booklet_style());
    const model::Document doc = document();
    Diagnostics first;
    const pages::Book book = s.build(doc, true, first);
    // What went back: the items the book holds, in the boxes they were drawn from.
    const layout::Pass& kept = s.kept.chapters()->layouts.front().passes.back();
    std::size_t kept_items = 0, book_items = 0;
    for (const auto& box : kept.contents) kept_items += box.items.size();
    for (const auto& page : book.pages) book_items += page.items.size();
    CHECK(kept_items > book_items / 2);
    CHECK(s.kept.chapters()->layouts.front().lent.empty());
    s.check_build(doc, std::vector<bool>(kChapters, true));

    SECTION("not given back (a writer failed): composed again, as a clean build") {
        Diagnostics again;
        s.build(doc, true, again, false);
        s.check_build(doc, std::vector<bool>(kChapters, false));
    }
    SECTION("given back from a book that is not the one lent to: composed again") {
        Diagnostics again;
        s.build(doc, true, again, false);
        pages::Book other = book;
        other.pages.resize(1);
        s.kept.give_back(other);
        CHECK(s.kept.chapters()->layouts.front().passes.empty());
        s.check_build(doc, std::vector<bool>(kChapters, false));
    }
}

TEST_CASE("URL notes are taken from the pass before and the last build, under the elements that call them now",
          "[layout][reuse]") {
    // Per-chapter and per-page numbers, QR codes beside the notes (not taken),
    // and a book without a structure tree.
    const std::string variant = GENERATE(as<std::string>{}, "booklet", "handout", "press-kit", "qr-codes", "untagged");
    INFO("variant " << variant);
    style::Style style = layout_test::booklet_style();
    if (variant == "handout" || variant == "press-kit") style = style::load_style(variant, BOOKLET_SOURCE_DIR "/styles");
    if (variant == "qr-codes") {
        style.links.qr_codes = true;
        style.links.qr_only = {"https://example.org/c1"};
    }
    if (variant == "untagged") style.pdf_tagged = false;
    Session s(style);
    model::Document doc = document();
    Diagnostics first_diags;
    s.build(doc, true, first_diags);
    // A note per chapter's own link, list link and footnote link, and the shared one.
    CHECK(s.kept_notes() >= 3 * kChapters);
    s.check_same_as_clean(doc);

    SECTION("a link added early: every later note's elements and numbers move") {
        doc.chapters[1].blocks.insert(doc.chapters[1].blocks.begin(),
                                      layout_test::para({layout_test::web_link("https://example.org/new", "a new link"),
                                                         layout_test::text(" " + layout_test::words("moved", 80))}));
        s.check_same_as_clean(doc);
        s.check_same_as_clean(doc);
    }
    SECTION("a link's address changed: its note is composed again") {
        doc.chapters[4].blocks.push_back(
            layout_test::para({layout_test::web_link("https://example.org/c4/changed", "changed")}));
        s.check_same_as_clean(doc);
    }
}

TEST_CASE("a session's build composes again a chapter whose picture file holds another picture",
          "[layout][reuse]") {
    const fs::path dir = test::scratch_folder("unit-layout") / "chapter-reuse-picture";
    fs::create_directories(dir / "images");
    const fs::path picture = dir / "images" / "picture.png";
    fs::copy_file(fs::path(BOOKLET_TEST_DATA) / "image" / "rgb.png", picture, fs::copy_options::overwrite_existing);
    Session s(layout_test::booklet_style());
    const model::Document doc = document(dir, true);
    REQUIRE(std::holds_alternative<model::Figure>(doc.chapters[3].blocks.back().node));
    Diagnostics first;
    s.build(doc, true, first);
    s.check_build(doc, std::vector<bool>(kChapters, true));
    // The same text, the same file name, another picture of another size.
    fs::copy_file(fs::path(BOOKLET_SOURCE_DIR) / "content" / "images" / "pipeline.png", picture,
                  fs::copy_options::overwrite_existing);
    s.check_build(doc, {true, true, true, false, true, true});
}

TEST_CASE("a picture two chapters show is embedded once when a session composes one of them again at another size",
          "[layout][reuse]") {
    // Finer than the style's max_ppi at any width a page gives it: each size it
    // is drawn at asks for a raster of its own.
    pages::Raster pixels;
    pixels.width = 2400;
    pixels.height = 600;
    pixels.pixels.resize(2400 * 600 * 3);
    for (std::size_t i = 0; i < pixels.pixels.size(); ++i) pixels.pixels[i] = static_cast<std::uint8_t>(i / 3 % 2400 / 10);
    const fs::path dir = test::scratch_folder("unit-layout") / "chapter-reuse-shared-picture";
    fs::create_directories(dir / "images");
    const std::vector<std::uint8_t> png = image::encode_png(pixels);
    std::ofstream(dir / "images" / "picture.png", std::ios::binary)
        .write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));

    Session s(layout_test::booklet_style());
    model::Document doc = document(dir, true, true);
    Diagnostics first;
    s.build(doc, true, first);
    // Chapter 3's picture moves into a quote, narrower than the column: composed
    // again, it is drawn smaller, while chapter 5, taken, still shows it as wide
    // as the column. A clean build prepares one raster for both, as wide as the
    // wider; so must the session (same_pictures counts them).
    auto& blocks = doc.chapters[3].blocks;
    REQUIRE(std::holds_alternative<model::Figure>(blocks.back().node));
    const SourcePos pos = blocks.back().pos;
    model::BlockQuote quote;
    quote.blocks.push_back(std::move(blocks.back()));
    blocks.back() = model::Block{std::move(quote), pos, {}};
    s.check_build(doc, {true, true, true, false, true, true});
}
