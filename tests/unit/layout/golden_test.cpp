// Golden tests: small documents laid out and compared with their page dumps in
// tests/data/layout/golden.dump, one "--- name ---" section per case.
//
// The dumps depend on the fonts and on the text engine; after a deliberate change
// there, regenerate them with BOOKLET_UPDATE_GOLDEN=1 and review the diff.
#include "layout_test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

using namespace booklet;
using namespace booklet::layout_test;

namespace {

const char* const kGoldenFile = BOOKLET_TEST_DATA "/layout/golden.dump";

std::map<std::string, std::string> read_sections() {
    std::map<std::string, std::string> out;
    std::ifstream in(kGoldenFile);
    std::string line, name, body;
    while (std::getline(in, line)) {
        if (line.rfind("--- ", 0) == 0 && line.size() > 8 && line.compare(line.size() - 4, 4, " ---") == 0) {
            if (!name.empty()) out[name] = body;
            name = line.substr(4, line.size() - 8);
            body.clear();
            continue;
        }
        body += line + "\n";
    }
    if (!name.empty()) out[name] = body;
    return out;
}

void write_sections(const std::map<std::string, std::string>& sections) {
    std::ofstream out(kGoldenFile, std::ios::trunc);
    for (const auto& [name, body] : sections) out << "--- " << name << " ---\n" << body;
}

model::Document small_document() {
    model::Document doc;
    doc.meta.title = "Golden";
    doc.meta.language = "en";
    model::Blocks blocks;
    blocks.push_back(para({text("Paper has no hyperlinks, so every "), web_link("https://pauseai.info/learn", "link"),
                           text(" is cited at the foot of its page, in full: "),
                           web_link("https://example.org/a/long/path/to/a/report_with_parts?x=1&y=2", "a report"),
                           text(".")}));
    blocks.push_back(heading(2, "A list and a table", "list"));
    model::List list;
    list.ordered = true;
    list.start = 3;
    for (const char* item : {"Third item", "Fourth item, with a few more words to wrap the line once at least"}) {
        model::ListItem li;
        li.blocks.push_back(para({text(item)}));
        list.items.push_back(std::move(li));
    }
    model::Block lb;
    lb.node = std::move(list);
    blocks.push_back(std::move(lb));
    model::Table t;
    t.columns = {model::Align::left, model::Align::right};
    t.header = {{{text("Country")}}, {{text("Groups")}}};
    t.rows = {{{{text("Netherlands")}}, {{text("12")}}}, {{{text("United Kingdom")}}, {{text("8")}}}};
    model::Block tb;
    tb.node = std::move(t);
    blocks.push_back(std::move(tb));
    doc.chapters.push_back(chapter("golden", "Golden pages", std::move(blocks)));
    return doc;
}

std::string laid_out(const model::Document& doc, style::Style style) {
    style.title_page = false;
    style.table_of_contents = false;
    shape::FontRegistry fonts;
    hyphenate::Dictionaries dictionaries;
    Diagnostics diags;
    return layout::dump_pages(layout::layout_book(doc, style, fonts, dictionaries, {}, diags));
}

}  // namespace

TEST_CASE("page dumps match the golden file", "[layout][golden]") {
    std::map<std::string, std::string> actual;
    actual["booklet-small"] = laid_out(small_document(), booklet_style());
    auto handout = style::load_style("handout", BOOKLET_SOURCE_DIR "/styles");
    actual["handout-small"] = laid_out(small_document(), handout);

    if (const char* update = std::getenv("BOOKLET_UPDATE_GOLDEN"); update && *update == '1') {
        write_sections(actual);
        WARN("golden dumps written to " << kGoldenFile);
        return;
    }
    const auto expected = read_sections();
    for (const auto& [name, dump] : actual) {
        INFO("case " << name << " (BOOKLET_UPDATE_GOLDEN=1 regenerates " << kGoldenFile << ")");
        REQUIRE(expected.count(name));
        const std::string& want = expected.at(name);
        if (dump == want) continue;
        std::istringstream a(dump), b(want);
        std::string la, lb;
        int line = 1;
        while (std::getline(a, la) && std::getline(b, lb) && la == lb) ++line;
        INFO("first difference at line " << line << "\n  got:  " << la << "\n  want: " << lb);
        CHECK(dump == want);
    }
}
