// Pages in thirteen languages and scripts (tests/data/languages/<lang>/*.md), built
// to PDF and EPUB and read back with pdftotext and epubcheck. The checks hold for
// any page in these languages, not only ours: every character has a glyph, the
// EPUB validates without a message, every chapter title is in the PDF's text, and
// Japanese lines start with no small kana, prolonged sound mark or closing bracket.
#include "shell.hpp"

#include <catch2/catch.hpp>

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

void check_language(const std::string& lang) {
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
}

}  // namespace

TEST_CASE("German", "[de]") { check_language("de"); }
TEST_CASE("Polish", "[pl]") { check_language("pl"); }
TEST_CASE("Russian", "[ru]") { check_language("ru"); }
TEST_CASE("Greek", "[el]") { check_language("el"); }
TEST_CASE("Turkish", "[tr]") { check_language("tr"); }
TEST_CASE("Vietnamese", "[vi]") { check_language("vi"); }
TEST_CASE("Arabic", "[ar]") { check_language("ar"); }
TEST_CASE("Hebrew", "[he]") { check_language("he"); }
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
