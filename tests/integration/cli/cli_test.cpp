// The command line as a user meets it: the inputs (a page, pages, a folder, a
// manifest, standard input), the outputs (a folder, one file, standard output),
// init, the diagnostics (each once, grouped, as JSON read back with jq, --strict,
// -q, --timings) and the manifest and front matter checks. Output is read back with
// pdfinfo, pdftotext, qpdf, unzip and jq.
#include "booklet/source_dir.hpp"
#include <catch2/catch.hpp>

#include "shell.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using booklet::test::run_shell;
using booklet::test::shell_quote;

namespace {

const fs::path data = fs::path(BOOKLET_CLI_DATA);
// warnings.md has characters no bundled font has; with the system's fonts
// (fonts-noto-core, fonts-noto-cjk) they would be found, so these builds keep to
// the style's own fonts to see the warnings.
const std::string kOwnFontsOnly = " --set fonts.system_fallback=false";

std::string q(const fs::path& p) { return shell_quote(p.string()); }

// A fresh, empty folder for one test case.
fs::path scratch(const std::string& name) {
    const fs::path dir = fs::path(BOOKLET_CLI_OUT) / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

struct Run {
    int status = -1;
    std::string out, err;
};

// Runs booklet with `args` (already shell words) in `dir`; stdout and stderr apart.
Run run_booklet(const std::string& args, const fs::path& dir, const std::string& input_redirect = "") {
    const fs::path out = dir / ".stdout", err = dir / ".stderr";
    const std::string command = "cd " + q(dir) + " && " + q(BOOKLET_BINARY) + " " + args + " " + input_redirect +
                                " >" + q(out) + " 2>" + q(err) + "; echo $?";
    const auto r = run_shell(command);
    Run result;
    result.status = std::stoi(r.out);
    result.out = read_file(out);
    result.err = read_file(err);
    fs::remove(out);
    fs::remove(err);
    return result;
}

std::string pdf_text(const fs::path& pdf) { return run_shell("pdftotext -enc UTF-8 " + q(pdf) + " - 2>&1").out; }

std::string pdf_title(const fs::path& pdf) {
    const auto r = run_shell("pdfinfo " + q(pdf) + " 2>&1");
    for (const auto& line : lines_of(r.out))
        if (line.rfind("Title:", 0) == 0) return line.substr(line.find_first_not_of(' ', 6));
    return {};
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::size_t count(const std::string& s, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = s.find(part); at != std::string::npos; at = s.find(part, at + part.size())) ++n;
    return n;
}

std::set<std::string> files_in(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().front() != '.') names.insert(e.path().filename().string());
    return names;
}

// The diagnostic lines of a text report ("path:line:col: warning: ...").
std::vector<std::string> diagnostic_lines(const std::string& err) {
    std::vector<std::string> out;
    for (const auto& line : lines_of(err))
        if (contains(line, "warning: ") || contains(line, "error: "))
            if (line.rfind("booklet: ", 0) != 0) out.push_back(line);
    return out;
}

}  // namespace

TEST_CASE("one page becomes one PDF: -o FILE.pdf writes that file and nothing else") {
    const fs::path dir = scratch("single");
    fs::copy(data / "folder" / "01-first.md", dir / "page.md");
    const Run r = run_booklet("build page.md -o page.pdf", dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(files_in(dir) == std::set<std::string>{"page.md", "page.pdf"});
    CHECK(pdf_title(dir / "page.pdf") == "First page");  // from the page's front matter
    CHECK(contains(pdf_text(dir / "page.pdf"), "aardvarken"));
    CHECK(run_shell("qpdf --check " + q(dir / "page.pdf") + " 2>&1").status == 0);
}

TEST_CASE("-o FILE.epub writes one EPUB with the page's language") {
    const fs::path dir = scratch("single-epub");
    const Run r = run_booklet("build " + q(data / "folder" / "01-first.md") + " -o book.epub", dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(files_in(dir) == std::set<std::string>{"book.epub"});
    const auto opf = run_shell("unzip -p " + q(dir / "book.epub") + " EPUB/package.opf");
    CHECK(contains(opf.out, "<dc:language>nl</dc:language>"));
    CHECK(contains(opf.out, "First page"));
}

TEST_CASE("several pages: in the order given, title from the first") {
    const fs::path dir = scratch("pages");
    const Run r = run_booklet("build " + q(data / "folder" / "02-second.md") + " " + q(data / "folder" / "01-first.md") +
                              " --format pdf -o out",
                          dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    const fs::path pdf = dir / "out" / "02-second.pdf";
    REQUIRE(fs::exists(pdf));
    CHECK(pdf_title(pdf) == "Second page");
    const std::string text = pdf_text(pdf);
    CHECK(text.find("zebra") < text.find("aardvarken"));
}

TEST_CASE("a folder without a manifest: its *.md pages in name order, into a folder") {
    const fs::path dir = scratch("folder");
    const Run r = run_booklet("build " + q(data / "folder") + " -o out/", dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(files_in(dir / "out") == std::set<std::string>{"folder.pdf", "folder.epub"});
    const std::string text = pdf_text(dir / "out" / "folder.pdf");
    CHECK(text.find("aardvarken") < text.find("zebra"));  // 01-first before 02-second
    CHECK_FALSE(contains(text, "Not a page"));             // notes.txt is no page
    CHECK(pdf_title(dir / "out" / "folder.pdf") == "First page");
}

TEST_CASE("a folder with booklet.yaml uses it") {
    const fs::path dir = scratch("manifest-folder");
    const Run r = run_booklet("build " + q(data / "manifest-folder") + " --format pdf -o out", dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    const fs::path pdf = dir / "out" / "booklet.pdf";
    REQUIRE(fs::exists(pdf));
    CHECK(pdf_title(pdf) == "From the manifest");
    CHECK_FALSE(contains(pdf_text(pdf), "Not listed"));
}

TEST_CASE("- reads a page from standard input and -o - writes to standard output") {
    const fs::path dir = scratch("stdio");
    Run r = run_booklet("build - --format pdf -o - -q", dir, "< " + q(data / "clean.md"));
    INFO(r.err);
    REQUIRE(r.status == 0);
    REQUIRE(r.out.rfind("%PDF-", 0) == 0);
    {
        std::ofstream(dir / "from-stdin.pdf", std::ios::binary) << r.out;
    }
    CHECK(run_shell("qpdf --check " + q(dir / "from-stdin.pdf") + " 2>&1").status == 0);
    CHECK(contains(pdf_text(dir / "from-stdin.pdf"), "Nothing to warn about"));
    CHECK(pdf_title(dir / "from-stdin.pdf") == "A clean page");
    CHECK(files_in(dir) == std::set<std::string>{"from-stdin.pdf"});  // nothing else written

    r = run_booklet("build " + q(data / "clean.md") + " --format epub -o -", dir);
    REQUIRE(r.status == 0);
    CHECK(r.out.substr(0, 2) == "PK");
    CHECK(r.out.substr(30, 28) == "mimetypeapplication/epub+zip");
}

TEST_CASE("init writes a commented manifest that build uses; an existing one is kept") {
    const fs::path dir = scratch("init");
    fs::copy(data / "folder", dir / "site");
    Run r = run_booklet("init site", dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    const std::string manifest = read_file(dir / "site" / "booklet.yaml");
    CHECK(contains(manifest, "title: \"First page\""));
    CHECK(contains(manifest, "language: \"nl\""));
    CHECK(manifest.find("- \"01-first.md\"") < manifest.find("- \"02-second.md\""));
    CHECK(contains(manifest, "# base_url:"));  // the other keys, explained and commented out

    // Build reads it: the order it lists wins over name order.
    std::string edited = manifest;
    edited.replace(edited.find("\"01-first.md\""), 13, "\"0X-first.md\"");
    edited.replace(edited.find("\"02-second.md\""), 14, "\"01-first.md\"");
    edited.replace(edited.find("\"0X-first.md\""), 13, "\"02-second.md\"");
    std::ofstream(dir / "site" / "booklet.yaml") << edited;
    r = run_booklet("build site --format pdf -o out", dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    const std::string text = pdf_text(dir / "out" / "booklet.pdf");
    CHECK(text.find("zebra") < text.find("aardvarken"));

    r = run_booklet("init site", dir);
    CHECK(r.status == 1);
    CHECK(contains(r.err, "already there"));
    CHECK(read_file(dir / "site" / "booklet.yaml") == edited);
    CHECK(run_booklet("init site --force", dir).status == 0);
    CHECK(read_file(dir / "site" / "booklet.yaml") == manifest);
}

TEST_CASE("each warning once, grouped by kind, counted at the end") {
    const fs::path dir = scratch("warnings");
    const Run both = run_booklet("build " + q(data / "warnings.md") + kOwnFontsOnly + " -o both", dir);
    const Run pdf = run_booklet("build " + q(data / "warnings.md") + kOwnFontsOnly + " --format pdf -o pdf", dir);
    const Run epub = run_booklet("build " + q(data / "warnings.md") + kOwnFontsOnly + " --format epub -o epub", dir);
    INFO(both.err);
    REQUIRE(both.status == 0);
    const auto lines = diagnostic_lines(both.err);
    // Nothing twice, and nothing more than the two formats find on their own.
    std::set<std::string> unique(lines.begin(), lines.end());
    CHECK(unique.size() == lines.size());
    std::set<std::string> apart;
    for (const auto& l : diagnostic_lines(pdf.err)) apart.insert(l);
    for (const auto& l : diagnostic_lines(epub.err)) apart.insert(l);
    CHECK(unique == apart);
    // The closing count agrees with the lines printed.
    CHECK(contains(both.err, "booklet: 0 errors, " + std::to_string(lines.size()) + " warnings: "));
    // Lines of a kind stand together: once a kind's block ends, it never comes back.
    // The kind of each line comes from the JSON report of the same build.
    const Run json = run_booklet("build " + q(data / "warnings.md") + kOwnFontsOnly + " -o both --diagnostics json", dir);
    std::ofstream(dir / "both.jsonl") << json.err;
    const auto pairs = lines_of(run_shell("jq -r '.kind + \"\\t\" + .message' " + q(dir / "both.jsonl")).out);
    REQUIRE(pairs.size() == lines.size());
    std::map<std::string, std::string> kind_of_message;
    for (const auto& p : pairs) kind_of_message[p.substr(p.find('\t') + 1)] = p.substr(0, p.find('\t'));
    std::vector<std::string> kinds;
    for (const auto& l : lines) {
        const std::string message = l.substr(l.find("warning: ") + 9);
        REQUIRE(kind_of_message.count(message));
        const std::string& kind = kind_of_message[message];
        if (kinds.empty() || kinds.back() != kind) {
            CHECK(std::find(kinds.begin(), kinds.end(), kind) == kinds.end());
            kinds.push_back(kind);
        }
    }
    CHECK(kinds.size() >= 8);
    // A file that is no image: one warning per use, of one kind, from neither writer.
    std::size_t unreadable = 0;
    for (const auto& p : pairs)
        if (contains(p, "not-an-image.png")) {
            CHECK(p.rfind("image-unreadable\t", 0) == 0);
            ++unreadable;
        }
    CHECK(unreadable == 2);
    // Characters no font has: one line per script, not per character.
    CHECK(count(both.err, "of the Han script") == 1);
    CHECK(count(both.err, "of the Runic script") == 1);
    CHECK(contains(both.err, "3 characters of the Han script"));
    CHECK(contains(both.err, "fonts-noto-cjk"));
    CHECK(contains(both.err, "'Noto Sans Runic'"));
    CHECK(count(both.err, "U+4E2D") == 1);
}

TEST_CASE("--diagnostics json: one object per diagnostic, read back with jq") {
    const fs::path dir = scratch("json");
    const Run r = run_booklet("build " + q(data / "warnings.md") + kOwnFontsOnly + " --format pdf -o out --diagnostics json", dir);
    REQUIRE(r.status == 0);
    std::ofstream(dir / "diagnostics.jsonl") << r.err;
    // jq fails on anything that is not JSON; every object has the six keys.
    const auto keys = run_shell("jq -c '[.file, .line, .column, .severity, .kind, .message] | length' " +
                                q(dir / "diagnostics.jsonl") + " 2>&1");
    REQUIRE(keys.status == 0);
    const auto lengths = lines_of(keys.out);
    REQUIRE(lengths.size() >= 6);
    for (const auto& n : lengths) CHECK(n == "6");
    const auto fields = run_shell("jq -r '[.severity, .kind, (.line|tostring), (.column|tostring), .file] | join(\"|\")' " +
                                  q(dir / "diagnostics.jsonl"));
    REQUIRE(fields.status == 0);
    const std::string all = fields.out;
    const std::string page = (data / "warnings.md").string();
    CHECK(contains(all, "warning|front-matter-key|3|1|" + page));
    CHECK(contains(all, "warning|front-matter-date|4|1|" + page));
    CHECK(contains(all, "warning|link-unsafe|8|3|" + page));
    CHECK(contains(all, "warning|missing-glyph|null|null|"));  // no place: file null, shown empty by join
    // Nothing but JSON on standard error: no progress, no summary.
    for (const auto& line : lines_of(r.err)) CHECK(line.front() == '{');
    // The same count as the text report.
    const Run text = run_booklet("build " + q(data / "warnings.md") + kOwnFontsOnly + " --format pdf -o out", dir);
    CHECK(diagnostic_lines(text.err).size() == lengths.size());
}

TEST_CASE("--strict: warnings are errors, exit 1, nothing written and a good file kept") {
    const fs::path dir = scratch("strict");
    REQUIRE(run_booklet("build " + q(data / "clean.md") + " -o book.pdf", dir).status == 0);
    const std::string good = read_file(dir / "book.pdf");
    const Run r = run_booklet("build " + q(data / "warnings.md") + kOwnFontsOnly + " -o book.pdf --strict", dir);
    CHECK(r.status == 1);
    CHECK(contains(r.err, "error: unknown front matter key 'titel'"));
    CHECK_FALSE(contains(r.err, "warning:"));
    CHECK(contains(r.err, "nothing written"));
    CHECK(read_file(dir / "book.pdf") == good);
    CHECK(files_in(dir) == std::set<std::string>{"book.pdf"});  // no staged leftovers
    // The same page without --strict builds.
    CHECK(run_booklet("build " + q(data / "warnings.md") + kOwnFontsOnly + " -o book.pdf", dir).status == 0);
}

TEST_CASE("fonts.missing_glyphs: error makes characters no font has an error, and only those") {
    const fs::path dir = scratch("missing-glyphs");
    REQUIRE(run_booklet("build " + q(data / "clean.md") + " -o book.pdf", dir).status == 0);
    const std::string good = read_file(dir / "book.pdf");
    const Run r = run_booklet("build " + q(data / "warnings.md") + kOwnFontsOnly +
                                  " --set fonts.missing_glyphs=error -o book.pdf",
                              dir);
    CHECK(r.status == 1);
    CHECK(contains(r.err, "error: no font of the style has 3 characters of the Han script"));
    CHECK(contains(r.err, "warning: unknown front matter key 'titel'"));  // other warnings stay warnings
    CHECK(contains(r.err, "nothing written"));
    CHECK(read_file(dir / "book.pdf") == good);
    // A page every character of which has a font builds under the setting.
    CHECK(run_booklet("build " + q(data / "clean.md") + " --set fonts.missing_glyphs=error -o book.pdf", dir).status == 0);
    const Run typo = run_booklet("build " + q(data / "clean.md") + " --set fonts.missing_glyphs=fail -o book.pdf", dir);
    CHECK(typo.status == 1);
    CHECK(contains(typo.err, "fonts.missing_glyphs: 'fail' is not one of warn, error"));
}

TEST_CASE("-q silences warnings and progress, not errors") {
    const fs::path dir = scratch("quiet");
    Run r = run_booklet("build " + q(data / "warnings.md") + kOwnFontsOnly + " -q -o out", dir);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    r = run_booklet("build " + q(data / "many-errors.yaml") + " -q -o out", dir);
    CHECK(r.status == 1);
    CHECK(contains(r.err, "error: "));
    CHECK_FALSE(contains(r.err, "warning: "));
}

TEST_CASE("--base-url links a lone page's /site-relative links, and only a web address is taken") {
    const fs::path dir = scratch("base-url");
    {
        std::ofstream page(dir / "lone.md");
        page << "---\ntitle: Lone\n---\n\nRead [the risks](/xrisk) first.\n";
    }
    Run r = run_booklet("build lone.md --format pdf -o without.pdf", dir);
    REQUIRE(r.status == 0);
    CHECK(contains(r.err, "/xrisk"));  // warned: no site to resolve it against
    r = run_booklet("build lone.md --format pdf --base-url https://example.org/ -o with.pdf", dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK_FALSE(contains(r.err, "/xrisk"));
    const std::string links = run_shell("qpdf --qdf --object-streams=disable " + q(dir / "with.pdf") + " -").out;
    CHECK(contains(links, "/URI (https://example.org/xrisk)"));
    r = run_booklet("build lone.md --base-url example.org -o bad.pdf", dir);
    CHECK(r.status == 2);
    CHECK(contains(r.err, "--base-url must be an absolute http(s) URL"));
    CHECK_FALSE(fs::exists(dir / "bad.pdf"));
}

TEST_CASE("--timings prints the time per stage") {
    const fs::path dir = scratch("timings");
    const Run r = run_booklet("build " + q(data / "clean.md") + " -q --timings -o out", dir);
    REQUIRE(r.status == 0);
    for (const char* stage : {"read", "style", "layout", "pdf", "epub", "total"}) CHECK(contains(r.err, stage));
}

TEST_CASE("every error of a manifest in one run, with did-you-mean") {
    const fs::path dir = scratch("manifest-errors");
    fs::copy(data / "many-errors.yaml", dir / "booklet.yaml");
    fs::copy(data / "page.md", dir / "page.md");
    const Run r = run_booklet("check", dir);
    CHECK(r.status == 1);
    INFO(r.err);
    CHECK(contains(r.err, "booklet.yaml:1:1: error: unknown key 'titel'; did you mean 'title'?"));
    CHECK(contains(r.err, "booklet.yaml:2:1: error: 'language' must be a BCP 47 language tag"));
    CHECK(contains(r.err, "booklet.yaml:3:1: error: 'authors' must be text or a list of texts, not a mapping"));
    CHECK(contains(r.err, "booklet.yaml:6:5: error: page 'gone.md' not found"));
    CHECK(contains(r.err, "booklet: 4 errors"));
}

TEST_CASE("check loads the style, as build does") {
    const fs::path dir = scratch("check-style");
    fs::copy(data / "bad-style.yaml", dir / "booklet.yaml");
    fs::copy(data / "clean.md", dir / "page.md");
    const Run check = run_booklet("check", dir);
    CHECK(check.status == 1);
    CHECK(contains(check.err, "did you mean 'press-kit'?"));
    const Run build = run_booklet("build -o out", dir);
    CHECK(build.status == 1);
    CHECK(contains(build.err, "did you mean 'press-kit'?"));
    CHECK_FALSE(fs::exists(dir / "out" / "booklet.pdf"));
}

TEST_CASE("check and build give a problem the same severity, and check writes nothing") {
    const fs::path dir = scratch("severity");
    fs::copy(data / "anchor.md", dir / "anchor.md");
    const Run check = run_booklet("check anchor.md --diagnostics json", dir);
    const Run build = run_booklet("build anchor.md -o out --diagnostics json", dir);
    CHECK(check.status == 0);
    CHECK(build.status == 0);
    CHECK(contains(check.err, "\"severity\":\"warning\",\"kind\":\"link-unresolved\""));
    CHECK(contains(build.err, "\"severity\":\"warning\",\"kind\":\"link-unresolved\""));
    CHECK(lines_of(check.err) == lines_of(build.err));
    CHECK(files_in(dir) == std::set<std::string>{"anchor.md", "out"});
    CHECK(run_booklet("check anchor.md --strict", dir).status == 1);
    // A lone page has no manifest to date it: the build date is then pinned here, or
    // the build-date-clock warning (true, but not what this checks) would be found.
    setenv("SOURCE_DATE_EPOCH", "1704067200", 1);
    const Run clean = run_booklet("check " + q(data / "clean.md"), dir);
    unsetenv("SOURCE_DATE_EPOCH");
    CHECK(clean.status == 0);
    CHECK(contains(clean.err, "no problems found"));
}

TEST_CASE("front matter keys the tool uses are checked") {
    const fs::path dir = scratch("front-matter");
    std::ofstream(dir / "page.md") << "---\ntitel: Typo\nlang: english\ndate: 2024-13-45\nimage: /cover.png\n---\nText.\n";
    const Run r = run_booklet("check page.md", dir);
    CHECK(r.status == 1);
    CHECK(contains(r.err, "page.md:2:1: warning: unknown front matter key 'titel' is ignored; did you mean 'title'?"));
    CHECK(contains(r.err, "page.md:3:1: error: 'lang' must be a BCP 47 language tag"));
    CHECK(contains(r.err, "page.md:4:1: warning: 'date' must be a real day"));
    CHECK_FALSE(contains(r.err, "'image'"));  // a site's own key is not questioned
}

TEST_CASE("BOOKLET_DATA_DIR: used when set, an unusable folder is a clear error") {
    const fs::path dir = scratch("data-dir");
    fs::create_directories(dir / "empty");
    Run r = run_booklet("styles", dir, "");
    REQUIRE(r.status == 0);
    CHECK(contains(r.out, "press-kit"));
    const auto env = [&](const fs::path& d) { return "env BOOKLET_DATA_DIR=" + q(d) + " "; };
    auto run = run_shell("cd " + q(dir) + " && " + env(dir / "empty") + q(BOOKLET_BINARY) + " styles 2>&1; echo \"exit $?\"");
    CHECK(contains(run.out, "BOOKLET_DATA_DIR=" + (dir / "empty").string() + " cannot be used: no styles/*.yaml"));
    CHECK(contains(run.out, "exit 1"));
    run = run_shell("cd " + q(dir) + " && " + env(dir / "empty") + q(BOOKLET_BINARY) + " build " + q(data / "clean.md") +
                    " -o out 2>&1; echo \"exit $?\"");
    CHECK(contains(run.out, "cannot be used"));
    CHECK(contains(run.out, "exit 1"));
    run = run_shell("cd " + q(dir) + " && " + env(BOOKLET_SOURCE_DIR) + q(BOOKLET_BINARY) + " --version");
    CHECK(contains(run.out, "(BOOKLET_DATA_DIR)"));
    // Relative to the folder the command runs in: "." in the source tree builds
    // (its fonts were refused as outside the data folder).
    run = run_shell("cd " + q(BOOKLET_SOURCE_DIR) + " && env BOOKLET_DATA_DIR=. " + q(BOOKLET_BINARY) + " build " +
                    q(data / "clean.md") + " -o " + q(dir / "relative") + " 2>&1; echo \"exit $?\"");
    CHECK(contains(run.out, "exit 0"));
    CHECK(fs::exists(dir / "relative" / "clean.pdf"));
}

TEST_CASE("--jobs 2 writes what --jobs 1 writes, byte for byte, and reports the same problems") {
    // Every test picture (good, broken and odd ones), in a PDF with its imposed
    // sheets and an EPUB: the steps that overlap with two jobs (the EPUB's
    // pictures beside the PDF's layout, the two writers side by side) all run.
    const fs::path dir = scratch("jobs");
    const fs::path pictures = data / ".." / ".." / ".." / "data" / "image";
    std::ofstream(dir / "booklet.yaml") << "title: Jobs\nlanguage: en\ndate: 2026-01-15\npages: [page.md]\n";
    std::string page = "# Pictures\n\n";
    for (const auto& entry : fs::directory_iterator(pictures)) {
        if (entry.path().extension() == ".sh") continue;
        fs::copy(entry.path(), dir / entry.path().filename());
        page += "A picture: ![" + entry.path().stem().string() + " drawn](" + entry.path().filename().string() + ")\n\n";
    }
    page += "Source: [the site](https://example.org/pictures).\n";
    std::ofstream(dir / "page.md") << page;
    const Run one = run_booklet("build --impose --jobs 1 -o out", dir);
    fs::rename(dir / "out", dir / "one");
    REQUIRE(one.status == 0);
    CHECK(contains(one.err, "cannot be used"));  // the broken pictures were met
    for (int run = 0; run < 3; ++run) {
        const Run two = run_booklet("build --impose --jobs 2 -o out", dir);
        REQUIRE(two.status == 0);
        CHECK(two.err == one.err);
        for (const char* file : {"booklet.pdf", "booklet-print.pdf", "booklet.epub"}) {
            INFO(file << ", run " << run);
            CHECK(read_file(dir / "out" / file) == read_file(dir / "one" / file));
        }
    }
    const Run bad = run_booklet("build --jobs 3", dir);
    CHECK(bad.status == 2);
    CHECK(contains(bad.err, "--jobs takes 1 or 2"));
}
