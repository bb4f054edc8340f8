// Booklets without a manifest, `booklet init`'s manifest, and the front matter checks.
#include "booklet/source.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using namespace booklet;
using namespace booklet::source;

namespace {

const fs::path site = fs::path(BOOKLET_TEST_DATA) / "source" / "site";

SourcePage page(const std::string& text, const std::string& file = "dir/page.md") {
    return parse_page(text, file, file);
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a folder's pages: *.md in name order, not hidden, not recursive") {
    const auto pages = pages_in_folder(site / "pages");
    REQUIRE(pages.size() == 2);
    CHECK(pages[0].filename() == "a.md");
    CHECK(pages[1].filename() == "b.md");
}

TEST_CASE("pages without a manifest: title and language from the first page") {
    const std::vector<SourcePage> pages = {page("---\ntitle: \"Eerste: een titel\"\nlang: nl\n---\nTekst.\n", "a/one.md"),
                                           page("---\ntitle: Second\nlang: de\n---\nText.\n", "b/two.md")};
    const Manifest m = manifest_for_pages(pages, "a/one.md");
    CHECK(m.title == "Eerste: een titel");
    CHECK(m.language == "nl");
    CHECK(m.style.empty());
    CHECK(m.root == fs::path("a"));
    REQUIRE(m.pages.size() == 2);
    CHECK(m.pages[1] == fs::path("b/two.md"));
    CHECK(m.page_origins.size() == 2);

    // No front matter: the title is left to the model, the language comes from the name.
    const Manifest bare = manifest_for_pages({page("# Kop\n", "x/kop.nl.md")}, "x/kop.nl.md");
    CHECK(bare.title.empty());
    CHECK(bare.language == "nl");
    // A 'lang' that is no tag is not taken (check_front_matter reports it).
    CHECK(manifest_for_pages({page("---\nlang: english\n---\nx\n")}, "p.md").language == "en");
}

TEST_CASE("init's manifest lists the pages, keeps any title valid YAML, and reads back") {
    const std::vector<SourcePage> first = {page("---\ntitle: 'He said: \"#1\" \\\\ - yes'\nlang: fr\n---\nx\n")};
    const std::string text = manifest_template({"01 intro.md", "sub/#2.md", "- dash.md"}, first);
    CHECK(contains(text, "# base_url:"));
    CHECK(contains(text, "# subtitle:"));
    Diagnostics diags;
    const Manifest m = parse_manifest(text, site / "init.yaml", diags);
    CHECK(m.title == first[0].front_matter.find("title")->scalar);  // every character back
    CHECK(m.title == "He said: \"#1\" \\\\ - yes");
    CHECK(m.language == "fr");
    CHECK(m.style == "booklet");
    // The pages are not there, so each is reported missing: by its exact name.
    REQUIRE(diags.error_count() == 3);
    CHECK(contains(diags.all()[0].message, "'01 intro.md'"));
    CHECK(contains(diags.all()[1].message, "'sub/#2.md'"));
    CHECK(contains(diags.all()[2].message, "'- dash.md'"));

    // Without a title in the first page, the key stays a comment.
    const std::string untitled = manifest_template({"a.md"}, {page("Text.\n")});
    CHECK(contains(untitled, "# title:"));
    CHECK(contains(untitled, "language: \"en\""));
}

TEST_CASE("front matter: the keys booklet reads are checked at their lines") {
    Diagnostics diags;
    check_front_matter(page("---\ntitel: Typo\nlang: english\ndate: 2024-13-45\ntitle: [a, b]\n"
                            "image: /x.png\nnews: true\nDate: 2024-01-01\n---\nText.\n"),
                       diags);
    REQUIRE(diags.all().size() == 5);
    const auto& d = diags.all();
    CHECK(d[0].kind == "front-matter-key");
    CHECK(d[0].pos.line == 2);
    CHECK(contains(d[0].message, "did you mean 'title'?"));
    CHECK(d[1].severity == Severity::error);
    CHECK(d[1].pos.line == 3);
    CHECK(contains(d[1].message, "BCP 47"));
    CHECK(d[2].kind == "front-matter-date");
    CHECK(d[2].severity == Severity::warning);
    CHECK(d[2].pos.line == 4);
    CHECK(d[3].severity == Severity::error);
    CHECK(contains(d[3].message, "'title' must be text"));
    CHECK(d[4].pos.line == 8);  // 'Date': case is a typo too
    CHECK(contains(d[4].message, "did you mean 'date'?"));
}

TEST_CASE("front matter dates: a real day, a time may follow") {
    CHECK(front_matter_date("2024-05-01") == "2024-05-01");
    CHECK(front_matter_date("2026-06-25T10:29:00.000+01:00") == "2026-06-25");
    CHECK(front_matter_date("2024-05-01 10:00") == "2024-05-01");
    CHECK(front_matter_date("2024-8-20") == "2024-08-20");
    CHECK(front_matter_date("2024-8-2T08:00") == "2024-08-02");
    CHECK(front_matter_date("2024-008-20").empty());
    CHECK(front_matter_date("24-08-20").empty());
    CHECK(front_matter_date("2024-2-30").empty());
    CHECK(front_matter_date("2024-02-29") == "2024-02-29");
    CHECK(front_matter_date("2023-02-29").empty());
    CHECK(front_matter_date("2024-13-45").empty());
    CHECK(front_matter_date("2024-05-01x").empty());
    CHECK(front_matter_date("May 1, 2024").empty());
    CHECK(is_iso_date("2000-02-29"));
    CHECK_FALSE(is_iso_date("1900-02-29"));
}
