// The EPUB of a hand-made document with every construct and every kind of bad
// input, validated by epubcheck: 0 fatal errors, 0 errors, 0 warnings. Fails when
// Java or epubcheck is missing.
#include "booklet/source_dir.hpp"
#include "sample_document.hpp"

#include "booklet/epub.hpp"

#include <catch2/catch.hpp>

#include "shell.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace booklet;

namespace {

struct Counts {
    int fatal = -1, error = -1, warning = -1;
    std::string report;
};

using test::shell_quote;

Counts epubcheck(const fs::path& epub) {
    REQUIRE(fs::exists(BOOKLET_EPUBCHECK_JAR));
    const fs::path json = epub.string() + ".json";
    fs::remove(json);
    const std::string command = shell_quote(BOOKLET_JAVA) + " -jar " + shell_quote(BOOKLET_EPUBCHECK_JAR) + " --json " +
                                shell_quote(json.string()) + " " + shell_quote(epub.string()) + " > " +
                                shell_quote(epub.string() + ".log") + " 2>&1";
    std::system(command.c_str());
    Counts c;
    std::ifstream in(json);
    std::ostringstream s;
    s << in.rdbuf();
    c.report = s.str();
    std::ifstream log(epub.string() + ".log");
    std::ostringstream l;
    l << log.rdbuf();
    c.report += l.str();
    // "nError" : 0 in epubcheck's JSON report
    auto grab = [&](const char* key) {
        const std::size_t at = c.report.find(std::string("\"") + key + "\"");
        if (at == std::string::npos) return -1;
        std::size_t i = c.report.find(':', at);
        if (i == std::string::npos) return -1;
        while (++i < c.report.size() && c.report[i] == ' ') {}
        int n = -1;
        while (i < c.report.size() && c.report[i] >= '0' && c.report[i] <= '9') n = (n < 0 ? 0 : n * 10) + (c.report[i++] - '0');
        return n;
    };
    c.fatal = grab("nFatal");
    c.error = grab("nError");
    c.warning = grab("nWarning");
    return c;
}

void check_valid(const model::Document& doc, const style::Style& style, const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / "booklet-epubcheck";
    fs::create_directories(dir);
    const fs::path target = dir / name;
    Diagnostics diags;
    const cite::Citations cites = cite::cite_document(doc, style.links, 1727577000);
    epub::write_epub(doc, cites, style, epub::Settings{1727577000}, target, diags);
    const Counts c = epubcheck(target);
    INFO(c.report);
    CHECK(c.fatal == 0);
    CHECK(c.error == 0);
    CHECK(c.warning == 0);
}

}  // namespace

TEST_CASE("epubcheck accepts the EPUB of every construct and every bad input") {
    check_valid(test::sample_document(), {}, "sample.epub");
}

TEST_CASE("epubcheck accepts it with embedded fonts and a styled sheet") {
    style::Style s;
    const fs::path noto = fs::path(BOOKLET_SOURCE_DIR) / "fonts" / "noto";
    s.fonts.body = {"Noto Serif", {noto / "NotoSerif-Regular.ttf"}, {noto / "NotoSerif-Italic.ttf"},
                    {noto / "NotoSerif-Bold.ttf"}, {noto / "NotoSerif-BoldItalic.ttf"}};
    s.fonts.heading = {"Noto Sans", {noto / "NotoSans-Regular.ttf"}, {}, {noto / "NotoSans-Bold.ttf"}, {}};
    s.fonts.mono = {"Noto Sans Mono", {noto / "NotoSansMono-Regular.ttf"}, {}, {}, {}};
    s.fonts.fallbacks = {{noto / "NotoSansSymbols2-Regular.ttf"}};
    s.epub.embed_fonts = true;
    s.body.first_indent = sp_from_pt(12);
    s.headings[1].color = {0x33, 0x66, 0x99};
    s.title_page = false;
    s.table_of_contents = false;
    check_valid(test::sample_document(), s, "fonts.epub");
}

TEST_CASE("epubcheck accepts the EPUB of an empty document") {
    model::Document empty;
    empty.meta.language = "??";
    check_valid(empty, {}, "empty.epub");
}
