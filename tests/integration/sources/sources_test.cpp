// One citation, one decision: the press kit's Sources list read back from the PDF
// (pdftotext, cropped to the text block so running heads stay out) and from the
// EPUB's Sources chapter must hold the same entries, with the same numbers, in
// the same order — the same chapter headings, addresses, titles, cited texts and
// access dates. Only where a citation is differs: page numbers on paper,
// back-links on screen.
#include "epub_reader.hpp"
#include "shell.hpp"

#include "booklet/style.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

using namespace booklet;
using namespace booklet::test;
namespace fs = std::filesystem;

namespace {

struct Built {
    fs::path pdf, epub;
    std::string log;
};

Built build(const fs::path& manifest, const std::string& name, const std::vector<std::string>& sets = {}) {
    const fs::path out = fs::path(BOOKLET_INTEGRATION_OUT) / name;
    fs::remove_all(out);
    std::string command = shell_quote(BOOKLET_BINARY) + " build " + shell_quote(manifest.string()) +
                          " --style press-kit -q -o " + shell_quote(out.string());
    for (const auto& s : sets) command += " --set " + shell_quote(s);
    const ShellResult r = run_shell(command + " 2>&1");
    INFO(r.out);
    REQUIRE(r.status == 0);
    const std::string stem = manifest.stem().string();
    return {out / (stem + ".pdf"), out / (stem + ".epub"), r.out};
}

// Text without any white space (pdftotext and XHTML break lines in different
// places; no-break spaces count as spaces).
std::string squeezed(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') continue;
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
            ++i;
            continue;
        }
        out += s[i];
    }
    return out;
}

int page_count(const fs::path& pdf) {
    const ShellResult r = run_shell("pdfinfo " + shell_quote(pdf.string()));
    std::smatch m;
    REQUIRE(std::regex_search(r.out, m, std::regex("Pages:\\s+(\\d+)")));
    return std::stoi(m[1]);
}

// The PDF's Sources part: the text block of every page from the one that opens
// with `title` to the end, squeezed, the title left out. In drawing order (-raw),
// which keeps the hyphen at the end of a line: in an address it is the address's.
std::string pdf_sources(const fs::path& pdf, const std::string& title) {
    const style::Style press = style::load_style("press-kit", fs::path(BOOKLET_SOURCE_DIR) / "styles");
    auto pt = [](Sp v) { return std::to_string(static_cast<int>(v / kSpPerPt)); };
    const std::string crop = " -x 0 -y " + pt(press.page.margin_top) + " -W " + pt(press.page.width) + " -H " +
                             pt(press.page.height - press.page.margin_top - press.page.margin_bottom);
    std::string text;
    bool in_sources = false;
    const int pages = page_count(pdf);
    for (int p = 1; p <= pages; ++p) {
        const ShellResult r = run_shell("pdftotext -raw -enc UTF-8 -f " + std::to_string(p) + " -l " + std::to_string(p) +
                                        crop + " " + shell_quote(pdf.string()) + " -");
        REQUIRE(r.status == 0);
        const std::string page = r.out;
        const std::size_t first = page.find_first_not_of(" \n\f");
        if (!in_sources && first != std::string::npos && page.compare(first, title.size() + 1, title + "\n") == 0) {
            in_sources = true;
            text.clear();
            text += page.substr(first + title.size());
            continue;
        }
        if (in_sources) text += page;
    }
    REQUIRE(in_sources);
    // Where each text was cited: "(p. 3, 5)" on paper.
    return std::regex_replace(squeezed(text), std::regex("\\((p|blz)\\.[0-9,]+\\)"), "");
}

struct EpubSources {
    std::vector<std::string> parts;  // squeezed: each chapter heading, then "N." and each entry
    std::vector<int> numbers;
};

// The EPUB's Sources chapter in the same form; back-links and the "in this book"
// links are where the two formats differ on purpose.
EpubSources epub_sources(const fs::path& epub, const std::string& in_this_book) {
    const EpubFile book = read_epub(epub);
    const Xml xml(book.at("EPUB/text/sources.xhtml"));
    EpubSources out;
    const std::size_t groups = xml.count("//x:section[@class='sources-chapter']");
    for (std::size_t g = 1; g <= groups; ++g) {
        const std::string section = "(//x:section[@class='sources-chapter'])[" + std::to_string(g) + "]";
        out.parts.push_back(squeezed(xml.one(section + "/x:h2")));
        const int start = std::stoi(xml.one(section + "/x:ol/@start"));
        const std::vector<std::string> entries = xml.all(section + "/x:ol/x:li");
        for (std::size_t k = 0; k < entries.size(); ++k) {
            const int number = start + static_cast<int>(k);
            std::string entry = squeezed(entries[k]);
            for (const std::string& drop : {std::string("\u21A9"), "(" + squeezed(in_this_book) + ")"})
                for (std::size_t at; (at = entry.find(drop)) != std::string::npos;) entry.erase(at, drop.size());
            out.parts.push_back(std::to_string(number) + "." + entry);
            out.numbers.push_back(number);
        }
    }
    return out;
}

// Walks the PDF's Sources text along the EPUB's parts: each must come next.
void check_same_sources(const Built& b, const std::string& title, const std::string& in_this_book) {
    const std::string pdf = pdf_sources(b.pdf, title);
    const EpubSources epub = epub_sources(b.epub, in_this_book);
    REQUIRE(!epub.numbers.empty());
    for (std::size_t i = 0; i < epub.numbers.size(); ++i) CHECK(epub.numbers[i] == static_cast<int>(i) + 1);
    std::size_t at = 0;
    for (const std::string& part : epub.parts) {
        INFO("EPUB: " << part << "\nPDF:  " << pdf.substr(at, part.size() + 40));
        REQUIRE(pdf.compare(at, part.size(), part) == 0);
        at += part.size();
    }
    INFO("the PDF lists more: " << pdf.substr(at, 200));
    CHECK(at == pdf.size());
}

const fs::path kContent = fs::path(BOOKLET_SOURCE_DIR) / "content" / "booklet.yaml";
const fs::path kEnglish = fs::path(BOOKLET_TEST_DATA) / "sources" / "book.yaml";

}  // namespace

TEST_CASE("content/ in the press kit: the PDF's Sources are the EPUB's", "[sources]") {
    check_same_sources(build(kContent, "content"), "Bronnen", "in dit boek");
}

TEST_CASE("an English book in the press kit: the PDF's Sources are the EPUB's", "[sources]") {
    const Built b = build(kEnglish, "english");
    check_same_sources(b, "Sources", "in this book");
    // Every entry of this book, by address: repeated ones once per chapter, mail
    // and phone never, the refused scheme never.
    const EpubSources epub = epub_sources(b.epub, "in this book");
    CHECK(epub.numbers.size() == 14);
    for (const std::string& part : epub.parts) {
        CHECK(part.find("mailto") == std::string::npos);
        CHECK(part.find("press@example.org") == std::string::npos);
        CHECK(part.find("ms-settings") == std::string::npos);
    }
}

TEST_CASE("links.footnote_urls=false keeps the Sources list, the same in both formats", "[sources]") {
    check_same_sources(build(kEnglish, "no-notes", {"links.footnote_urls=false"}), "Sources", "in this book");
}

TEST_CASE("a scheme no reader can follow is refused in both formats", "[sources]") {
    const Built b = build(kEnglish, "refused");
    CHECK(b.log.find("'ms-settings:' scheme") != std::string::npos);  // warned once, at the source
    const ShellResult qdf = run_shell("qpdf --qdf --object-streams=disable " + shell_quote(b.pdf.string()) + " -");
    CHECK(qdf.out.find("/URI (https://example.org/last)") != std::string::npos);
    CHECK(qdf.out.find("ms-settings") == std::string::npos);
    const EpubFile book = read_epub(b.epub);
    bool seen = false;
    for (const auto& [name, data] : book.files) {
        CHECK(data.find("href=\"ms-settings") == std::string::npos);
        if (data.find("this one") != std::string::npos) seen = true;
    }
    CHECK(seen);  // the link's text stays
    CHECK(run_shell("pdftotext " + shell_quote(b.pdf.string()) + " - | tr '\\n' ' '").out.find("this one") !=
          std::string::npos);
}
