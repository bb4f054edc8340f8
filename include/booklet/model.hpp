// The document model: what a booklet says, independent of how it looks.
//
// Input:  produced by the markdown stage (booklet/markdown.hpp) from Markdown pages,
//         their front matter and raw HTML, and the manifest.
// Output: read by layout (PDF) and by the EPUB writer; never written back.
// Invariants:
//   - Plain values: no pointers into parser state, no cmark or yaml-cpp types.
//   - All text is valid UTF-8, NFC-normalised, with entities decoded.
//   - Every LinkTarget is resolved: external URLs are absolute, internal references
//     name a chapter id (and optionally a heading id) that exists in the Document.
//   - Heading ids are unique within their chapter; chapter ids are unique.
//   - Footnote numbers run 1..n per chapter in order of first reference.
// Must not: know about fonts, pages, styles or output formats.
#pragma once

#include "booklet/diagnostics.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace booklet::model {

// ---------------------------------------------------------------- links, images

enum class LinkKind {
    external,    // http(s), ftp, ...: url is absolute
    internal,    // a chapter of this booklet: chapter (+ anchor)
    email,       // url is "mailto:..."
    phone,       // url is "tel:..."
    unresolved,  // a link to a page or anchor that is not in the booklet: shown as plain text
    refused,     // a scheme a reader cannot follow from a book (javascript:, ms-settings:, ...)
                 // or a web address without a valid host: shown as plain text
};

struct LinkTarget {
    LinkKind kind = LinkKind::external;
    std::string url;      // external/email/phone: the absolute URL; unresolved, refused and
                          // internal: the href as written
    std::string chapter;  // internal: the target chapter's id
    std::string anchor;   // internal: a heading id in that chapter, "" for its start
    std::string web_url;  // internal: the target page's address on the web site (base_url +
                          // path), for citing it away from the booklet; "" for in-page
                          // anchors and when the address is not known

    friend bool operator==(const LinkTarget&, const LinkTarget&) = default;
};

struct ImageRef {
    std::string src;             // as written in the page
    std::string url;             // absolute URL for citation (remote src, or site-relative resolved
                                 // against base_url); "" when the image is a plain local file
    std::filesystem::path file;  // the local file found; empty when missing or remote
    std::string alt;
    std::string title;
    int width_hint = 0;          // from an HTML width attribute in CSS px, 0 = none
    friend bool operator==(const ImageRef&, const ImageRef&) = default;
};

// ---------------------------------------------------------------- inlines

struct Inline;
using Inlines = std::vector<Inline>;

struct Text {
    std::string text;
    friend bool operator==(const Text&, const Text&) = default;
};
struct Emphasis {
    Inlines children;
    friend bool operator==(const Emphasis&, const Emphasis&) = default;
};
struct Strong {
    Inlines children;
    friend bool operator==(const Strong&, const Strong&) = default;
};
struct Strikethrough {
    Inlines children;
    friend bool operator==(const Strikethrough&, const Strikethrough&) = default;
};
struct Superscript {
    Inlines children;
    friend bool operator==(const Superscript&, const Superscript&) = default;
};
struct Subscript {
    Inlines children;
    friend bool operator==(const Subscript&, const Subscript&) = default;
};
struct Code {
    std::string text;
    friend bool operator==(const Code&, const Code&) = default;
};
struct Link {
    LinkTarget target;
    Inlines children;
    std::string title;
    friend bool operator==(const Link&, const Link&) = default;
};
struct Image {
    ImageRef image;
    friend bool operator==(const Image&, const Image&) = default;
};
struct LineBreak {  // hard break: Markdown trailing backslash/two spaces, HTML <br>
    friend bool operator==(const LineBreak&, const LineBreak&) = default;
};
struct SoftBreak {  // a newline inside a paragraph: a space for typesetting
    friend bool operator==(const SoftBreak&, const SoftBreak&) = default;
};
struct FootnoteRef {
    std::string label;  // as written: [^label]
    int number = 0;     // 1-based, per chapter, in order of first reference
    friend bool operator==(const FootnoteRef&, const FootnoteRef&) = default;
};
// A passage in another language than its surroundings (HTML lang="...").
struct Span {
    std::string lang;   // BCP 47
    Inlines children;
    friend bool operator==(const Span&, const Span&) = default;
};

struct Inline {
    std::variant<Text, Emphasis, Strong, Strikethrough, Superscript, Subscript, Code, Link, Image,
                 LineBreak, SoftBreak, FootnoteRef, Span>
        node;
    SourcePos pos;
    friend bool operator==(const Inline&, const Inline&) = default;
};

// The text a reader sees in inlines: text and code as written, breaks as spaces,
// images by their alt text, footnote calls left out. Appended to `out` as is.
inline void append_plain_text(const Inlines& inlines, std::string& out, int depth = 0) {
    if (depth > 256) return;  // the markdown stage bounds nesting far below this
    for (const Inline& in : inlines) {
        std::visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, Text> || std::is_same_v<T, Code>) out += n.text;
                else if constexpr (std::is_same_v<T, LineBreak> || std::is_same_v<T, SoftBreak>) out += ' ';
                else if constexpr (std::is_same_v<T, Image>) out += n.image.alt;
                else if constexpr (std::is_same_v<T, FootnoteRef>) return;
                else append_plain_text(n.children, out, depth + 1);
            },
            in.node);
    }
}

// The bytes of model text in inlines: their Text and Code nodes in document order,
// nested ones included, nothing else (no breaks, alt texts or footnote calls). The
// page map (booklet/page_map.hpp) counts offsets in these bytes, so that layout and
// the EPUB writer name one place in a paragraph the same way.
inline std::size_t text_bytes(const Inlines& inlines, int depth = 0) {
    if (depth > 256) return 0;  // as append_plain_text
    std::size_t n = 0;
    for (const Inline& in : inlines) {
        std::visit(
            [&](const auto& node) {
                using T = std::decay_t<decltype(node)>;
                if constexpr (std::is_same_v<T, Text> || std::is_same_v<T, Code>) n += node.text.size();
                else if constexpr (requires { node.children; }) n += text_bytes(node.children, depth + 1);
            },
            in.node);
    }
    return n;
}

// Every run of white space made one space, and none at the ends.
inline std::string collapse_spaces(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// The plain text with collapsed spaces: link texts for citations, titles for
// outlines and contents.
inline std::string plain_text(const Inlines& inlines) {
    std::string raw;
    append_plain_text(inlines, raw);
    return collapse_spaces(raw);
}

// ---------------------------------------------------------------- blocks

struct Block;
using Blocks = std::vector<Block>;

struct Heading {
    int level = 1;      // 1..6 as in the source; the chapter title is not a Heading
    std::string id;     // unique in the chapter: from {#id} or slugified text
    Inlines content;
    std::string explicit_id;  // the {#id} (or HTML id="") as written, "" when slugified;
                              // differs from id only when it was taken already
    friend bool operator==(const Heading&, const Heading&) = default;
};
struct Paragraph {  // Whether a paragraph is a label that leads into the block after it, so that no
    Inlines content;
    friend bool operator==(const Paragraph&, const Paragraph&) = default;
};
// page or column may end between the two: a few words set wholly in strong
// emphasis ("**Upcoming**", "**If you like to socialize:**"), a heading in all but
// name. A longer sentence in bold, or one ending with a colon, may end a page as any
// paragraph may (as in LaTeX, which even favours a break before a list): keeping
// those too cost pages that end lines early and spills nothing pulls back.
// Layout keeps a label with what follows; the EPUB asks readers to.
inline constexpr std::size_t kLabelMaxWords = 12;
inline bool introduces_next(const Paragraph& p) {
    bool strong = false;
    for (const Inline& in : p.content) {
        if (std::holds_alternative<Strong>(in.node)) strong = true;
        else if (const auto* t = std::get_if<Text>(&in.node)) {
            if (t->text.find_first_not_of(" \t\n") != std::string::npos) return false;
        } else if (!std::holds_alternative<SoftBreak>(in.node) && !std::holds_alternative<LineBreak>(in.node) &&
                   !std::holds_alternative<FootnoteRef>(in.node))
            return false;
    }
    if (!strong) return false;
    const std::string text = plain_text(p.content);
    return !text.empty() && static_cast<std::size_t>(std::count(text.begin(), text.end(), ' ')) < kLabelMaxWords;
}
struct ListItem {
    std::optional<bool> task;  // GFM task list item: checked or not
    Blocks blocks;
    friend bool operator==(const ListItem&, const ListItem&) = default;
};
struct List {
    bool ordered = false;
    int start = 1;      // first number of an ordered list
    bool tight = true;  // no blank lines between items
    std::vector<ListItem> items;
    friend bool operator==(const List&, const List&) = default;
};
struct BlockQuote {
    Blocks blocks;
    Inlines attribution;  // "— Name, Source" split off the quote; empty when none
    friend bool operator==(const BlockQuote&, const BlockQuote&) = default;
};
struct CodeBlock {
    std::string language;  // info string's first word, may be empty
    std::string text;      // verbatim, ends without a trailing newline
    friend bool operator==(const CodeBlock&, const CodeBlock&) = default;
};
enum class Align { none, left, center, right };
struct TableCell {
    Inlines content;
    friend bool operator==(const TableCell&, const TableCell&) = default;
};
struct Table {
    std::vector<Align> columns;  // one per column
    std::vector<TableCell> header;
    std::vector<std::vector<TableCell>> rows;  // each row has columns.size() cells
    friend bool operator==(const Table&, const Table&) = default;
};
struct Figure {
    ImageRef image;
    Inlines caption;  // from the title, an HTML caption/figcaption, or the alt text
    friend bool operator==(const Figure&, const Figure&) = default;
};
struct ThematicBreak {
    friend bool operator==(const ThematicBreak&, const ThematicBreak&) = default;
};
struct Details {  // HTML <details>: rendered open on paper
    Inlines summary;
    Blocks blocks;
    friend bool operator==(const Details&, const Details&) = default;
};

struct Block {
    std::variant<Heading, Paragraph, List, BlockQuote, CodeBlock, Table, Figure, ThematicBreak, Details>
        node;
    SourcePos pos;
    std::string lang;  // set when the block's language differs from the chapter's
    friend bool operator==(const Block&, const Block&) = default;
};

struct Footnote {
    std::string label;
    int number = 0;
    Blocks blocks;
    SourcePos pos;
    friend bool operator==(const Footnote&, const Footnote&) = default;
};

// ---------------------------------------------------------------- chapters, document

// Which content a chapter holds, as far as one process can tell without comparing
// it: two chapters with the same nonzero stamp hold the same content. A watch
// session's Markdown stage (markdown::KeptPages) gives a chapter its last build's
// stamp when it is that build's chapter again (the same page, converted and its
// links resolved against the same headings), a new one otherwise; 0 is unknown.
// Layout and the EPUB writer then tell the chapters they can reuse without
// comparing them whole (same_content; comparing the corpus's 74 unchanged
// chapters took layout 1.5-5.6 ms of a rebuild).
// Not part of what a chapter is: it takes no part in == (a stamp is no content),
// nor in what is hashed of a document.
struct ContentStamp {
    std::uint64_t value = 0;
    friend bool operator==(const ContentStamp&, const ContentStamp&) { return true; }
    bool known_same(const ContentStamp& other) const { return value != 0 && value == other.value; }
};

struct Chapter {
    std::string id;                    // unique, from the file name: "digital-brains"
    std::filesystem::path source;      // the Markdown file
    std::string title;                 // front matter title, else the first H1 (then removed from blocks)
    std::string description;
    std::string date;                  // as written, ISO 8601 when the source is
    std::string lang;                  // BCP 47; the document language unless front matter says otherwise
    std::map<std::string, std::string> front_matter;  // every other key, its value as YAML text
    Blocks blocks;
    std::vector<Footnote> footnotes;   // in number order
    ContentStamp stamp;                // set by a session's Markdown stage; 0 elsewhere
    friend bool operator==(const Chapter&, const Chapter&) = default;
};

// Whether two chapters hold the same content: known from their stamps in a
// session's rebuild, else compared (the layout's and the EPUB's kept work ask).
inline bool same_content(const Chapter& was, const Chapter& now) {
    return was.stamp.known_same(now.stamp) || was == now;
}

// What the book says about itself, from its manifest (source::Manifest derives
// from this type).
struct Metadata {
    std::string title;
    std::string subtitle;
    std::vector<std::string> authors;
    std::string language = "en";       // BCP 47
    std::string base_url;              // for site-relative links: "https://pauseai.info" (absolute
                                       // http(s), no trailing slash), or ""
    std::string date;                  // YYYY-MM-DD or empty
    std::string identifier;            // stable id for the EPUB: from the manifest, else derived
    std::string license;               // the content's licence from the manifest ("CC BY 4.0"), may be empty
    std::filesystem::path cover;       // cover image file, empty when none
    std::string qr;                    // URL to print as a QR code, empty when none
    std::string style;                 // style name or file from the manifest, may be empty
    std::map<std::string, std::vector<std::string>> labels;  // the manifest's overrides of the
                                       // book's words (booklet/words.hpp, words::Entries), checked
                                       // against words::entry_names()

    friend bool operator==(const Metadata&, const Metadata&) = default;
};

struct Document {
    Metadata meta;
    std::vector<Chapter> chapters;

    // The model is header-only so that every stage can read it without linking
    // the stage that builds it.
    const Chapter* find_chapter(const std::string& id) const {
        for (const auto& c : chapters)
            if (c.id == id) return &c;
        return nullptr;
    }
    friend bool operator==(const Document&, const Document&) = default;
};

}  // namespace booklet::model
