#include "booklet/dump.hpp"
#include "names.hpp"

#include <cstdio>

namespace booklet::dump {
namespace {

// A small pretty-printing JSON writer: objects and arrays nest, keys are written
// in the order the code writes them, which is what keeps the output stable.
class Json {
public:
    std::string out;

    void open(char bracket) {
        value_prefix();
        out += bracket;
        first_.push_back(true);
    }
    void close(char bracket) {
        const bool empty = first_.back();
        first_.pop_back();
        if (!empty) newline();
        out += bracket;
    }
    void key(std::string_view k) {
        separator();
        out += json_string(k);
        out += ": ";
        after_key_ = true;
    }
    void string(std::string_view s) {
        value_prefix();
        out += json_string(s);
    }
    void number(long long v) {
        value_prefix();
        out += std::to_string(v);
    }
    void boolean(bool b) {
        value_prefix();
        out += b ? "true" : "false";
    }
    void null() {
        value_prefix();
        out += "null";
    }
    void field(std::string_view k, std::string_view v) { key(k); string(v); }
    void field(std::string_view k, const char* v) { key(k); string(v); }
    void field(std::string_view k, long long v) { key(k); number(v); }
    void field(std::string_view k, int v) { key(k); number(v); }
    void field(std::string_view k, bool v) { key(k); boolean(v); }

    // A list of the model as a JSON array, each item written by `each`.
    template <class List, class Each>
    void array(const List& list, Each each) {
        open('[');
        for (const auto& item : list) each(item);
        close(']');
    }
    // A JSON object whose members `members` writes.
    template <class Members>
    void object(Members members) {
        open('{');
        members();
        close('}');
    }

private:
    void newline() {
        out += '\n';
        out.append(first_.size() * 2, ' ');
    }
    void separator() {
        if (first_.empty()) return;
        if (!first_.back()) out += ',';
        first_.back() = false;
        newline();
    }
    void value_prefix() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        separator();
    }
    std::vector<bool> first_;
    bool after_key_ = false;
};

void inlines(Json& j, const model::Inlines& list);
void blocks(Json& j, const model::Blocks& list);

void position(Json& j, const SourcePos& pos) {
    if (pos.line > 0) j.field("line", pos.line);
    if (pos.column > 0) j.field("column", pos.column);
}

void image_ref(Json& j, const model::ImageRef& img) {
    j.field("src", img.src);
    j.field("url", img.url);
    j.field("file", img.file.generic_string());
    j.field("alt", img.alt);
    j.field("title", img.title);
    j.field("width_hint", img.width_hint);
}

// The members of one inline's JSON object.
void inline_members(Json& j, const model::Inline& in) {
    std::visit(
        [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            const auto children = [&](const char* type, const model::Inlines& kids) {
                j.field("type", type);
                position(j, in.pos);
                j.key("children");
                inlines(j, kids);
            };
            if constexpr (std::is_same_v<T, model::Text>) {
                j.field("type", "text");
                position(j, in.pos);
                j.field("text", n.text);
            } else if constexpr (std::is_same_v<T, model::Emphasis>) children("emphasis", n.children);
            else if constexpr (std::is_same_v<T, model::Strong>) children("strong", n.children);
            else if constexpr (std::is_same_v<T, model::Strikethrough>) children("strikethrough", n.children);
            else if constexpr (std::is_same_v<T, model::Superscript>) children("superscript", n.children);
            else if constexpr (std::is_same_v<T, model::Subscript>) children("subscript", n.children);
            else if constexpr (std::is_same_v<T, model::Code>) {
                j.field("type", "code");
                position(j, in.pos);
                j.field("text", n.text);
            } else if constexpr (std::is_same_v<T, model::Link>) {
                j.field("type", "link");
                position(j, in.pos);
                j.field("kind", link_kind(n.target.kind));
                j.field("url", n.target.url);
                j.field("chapter", n.target.chapter);
                j.field("anchor", n.target.anchor);
                j.field("title", n.title);
                j.key("children");
                inlines(j, n.children);
            } else if constexpr (std::is_same_v<T, model::Image>) {
                j.field("type", "image");
                position(j, in.pos);
                image_ref(j, n.image);
            } else if constexpr (std::is_same_v<T, model::LineBreak>) {
                j.field("type", "line_break");
            } else if constexpr (std::is_same_v<T, model::SoftBreak>) {
                j.field("type", "soft_break");
            } else if constexpr (std::is_same_v<T, model::FootnoteRef>) {
                j.field("type", "footnote_ref");
                position(j, in.pos);
                j.field("label", n.label);
                j.field("number", n.number);
            } else if constexpr (std::is_same_v<T, model::Span>) {
                j.field("type", "span");
                position(j, in.pos);
                j.field("lang", n.lang);
                j.key("children");
                inlines(j, n.children);
            }
        },
        in.node);
}

void inlines(Json& j, const model::Inlines& list) {
    j.array(list, [&](const model::Inline& in) { j.object([&] { inline_members(j, in); }); });
}

// The members of one block's JSON object.
void block_members(Json& j, const model::Block& b) {
    std::visit(
        [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            const auto head = [&](const char* type) {
                j.field("type", type);
                position(j, b.pos);
                if (!b.lang.empty()) j.field("lang", b.lang);
            };
            if constexpr (std::is_same_v<T, model::Heading>) {
                head("heading");
                j.field("level", n.level);
                j.field("id", n.id);
                if (!n.explicit_id.empty()) j.field("explicit_id", n.explicit_id);
                j.key("content");
                inlines(j, n.content);
            } else if constexpr (std::is_same_v<T, model::Paragraph>) {
                head("paragraph");
                j.key("content");
                inlines(j, n.content);
            } else if constexpr (std::is_same_v<T, model::List>) {
                head("list");
                j.field("ordered", n.ordered);
                j.field("start", n.start);
                j.field("tight", n.tight);
                j.key("items");
                j.array(n.items, [&](const model::ListItem& item) {
                    j.object([&] {
                        j.key("task");
                        if (item.task) j.boolean(*item.task);
                        else j.null();
                        j.key("blocks");
                        blocks(j, item.blocks);
                    });
                });
            } else if constexpr (std::is_same_v<T, model::BlockQuote>) {
                head("block_quote");
                j.key("blocks");
                blocks(j, n.blocks);
                j.key("attribution");
                inlines(j, n.attribution);
            } else if constexpr (std::is_same_v<T, model::CodeBlock>) {
                head("code_block");
                j.field("language", n.language);
                j.field("text", n.text);
            } else if constexpr (std::is_same_v<T, model::Table>) {
                head("table");
                const auto cells = [&](const auto& row) {
                    j.array(row, [&](const auto& cell) { inlines(j, cell.content); });
                };
                j.key("columns");
                j.array(n.columns, [&](auto a) { j.string(align_name(a)); });
                j.key("header");
                cells(n.header);
                j.key("rows");
                j.array(n.rows, cells);
            } else if constexpr (std::is_same_v<T, model::Figure>) {
                head("figure");
                image_ref(j, n.image);
                j.key("caption");
                inlines(j, n.caption);
            } else if constexpr (std::is_same_v<T, model::ThematicBreak>) {
                head("thematic_break");
            } else if constexpr (std::is_same_v<T, model::Details>) {
                head("details");
                j.key("summary");
                inlines(j, n.summary);
                j.key("blocks");
                blocks(j, n.blocks);
            }
        },
        b.node);
}

void blocks(Json& j, const model::Blocks& list) {
    j.array(list, [&](const model::Block& b) { j.object([&] { block_members(j, b); }); });
}

}  // namespace

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                           (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
                            static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
                    out += static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
                    i += 2;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
    return out;
}

namespace {

void chapter(Json& j, const model::Chapter& ch) {
    j.field("id", ch.id);
    j.field("source", ch.source.generic_string());
    j.field("title", ch.title);
    j.field("description", ch.description);
    j.field("date", ch.date);
    j.field("lang", ch.lang);
    j.key("front_matter");
    j.object([&] {
        for (const auto& [k, v] : ch.front_matter) j.field(k, v);  // std::map: sorted keys
    });
    j.key("blocks");
    blocks(j, ch.blocks);
    j.key("footnotes");
    j.array(ch.footnotes, [&](const model::Footnote& fn) {
        j.object([&] {
            j.field("type", "footnote");
            position(j, fn.pos);
            j.field("label", fn.label);
            j.field("number", fn.number);
            j.key("blocks");
            blocks(j, fn.blocks);
        });
    });
}

}  // namespace

std::string model_json(const model::Document& document) {
    Json j;
    j.object([&] {
        j.key("meta");
        j.object([&] {
            const auto& m = document.meta;
            j.field("title", m.title);
            j.field("subtitle", m.subtitle);
            j.key("authors");
            j.array(m.authors, [&](const std::string& a) { j.string(a); });
            j.field("language", m.language);
            j.field("base_url", m.base_url);
            j.field("date", m.date);
            j.field("identifier", m.identifier);
            j.field("cover", m.cover.generic_string());
            j.field("qr", m.qr);
            j.field("style", m.style);
        });
        j.key("chapters");
        j.array(document.chapters, [&](const model::Chapter& ch) { j.object([&] { chapter(j, ch); }); });
    });
    j.out += '\n';
    return std::move(j.out);
}

}  // namespace booklet::dump
