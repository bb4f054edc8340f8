#include "convert.hpp"

#include "builder.hpp"
#include "html.hpp"
#include "text.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
// For footnote labels: cmark-gfm 0.29 keeps a reference's definition and the
// definition's label only in the node struct (installed by libcmark-gfm-dev).
#include <cmark-gfm/node.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

namespace booklet::markdown {
namespace {

// ---------------------------------------------------------------- RAII for cmark

struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

NodePtr parse(std::string_view body) {
    // cmark-gfm (0.29) marks its extensions' characters in tables of the whole
    // process for the length of each parse and unmarks them after: two parses at
    // once would take each other's marks away. Pages converted side by side
    // (build_document) parse one at a time; parsing is a quarter of converting.
    static std::mutex one_parse_at_a_time;
    const std::lock_guard<std::mutex> hold(one_parse_at_a_time);
    // Registration is idempotent; no state of ours.
    cmark_gfm_core_extensions_ensure_registered();
    // No CMARK_OPT_SMART: quotation marks and dashes are set by one pass over the
    // whole model (typography.cpp), in the language's style.
    const int options = CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE;
    ParserPtr parser(cmark_parser_new(options));
    for (const char* name : {"table", "strikethrough", "autolink", "tasklist"})
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser.get(), ext);
    cmark_parser_feed(parser.get(), body.data(), body.size());
    return NodePtr(cmark_parser_finish(parser.get()));
}

// Extension node types are not exported in the installed headers; their type
// strings are part of the public API.
bool type_is(cmark_node* n, const char* name) { return std::strcmp(cmark_node_get_type_string(n), name) == 0; }

std::string literal(cmark_node* n) {
    const char* s = cmark_node_get_literal(n);
    return s ? s : "";
}

std::string footnote_label(cmark_node* definition) {
    return std::string(reinterpret_cast<const char*>(definition->as.literal.data),
                       static_cast<std::size_t>(definition->as.literal.len));
}

// "Title {#custom-id}" at the end of a heading: the id is taken out of the text.
std::string take_explicit_id(model::Inlines& content) {
    if (content.empty()) return {};
    auto* t = std::get_if<model::Text>(&content.back().node);
    if (!t) return {};
    std::string& s = t->text;
    std::size_t end = s.find_last_not_of(" \t");
    if (end == std::string::npos || s[end] != '}') return {};
    const std::size_t open = s.rfind("{#", end);
    if (open == std::string::npos) return {};
    const std::string id = s.substr(open + 2, end - open - 2);
    if (id.empty()) return {};
    for (char c : id) {
        const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.';
        if (!ok) return {};
    }
    s.erase(open);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    if (s.empty()) content.pop_back();
    return id;
}

class Converter {
public:
    Converter(PageContext& ctx, std::string_view body) : ctx_(ctx), body_(body) {}

    ConvertedPage run() {
        NodePtr doc = parse(body_);
        ConvertedPage out;
        out.blocks = container(doc.get(), 0);
        // Definitions live at the end of the document; a definition is kept only
        // when something refers to it (the renumbering pass drops the rest).
        for (cmark_node* def : definitions_) {
            model::Footnote fn;
            fn.label = footnote_label(def);
            fn.pos = pos_of(def);
            fn.blocks = container(def, 1);
            out.footnotes.push_back(std::move(fn));
        }
        return out;
    }

private:
    SourcePos pos_of(cmark_node* n) const {
        return ctx_.at(cmark_node_get_start_line(n), cmark_node_get_start_column(n));
    }

    // Positions of the HTML tokens of a node's literal, in one pass over it: tokens
    // come in order, and a scan from the start for each made a long HTML block
    // quadratic (100,000 <div> on a line took 20 s).
    template <class F>
    void each_token(cmark_node* n, const std::string& text, F&& with) const {
        const int first_line = cmark_node_get_start_line(n);
        int line = first_line, column = cmark_node_get_start_column(n);
        std::size_t line_start = 0, scanned = 0;
        for (const auto& token : html::tokenize(text)) {
            for (; scanned < token.offset && scanned < text.size(); ++scanned) {
                if (text[scanned] != '\n') continue;
                ++line;
                line_start = scanned + 1;
                column = 1;
            }
            with(token, first_line <= 0 ? ctx_.at(0, 0)
                                        : ctx_.at(line, column + static_cast<int>(token.offset - line_start)));
        }
    }

    static bool only_html(cmark_node* paragraph) {
        bool any = false;
        for (cmark_node* c = cmark_node_first_child(paragraph); c; c = cmark_node_next(c)) {
            const cmark_node_type t = cmark_node_get_type(c);
            if (t == CMARK_NODE_HTML_INLINE) any = true;
            else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) continue;
            else if (t == CMARK_NODE_TEXT && is_blank(literal(c))) continue;
            else return false;
        }
        return any;
    }

    static bool is_container(cmark_node* n) {
        const cmark_node_type t = cmark_node_get_type(n);
        return t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_LIST || t == CMARK_NODE_ITEM || type_is(n, "tasklist");
    }

    // Visits the children of `parent` in order. A child nested too deep (says
    // `too_deep`) is not visited itself: its children take its place. The explicit
    // stack keeps neither this code nor later stages from recursing without bound.
    template <class TooDeep, class Visit>
    static void walk_flattened(cmark_node* parent, TooDeep too_deep, Visit visit) {
        std::vector<cmark_node*> work;
        const auto push_children = [&](cmark_node* p) {
            std::vector<cmark_node*> kids;
            for (cmark_node* c = cmark_node_first_child(p); c; c = cmark_node_next(c)) kids.push_back(c);
            for (auto it = kids.rbegin(); it != kids.rend(); ++it) work.push_back(*it);
        };
        push_children(parent);
        while (!work.empty()) {
            cmark_node* n = work.back();
            work.pop_back();
            if (too_deep(n)) push_children(n);
            else visit(n);
        }
    }

    model::Blocks container(cmark_node* parent, int depth) {
        BlockBuilder bb(ctx_, depth);
        walk_flattened(
            parent, [&](cmark_node* n) { return is_container(n) && bb.depth() >= kMaxBlockDepth; },
            [&](cmark_node* n) { block(n, bb); });
        return bb.finish();
    }

    void block(cmark_node* n, BlockBuilder& bb) {
        const SourcePos pos = pos_of(n);
        const int depth = bb.depth() + 1;
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_PARAGRAPH: {
                if (bb.dropping() && !only_html(n)) return;
                // A "paragraph" of nothing but tags ("</span></div>" on a line of its
                // own) is block structure that cmark did not recognise as an HTML block.
                if (only_html(n)) {
                    for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
                        if (cmark_node_get_type(c) != CMARK_NODE_HTML_INLINE) continue;
                        const std::string text = literal(c);
                        each_token(c, text, [&](const html::Token& t, const SourcePos& at) { bb.html(t, at); });
                    }
                    return;
                }
                bb.add_paragraph(inlines(n, depth), pos);
                return;
            }
            case CMARK_NODE_HEADING: {
                model::Heading h;
                h.level = cmark_node_get_heading_level(n);
                h.content = inlines(n, depth);
                h.explicit_id = take_explicit_id(h.content);
                bb.add_block(model::Block{std::move(h), pos, {}});
                return;
            }
            case CMARK_NODE_BLOCK_QUOTE: {
                model::BlockQuote q;
                q.blocks = container(n, depth);
                split_attribution(q);
                bb.add_block(model::Block{std::move(q), pos, {}});
                return;
            }
            case CMARK_NODE_LIST: {
                model::List list;
                list.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
                list.start = list.ordered ? cmark_node_get_list_start(n) : 1;
                list.tight = cmark_node_get_list_tight(n) != 0;
                for (cmark_node* item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
                    model::ListItem li;
                    if (type_is(item, "tasklist")) li.task = cmark_gfm_extensions_get_tasklist_item_checked(item);
                    li.blocks = container(item, depth + 1);
                    list.items.push_back(std::move(li));
                }
                bb.add_block(model::Block{std::move(list), pos, {}});
                return;
            }
            case CMARK_NODE_CODE_BLOCK: {
                model::CodeBlock code;
                const std::string info = cmark_node_get_fence_info(n) ? cmark_node_get_fence_info(n) : "";
                const std::size_t start = info.find_first_not_of(" \t");
                if (start != std::string::npos)
                    code.language = info.substr(start, info.find_first_of(" \t{", start) - start);
                code.text = literal(n);
                while (!code.text.empty() && code.text.back() == '\n') code.text.pop_back();
                bb.add_block(model::Block{std::move(code), pos, {}});
                return;
            }
            case CMARK_NODE_HTML_BLOCK: {
                const std::string text = literal(n);
                each_token(n, text, [&](const html::Token& t, const SourcePos& at) { bb.html(t, at); });
                return;
            }
            case CMARK_NODE_THEMATIC_BREAK:
                bb.add_block(model::Block{model::ThematicBreak{}, pos, {}});
                return;
            case CMARK_NODE_FOOTNOTE_DEFINITION:
                definitions_.push_back(n);
                return;
            default:
                break;
        }
        if (type_is(n, "table")) {
            bb.add_block(model::Block{table(n, depth), pos, {}});
            return;
        }
        // Anything else that holds blocks (custom blocks, a stray item): keep its content.
        for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c))
            if (cmark_node_first_child(c) || cmark_node_get_literal(c)) block(c, bb);
    }

    model::Table table(cmark_node* n, int depth) {
        model::Table t;
        const uint16_t columns = cmark_gfm_extensions_get_table_columns(n);
        const uint8_t* aligns = cmark_gfm_extensions_get_table_alignments(n);
        for (uint16_t c = 0; c < columns; ++c) {
            const char a = aligns ? static_cast<char>(aligns[c]) : 0;
            t.columns.push_back(a == 'l' ? model::Align::left
                                : a == 'c' ? model::Align::center
                                : a == 'r' ? model::Align::right
                                           : model::Align::none);
        }
        for (cmark_node* row = cmark_node_first_child(n); row; row = cmark_node_next(row)) {
            std::vector<model::TableCell> cells;
            for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell))
                cells.push_back(model::TableCell{inlines(cell, depth)});
            cells.resize(t.columns.size());  // the model promises one cell per column
            if (type_is(row, "table_header") && t.header.empty()) t.header = std::move(cells);
            else t.rows.push_back(std::move(cells));
        }
        return t;
    }

    model::Inlines inlines(cmark_node* parent, int depth) {
        InlineBuilder ib(ctx_, depth);
        inline_children(parent, ib);
        return ib.finish();
    }

    static bool is_inline_container(cmark_node* n) {
        const cmark_node_type t = cmark_node_get_type(n);
        // An image counts: its alt text is inlines of its own, so `![![![…]()]()]()`
        // nests as deep as emphasis does.
        return t == CMARK_NODE_EMPH || t == CMARK_NODE_STRONG || t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE ||
               type_is(n, "strikethrough");
    }

    void inline_children(cmark_node* parent, InlineBuilder& ib) {
        walk_flattened(
            parent, [&](cmark_node* n) { return is_inline_container(n) && ib.depth() >= kMaxInlineDepth; },
            [&](cmark_node* n) { inline_node(n, ib); });
    }

    static bool edge_is_space(cmark_node* n, bool front) {
        if (!n) return false;
        if (cmark_node_get_type(n) == CMARK_NODE_SOFTBREAK || cmark_node_get_type(n) == CMARK_NODE_LINEBREAK) return true;
        if (cmark_node_get_type(n) != CMARK_NODE_TEXT) return false;
        const std::string text = literal(n);
        if (text.empty()) return false;
        const char c = front ? text.front() : text.back();
        return c == ' ' || c == '\t' || c == '\n';
    }

    void inline_node(cmark_node* n, InlineBuilder& ib) {
        const SourcePos pos = pos_of(n);
        const int depth = ib.depth() + 1;
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_TEXT: ib.text(literal(n), pos, false); return;
            case CMARK_NODE_SOFTBREAK: ib.add(model::Inline{model::SoftBreak{}, pos}); return;
            case CMARK_NODE_LINEBREAK: ib.add(model::Inline{model::LineBreak{}, pos}); return;
            case CMARK_NODE_CODE: ib.add(model::Inline{model::Code{literal(n)}, pos}); return;
            case CMARK_NODE_HTML_INLINE: {
                const std::string text = literal(n);
                each_token(n, text, [&](const html::Token& t, const SourcePos& at) { ib.html(t, at); });
                return;
            }
            case CMARK_NODE_EMPH: ib.add(model::Inline{model::Emphasis{inlines(n, depth)}, pos}); return;
            case CMARK_NODE_STRONG: ib.add(model::Inline{model::Strong{inlines(n, depth)}, pos}); return;
            case CMARK_NODE_LINK: {
                if (ib.dropping()) return;
                model::Link link;
                const std::string href = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
                link.target = resolve_link(ctx_, href, pos);
                link.title = cmark_node_get_title(n) ? cmark_node_get_title(n) : "";
                link.children = inlines(n, depth);
                // An address shown as its own text follows the filled placeholder.
                if (link.target.kind == model::LinkKind::external && link.target.url != href &&
                    href.find('{') != std::string::npos && model::plain_text(link.children) == href)
                    link.children = {model::Inline{model::Text{link.target.url}, pos}};
                // "via[ https://x](…)": a space at the edge of the link text still
                // separates words, so it moves outside the link rather than vanish
                // with the trim.
                const bool space_before = edge_is_space(cmark_node_first_child(n), true);
                const bool space_after = edge_is_space(cmark_node_last_child(n), false);
                if (space_before) ib.text(" ", pos, false);
                ib.add(model::Inline{std::move(link), pos});
                if (space_after) ib.text(" ", pos, false);
                return;
            }
            case CMARK_NODE_IMAGE: {
                if (ib.dropping()) return;
                InlineBuilder alt(ctx_, depth);
                inline_children(n, alt);
                model::ImageRef ref = resolve_image(ctx_, cmark_node_get_url(n) ? cmark_node_get_url(n) : "",
                                                    model::plain_text(alt.finish()),
                                                    cmark_node_get_title(n) ? cmark_node_get_title(n) : "", pos);
                ib.add(model::Inline{model::Image{std::move(ref)}, pos});
                return;
            }
            case CMARK_NODE_FOOTNOTE_REFERENCE: {
                cmark_node* def = n->parent_footnote_def;
                if (!def) {
                    ib.text("[^" + literal(n) + "]", pos, false);
                    return;
                }
                ib.add(model::Inline{model::FootnoteRef{footnote_label(def), 0}, pos});
                return;
            }
            default: break;
        }
        if (type_is(n, "strikethrough")) {
            ib.add(model::Inline{model::Strikethrough{inlines(n, depth)}, pos});
            return;
        }
        inline_children(n, ib);  // unknown inline container: keep its text
    }

    PageContext& ctx_;
    std::string_view body_;
    std::vector<cmark_node*> definitions_;
};

}  // namespace

namespace {

// cmark-gfm's inline parser is quadratic in the link and image openers of one
// paragraph ("![[]()" 100,000 times took 20 s). Past kMaxOpenersPerParagraph
// openers, further '[' are escaped: they print as written and open nothing.
// Fenced code is left alone (a backslash there would print).
std::string bound_openers(PageContext& ctx, std::string_view body) {
    std::string out;
    std::size_t openers = 0;
    bool fenced = false, warned = false;
    int line = 1;
    std::size_t start = 0;
    while (start < body.size()) {
        std::size_t end = body.find('\n', start);
        if (end == std::string_view::npos) end = body.size();
        const std::string_view text = body.substr(start, end - start);
        const std::size_t lead = text.find_first_not_of(' ');
        const std::string_view trimmed = lead == std::string_view::npos ? std::string_view() : text.substr(lead);
        if (trimmed.substr(0, 3) == "```" || trimmed.substr(0, 3) == "~~~") fenced = !fenced;
        if (trimmed.empty()) openers = 0;  // a blank line ends the paragraph
        for (char c : text) {
            if (c == '[' && !fenced && ++openers > kMaxOpenersPerParagraph) {
                if (!warned)
                    ctx.warn(ctx.at(line, 0), "markdown-budget",
                             "more than " + std::to_string(kMaxOpenersPerParagraph) +
                                 " link or image openers '[' in one paragraph: the rest print as written");
                warned = true;
                out += '\\';
            }
            out += c;
        }
        if (end < body.size()) out += '\n';
        start = end + 1;
        ++line;
    }
    return out;
}

}  // namespace

ConvertedPage convert_markdown(PageContext& ctx, std::string_view body) {
    if (std::count(body.begin(), body.end(), '[') <= static_cast<std::ptrdiff_t>(kMaxOpenersPerParagraph))
        return Converter(ctx, body).run();
    const std::string bounded = bound_openers(ctx, body);
    return Converter(ctx, bounded).run();
}

}  // namespace booklet::markdown
