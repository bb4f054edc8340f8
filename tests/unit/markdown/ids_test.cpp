// Heading ids: {#id}, slugs, uniqueness.
#include "helpers.hpp"

using namespace test;
using booklet::markdown::slugify;

TEST_CASE("slugs") {
    CHECK(slugify("Why we protest") == "why-we-protest");
    CHECK(slugify("Moore's Law: 50 years!") == "moores-law-50-years");
    CHECK(slugify("Moore\u2019s law") == "moores-law");
    CHECK(slugify("  --Leading and trailing--  ") == "leading-and-trailing");
    CHECK(slugify("Digitale vs. Menselijke Heren: Hoe dichtbij?") == "digitale-vs-menselijke-heren-hoe-dichtbij");
    CHECK(slugify("Exponenti\xC3\xABle groei") == "exponentiele-groei");
    CHECK(slugify("Stra\xC3\x9F" "e \xC3\x86sir") == "strasse-aesir");
    CHECK(slugify("\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1") == "athena");  // Greek
    CHECK(slugify("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0") == "moskva");  // Cyrillic
    CHECK(slugify("snake_case stays") == "snake_case-stays");
    CHECK(slugify("\xF0\x9F\xA4\x96 robots") == "robots");
    CHECK(slugify("") == "");
    CHECK(slugify("!!!") == "");
}

TEST_CASE("heading ids: {#id} is stripped from the text, slugs otherwise, unique per chapter") {
    Diagnostics diags;
    const auto doc = convert("## Intro\n\n## Intro\n\n## Custom *heading* {#my-id}\n\n### Intro {#intro}\n\nText.\n\n## !!!\n\nText.\n", diags);
    const auto& b = doc.chapters[0].blocks;
    // The explicit #intro is reserved first, so the slugged headings step aside.
    CHECK(as<model::Heading>(b[0]).id == "intro-1");
    CHECK(as<model::Heading>(b[1]).id == "intro-2");
    const auto& custom = as<model::Heading>(b[2]);
    CHECK(custom.id == "my-id");
    CHECK(custom.explicit_id == "my-id");
    CHECK(text_of(custom.content) == "Custom heading");
    CHECK(as<model::Heading>(b[3]).id == "intro");
    CHECK(as<model::Heading>(b[5]).id == "section");
    CHECK(count_kind(diags, "heading-id-duplicate") == 0);
}

TEST_CASE("an explicit id given twice is a warning and the second one is made unique") {
    Diagnostics diags;
    const auto doc = convert("## A {#same}\n\n## B {#same}\n\nText.\n", diags);
    const auto& b = doc.chapters[0].blocks;
    CHECK(as<model::Heading>(b[0]).id == "same");
    CHECK(as<model::Heading>(b[1]).id == "same-1");
    REQUIRE(count_kind(diags, "heading-id-duplicate") == 1);
    const auto& d = diags.all()[0];
    CHECK(d.pos.line == 3);
    CHECK(d.message.find("first on line 1") != std::string::npos);
}

TEST_CASE("not an id: braces that are not {#name}") {
    const auto b = blocks("## Set {#a b}\n\n## Only {}\n\nText.\n");
    CHECK(text_of(as<model::Heading>(b[0]).content) == "Set {#a b}");
    CHECK(as<model::Heading>(b[0]).explicit_id.empty());
}

TEST_CASE("HTML headings give ids too") {
    const auto b = blocks("<h2 id=\"from-html\">HTML heading</h2>\n\n<h3>Second &amp; last</h3>\n\nText.\n");
    CHECK(as<model::Heading>(b[0]).id == "from-html");
    CHECK(as<model::Heading>(b[1]).id == "second-last");
    CHECK(as<model::Heading>(b[1]).level == 3);
}
