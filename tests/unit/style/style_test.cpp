#include "booklet/style.hpp"

#include "style_paths.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace booklet;
using booklet::style::load_style;
using style_test::data;
using style_test::styles_dir;

namespace {

// Lengths in the style are rounded from mm/em to sp: compare to a hundredth of a point.
bool near(Sp a, Sp b) { return std::llabs(a - b) <= kSpPerPt / 100; }

bool all_faces_exist(const style::FontFamily& f) {
    for (const auto* p : {&f.regular, &f.italic, &f.bold, &f.bold_italic})
        if (!std::filesystem::is_regular_file(p->path)) return false;
    return true;
}

}  // namespace

TEST_CASE("booklet, the default style, resolves to an A5 booklet") {
    const auto s = load_style("booklet", styles_dir());
    CHECK(s.name == "booklet");
    CHECK(s.file.filename() == "booklet.yaml");
    CHECK(s.description.find("A5") != std::string::npos);
    CHECK(s.page.size_name == "A5");
    CHECK(s.page.width == sp_from_mm(148));
    CHECK(s.page.height == sp_from_mm(210));
    CHECK(s.page.margin_inner == sp_from_mm(15));
    CHECK(s.page.margin_outer == sp_from_mm(18));
    CHECK(s.page.two_sided);
    CHECK(s.body.size == sp_from_pt(10));
    CHECK(near(s.body.leading, sp_from_pt(13.5)));
    CHECK(s.body.align == style::Align::justify);
    CHECK(s.body.hyphenate);
    CHECK(s.body.first_indent == sp_from_pt(10));
    CHECK(s.body.space_before == 0);
    CHECK(s.body.space_after == 0);
    CHECK(s.paragraph_spacing == 0);
    // The text block is a whole number of body lines (36), as the comment in the file says.
    const Sp text_height = s.page.height - s.page.margin_top - s.page.margin_bottom;
    CHECK(text_height / s.body.leading == 36);
    CHECK(text_height % s.body.leading < sp_from_pt(1));

    CHECK(s.fonts.body.name == "Noto Serif");
    CHECK(s.fonts.body.regular.path.filename() == "NotoSerif-Regular.ttf");
    CHECK(s.fonts.body.bold_italic.path.filename() == "NotoSerif-BoldItalic.ttf");
    CHECK(s.fonts.heading.name == "Noto Sans");
    CHECK(s.fonts.mono.italic.path.filename() == "NotoSansMono-Regular.ttf");  // no italic cut: the upright
    CHECK(s.fonts.mono.bold_italic.path.filename() == "NotoSansMono-Bold.ttf");
    CHECK(all_faces_exist(s.fonts.body));
    CHECK(all_faces_exist(s.fonts.heading));
    CHECK(all_faces_exist(s.fonts.mono));
    REQUIRE(s.fonts.fallbacks.size() == 4);
    CHECK(s.fonts.fallbacks.back().path.filename() == "DejaVuSans.ttf");

    const auto& h2 = s.headings[1];
    CHECK(h2.font == style::FontRole::heading);
    CHECK(h2.bold);
    CHECK(h2.size == sp_from_pt(12.5));
    CHECK(h2.align == style::Align::left);
    CHECK_FALSE(h2.hyphenate);
    CHECK(h2.space_before > h2.space_after);
    CHECK(s.chapter_title.size == sp_from_pt(19));
    CHECK(s.code.font == style::FontRole::mono);
    CHECK(s.code.size == sp_from_pt(8.5));
    CHECK(s.footnote.size == sp_from_pt(7.5));
    CHECK_FALSE(s.footnote.hyphenate);
    CHECK(s.running.color == Color{0x40, 0x40, 0x40});

    CHECK(s.chapters.opening == style::ChapterOpening::new_page);
    CHECK(s.chapters.recto_min_pages == 0);
    CHECK(s.chapters.spill_lines == 3);
    CHECK(s.chapters.space_shrink == Approx(0.3));
    CHECK(s.chapters.run_on_fill == Approx(0.33));
    CHECK(s.header.right == "{chapter}");
    CHECK_FALSE(s.header.on_chapter_openings);
    CHECK(s.footer.right == "{page}");
    CHECK(s.title_page);
    CHECK(s.table_of_contents);
    CHECK(s.toc_depth == 0);  // auto
    CHECK(s.toc_numbers == style::TocNumbers::leaders);
    CHECK(s.imprint);
    CHECK(s.back_cover.enabled);
    CHECK_FALSE(s.back_cover.colophon);
    CHECK(s.back_cover.pad_to == 4);
    CHECK(s.links.footnote_urls);
    CHECK(s.links.numbering == style::NoteNumbering::per_chapter);
    CHECK_FALSE(s.links.sources_list);
    CHECK_FALSE(s.build_date);
    CHECK(s.home_qr.place == style::HomeQrPlace::back_page);

    // imposition: sheet auto picks A4 landscape for A5 pages.
    CHECK(s.imposition.sheet == "A4");
    CHECK(s.imposition.sheet_width == sp_from_mm(297));
    CHECK(s.imposition.sheet_height == sp_from_mm(210));
    CHECK_FALSE(s.imposition.crop_marks);
    CHECK(s.imposition.bleed == 0);
    CHECK(s.imposition.scheme == style::ImposeScheme::booklet);
    CHECK(s.imposition.max_sheets == 12);
    CHECK(s.imposition.signature_sheets == 4);
    CHECK(s.imposition.paper_thickness == 0);
    CHECK(s.fit.max_pages == 0);
    CHECK_FALSE(s.epub.embed_fonts);
    CHECK(s.epub.page_list);
}

TEST_CASE("the other shipped styles inherit from booklet and change what they say") {
    const auto handout = load_style("handout", styles_dir());
    CHECK(handout.page.size_name == "A4");
    CHECK(handout.page.columns == 2);
    CHECK_FALSE(handout.page.two_sided);
    CHECK_FALSE(handout.title_page);
    CHECK_FALSE(handout.table_of_contents);
    CHECK(handout.chapters.opening == style::ChapterOpening::run_on);
    CHECK_FALSE(handout.chapters.new_page());
    CHECK_FALSE(handout.back_cover.enabled);
    CHECK_FALSE(handout.imprint);
    CHECK(handout.header.right.empty());
    CHECK(handout.footer.left == "{title}");
    CHECK(handout.body.size == sp_from_pt(9.5));
    CHECK(near(handout.body.leading, sp_from_pt(12.35)));
    // Inherited from booklet in em, so it scales with the smaller body: 1.1em of 9.5pt.
    CHECK(near(handout.headings[2].size, sp_from_pt(10.45)));
    // Deep merge: handout changes only the size of the chapter title; the rest is booklet's.
    CHECK(near(handout.chapter_title.size, sp_from_pt(15.2)));
    CHECK(handout.chapter_title.bold);
    CHECK(handout.chapter_title.font == style::FontRole::heading);
    CHECK(handout.fonts.body.regular == load_style("booklet", styles_dir()).fonts.body.regular);
    CHECK(handout.imposition.sheet == "A3");  // A4 pages impose on A3
    CHECK(handout.fit.min_size_ratio == Approx(0.85));

    const auto press = load_style("press-kit", styles_dir());
    CHECK(press.page.size_name == "A4");
    CHECK(press.links.sources_list);
    CHECK(press.links.numbering == style::NoteNumbering::per_page);
    CHECK(press.build_date);
    CHECK(press.header.right == "{date}");
    CHECK(press.body.align == style::Align::left);
    CHECK(press.body.first_indent == 0);
    CHECK(near(press.paragraph_spacing, sp_from_pt(6.6)));
    CHECK(press.link_color == Color{0x1a, 0x4f, 0x8b});
    CHECK(press.toc_depth == 1);
    CHECK(press.home_qr.place == style::HomeQrPlace::cover);

    const auto ereader = load_style("ereader", styles_dir());
    CHECK(ereader.page.width == sp_from_mm(90));
    CHECK(ereader.page.height == sp_from_mm(120));
    CHECK(ereader.body.align == style::Align::left);
    CHECK(ereader.body.size > load_style("booklet", styles_dir()).body.size);
    CHECK(ereader.header.left.empty());
    CHECK(ereader.header.center.empty());
    CHECK(ereader.header.right.empty());
    CHECK(ereader.footer.center == "{page}");
    CHECK(ereader.chapters.opening == style::ChapterOpening::new_page);
    CHECK_FALSE(ereader.back_cover.enabled);
}

TEST_CASE("the leaflet is a handout on six panels that impose on one A4 sheet") {
    const auto leaflet = load_style("leaflet", styles_dir());
    CHECK(leaflet.page.width == sp_from_mm(99));
    CHECK(leaflet.page.columns == 1);
    CHECK(leaflet.fit.max_pages == 6);
    CHECK(leaflet.chapters.opening == style::ChapterOpening::run_on);
    CHECK(leaflet.imposition.scheme == style::ImposeScheme::trifold);
    CHECK(leaflet.imposition.sheet == "A4");
}

TEST_CASE("imposition schemes pick the smallest sheet that holds their pages side by side") {
    const auto trifold =
        load_style("booklet", styles_dir(), {"imposition.scheme=trifold", "page.size=99mm x 210mm"});
    CHECK(trifold.imposition.scheme == style::ImposeScheme::trifold);
    CHECK(trifold.imposition.sheet == "A4");  // three 99mm panels
    const auto cut = load_style("handout", styles_dir(), {"imposition.scheme=cut_stack", "page.size=A5"});
    CHECK(cut.imposition.scheme == style::ImposeScheme::cut_stack);
    CHECK(cut.imposition.sheet == "A4");
    const auto creep = load_style("booklet", styles_dir(), {"imposition.paper_thickness=0.1mm"});
    CHECK(creep.imposition.paper_thickness == sp_from_mm(0.1));
}

TEST_CASE("a style three files deep merges child over parent over grandparent") {
    const auto s = load_style(data("child.yaml"), styles_dir());
    CHECK(s.name == "child");
    CHECK(s.description == "a handout in Letter size with a blue heading");
    CHECK(s.page.size_name == "Letter");          // child
    CHECK(s.page.width == sp_from_in(8.5));
    CHECK(s.page.columns == 2);                   // handout
    CHECK(s.headings[1].color == Color{0, 0, 255});  // child
    CHECK(s.headings[1].bold);                    // booklet
    CHECK(s.imposition.sheet == "Tabloid");       // two Letter pages need 11 x 17 in
}

TEST_CASE("a style of its own takes the documented defaults for what it leaves out") {
    const auto s = load_style(data("minimal.yaml"), styles_dir());
    CHECK(s.page.width == sp_from_in(6));
    CHECK(s.page.height == sp_from_in(9));
    CHECK(s.page.margin_inner == sp_from_in(0.75));
    CHECK(s.page.margin_bottom == sp_from_in(0.75));
    CHECK(s.body.size == sp_from_pt(11));
    CHECK(near(s.body.leading, sp_from_pt(14.3)));       // 1.3em when only the size is given
    CHECK(s.headings[1].size == sp_from_pt(14.3));       // 1.3em of the body
    CHECK(s.headings[1].font == style::FontRole::heading);
    CHECK(s.fonts.heading.regular == s.fonts.body.regular);  // roles default to the body family
    CHECK(s.fonts.body.italic == s.fonts.body.regular);
    // The relative path was written against the style file's folder.
    CHECK(std::filesystem::is_regular_file(s.fonts.body.regular.path));
}

TEST_CASE("--set overrides apply last, read as YAML, and keep em proportions") {
    const auto s = load_style("booklet", styles_dir(), {"page.size=Letter", "body.size=11pt", "links.qr_codes=true",
                                                        "links.qr_only=[https://pauseai.info/]",
                                                        "imposition.crop_marks=yes", "imposition.bleed=3mm"});
    CHECK(s.page.size_name == "Letter");
    CHECK(s.page.width == sp_from_in(8.5));
    CHECK(s.body.size == sp_from_pt(11));
    CHECK(near(s.body.leading, sp_from_pt(14.85)));  // booklet's 1.35em of the new size
    CHECK(s.links.qr_codes);
    REQUIRE(s.links.qr_only.size() == 1);
    CHECK(s.imposition.crop_marks);
    CHECK(s.imposition.bleed == sp_from_mm(3));
    CHECK_FALSE(load_style("booklet", styles_dir(), {"epub.page_list=false"}).epub.page_list);
    // An override may add a section the file does not have.
    const auto margins = load_style("booklet", styles_dir(), {"page.margins=2cm"});
    CHECK(margins.page.margin_inner == sp_from_mm(20));
    CHECK(margins.page.margin_top == sp_from_mm(20));
}

TEST_CASE("a system family is found with fontconfig") {
    // DejaVu comes with fontconfig on Debian (fonts-dejavu-core, listed in scripts/setup.sh).
    const auto s = load_style(data("system-font.yaml"), styles_dir());
    CHECK(s.fonts.heading.name == "DejaVu Sans");
    CHECK(s.fonts.heading.regular.path.filename() == "DejaVuSans.ttf");
    CHECK(s.fonts.heading.bold.path.filename() == "DejaVuSans-Bold.ttf");
    CHECK(s.fonts.heading.italic.path.filename() == "DejaVuSans-Oblique.ttf");
    CHECK(s.fonts.heading.bold_italic.path.filename() == "DejaVuSans-BoldOblique.ttf");
    CHECK(s.fonts.body.name == "Noto Serif");  // the rest still comes from booklet
}

TEST_CASE("list_styles gives one line per style, sorted") {
    const auto list = style::list_styles(styles_dir());
    REQUIRE(list.size() == 5);
    CHECK(list[0].first == "booklet");
    CHECK(list[1].first == "ereader");
    CHECK(list[2].first == "handout");
    CHECK(list[3].first == "leaflet");
    CHECK(list[4].first == "press-kit");
    for (const auto& [name, description] : list) {
        CHECK_FALSE(description.empty());
        CHECK(description.find('\n') == std::string::npos);
    }
    // A broken file is listed with its error instead of hiding the others.
    const auto broken = style::list_styles(std::string(BOOKLET_TEST_DATA) + "/style");
    bool saw_bad_yaml = false, saw_no_description = false;
    for (const auto& [name, description] : broken) {
        if (name == "bad-yaml") saw_bad_yaml = description.rfind("cannot be read: ", 0) == 0;
        if (name == "not-a-map") saw_no_description = description.rfind("cannot be read: ", 0) == 0;
    }
    CHECK(saw_bad_yaml);
    CHECK(saw_no_description);
}

TEST_CASE("wants_qr_code chooses links by length and prefix") {
    style::LinkPolicy links;
    CHECK_FALSE(style::wants_qr_code(links, "https://example.org/"));
    links.qr_codes = true;
    CHECK(style::wants_qr_code(links, "https://example.org/"));
    links.qr_min_length = 30;
    CHECK_FALSE(style::wants_qr_code(links, "https://example.org/"));
    CHECK(style::wants_qr_code(links, "https://example.org/a/long/path/to/a/page"));
    links.qr_only = {"https://pauseai.info/"};
    CHECK_FALSE(style::wants_qr_code(links, "https://example.org/a/long/path/to/a/page"));
    CHECK(style::wants_qr_code(links, "https://pauseai.info/proposal-and-more-words"));
}
