// A session's runs and the hyphenation dictionaries read ahead: a reading handed to
// the dictionaries may outlive the run that started it.
#include "session.hpp"

#include "scratch.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace booklet;
using namespace booklet::cli;

namespace {

void write(const fs::path& file, const std::string& text) {
    std::ofstream(file) << text;
}

}  // namespace

TEST_CASE("a run that stops before layout leaves its dictionary reading to the session, which waits for it") {
    // German's dictionary takes 50-90 ms to build on the second core; a page that
    // is missing stops the run as soon as the styles are read, long before that.
    const fs::path folder = test::scratch_folder("unit-cli-session") / "german";
    fs::create_directories(folder);
    write(folder / "booklet.yaml", "title: Test\nlanguage: de\npages: [seite.md, fehlt.md]\n");
    write(folder / "seite.md", "---\ntitle: Seite\n---\n\nDonaudampfschifffahrtsgesellschaft.\n");
    BuildOptions options;
    options.inputs = {(folder / "booklet.yaml").string()};
    options.output.path = folder / "out";
    options.cache.kind = CacheOption::Kind::none;
    options.jobs = 2;
    options.report.quiet = true;
    std::ostringstream shown;
    const Reporter reporter(options.report, shown);
    {
        BuildSession session(options, KeepText::yes);
        for (int run = 0; run < 2; ++run) {  // the second run waits for the first one's reading
            const BuildOutcome outcome = session.run(Purpose::build, reporter);
            CHECK(outcome.diags.error_count() == 1);
            CHECK(outcome.written.empty());
        }
        write(folder / "fehlt.md", "---\ntitle: Fehlt\n---\n\nNicht mehr.\n");
        const BuildOutcome built = session.run(Purpose::build, reporter);
        CHECK(built.diags.error_count() == 0);
        CHECK(built.written.size() == 2);
        fs::remove(folder / "fehlt.md");
        CHECK(session.run(Purpose::build, reporter).diags.error_count() == 1);
    }  // the session ends with a reading under way: its dictionaries wait for it
    CHECK(fs::exists(folder / "out" / "booklet.pdf"));
}

TEST_CASE("the styles read beside the pages are reported after the pages, as when read one after the other") {
    const fs::path folder = test::scratch_folder("unit-cli-session") / "styles-beside";
    fs::create_directories(folder);
    write(folder / "booklet.yaml", "title: Test\npages: [page.md, missing.md]\n");
    write(folder / "page.md", "---\ntitle: Page\n---\n\nText.\n");
    std::vector<std::vector<std::string>> seen;
    for (const int jobs : {1, 2}) {
        BuildOptions options;
        options.inputs = {(folder / "booklet.yaml").string()};
        options.output.path = folder / "out";
        options.cache.kind = CacheOption::Kind::none;
        options.jobs = jobs;
        options.style = "no-such-style";
        options.report.quiet = true;
        std::ostringstream shown;
        const Reporter reporter(options.report, shown);
        BuildSession session(options, KeepText::no);
        const BuildOutcome outcome = session.run(Purpose::build, reporter);
        std::vector<std::string> kinds;
        for (const Diagnostic& d : outcome.diags.all()) kinds.push_back(d.kind);
        seen.push_back(kinds);
        CHECK(outcome.written.empty());
    }
    REQUIRE(seen[0].size() == 2);
    CHECK(seen[0][1] == "style-missing");
    CHECK(seen[0][0] != "style-missing");
    CHECK(seen[1] == seen[0]);
}

namespace {

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// The paragraphs of a page after its front matter, split at blank lines.
struct PageParts {
    std::string head;  // the front matter and what precedes the first paragraph
    std::vector<std::string> paragraphs;
    std::string joined() const {
        std::string out = head;
        for (const std::string& p : paragraphs) out += p + "\n\n";
        return out;
    }
};

PageParts split_page(const std::string& text) {
    REQUIRE(text.rfind("---\n", 0) == 0);
    const std::size_t body = text.find("\n---\n", 4) + 5;
    PageParts parts{text.substr(0, body), {}};
    std::size_t at = body;
    while (at < text.size()) {
        std::size_t end = text.find("\n\n", at);
        if (end == std::string::npos) end = text.size();
        std::string paragraph = text.substr(at, end - at);
        while (!paragraph.empty() && paragraph.front() == '\n') paragraph.erase(0, 1);
        if (!paragraph.empty()) parts.paragraphs.push_back(paragraph);
        at = end + 2;
    }
    return parts;
}

// One edit a writer might make, of kind `number` % 6 at a paragraph chosen by
// `pick`: add a paragraph (plain, with a link, with a new footnote), remove one,
// move one, or change a word.
std::string edit_page(const std::string& text, std::uint32_t pick, int number) {
    PageParts parts = split_page(text);
    auto& ps = parts.paragraphs;
    REQUIRE(ps.size() > 2);
    const std::size_t at = pick % ps.size();
    const std::string n = std::to_string(number);
    switch (number % 6) {
    case 0: ps.insert(ps.begin() + static_cast<long>(at), "An added paragraph, number " + n + ", in a rebuild."); break;
    case 1:
        ps.insert(ps.begin() + static_cast<long>(at),
                  "A source added later: [report " + n + "](https://example.org/reports/" + n + ").");
        break;
    case 2:
        ps.push_back("A remark with a note.[^added" + n + "]");
        ps.push_back("[^added" + n + "]: The note added in edit " + n + ".");
        break;
    case 3:
        if (ps.size() > 3 && ps[at].rfind("[^", 0) != 0 && ps[at].rfind("#", 0) != 0) ps.erase(ps.begin() + static_cast<long>(at));
        break;
    case 4: std::swap(ps[at], ps[(at + 1) % ps.size()]); break;
    default: {
        const std::size_t space = ps[at].find(' ');
        if (space != std::string::npos) ps[at].insert(space, " changed" + n);
    }
    }
    return parts.joined();
}

}  // namespace

// What a watch session takes from its last run (pages read, paragraphs set,
// chapters composed, page streams and text analysis, deflated entries) must leave
// the files as a session that starts afresh writes them, whatever the edit.
TEST_CASE("a session's rebuilds after random edits are byte for byte a fresh build's, in two styles") {
    const fs::path root = test::scratch_folder("unit-cli-session") / "random-edits";
    fs::remove_all(root);
    fs::create_directories(root);
    fs::copy(fs::path(BOOKLET_SOURCE_DIR) / "content", root / "content", fs::copy_options::recursive);
    const std::vector<fs::path> pages = {root / "content" / "making-this-booklet.md",
                                         root / "content" / "digitale-hersenen.nl.md"};
    for (const char* style : {"booklet", "press-kit"}) {
        BuildOptions options;
        options.inputs = {(root / "content").string()};
        options.style = style;
        options.cache.kind = CacheOption::Kind::none;
        options.jobs = 2;
        options.report.quiet = true;
        std::ostringstream shown;
        const Reporter reporter(options.report, shown);
        options.output.path = root / "watched";
        BuildSession watched(options, KeepText::yes);
        REQUIRE(watched.run(Purpose::build, reporter).ok());

        std::uint32_t state = 20261205;  // a fixed sequence: a failure names the edit that broke it
        for (int edit = 1; edit <= 12; ++edit) {
            state = state * 1664525u + 1013904223u;
            const fs::path& page = pages[(state >> 8) % pages.size()];
            const std::uint32_t pick = state >> 12;  // the kind of edit is edit % 6
            const std::string edited = edit_page(read_file(page), pick, edit);
            std::ofstream(page, std::ios::binary) << edited;
            INFO(style << ", edit " << edit << " at paragraph pick " << pick << " in " << page.filename());
            REQUIRE(watched.run(Purpose::build, reporter).ok());
            watched.release_leftovers();

            BuildOptions fresh_options = options;
            fresh_options.output.path = root / "fresh";
            BuildSession fresh(fresh_options);
            REQUIRE(fresh.run(Purpose::build, reporter).ok());
            CHECK(read_file(root / "watched" / "booklet.pdf") == read_file(root / "fresh" / "booklet.pdf"));
            CHECK(read_file(root / "watched" / "booklet.epub") == read_file(root / "fresh" / "booklet.epub"));
        }
    }
}
