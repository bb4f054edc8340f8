// Real-site constructs end to end: tests/data/realpages rendered to PDF and EPUB,
// read back with pdftotext and libzip. What a reader sees must hold no template
// code ({#if}, {/if}, {@html}, ={[, ${), no component tags, no {lang}
// placeholders and no date that was not given; the book's words come from the
// one table, with the manifest's labels, in both formats.
#include "epub_reader.hpp"
#include "shell.hpp"

#include <catch2/catch.hpp>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

namespace fs = std::filesystem;
using booklet::test::run_shell;
using booklet::test::shell_quote;

namespace {

fs::path pages() { return fs::path(BOOKLET_TEST_DATA) / "realpages"; }
fs::path out_dir() { return fs::path(BOOKLET_INTEGRATION_OUT); }

struct Build {
    int status = -1;
    std::string log;  // the binary's messages
    fs::path pdf, epub;
};

// Writes a manifest for the test pages and builds it; `env` goes before the command.
Build build(const std::string& name, const std::string& manifest_tail, const std::string& env = "") {
    fs::create_directories(out_dir());
    const fs::path manifest = out_dir() / (name + ".yaml");
    std::ofstream(manifest) << "title: Real pages\nauthors: [Tester]\nbase_url: https://example.org\n"
                            << "pages: [\"" << (pages() / "*.md").string() << "\"]\n"
                            << manifest_tail;
    Build b;
    const auto r = run_shell(env + " " + shell_quote(BOOKLET_BINARY) + " build " + shell_quote(manifest.string()) +
                             " -o " + shell_quote(out_dir().string()) + " 2>&1");
    b.status = r.status;
    b.log = r.out;
    b.pdf = out_dir() / (name + ".pdf");
    b.epub = out_dir() / (name + ".epub");
    return b;
}

std::string pdf_text(const fs::path& pdf) {
    const auto r = run_shell("pdftotext -enc UTF-8 " + shell_quote(pdf.string()) + " - 2>&1");
    REQUIRE(r.status == 0);
    return r.out;
}

// Every XHTML document's text and addresses, one string.
std::string epub_text(const fs::path& epub) {
    const booklet::test::EpubFile file = booklet::test::read_epub(epub);
    std::string all;
    for (const auto& [name, data] : file.files)
        if (name.size() > 6 && name.substr(name.size() - 6) == ".xhtml") all += data + "\n";
    return all;
}

// What a reader must never see; the reason for a hit is printed with its context.
void check_no_leftovers(const std::string& text, const std::string& where) {
    static const std::vector<std::pair<const char*, std::regex>> kPatterns = {
        {"template block", std::regex(R"(\{[#/:@][a-z])")},
        {"prop literal", std::regex(R"(=\s*\{\s*[\[{])")},
        {"template string", std::regex(R"(\$\{)")},
        {"placeholder", std::regex(R"(\{(lang|locale|slug|id|url|name|campaign)\})")},
        {"component tag", std::regex(R"(&lt;/?[A-Z][A-Za-z0-9]+|</?[A-Z][A-Za-z0-9]+[ />])")},
        {"epoch date", std::regex(R"(1970)")},
    };
    for (const auto& [what, rx] : kPatterns) {
        std::smatch m;
        if (std::regex_search(text, m, rx)) {
            const auto at = static_cast<std::size_t>(m.position(0));
            FAIL(where << ": " << what << ": ..." << text.substr(at > 40 ? at - 40 : 0, 100) << "...");
        }
    }
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("the real-page constructs print their content and nothing of their template code") {
    const Build b = build("realpages", "language: en\ndate: 2026-01-15\nstyle: press-kit\n");
    INFO(b.log);
    REQUIRE(b.status == 0);
    const std::string pdf = pdf_text(b.pdf);
    const std::string epub = epub_text(b.epub);
    check_no_leftovers(pdf, "PDF");
    check_no_leftovers(epub, "EPUB");
    for (const std::string* text : {&pdf, &epub}) {
        // Tabs: each title, then its content.
        CHECK(contains(*text, "Ten minutes"));
        CHECK(contains(*text, "With ten minutes"));
        CHECK(contains(*text, "Keep it short"));
        // {#if}: every branch.
        CHECK(contains(*text, "Something went wrong; please try again."));
        CHECK(contains(*text, "Fill in the form above to start."));
        // Embeds leave their title and address.
        CHECK(contains(*text, "Wall of supporters"));
        CHECK(contains(*text, "https://www.youtube.com/watch?v=AbCdEf123"));
        // Placeholders filled from the manifest's language.
        CHECK(contains(*text, "https://pauseia.example/en/emploi-ia"));
        // Headings over nothing are gone.
        CHECK_FALSE(contains(*text, "Largest donors"));
        // One typographic pass: the chapter title in the contents and the body.
        CHECK(contains(*text, "Sam\u2019s \u201Cquick\u201D guide"));
        CHECK(contains(*text, "We\u2019re \u201Cout\u201D"));
    }
    CHECK(contains(pdf, "January 15, 2026"));  // the press kit's build date: the manifest's
    CHECK(contains(b.log, "alt text '20251003_CarMagnetRace.webp' is a file name"));
    // The EPUB no longer claims alternative text for every image.
    const booklet::test::EpubFile file = booklet::test::read_epub(b.epub);
    CHECK(contains(file.at("EPUB/package.opf"), "some images lack alternative text"));
    CHECK_FALSE(contains(file.at("EPUB/package.opf"), "WCAG"));
}

TEST_CASE("the build date: SOURCE_DATE_EPOCH, else the manifest, else today, never 1970") {
    // 1741046400 = 2025-03-04
    const Build env = build("dated-env", "language: de\ndate: 2026-01-15\nstyle: press-kit\n", "SOURCE_DATE_EPOCH=1741046400");
    REQUIRE(env.status == 0);
    CHECK(contains(pdf_text(env.pdf), "4. März 2025"));

    const Build manifest = build("dated-manifest", "language: es\ndate: 2026-01-01\nstyle: press-kit\n", "env -u SOURCE_DATE_EPOCH");
    REQUIRE(manifest.status == 0);
    CHECK(contains(pdf_text(manifest.pdf), "1 de enero de 2026"));

    const Build clock = build("dated-clock", "language: es\nstyle: press-kit\n", "env -u SOURCE_DATE_EPOCH");
    REQUIRE(clock.status == 0);
    CHECK(contains(clock.log, "not reproducible"));
    const std::string text = pdf_text(clock.pdf);
    CHECK_FALSE(contains(text, "1970"));
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    CHECK(contains(text, std::to_string(1900 + utc.tm_year)));
    // No page's own date stands in for the build date: the pages carry none, and
    // the date printed is this year's.
}

TEST_CASE("both writers print the book's words from the one table, with the manifest's labels") {
    const Build de = build("words-de", "language: de\ndate: 2026-01-15\n");
    REQUIRE(de.status == 0);
    CHECK(contains(pdf_text(de.pdf), "Inhalt"));
    const booklet::test::EpubFile de_epub = booklet::test::read_epub(de.epub);
    CHECK(contains(de_epub.at("EPUB/nav.xhtml"), ">Inhalt<"));

    const Build labelled = build("words-labels", "language: en\ndate: 2026-01-15\nlabels:\n  contents: What is inside\n");
    REQUIRE(labelled.status == 0);
    CHECK(contains(pdf_text(labelled.pdf), "What is inside"));
    const booklet::test::EpubFile epub = booklet::test::read_epub(labelled.epub);
    CHECK(contains(epub.at("EPUB/nav.xhtml"), ">What is inside<"));
}
