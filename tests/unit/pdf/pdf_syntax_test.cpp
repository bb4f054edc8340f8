#include "pdf_syntax.hpp"

#include <catch2/catch.hpp>

using namespace booklet;
using namespace booklet::pdf;

TEST_CASE("numbers are written without locale, trailing zeros or negative zero") {
    CHECK(decimal(12345, 3) == "12.345");
    CHECK(decimal(-500, 3) == "-0.5");
    CHECK(decimal(100, 2) == "1");
    CHECK(decimal(0, 2) == "0");
    CHECK(decimal(-4, 1) == "-0.4");
    CHECK(decimal(7, 0) == "7");
    CHECK(points(kSpPerPt * 3 / 2) == "1.5");
    CHECK(points(sp_from_pt(595.2756)) == "595.276");
    CHECK(points(-1) == "0");  // -0.000015 pt rounds to zero, printed without sign
    CHECK(div_round(5, 2) == 3);
    CHECK(div_round(-5, 2) == -3);
    CHECK(color_component(255) == "1");
    CHECK(color_component(0) == "0");
    CHECK(color_component(128) == "0.502");
}

TEST_CASE("UTF-8 decoding replaces malformed input") {
    CHECK(decode_utf8("a\xC3\xA9") == U"a\u00E9");
    CHECK(decode_utf8("\xF0\x9F\x93\xA7") == U"\U0001F4E7");
    CHECK(decode_utf8("\xC3") == U"\uFFFD");          // truncated
    CHECK(decode_utf8("\xC0\xAF") == U"\uFFFD");      // overlong
    CHECK(decode_utf8("\xED\xA0\x80") == U"\uFFFD");  // encoded surrogate
    CHECK(decode_utf8("\xFFz") == U"\uFFFDz");        // stray byte, next character kept
    CHECK(decode_utf8("\xE2\x82z") == U"\uFFFDz");
}

TEST_CASE("text strings are UTF-16BE with surrogate pairs") {
    CHECK(utf16be(U"A\U0001F4E7") == std::string("\x00\x41\xD8\x3D\xDC\xE7", 6));
    CHECK(hex(std::string("\x00\xAB", 2)) == "00AB");
    CHECK(text_string_hex("\xC3\xA9") == "<FEFF00E9>");
    CHECK(text_string_hex(std::u32string(U"\U0001D400")) == "<FEFFD835DC00>");
}

TEST_CASE("text strings in PDFDocEncoding where every character has a byte") {
    CHECK(pdfdoc_text("Chapter (one)\tand\ntwo") == "Chapter (one)\tand\ntwo");
    // café “quoted” – it’s… • €5 Łódž: Latin-1 bytes, and table D.2's 0x80-0xA0
    CHECK(pdfdoc_text("caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x93 it\xE2\x80\x99s\xE2\x80\xA6 "
                      "\xE2\x80\xA2 \xE2\x82\xAC" "5 \xC5\x81\xC3\xB3" "d\xC5\xBE") ==
          "caf\xE9 \x8Dquoted\x8E \x85 it\x90s\x83 \x80 \xA0" "5 \x95\xF3" "d\x9E");
    CHECK_FALSE(pdfdoc_text("\xCE\xB1"));              // Greek alpha: UTF-16
    CHECK_FALSE(pdfdoc_text("soft\xC2\xADhyphen"));    // 0xAD is undefined there
    CHECK_FALSE(pdfdoc_text("bell\x07"));              // control characters have no byte
    CHECK_FALSE(pdfdoc_text("del\x7F"));               // nor has DEL
    CHECK(pdfdoc_text("") == "");
    CHECK_FALSE(pdfdoc_text("\xC3\xBE\xC3\xBFx"));     // "þÿ" would read as UTF-16's byte order mark
    CHECK(pdfdoc_text("x\xC3\xBE\xC3\xBF") == "x\xFE\xFF");
}

TEST_CASE("literal strings escape backslashes, parentheses and carriage returns, wherever they stand") {
    const auto literal = [](std::string_view bytes) {
        std::string out = "x";
        append_literal(out, bytes);
        return out;
    };
    CHECK(literal("") == "x()");
    CHECK(literal("plain text") == "x(plain text)");
    CHECK(literal("(a\\b)") == "x(\\(a\\\\b\\))");
    CHECK(literal("\r\r") == "x(\\r\\r)");
    CHECK(literal(std::string("a\0\n\xFF", 4)) == std::string("x(a\0\n\xFF)", 7));
}

TEST_CASE("a glyph's code is its two bytes in a literal string, escaped by the same rule") {
    const auto bytes = [](std::uint32_t glyph) {
        std::string out;
        append_glyph_bytes(out, glyph);
        return out;
    };
    CHECK(bytes(0x0041) == std::string("\0A", 2));
    CHECK(bytes(0x2829) == "\\(\\)");
    CHECK(bytes(0x5C0D) == "\\\\\\r");
    CHECK(bytes(0x0D0A) == "\\r\n");
    CHECK(glyph_string(0x0100) == std::string("(\1\0)", 4));
}

TEST_CASE("URIs are made 7-bit and names keep safe characters") {
    CHECK(ascii_uri("https://x.org/\xC3\xA9 b?q=1#f") == "https://x.org/%C3%A9%20b?q=1#f");
    CHECK(ascii_uri("https://example.org/a%20b") == "https://example.org/a%20b");
    CHECK(ascii_uri("\xC3\xA9x\x7F") == "%C3%A9x%7F");  // escaped first and last
    CHECK(ascii_uri("") == "");
    CHECK(name_characters("Noto Serif,Bold", "F") == "NotoSerifBold");
    CHECK(name_characters("\xC3\xA9\xC3\xA9", "Font") == "Font");
    CHECK(name_characters(std::string(300, 'a'), "F").size() == 100);
}
