#include "booklet/dump.hpp"

#include <catch2/catch.hpp>

#include <cctype>
#include <string>

using namespace booklet;
using booklet::dump::json_string;

namespace {

model::Document sample() {
    model::Document doc;
    doc.meta.title = "T\u00EDtulo";
    doc.meta.language = "nl";
    doc.meta.authors = {"Ada"};
    doc.meta.identifier = "urn:x";
    model::Chapter ch;
    ch.id = "intro";
    ch.source = "content/intro.md";
    ch.title = "Intro";
    ch.lang = "nl";
    ch.front_matter["z"] = "last";
    ch.front_matter["a"] = "first";
    const SourcePos at{"content/intro.md", 3, 1};
    model::Heading h;
    h.level = 2;
    h.id = "start";
    h.content = {model::Inline{model::Text{"Start \"here\""}, at}};
    ch.blocks.push_back(model::Block{h, at, {}});
    model::Link link{model::LinkTarget{model::LinkKind::external, "https://x.example/?a=1&b=2", {}, {}, {}},
                     {model::Inline{model::Text{"link"}, at}}, ""};
    model::Paragraph p;
    p.content = {model::Inline{model::Text{"tab\there\nnew \u2028 \x01"}, at}, model::Inline{link, at},
                 model::Inline{model::FootnoteRef{"n", 1}, at}, model::Inline{model::SoftBreak{}, {}}};
    ch.blocks.push_back(model::Block{p, {"content/intro.md", 5, 1}, "en"});
    model::List list;
    list.ordered = true;
    list.start = 3;
    list.items.push_back(model::ListItem{true, {model::Block{model::Paragraph{{model::Inline{model::Text{"done"}, {}}}}, {}, {}}}});
    ch.blocks.push_back(model::Block{list, {}, {}});
    model::Table table;
    table.columns = {model::Align::left, model::Align::right};
    table.header = {model::TableCell{{model::Inline{model::Text{"h"}, {}}}}, model::TableCell{}};
    table.rows = {{model::TableCell{}, model::TableCell{{model::Inline{model::Code{"1"}, {}}}}}};
    ch.blocks.push_back(model::Block{table, {}, {}});
    model::BlockQuote q;
    q.blocks.push_back(model::Block{model::Paragraph{{model::Inline{model::Text{"q"}, {}}}}, {}, {}});
    q.attribution = {model::Inline{model::Text{"who"}, {}}};
    ch.blocks.push_back(model::Block{q, {}, {}});
    model::Figure fig;
    fig.image.src = "/a.png";
    fig.image.alt = "A";
    ch.blocks.push_back(model::Block{fig, {}, {}});
    ch.blocks.push_back(model::Block{model::Details{{model::Inline{model::Text{"more"}, {}}}, {}}, {}, {}});
    ch.blocks.push_back(model::Block{model::CodeBlock{"sh", "echo \"hi\"\n"}, {}, {}});
    ch.blocks.push_back(model::Block{model::ThematicBreak{}, {}, {}});
    ch.footnotes.push_back(model::Footnote{"n", 1, {model::Block{model::Paragraph{{model::Inline{model::Text{"note"}, {}}}}, {}, {}}}, {"content/intro.md", 9, 1}});
    doc.chapters.push_back(ch);
    return doc;
}

// A strict JSON checker (RFC 8259 grammar), enough to prove the dump parses.
struct JsonChecker {
    const std::string& s;
    std::size_t i = 0;
    void ws() { while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) ++i; }
    bool lit(const char* w) { const std::string t(w); if (s.compare(i, t.size(), t) == 0) { i += t.size(); return true; } return false; }
    bool string() {
        if (s[i] != '"') return false;
        for (++i; i < s.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(s[i]);
            if (c == '"') { ++i; return true; }
            if (c < 0x20) return false;
            if (c == '\\') {
                ++i;
                if (i >= s.size()) return false;
                if (s[i] == 'u') { for (int k = 0; k < 4; ++k) if (!std::isxdigit(static_cast<unsigned char>(s[++i]))) return false; }
                else if (std::string("\"\\/bfnrt").find(s[i]) == std::string::npos) return false;
            }
        }
        return false;
    }
    bool value() {
        ws();
        if (i >= s.size()) return false;
        bool ok = false;
        if (s[i] == '{') {
            ++i; ws();
            if (s[i] == '}') { ++i; ok = true; }
            else while (true) { ws(); if (!string()) return false; ws(); if (s[i++] != ':') return false; if (!value()) return false; ws();
                                if (s[i] == ',') { ++i; continue; } if (s[i] == '}') { ++i; ok = true; } break; }
        } else if (s[i] == '[') {
            ++i; ws();
            if (s[i] == ']') { ++i; ok = true; }
            else while (true) { if (!value()) return false; ws(); if (s[i] == ',') { ++i; continue; } if (s[i] == ']') { ++i; ok = true; } break; }
        } else if (s[i] == '"') ok = string();
        else if (lit("true") || lit("false") || lit("null")) ok = true;
        else { const std::size_t st = i; if (s[i] == '-') ++i; while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i; ok = i > st; }
        ws();
        return ok;
    }
    bool document() { return value() && i == s.size(); }
};

}  // namespace

TEST_CASE("JSON string escaping") {
    CHECK(json_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(json_string("\n\t\r\b\f") == "\"\\n\\t\\r\\b\\f\"");
    CHECK(json_string(std::string("\x01\x1f\x7f", 3)) == "\"\\u0001\\u001f\\u007f\"");
    CHECK(json_string("\u2028\u2029") == "\"\\u2028\\u2029\"");
    CHECK(json_string("caf\u00E9 \U0001F916") == "\"caf\u00E9 \U0001F916\"");
}

TEST_CASE("model_json is valid JSON with keys in a fixed order") {
    const std::string json = dump::model_json(sample());
    JsonChecker checker{json};
    CHECK(checker.document());
    CHECK(json == dump::model_json(sample()));
    CHECK(json.find("\"meta\"") < json.find("\"chapters\""));
    CHECK(json.find("\"a\": \"first\"") < json.find("\"z\": \"last\""));
    CHECK(json.find("\"type\": \"heading\",\n") != std::string::npos);
    CHECK(json.find("\"text\": \"Start \\\"here\\\"\"") != std::string::npos);
    CHECK(json.find("\"kind\": \"external\"") != std::string::npos);
    CHECK(json.find("\"url\": \"https://x.example/?a=1&b=2\"") != std::string::npos);
    CHECK(json.find("\"tab\\there\\nnew \\u2028 \\u0001\"") != std::string::npos);
    CHECK(json.find("\"lang\": \"en\"") != std::string::npos);
    CHECK(json.find("\"task\": true") != std::string::npos);
    CHECK(json.find("\"columns\": [\n") != std::string::npos);
    CHECK(json.find("\"footnotes\": [") != std::string::npos);
    CHECK(json.back() == '\n');
}

TEST_CASE("model_json of an empty document") {
    const std::string json = dump::model_json(model::Document{});
    JsonChecker checker{json};
    CHECK(checker.document());
    CHECK(json.find("\"chapters\": []") != std::string::npos);
}

TEST_CASE("model_tree is a readable indented tree") {
    const std::string tree = dump::model_tree(sample());
    CHECK(tree.rfind("Document \"T\u00EDtulo\" lang=nl\n", 0) == 0);
    CHECK(tree.find("\n  Chapter intro lang=nl source=\"content/intro.md\"\n") != std::string::npos);
    CHECK(tree.find("\n    Heading 2 #start @3\n      Text \"Start \\\"here\\\"\"\n") != std::string::npos);
    CHECK(tree.find("\n    Paragraph lang=en @5\n") != std::string::npos);
    CHECK(tree.find("Link external \"https://x.example/?a=1&b=2\" @3") != std::string::npos);
    CHECK(tree.find("FootnoteRef 1 [^n]") != std::string::npos);
    CHECK(tree.find("List ordered start=3 loose") == std::string::npos);
    CHECK(tree.find("List ordered start=3 tight\n      Item [x]\n") != std::string::npos);
    CHECK(tree.find("Table columns=left,right") != std::string::npos);
    CHECK(tree.find("Attribution\n        Text \"who\"") != std::string::npos);
    CHECK(tree.find("Figure src=\"/a.png\" alt=\"A\"") != std::string::npos);
    CHECK(tree.find("Details\n      Summary\n        Text \"more\"") != std::string::npos);
    CHECK(tree.find("CodeBlock sh\n      \"echo \\\"hi\\\"\\n\"") != std::string::npos);
    CHECK(tree.find("Footnote 1 [^n] @9") != std::string::npos);
    CHECK(tree == dump::model_tree(sample()));
}
