#include "booklet/source.hpp"

#include <catch2/catch.hpp>

#include <string>

using booklet::Error;
using booklet::source::parse_page;

namespace {
Error page_error(const std::string& text) {
    try {
        parse_page(text, "p.md", "p.md");
    } catch (const Error& e) {
        return e;
    }
    FAIL("no error for:\n" << text);
    throw;
}
}  // namespace

TEST_CASE("front matter is split off and the body keeps its file lines") {
    const auto p = parse_page("---\ntitle: Hello\nlang: nl\n---\n\n# Heading\n", "x.md", "content/x.md");
    REQUIRE(p.front_matter.is_map());
    CHECK(p.front_matter.find("title")->scalar == "Hello");
    CHECK(p.front_matter.find("lang")->pos.line == 3);
    CHECK(p.body == "\n# Heading\n");
    CHECK(p.body_first_line == 5);
    CHECK(p.display_name == "content/x.md");
}

TEST_CASE("a page without front matter is all body") {
    const auto p = parse_page("# Title\n\ntext\n", "x.md", "x.md");
    CHECK(p.front_matter.kind == booklet::config::ConfigNode::Kind::null);
    CHECK(p.body_first_line == 1);
    CHECK(p.body == "# Title\n\ntext\n");
}

TEST_CASE("empty front matter, '...' as closing fence, trailing spaces on fences") {
    auto p = parse_page("---\n---\nbody", "x.md", "x.md");
    CHECK(p.front_matter.kind == booklet::config::ConfigNode::Kind::null);
    CHECK(p.body == "body");
    CHECK(p.body_first_line == 3);
    p = parse_page("---  \ntitle: a\n...\nbody\n", "x.md", "x.md");
    CHECK(p.front_matter.find("title")->scalar == "a");
    CHECK(p.body_first_line == 4);
    p = parse_page("---\ntitle: a\n---", "x.md", "x.md");
    CHECK(p.body.empty());
}

TEST_CASE("CRLF line ends and a byte order mark are accepted") {
    const auto p = parse_page("\xEF\xBB\xBF---\r\ntitle: T\r\n---\r\nline one\r\nline two\r", "x.md", "x.md");
    CHECK(p.front_matter.find("title")->scalar == "T");
    CHECK(p.body == "line one\nline two\n");
    CHECK(p.body_first_line == 4);
}

TEST_CASE("bad YAML in front matter reports the real file line") {
    // Line 4 of the file is line 3 of the YAML text: "desc: a: b" is not a value.
    const Error e = page_error("---\ntitle: ok\nlang: en\ndesc: a: b\n---\nbody\n");
    CHECK(e.pos().file == "p.md");
    CHECK(e.pos().line == 4);
    CHECK(e.kind() == "yaml-syntax");
    const Error dup = page_error("---\ntitle: a\ndate: 2024-01-01\ntitle: b\n---\n");
    CHECK(dup.pos().line == 4);
    CHECK(std::string(dup.what()).find("duplicate key 'title'") != std::string::npos);
}

TEST_CASE("front matter must be a mapping and must be closed") {
    CHECK(page_error("---\n- a\n- b\n---\nbody\n").message().find("front matter must be") != std::string::npos);
    const Error open = page_error("---\ntitle: never closed\n\nbody\n");
    CHECK(open.pos().line == 1);
    CHECK(open.message().find("never closed") != std::string::npos);
}

TEST_CASE("invalid UTF-8 is rejected with file:line:col") {
    const Error e = page_error("---\ntitle: x\n---\nfine\nbad \xC3\x28 here\n");
    CHECK(e.pos().line == 5);
    CHECK(e.pos().column == 5);
    CHECK(e.kind() == "encoding");
    CHECK(page_error("\xED\xA0\x80").pos().line == 1);        // a surrogate
    CHECK(page_error("ok\n\xF4\x90\x80\x80").pos().line == 2);  // above U+10FFFF
    CHECK(page_error("\xC0\xAF").pos().column == 1);           // overlong '/'
    CHECK(page_error("abc\xE2\x82").pos().column == 4);        // cut short
}

TEST_CASE("read_page reports a missing file") {
    try {
        booklet::source::read_page("/nonexistent/x.md", "x.md");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.kind() == "page-unreadable");
        CHECK(e.pos().file == "x.md");
    }
}
