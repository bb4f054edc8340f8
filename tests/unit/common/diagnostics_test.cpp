#include "booklet/diagnostics.hpp"
#include "booklet/url_text.hpp"

#include <catch2/catch.hpp>

using namespace booklet;

TEST_CASE("diagnostics format as path:line:col: severity: message") {
    CHECK(format({Severity::error, {"a.md", 3, 7}, "k", "bad thing"}) == "a.md:3:7: error: bad thing");
    CHECK(format({Severity::warning, {"a.md", 3, 0}, "k", "odd"}) == "a.md:3: warning: odd");
    CHECK(format({Severity::warning, {}, "k", "no place"}) == "warning: no place");
}

TEST_CASE("Error carries its position and formats what()") {
    const Error e({"booklet.yaml", 4, 1}, "unknown key 'titel'");
    CHECK(e.pos().line == 4);
    CHECK(std::string(e.what()) == "booklet.yaml:4:1: error: unknown key 'titel'");
}

TEST_CASE("Diagnostics counts by severity and kind") {
    Diagnostics d;
    d.warning({"p.md", 1, 1}, "html-dropped", "dropped <script>");
    d.warning({"p.md", 2, 1}, "html-dropped", "dropped <iframe>");
    d.error({"p.md", 9, 1}, "image-missing", "no such image");
    CHECK(d.error_count() == 1);
    CHECK(d.warning_count() == 2);
    CHECK(d.count_by_kind().at("html-dropped") == 2);
}

TEST_CASE("percent escapes decoded; an address's identity across escapes and case") {
    CHECK(percent_decode("caf%C3%A9%20bar") == "caf\xC3\xA9 bar");
    CHECK(percent_decode("100%") == "100%");
    CHECK(percent_decode("%zz%4") == "%zz%4");
    CHECK(address_identity("HTTPS://Example.ORG/caf%C3%A9") == address_identity("https://example.org/caf\xC3\xA9"));
    CHECK(address_identity("https://example.org/%7Euser") == "https://example.org/~user");
    CHECK(address_identity("https://example.org/a%2Fb") != address_identity("https://example.org/a/b"));
    CHECK(address_identity("https://example.org/Path") != address_identity("https://example.org/path"));
    CHECK(address_identity("mailto:A@Example.org") == "mailto:A@Example.org");
}

TEST_CASE("excerpt keeps the first line, cut at a character boundary") {
    CHECK(booklet::excerpt("short") == "short");
    CHECK(booklet::excerpt("root:x:0:0\ndaemon:x:1:1") == "root:x:0:0\xE2\x80\xA6");
    CHECK(booklet::excerpt(std::string(100, 'a'), 10) == std::string(10, 'a') + "\xE2\x80\xA6");
    CHECK(booklet::excerpt("aaaaaaaaa\xC3\xA9z", 10) == "aaaaaaaaa\xE2\x80\xA6");  // never half an é
}

TEST_CASE("summarised lists 20 of a kind and counts the rest in one line") {
    std::vector<booklet::Diagnostic> all;
    for (int i = 0; i < 25; ++i) all.push_back({booklet::Severity::warning, {"p.md", i + 1, 1}, "many", "w"});
    all.push_back({booklet::Severity::error, {"p.md", 99, 1}, "other", "e"});
    const auto shown = booklet::summarised(all);
    REQUIRE(shown.size() == 22);
    CHECK(shown[19].pos.line == 20);
    CHECK(shown[20].kind == "other");
    CHECK(shown[21].message == "... and 5 more warnings of kind many (not listed)");
}

TEST_CASE("Diagnostics keeps each diagnostic once, as both writers may meet the same problem") {
    Diagnostics d;
    d.warning({"p.md", 4, 2}, "link-unresolved", "link 'x' cannot be followed");
    d.warning({"p.md", 4, 2}, "link-unresolved", "link 'x' cannot be followed");  // the second writer
    d.add({Severity::warning, {"p.md", 4, 2}, "link-unresolved", "link 'x' cannot be followed"});
    REQUIRE(d.all().size() == 1);
    // Anything that differs is a different diagnostic: place, kind, message, severity.
    d.warning({"p.md", 5, 2}, "link-unresolved", "link 'x' cannot be followed");
    d.warning({"p.md", 4, 2}, "image-missing", "link 'x' cannot be followed");
    d.warning({"p.md", 4, 2}, "link-unresolved", "link 'y' cannot be followed");
    d.error({"p.md", 4, 2}, "link-unresolved", "link 'x' cannot be followed");
    d.warning({"p.md:4", 2, 0}, "link-unresolved", "link 'x' cannot be followed");
    CHECK(d.all().size() == 6);
    CHECK(d.warning_count() == 5);
    CHECK(d.error_count() == 1);
}

TEST_CASE("Diagnostics keeps a thousand of a kind whole and counts the rest, repeats once") {
    const auto fill = [](Diagnostics& d, int from, int to) {
        for (int i = from; i < to; ++i) d.warning({"p.md", i, 1}, "template-leftover", "left over");
    };
    Diagnostics d;
    fill(d, 1, 1501);
    fill(d, 1, 1501);  // the second writer meets them all again
    d.error({"p.md", 1, 1}, "page-unreadable", "cannot read");
    CHECK(d.all().size() == Diagnostics::kKeptPerKind + 1);
    CHECK(d.warning_count() == 1500);
    CHECK(d.error_count() == 1);
    CHECK(d.count_by_kind().at("template-leftover") == 1500);
    const auto shown = booklet::summarised(d);
    REQUIRE(shown.size() == 22);
    CHECK(shown.back().message == "... and 1480 more warnings of kind template-leftover (not listed)");

    Diagnostics whole;  // merging keeps the count, and merging twice counts nothing twice
    whole.merge(d);
    whole.merge(d);
    fill(whole, 1400, 1601);
    CHECK(whole.warning_count() == 1600);
    const Diagnostics strict = whole.as_errors();
    CHECK(strict.error_count() == 1601);
    CHECK(strict.warning_count() == 0);
}
