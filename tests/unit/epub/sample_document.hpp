// A hand-made document with every construct of the model and every kind of bad
// input the EPUB writer must survive. Shared by the unit tests and the epubcheck
// integration test.
#pragma once

#include "booklet/model.hpp"

#include <filesystem>
#include <string>

namespace booklet::test {

namespace m = booklet::model;

inline std::filesystem::path image_data(const std::string& name) {
    return std::filesystem::path(BOOKLET_TEST_DATA) / "image" / name;
}

inline m::Inline text(std::string s) { return m::Inline{m::Text{std::move(s)}, {}}; }
inline m::Inline soft() { return m::Inline{m::SoftBreak{}, {}}; }
inline m::Inline link(m::LinkKind kind, std::string url, m::Inlines children, std::string chapter = "", std::string anchor = "") {
    m::Link l;
    l.target.kind = kind;
    l.target.url = std::move(url);
    l.target.chapter = std::move(chapter);
    l.target.anchor = std::move(anchor);
    l.children = std::move(children);
    return m::Inline{std::move(l), {"page.md", 3, 1}};
}
inline m::Inline external(std::string url, std::string label) { return link(m::LinkKind::external, std::move(url), {text(std::move(label))}); }
inline m::ImageRef image_ref(const std::string& file, std::string alt, std::string src = "") {
    m::ImageRef r;
    r.src = src.empty() ? file : src;
    if (!file.empty()) r.file = image_data(file);
    r.alt = std::move(alt);
    return r;
}
inline m::Inline image(const std::string& file, std::string alt, std::string src = "") {
    return m::Inline{m::Image{image_ref(file, std::move(alt), std::move(src))}, {"page.md", 9, 2}};
}
inline m::Block block(auto node, std::string lang = "") { return m::Block{std::move(node), {"page.md", 1, 1}, std::move(lang)}; }
inline m::Block para(m::Inlines content, std::string lang = "") { return block(m::Paragraph{std::move(content)}, std::move(lang)); }
inline m::Block heading(int level, std::string id, std::string label) { return block(m::Heading{level, std::move(id), {text(std::move(label))}, ""}); }
inline m::Inline note(int n, std::string label) { return m::Inline{m::FootnoteRef{std::move(label), n}, {"page.md", 5, 7}}; }

// Text that XML and HTML do not take as it is: markup characters, a CDATA end,
// C0 and C1 controls, noncharacters and a byte that is no UTF-8.
inline const std::string kHostile = "a < b && c > d ]]> \"q\" 'a' \x01\x0B\x1F end\xC2\x85 \xEF\xBF\xBE\xEF\xB7\x90 \xFF bad <script>alert(1)</script>";

inline m::Document sample_document() {
    m::Document doc;
    doc.meta.title = "Booklet <Test> & ]]>\x01";
    doc.meta.subtitle = "Every construct & bad input";
    doc.meta.authors = {"Ann & Bob", "Zoë Ünal"};
    doc.meta.language = "en";
    doc.meta.identifier = "test-booklet";
    doc.meta.date = "2024-09-29";
    doc.meta.license = "CC BY 4.0 <text>";
    doc.meta.cover = image_data("baseline.jpg");

    // ---- chapter 1: every construct
    m::Chapter one;
    one.id = "intro";
    one.source = "intro.md";
    one.title = "Introduction: <all> & everything";
    one.lang = "en";
    one.blocks.push_back(heading(2, "overview", "Overview"));
    one.blocks.push_back(para({text(kHostile)}));
    one.blocks.push_back(para({
        text("Styles: "), m::Inline{m::Emphasis{{text("em")}}, {}}, text(", "), m::Inline{m::Strong{{text("strong")}}, {}},
        text(", "), m::Inline{m::Strikethrough{{text("gone")}}, {}}, text(", x"), m::Inline{m::Superscript{{text("2")}}, {}},
        text(", H"), m::Inline{m::Subscript{{text("2")}}, {}}, text("O, "), m::Inline{m::Code{"a < b && ]]>"}, {}}, soft(),
        text("after a soft break"), m::Inline{m::LineBreak{}, {}}, text("after a hard break."),
    }));
    one.blocks.push_back(para({
        text("Links: "), external("https://example.com/search?q=a&b=c d\"<>", "search & find"), text(", "),
        external("https://pauseai.info/xrisk", "risks"), text(", again "), external("https://pauseai.info/xrisk", "the same risks"),
        text(", "), link(m::LinkKind::refused, "javascript:alert(1)", {text("a script link")}), text(", "),
        link(m::LinkKind::email, "mailto:info@example.org", {text("mail us")}), text(", "),
        link(m::LinkKind::phone, "tel:+31-20-555-0100", {text("call")}), text(", "),
        link(m::LinkKind::internal, "", {text("second chapter's target")}, "second", "target"), text(", "),
        link(m::LinkKind::internal, "", {text("the second chapter")}, "second"), text(", "),
        link(m::LinkKind::internal, "", {text("a missing anchor")}, "second", "no-such-heading"), text(", "),
        link(m::LinkKind::internal, "", {text("a missing chapter")}, "no-such-chapter"), text(", "),
        link(m::LinkKind::unresolved, "/not-in-booklet", {text("a page outside the booklet")}), text(", "),
        link(m::LinkKind::external, "https://example.org/empty", {}), text(", nested "),
        link(m::LinkKind::external, "https://example.org/outer",
             {text("outer "), link(m::LinkKind::external, "https://example.org/inner", {text("inner")}), note(1, "first")}),
        text("."),
    }));
    one.blocks.push_back(para({text("Notes"), note(1, "first"), text(" and"), note(2, "second"), text(", first again"),
                               note(1, "first"), text(", and one with no text"), note(9, "ghost"), text(".")}));
    one.blocks.push_back(para({text("Images: "), image("rgb.png", "an RGB test image"), text(" "), image("lossy-alpha.webp", "a WebP"),
                               text(" "), image("small.gif", "a GIF"), text(" "), image("small.svg", "an SVG"), text(" "),
                               image("truncated.png", "a damaged PNG"), text(" "), image("", "a missing image", "/gone.png"), text(" "),
                               image("not-an-image.png", ""), text(" "), image("rgb.png", "the same RGB image again"), text(" "),
                               image("exif-orientation-6.jpg", "a photo turned by its EXIF tag")}));
    one.blocks.push_back(para({m::Inline{m::Span{"nl", {text("Dit is Nederlands.")}}, {}}, text(" "),
                               m::Inline{m::Span{"not a tag!", {text("Unknown language.")}}, {}}}));
    one.blocks.push_back(para({text("Ein deutscher Absatz, "), m::Inline{m::Span{"en", {text("with English")}}, {}},
                               text(" und "), m::Inline{m::Span{"de", {text("Deutsch")}}, {}}, text(".")}, "de"));
    one.blocks.push_back(heading(2, "dup", "Duplicate one"));
    one.blocks.push_back(heading(3, "dup", "Duplicate two"));
    one.blocks.push_back(heading(3, "a b<c>&d", "Odd id"));
    one.blocks.push_back(heading(2, "chapter-title", "Heading whose id the writer uses"));
    one.blocks.push_back(heading(2, "fn-1", "Heading whose id a footnote wants"));
    one.blocks.push_back(heading(4, "", ""));

    m::List ordered;
    ordered.ordered = true;
    ordered.start = 3;
    ordered.items.push_back({std::nullopt, {para({text("three")})}});
    ordered.items.push_back({std::nullopt, {para({text("four")})}});
    one.blocks.push_back(block(ordered));
    m::List inner;
    inner.items.push_back({std::nullopt, {para({text("nested")})}});
    m::List loose;
    loose.tight = false;
    loose.items.push_back({std::nullopt, {para({text("loose item")}), para({text("second paragraph")}), block(inner)}});
    loose.items.push_back({std::nullopt, {}});
    one.blocks.push_back(block(loose));
    m::List tasks;
    tasks.items.push_back({true, {para({text("done task")})}});
    tasks.items.push_back({false, {para({text("open task")})}});
    one.blocks.push_back(block(tasks));

    m::BlockQuote quote;
    quote.blocks.push_back(para({text("To be or not to be.")}));
    quote.attribution = {text("Shakespeare, "), m::Inline{m::Emphasis{{text("Hamlet")}}, {}}};
    one.blocks.push_back(block(quote));
    m::BlockQuote dashed;
    dashed.blocks.push_back(para({text("Quoted with a dash.")}));
    dashed.attribution = {text("\xE2\x80\x94 Someone")};
    one.blocks.push_back(block(dashed));
    m::BlockQuote outer;
    m::BlockQuote nested;
    nested.blocks.push_back(para({text("deep")}));
    outer.blocks.push_back(block(nested));
    one.blocks.push_back(block(outer));

    one.blocks.push_back(block(m::CodeBlock{"c++", "int main() { return a < b && c > d; } // ]]> <script>x</script>\n\x01\ttab"}));
    one.blocks.push_back(block(m::CodeBlock{"", ""}));

    m::Table table;
    table.columns = {m::Align::left, m::Align::center, m::Align::right, m::Align::none};
    table.header = {{{text("Left")}}, {{text("Centre")}}, {{text("Right")}}, {{text("None")}}};
    table.rows.push_back({{{text("a")}}, {{text("b & c")}}});  // short row
    table.rows.push_back({{{text("1")}}, {{text("2")}}, {{text("3")}}, {{text("4")}}, {{text("extra")}}});
    one.blocks.push_back(block(table));
    m::Table headless;
    headless.columns = {m::Align::none};
    headless.rows.push_back({{{text("no header")}}});
    one.blocks.push_back(block(headless));

    one.blocks.push_back(block(m::Figure{image_ref("interlaced.png", "a figure"), {text("A caption with "), m::Inline{m::Emphasis{{text("style")}}, {}}}}));
    one.blocks.push_back(block(m::Figure{image_ref("", "lost figure", "/missing.png"), {text("Caption of a missing figure")}}));
    one.blocks.back().node = m::Figure{[] {
        auto r = image_ref("", "lost figure", "/missing.png");
        r.url = "https://pauseai.info/missing.png";
        return r;
    }(), {text("Caption of a missing figure")}};
    one.blocks.push_back(block(m::ThematicBreak{}));
    one.blocks.push_back(block(m::Details{{text("More details")}, {para({text("Hidden text, shown open.")}), heading(3, "in-details", "Inside details")}}));
    one.blocks.push_back(para({}));

    m::Footnote f1;
    f1.label = "first";
    f1.number = 1;
    f1.blocks = {para({text("The first note, with "), external("https://example.net/note", "a link"), text(".")}), para({text("Its second paragraph.")})};
    m::Footnote f2;
    f2.label = "second";
    f2.number = 2;
    f2.blocks = {block(m::CodeBlock{"", "code first"}), para({text("then text")})};
    m::Footnote f3;
    f3.label = "unused";
    f3.number = 3;
    f3.blocks = {para({text("Never referenced.")})};
    one.footnotes = {f1, f2, f3};
    doc.chapters.push_back(std::move(one));

    // ---- chapter 2: another language, link targets
    m::Chapter two;
    two.id = "second";
    two.source = "second.md";
    two.title = "Tweede hoofdstuk";
    two.lang = "nl";
    two.blocks.push_back(heading(2, "target", "Het doel"));
    two.blocks.push_back(para({text("Terug naar "), link(m::LinkKind::internal, "", {text("het overzicht")}, "intro", "overview"),
                               text(" en "), external("https://pauseai.info/xrisk", "risico's"), text(" en "),
                               link(m::LinkKind::internal, "", {text("dit doel")}, "second", "target"), text(".")}));
    two.blocks.push_back(para({text("An English sentence.")}, "en"));
    doc.chapters.push_back(std::move(two));

    // ---- chapter 3: empty, no title
    m::Chapter three;
    three.id = "empty";
    three.source = "empty.md";
    three.lang = "en";
    doc.chapters.push_back(std::move(three));

    // ---- chapter 4: hostile id, title and language
    m::Chapter four;
    four.id = "../we<ird> id/";
    four.source = "weird.md";
    four.title = "\x02\x03";
    four.lang = "en_US!";
    four.blocks.push_back(para({text("Text in a chapter with a bad language tag.")}));
    doc.chapters.push_back(std::move(four));
    return doc;
}

}  // namespace booklet::test
