// The cite stage on hand-made documents: each link's decision, the note numbers
// in every numbering mode, and the Sources list.
#include "booklet/cite.hpp"

#include <catch2/catch.hpp>

using namespace booklet;

namespace {

model::Inline text(const std::string& t) { return {model::Text{t}, {}}; }

model::Inline link(model::LinkKind kind, const std::string& url, const std::string& shown,
                   const std::string& title = "", model::Inlines more = {}) {
    model::Link l;
    l.target.kind = kind;
    l.target.url = url;
    if (!shown.empty()) l.children.push_back(text(shown));
    for (auto& m : more) l.children.push_back(std::move(m));
    l.title = title;
    return {std::move(l), {}};
}

model::Inline web(const std::string& url, const std::string& shown, const std::string& title = "") {
    return link(model::LinkKind::external, url, shown, title);
}

model::Inline page_link(const std::string& chapter, const std::string& web_url, const std::string& shown) {
    model::Link l;
    l.target = {model::LinkKind::internal, "/" + chapter, chapter, "", web_url};
    l.children.push_back(text(shown));
    return {std::move(l), {}};
}

model::Inline call(const std::string& label) { return {model::FootnoteRef{label, 1}, {}}; }

model::Block para(model::Inlines inlines) { return {model::Paragraph{std::move(inlines)}, {}, ""}; }

model::Chapter chapter(const std::string& id, model::Blocks blocks) {
    model::Chapter c;
    c.id = id;
    c.title = "Chapter " + id;
    c.blocks = std::move(blocks);
    return c;
}

model::Footnote footnote(const std::string& label, model::Inlines inlines) {
    model::Footnote f;
    f.label = label;
    f.number = 1;
    f.blocks.push_back(para(std::move(inlines)));
    return f;
}

// The links of a citation list as "kind/print/note" words, for compact checks.
std::vector<int> notes_of(const cite::Citations& c) {
    std::vector<int> out;
    for (const auto& l : c.links)
        if (l.print == cite::Print::note) out.push_back(l.note);
    return out;
}

style::LinkPolicy policy(style::NoteNumbering numbering = style::NoteNumbering::per_chapter) {
    style::LinkPolicy p;
    p.numbering = numbering;
    return p;
}

}  // namespace

TEST_CASE("each kind of link is decided once: kind, address as printed, how it shows on paper") {
    model::Document doc;
    doc.chapters.push_back(chapter(
        "a", {para({web("https://example.org/report", "the report"), web("https://example.org/x/", "EXAMPLE.org/x"),
                    web("https://example.org/shown", "https://example.org/shown/"),
                    link(model::LinkKind::email, "mailto:info@example.org", "the editors"),
                    link(model::LinkKind::phone, "tel:+31201234567", ""),
                    link(model::LinkKind::refused, "ms-settings:privacy", "app"),
                    link(model::LinkKind::unresolved, "missing.md", "gone"), page_link("b", "https://example.org/b", "B"),
                    page_link("b", "", "B again")})}));
    doc.chapters.push_back(chapter("b", {}));
    const cite::Citations c = cite::cite_document(doc, policy(), 0);
    REQUIRE(c.links.size() == 9);
    CHECK(c.links[0].kind == cite::Kind::external);
    CHECK(c.links[0].print == cite::Print::note);
    CHECK(c.links[0].cited == "the report");
    CHECK(c.links[1].print == cite::Print::note);  // shows only part of the address
    CHECK(c.links[2].print == cite::Print::in_text);
    CHECK(c.links[3].kind == cite::Kind::mail);
    CHECK(c.links[3].printed == "info@example.org");
    CHECK(c.links[3].print == cite::Print::note);
    CHECK(c.links[3].source == -1);  // a contact, not a source
    CHECK(c.links[4].kind == cite::Kind::phone);
    CHECK(c.links[4].text_stand_in == "+31201234567");  // no text: the number is its text
    CHECK(c.links[4].print == cite::Print::in_text);
    CHECK(c.links[5].kind == cite::Kind::refused);
    CHECK_FALSE(c.links[5].live);
    CHECK(c.links[5].print == cite::Print::none);
    CHECK(c.links[6].kind == cite::Kind::unresolved);
    CHECK_FALSE(c.links[6].live);
    CHECK(c.links[7].kind == cite::Kind::internal);
    CHECK(c.links[7].printed == "https://example.org/b");
    CHECK(c.links[7].print == cite::Print::note);
    CHECK(c.links[7].source >= 0);
    CHECK(c.links[8].live);
    CHECK(c.links[8].print == cite::Print::none);  // its page reference will do
    CHECK(c.links[8].source == -1);
    CHECK(notes_of(c) == std::vector<int>{1, 2, 3, 4});
}

TEST_CASE("footnote_urls off: no notes, every link still live and the Sources list kept") {
    model::Document doc;
    doc.chapters.push_back(chapter("a", {para({web("https://example.org/1", "one"), web("https://example.org/2", "two")})}));
    style::LinkPolicy p = policy();
    p.footnote_urls = false;
    const cite::Citations c = cite::cite_document(doc, p, 0);
    for (const auto& l : c.links) {
        CHECK(l.live);
        CHECK(l.print == cite::Print::none);
    }
    CHECK(c.sources.size() == 2);
}

TEST_CASE("note numbers: per book, per chapter, or left to the page builder; footnotes share the sequence") {
    model::Document doc;
    model::Chapter a = chapter("a", {para({web("https://example.org/1", "one"), call("n"), web("https://example.org/1", "again")})});
    a.footnotes.push_back(footnote("n", {text("A note.")}));
    doc.chapters.push_back(std::move(a));
    doc.chapters.push_back(chapter("b", {para({web("https://example.org/2", "two")})}));

    const cite::Citations book = cite::cite_document(doc, policy(style::NoteNumbering::per_book), 0);
    CHECK(notes_of(book) == std::vector<int>{1, 3, 4});  // a repeated address gets a number of its own
    REQUIRE(book.calls.size() == 1);
    CHECK(book.calls[0].note == 2);

    const cite::Citations chapters = cite::cite_document(doc, policy(style::NoteNumbering::per_chapter), 0);
    CHECK(notes_of(chapters) == std::vector<int>{1, 3, 1});

    const cite::Citations pages = cite::cite_document(doc, policy(style::NoteNumbering::per_page), 0);
    CHECK(notes_of(pages) == std::vector<int>{0, 0, 0});
    CHECK(pages.calls[0].note == 0);
}

TEST_CASE("a footnote is read where it is called: its links print in parentheses and are listed there") {
    model::Document doc;
    model::Chapter a = chapter("a", {para({web("https://example.org/1", "one"), call("n"), web("https://example.org/3", "three")})});
    a.footnotes.push_back(footnote("n", {text("See "), web("https://example.org/2", "two")}));
    a.footnotes.push_back(footnote("unused", {web("https://example.org/4", "four")}));
    doc.chapters.push_back(std::move(a));
    const cite::Citations c = cite::cite_document(doc, policy(), 0);
    REQUIRE(c.links.size() == 4);
    CHECK(c.links[1].cited == "two");
    CHECK(c.links[1].in_note);
    CHECK(c.links[1].print == cite::Print::in_parentheses);
    CHECK(c.links[1].note == 0);
    REQUIRE(c.sources.size() == 3);
    CHECK(c.sources[1].url == "https://example.org/2");  // in reading order: after "one", before "three"
    CHECK(c.links[3].cited == "four");
    CHECK(c.links[3].source == -1);  // a footnote nobody calls is never printed
}

TEST_CASE("a footnote called only inside a note is printed there, in parentheses, its links listed") {
    // n calls m, which the text never calls, and k, which it calls: on paper m is
    // printed inside n (in_parentheses) and read there; k has its own note. m calls
    // n back: no loop. A chain of notes printed inside notes stops at eight deep.
    model::Document doc;
    model::Chapter a = chapter("a", {para({text("Text"), call("n"), text(" and"), call("k"), web("https://example.org/4", "four")})});
    a.footnotes.push_back(footnote("n", {text("See "), call("m"), web("https://example.org/2", "two"), call("k")}));
    a.footnotes.push_back(footnote("m", {web("https://example.org/1", "one"), call("n")}));
    a.footnotes.push_back(footnote("k", {web("https://example.org/3", "three")}));
    for (int i = 0; i < 12; ++i)
        a.footnotes.push_back(footnote("c" + std::to_string(i), {text("link "), call("c" + std::to_string(i + 1))}));
    a.blocks.push_back(para({call("c0")}));
    doc.chapters.push_back(std::move(a));
    const cite::Citations c = cite::cite_document(doc, policy(), 0);
    std::vector<std::string> printed;  // label: in parentheses?
    for (const auto& call : c.calls)
        printed.push_back((call.footnote ? call.footnote->label : "none") + (call.in_parentheses ? "()" : ""));
    // (c8, eight notes deep, is not printed; the calls in it are read with the
    // footnotes nobody calls, and c11 calls a footnote there is none of.)
    CHECK(printed == std::vector<std::string>{"n", "m()", "n", "k", "k", "c0", "c1()", "c2()", "c3()", "c4()", "c5()",
                                              "c6()", "c7()", "c8", "c9()", "c10()", "c11()", "none"});
    // m's link is read inside n, where it is printed: in reading order, listed.
    REQUIRE(c.links.size() == 4);
    CHECK(c.links[0].cited == "one");
    CHECK(c.links[0].print == cite::Print::in_parentheses);
    CHECK(c.links[0].source >= 0);
    CHECK(c.sources.front().url == "https://example.org/1");
}

TEST_CASE("a link inside a link is its text only") {
    model::Document doc;
    doc.chapters.push_back(
        chapter("a", {para({link(model::LinkKind::external, "https://example.org/outer", "outer",
                                 "", {web("https://example.org/inner", "inner")})})}));
    const cite::Citations c = cite::cite_document(doc, policy(), 0);
    REQUIRE(c.links.size() == 2);
    CHECK(c.links[0].live);
    CHECK_FALSE(c.links[1].live);
    CHECK(c.links[1].source == -1);
    CHECK(c.sources.size() == 1);
}

TEST_CASE("Sources: by chapter, one entry per address, numbered through the book, with titles and texts") {
    model::Document doc;
    doc.chapters.push_back(chapter("a", {para({web("https://example.org/1", "one", "The One"), web("https://example.org/2", "two"),
                                               web("https://example.org/1", "one"), web("https://example.org/1", "uno")})}));
    doc.chapters.push_back(chapter("empty", {}));
    doc.chapters.push_back(chapter("c", {para({web("https://example.org/1", "one more")})}));
    style::LinkPolicy p = policy();
    p.sources_accessed = true;
    const cite::Citations c = cite::cite_document(doc, p, 1748736000);  // 2025-06-01
    CHECK(c.accessed == "June 1, 2025");  // in the book's words (English by default)
    REQUIRE(c.groups.size() == 2);
    CHECK(c.groups[0].chapter == 0);
    CHECK(c.groups[1].chapter == 2);
    REQUIRE(c.sources.size() == 3);
    CHECK(c.sources[0].number == 1);
    CHECK(c.sources[0].title == "The One");
    REQUIRE(c.sources[0].cited.size() == 2);
    CHECK(c.sources[0].cited[0].text == "one");
    CHECK(c.sources[0].cited[0].links == std::vector<std::size_t>{0, 2});
    CHECK(c.sources[0].cited[1].text == "uno");
    CHECK(c.sources[2].number == 3);
    CHECK(c.sources[2].chapter == 2);
    CHECK(c.links[4].source == 2);
    // Found by address: the decision for a model link.
    const auto& first = std::get<model::Link>(std::get<model::Paragraph>(doc.chapters[0].blocks[0].node).content[0].node);
    CHECK(c.find(first) == &c.links[0]);
    CHECK(c.index_of(first) == 0);
    const model::Link elsewhere;
    CHECK(c.find(elsewhere) == nullptr);
}

TEST_CASE("text shows the address: case and trailing slashes aside") {
    CHECK(cite::text_shows_url("HTTPS://Example.org/a/", "https://example.org/a"));
    CHECK_FALSE(cite::text_shows_url("example.org/a", "https://example.org/a"));
    CHECK_FALSE(cite::text_shows_url("", ""));
}

TEST_CASE("Sources: a text in quotation marks loses them; a text that is its address is marked as such") {
    model::Document doc;
    doc.chapters.push_back(chapter("a", {para({web("https://example.org/1", "\"one\""), web("https://example.org/1", "one"),
                                               web("https://example.org/2", "\u00AB\u202Fdeux\u202F\u00BB"),
                                               web("https://example.org/3", "https://example.org/3/"),
                                               web("https://example.org/4", "\"")})}));
    const cite::Citations c = cite::cite_document(doc, policy(), 1748736000);
    REQUIRE(c.sources.size() == 4);
    REQUIRE(c.sources[0].cited.size() == 1);  // "one" and one are the same text
    CHECK(c.sources[0].cited[0].text == "one");
    CHECK(c.sources[0].cited[0].links == std::vector<std::size_t>{0, 1});
    CHECK(c.sources[0].cited[0].quoted);
    CHECK(c.sources[1].cited[0].text == "deux");
    CHECK_FALSE(c.sources[2].cited[0].quoted);  // cited only by its own address
    CHECK(c.sources[3].cited[0].text == "\"");  // a lone mark is the whole text, kept
}

TEST_CASE("Sources: an address cited by itself and by a text quotes both") {
    model::Document doc;
    doc.chapters.push_back(chapter("a", {para({web("https://example.org/x", "https://example.org/x"),
                                               web("https://example.org/x", "the report")})}));
    const cite::Citations c = cite::cite_document(doc, policy(), 1748736000);
    REQUIRE(c.sources.size() == 1);
    REQUIRE(c.sources[0].cited.size() == 2);
    CHECK(c.sources[0].cited[0].quoted);
    CHECK(c.sources[0].cited[1].quoted);
}

TEST_CASE("Sources: one entry for an address however it is escaped or cased") {
    model::Document doc;
    doc.chapters.push_back(chapter("a", {para({web("https://example.org/caf\xC3\xA9", "one"),
                                               web("https://Example.org/caf%C3%A9", "two"),
                                               web("https://example.org/a%2Fb", "three"), web("https://example.org/a/b", "four")})}));
    const cite::Citations c = cite::cite_document(doc, policy(), 1748736000);
    REQUIRE(c.sources.size() == 3);
    CHECK(c.sources[0].url == "https://example.org/caf\xC3\xA9");  // as first cited
    CHECK(c.sources[0].cited.size() == 2);
    CHECK(c.links[1].source == 0);
}

TEST_CASE("a caption that says what a missing picture's description says is not repeated") {
    const words::Words& english = words::for_language("en");
    model::ImageRef chart;
    chart.alt = "A chart of compute";
    CHECK(cite::picture_description(chart, english) == "A chart of compute");
    CHECK(cite::caption_repeats_description(chart, {text("A chart of compute")}, english));
    CHECK_FALSE(cite::caption_repeats_description(chart, {text("Compute doubled every six months")}, english));
    model::ImageRef titled;  // no alt text: the title describes it
    titled.title = "Organagram";
    CHECK(cite::caption_repeats_description(titled, {text("Organagram")}, english));
    CHECK_FALSE(cite::caption_repeats_description(titled, {}, english));
}
