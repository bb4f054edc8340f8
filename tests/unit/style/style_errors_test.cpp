// Every error message of the style loader, with file, line, column and key.
#include "booklet/source_dir.hpp"
#include "booklet/style.hpp"

#include "style_paths.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace booklet;
namespace fs = std::filesystem;
using style_test::data;
using style_test::styles_dir;

namespace {

std::string error_of(const std::string& name_or_file, const std::vector<std::string>& overrides = {}) {
    try {
        style::load_style(name_or_file, styles_dir(), overrides);
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

std::string at(const std::string& file, const std::string& rest) { return data(file) + ":" + rest; }

}  // namespace

// The three broken style files quoted in docs/STYLES.md.
TEST_CASE("a misspelt key names file, line and the key it probably meant") {
    CHECK(error_of(data("typo.yaml")) == at("typo.yaml", "6:3: error: unknown key 'leadin' in body; did you mean 'leading'?"));
}

TEST_CASE("margins wider than the page") {
    CHECK(error_of(data("margins.yaml")) ==
          at("margins.yaml", "7:12: error: page.margins: inner 80mm + outer 70mm are wider than the A5 page (148mm)"));
}

TEST_CASE("a missing font file, with the folders looked in and the near name") {
    CHECK(error_of(data("missing-font.yaml")) ==
          at("missing-font.yaml", "8:13: error: fonts.body.italic: font file not found: fonts/noto/NotoSerif-Itallic.ttf"
                                  " (looked in " + std::string(BOOKLET_TEST_DATA) + "/style/fonts/noto and " +
                                  std::string(BOOKLET_SOURCE_DIR) +
                                  "/fonts/noto); did you mean 'fonts/noto/NotoSerif-Italic.ttf'?"));
}

TEST_CASE("wrong types and impossible values") {
    CHECK(error_of(data("wrong-type.yaml")) ==
          at("wrong-type.yaml", "4:12: error: page.columns must be a whole number, not 'two'"));
    CHECK(error_of(data("negative-size.yaml")) ==
          at("negative-size.yaml", "5:11: error: headings.h2.size: a font size must be positive, not '-12pt'"));
    CHECK(error_of(data("tight-leading.yaml")) ==
          at("tight-leading.yaml",
             "5:12: error: body.leading: leading 4pt is less than half the font size 10pt; lines would overprint"));
    CHECK(error_of(data("no-unit.yaml")) ==
          at("no-unit.yaml", "4:12: error: body.leading: '1.35' needs a unit (pt, mm, cm, in or em); did you mean '1.35em'?"));
    CHECK(error_of(data("em-body.yaml")) ==
          at("em-body.yaml", "4:9: error: body.size: em is relative to the body size, so the body size itself needs "
                             "an absolute unit such as 10pt"));
    CHECK(error_of(data("unquoted-color.yaml")) ==
          at("unquoted-color.yaml",
             "4:3: error: colors.link: expected a colour \"#rrggbb\" in quotes (without quotes YAML reads # as a comment)"));
    CHECK(error_of(data("page-size.yaml")) ==
          at("page-size.yaml", "4:9: error: page.size: unknown page size 'Leter'; did you mean 'Letter'? (named sizes: "
                               "A3, A4, A5, A6, B5, B6, Letter, Legal, Statement, Executive; or 'W x H' such as "
                               "'148mm x 210mm')"));
    CHECK(error_of(data("placeholder.yaml")) ==
          at("placeholder.yaml", "4:10: error: header.right: unknown placeholder '{pgae}' (use {title}, {chapter}, "
                                 "{page} or {date}); did you mean 'page'?"));
    CHECK(error_of(data("numbering.yaml")) ==
          at("numbering.yaml", "4:14: error: links.numbering: 'per_section' is not one of per_chapter, per_page, per_book"));
    CHECK(error_of(data("columns.yaml")) ==
          at("columns.yaml",
             "4:12: error: page.columns: 5 columns of 18.2mm are too narrow for 10pt text (at least 8em = 28.2mm)"));
    CHECK(error_of(data("many-fallbacks.yaml")) ==
          at("many-fallbacks.yaml", "5:5: error: fonts.fallbacks: 14 fonts; at most 13 fallbacks are tried after a face"));
    CHECK(error_of(data("small-sheet.yaml")) ==
          at("small-sheet.yaml", "6:10: error: imposition.sheet: two A4 pages side by side (420mm x 297mm) do not fit "
                                 "on A4 (297mm x 210mm landscape); use a larger sheet or 'auto'"));
}

TEST_CASE("fonts: a style of its own must name one, a system family must be installed") {
    CHECK(error_of(data("no-fonts.yaml")) ==
          at("no-fonts.yaml", "1:1: error: fonts.body: no body font; name a system family or font files "
                              "(docs/STYLES.md), or start the style with 'extends: booklet'"));
    CHECK(error_of(data("missing-system-font.yaml")) ==
          at("missing-system-font.yaml", "4:12: error: fonts.heading: no font of family 'No Such Family Booklet' is "
                                         "installed (`fc-list : family` lists them)"));
}

TEST_CASE("files that are not styles") {
    CHECK(error_of(data("not-a-map.yaml")) ==
          at("not-a-map.yaml", "1:1: error: a style file must be a mapping of keys (page:, fonts:, body: ...)"));
    CHECK(error_of(data("bad-yaml.yaml")) ==
          at("bad-yaml.yaml", "4:10: error: invalid YAML: end of sequence flow not found"));
    CHECK(error_of(data("does-not-exist.yaml")) ==
          "error: style file not found: " + data("does-not-exist.yaml"));
    CHECK(error_of("bookelt") == "error: no style named 'bookelt' in " + styles_dir().string() +
                                     "; did you mean 'booklet'? (styles there: booklet ereader handout leaflet press-kit)");
}

TEST_CASE("extends: a missing parent and a cycle") {
    CHECK(error_of(data("unknown-parent.yaml")) ==
          at("unknown-parent.yaml", "1:10: error: no style named 'bookelt' in " + styles_dir().string() +
                                        "; did you mean 'booklet'? (styles there: booklet ereader handout leaflet press-kit)"));
    CHECK(error_of(data("cycle-a.yaml")) ==
          at("cycle-b.yaml", "1:10: error: extends: './cycle-a.yaml' makes a cycle: cycle-a.yaml -> cycle-b.yaml -> "
                             "cycle-a.yaml"));
}

TEST_CASE("--set errors name the assignment") {
    CHECK(error_of("booklet", {"page.size=Leter"}).rfind(
              "--set page.size=Leter: error: page.size: unknown page size 'Leter'; did you mean 'Letter'?", 0) == 0);
    CHECK(error_of("booklet", {"page.sise=Letter"}) ==
          "--set page.sise=Letter: error: unknown key 'sise' in page; did you mean 'size'?");
    CHECK(error_of("booklet", {"colour.link=red"}) ==
          "--set colour.link=red: error: unknown key 'colour'; did you mean 'colors'?");
    CHECK(error_of("booklet", {"page.size.width=3"}) ==
          "--set page.size.width=3: error: 'page.size' holds a value, not a section with keys");
    CHECK(error_of("booklet", {"extends=handout"}) ==
          "--set extends=handout: error: extends cannot be set from the command line; pick the style with --style");
    CHECK(error_of("booklet", {"page.size"}) == "--set page.size: error: expected KEY=VALUE, such as page.size=Letter");
    CHECK(error_of("booklet", {"page.size="}) == "--set page.size=: error: no value after '='");
    CHECK(error_of("booklet", {"page..size=A4"}) ==
          "--set page..size=A4: error: 'page..size' is not a dotted key such as page.size");
    CHECK(error_of("booklet", {"fit.max_pages=-1"}) ==
          "--set fit.max_pages=-1: error: fit.max_pages: -1 is out of range (0 to 9999)");
    CHECK(error_of("booklet", {"fit.min_size_ratio=0.2"}) ==
          "--set fit.min_size_ratio=0.2: error: fit.min_size_ratio: 0.2 is out of range (0.5 to 1)");
    CHECK(error_of("booklet", {"links.qr_size=5mm"}) ==
          "--set links.qr_size=5mm: error: links.qr_size: 5mm is too small for a phone to scan (at least 8mm)");
    CHECK(error_of("booklet", {"page.margins.top=-3mm"}) ==
          "--set page.margins.top=-3mm: error: page.margins.top: must not be negative");
    CHECK(error_of("booklet", {"page.margins.top=200mm"}) ==
          "--set page.margins.top=200mm: error: page.margins: top 200mm + bottom 22.5mm are taller than the A5 page "
          "(210mm)");
    CHECK(error_of("booklet", {"body=large"}) == "--set body=large: error: body must be a mapping of keys, not 'large'");
    // The two booleans of older styles name their replacement.
    CHECK(error_of("booklet", {"chapters.recto=false"}) ==
          "--set chapters.recto=false: error: chapters.recto: chapters open as chapters.opening says: new_page, "
          "recto or run_on");
    CHECK(error_of("booklet", {"chapters.opening=run-on"}) ==
          "--set chapters.opening=run-on: error: chapters.opening: 'run-on' is not one of new_page, recto, run_on; "
          "did you mean 'run_on'?");
    CHECK(error_of("booklet", {"chapters.opening=run_on"}) == "no error");
    CHECK(error_of("booklet", {"contents.depth=deep"}) ==
          "--set contents.depth=deep: error: contents.depth must be a whole number, not 'deep'");
    CHECK(error_of("booklet", {"contents.depth=auto", "contents.numbers=after"}) == "no error");
    CHECK(error_of("booklet", {"imposition.paper_thickness=2mm"}) ==
          "--set imposition.paper_thickness=2mm: error: imposition.paper_thickness: 2mm is thicker than any paper "
          "that folds (at most 1mm; office paper is about 0.1mm)");
    CHECK(error_of("booklet", {"imposition.max_sheets=0"}) ==
          "--set imposition.max_sheets=0: error: imposition.max_sheets: 0 is out of range (1 to 25)");
    CHECK(error_of("booklet", {"imposition.scheme=trifold", "imposition.sheet=A4"}) ==
          "--set imposition.sheet=A4: error: imposition.sheet: three A5 pages side by side (444mm x 210mm) do not "
          "fit on A4 (297mm x 210mm landscape); use a larger sheet or 'auto'");
    CHECK(error_of("booklet", {"imposition.scheme=trifold", "page.size=99mm x 210mm"}) == "no error");
}

// A style file is parsed once per text: the loader keeps what each file parsed to
// and takes it only while the file's bytes are the same.
TEST_CASE("a style file edited between loads is read as it now is, bad YAML included") {
    const fs::path dir = fs::temp_directory_path() / ("booklet-style-edit-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path file = dir / "mine.yaml";
    const auto write = [&](const std::string& text) { std::ofstream(file) << text; };
    const auto body_size = [&] { return style::load_style(file.string(), styles_dir()).body.size; };
    write("extends: booklet\nbody:\n  size: 10pt\n");
    const auto ten = body_size();
    CHECK(body_size() == ten);
    write("extends: booklet\nbody:\n  size: 12pt\n");
    CHECK(body_size() == ten * 12 / 10);
    write("extends: booklet\nbody: [12pt\n");
    CHECK(error_of(file.string()).find("invalid YAML") != std::string::npos);
    write("extends: booklet\nbody:\n  size: 10pt\n");
    CHECK(body_size() == ten);
    fs::remove_all(dir);
}
