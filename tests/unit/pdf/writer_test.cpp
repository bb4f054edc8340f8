// Whole PDFs written from hand-built Books, read back with poppler-utils and
// qpdf (installed by scripts/setup.sh test).
#include "booklet/diagnostics.hpp"
#include "booklet/payload.hpp"
#include "booklet/pdf.hpp"
#include "booklet/picture_cache.hpp"
#include "booklet/sha256.hpp"
#include "hand_book.hpp"
#include "run_tool.hpp"
#include "sample_book.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace booklet;
using namespace booklet::pdf_test;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        while (!line.empty() && (line.back() == ' ' || line.back() == '\f')) line.pop_back();
        while (!line.empty() && line.front() == '\f') line.erase(0, 1);
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
    return n;
}

// The file with every stream decompressed and content streams normalised, as
// text (qpdf's QDF mode).
std::string qdf_text(const fs::path& pdf) {
    const fs::path out = pdf.parent_path() / (pdf.stem().string() + "-qdf.pdf");
    const ToolResult r = run_tool("qpdf --qdf --object-streams=disable " + quoted(pdf) + " " + quoted(out));
    REQUIRE(r.exit_code == 0);
    return slurp(out);
}

// A sample written into its own folder, removed again after the test.
struct Written {
    fs::path dir, pdf;
    Written() = default;
    Written(const Written&) = delete;
    Written& operator=(const Written&) = delete;
    Written(Written&& other) noexcept : dir(std::move(other.dir)), pdf(std::move(other.pdf)) { other.dir.clear(); }
    ~Written() {
        std::error_code ignored;
        if (!dir.empty()) fs::remove_all(dir, ignored);
    }
};

Written write_sample(const std::string& name) {
    Written w;
    w.dir = fresh_dir(name);
    w.pdf = w.dir / "sample.pdf";
    pdf::write_pdf(sample_book(), w.pdf);
    return w;
}

}  // namespace

TEST_CASE("pdftotext gives back every page's characters, ligatures and marks included") {
    const Written w = write_sample("text");
    const auto expected = sample_book_lines();
    for (std::size_t page = 0; page < expected.size(); ++page) {
        const std::string n = std::to_string(page + 1);
        const ToolResult r = run_tool("pdftotext -enc UTF-8 -f " + n + " -l " + n + " " + quoted(w.pdf) + " -");
        INFO("page " << n << ", pdftotext said: " << r.err);
        CHECK(r.exit_code == 0);
        CHECK(r.err.empty());  // no warnings about fonts, CMaps or syntax
        CHECK(lines_of(r.out) == expected[page]);
    }
}

TEST_CASE("qpdf finds no structural or stream errors") {
    const Written w = write_sample("qpdf");
    const ToolResult r = run_tool("qpdf --check " + quoted(w.pdf));
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("No syntax or stream encoding errors found") != std::string::npos);
    CHECK(r.err.empty());
}

TEST_CASE("every font is an embedded CID TrueType subset with ToUnicode") {
    const Written w = write_sample("fonts");
    const ToolResult r = run_tool("pdffonts " + quoted(w.pdf));
    REQUIRE(r.exit_code == 0);
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 2 + 4);  // header, rule, one row per font used
    const std::regex row(R"(^[A-Z]{6}\+(NotoSerif-Regular|NotoSans-Bold|NotoSansMath-Regular|NotoSerif-Italic))"
                         R"( +CID TrueType +Identity-H +yes +yes +yes +\d+ +0$)");
    std::set<std::string> names;
    for (std::size_t i = 2; i < lines.size(); ++i) {
        INFO(lines[i]);
        std::smatch m;
        CHECK(std::regex_match(lines[i], m, row));
        if (!m.empty()) names.insert(m[1]);
    }
    CHECK(names.size() == 4);
}

TEST_CASE("the content stream draws HarfBuzz's glyph ids with kerning in TJ") {
    const Written w = write_sample("glyphs");
    const std::string qdf = qdf_text(w.pdf);
    // The same shaping as the sample: the "ffi" and "fl" ligature glyphs exist
    // only through GSUB, so drawing them proves glyph ids are used as they are.
    const auto serif = load_font(font_path("NotoSerif-Regular.ttf"));
    const GlyphRun office = shape(serif, 0, "office flow", 10 * kSpPerPt);
    REQUIRE(office.glyphs.size() == 8);  // o ffi c e space fl o w
    char ffi[8], fl[8];
    std::snprintf(ffi, sizeof ffi, "%04x", office.glyphs[1].id);
    std::snprintf(fl, sizeof fl, "%04x", office.glyphs[5].id);
    CHECK(qdf.find(std::string("00520") + std::string(ffi).substr(1) + "00460048") != std::string::npos);
    CHECK(qdf.find(std::string(fl) + "0052005a") != std::string::npos);
    // "AVATAR" is kerned: numbers between the glyphs of A, V, A, T.
    CHECK(std::regex_search(qdf, std::regex(R"(0024>\d+(\.\d)?<0039>\d+(\.\d)?<0024>\d+(\.\d)?<0037>)")));
    // The justified line carries its stretched spaces as negative numbers.
    CHECK(count(qdf, "-400<") == 3);
}

TEST_CASE("links, outline, labels, language and soft masks are in the file") {
    const Written w = write_sample("structure");
    const std::string qdf = qdf_text(w.pdf);
    CHECK(count(qdf, "/Subtype /Link") == 2);
    CHECK(count(qdf, "/Border [\n    0\n    0\n    0\n  ]") + count(qdf, "/Border [ 0 0 0 ]") == 2);
    CHECK(qdf.find(std::string("/URI (") + kSampleUri + ")") != std::string::npos);
    CHECK(count(qdf, "/XYZ") == 4);  // one internal link's named place and three bookmarks
    // The internal link names its place; the catalog's /Names /Dests tree gives it.
    CHECK(count(qdf, "/Dest (chapter-two)") == 1);
    CHECK(std::regex_search(qdf, std::regex(R"(/Dests \d+ 0 R)")));
    CHECK(std::regex_search(qdf, std::regex(R"(/Names \[\s*\(chapter-two\)\s*\[\s*\d+ 0 R\s*/XYZ)")));
    CHECK(qdf.find("/Title (Chapter one)") != std::string::npos);
    // "A section — été" in PDFDocEncoding (— is 0x84, which qpdf writes in octal; é is 0xE9).
    CHECK(qdf.find("/Title (A section \\204 \xE9t\xE9)") != std::string::npos);
    CHECK(qdf.find("/Lang (en-GB)") != std::string::npos);
    CHECK(qdf.find("/PageMode /UseOutlines") != std::string::npos);
    CHECK(qdf.find("/S /r") != std::string::npos);  // page "i" then 1, 2
    CHECK(qdf.find("/SMask") != std::string::npos);
    CHECK(qdf.find("/CIDToGIDMap /Identity") != std::string::npos);
    CHECK(qdf.find("/ActualText <feffd83ddce7>") != std::string::npos);  // the emoji
    CHECK(qdf.find("/ActualText <feff00650301>") != std::string::npos);  // e + combining acute
    CHECK(qdf.find("/Alt <feff") != std::string::npos);

    // The same raster drawn on two pages is one image (with one soft mask).
    const ToolResult images = run_tool("pdfimages -list " + quoted(w.pdf));
    REQUIRE(images.exit_code == 0);
    std::set<std::string> image_objects, mask_objects;
    std::size_t drawn = 0;
    for (const auto& line : lines_of(images.out)) {
        std::istringstream in(line);
        std::string page, num, type, width, height, color, comp, bpc, enc, interp, object;
        in >> page >> num >> type >> width >> height >> color >> comp >> bpc >> enc >> interp >> object;
        if (type == "image") image_objects.insert(object), ++drawn;
        if (type == "smask") mask_objects.insert(object);
    }
    CHECK(drawn == 3);
    CHECK(image_objects.size() == 2);
    CHECK(mask_objects.size() == 2);
}

TEST_CASE("document info comes from the Book, not from the clock or libharu") {
    const Written w = write_sample("info");
    const ToolResult r = run_tool("TZ=UTC pdfinfo " + quoted(w.pdf));
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Title:           Booklet PDF test \xE2\x80\x94 \xE2\x80\x98quoted\xE2\x80\x99\n") !=
          std::string::npos);
    CHECK(r.out.find("Author:          Test Author\n") != std::string::npos);
    CHECK(r.out.find("Producer:        booklet\n") != std::string::npos);
    CHECK(r.out.find("CreationDate:    Wed May  1 12:51:30 2024 UTC\n") != std::string::npos);
    CHECK(r.out.find("Pages:           3\n") != std::string::npos);
    CHECK(r.out.find("PDF version:     1.7\n") != std::string::npos);
    CHECK(r.out.find("Haru") == std::string::npos);
}

namespace {

// Writes `changed` (a book `kept` was filled for, then changed) with `kept` and
// without: the same file (checked). How many streams a session with nothing kept
// keeps for it.
std::size_t fresh_streams(const pages::Book& changed, pdf::KeptStreams& kept, const fs::path& stem) {
    const fs::path with_kept = stem.string() + "-kept.pdf", without = stem.string() + ".pdf";
    kept.next_build();
    pdf::write_pdf(changed, with_kept, 1, &kept);
    pdf::write_pdf(changed, without);
    CHECK(slurp(with_kept) == slurp(without));
    pdf::KeptStreams fresh;
    pdf::write_pdf(changed, without, 1, &fresh);
    return fresh.size();
}

}  // namespace

TEST_CASE("kept streams are taken again for the same input, and the file is the same as without them") {
    const Written plain = write_sample("kept-plain");
    const std::string expected = slurp(plain.pdf);
    pdf::KeptStreams kept;
    const fs::path first = plain.dir / "first.pdf", second = plain.dir / "second.pdf";
    pdf::write_pdf(sample_book(), first, 2, &kept);
    CHECK(slurp(first) == expected);
    const std::size_t streams = kept.size();
    // The pages' contents (pictures come encoded from layout), the own objects'
    // three streams (the bookmarks'; the links'; the named destinations') and
    // libharu's objects' two (the streams' lengths; the others); the fonts made by
    // hand have no identity, so their subsets are not kept.
    CHECK(streams == 8);

    kept.next_build();
    pdf::write_pdf(sample_book(), second, 2, &kept);
    CHECK(slurp(second) == expected);
    CHECK(kept.size() == streams);

    SECTION("what the writer takes is the kept bytes, not bytes made again") {
        for (auto& [key, entry] : kept.bytes.entries()) entry.value = "not what the input makes";
        kept.next_build();
        const fs::path tampered = plain.dir / "tampered.pdf";
        pdf::write_pdf(sample_book(), tampered, 1, &kept);
        CHECK(slurp(tampered).find("not what the input makes") != std::string::npos);
    }
    SECTION("a changed book is written as without kept streams, and keeps only its own") {
        pages::Book changed = sample_book();
        changed.pages.front().items.clear();
        const std::size_t fresh = fresh_streams(changed, kept, plain.dir / "changed");
        REQUIRE(fresh == streams);  // the first page's content is another
        kept.next_build();  // the first page's old content was not used: dropped
        CHECK(kept.size() == fresh);
        kept.next_build();  // a build that wrote no PDF uses nothing
        CHECK(kept.size() == 0);
    }
}

namespace {

// The sample book with each font's identity (a digest of its data) as the font
// registry gives it, and how many fonts have one.
std::pair<pages::Book, std::size_t> sample_book_with_identities() {
    pages::Book book = sample_book();
    std::size_t identified = 0;
    for (auto& font : book.fonts)
        if (font.data) {
            font.identity = sha256(std::span<const std::uint8_t>(*font.data));
            ++identified;
        }
    return {std::move(book), identified};
}

}  // namespace

TEST_CASE("a font's subset is kept under the font's identity and its glyphs, and taken again") {
    auto [book, identified] = sample_book_with_identities();
    REQUIRE(identified >= 2);
    const Written plain = write_sample("kept-subsets");
    const std::string expected = slurp(plain.pdf);
    const fs::path first = plain.dir / "first.pdf", second = plain.dir / "second.pdf";
    pdf::KeptStreams kept;
    pdf::write_pdf(book, first, 1, &kept);
    CHECK(slurp(first) == expected);  // the identity changes nothing in the file
    // The pages' contents, the own objects' three streams, libharu's objects' two,
    // a subset per font, and for each page (its fonts known by their identities)
    // its stream's key and its text's analysis.
    CHECK(kept.size() == 3 + 3 + 2 + identified + 2 * 3);

    SECTION("taken again: a subset kept as forged is what the file holds (its /Length1)") {
        for (auto& [key, entry] : kept.bytes.entries()) {
            PayloadReader in(entry.value);
            in.u64();
            in.bytes();
            if (!in.finished()) continue;  // a page's deflated content
            PayloadWriter forged;
            forged.u64(424242);
            forged.bytes(entry.value.substr(16));
            entry.value = forged.take();
        }
        kept.next_build();
        pdf::write_pdf(book, second, 1, &kept);
        CHECK(slurp(second).find("/Length1 424242") != std::string::npos);
    }
    SECTION("another glyph set is another subset") {
        pages::Book fewer = book;
        fewer.pages.front().items.clear();
        const std::size_t fresh = fresh_streams(fewer, kept, plain.dir / "fewer");
        kept.next_build();  // what the changed book did not use is dropped
        CHECK(kept.size() == fresh);
    }
}

TEST_CASE("fonts' subsets and deflated streams kept in the cache folder are read by the next build, whose file is the same") {
    auto [book, identified] = sample_book_with_identities();
    const Written plain = write_sample("folder-subsets");
    const std::string expected = slurp(plain.pdf);
    const fs::path folder = plain.dir / "cache";
    fs::remove_all(folder);
    auto entries = [&] {
        std::map<fs::path, std::pair<std::uintmax_t, fs::file_time_type>> found;  // links to it, its time
        for (const auto& e : fs::recursive_directory_iterator(folder))
            if (e.is_regular_file() && e.path().extension() == ".bin")
                found[e.path()] = {fs::hard_link_count(e.path()), fs::last_write_time(e.path())};
        return found;
    };
    std::optional<image::KeptBytesPack::Counts> cold;
    {
        image::PictureCache cache(folder);
        cold = pdf::write_pdf(book, plain.dir / "cold.pdf", 1, nullptr, nullptr, &cache);
    }
    CHECK(slurp(plain.dir / "cold.pdf") == expected);
    // Every page's stream and every object stream deflated, and kept.
    REQUIRE(cold);
    CHECK(cold->found == 0);
    CHECK(cold->made > book.pages.size());
    auto before = entries();
    REQUIRE(before.size() == identified + 1);  // a subset per font, the pack of streams, nothing else
    // Aged, so that a read (which renews an entry's time) shows; a hard link to
    // each, so that an entry written again (a new file renamed into place) shows.
    const auto long_ago = fs::file_time_type::clock::now() - std::chrono::hours(48);
    for (const auto& [path, unused] : before) {
        fs::last_write_time(path, long_ago);
        fs::create_hard_link(path, fs::path(path.string() + ".link"));
    }
    {
        image::PictureCache cache(folder);
        const auto warm = pdf::write_pdf(book, plain.dir / "warm.pdf", 1, nullptr, nullptr, &cache);
        CHECK(warm == image::KeptBytesPack::Counts{cold->made, 0});  // none deflated
    }
    CHECK(slurp(plain.dir / "warm.pdf") == expected);
    for (const auto& [path, seen] : entries()) {
        INFO(path.string());
        CHECK(seen.first == 2);                 // the same file: read, not written again
        CHECK(seen.second > long_ago);          // and marked used
    }

    SECTION("a page that draws something new: only it is made again; the file is a clean build's") {
        pages::Book changed = book;
        changed.pages[2].items.push_back(pages::RuleItem{50 * kSpPerPt, 100 * kSpPerPt, 300 * kSpPerPt, 100 * kSpPerPt, kSpPerPt, {0, 0, 0}});
        image::PictureCache cache(folder);
        const auto counts = pdf::write_pdf(changed, plain.dir / "changed.pdf", 1, nullptr, nullptr, &cache);
        pdf::write_pdf(changed, plain.dir / "changed-clean.pdf");
        CHECK(slurp(plain.dir / "changed.pdf") == slurp(plain.dir / "changed-clean.pdf"));
        REQUIRE(counts);
        INFO(counts->found << " found, " << counts->made << " made, of " << cold->made);
        // Pages 1 and 2 are taken whole: each its stream's key and marks, the
        // stream, the analysis of its text (6). Page 3 draws something new: its
        // three are made again, and so is the object stream that holds the
        // streams' lengths; the other object streams are found.
        CHECK(counts->made == 4);
        CHECK(counts->found == cold->made - 4);
    }

    SECTION("a damaged entry is made again; the file is the same") {
        for (const auto& [path, unused] : before) {
            fs::remove(fs::path(path.string() + ".link"));
            std::ofstream(path, std::ios::binary | std::ios::trunc) << "cut";
        }
        image::PictureCache cache(folder);
        const auto repaired = pdf::write_pdf(book, plain.dir / "repaired.pdf", 1, nullptr, nullptr, &cache);
        CHECK(slurp(plain.dir / "repaired.pdf") == expected);
        CHECK(repaired == image::KeptBytesPack::Counts{0, cold->made});  // the damaged pack is no pack
        CHECK(entries().size() == identified + 1);
    }
}

TEST_CASE("the same Book gives the same bytes, with an ID hashed from them") {
    const Written first = write_sample("same-1");
    const Written second = write_sample("same-2");
    const std::string a = slurp(first.pdf), b = slurp(second.pdf);
    CHECK(a == b);
    std::smatch m;
    REQUIRE(std::regex_search(a, m, std::regex("/ID \\[ <([0-9A-F]{32})> <([0-9A-F]{32})> \\]")));
    CHECK(m[1] == m[2]);
    CHECK(m[1] != std::string(32, '0'));

    // Any change in the content changes the ID.
    pages::Book changed = sample_book();
    changed.info.title += "!";
    const fs::path other = first.dir / "changed.pdf";
    pdf::write_pdf(changed, other);
    std::smatch m2;
    const std::string c = slurp(other);
    REQUIRE(std::regex_search(c, m2, std::regex("/ID \\[ <([0-9A-F]{32})>")));
    CHECK(m2[1] != m[1]);
}

TEST_CASE("a failed write leaves the previous file and no temporary files") {
    const Written w = write_sample("atomic");
    const std::string good = slurp(w.pdf);

    pages::Book bad_glyph = sample_book();
    std::get<pages::TextItem>(bad_glyph.pages[0].items[0]).run.glyphs.edit()[0].id = 60000;
    CHECK_THROWS_WITH(pdf::write_pdf(bad_glyph, w.pdf),
                      Catch::Contains("page 1: glyph 60000 is not in font NotoSans-Bold"));

    pages::Book bad_raster = sample_book();
    for (auto& item : bad_raster.pages[0].items)
        if (auto* image = std::get_if<pages::ImageItem>(&item)) {
            auto raster = std::make_shared<pages::Raster>(*image->raster);
            raster->pixels.pop_back();
            image->raster = raster;
        }
    CHECK_THROWS_WITH(pdf::write_pdf(bad_raster, w.pdf), Catch::Contains("an image raster is malformed"));

    pages::Book bad_link = sample_book();
    bad_link.pages[0].links.push_back({{0, 0, 10, 10}, "", 7, 0, pages::kArtifact, {}, {}});
    CHECK_THROWS_WITH(pdf::write_pdf(bad_link, w.pdf), Catch::Contains("link to page 8"));

    pages::Book two_places = sample_book();
    two_places.pages[0].links.push_back({{0, 0, 10, 10}, "", 0, 0, pages::kArtifact, {}, "chapter-two"});
    CHECK_THROWS_WITH(pdf::write_pdf(two_places, w.pdf),
                      Catch::Contains("link to \"chapter-two\", which other links place elsewhere"));

    pages::Book bad_font = sample_book();
    bad_font.fonts[1].data = std::make_shared<std::vector<std::uint8_t>>(100, std::uint8_t{7});
    CHECK_THROWS_AS(pdf::write_pdf(bad_font, w.pdf), Error);

    pages::Book huge_page = sample_book();
    huge_page.pages[1].width = sp_from_pt(20000);  // beyond PDF's 14400 pt
    CHECK_THROWS_WITH(pdf::write_pdf(huge_page, w.pdf), Catch::Contains("page size out of range"));

    CHECK_THROWS_AS(pdf::write_pdf(sample_book(), w.dir / "missing-folder" / "x.pdf"), Error);

    CHECK(slurp(w.pdf) == good);
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(w.dir)) files += entry.is_regular_file();
    CHECK(files == 1);
}

TEST_CASE("an embedded font costs a few kilobytes, not libharu's hundred and more") {
    Written scratch;
    scratch.dir = fresh_dir("size");
    const fs::path dir = scratch.dir;
    pages::Book one;
    one.fonts.push_back(load_font(font_path("NotoSerif-Regular.ttf")));
    one.fonts.push_back(load_font(font_path("NotoSans-Regular.ttf")));
    pages::Page page;
    page.width = sp_from_mm(148);
    page.height = sp_from_mm(210);
    pages::TextItem line;
    line.x = line.y = 72 * kSpPerPt;
    line.run = shape(one.fonts[0], 0, "The quick brown fox jumps over the lazy dog.", 10 * kSpPerPt);
    page.items.push_back(line);
    one.pages.push_back(page);
    pdf::write_pdf(one, dir / "one.pdf");

    pages::Book two = one;
    line.y += 14 * kSpPerPt;
    line.run = shape(two.fonts[1], 1, "The quick brown fox jumps over the lazy dog.", 10 * kSpPerPt);
    two.pages[0].items.push_back(line);
    pdf::write_pdf(two, dir / "two.pdf");

    const auto one_size = fs::file_size(dir / "one.pdf");
    const auto per_font = fs::file_size(dir / "two.pdf") - one_size;
    INFO("one font: " << one_size << " bytes; a second font adds " << per_font << " bytes");
    CHECK(one_size < 20000);
    CHECK(per_font < 15000);
}

TEST_CASE("a CFF OpenType font is embedded as CIDFontType0 with FontFile3") {
    // URW's P052 (fonts-urw-base35, installed by scripts/setup.sh test) has
    // name-keyed CFF outlines, like many system fonts fontconfig may pick.
    const fs::path otf = "/usr/share/fonts/opentype/urw-base35/P052-Roman.otf";
    REQUIRE(fs::exists(otf));
    Written w;
    w.dir = fresh_dir("cff");
    w.pdf = w.dir / "cff.pdf";
    pages::Book book;
    book.fonts.push_back(load_font(otf));
    pages::Page page;
    page.width = sp_from_mm(148);
    page.height = sp_from_mm(210);
    pages::TextItem line;
    line.x = line.y = 72 * kSpPerPt;
    line.run = shape(book.fonts[0], 0, "The office flow: AVATAR Ty, caf\xC3\xA9.", 12 * kSpPerPt);
    page.items.push_back(line);
    book.pages.push_back(page);
    pdf::write_pdf(book, w.pdf);

    const ToolResult fonts = run_tool("pdffonts " + quoted(w.pdf));
    const auto rows = lines_of(fonts.out);
    REQUIRE(rows.size() == 3);
    CHECK(std::regex_match(
        rows[2], std::regex(R"(^[A-Z]{6}\+P052-Roman +CID Type 0C \(OT\) +Identity-H +yes +yes +yes +\d+ +0$)")));
    const ToolResult text = run_tool("pdftotext -enc UTF-8 " + quoted(w.pdf) + " -");
    CHECK(text.err.empty());
    CHECK(lines_of(text.out) == std::vector<std::string>{"The office flow: AVATAR Ty, caf\xC3\xA9."});
    const ToolResult check = run_tool("qpdf --check " + quoted(w.pdf));
    CHECK(check.exit_code == 0);
    const std::string qdf = qdf_text(w.pdf);
    CHECK(qdf.find("/Subtype /CIDFontType0") != std::string::npos);
    CHECK(qdf.find("/Subtype /OpenType") != std::string::npos);
    CHECK(qdf.find("/CIDToGIDMap") == std::string::npos);
}
