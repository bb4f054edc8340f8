#include "booklet/dump.hpp"
#include "names.hpp"

namespace booklet::dump {
namespace {

// Quoted as in the JSON dump, so a control character in the source shows as an
// escape rather than disturbing the tree.
std::string text_literal(std::string_view s) { return json_string(s); }

std::string target(const model::LinkTarget& t) {
    switch (t.kind) {
        case model::LinkKind::external: return "external " + text_literal(t.url);
        case model::LinkKind::internal: return "internal " + t.chapter + (t.anchor.empty() ? "" : "#" + t.anchor);
        case model::LinkKind::email: return "email " + text_literal(t.url);
        case model::LinkKind::phone: return "phone " + text_literal(t.url);
        case model::LinkKind::unresolved: return "unresolved " + text_literal(t.url);
        case model::LinkKind::refused: return "refused " + text_literal(t.url);
    }
    return {};
}

std::string image(const model::ImageRef& img) {
    std::string s = "src=" + text_literal(img.src);
    if (!img.file.empty()) s += " file=" + text_literal(img.file.generic_string());
    if (!img.url.empty()) s += " url=" + text_literal(img.url);
    if (!img.alt.empty()) s += " alt=" + text_literal(img.alt);
    if (!img.title.empty()) s += " title=" + text_literal(img.title);
    if (img.width_hint > 0) s += " width=" + std::to_string(img.width_hint);
    return s;
}

class Tree {
public:
    std::string out;

    void line(int depth, const std::string& text, const SourcePos& pos = {}) {
        out.append(static_cast<std::size_t>(depth) * 2, ' ');
        out += text;
        if (pos.line > 0) out += " @" + std::to_string(pos.line);
        out += '\n';
    }

    void inlines(int d, const model::Inlines& list) {
        for (const auto& in : list) inline_node(d, in);
    }

    void inline_node(int d, const model::Inline& in) {
        std::visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, model::Text>) line(d, "Text " + text_literal(n.text));
                else if constexpr (std::is_same_v<T, model::Code>) line(d, "Code " + text_literal(n.text));
                else if constexpr (std::is_same_v<T, model::Emphasis>) { line(d, "Emphasis"); inlines(d + 1, n.children); }
                else if constexpr (std::is_same_v<T, model::Strong>) { line(d, "Strong"); inlines(d + 1, n.children); }
                else if constexpr (std::is_same_v<T, model::Strikethrough>) { line(d, "Strikethrough"); inlines(d + 1, n.children); }
                else if constexpr (std::is_same_v<T, model::Superscript>) { line(d, "Superscript"); inlines(d + 1, n.children); }
                else if constexpr (std::is_same_v<T, model::Subscript>) { line(d, "Subscript"); inlines(d + 1, n.children); }
                else if constexpr (std::is_same_v<T, model::Link>) {
                    line(d, "Link " + target(n.target) + (n.title.empty() ? "" : " title=" + text_literal(n.title)), in.pos);
                    inlines(d + 1, n.children);
                } else if constexpr (std::is_same_v<T, model::Image>) line(d, "Image " + image(n.image), in.pos);
                else if constexpr (std::is_same_v<T, model::LineBreak>) line(d, "LineBreak");
                else if constexpr (std::is_same_v<T, model::SoftBreak>) line(d, "SoftBreak");
                else if constexpr (std::is_same_v<T, model::FootnoteRef>)
                    line(d, "FootnoteRef " + std::to_string(n.number) + " [^" + n.label + "]");
                else if constexpr (std::is_same_v<T, model::Span>) { line(d, "Span lang=" + n.lang); inlines(d + 1, n.children); }
            },
            in.node);
    }

    void blocks(int d, const model::Blocks& list) {
        for (const auto& b : list) block(d, b);
    }

    void block(int d, const model::Block& b) {
        const std::string lang = b.lang.empty() ? "" : " lang=" + b.lang;
        std::visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, model::Heading>) {
                    line(d, "Heading " + std::to_string(n.level) + " #" + n.id + lang, b.pos);
                    inlines(d + 1, n.content);
                } else if constexpr (std::is_same_v<T, model::Paragraph>) {
                    line(d, "Paragraph" + lang, b.pos);
                    inlines(d + 1, n.content);
                } else if constexpr (std::is_same_v<T, model::List>) {
                    std::string head = n.ordered ? "List ordered start=" + std::to_string(n.start) : "List bullet";
                    head += n.tight ? " tight" : " loose";
                    line(d, head + lang, b.pos);
                    for (const auto& item : n.items) {
                        line(d + 1, item.task ? (*item.task ? "Item [x]" : "Item [ ]") : "Item");
                        blocks(d + 2, item.blocks);
                    }
                } else if constexpr (std::is_same_v<T, model::BlockQuote>) {
                    line(d, "BlockQuote" + lang, b.pos);
                    blocks(d + 1, n.blocks);
                    if (!n.attribution.empty()) {
                        line(d + 1, "Attribution");
                        inlines(d + 2, n.attribution);
                    }
                } else if constexpr (std::is_same_v<T, model::CodeBlock>) {
                    line(d, "CodeBlock" + (n.language.empty() ? std::string() : " " + n.language) + lang, b.pos);
                    line(d + 1, text_literal(n.text));
                } else if constexpr (std::is_same_v<T, model::Table>) {
                    std::string cols;
                    for (auto a : n.columns) cols += std::string(cols.empty() ? "" : ",") + align_name(a);
                    line(d, "Table columns=" + cols + lang, b.pos);
                    if (!n.header.empty()) {
                        line(d + 1, "Header");
                        for (const auto& c : n.header) { line(d + 2, "Cell"); inlines(d + 3, c.content); }
                    }
                    for (const auto& row : n.rows) {
                        line(d + 1, "Row");
                        for (const auto& c : row) { line(d + 2, "Cell"); inlines(d + 3, c.content); }
                    }
                } else if constexpr (std::is_same_v<T, model::Figure>) {
                    line(d, "Figure " + image(n.image) + lang, b.pos);
                    if (!n.caption.empty()) {
                        line(d + 1, "Caption");
                        inlines(d + 2, n.caption);
                    }
                } else if constexpr (std::is_same_v<T, model::ThematicBreak>) {
                    line(d, "ThematicBreak" + lang, b.pos);
                } else if constexpr (std::is_same_v<T, model::Details>) {
                    line(d, "Details" + lang, b.pos);
                    line(d + 1, "Summary");
                    inlines(d + 2, n.summary);
                    blocks(d + 1, n.blocks);
                }
            },
            b.node);
    }
};

}  // namespace

std::string model_tree(const model::Document& document) {
    Tree t;
    const auto& m = document.meta;
    t.line(0, "Document " + text_literal(m.title) + " lang=" + m.language);
    if (!m.subtitle.empty()) t.line(1, "subtitle " + text_literal(m.subtitle));
    for (const auto& a : m.authors) t.line(1, "author " + text_literal(a));
    if (!m.base_url.empty()) t.line(1, "base_url " + text_literal(m.base_url));
    if (!m.date.empty()) t.line(1, "date " + m.date);
    t.line(1, "identifier " + text_literal(m.identifier));
    if (!m.cover.empty()) t.line(1, "cover " + text_literal(m.cover.generic_string()));
    if (!m.qr.empty()) t.line(1, "qr " + text_literal(m.qr));
    if (!m.style.empty()) t.line(1, "style " + text_literal(m.style));
    for (const auto& ch : document.chapters) {
        t.line(1, "Chapter " + ch.id + " lang=" + ch.lang + " source=" + text_literal(ch.source.generic_string()));
        t.line(2, "title " + text_literal(ch.title));
        if (!ch.description.empty()) t.line(2, "description " + text_literal(ch.description));
        if (!ch.date.empty()) t.line(2, "date " + text_literal(ch.date));
        for (const auto& [k, v] : ch.front_matter) t.line(2, "front_matter " + k + "=" + text_literal(v));
        t.blocks(2, ch.blocks);
        for (const auto& fn : ch.footnotes) {
            t.line(2, "Footnote " + std::to_string(fn.number) + " [^" + fn.label + "]", fn.pos);
            t.blocks(3, fn.blocks);
        }
    }
    return std::move(t.out);
}

}  // namespace booklet::dump
