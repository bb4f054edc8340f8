// Paper is paid per sheet (issue 18): the booklet style must not waste pages. The
// booklet binary builds content/ (Dutch) and the Spanish and French test books of
// tests/data/paper/, and every page is read back with pdftotext -bbox. Its words
// are counted as the outside checker pdf-pages counts them: in the style's text
// block (not running heads or folios) and not in notes. A page with fewer than 40
// words is near-empty; the title page and the back cover are left out, as they
// are meant to carry little, and so is the imprint when it has the back of the
// title page to itself (the style's choice when the contents cannot share it).
// A chapter's last page holding more lines than the style pulls back
// (chapters.spill_lines) is reported, not counted: its lines are text the book
// needs, not paper it wastes. At most 3 % of the other pages may be near-empty,
// none may be a spill, and a booklet folded from sheets has a multiple of 4 pages.
#include "booklet/source_dir.hpp"
#include "booklet/style.hpp"

#include <catch2/catch.hpp>

#include "shell.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace booklet;
namespace fs = std::filesystem;

namespace {

constexpr int kNearEmptyWords = 40;
constexpr int kMaxWastePercent = 3;

std::string quote(const fs::path& p) { return test::shell_quote(p.string()); }

// A word is a run of non-blank characters with at least one letter or digit in it:
// a bullet, a dash or a dot leader alone is not a word.
bool is_word(const std::string& token) {
    for (const char ch : token) {
        const auto c = static_cast<unsigned char>(ch);
        // ASCII letters and digits, and the two-byte UTF-8 letters of Latin scripts
        // (á, ç, ñ, œ ...); punctuation marks and symbols are three bytes.
        if ((c < 0x80 && std::isalnum(c)) || (c >= 0xC3 && c < 0xE0)) return true;
    }
    return false;
}

fs::path build_pdf(const std::string& name, const fs::path& manifest, const std::string& overrides) {
    const fs::path out = fs::path(BOOKLET_INTEGRATION_OUT) / ("economy-" + name);
    fs::remove_all(out);
    const auto build = test::run_shell(std::string(BOOKLET_BINARY) + " build " + quote(manifest) +
                                       " --format pdf -q" + overrides + " -o " + quote(out) + " 2>&1");
    INFO(build.out);
    REQUIRE(build.status == 0);
    const fs::path pdf = out / (manifest.stem().string() + ".pdf");
    REQUIRE(fs::exists(pdf));
    return pdf;
}

// A word as pdftotext -bbox places it, in points from the top of the page.
struct PlacedWord {
    double top = 0, bottom = 0;
    std::string text;
    bool counts = false;  // has a letter or digit
    double height() const { return bottom - top; }
};

double attribute(const std::string& line, const std::string& name) {
    const auto at = line.find(name + "=\"");
    if (at == std::string::npos) FAIL("no " << name << " in pdftotext's " << line);
    return std::stod(line.substr(at + name.size() + 2));
}

// The words of page `n` (1-based), read back with pdftotext -bbox.
std::vector<PlacedWord> page_words(const fs::path& pdf, int n) {
    const auto r = test::run_shell("pdftotext -bbox -enc UTF-8 -f " + std::to_string(n) + " -l " + std::to_string(n) +
                                   " " + quote(pdf) + " - 2>&1");
    REQUIRE(r.status == 0);
    std::vector<PlacedWord> words;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) {
        if (line.find("<word ") == std::string::npos) continue;
        const auto open = line.find('>');
        const auto close = line.rfind("</word>");
        if (open == std::string::npos || close == std::string::npos || close < open)
            FAIL("a word pdftotext did not close: " << line);
        std::string text = line.substr(open + 1, close - open - 1);
        // The one entity that spells letters; the others (&lt; &gt; &quot;) stand alone.
        for (std::size_t at; (at = text.find("&amp;")) != std::string::npos;) text.replace(at, 5, "&");
        const bool counts = is_word(text);
        words.push_back({attribute(line, "yMin"), attribute(line, "yMax"), std::move(text), counts});
    }
    return words;
}

// The height of a line of body text: the most common word height of the book.
double body_height(const std::vector<std::vector<PlacedWord>>& pages) {
    std::map<long, int> seen;  // hundredths of a point -> words
    for (const auto& page : pages)
        for (const auto& w : page) ++seen[std::lround(w.height() * 100)];
    REQUIRE(!seen.empty());
    const auto most = std::max_element(seen.begin(), seen.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    return static_cast<double>(most->first) / 100;
}

// The words of a page that pdf-pages counts too: those of the text block (running
// heads and folios stand in the margins) set at least in the size of tables and
// quotations (0.85 em in booklet); notes (0.75 em) are left out, so a page that
// holds a chapter's last lines and their note is measured by those lines.
std::vector<const PlacedWord*> text_block_words(const std::vector<PlacedWord>& words, const style::Style& st,
                                                double body) {
    const double top = pt_from_sp(st.page.margin_top);
    const double bottom = pt_from_sp(st.page.height - st.page.margin_bottom);
    constexpr double kSmallestCounted = 0.8;  // of the body's height
    std::vector<const PlacedWord*> counted;
    for (const auto& w : words)
        // A word's box is the font's, taller than its letters: its middle tells where it stands.
        if (const double middle = (w.top + w.bottom) / 2;
            w.counts && middle >= top && middle <= bottom && w.height() >= kSmallestCounted * body)
            counted.push_back(&w);
    return counted;
}

// Lines of counted words: distinct tops, to the tenth of a point.
std::size_t line_count(const std::vector<const PlacedWord*>& words) {
    std::vector<long> tops;
    for (const auto* w : words) tops.push_back(std::lround(w->top * 10));
    std::sort(tops.begin(), tops.end());
    return static_cast<std::size_t>(std::unique(tops.begin(), tops.end()) - tops.begin());
}

// A chapter opens with its title, set at least 1.4 times the body (as pdf-pages sees it).
bool opens_chapter(const std::vector<PlacedWord>& words, double body) {
    return std::any_of(words.begin(), words.end(), [&](const PlacedWord& w) { return w.height() >= 1.4 * body; });
}

bool holds(const std::vector<PlacedWord>& words, const std::string& text) {
    return std::any_of(words.begin(), words.end(), [&](const PlacedWord& w) { return w.text == text; });
}

struct Economy {
    int pages = 0;
    std::vector<int> near_empty;     // counted against the budget
    std::vector<int> spills;         // a chapter's last page with at most spill_lines lines
    std::vector<int> chapter_ends;   // a chapter's last page with more lines: reported only
    std::string listing;             // "page 7: 12 words, 2 lines" for each, to show on failure
};

// `identifier`: the manifest's, which the imprint prints.
Economy measure(const fs::path& pdf, const style::Style& st, const std::string& identifier) {
    Economy e;
    e.pages = test::pdf_page_count(pdf.string());
    std::vector<std::vector<PlacedWord>> pages;
    for (int n = 1; n <= e.pages; ++n) pages.push_back(page_words(pdf, n));
    const double body = body_height(pages);
    const auto at = [&](int n) -> const std::vector<PlacedWord>& { return pages[static_cast<std::size_t>(n - 1)]; };
    for (int n = 2; n < e.pages; ++n) {
        const auto words = text_block_words(at(n), st, body);
        if (words.size() >= kNearEmptyWords) continue;
        const std::size_t lines = line_count(words);
        e.listing += "page " + std::to_string(n) + ": " + std::to_string(words.size()) + " words, " +
                     std::to_string(lines) + " lines";
        const bool ends_chapter = n + 1 == e.pages || opens_chapter(at(n + 1), body);
        if (n == 2 && holds(at(n), identifier)) {
            e.listing += " (the imprint)\n";
            continue;
        }
        if (ends_chapter && !opens_chapter(at(n), body) && !words.empty()) {
            const bool spill = lines <= static_cast<std::size_t>(st.chapters.spill_lines);
            (spill ? e.spills : e.chapter_ends).push_back(n);
            e.listing += spill ? " (a spill)\n" : " (a chapter's last page)\n";
            if (!spill) continue;
        } else {
            e.listing += "\n";
        }
        e.near_empty.push_back(n);
    }
    return e;
}

bool within_budget(const Economy& e) {
    return static_cast<int>(e.near_empty.size()) * 100 <= kMaxWastePercent * e.pages;
}

struct Book {
    std::string name;
    fs::path manifest;
    std::string identifier;  // the manifest's
};

std::vector<Book> books() {
    const fs::path root(BOOKLET_SOURCE_DIR);
    return {{"content", root / "content/booklet.yaml", "urn:booklet:pauseai:digitale-hersenen"},
            {"es", root / "tests/data/paper/es/booklet.yaml", "urn:booklet:pauseai:manos-a-la-obra"},
            {"fr", root / "tests/data/paper/fr/booklet.yaml", "urn:booklet:pauseai:passer-a-l-action"}};
}

}  // namespace

TEST_CASE("content/ and the Spanish and French books waste at most 3 % of their pages, in multiples of 4",
          "[integration][pdf][paper]") {
    const style::Style st = style::load_style("booklet", fs::path(BOOKLET_SOURCE_DIR) / "styles");
    for (const auto& book : books()) {
        const Economy e = measure(build_pdf(book.name, book.manifest, ""), st, book.identifier);
        INFO(book.name << ": " << e.pages << " pages, near-empty:\n" << e.listing);
        CHECK(e.pages >= 8);
        CHECK(e.pages % 4 == 0);
        CHECK(within_budget(e));
        CHECK(e.spills.empty());
    }
}

TEST_CASE("the count sees the blank pages that right-hand chapter openings leave", "[integration][pdf][paper]") {
    // The same books with every chapter on a right-hand page and none running on:
    // the blank left-hand pages before them must show, or the check above proves nothing.
    const std::vector<std::string> recto = {"chapters.opening=recto", "chapters.run_on_fill=0"};
    const style::Style st = style::load_style("booklet", fs::path(BOOKLET_SOURCE_DIR) / "styles", recto);
    std::string overrides;
    for (const auto& o : recto) overrides += " --set " + o;
    int over_budget = 0;
    std::string report;
    for (const auto& book : books()) {
        const Economy e = measure(build_pdf(book.name + "-recto", book.manifest, overrides), st, book.identifier);
        report += book.name + ": " + std::to_string(e.pages) + " pages, near-empty:\n" + e.listing;
        if (!within_budget(e)) ++over_budget;
    }
    INFO(report);
    CHECK(over_budget >= 1);
}
