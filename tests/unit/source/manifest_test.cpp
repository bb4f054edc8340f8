#include "booklet/source.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using booklet::Diagnostic;
using booklet::Diagnostics;
using booklet::Error;
using booklet::source::parse_manifest;

namespace {

const fs::path site = fs::path(BOOKLET_TEST_DATA) / "source" / "site";

// The first error of a manifest text: thrown (text that is no manifest) or
// reported (a problem with a key); fails the test when there is none.
Diagnostic manifest_error(const std::string& text) {
    Diagnostics diags;
    try {
        parse_manifest(text, site / "booklet.yaml", diags);
    } catch (const Error& e) {
        return e.diagnostic();
    }
    for (const auto& d : diags.all())
        if (d.severity == booklet::Severity::error) return d;
    FAIL("no error for:\n" << text);
    return {};
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a complete manifest is read with every key") {
    Diagnostics diags;
    const auto m = booklet::source::load_manifest(site / "booklet.yaml", diags);
    CHECK(diags.all().empty());
    CHECK(m.title == "Test booklet");
    CHECK(m.subtitle == "For the source tests");
    CHECK(m.authors == std::vector<std::string>{"Ada", "Grace"});
    CHECK(m.language == "en-GB");
    CHECK(m.base_url == "https://example.org");  // trailing slash dropped
    CHECK(m.date == "2024-02-29");
    CHECK(m.identifier == "urn:test:1");
    CHECK(m.style == "handout");
    CHECK(m.qr == "https://example.org/qr");
    CHECK(m.cover == (site / "images/cover.png").lexically_normal());
    REQUIRE(m.assets.size() == 1);
    CHECK(m.assets[0] == (site / "images").lexically_normal());
    // b.md first as listed; the glob adds a.md but not b.md again, nor hidden or .txt files.
    REQUIRE(m.pages.size() == 3);
    CHECK(m.pages[0].filename() == "b.md");
    CHECK(m.pages[1].filename() == "a.md");
    CHECK(m.pages[2].filename() == "c.md");
    REQUIRE(m.page_origins.size() == 3);
    CHECK(m.page_origins[0].line == 12);
    CHECK(m.page_origins[1].line == 13);
}

TEST_CASE("a single author and a single page may be plain text") {
    Diagnostics diags;
    const auto m = parse_manifest("authors: Ada\npages: pages/a.md\n", site / "booklet.yaml", diags);
    CHECK(m.authors == std::vector<std::string>{"Ada"});
    REQUIRE(m.pages.size() == 1);
    CHECK(m.language == "en");
}

TEST_CASE("unknown keys are errors naming the key and its line, with a suggestion") {
    const Diagnostic e = manifest_error("title: x\npages: [pages/a.md]\ncolour: blue\n");
    CHECK(e.pos.line == 3);
    CHECK(e.kind == "manifest-key");
    CHECK(contains(format(e), "unknown key 'colour'"));
    CHECK(contains(format(e), "booklet.yaml:3"));
    CHECK(contains(format(e), "(known keys: title, subtitle,"));
    CHECK(contains(manifest_error("pages: [pages/a.md]\ntitel: x\n").message, "did you mean 'title'?"));
    CHECK(contains(manifest_error("pages: [pages/a.md]\nAssets: [x]\n").message, "did you mean 'assets'?"));
}

TEST_CASE("every problem of a manifest is reported in one run") {
    Diagnostics diags;
    const auto m = parse_manifest("titel: x\nlanguage: english\nauthors: {a: 1}\ndate: 2024-13-45\nbase_url: example.org\n"
                                  "pages:\n  - pages/a.md\n  - pages/gone.md\n  - [x]\nqr: has spaces\n",
                                  site / "booklet.yaml", diags);
    std::vector<int> lines;
    for (const auto& d : diags.all()) {
        CHECK(d.severity == booklet::Severity::error);
        lines.push_back(d.pos.line);
    }
    // titel, language, authors, date, base_url, the list item (all of pages is then
    // skipped, the missing page with it), qr.
    CHECK(lines == std::vector<int>{1, 2, 3, 4, 5, 9, 10});
    CHECK(m.pages.empty());
    CHECK(m.language == "en");  // a bad value leaves the default
}

TEST_CASE("wrong types are errors naming the key and its line") {
    SECTION("title as a list") {
        const Diagnostic e = manifest_error("pages: [pages/a.md]\ntitle:\n  - a\n  - b\n");
        CHECK(e.pos.line == 2);
        CHECK(contains(e.message, "'title' must be text, not a list"));
    }
    SECTION("authors as a mapping") {
        const Diagnostic e = manifest_error("pages: [pages/a.md]\nauthors: {name: x}\n");
        CHECK(contains(e.message, "'authors' must be text or a list of texts, not a mapping"));
        CHECK(e.pos.line == 2);
    }
    SECTION("a page entry that is a list") {
        const Diagnostic e = manifest_error("pages:\n  - pages/a.md\n  - [x, y]\n");
        CHECK(contains(e.message, "'pages' item 2 must be text, not a list"));
        CHECK(e.pos.line == 3);
    }
    SECTION("subtitle, identifier, style, cover, qr as mappings") {
        for (const std::string key : {"subtitle", "identifier", "style", "cover", "qr", "language", "base_url", "date"}) {
            const Diagnostic e = manifest_error("pages: [pages/a.md]\n" + key + ": {a: 1}\n");
            CHECK(contains(e.message, "'" + key + "' must be text, not a mapping"));
            CHECK(e.pos.line == 2);
        }
    }
}

TEST_CASE("values are validated") {
    CHECK(contains(manifest_error("pages: [pages/a.md]\nlanguage: Dutch language\n").message,
                   "'language' must be a BCP 47 language tag"));
    CHECK(contains(manifest_error("pages: [pages/a.md]\nlanguage: english\n").message, "BCP 47"));
    CHECK(contains(manifest_error("pages: [pages/a.md]\nbase_url: pauseai.info\n").message,
                   "'base_url' must be an absolute http(s) URL"));
    CHECK(contains(manifest_error("pages: [pages/a.md]\ndate: 2023-02-29\n").message,
                   "'date' must be a date written YYYY-MM-DD"));
    CHECK(contains(manifest_error("pages: [pages/a.md]\ndate: 12 May 2024\n").message, "YYYY-MM-DD"));
    CHECK(contains(manifest_error("pages: [pages/a.md]\nqr: has spaces in it\n").message, "'qr' must be the URL"));
    CHECK(contains(manifest_error("pages: []\n").message, "'pages' must list at least one page"));
    CHECK(contains(manifest_error("title: no pages\n").message, "the manifest has no 'pages' list"));
    CHECK(contains(manifest_error("").message, "the manifest is empty"));
    CHECK(contains(manifest_error("- a\n- b\n").message, "must be a list of 'key: value' lines, not a list"));
}

TEST_CASE("malformed YAML is an error at its line") {
    const Diagnostic e = manifest_error("title: x\npages: [a.md\nauthors: y\n");
    CHECK(e.kind == "yaml-syntax");
    CHECK(e.pos.line >= 2);
}

TEST_CASE("missing pages, cover and asset folders are error diagnostics, not exceptions") {
    Diagnostics diags;
    const auto m = parse_manifest(
        "pages:\n  - pages/a.md\n  - pages/nope.md\n  - chapters/*.md\ncover: none.png\nassets: [missing]\n",
        site / "booklet.yaml", diags);
    CHECK(m.pages.size() == 1);
    CHECK(m.cover.empty());
    CHECK(m.assets.empty());
    REQUIRE(diags.error_count() == 4);
    const auto& all = diags.all();
    CHECK(all[0].kind == "page-missing");
    CHECK(all[0].pos.line == 3);
    CHECK(contains(all[0].message, "page 'pages/nope.md' not found"));
    CHECK(all[1].pos.line == 4);
    CHECK(contains(all[1].message, "'chapters/*.md' matches no file"));
    CHECK(all[2].kind == "cover-missing");
    CHECK(all[3].kind == "asset-folder-missing");
}

TEST_CASE("a page listed twice is used once") {
    Diagnostics diags;
    const auto m = parse_manifest("pages: [pages/a.md, pages/a.md]\n", site / "booklet.yaml", diags);
    CHECK(m.pages.size() == 1);
    REQUIRE(diags.warning_count() == 1);
    CHECK(diags.all()[0].kind == "page-duplicate");
}

TEST_CASE("manifest_for_page takes the language from name.LANG.md") {
    const auto m = booklet::source::manifest_for_page("content/digitale-hersenen.nl.md");
    CHECK(m.language == "nl");
    CHECK(m.root == fs::path("content"));
    REQUIRE(m.pages.size() == 1);
    CHECK(booklet::source::manifest_for_page("page.md").language == "en");
    CHECK(booklet::source::manifest_for_page("page.md").root == fs::path("."));
}

TEST_CASE("BCP 47 tags") {
    using booklet::source::is_language_tag;
    for (const char* ok : {"nl", "en-GB", "zh-Hant-TW", "de-CH-1996", "x-klingon", "sr-Latn", "es-419"})
        CHECK(is_language_tag(ok));
    for (const char* bad : {"", "n", "english language", "en_GB", "en-", "-en", "toolongsubtag", "1en", "x",
                            "english", "dutch", "engl"})
        CHECK_FALSE(is_language_tag(bad));
}

TEST_CASE("pages, assets and covers are contained by their real paths; globs skip linked folders and keep a file once") {
    const fs::path dir = fs::temp_directory_path() / "booklet-containment-test";
    fs::remove_all(dir);
    fs::create_directories(dir / "posts");
    fs::create_directories(dir / "outside");
    std::ofstream(dir / "posts/a.md") << "# A\n";
    std::ofstream(dir / "outside/secret.md") << "# Secret\n";
    fs::create_symlink("/etc/passwd", dir / "posts/b.md");
    fs::create_symlink("a.md", dir / "posts/c.md");  // inside: allowed, but the same file as a.md
    for (const char* name : {"loop", "loop2", "loop3"}) fs::create_symlink(".", dir / name);
    std::ofstream(dir / "one.md") << "# One\n";

    Diagnostics diags;
    const auto m = parse_manifest("pages: [\"posts/*.md\", \"loop/*/*/*/*.md\"]\nassets: [loop]\n", dir / "booklet.yaml", diags);
    // b.md leads to /etc/passwd: refused by name; c.md is a.md again: kept once.
    REQUIRE(m.pages.size() == 1);
    CHECK(m.pages[0].filename() == "a.md");
    std::size_t outside = 0, missing = 0;
    for (const auto& d : diags.all()) {
        if (d.kind == "path-outside") {
            ++outside;
            CHECK(d.severity == booklet::Severity::error);
            CHECK(contains(d.message, "posts/b.md"));
            CHECK(contains(d.message, "/etc/passwd"));
        }
        if (d.kind == "page-missing") ++missing;  // the glob through linked folders matches nothing
    }
    CHECK(outside == 1);
    CHECK(missing == 1);
    // A folder the manifest names outside its own folder is a root of its own;
    // a link inside the manifest's folder never widens the roots.
    Diagnostics more;
    const auto named = parse_manifest("pages: [\"" + (dir / "outside").string() + "/*.md\"]\n", dir / "posts/booklet.yaml", more);
    CHECK(named.pages.size() == 1);
    fs::create_symlink(dir / "outside", dir / "posts/door");
    Diagnostics through;
    const auto door = parse_manifest("pages: [\"door/*.md\"]\n", dir / "posts/booklet.yaml", through);
    CHECK(door.pages.empty());
    fs::remove_all(dir);
}

TEST_CASE("a file that is no manifest is never repeated in the error; /dev/zero and folders are refused at once") {
    Diagnostics diags;
    try {
        parse_manifest("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n", "/etc/passwd", diags);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK_FALSE(contains(e.message(), "root:x"));
        CHECK_FALSE(contains(e.message(), "nologin"));
    }
    CHECK_THROWS_WITH(booklet::source::load_manifest("/dev/zero", diags), Catch::Contains("not a regular file"));
    CHECK_THROWS_WITH(booklet::source::load_manifest("/tmp", diags), Catch::Contains("folder"));
}
