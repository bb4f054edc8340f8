// Model conversion of each Markdown construct.
#include "helpers.hpp"

using namespace test;

TEST_CASE("paragraphs, emphasis, strong, strikethrough, code, breaks") {
    const auto b = blocks("Plain *em* **strong** ~~gone~~ `x < y`  \nnext\nsoft\\\nhard\n");
    REQUIRE(b.size() == 1);
    const auto& p = as<model::Paragraph>(b[0]).content;
    CHECK(as<model::Text>(p[0]).text == "Plain ");
    CHECK(text_of(as<model::Emphasis>(p[1]).children) == "em");
    CHECK(text_of(as<model::Strong>(p[3]).children) == "strong");
    CHECK(text_of(as<model::Strikethrough>(p[5]).children) == "gone");
    CHECK(as<model::Code>(p[7]).text == "x < y");
    CHECK(std::holds_alternative<model::LineBreak>(p[8].node));
    CHECK(std::holds_alternative<model::SoftBreak>(p[10].node));
    CHECK(std::holds_alternative<model::LineBreak>(p[12].node));
    CHECK(b[0].pos.line == 1);
    CHECK(b[0].pos.file == "page.md");
}

TEST_CASE("smart punctuation") {
    const auto b = blocks("\"Quotes\" and 'single' -- en --- em...\n");
    CHECK(text_of(as<model::Paragraph>(b[0]).content) == "\u201CQuotes\u201D and \u2018single\u2019 \u2013 en \u2014 em\u2026");
}

TEST_CASE("headings keep their level and body lines count from the file") {
    const auto ch = chapter("---\ntitle: T\n---\n\n## Two\n\n###### Six\n\nText.\n");
    REQUIRE(ch.blocks.size() == 3);
    CHECK(as<model::Heading>(ch.blocks[0]).level == 2);
    CHECK(ch.blocks[0].pos.line == 5);
    CHECK(as<model::Heading>(ch.blocks[1]).level == 6);
    CHECK(ch.blocks[1].pos.line == 7);
}

TEST_CASE("lists: ordered start, tight and loose, nesting, tasks") {
    const auto b = blocks("3. three\n4. four\n   - nested\n     1. deep\n\n- a\n\n- b\n\n+ [x] done\n+ [ ] open\n");
    REQUIRE(b.size() == 3);
    const auto& ordered = as<model::List>(b[0]);
    CHECK(ordered.ordered);
    CHECK(ordered.start == 3);
    CHECK(ordered.tight);
    REQUIRE(ordered.items.size() == 2);
    const auto& nested = as<model::List>(ordered.items[1].blocks.at(1));
    CHECK_FALSE(nested.ordered);
    CHECK(as<model::List>(nested.items[0].blocks.at(1)).ordered);
    const auto& loose = as<model::List>(b[1]);
    CHECK_FALSE(loose.tight);
    CHECK(loose.items.size() == 2);
    const auto& tasks = as<model::List>(b[2]);
    REQUIRE(tasks.items.size() == 2);
    CHECK(tasks.items[0].task == std::optional<bool>(true));
    CHECK(tasks.items[1].task == std::optional<bool>(false));
    CHECK(text_of(as<model::Paragraph>(tasks.items[1].blocks[0]).content) == "open");
    CHECK_FALSE(loose.items[0].task.has_value());
}

TEST_CASE("code blocks keep text verbatim and the info string's first word") {
    const auto b = blocks("```python title=x\nif a < b:\n    pass\n```\n\n    indented\n");
    const auto& c = as<model::CodeBlock>(b[0]);
    CHECK(c.language == "python");
    CHECK(c.text == "if a < b:\n    pass");
    CHECK(as<model::CodeBlock>(b[1]).text == "indented");
    CHECK(as<model::CodeBlock>(b[1]).language.empty());
}

TEST_CASE("tables with alignment; every row has one cell per column") {
    const auto b = blocks("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | **2** |\n| x | y | z | w | extra |\n");
    const auto& t = as<model::Table>(b[0]);
    REQUIRE(t.columns.size() == 4);
    CHECK(t.columns[0] == model::Align::left);
    CHECK(t.columns[1] == model::Align::center);
    CHECK(t.columns[2] == model::Align::right);
    CHECK(t.columns[3] == model::Align::none);
    REQUIRE(t.header.size() == 4);
    CHECK(text_of(t.header[3].content) == "d");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].size() == 4);
    CHECK(text_of(t.rows[0][1].content) == "2");
    CHECK(t.rows[0][3].content.empty());
    CHECK(t.rows[1].size() == 4);
}

TEST_CASE("thematic breaks and block quotes") {
    const auto b = blocks("one\n\n---\n\n> quoted\n> > nested\n");
    CHECK(std::holds_alternative<model::ThematicBreak>(b[1].node));
    const auto& q = as<model::BlockQuote>(b[2]);
    CHECK(std::holds_alternative<model::BlockQuote>(q.blocks.at(1).node));
    CHECK(q.attribution.empty());
}

TEST_CASE("footnotes are numbered by first reference, repeated references share a number") {
    const auto ch = chapter("A[^z] b[^a] c[^z] d[^nested].\n\n[^a]: Note A\n[^z]: Note Z\n[^nested]: See[^inner].\n"
                            "[^inner]: Inner note.\n[^unused]: Never cited.\n");
    REQUIRE(ch.footnotes.size() == 4);
    CHECK(ch.footnotes[0].label == "z");
    CHECK(ch.footnotes[0].number == 1);
    CHECK(ch.footnotes[1].label == "a");
    CHECK(ch.footnotes[2].label == "nested");
    CHECK(ch.footnotes[3].label == "inner");
    CHECK(ch.footnotes[3].number == 4);
    CHECK(ch.footnotes[0].pos.line == 4);
    const auto& p = as<model::Paragraph>(ch.blocks[0]).content;
    CHECK(as<model::FootnoteRef>(p[1]).number == 1);
    CHECK(as<model::FootnoteRef>(p[3]).number == 2);
    CHECK(as<model::FootnoteRef>(p[5]).number == 1);
    CHECK(as<model::FootnoteRef>(p[5]).label == "z");
    CHECK(text_of(as<model::Paragraph>(ch.footnotes[1].blocks[0]).content) == "Note A");
}

TEST_CASE("undefined footnote references stay text") {
    const auto b = blocks("See [^missing].\n");
    CHECK(text_of(as<model::Paragraph>(b[0]).content) == "See [^missing].");
}

TEST_CASE("chapter title: front matter, else the first H1 (removed), else the file name") {
    auto ch = chapter("---\ntitle: From front matter\ndescription: D\ndate: 2024-05-01\nlang: nl\nimage: /x.png\n"
                      "tags: [a, b]\n---\n# Kept heading\n\nText.\n");
    CHECK(ch.title == "From front matter");
    CHECK(ch.description == "D");
    CHECK(ch.date == "2024-05-01");
    CHECK(ch.lang == "nl");
    CHECK(ch.front_matter.at("image") == "/x.png");
    CHECK(ch.front_matter.at("tags").find('a') != std::string::npos);
    CHECK(ch.blocks.size() == 2);
    ch = chapter("# The *title*\n\ntext\n\n# Second H1\n\nText.\n");
    CHECK(ch.title == "The title");
    REQUIRE(ch.blocks.size() == 3);
    CHECK(as<model::Heading>(ch.blocks[1]).level == 1);
    // An H1 opening the page with the front matter's title is that title again:
    // printed once. Another H1 stays.
    ch = chapter("---\ntitle: The  same title\n---\n# The *same* title\n\nText.\n\n# The same title\n\nMore.\n");
    CHECK(ch.title == "The  same title");
    REQUIRE(ch.blocks.size() == 3);
    CHECK(std::holds_alternative<model::Paragraph>(ch.blocks[0].node));
    CHECK(std::holds_alternative<model::Heading>(ch.blocks[1].node));
    ch = chapter("---\ntitle: A title\n---\n# Another title\n\nText.\n");
    CHECK(ch.blocks.size() == 2);
    ch = chapter("## Not a title\n\nText.\n\n# Late H1\n\nText.\n");
    CHECK(ch.title == "page");
    CHECK(ch.blocks.size() == 4);
    CHECK(ch.id == "page");
    CHECK(ch.lang == "en");
}

TEST_CASE("bad front matter values are errors, and the page still converts") {
    Diagnostics diags;
    const auto doc = convert("---\ntitle: [a, b]\nlang: not a language\n---\n# Real\n", diags);
    CHECK(diags.error_count() == 2);
    CHECK(diags.all()[0].pos.line == 2);
    CHECK(diags.all()[0].kind == "front-matter");
    CHECK(diags.all()[1].pos.line == 3);
    CHECK(doc.chapters[0].title == "Real");
}

TEST_CASE("chapter ids and languages from file names") {
    const auto n = markdown::page_name("content/digitale-hersenen.nl.md");
    CHECK(n.id == "digitale-hersenen");
    CHECK(n.lang == "nl");
    CHECK(markdown::page_name("x/About Us.md").id == "about-us");
    CHECK(markdown::page_name("x/v1.2.md").lang.empty());
    CHECK(markdown::page_name("x/page.pt-BR.md").lang == "pt-BR");
    Diagnostics diags;
    const auto doc = convert("text\n", diags);
    REQUIRE(doc.chapters.size() == 3);
    CHECK(doc.chapters[2].id == "vertaling");
    CHECK(doc.chapters[2].lang == "nl");
    CHECK(doc.chapters[2].title == "Dutch title");
}

TEST_CASE("text is NFC-normalised") {
    const auto b = blocks("Cafe\xCC\x81 and *re\xCC\x81sume\xCC\x81*\n");  // e + combining acute
    const auto& p = as<model::Paragraph>(b[0]).content;
    CHECK(as<model::Text>(p[0]).text == "Caf\xC3\xA9 and ");
    CHECK(text_of(as<model::Emphasis>(p[1]).children) == "r\xC3\xA9sum\xC3\xA9");
}

TEST_CASE("metadata comes from the manifest, identifier is derived and stable") {
    Diagnostics d1, d2;
    const auto a = convert("# One\n", d1);
    const auto b = convert("# One\n", d2);
    CHECK(a.meta.base_url == "https://example.org");
    CHECK(a.meta.title == "One");  // no manifest title: the first chapter's
    CHECK(a.meta.identifier.rfind("urn:booklet:one:", 0) == 0);
    CHECK(a.meta.identifier == b.meta.identifier);
    CHECK(a.find_chapter("other") != nullptr);
    CHECK(a.find_chapter("nope") == nullptr);
}

TEST_CASE("text stays valid UTF-8 where cmark-gfm cuts its own U+FFFD in half") {
    // Found by the fuzzer: cmark-gfm 0.29 returns "[^\n\xEF" for this failed footnote label.
    const auto b = blocks(std::string("[^\n\0u]", 6));
    const std::string text = text_of(as<model::Paragraph>(b.at(0)).content);
    CHECK(source::first_invalid_utf8(text, "t").line == 0);
    CHECK(text.find("\xEF\xBF\xBD") != std::string::npos);
}
