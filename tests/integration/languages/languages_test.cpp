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
#include <functional>
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

// The pages of one language as a book of that language ("emoji" is English), in
// the folder `name` (the language's own by default), built with `options`.
Built build(const std::string& lang, const std::string& options = "", const std::string& name = "") {
    const fs::path out = fs::path(BOOKLET_INTEGRATION_OUT) / (name.empty() ? lang : name);
    fs::remove_all(out);
    fs::create_directories(out);
    const fs::path manifest = out / (lang + ".yaml");
    std::ofstream(manifest) << "title: Test pages\nauthors: [Tester]\nbase_url: https://example.org\ndate: 2026-01-15\n"
                            << "language: " << (lang == "emoji" ? "en" : lang) << "\n"
                            << "pages: [\"" << (pages(lang) / "*.md").string() << "\"]\n";
    const auto r = run_shell(shell_quote(BOOKLET_BINARY) + " build " + shell_quote(manifest.string()) + " -o " +
                             shell_quote(out.string()) + options + " 2>&1");
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

// What pdftotext -bbox-layout says of a page: its size, its lines and words with
// their boxes.
struct Word {
    double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
    std::string text;
};
struct PageWords {
    double width = 0, height = 0;
    std::vector<Word> words;
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

PageWords page_words(const fs::path& pdf, int page) {
    const auto r = run_shell("pdftotext -enc UTF-8 -bbox-layout -f " + std::to_string(page) + " -l " +
                             std::to_string(page) + " " + shell_quote(pdf.string()) + " - 2>&1");
    REQUIRE(r.status == 0);
    PageWords out;
    const std::string& x = r.out;
    const auto page_tag = x.find("<page ");
    REQUIRE(page_tag != std::string::npos);
    const std::string tag = x.substr(page_tag, x.find('>', page_tag) - page_tag + 1);
    out.width = attribute(tag, "width");
    out.height = attribute(tag, "height");
    for (std::size_t at = x.find("<word "); at != std::string::npos; at = x.find("<word ", at + 1)) {
        const std::size_t close = x.find('>', at);
        const std::size_t end = x.find("</word>", close);
        REQUIRE(end != std::string::npos);
        const std::string word = x.substr(at, close - at + 1);
        out.words.push_back({attribute(word, "xMin"), attribute(word, "yMin"), attribute(word, "xMax"),
                             attribute(word, "yMax"), x.substr(close + 1, end - close - 1)});
    }
    return out;
}

// The page's printed lines, from the words pdftotext finds: a word belongs to the
// line whose height holds the word's middle. pdftotext's own <line>s are not the
// printed lines: it splits a line where the content stream's order of text objects
// (marked content in a tagged PDF, a raised mark) jumps.
std::vector<TextLine> page_lines(const fs::path& pdf, int page) {
    std::vector<Word> words = page_words(pdf, page).words;
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

bool is_number(const std::string& word) {
    return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool is_leaders(const std::string& word) {
    return word.size() >= 5 && std::all_of(word.begin(), word.end(), [](char c) { return c == '.'; });
}

// The text block of a page, from its lines: the leftmost start and the rightmost end.
struct Block {
    double left = 1e9, right = 0;
};
Block text_block(const std::vector<TextLine>& lines) {
    Block b;
    for (const TextLine& l : lines) b.left = std::min(b.left, l.x_min), b.right = std::max(b.right, l.x_max);
    return b;
}

// The line that is the page's folio: its number alone.
const TextLine* folio(const std::vector<TextLine>& lines, int page) {
    for (const TextLine& l : lines)
        if (l.words.size() == 1 && l.words.front().text == std::to_string(page)) return &l;
    return nullptr;
}

const TextLine& top_line(const std::vector<TextLine>& lines) {
    return *std::min_element(lines.begin(), lines.end(),
                             [](const TextLine& a, const TextLine& b) { return a.y_min < b.y_min; });
}

// A right-to-left book is bound at the right: its odd pages are left-hand pages,
// with the inner margin (15mm in the booklet style, narrower than the outer 18mm)
// at the right and the folio at the outer foot, the left; its even pages mirror.
void check_right_to_left_binding(const fs::path& pdf, const Block& odd, const Block& even) {
    const double width = page_words(pdf, 3).width;
    INFO("page 3 block " << odd.left << ".." << odd.right << ", page 4 " << even.left << ".." << even.right
                         << ", page width " << width);
    CHECK(width - odd.right < odd.left - 5);
    CHECK(even.left < width - even.right - 5);
    CHECK(std::abs(odd.left - (width - even.right)) < 0.5);  // the outer margins mirror
    const auto page3 = page_lines(pdf, 3), page4 = page_lines(pdf, 4), page2 = page_lines(pdf, 2);
    const TextLine* f3 = folio(page3, 3);
    const TextLine* f4 = folio(page4, 4);
    const TextLine* f2 = folio(page2, 2);
    REQUIRE(f3);
    REQUIRE(f4);
    REQUIRE(f2);
    CHECK(std::abs(f3->x_min - odd.left) < 1.5);
    CHECK(std::abs(f4->x_max - even.right) < 1.5);
    CHECK(std::abs(f2->x_max - even.right) < 1.5);
}

// Page 2, the contents: each entry reads from the right, its title at the right edge
// (a section's one indent in), then the leaders, then its page number at the left edge.
void check_right_to_left_contents(const fs::path& pdf, const Block& block) {
    std::size_t entries = 0, indented = 0;
    for (const TextLine& l : page_lines(pdf, 2)) {
        const Word* number = nullptr;
        const Word* dots = nullptr;
        for (const Word& w : l.words) {
            if (is_number(w.text)) number = &w;
            else if (is_leaders(w.text)) dots = &w;
        }
        if (!number || !dots) continue;
        ++entries;
        INFO("entry " << l.x_min << ".." << l.x_max << " at y " << l.y_min << ", column " << block.left << ".."
                      << block.right);
        CHECK(std::abs(number->x_min - block.left) < 1.5);
        CHECK(dots->x_min > number->x_max);
        for (const Word& w : l.words)
            if (&w != number && &w != dots) CHECK(w.x_min > dots->x_max);
        CHECK(l.x_max < block.right + 1.5);
        if (block.right - l.x_max > 5) ++indented;
    }
    CHECK(entries >= 4);  // two chapters with a section each
    CHECK(indented >= 2);
    CHECK(entries - indented >= 2);
}

// Built again with running heads on chapter openings and imposed: the head (the
// chapter's title) at the outer edge, left on page 3 and right on page 4; on the
// sheets, every side in mirror order: the first side holds page 1 (the title page)
// at the left and page 4 at the right, the second page 3 at the left, 2 at the right.
void check_right_to_left_heads_and_sheets(const std::string& lang, const Block& odd, const Block& even) {
    const Built b = build(lang, " --impose --set header.on_chapter_openings=true", lang + "-heads");
    const TextLine head3 = top_line(page_lines(b.pdf, 3)), head4 = top_line(page_lines(b.pdf, 4));
    INFO("head of page 3 " << head3.x_min << ".." << head3.x_max << ", of page 4 " << head4.x_min << ".."
                           << head4.x_max);
    CHECK(std::abs(head3.x_min - odd.left) < 1.5);
    CHECK(odd.right - head3.x_max > 30);
    CHECK(std::abs(head4.x_max - even.right) < 1.5);
    CHECK(head4.x_min - even.left > 30);
    const fs::path print = b.pdf.parent_path() / (lang + "-print.pdf");
    // The half of the sheet side that shows the lowest word `which` picks.
    const auto half = [&](int side, const std::function<bool(const Word&)>& which) {
        const PageWords sheet = page_words(print, side);
        const Word* lowest = nullptr;
        for (const Word& w : sheet.words)
            if (which(w) && (!lowest || w.y_min > lowest->y_min)) lowest = &w;
        if (!lowest) return '-';
        return lowest->x_max < sheet.width / 2 ? 'L' : lowest->x_min > sheet.width / 2 ? 'R' : '?';
    };
    // A folio is the lowest word on its page (the contents and note calls have numbers too).
    const auto folio_of = [&](int page) {
        return [page](const Word& w) { return w.text == std::to_string(page); };
    };
    CHECK(half(1, [](const Word& w) { return w.text == "Test"; }) == 'L');  // the title page
    CHECK(half(1, folio_of(4)) == 'R');
    CHECK(half(2, folio_of(3)) == 'L');
    CHECK(half(2, folio_of(2)) == 'R');
    // Viewers are asked to show the spreads as the book opens, from the right.
    const auto direction = run_shell("qpdf --qdf --object-streams=disable " + shell_quote(b.pdf.string()) +
                                     " - | grep -a -c '/Direction /R2L'");
    CHECK(direction.out == "1\n");
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
    const fs::path pdf = out / (lang + ".pdf");
    const Block odd = text_block(page_lines(pdf, 3)), even = text_block(page_lines(pdf, 4));
    check_right_to_left_binding(pdf, odd, even);
    check_right_to_left_contents(pdf, even);
    check_right_to_left_heads_and_sheets(lang, odd, even);
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
TEST_CASE("Turkish: Debian has no dictionary; booklet's syllable rule hyphenates it", "[tr]") {
    const Built b = check_language("tr");
    INFO(b.log);
    CHECK(b.log.find("no hyphenation dictionary") == std::string::npos);
    // At least one line of the PDF ends in a divided word (a letter, then the hyphen).
    const auto text = run_shell("pdftotext -layout " + shell_quote(b.pdf.string()) + " -");
    REQUIRE(text.status == 0);
    bool divided = false;
    std::istringstream lines(text.out);
    for (std::string line; std::getline(lines, line);) {
        while (!line.empty() && line.back() == ' ') line.pop_back();
        divided = divided || (line.size() > 2 && line.back() == '-' && line[line.size() - 2] != ' ');
    }
    CHECK(divided);
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

// fonts-noto-cjk as the style's own font, with no fontconfig fallback behind it: the
// family's name picks its face of the collection, so Chinese is set in the Simplified
// Chinese face, not in the collection's first (Japanese) one.
TEST_CASE("Chinese in Noto Serif CJK SC named by the style", "[zh]") {
    const Built b = build("zh", " --set 'fonts.body=Noto Serif CJK SC' --set fonts.system_fallback=false", "zh-style-font");
    INFO(b.log);
    CHECK(b.log.find("missing-glyph") == std::string::npos);
    const auto fonts = run_shell("pdffonts " + shell_quote(b.pdf.string()) + " 2>&1");
    INFO(fonts.out);
    REQUIRE(fonts.status == 0);
    CHECK(fonts.out.find("NotoSerifCJKsc-Regular") != std::string::npos);
    CHECK(fonts.out.find("CJKjp") == std::string::npos);
    const std::string flat = without_spaces(run_shell("pdftotext -enc UTF-8 " + shell_quote(b.pdf.string()) + " -").out);
    for (const std::string& title : titles("zh")) CHECK(flat.find(without_spaces(title)) != std::string::npos);
}
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
