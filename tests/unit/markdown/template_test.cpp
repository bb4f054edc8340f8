// Template syntax of site generators, dropped embeds, headings over nothing,
// placeholders in links and alt text that is a file name.
#include "helpers.hpp"

#include <algorithm>

#include "../../../src/markdown/template_js.hpp"

using namespace test;

namespace {

std::string all_text(const model::Chapter& ch) {
    std::string out;
    for (const auto& b : ch.blocks) {
        std::visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, model::Paragraph> || std::is_same_v<T, model::Heading>)
                    out += text_of(n.content) + "\n";
                else if constexpr (std::is_same_v<T, model::List>)
                    for (const auto& item : n.items)
                        for (const auto& ib : item.blocks)
                            if (const auto* p = std::get_if<model::Paragraph>(&ib.node)) out += "- " + text_of(p->content) + "\n";
            },
            b.node);
    }
    return out;
}

std::vector<std::string> messages(const Diagnostics& d, const std::string& kind) {
    std::vector<std::string> out;
    for (const auto& x : d.all())
        if (x.kind == kind) out.push_back(std::to_string(x.pos.line) + ": " + x.message);
    return out;
}

const model::Heading* heading(const model::Block& b) { return std::get_if<model::Heading>(&b.node); }

}  // namespace

// ---------------------------------------------------------------- JavaScript literals

TEST_CASE("js: literals are read, anything else is other") {
    using K = markdown::js::Value::Kind;
    auto v = markdown::js::read_expression(R"([ { title: 'It\'s', content: `a ${x} b`, n: 3 }, "two", [Icon, 'pair'] ])", 10);
    REQUIRE(v.kind == K::array);
    REQUIRE(v.items.size() == 3);
    const auto& obj = v.items[0];
    REQUIRE(obj.kind == K::object);
    REQUIRE(obj.fields.size() == 3);
    CHECK(obj.fields[0].second.text == "It's");
    CHECK(obj.fields[1].second.text == "a b");  // one space where the part was left out
    CHECK(obj.fields[1].second.interpolations == 1);
    CHECK(obj.fields[2].second.kind == K::other);
    CHECK(v.items[1].text == "two");
    CHECK(v.items[2].items[1].text == "pair");
    CHECK(v.offset == 10);
    CHECK(obj.fields[0].second.offset == 22);  // after the quote
    CHECK(markdown::js::read_expression("m.learn_risks", 0).kind == K::other);
    CHECK(markdown::js::read_expression("'a' + b", 0).kind == K::other);
    CHECK(markdown::js::read_expression("items.map((i) => i.name)", 0).kind == K::other);
    CHECK(markdown::js::unescape(R"(\u00e9\u{1F600}\x41\n\q)") == "\u00E9\U0001F600A\nq");
}

TEST_CASE("js: hostile input ends and stays bounded") {
    std::string deep(100000, '[');
    CHECK(markdown::js::read_expression(deep, 0).kind == markdown::js::Value::Kind::array);
    for (const char* junk : {"{", "[,,,]", "{a:}", "{'x", "`${", "{...}", "[}{]", "{a b c}", "]]]", "{[k]: 1}", "/*"}) {
        INFO(junk);
        (void)markdown::js::read_expression(junk, 0);  // must return
    }
}

// ---------------------------------------------------------------- block tags

TEST_CASE("{#if}: the Markdown of every branch is kept, one warning names them") {
    Diagnostics diags;
    const auto doc = convert(
        "Before.\n\n{#if signedUp && email}\n\nThanks for joining.\n{:else if signedUp}\nAlmost there.\n{:else}\n"
        "Join us below.\n{/if}\n\nAfter.\n",
        diags);
    CHECK(all_text(doc.chapters[0]) == "Before.\nThanks for joining.\nAlmost there.\nJoin us below.\nAfter.\n");
    const auto m = messages(diags, "template-block");
    REQUIRE(m.size() == 1);
    CHECK(m[0] == "3: template block {#if signedUp && email} … {/if} (to line 10) only decides on the web page what is "
                  "shown; printed: {#if signedUp && email}, {:else if signedUp} and {:else}");
}

TEST_CASE("{#if} inside a line keeps the words apart") {
    Diagnostics diags;
    const auto doc = convert("Write {#if email}to you{:else}to us{/if} today.\n", diags);
    CHECK(all_text(doc.chapters[0]) == "Write to you to us today.\n");
    CHECK(count_kind(diags, "template-block") == 1);
}

TEST_CASE("{#await}: the result is printed, the waiting text and the error are not") {
    Diagnostics diags;
    const auto doc = convert("{#await load()}\nLoading...\n{:then list}\nOur groups.\n{:catch e}\nFailed.\n{/await}\n", diags);
    CHECK(all_text(doc.chapters[0]) == "Our groups.\n");
    const auto m = messages(diags, "template-block");
    REQUIRE(m.size() == 1);
    CHECK(m[0].find("printed: {:then list}; left out: {#await load()} (the text shown while waiting) and {:catch e}") !=
          std::string::npos);
    Diagnostics d2;
    const auto inline_then = convert("{#await data then rows}\nRows.\n{/await}\n", d2);
    CHECK(all_text(inline_then.chapters[0]) == "Rows.\n");
}

TEST_CASE("{#each}, {@html}, {@const}, {@render}") {
    Diagnostics diags;
    const auto doc = convert(
        "{#each groups as group}\nA group near you.\n{/each}\n\n{@html '<p><strong>Bold</strong> words</p>'}\n\n"
        "{@const n = groups.length}\n\n{@html summary}\n\n{@render footer()}\n\nEnd.\n",
        diags);
    CHECK(all_text(doc.chapters[0]) == "A group near you.\nBold words\nEnd.\n");
    CHECK(messages(diags, "template-block").at(0).find("template loop {#each groups as group}") != std::string::npos);
    const auto m = messages(diags, "template-expression");
    REQUIRE(m.size() == 2);
    CHECK(m[0] == "9: {@html summary} inserts what only the web page computes; left out");
    CHECK(m[1] == "11: {@render footer()} inserts what only the web page computes; left out");
}

TEST_CASE("unclosed and stray block tags are taken out with a warning") {
    Diagnostics diags;
    const auto doc = convert("{/if}\n\nText.\n\n{#if a}\nMore.\n", diags);
    CHECK(all_text(doc.chapters[0]) == "Text.\nMore.\n");
    const auto m = messages(diags, "template-block");
    REQUIRE(m.size() == 2);
    CHECK(m[0] == "1: template tag {/if} closes no open block; left out");
    CHECK(m[1] == "5: template block {#if a} is never closed with {/if}; its content is kept");
}

TEST_CASE("code, heading ids and plain braces are not template syntax") {
    Diagnostics diags;
    const auto doc = convert(
        "## Why {#why-we-act}\n\nUse `{#if x}` or\n\n```svelte\n{#if x}{/if}\n```\n\nThe set {1, 2, 3}.\n", diags);
    const auto& b = doc.chapters[0].blocks;
    CHECK(heading(b.at(0))->id == "why-we-act");
    CHECK(text_of(as<model::Paragraph>(b.at(1)).content) == "Use {#if x} or");
    CHECK(as<model::CodeBlock>(b.at(2)).text == "{#if x}{/if}");
    CHECK(text_of(as<model::Paragraph>(b.at(3)).content) == "The set {1, 2, 3}.");
    CHECK(diags.all().empty());
}

TEST_CASE("MDX: imports, exports and comments are not printed") {
    Diagnostics diags;
    const auto doc = convert(
        "import Chart from '../components/Chart.astro';\nexport const meta = {\n  draft: false,\n};\n\n"
        "{/* a note for editors */}\n\nVisible text.\n",
        diags);
    CHECK(all_text(doc.chapters[0]) == "Visible text.\n");
    CHECK(doc.chapters[0].blocks.at(0).pos.line == 8);  // positions still name the page's lines
}

// ---------------------------------------------------------------- expressions in text

TEST_CASE("expressions in a template page's text are left out, literals kept") {
    Diagnostics diags;
    const auto doc = convert(
        "<script>\n  let email = ''\n</script>\n\nWe add {email} to the list, {'gladly'}, {count + 1} times.\n", diags);
    CHECK(all_text(doc.chapters[0]) == "We add to the list, gladly, times.\n");
    const auto m = messages(diags, "template-expression");
    REQUIRE(m.size() == 2);
    CHECK(m[0] == "5: {email} is only known on the web page; left out");
    CHECK(m[1] == "5: {count + 1} is only known on the web page; left out");
}

TEST_CASE("in any page a {placeholder} is left out; other braces stay") {
    Diagnostics diags;
    const auto doc = convert("Dear {name}, see {1, 2} and {user.city}.\n", diags);
    CHECK(all_text(doc.chapters[0]) == "Dear , see {1, 2} and .\n");
    CHECK(count_kind(diags, "template-expression") == 2);
}

TEST_CASE("text that still looks like template code is warned about") {
    Diagnostics diags;
    // The tag never closes, so it cannot be read as a component.
    const auto doc = convert("Costs ${price} today.\n\nA prop={[ that never ends\n", diags);
    CHECK(all_text(doc.chapters[0]) == "Costs today.\nA prop={[ that never ends\n");
    CHECK(count_kind(diags, "template-leftover") == 2);
}

// ---------------------------------------------------------------- components

TEST_CASE("tabs: each title a heading below the section, each content Markdown") {
    Diagnostics diags;
    const auto doc = convert(
        "## Pick your time\n\n<Tabs tabs={[\n{\n  title: 'Ten minutes',\n  content: `\n<h3>With ten minutes</h3>\n"
        "<p>Share a <a href=\"https://x.example/post\">post</a>.</p>\n\t`\n},\n{\n\ttitle: \"An hour\",\n\tcontent: `\n"
        "\tWrite a letter.\n\n\t- Find the address\n\t- Keep it short\n\t`\n}\n]} />\n\nAfter.\n",
        diags);
    const auto& b = doc.chapters[0].blocks;
    REQUIRE(b.size() == 8);
    CHECK(heading(b[0])->level == 2);
    CHECK(heading(b[1])->level == 3);
    CHECK(text_of(heading(b[1])->content) == "Ten minutes");
    CHECK(b[1].pos.line == 5);
    CHECK(heading(b[2])->level == 4);  // the content's own h3 moved below its title
    CHECK(text_of(heading(b[2])->content) == "With ten minutes");
    CHECK(b[2].pos.line == 7);
    CHECK(text_of(as<model::Paragraph>(b[3]).content) == "Share a post.");
    CHECK(b[3].pos.line == 8);
    CHECK(text_of(heading(b[4])->content) == "An hour");
    CHECK(text_of(as<model::Paragraph>(b[5]).content) == "Write a letter.");  // dedented: no code block
    CHECK(as<model::List>(b[6]).items.size() == 2);
    CHECK(text_of(as<model::Paragraph>(b[7]).content) == "After.");
    const auto m = messages(diags, "component-content");
    REQUIRE(m.size() == 1);
    CHECK(m[0] == "3: component <Tabs> is printed as the content of its props: 2 parts, each title a heading");
}

TEST_CASE("items, string props and wrapped content") {
    Diagnostics diags;
    const auto doc = convert(
        "<Steps items={[{ label: 'Sign up' }, { label: 'Meet' }, 'Act']} />\n\n"
        "<Card title=\"Deadline\" text=\"Apply by March.\" />\n\n"
        "<Banner title=\"Thanks!\">\nYou are on the list.\n</Banner>\n",
        diags);
    CHECK(all_text(doc.chapters[0]) == "- Sign up\n- Meet\n- Act\nDeadline\nApply by March.\nThanks!\nYou are on the list.\n");
    CHECK(count_kind(diags, "component-content") == 3);
    CHECK(count_kind(diags, "html-component") == 0);
}

TEST_CASE("a component with nothing printable is dropped with one warning; with an address it leaves a line") {
    Diagnostics diags;
    const auto doc = convert(
        "<IconBullet icon={Skull} content={m.learn_xrisk} />\n\n<FormEmbed formId=\"abc\" />\n\n"
        "<DonateBox src=\"https://give.example/box\" />\n",
        diags);
    const auto& b = doc.chapters[0].blocks;
    REQUIRE(b.size() == 1);
    const auto& link = as<model::Link>(as<model::Paragraph>(b[0]).content.at(0));
    CHECK(link.target.url == "https://give.example/box");
    CHECK(text_of(link.children) == "DonateBox");
    auto m = messages(diags, "html-component");
    std::sort(m.begin(), m.end());
    REQUIRE(m.size() == 3);
    CHECK(m[0] == "1: component <IconBullet> has no printable content");
    CHECK(m[1] == "3: component <FormEmbed> has no printable content");
    CHECK(m[2] == "5: component <DonateBox> has no printable content; a line with its address is printed instead");
}

TEST_CASE("a component's content with ${...} says what was left out") {
    Diagnostics diags;
    const auto doc = convert("<Note items={[{ title: 'Size', content: `Groups of ${n} people.` }]} />\n", diags);
    CHECK(all_text(doc.chapters[0]) == "Size\nGroups of people.\n");
    CHECK(messages(diags, "template-expression").at(0) ==
          "1: component <Note>: 1 ${...} part(s) of its text are only known on the web page; left out");
}

TEST_CASE("svelte special elements") {
    Diagnostics diags;
    const auto doc = convert("<svelte:head>\n<title>Tab title</title>\n</svelte:head>\n\n<svelte:window on:resize={f} />\n\nText.\n", diags);
    CHECK(all_text(doc.chapters[0]) == "Text.\n");
}

// ---------------------------------------------------------------- embeds and empty headings

TEST_CASE("an iframe leaves one line: its title linking its address") {
    Diagnostics diags;
    const auto doc = convert(
        "<iframe src=\"https://www.youtube-nocookie.com/embed/Abc123?si=x\" title=\"Our film\"></iframe>\n\n"
        "<iframe src=\"https://forms.example/apply\"></iframe>\n\n"
        "<video controls><source src=\"https://media.example/talk.mp4\"></video>\n\n"
        "Text <iframe src=\"https://inline.example/x\" title=\"a map\"></iframe> here.\n",
        diags);
    const auto& b = doc.chapters[0].blocks;
    REQUIRE(b.size() == 4);
    const auto link_of = [&](const model::Block& block, std::size_t i) {
        return as<model::Link>(as<model::Paragraph>(block).content.at(i));
    };
    CHECK(link_of(b[0], 0).target.url == "https://www.youtube.com/watch?v=Abc123");
    CHECK(text_of(link_of(b[0], 0).children) == "Our film");
    CHECK(text_of(link_of(b[1], 0).children) == "Embedded page");
    CHECK(link_of(b[2], 0).target.url == "https://media.example/talk.mp4");
    CHECK(text_of(link_of(b[2], 0).children) == "Video");
    CHECK(text_of(as<model::Paragraph>(b[3]).content) == "Text a map here.");
    CHECK(count_kind(diags, "html-dropped") == 4);
}

TEST_CASE("a form cannot be filled in on paper: its address stands in") {
    Diagnostics diags;
    const auto doc = convert(
        "<form action=\"https://lists.example/join\" method=\"post\">\n<label>Email <input name=\"e\"></label>\n"
        "<button>Join</button>\n</form>\n\n<form><input></form>\n\nAfter.\n",
        diags);
    const auto& b = doc.chapters[0].blocks;
    REQUIRE(b.size() == 2);
    const auto& link = as<model::Link>(as<model::Paragraph>(b[0]).content.at(0));
    CHECK(link.target.url == "https://lists.example/join");
    CHECK(text_of(link.children) == "Form");
    CHECK(text_of(as<model::Paragraph>(b[1]).content) == "After.");
    CHECK(count_kind(diags, "html-dropped") == 2);
}

TEST_CASE("the embed's label is in the page's language") {
    Diagnostics diags;
    const auto doc = convert("---\nlang: de\n---\n<iframe src=\"https://forms.example/apply\"></iframe>\n", diags);
    const auto& p = as<model::Paragraph>(doc.chapters[0].blocks.at(0));
    CHECK(text_of(p.content) == "Eingebettete Seite");
}

TEST_CASE("a heading over nothing is not printed") {
    Diagnostics diags;
    const auto doc = convert(
        "## Kept, with text\n\nText.\n\n## Sign up\n\n<NewsletterBox />\n\n## Phases\n\n## Phase one\n\nWork.\n\n"
        "### Lonely\n\n## Last\n",
        diags);
    std::vector<std::string> titles;
    for (const auto& b : doc.chapters[0].blocks)
        if (const auto* h = heading(b)) titles.push_back(text_of(h->content));
    // "Sign up" lost its content; "Phases" is a title over the next one; "Lonely"
    // is followed by a higher heading; "Last" ends the chapter.
    CHECK(titles == std::vector<std::string>{"Kept, with text", "Phases", "Phase one"});
    const auto m = messages(diags, "heading-empty");
    REQUIRE(m.size() == 3);
    CHECK(m[0] == "17: heading 'Last' has nothing under it (the chapter ends); it is not printed");
    CHECK(m[1] == "15: heading 'Lonely' has nothing under it (the chapter ends); it is not printed");
    CHECK(m[2] == "5: heading 'Sign up' has nothing under it (what stood under it was left out); it is not printed");
}

// ---------------------------------------------------------------- links and images

TEST_CASE("{lang} in a link target is filled from the manifest's language") {
    Diagnostics diags;
    const auto doc = convert(
        "[guide](https://site.example/{lang}/guide) <https://site.example/{lang}/contact> "
        "[enc](https://site.example/%7Blang%7D/x) [site](/{locale}/chapters)\n",
        diags);
    const auto& p = as<model::Paragraph>(doc.chapters[0].blocks.at(0)).content;
    std::vector<std::string> urls, texts;
    for (const auto& in : p)
        if (const auto* l = std::get_if<model::Link>(&in.node)) {
            urls.push_back(l->target.url);
            texts.push_back(text_of(l->children));
        }
    CHECK(urls == std::vector<std::string>{"https://site.example/en/guide", "https://site.example/en/contact",
                                           "https://site.example/en/x", "https://example.org/en/chapters"});
    CHECK(texts[1] == "https://site.example/en/contact");
    CHECK(diags.all().empty());
}

TEST_CASE("other placeholders make the link plain text, with a warning") {
    Diagnostics diags;
    const auto doc = convert("[share](/{campaign}/share) and [x](https://a.example/pre{lang}fix)\n", diags);
    const auto& p = as<model::Paragraph>(doc.chapters[0].blocks.at(0)).content;
    CHECK(as<model::Link>(p.at(0)).target.kind == model::LinkKind::unresolved);
    CHECK(as<model::Link>(p.at(2)).target.kind == model::LinkKind::unresolved);
    CHECK(count_kind(diags, "link-placeholder") == 2);
}

TEST_CASE("alt text that is a file name counts as no alt text") {
    Diagnostics diags;
    const auto doc = convert(
        "![20251003_CarMagnetRace.webp](pic.png)\n\n![pic](pic.png)\n\n<img src=\"pic.png\" alt=\"DSC_0042.JPG\">\n\n"
        "![Two volunteers at a stall](pic.png)\n\n![The v2.0 release](pic.png)\n",
        diags);
    const auto& b = doc.chapters[0].blocks;
    CHECK(as<model::Figure>(b.at(0)).image.alt.empty());
    CHECK(as<model::Figure>(b.at(1)).image.alt.empty());
    CHECK(as<model::Figure>(b.at(2)).image.alt.empty());
    CHECK(as<model::Figure>(b.at(3)).image.alt == "Two volunteers at a stall");
    CHECK(as<model::Figure>(b.at(4)).image.alt == "The v2.0 release");
    const auto m = messages(diags, "image-alt-filename");
    REQUIRE(m.size() == 3);
    CHECK(m[0] == "1: alt text '20251003_CarMagnetRace.webp' is a file name, not a description; the image counts as having no alt text");
}

TEST_CASE("an image source computed by the page prints its alt text") {
    Diagnostics diags;
    const auto doc = convert("<img src={chart} alt=\"A rising line\">\n", diags);
    const auto& f = as<model::Figure>(doc.chapters[0].blocks.at(0));
    CHECK(f.image.src.empty());
    CHECK(f.image.alt == "A rising line");
    CHECK(count_kind(diags, "image-template") == 1);
}

TEST_CASE("a page left with nothing to print is no chapter; links to it go to the web") {
    source::Manifest m = manifest();
    std::vector<source::SourcePage> pages;
    pages.push_back(source::parse_page("---\ntitle: Subscribe\n---\n\n<SubscribeFlow email={email} />\n",
                                       data() / "subscribe.md", "subscribe.md"));
    pages.push_back(source::parse_page("See [the form](/subscribe) and [here](subscribe.md).\n", data() / "intro.md",
                                       "intro.md"));
    pages.push_back(source::parse_page("---\ntitle: Part two\n---\n", data() / "part.md", "part.md"));
    for (const auto& p : pages) m.pages.push_back(p.file);
    Diagnostics diags;
    const auto doc = markdown::build_document_from_pages(m, pages, diags);
    REQUIRE(doc.chapters.size() == 2);  // a page its author left empty stays
    CHECK(doc.chapters[0].id == "intro");
    CHECK(doc.chapters[1].id == "part");
    const auto& p = as<model::Paragraph>(doc.chapters[0].blocks.at(0)).content;
    CHECK(as<model::Link>(p.at(1)).target.kind == model::LinkKind::external);
    CHECK(as<model::Link>(p.at(1)).target.url == "https://example.org/subscribe");
    CHECK(count_kind(diags, "chapter-empty") == 1);
    CHECK(count_kind(diags, "link-unresolved") == 0);
}
