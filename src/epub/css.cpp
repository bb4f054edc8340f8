// The style sheet, generated from the same Style the PDF uses. Sizes are relative
// (em against the body size, unitless line heights) so that the reader's own text
// size setting keeps working; no widths are fixed, so a 6-inch screen gets the
// same proportions as a tablet.
#include "book.hpp"

#include <charconv>

namespace booklet::epub::detail {

namespace {

// Locale-independent, at most three decimals, no trailing zeros.
std::string number(double v) {
    const double rounded = static_cast<double>(static_cast<long long>(v * 1000 + (v < 0 ? -0.5 : 0.5))) / 1000;
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed, 3);
    std::string s(buf, r.ptr);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s == "-0" ? "0" : s;
}

std::string em(Sp length, Sp relative_to) {
    if (relative_to <= 0) return "0";
    const std::string n = number(static_cast<double>(length) / static_cast<double>(relative_to));
    return n == "0" ? "0" : n + "em";
}

std::string hex(Color c) {
    static const char* digits = "0123456789abcdef";
    std::string s = "#";
    for (std::uint8_t v : {c.r, c.g, c.b}) {
        s += digits[v >> 4];
        s += digits[v & 15];
    }
    return s;
}

// A family name as a CSS string: only characters that need no escaping.
std::string css_family(const std::string& name) {
    std::string out;
    for (char c : name)
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '_')
            out += c;
    return out.empty() ? "" : "\"" + out + "\"";
}

std::string stack(const Book& book, style::FontRole role) {
    const style::Fonts& f = book.style.fonts;
    const style::FontFamily& family = role == style::FontRole::mono ? f.mono : role == style::FontRole::heading ? f.heading : f.body;
    std::string s = css_family(family.name);
    for (const std::string& fallback : book.fallback_families) s += (s.empty() ? "" : ", ") + css_family(fallback);
    const char* generic = role == style::FontRole::mono ? "monospace" : role == style::FontRole::heading ? "sans-serif" : "serif";
    return s + (s.empty() ? "" : ", ") + generic;
}

// Left and right in a style mean start and end: mirrored in a right-to-left book.
// A language that reading systems justify only at its spaces is set ragged.
const char* align(style::Align a, bool rtl, bool justify) {
    switch (a) {
    case style::Align::justify: return justify ? "justify" : rtl ? "right" : "left";
    case style::Align::left: return rtl ? "right" : "left";
    case style::Align::center: return "center";
    case style::Align::right: return rtl ? "left" : "right";
    }
    return "left";
}

// One rule for a kind of block; `base` is the size its em are relative to (the
// parent's), `first_indent` is left to the caller (it applies between paragraphs).
std::string block_rule(const Book& book, const std::string& selector, const style::TextStyle& t, Sp base, bool set_family = true) {
    const Sp size = t.size > 0 ? t.size : base;
    std::string r = selector + " {\n";
    if (set_family) r += "  font-family: " + stack(book, t.font) + ";\n";
    if (size != base) r += "  font-size: " + em(size, base) + ";\n";
    r += "  line-height: " + number(t.leading > 0 && size > 0 ? static_cast<double>(t.leading) / static_cast<double>(size) : 1.3) + ";\n";
    r += std::string("  font-weight: ") + (t.bold ? "bold" : "normal") + ";\n";
    r += std::string("  font-style: ") + (t.italic ? "italic" : "normal") + ";\n";
    if (selector != "body") {  // the reader owns the page margins
        r += "  margin-top: " + em(t.space_before, size) + ";\n";
        r += "  margin-bottom: " + em(t.space_after, size) + ";\n";
    }
    r += std::string("  text-align: ") +
         align(t.align, words::right_to_left(book.lang), !words::justified_only_at_spaces(book.lang)) + ";\n";
    const char* hyphens = t.hyphenate ? "auto" : "manual";
    r += std::string("  -webkit-hyphens: ") + hyphens + ";\n  -epub-hyphens: " + hyphens + ";\n  hyphens: " + hyphens + ";\n";
    if (t.color != kBlack) r += "  color: " + hex(t.color) + ";\n";
    if (t.uppercase) r += "  text-transform: uppercase;\n";
    return r + "}\n";
}

}  // namespace

std::string render_css(const Book& book) {
    const style::Style& s = book.style;
    // Indents, rules and alignment stand at the start edge: the left, or the right
    // in a right-to-left book. Physical properties, mirrored, rather than logical
    // ones (margin-inline-start), which older reading systems ignore.
    const bool rtl = words::right_to_left(book.lang);
    const std::string start = rtl ? "right" : "left", end = rtl ? "left" : "right";
    const Sp body = s.body.size > 0 ? s.body.size : sp_from_pt(10);
    std::string name;  // without '*' and '/', so a style name cannot end the comment
    for (char c : clean_text(s.name))
        if (c != '*' && c != '/') name += c;
    std::string css = "/* Generated by booklet from the style \"" + name + "\". */\n";

    for (const FontFace& f : book.font_faces) {
        css += "@font-face {\n  font-family: " + css_family(f.family) + ";\n  src: url(\"../" + f.href + "\");\n";
        css += std::string("  font-weight: ") + (f.bold ? "bold" : "normal") + ";\n";
        css += std::string("  font-style: ") + (f.italic ? "italic" : "normal") + ";\n}\n";
    }

    // The body sets the family, leading and colour; its size stays the reader's.
    css += block_rule(book, "body", s.body, body);
    // Nothing may reach past the screen's edge at any type size: a word too long
    // for its line (an address, a wallet, an identifier, a long compound in a big
    // heading) breaks where it must, and only there. `anywhere` (unlike
    // break-word) also lets table columns and other boxes sized by their content
    // become as narrow as the screen needs; word-break is the older engines' form.
    css += "body {\n  overflow-wrap: anywhere;\n  word-wrap: break-word;\n  word-break: break-word;\n}\n";
    css += "p {\n  margin: 0 0 " + em(s.body.space_after + s.paragraph_spacing, body) + " 0;\n  text-indent: 0;\n}\n";
    if (s.body.first_indent > 0) css += "p + p {\n  text-indent: " + em(s.body.first_indent, body) + ";\n}\n";
    // A paragraph that leads into the next block (model::introduces_next) keeps with it as a heading does.
    css += "h1, h2, h3, h4, h5, h6, p.lead-in {\n  page-break-after: avoid;\n  break-after: avoid;\n}\n";
    css += block_rule(book, "h1.chapter-title", s.chapter_title, body);
    for (int level = 1; level <= 6; ++level)
        css += block_rule(book, "h" + std::to_string(level), s.headings[static_cast<std::size_t>(level - 1)], body);
    // An address broken with a hyphen reads as a different address.
    css += "a {\n  color: " + hex(s.link_color) + ";\n  -webkit-hyphens: manual;\n  -epub-hyphens: manual;\n  hyphens: manual;\n}\n";

    css += block_rule(book, "pre", s.code, body);
    css += "pre {\n  white-space: pre-wrap;\n  overflow-wrap: anywhere;\n  text-align: left;\n}\n";  // code reads left to right
    const Sp code = s.code.size > 0 ? s.code.size : body;
    css += "code {\n  font-family: " + stack(book, style::FontRole::mono) + ";\n  font-size: " + em(code, body) + ";\n}\n";
    css += "pre code {\n  font-size: 1em;\n}\n";

    css += block_rule(book, "blockquote", s.quote, body);
    css += "blockquote {\n  margin-" + start + ": " + em(s.quote_indent, s.quote.size > 0 ? s.quote.size : body) + ";\n  margin-" + end + ": 0;\n}\n";
    css += "figure.quote {\n  margin: 0;\n}\n";
    css += block_rule(book, "figcaption.attribution", s.attribution, body);

    css += "figure {\n  margin: 1em 0;\n  text-align: center;\n  page-break-inside: avoid;\n  break-inside: avoid;\n}\n";
    css += block_rule(book, "figcaption", s.caption, body);
    // Never wider than the column nor taller than the screen: a tall picture fits
    // one page whole (the proportions stay, width and height both follow).
    css += "img {\n  width: auto;\n  height: auto;\n  max-width: 100%;\n  max-height: 95vh;\n}\n";
    css += ".image-missing {\n  font-style: italic;\n  overflow-wrap: anywhere;\n}\n";

    // Paged readers cannot scroll sideways: a table is as wide as the column at
    // most and its cells wrap (body's overflow-wrap lets a column shrink below
    // its longest word); on a narrow screen each row stacks its cells.
    css += ".table {\n  margin: 1em 0;\n}\n";
    css += block_rule(book, "table", s.table, body);
    css += "table {\n  border-collapse: collapse;\n  max-width: 100%;\n}\n";
    css += "th, td {\n  border: 1px solid " + hex(s.rule_color) + ";\n  padding: 0.2em 0.4em;\n  vertical-align: top;\n  text-align: " + start + ";\n}\n";
    css += "th {\n  font-weight: bold;\n}\n";
    css += "th, td {\n  overflow-wrap: anywhere;\n  -webkit-hyphens: auto;\n  hyphens: auto;\n}\n";
    css += ".align-left {\n  text-align: left;\n}\n.align-center {\n  text-align: center;\n}\n.align-right {\n  text-align: right;\n}\n";

    css += "ul, ol {\n  margin: 0.5em 0;\n  padding-" + start + ": " + em(s.list_indent, body) + ";\n}\n";
    css += "ul.tasks, ol.tasks {\n  list-style: none;\n}\n";
    css += "hr {\n  border: 0;\n  border-top: 1px solid " + hex(s.rule_color) + ";\n  margin: 1.5em 25%;\n}\n";
    css += ".details {\n  margin: 1em 0;\n  padding-" + start + ": 0.8em;\n  border-" + start + ": 2px solid " + hex(s.rule_color) + ";\n}\n";
    css += ".details > .summary {\n  font-weight: bold;\n}\n";

    css += "sup.noteref {\n  font-size: 0.75em;\n  line-height: 0;\n}\nsup.noteref a {\n  text-decoration: none;\n}\n";
    css += block_rule(book, "aside.footnote", s.footnote, body);
    css += "section + aside.footnote {\n  border-top: 1px solid " + hex(s.rule_color) + ";\n  margin-top: 2em;\n  padding-top: 0.5em;\n}\n";
    css += "a.backlink, .note-number {\n  font-weight: bold;\n  text-decoration: none;\n}\n";

    // Room for the widest entry number ("924.") inside the list's margin: with the
    // ordinary list indent a three-digit number ran past the screen's edge at 360 px.
    const std::size_t digits = std::to_string(book.cites.sources.size()).size();
    css += "ol.sources {\n  padding-" + start + ": " + std::to_string(digits * 6 / 10 + 1) + "." +
           std::to_string(digits * 6 % 10) + "em;\n}\n";
    css += "ol.sources a.url {\n  overflow-wrap: break-word;\n  word-break: break-all;\n}\n";
    css += ".sources-intro {\n  font-style: italic;\n}\n";
    css += "nav ol {\n  list-style: none;\n  padding-" + start + ": 1em;\n}\n";

    css += ".cover {\n  margin: 0;\n  padding: 0;\n  text-align: center;\n}\n";
    css += ".title-page {\n  margin-top: 20%;\n  text-align: center;\n}\n";
    css += block_rule(book, ".title-page .title", s.title_page_title, body);
    css += block_rule(book, ".title-page .subtitle", s.title_page_subtitle, body);
    css += block_rule(book, ".title-page .authors, .title-page .date", s.title_page_meta, body);
    return css;
}

}  // namespace booklet::epub::detail
