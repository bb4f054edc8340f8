// Raw HTML in pages, as real pages have it.
#include "../../../src/markdown/html.hpp"
#include "helpers.hpp"

using namespace test;
namespace html = booklet::markdown::html;

TEST_CASE("tokenizer: tags, attributes, text, comments") {
    const auto t = html::tokenize("<p class=\"a b\" data-x='1' flag Checked=yes>Hi &amp; bye</p><!-- c --><br/>");
    REQUIRE(t.size() == 5);
    CHECK(t[0].kind == html::Token::Kind::start_tag);
    CHECK(t[0].name == "p");
    REQUIRE(t[0].attributes.size() == 4);
    CHECK(*t[0].attribute("class") == "a b");
    CHECK(*t[0].attribute("data-x") == "1");
    CHECK(t[0].attribute("flag")->empty());
    CHECK(*t[0].attribute("checked") == "yes");
    CHECK(t[1].text == "Hi & bye");
    CHECK(t[1].offset == 43);
    CHECK(t[2].kind == html::Token::Kind::end_tag);
    CHECK(t[3].kind == html::Token::Kind::comment);
    CHECK(t[4].self_closing);
}

TEST_CASE("tokenizer: components keep their name, Svelte expressions are attribute values") {
    const auto t = html::tokenize("<IconBullet icon={TriangleAlert} content={m.a > b ? 'x' : \"y\"} {...rest} />");
    REQUIRE(t.size() == 1);
    CHECK(t[0].raw_name == "IconBullet");
    CHECK(t[0].name == "iconbullet");
    CHECK(*t[0].attribute("icon") == "{TriangleAlert}");
    CHECK(t[0].attribute("content")->find("m.a > b") != std::string::npos);
    CHECK(t[0].self_closing);
}

TEST_CASE("tokenizer: script content is raw text up to its end tag") {
    const auto t = html::tokenize("<script>if (a<b && c>d) x = '</scr' + 'ipt>';</script>after");
    REQUIRE(t.size() == 4);
    CHECK(t[1].raw_text);
    CHECK(t[1].text == "if (a<b && c>d) x = '</scr' + 'ipt>';");
    CHECK(t[2].kind == html::Token::Kind::end_tag);
    CHECK(t[3].text == "after");
}

TEST_CASE("tokenizer: malformed markup is text, never a crash") {
    for (const char* s : {"<", "< p>", "a < b > c", "<a href=\"unclosed>text", "<a b='x", "</", "<!--", "<!", "<?",
                          "<div", "<p {", "<![CDATA[x", "&", "&#", "&#x;", "&#99999999999999999999;", "<a =x>"}) {
        CHECK_NOTHROW(html::tokenize(s));
    }
    auto t = html::tokenize("a < b");
    REQUIRE(t.size() == 1);
    CHECK(t[0].text == "a < b");
    t = html::tokenize("<a href=\"unclosed>text");
    REQUIRE(t.size() == 1);
    CHECK(t[0].kind == html::Token::Kind::text);
}

TEST_CASE("entities") {
    CHECK(html::entity_table_is_sorted());
    CHECK(html::decode_entities("&amp;&lt;&gt;&quot;&#39;&#x27;&nbsp;") == "&<>\"''\xC2\xA0");
    CHECK(html::decode_entities("&mdash;&hellip;&euro;&eacute;&check;") == "\u2014\u2026\u20AC\u00E9\u2713");
    CHECK(html::decode_entities("&#128;") == "\u20AC");        // Windows-1252 reading
    CHECK(html::decode_entities("&#0;&#xD800;&#x110000;") == "\uFFFD\uFFFD\uFFFD");
    CHECK(html::decode_entities("&unknown; &amp &") == "&unknown; &amp &");
    CHECK(html::decode_entities("&#x1F916;") == "\xF0\x9F\xA4\x96");
}

TEST_CASE("an embedded tweet: quote with attribution, the script dropped with one warning") {
    Diagnostics diags;
    const auto doc = convert(
        "<WidgetConsent>\n<div>\n<blockquote class=\"twitter-tweet\"><p lang=\"nl\" dir=\"ltr\">We protested in "
        "The Hague!<br><br>Press: <a href=\"https://t.co/x\">https://t.co/x</a></p>&mdash; PauseAI (@PauseAI) "
        "<a href=\"https://twitter.com/PauseAI/status/1\">August 12, 2023</a></blockquote> <script async "
        "src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>\n</div>\n</WidgetConsent>\n",
        diags);
    const auto& b = doc.chapters[0].blocks;
    REQUIRE(b.size() == 1);
    const auto& q = as<model::BlockQuote>(b[0]);
    REQUIRE(q.blocks.size() == 1);
    CHECK(b[0].pos.line == 3);
    CHECK(q.blocks[0].lang == "nl");  // differs from the chapter's "en"
    const auto& p = as<model::Paragraph>(q.blocks[0]).content;
    CHECK(text_of(p) == "We protested in The Hague!  Press: https://t.co/x");
    CHECK(std::holds_alternative<model::LineBreak>(p[1].node));
    CHECK(text_of(q.attribution) == "PauseAI (@PauseAI) August 12, 2023");
    CHECK(as<model::Link>(q.attribution.back()).target.url == "https://twitter.com/PauseAI/status/1");
    CHECK(count_kind(diags, "html-dropped") == 1);
    CHECK(count_kind(diags, "html-summary") == 1);
    CHECK(count_kind(diags, "html-component") == 0);
    CHECK(diags.all()[0].pos.line == 3);
    CHECK(diags.all()[0].message.find("<script>") != std::string::npos);
}

TEST_CASE("a Svelte script block and its components: script dropped, text kept") {
    Diagnostics diags;
    const auto doc = convert("<script>\nimport X from '$lib/X.svelte';\nlet a = 1 < 2;\n</script>\n\n<NewsletterSignup />\n\n"
                             "Text after.\n\n<IconBullet icon={Skull} content={m.x} />\n",
                             diags);
    const auto& b = doc.chapters[0].blocks;
    REQUIRE(b.size() == 1);
    CHECK(text_of(as<model::Paragraph>(b[0]).content) == "Text after.");
    CHECK(count_kind(diags, "html-dropped") == 1);
    CHECK(count_kind(diags, "html-component") == 2);
    CHECK(diags.all()[1].pos.line == 6);
    CHECK(diags.all().back().message ==
          "3 HTML constructs dropped on this page (1 <IconBullet>, 1 <NewsletterSignup>, 1 <script>)");
}

TEST_CASE("div-wrapped Markdown is kept: blocks inside divs, images become figures") {
    const auto b = blocks("<div style=\"display:flex\">\n<div style=\"flex:1\">\n\n![Volunteer at a stall](pic.png)\n\n"
                          "</div>\n<div>\n\nSome **markdown** here.\n\n</div>\n</div>\n\nAfter.\n");
    REQUIRE(b.size() == 3);
    const auto& fig = as<model::Figure>(b[0]);
    CHECK(fig.image.alt == "Volunteer at a stall");
    CHECK(text_of(fig.caption) == "Volunteer at a stall");
    CHECK_FALSE(fig.image.file.empty());
    CHECK(text_of(as<model::Paragraph>(b[1]).content) == "Some markdown here.");
    CHECK(text_of(as<model::Paragraph>(b[2]).content) == "After.");
}

TEST_CASE("details and summary, with Markdown inside") {
    const auto b = blocks("<details open>\n<summary style=\"cursor:pointer\">Show 2025 activities</summary>\n\n"
                          "### 2025 December\n\n- one\n- two\n\n</details>\n\nOutside.\n");
    REQUIRE(b.size() == 2);
    const auto& d = as<model::Details>(b[0]);
    CHECK(text_of(d.summary) == "Show 2025 activities");
    REQUIRE(d.blocks.size() == 2);
    CHECK(as<model::Heading>(d.blocks[0]).id == "2025-december");
    CHECK(as<model::List>(d.blocks[1]).items.size() == 2);
}

TEST_CASE("inline HTML in paragraphs") {
    const auto b = blocks("We have a <a href=\"/other\" target=\"_blank\">flyer</a>, <em>em</em> <b>bold</b> "
                          "x<sup>2</sup> H<sub>2</sub>O <span lang=\"de\">Guten Tag</span> <code>a &lt; b</code>"
                          "<br>next <kbd>Ctrl</kbd> <!-- hidden --> <u>kept</u>\n");
    const auto& p = as<model::Paragraph>(b[0]).content;
    const auto& link = as<model::Link>(p[1]);
    CHECK(link.target.kind == model::LinkKind::internal);
    CHECK(text_of(link.children) == "flyer");
    CHECK(text_of(as<model::Emphasis>(p[3]).children) == "em");
    CHECK(text_of(as<model::Strong>(p[5]).children) == "bold");
    CHECK(text_of(as<model::Superscript>(p[7]).children) == "2");
    CHECK(text_of(as<model::Subscript>(p[9]).children) == "2");
    const auto& span = as<model::Span>(p[11]);
    CHECK(span.lang == "de");
    CHECK(as<model::Code>(p[13]).text == "a < b");
    CHECK(std::holds_alternative<model::LineBreak>(p[14].node));
    CHECK(text_of(p) == "We have a flyer, em bold x2 H2O Guten Tag a < b next Ctrl  kept");
}

TEST_CASE("a Link component with href is a link; unknown tags are transparent") {
    const auto b = blocks("<p class=\"contact\">\n\tUse our <Link href=\"/contact-us?tab=media\">Contact form</Link>.\n</p>\n\n"
                          "<custom-box><mark>Marked</mark> words</custom-box>\n");
    const auto& p = as<model::Paragraph>(b[0]).content;
    CHECK(text_of(p) == "Use our Contact form.");
    CHECK(as<model::Link>(p[1]).target.url == "https://example.org/contact-us?tab=media");
    CHECK(text_of(as<model::Paragraph>(b[1]).content) == "Marked words");
}

TEST_CASE("iframes, styles, svg and templates are dropped, one warning each; an iframe leaves its address") {
    Diagnostics diags;
    const auto doc = convert("<div style=\"aspect-ratio: 16 / 9\">\n  <iframe\n    src=\"https://youtube.com/embed/x\"\n"
                             "    allowfullscreen></iframe>\n</div>\n\nKept.\n\n<style>\n.a { color: red }\n</style>\n\n"
                             "<svg viewBox=\"0 0 1 1\"><text>not shown</text><svg><g/></svg></svg>\n\n"
                             "<template><p>hidden</p></template>\n\nEnd.\n",
                             diags);
    const auto& b = doc.chapters[0].blocks;
    REQUIRE(b.size() == 3);
    const auto& line = as<model::Link>(as<model::Paragraph>(b[0]).content.at(0));
    CHECK(line.target.url == "https://www.youtube.com/watch?v=x");
    CHECK(text_of(line.children) == "Embedded page");
    CHECK(text_of(as<model::Paragraph>(b[1]).content) == "Kept.");
    CHECK(text_of(as<model::Paragraph>(b[2]).content) == "End.");
    CHECK(count_kind(diags, "html-dropped") == 4);
    CHECK(diags.all()[0].pos.line == 2);
    CHECK(diags.all()[0].pos.column == 3);
    const auto& summary = diags.all().back();
    CHECK(summary.kind == "html-summary");
    CHECK(summary.message == "4 HTML constructs dropped on this page (1 <iframe>, 1 <style>, 1 <svg>, 1 <template>)");
}

TEST_CASE("HTML images, figures, figcaption and caption paragraphs") {
    const auto b = blocks("<img src=\"pic.png\" alt=\"Alt text\" width=\"320\">\n<p class=\"caption\">The real caption</p>\n\n"
                          "<figure><img src=\"/logo.png\" alt=\"Logo\" title=\"Logo title\"><figcaption>Fig. 1: "
                          "<em>logo</em></figcaption></figure>\n\n![Alt only](pic.png \"Title wins\")\n\n"
                          "Text with ![inline](pic.png) image.\n");
    REQUIRE(b.size() == 4);
    const auto& f1 = as<model::Figure>(b[0]);
    CHECK(f1.image.width_hint == 320);
    CHECK(text_of(f1.caption) == "The real caption");
    const auto& f2 = as<model::Figure>(b[1]);
    CHECK(text_of(f2.caption) == "Fig. 1: logo");
    CHECK(f2.image.file.filename() == "logo.png");
    CHECK(text_of(as<model::Figure>(b[2]).caption) == "Title wins");
    const auto named = blocks("![IMG_2041.jpg](/photos/IMG_2041.jpg)\n\n![IMG_2042](/photos/IMG_2042.jpg)\n");
    CHECK(as<model::Figure>(named[0]).caption.empty());
    CHECK(as<model::Figure>(named[1]).caption.empty());
    CHECK(as<model::Figure>(named[1]).image.alt.empty());  // a file name is no alt text
    const auto& p = as<model::Paragraph>(b[3]).content;
    CHECK(as<model::Image>(p[1]).image.alt == "inline");
}

TEST_CASE("HTML tables, lists, quotes and pre") {
    const auto b = blocks("<table><thead><tr><th align=\"right\">N</th><th style=\"text-align: center\">Name</th></tr></thead>"
                          "<tbody><tr><td>1</td><td>One</td></tr><tr><td>2</td></tr></tbody></table>\n\n"
                          "<ol start=\"4\"><li>four<li>five <b>5</b></ol>\n\n<ul><li><p>para</p><p>two</p></li></ul>\n\n"
                          "<blockquote><p>Said.</p><p>&ndash; Someone</p></blockquote>\n\n"
                          "<pre><code class=\"language-sh\">\necho &quot;a &lt; b&quot;\n  indented\n</code></pre>\n");
    REQUIRE(b.size() == 5);
    const auto& t = as<model::Table>(b[0]);
    REQUIRE(t.columns.size() == 2);
    CHECK(t.columns[0] == model::Align::right);
    CHECK(t.columns[1] == model::Align::center);
    CHECK(text_of(t.header[1].content) == "Name");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[1].size() == 2);
    const auto& ol = as<model::List>(b[1]);
    CHECK(ol.ordered);
    CHECK(ol.start == 4);
    REQUIRE(ol.items.size() == 2);
    CHECK(text_of(as<model::Paragraph>(ol.items[1].blocks[0]).content) == "five 5");
    CHECK_FALSE(as<model::List>(b[2]).tight);
    const auto& q = as<model::BlockQuote>(b[3]);
    CHECK(text_of(q.attribution) == "Someone");
    const auto& code = as<model::CodeBlock>(b[4]);
    CHECK(code.language == "sh");
    CHECK(code.text == "echo \"a < b\"\n  indented");
}

TEST_CASE("malformed HTML: unclosed and stray tags never lose text") {
    Diagnostics diags;
    const auto doc = convert("<div><p>Unclosed paragraph <b>bold\n\n</span></div></div></p>\n\nNext *paragraph*.\n\n"
                             "<blockquote>\n\nOpen quote\n",
                             diags);
    const auto& b = doc.chapters[0].blocks;
    REQUIRE(b.size() == 3);
    CHECK(text_of(as<model::Paragraph>(b[0]).content) == "Unclosed paragraph bold");
    CHECK(text_of(as<model::Paragraph>(b[1]).content) == "Next paragraph.");
    CHECK(text_of(as<model::Paragraph>(as<model::BlockQuote>(b[2]).blocks.at(0)).content) == "Open quote");
    CHECK(diags.error_count() == 0);
}

TEST_CASE("a component wrapping Markdown keeps the Markdown; empty ones warn") {
    Diagnostics diags;
    const auto doc = convert("<LumaSignup eventId=\"evt-1\">\n</LumaSignup>\n\n<Callout>\n\n**Inside** a component.\n\n</Callout>\n", diags);
    const auto& b = doc.chapters[0].blocks;
    REQUIRE(b.size() == 1);
    CHECK(text_of(as<model::Paragraph>(b[0]).content) == "Inside a component.");
    CHECK(count_kind(diags, "html-component") == 1);
}

TEST_CASE("hidden elements are not printed, silently") {
    Diagnostics diags;
    const auto doc = convert("<div hidden>\n\nSecret **markdown**.\n\n</div>\n\nShown <span style=\"display: none\">not this</span>"
                             "text <img src=\"pic.png\" hidden>.\n",
                             diags);
    const auto& b = doc.chapters[0].blocks;
    REQUIRE(b.size() == 1);
    CHECK(text_of(as<model::Paragraph>(b[0]).content) == "Shown text .");
    CHECK(diags.all().empty());
}
