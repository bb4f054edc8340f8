// Link resolution.
#include "helpers.hpp"

using namespace test;

namespace {
model::LinkTarget target_of(const std::string& md, Diagnostics& diags, bool with_base = true) {
    const auto doc = convert("## Here\n\n" + md + "\n", diags, with_base);
    const auto& p = as<model::Paragraph>(doc.chapters[0].blocks.at(1)).content;
    for (const auto& in : p)
        if (const auto* l = std::get_if<model::Link>(&in.node)) return l->target;
    FAIL("no link in " << md);
    return {};
}
model::LinkTarget target_of(const std::string& md) {
    Diagnostics diags;
    return target_of(md, diags);
}
}  // namespace

TEST_CASE("absolute, mail and phone links are kept") {
    auto t = target_of("[x](https://example.com/a?b=1#c)");
    CHECK(t.kind == model::LinkKind::external);
    CHECK(t.url == "https://example.com/a?b=1#c");
    t = target_of("[x](mailto:someone@example.com)");
    CHECK(t.kind == model::LinkKind::email);
    CHECK(t.url == "mailto:someone@example.com");
    t = target_of("[x](tel:+31201234567)");
    CHECK(t.kind == model::LinkKind::phone);
    t = target_of("<https://auto.example/link>");
    CHECK(t.url == "https://auto.example/link");
    t = target_of("www.example.com is an autolink");
    CHECK(t.kind == model::LinkKind::external);
    CHECK(t.url == "http://www.example.com");
    t = target_of("[x](//cdn.example.com/a)");
    CHECK(t.url == "https://cdn.example.com/a");
    t = target_of("[x](ftp://files.example.com/)");
    CHECK(t.kind == model::LinkKind::external);
}

TEST_CASE("unsafe schemes are refused") {
    Diagnostics diags;
    const auto t = target_of("[x](javascript:alert(1))", diags);
    CHECK(t.kind == model::LinkKind::refused);
    CHECK(count_kind(diags, "link-unsafe") == 1);
    Diagnostics d2;
    CHECK(target_of("<a href=\"data:text/html,hi\">x</a>", d2).kind == model::LinkKind::refused);
    for (const char* href : {"JavaScript:alert(1)", "file:///etc/passwd"}) {
        Diagnostics d;
        CHECK(target_of(std::string("[x](") + href + ")", d).kind == model::LinkKind::refused);
        CHECK(count_kind(d, "link-unsafe") == 1);
    }
}

TEST_CASE("only schemes a reader can follow from a book are linked: one list for both formats") {
    for (const char* href : {"ms-settings:privacy", "irc://irc.example.org/x", "c:/Users/x"}) {
        Diagnostics d;
        INFO(href);
        CHECK(target_of(std::string("[x](") + href + ")", d).kind == model::LinkKind::refused);
        CHECK(count_kind(d, "link-scheme") == 1);
    }
    for (const char* href : {"https:///nohost", "https://bad%20host/", "//", "mailto:",
                             "tel:"}) {
        Diagnostics d;
        INFO(href);
        CHECK(target_of(std::string("[x](") + href + ")", d).kind == model::LinkKind::refused);
        CHECK(count_kind(d, "link-host") == 1);
    }
    CHECK(target_of("[x](https://[::1]:8080/)").kind == model::LinkKind::external);
    CHECK(target_of("[x](HTTPS://Example.COM/)").kind == model::LinkKind::external);
    CHECK(target_of("[x](ftps://files.example.com/)").kind == model::LinkKind::external);
    // A browser opens an internationalised host name as written.
    CHECK(target_of("[x](https://ex\xC3\xA4mple.com/)").kind == model::LinkKind::external);
}

TEST_CASE("site-relative links: booklet pages become internal, others resolve against base_url") {
    auto t = target_of("[x](/other)");
    CHECK(t.kind == model::LinkKind::internal);
    CHECK(t.chapter == "other");
    CHECK(t.anchor.empty());
    CHECK(t.url == "/other");
    t = target_of("[x](/other#second-part)");
    CHECK(t.chapter == "other");
    CHECK(t.anchor == "second-part");
    t = target_of("[x](/elsewhere/)");  // front matter slug, trailing slash
    CHECK(t.chapter == "other");
    t = target_of("[x](/nl/vertaling)");
    CHECK(t.chapter == "vertaling");
    t = target_of("[x](/vertaling#inleiding)");
    CHECK(t.anchor == "inleiding");
    t = target_of("[x](/xrisk)");
    CHECK(t.kind == model::LinkKind::external);
    CHECK(t.url == "https://example.org/xrisk");
    t = target_of("[x](/contact?tab=media#form)");
    CHECK(t.url == "https://example.org/contact?tab=media#form");
}

TEST_CASE("relative links to pages of the booklet") {
    CHECK(target_of("[x](other.md)").chapter == "other");
    CHECK(target_of("[x](./other.md#second-part)").anchor == "second-part");
    CHECK(target_of("[x](./other)").chapter == "other");
    CHECK(target_of("[x](vertaling.nl.md)").chapter == "vertaling");
    CHECK(target_of("[x](sub/../other.md)").chapter == "other");
    Diagnostics diags;
    const auto t = target_of("[x](missing.md)", diags);
    CHECK(t.kind == model::LinkKind::unresolved);
    CHECK(t.url == "missing.md");
    CHECK(count_kind(diags, "link-unresolved") == 1);
    const auto web = target_of("[x](../parent-page?x=1)");
    CHECK(web.kind == model::LinkKind::external);
    CHECK(web.url == "https://example.org/parent-page?x=1");
}

TEST_CASE("in-page anchors resolve to heading ids") {
    auto t = target_of("[x](#here)");
    CHECK(t.kind == model::LinkKind::internal);
    CHECK(t.chapter == "page");
    CHECK(t.anchor == "here");
    t = target_of("[x](#Here)");  // another slug style still finds it
    CHECK(t.anchor == "here");
    Diagnostics diags;
    t = target_of("[x](#nowhere)", diags);
    CHECK(t.kind == model::LinkKind::unresolved);
    CHECK(t.url == "#nowhere");
    REQUIRE(count_kind(diags, "link-unresolved") == 1);
    CHECK(diags.all()[0].pos.line == 3);
    Diagnostics d2;
    CHECK(target_of("[x](/other#no-such-part)", d2).kind == model::LinkKind::unresolved);
}

TEST_CASE("without base_url site-relative links cannot resolve") {
    Diagnostics diags;
    const auto t = target_of("[x](/xrisk)", diags, false);
    CHECK(t.kind == model::LinkKind::unresolved);
    CHECK(diags.all().at(0).message.find("base_url") != std::string::npos);
    Diagnostics d2;
    CHECK(target_of("[x](/other)", d2, false).kind == model::LinkKind::internal);
}

TEST_CASE("empty links are unresolved") {
    Diagnostics diags;
    CHECK(target_of("[Empty href](<>)", diags).kind == model::LinkKind::unresolved);
    CHECK(count_kind(diags, "link-unresolved") == 1);
}

TEST_CASE("link titles and children") {
    const auto b = blocks("[**bold** text](https://x.example \"The title\")\n");
    const auto& l = as<model::Link>(as<model::Paragraph>(b[0]).content[0]);
    CHECK(l.title == "The title");
    CHECK(text_of(l.children) == "bold text");
}

TEST_CASE("spaces at the edges of link text still separate words") {
    const auto b = blocks("Recruitment via[ https://pauseai.info/join ](https://pauseai.info/join)now.\n");
    const auto& p = as<model::Paragraph>(b[0]).content;
    CHECK(text_of(p) == "Recruitment via https://pauseai.info/join now.");
    bool found = false;
    for (const auto& in : p)
        if (const auto* l = std::get_if<model::Link>(&in.node)) {
            CHECK(text_of(l->children) == "https://pauseai.info/join");
            found = true;
        }
    CHECK(found);
}

TEST_CASE("spaces at the edges of HTML link text still separate words") {
    const auto b = blocks("Join via<a href=\"https://pauseai.info/join\"> the form </a>today.\n");
    CHECK(text_of(as<model::Paragraph>(b[0]).content) == "Join via the form today.");
}
