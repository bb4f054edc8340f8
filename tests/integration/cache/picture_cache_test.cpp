// The picture cache end to end: a book of pictures of every kind (photographs
// reduced and turned to JPEG, one with transparency that the EPUB stores in
// indexed colour, a drawing reduced losslessly, pictures kept as they are, EXIF
// rotation, WebP, GIF, SVG, a damaged PNG, one picture at two sizes) built with a
// cold cache, a warm one and none: the PDFs and the EPUBs are the same bytes (cmp)
// and so are the warnings. Damaged entries are made again, an unwritable folder is
// one warning, and under ctest the standard folder is the build tree's.
#include <catch2/catch.hpp>

#include "booklet/image.hpp"
#include "shell.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using booklet::test::run_shell;
using booklet::test::shell_quote;

namespace {

const fs::path kOut = fs::path(BOOKLET_INTEGRATION_OUT);
const fs::path kImages = fs::path(BOOKLET_TEST_DATA) / "image";

std::string q(const fs::path& p) { return shell_quote(p.string()); }

void write_bytes(const fs::path& file, const std::vector<std::uint8_t>& bytes) {
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                static_cast<std::streamsize>(bytes.size()));
}

void write_text(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

// A photograph as far as booklet can tell: smooth colour gradients with grain,
// thousands of colours, hardly two neighbours alike. With `alpha`, an opaque disc
// on a transparent ground.
booklet::pages::Raster photograph(int width, int height, bool alpha) {
    booklet::pages::Raster r;
    r.width = width;
    r.height = height;
    std::uint32_t state = 12345;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            state = state * 1664525u + 1013904223u;
            const int grain = static_cast<int>(state >> 28) - 8;
            r.pixels.push_back(static_cast<std::uint8_t>(std::clamp(40 + 180 * x / width + grain, 0, 255)));
            r.pixels.push_back(static_cast<std::uint8_t>(std::clamp(200 - 150 * y / height + grain, 0, 255)));
            r.pixels.push_back(static_cast<std::uint8_t>(std::clamp(90 + 60 * (x + y) / (width + height) + grain, 0, 255)));
            if (alpha) {
                const int dx = x - width / 2, dy = y - height / 2;
                r.alpha.push_back(dx * dx + dy * dy < width * width / 5 ? 255 : 0);
            }
        }
    }
    return r;
}

// A drawing: a few flat colours in large stripes.
booklet::pages::Raster drawing(int width, int height) {
    booklet::pages::Raster r;
    r.width = width;
    r.height = height;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const bool band = (x / 200 + y / 150) % 2 == 0;
            r.pixels.insert(r.pixels.end(), {std::uint8_t(band ? 20 : 240), std::uint8_t(band ? 60 : 200), 200});
        }
    return r;
}

// The book, written once per run of this program.
fs::path make_book() {
    const fs::path book = kOut / "book";
    fs::remove_all(book);
    fs::create_directories(book / "images");
    write_bytes(book / "images/photo.jpg", booklet::image::encode_jpeg(photograph(2400, 1600, false), 92));
    write_bytes(book / "images/cutout.png", booklet::image::encode_png(photograph(1000, 1000, true)));
    write_bytes(book / "images/drawing.png", booklet::image::encode_png(drawing(3600, 2400)));
    for (const char* name : {"rgb.png", "exif-orientation-6.jpg", "lossless.webp", "lossy-alpha.webp", "small.gif",
                             "small.svg", "truncated.png", "palette-trns.png"})
        fs::copy_file(kImages / name, book / "images" / name);
    write_text(book / "booklet.yaml",
               "title: Pictures kept between builds\nlanguage: en\ndate: 2025-06-01\n"
               "pages: [one.md, two.md]\nassets: [images]\n");
    write_text(book / "one.md",
               "# Photographs\n\nA photograph reduced for both formats:\n\n![A field](images/photo.jpg)\n\n"
               "A cut-out, transparent around a disc:\n\n![A disc](images/cutout.png)\n\n"
               "A drawing, reduced without loss:\n\n![Stripes](images/drawing.png)\n\n"
               "A small one drawn narrow: <img src=\"images/photo.jpg\" alt=\"The field again\" width=\"120\">\n");
    write_text(book / "two.md",
               "# Small pictures\n\n![Quadrants](images/rgb.png)\n\n![Turned](images/exif-orientation-6.jpg)\n\n"
               "![Lossless WebP](images/lossless.webp)\n\n![Lossy WebP with alpha](images/lossy-alpha.webp)\n\n"
               "![A GIF](images/small.gif)\n\n![An SVG](images/small.svg)\n\n![Damaged](images/truncated.png)\n\n"
               "![Palette](images/palette-trns.png)\n");
    return book;
}

const fs::path& book() {
    static const fs::path made = make_book();
    return made;
}

struct Build {
    int status = -1;
    std::vector<std::string> diagnostics;  // JSON lines other than the timings
    std::string cache_counts;              // the timings line's "picture_cache" object, or ""
    std::string paragraphs;                // its "set_paragraphs" object, or ""
    std::string settled;                   // its "settled_pages" object, or ""
    std::string streams;                   // its "writers_kept" object, or ""
};

// The JSON object after `"name":` in `line`, or "" (the objects hold no nested ones).
std::string object_after(const std::string& line, const std::string& name) {
    const auto at = line.find("\"" + name + "\":");
    if (at == std::string::npos) return "";
    const auto begin = at + name.size() + 3;
    return line.substr(begin, line.find('}', begin) + 1 - begin);
}

// Builds the book into `out` with `cache_args` (--cache-dir DIR, --no-cache, or
// nothing for the standard folder), diagnostics and timings as JSON lines.
Build build(const fs::path& out, const std::string& cache_args, const std::string& extra = "") {
    fs::remove_all(out);
    const fs::path err = kOut / "stderr.txt";
    const auto r = run_shell(q(BOOKLET_BINARY) + " build " + q(book() / "booklet.yaml") + " -o " + q(out) +
                             " --diagnostics json --timings " + cache_args + " " + extra + " 2>" + q(err) +
                             "; echo $?");
    Build b;
    b.status = std::stoi(r.out);
    std::ifstream in(err);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("{\"timings\"", 0) != 0) {
            b.diagnostics.push_back(line);
            continue;
        }
        b.cache_counts = object_after(line, "picture_cache");
        b.paragraphs = object_after(line, "set_paragraphs");
        b.settled = object_after(line, "settled_pages");
        b.streams = object_after(line, "writers_kept");
    }
    return b;
}

std::string counts(int found, int missing, int written) {
    return "{\"found\":" + std::to_string(found) + ",\"missing\":" + std::to_string(missing) +
           ",\"written\":" + std::to_string(written) + "}";
}

// The book's 37 paragraph settings: found in the pack kept in the folder, or set.
std::string paragraphs(int found, int set, bool written) {
    return "{\"found\":" + std::to_string(found) + ",\"set\":" + std::to_string(set) + ",\"kept\":" +
           std::to_string(set) + ",\"written\":" + (written ? "true" : "false") + "}";
}

// Of the book's layouts (it tries two: its contents beside the imprint, and
// apart), how many started from where the last build of the same inputs settled
// (layout/settlement.hpp), and how many settled there.
std::string settled(int found, int taken) {
    return "{\"found\":" + std::to_string(found) + ",\"taken\":" + std::to_string(taken) + "}";
}

// Of what the PDF and the EPUB writers keep in the folder's packs (deflated
// streams; the PDF's pages' streams and text by what they draw), how many entries
// the packs held, and how many were made (image::KeptBytesPack).
std::string streams(int found, int made) {
    return "{\"found\":" + std::to_string(found) + ",\"made\":" + std::to_string(made) + "}";
}

bool same_files(const fs::path& a, const fs::path& b) {
    return run_shell("cmp " + q(a) + " " + q(b) + " >/dev/null 2>&1; echo $?").out == "0\n";
}

void check_same_output(const fs::path& a, const fs::path& b) {
    INFO(a.string() + " and " + b.string());
    for (const char* file : {"booklet.pdf", "booklet.epub"}) {
        REQUIRE(fs::exists(a / file));
        CHECK(same_files(a / file, b / file));
    }
}

std::vector<fs::path> entries(const fs::path& cache) {
    std::vector<fs::path> found;
    for (const auto& e : fs::recursive_directory_iterator(cache))
        if (e.is_regular_file() && e.path().extension() == ".bin") found.push_back(e.path());
    std::sort(found.begin(), found.end());  // directory order is the file system's
    return found;
}

}  // namespace

TEST_CASE("cold, warm and no cache: the same PDF and EPUB, byte for byte, and the same warnings") {
    const fs::path cache = kOut / "cache";
    fs::remove_all(cache);
    const Build cold = build(kOut / "cold", "--cache-dir " + q(cache));
    const Build warm = build(kOut / "warm", "--cache-dir " + q(cache));
    const Build none = build(kOut / "none", "--no-cache");
    REQUIRE(cold.status == 0);
    REQUIRE(warm.status == 0);
    REQUIRE(none.status == 0);
    check_same_output(kOut / "none", kOut / "cold");
    check_same_output(kOut / "none", kOut / "warm");
    CHECK(cold.diagnostics == none.diagnostics);
    CHECK(warm.diagnostics == none.diagnostics);
    // The damaged PNG is reported by both writers in every build: nothing about it is cached.
    std::size_t damaged = 0;
    for (const auto& d : none.diagnostics) damaged += d.find("truncated.png") != std::string::npos ? 1 : 0;
    CHECK(damaged >= 1);

    // Cached: for each of the 8 raster files that decode (photo, cutout, drawing,
    // rgb, exif, two WebP, palette) the EPUB's picture, the PDF's decoded size and
    // its prepared raster (photo.jpg once, for the larger of its two placements).
    // The damaged PNG is looked up by the EPUB writer in every build and never
    // stored (the PDF's probe refuses it before any lookup); GIF and SVG are not
    // looked up at all.
    // And eleven entries more, reported apart: the book's set paragraphs, the
    // state machine of its (English) hyphenation dictionary, the subsets of the
    // five fonts its PDF embeds, where its two layouts settled, and the packs of
    // the PDF's and the EPUB's deflated streams.
    CHECK(entries(cache).size() == 35);
    CHECK(cold.cache_counts == counts(0, 25, 24));
    CHECK(warm.cache_counts == counts(24, 1, 0));
    CHECK(none.cache_counts.empty());
    CHECK(cold.paragraphs == paragraphs(0, 37, true));
    // The warm build lays each layout out in one pass, from the page numbers the
    // cold one settled on: the setting only a first pass from nothing asks for (the
    // contents' page number before any page is known, "00") is not asked for, and
    // the pack is written again without it.
    CHECK(warm.paragraphs == paragraphs(36, 0, true));
    CHECK(none.paragraphs.empty());
    CHECK(cold.settled == settled(0, 0));
    CHECK(warm.settled == settled(2, 2));
    CHECK(none.settled.empty());
    // The PDF's 8 pages, the last two blank and so drawing the same: 7 drawings,
    // each with its deflated stream, the stream's key and marks and the analysis of
    // its text (21), and its 6 object streams (the named destinations' one of them);
    // the EPUB's 9 entries it deflates (its documents, style sheet and fonts; its
    // pictures are stored as they are).
    CHECK(cold.streams == streams(0, 36));
    CHECK(warm.streams == streams(36, 0));
    CHECK(none.streams.empty());

    // The EPUB alone lays the PDF out for its page list without preparing the
    // PDF's pictures (a decoded size the cache knows is then all it reads of a
    // picture for print): the same EPUB, and the same warnings but the PDF's own.
    const Build alone = build(kOut / "alone", "--cache-dir " + q(cache), "--format epub");
    const Build alone_none = build(kOut / "alone-none", "--no-cache", "--format epub");
    REQUIRE(alone.status == 0);
    REQUIRE(alone_none.status == 0);
    CHECK(same_files(kOut / "none" / "booklet.epub", kOut / "alone" / "booklet.epub"));
    CHECK(same_files(kOut / "none" / "booklet.epub", kOut / "alone-none" / "booklet.epub"));
    CHECK(alone.diagnostics == alone_none.diagnostics);
    CHECK(alone.cache_counts == counts(16, 1, 0));
    // The page list's layout is the PDF's, never drawn: the paragraphs of the pages
    // themselves (folios, running heads, the title page, the imprint) are not set,
    // and the pack keeps them for the next PDF.
    CHECK(alone.paragraphs == paragraphs(28, 0, false));
    CHECK(alone.streams == streams(9, 0));
    const Build after = build(kOut / "after", "--cache-dir " + q(cache));
    REQUIRE(after.status == 0);
    CHECK(after.paragraphs == paragraphs(36, 0, false));
    CHECK(after.streams == streams(36, 0));
    CHECK(same_files(kOut / "none" / "booklet.pdf", kOut / "after" / "booklet.pdf"));
}

TEST_CASE("damaged entries are never used: they are made again, and the output stays the same") {
    const fs::path cache = kOut / "cache-damaged";
    fs::remove_all(cache);
    REQUIRE(build(kOut / "first", "--cache-dir " + q(cache)).status == 0);
    const std::vector<fs::path> files = entries(cache);
    // The pictures, the set paragraphs, the hyphenation machine, five subsets, two
    // settlements, two packs of deflated streams.
    REQUIRE(files.size() == 35);
    // Every kind of damage a crash or a full disk leaves: a flipped byte in the
    // payload, a cut-off file, an empty one.
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::string bytes;
        {
            std::ifstream in(files[i], std::ios::binary);
            std::ostringstream s;
            s << in.rdbuf();
            bytes = s.str();
        }
        if (i % 3 == 0) bytes[bytes.size() - 1 - bytes.size() / 3] ^= 0x20;
        else if (i % 3 == 1) bytes.resize(bytes.size() / 2);
        else bytes.clear();
        write_text(files[i], bytes);
    }
    const Build repaired = build(kOut / "repaired", "--cache-dir " + q(cache));
    REQUIRE(repaired.status == 0);
    check_same_output(kOut / "first", kOut / "repaired");
    CHECK(repaired.cache_counts == counts(0, 25, 24));
    CHECK(repaired.paragraphs == paragraphs(0, 37, true));
    CHECK(repaired.settled == settled(0, 0));
    CHECK(repaired.streams == streams(0, 36));
    const Build again = build(kOut / "again", "--cache-dir " + q(cache));
    check_same_output(kOut / "first", kOut / "again");
    CHECK(again.cache_counts == counts(24, 1, 0));
    CHECK(again.paragraphs == paragraphs(36, 0, true));  // in one pass (see the first test)
    CHECK(again.settled == settled(2, 2));
    CHECK(again.streams == streams(36, 0));
}

TEST_CASE("a cache that knows the pictures' decoded sizes but not this resolution: decoded late, the same output") {
    const fs::path cache = kOut / "cache-resolution";
    fs::remove_all(cache);
    REQUIRE(build(kOut / "default-ppi", "--cache-dir " + q(cache)).status == 0);
    // Another max_ppi: the PDF's prepared rasters are looked up under a new scale and
    // missed, while their decoded sizes are found, so layout measured stand-ins whose
    // files are read and decoded again when the rasters are prepared.
    const std::string other = "--set images.max_ppi=96";
    const Build late = build(kOut / "late", "--cache-dir " + q(cache), other);
    const Build none = build(kOut / "late-none", "--no-cache", other);
    REQUIRE(late.status == 0);
    REQUIRE(none.status == 0);
    check_same_output(kOut / "late-none", kOut / "late");
    CHECK(late.diagnostics == none.diagnostics);
    // Found: the 8 EPUB pictures and the 8 decoded sizes; written: the prepared
    // rasters at the new resolution (what the first build wrote at the old one).
    CHECK(late.cache_counts == counts(16, 9, 8));
}

TEST_CASE("a cache folder that cannot be written: one warning, the same output") {
    const fs::path blocker = kOut / "not-a-folder";
    fs::remove_all(blocker);
    write_text(blocker, "a file where the cache folder's parent should be");
    const Build none = build(kOut / "plain", "--no-cache");
    const Build blocked = build(kOut / "blocked", "--cache-dir " + q(blocker / "cache"));
    REQUIRE(blocked.status == 0);
    check_same_output(kOut / "plain", kOut / "blocked");
    std::size_t warnings = 0;
    for (const auto& d : blocked.diagnostics) warnings += d.find("\"kind\":\"picture-cache\"") != std::string::npos;
    CHECK(warnings == 1);
    CHECK(blocked.diagnostics.size() == none.diagnostics.size() + 1);
    CHECK(blocked.cache_counts == counts(0, 25, 0));
    CHECK(blocked.paragraphs == paragraphs(0, 37, false));  // set and meant for the pack, which could not be written
    // --strict counts it like any warning: nothing written, and --no-cache is the way out.
    CHECK(build(kOut / "strict", "--cache-dir " + q(blocker / "cache"), "--strict").status == 1);
    CHECK_FALSE(fs::exists(kOut / "strict" / "booklet.pdf"));
}

TEST_CASE("under ctest the standard cache folder is the build tree's, never the user's") {
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    REQUIRE(xdg != nullptr);
    const std::string folder = fs::weakly_canonical(xdg).string();
    const std::string tree = fs::weakly_canonical(BOOKLET_BUILD_TREE).string();
    CHECK(folder.rfind(tree + "/", 0) == 0);
    const Build standard = build(kOut / "standard", "");
    REQUIRE(standard.status == 0);
    CHECK_FALSE(standard.cache_counts.empty());
    CHECK(fs::exists(fs::path(xdg) / "booklet"));
    CHECK_FALSE(entries(fs::path(xdg) / "booklet").empty());
}
