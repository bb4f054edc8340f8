// Block quote attribution and image resolution.
#include "helpers.hpp"

using namespace test;

namespace {
const model::BlockQuote& quote(const model::Blocks& b) { return as<model::BlockQuote>(b.at(0)); }
}  // namespace

TEST_CASE("attribution after the closing quotation mark") {
    auto b = blocks("> \"I said that in 1999.\" -- Ray Kurzweil [Futurist](https://example.com/v)\n");
    const auto& q = quote(b);
    CHECK(text_of(as<model::Paragraph>(q.blocks[0]).content) == "\u201CI said that in 1999.\u201D");
    CHECK(text_of(q.attribution) == "Ray Kurzweil Futurist");
    CHECK(std::holds_alternative<model::Link>(q.attribution.back().node));
    b = blocks("> \"A single death is a tragedy.\" - Joseph Stalin\n");
    CHECK(text_of(quote(b).attribution) == "Joseph Stalin");
    b = blocks("> \u201CIt was dangerous,\u201D - [Jeff Clune said](https://x.example)\n");
    CHECK(text_of(quote(b).attribution) == "Jeff Clune said");
}

TEST_CASE("attribution in a trailing one-item list") {
    const auto b = blocks("> Until we go train that model, it's a guessing game\n>\n> - [Sam Altman, CEO of OpenAI](https://ft.example).\n");
    const auto& q = quote(b);
    REQUIRE(q.blocks.size() == 1);
    CHECK(text_of(q.attribution) == "Sam Altman, CEO of OpenAI");
    CHECK(q.attribution.size() == 1);  // the lone "." is gone
}

TEST_CASE("attribution paragraphs that start with a dash, with a source paragraph") {
    auto b = blocks("> \"We seem to be assuming.\"\n>\n> \u2013 Waleed Aly\n>\n> [The Age](https://theage.example)\n");
    auto q = quote(b);
    REQUIRE(q.blocks.size() == 1);
    CHECK(text_of(q.attribution) == "Waleed Aly, The Age");
    b = blocks("> The rise of the robots is a problem\n> because robots are energy-hungry.\n> \u2013 [Rupert Read](https://g.example), past spokesperson\n");
    q = quote(b);
    CHECK(text_of(q.attribution) == "Rupert Read, past spokesperson");
    CHECK(text_of(as<model::Paragraph>(q.blocks[0]).content) == "The rise of the robots is a problem because robots are energy-hungry.");
}

TEST_CASE("quotes without attribution keep all their text") {
    for (const char* md : {"> Plain quote - with a dash inside.\n", "> \u2013 Only a name\n",
                           "> Text\n>\n> - a real list\n> - of two\n", "> A \u2013 B \u2013 C\n"}) {
        const auto b = blocks(md);
        CHECK(quote(b).attribution.empty());
    }
}

TEST_CASE("images resolve next to the page, in asset folders, site-relative") {
    Diagnostics diags;
    const auto doc = convert("![a](pic.png)\n\n![b](/logo.png)\n\n![c](sub/my%20pic.png)\n\n![d](./logo.png)\n", diags);
    const auto& b = doc.chapters[0].blocks;
    CHECK(as<model::Figure>(b[0]).image.file == (data() / "pic.png").lexically_normal());
    const auto& site = as<model::Figure>(b[1]).image;
    CHECK(site.file == (data() / "assets/logo.png").lexically_normal());
    CHECK(site.url == "https://example.org/logo.png");
    CHECK(as<model::Figure>(b[2]).image.file.filename() == "my pic.png");
    CHECK(as<model::Figure>(b[3]).image.file.filename() == "logo.png");
    CHECK(diags.all().empty());
}

TEST_CASE("missing and remote images are warnings, out-of-bounds ones errors; all keep alt text and URL") {
    Diagnostics diags;
    const auto doc = convert("![Missing](/nope.png)\n\n![Remote](https://img.example/x.jpg)\n\n"
                             "![Outside](../../../CMakeLists.txt)\n\n![Data](data:image/png;base64,xx)\n",
                             diags);
    const auto& b = doc.chapters[0].blocks;
    const auto& missing = as<model::Figure>(b[0]).image;
    CHECK(missing.file.empty());
    CHECK(missing.alt == "Missing");
    CHECK(missing.url == "https://example.org/nope.png");
    const auto& remote = as<model::Figure>(b[1]).image;
    CHECK(remote.file.empty());
    CHECK(remote.url == "https://img.example/x.jpg");
    CHECK(as<model::Figure>(b[2]).image.file.empty());
    CHECK(count_kind(diags, "image-missing") == 2);
    CHECK(count_kind(diags, "image-remote") == 1);
    // "../../../CMakeLists.txt" exists but leaves the content roots: refused, by name.
    CHECK(count_kind(diags, "path-outside") == 1);
    for (const auto& d : diags.all())
        if (d.kind == "path-outside") {
            CHECK(d.severity == Severity::error);
            CHECK(d.pos.line == 5);
            CHECK(d.message.find("../../../CMakeLists.txt") != std::string::npos);
        }
    CHECK(diags.all()[0].pos.line == 1);
    CHECK(diags.all()[1].pos.line == 3);
}
