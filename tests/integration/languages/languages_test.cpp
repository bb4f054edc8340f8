// Pages in thirteen languages and scripts (tests/data/languages/<lang>/*.md), built
// to PDF and EPUB and read back with pdftotext and epubcheck. The checks hold for
// any page in these languages, not only ours: every character has a glyph, the
// EPUB validates without a message, every chapter title is in the PDF's text, and
// Japanese lines start with no small kana, prolonged sound mark or closing bracket.
#include "shell.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using booklet::test::run_shell;
using booklet::test::shell_quote;

namespace {

struct Built {
    std::string log;
    fs::path pdf, epub;
};

fs::path pages(const std::string& lang) { return fs::path(BOOKLET_TEST_DATA) / "languages" / lang; }

// The pages of one language as a book of that language ("emoji" is English).
Built build(const std::string& lang) {
    const fs::path out = fs::path(BOOKLET_INTEGRATION_OUT) / lang;
    fs::remove_all(out);
    fs::create_directories(out);
    const fs::path manifest = out / (lang + ".yaml");
    std::ofstream(manifest) << "title: Test pages\nauthors: [Tester]\nbase_url: https://example.org\ndate: 2026-01-15\n"
                            << "language: " << (lang == "emoji" ? "en" : lang) << "\n"
                            << "pages: [\"" << (pages(lang) / "*.md").string() << "\"]\n";
    const auto r = run_shell(shell_quote(BOOKLET_BINARY) + " build " + shell_quote(manifest.string()) + " -o " +
                             shell_quote(out.string()) + " 2>&1");
    INFO(r.out);
    REQUIRE(r.status == 0);
    return {r.out, out / (lang + ".pdf"), out / (lang + ".epub")};
}

std::vector<std::string> titles(const std::string& lang) {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(pages(lang))) {
        std::ifstream in(entry.path());
        for (std::string line; std::getline(in, line);)
            if (line.rfind("title: ", 0) == 0) {
                out.push_back(line.substr(7));
                break;
            }
    }
    return out;
}

std::string without_spaces(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\n') out += c;
    return out;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

Built check_language(const std::string& lang) {
    const Built b = build(lang);
    INFO(b.log);
    CHECK(b.log.find("missing-glyph") == std::string::npos);
    CHECK(b.log.find("no font") == std::string::npos);
    // The PDF's text holds each chapter title (spaces aside: pdftotext may set a
    // title's words apart differently from the source).
    const auto text = run_shell("pdftotext -enc UTF-8 " + shell_quote(b.pdf.string()) + " - 2>&1");
    REQUIRE(text.status == 0);
    const auto fonts = run_shell("pdffonts " + shell_quote(b.pdf.string()) + " 2>&1");
    INFO(fonts.out);
    CHECK(fonts.status == 0);
    const std::string flat = without_spaces(text.out);
    if (lang != "ar" && lang != "he") {  // pdftotext's order of right-to-left text is its own
        for (const std::string& title : titles(lang)) {
            INFO(title);
            CHECK(flat.find(without_spaces(title)) != std::string::npos);
        }
    }
    const auto check = run_shell(std::string(BOOKLET_JAVA) + " -jar " + BOOKLET_EPUBCHECK_JAR + " " +
                                 shell_quote(b.epub.string()) + " 2>&1");
    INFO(check.out);
    CHECK(check.status == 0);
    CHECK(check.out.find("No errors or warnings detected") != std::string::npos);
    return b;
}

// What pdftotext -bbox-layout says of a page: its lines and words with their boxes.
struct Word {
    double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
    std::string text;
};
struct TextLine {
    double x_min = 0, x_max = 0, y_min = 0;
    std::vector<Word> words;
};

double attribute(const std::string& tag, const std::string& name) {
    const auto at = tag.find(name + "=\"");
    REQUIRE(at != std::string::npos);
    return std::stod(tag.substr(at + name.size() + 2));
}

// The page's printed lines, from the words pdftotext finds: a word belongs to the
// line whose height holds the word's middle. pdftotext's own <line>s are not the
// printed lines: it splits a line where the content stream's order of text objects
// (marked content in a tagged PDF, a raised mark) jumps.
std::vector<TextLine> page_lines(const fs::path& pdf, int page) {
    const auto r = run_shell("pdftotext -enc UTF-8 -bbox-layout -f " + std::to_string(page) + " -l " +
                             std::to_string(page) + " " + shell_quote(pdf.string()) + " - 2>&1");
    REQUIRE(r.status == 0);
    std::vector<Word> words;
    const std::string& x = r.out;
    for (std::size_t at = x.find("<word "); at != std::string::npos; at = x.find("<word ", at + 1)) {
        const std::size_t close = x.find('>', at);
        const std::size_t end = x.find("</word>", close);
        REQUIRE(end != std::string::npos);
        const std::string tag = x.substr(at, close - at + 1);
        words.push_back({attribute(tag, "xMin"), attribute(tag, "yMin"), attribute(tag, "xMax"), attribute(tag, "yMax"),
                         x.substr(close + 1, end - close - 1)});
    }
    // Tallest first, so that a line's height is that of its letters, not of a mark.
    std::stable_sort(words.begin(), words.end(),
                     [](const Word& a, const Word& b) { return a.y_max - a.y_min > b.y_max - b.y_min; });
    std::vector<TextLine> lines;
    std::vector<double> bottoms;
    for (const Word& w : words) {
        const double middle = (w.y_min + w.y_max) / 2;
        std::size_t k = 0;
        while (k < lines.size() && !(middle >= lines[k].y_min && middle <= bottoms[k])) ++k;
        if (k == lines.size()) {
            lines.push_back({w.x_min, w.x_max, w.y_min, {}});
            bottoms.push_back(w.y_max);
        }
        lines[k].x_min = std::min(lines[k].x_min, w.x_min);
        lines[k].x_max = std::max(lines[k].x_max, w.x_max);
        lines[k].words.push_back(w);
    }
    return lines;
}

bool is_marker(const std::string& word) {
    if (word == "\u2022" || word == "\u2013") return true;  // the bullets of the first two list levels
    if (word.size() < 2 || word.back() != '.') return false;
    return std::all_of(word.begin(), word.end() - 1, [](char c) { return c >= '0' && c <= '9'; });
}

bool latin_only(const TextLine& line) {
    for (const Word& w : line.words)
        for (char c : w.text)
            if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

// Pages 3 and 4 are the two chapters' first pages: the title is the page's first
// line and ends at the right edge; every line that does not fill the measure (last
// lines, list items, quotes, notes) stands nearer the right edge than the left; list
// markers are the rightmost word of their line.
void check_right_to_left(const std::string& lang) {
    const fs::path out = fs::path(BOOKLET_INTEGRATION_OUT) / lang;
    std::size_t short_lines = 0, markers = 0;
    for (int page = 3; page <= 4; ++page) {
        const std::vector<TextLine> lines = page_lines(out / (lang + ".pdf"), page);
        REQUIRE(lines.size() > 5);
        double left = 1e9, right = 0;
        for (const TextLine& l : lines) left = std::min(left, l.x_min), right = std::max(right, l.x_max);
        const double measure = right - left;
        const auto title = std::min_element(lines.begin(), lines.end(),
                                            [](const TextLine& a, const TextLine& b) { return a.y_min < b.y_min; });
        INFO("page " << page << ", column " << left << ".." << right);
        CHECK(std::abs(title->x_max - right) < 1.5);
        CHECK(title->x_min - left > 30);
        for (const TextLine& l : lines) {
            if (l.x_max - l.x_min > 0.9 * measure || latin_only(l)) continue;  // full lines, the folio, URLs
            INFO("line " << l.x_min << ".." << l.x_max << " at y " << l.y_min);
            CHECK(right - l.x_max < l.x_min - left);
            ++short_lines;
        }
        std::vector<Word> words;
        for (const TextLine& l : lines) words.insert(words.end(), l.words.begin(), l.words.end());
        for (const Word& m : words) {
            if (!is_marker(m.text)) continue;
            ++markers;
            for (const Word& w : words)
                if (&w != &m && std::abs(w.y_max - m.y_max) < 2 && !is_marker(w.text)) {
                    INFO("marker " << m.text << " at " << m.x_min << ", word at " << w.x_min << ".." << w.x_max);
                    CHECK(w.x_max <= m.x_min + 0.5);
                }
        }
    }
    CHECK(short_lines >= 6);
    CHECK(markers >= 6);  // three list items per chapter
    const auto opf = run_shell("unzip -p " + shell_quote((out / (lang + ".epub")).string()) + " EPUB/package.opf");
    CHECK(opf.out.find("page-progression-direction=\"rtl\"") != std::string::npos);
    const auto html = run_shell("unzip -p " + shell_quote((out / (lang + ".epub")).string()) + " 'EPUB/text/*.xhtml'");
    CHECK(html.out.find("<html") != std::string::npos);
    CHECK(html.out.find("<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"" +
                        lang + "\" xml:lang=\"" + lang + "\" dir=\"rtl\">") != std::string::npos);
}

}  // namespace

TEST_CASE("German", "[de]") { check_language("de"); }
TEST_CASE("Polish: hyphenated with Debian's hyphen-pl", "[pl]") {
    CHECK(check_language("pl").log.find("no hyphenation dictionary") == std::string::npos);
}
TEST_CASE("Russian: hyphenated with Debian's hyphen-ru", "[ru]") {
    CHECK(check_language("ru").log.find("no hyphenation dictionary") == std::string::npos);
}
TEST_CASE("Greek", "[el]") { check_language("el"); }
TEST_CASE("Turkish: Debian has no dictionary, and one warning says so", "[tr]") {
    const Built b = check_language("tr");
    INFO(b.log);
    const std::string warning = "warning: no hyphenation dictionary for language 'tr'";
    const auto first = b.log.find(warning);
    CHECK(first != std::string::npos);
    CHECK(b.log.find(warning, first + 1) == std::string::npos);
    CHECK(b.log.find("Debian has no hyphen-* package for it") != std::string::npos);
}
TEST_CASE("Vietnamese", "[vi]") { check_language("vi"); }
TEST_CASE("Arabic: headings, last lines, list markers and note numbers at the right edge", "[ar]") {
    check_language("ar");
    check_right_to_left("ar");
}
TEST_CASE("Hebrew: headings, last lines, list markers and note numbers at the right edge", "[he]") {
    check_language("he");
    check_right_to_left("he");
}
TEST_CASE("Chinese", "[zh]") { check_language("zh"); }
TEST_CASE("Hindi", "[hi]") { check_language("hi"); }
TEST_CASE("Thai", "[th]") { check_language("th"); }
TEST_CASE("Emoji", "[emoji]") { check_language("emoji"); }

TEST_CASE("Japanese: no line starts with a small kana, the prolonged sound mark or a closing bracket", "[ja]") {
    check_language("ja");
    const auto text = run_shell("pdftotext -enc UTF-8 " +
                                shell_quote((fs::path(BOOKLET_INTEGRATION_OUT) / "ja" / "ja.pdf").string()) + " - 2>&1");
    REQUIRE(text.status == 0);
    // Small kana (hiragana and katakana), ー, closing brackets and the punctuation
    // that kinsoku keeps at a line's end.
    static const std::set<std::string> kNeverFirst = {
        "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", "ゎ", "ゕ", "ゖ", "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ",
        "ャ", "ュ", "ョ", "ヮ", "ヵ", "ヶ", "ー", "）", "」", "』", "】", "〕", "〉", "》", "、", "。", "，", "．",
        "・", "：", "；", "！", "？", "ゝ", "ゞ", "ヽ", "ヾ", "々"};
    std::size_t lines = 0;
    for (const std::string& line : lines_of(text.out)) {
        if (line.empty()) continue;
        ++lines;
        // The first character: a UTF-8 lead byte and its continuation bytes.
        std::size_t n = 1;
        while (n < line.size() && (static_cast<unsigned char>(line[n]) & 0xC0) == 0x80) ++n;
        INFO(line);
        CHECK(kNeverFirst.count(line.substr(0, n)) == 0);
    }
    CHECK(lines > 20);
}
