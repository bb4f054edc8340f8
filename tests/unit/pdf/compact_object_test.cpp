// compact_object: libharu's way of writing a value in, the shortest writing of
// the same tokens out; anything a libharu value never holds is refused.
#include "compact_object.hpp"

#include <catch2/catch.hpp>

using booklet::pdf::compact_object;

TEST_CASE("compact objects: white space only where two tokens would run together") {
    CHECK(compact_object("<<\n/S /P\n/P 8149 0 R\n/Pg 414 0 R\n/K [ 1 8222 0 R 4 ]\n>>") ==
          "<</S/P/P 8149 0 R/Pg 414 0 R/K[1 8222 0 R 4]>>");
    CHECK(compact_object("[ 75 0 R /XYZ null 549.92126 null ]") == "[75 0 R/XYZ null 549.92126 null]");
    CHECK(compact_object("<<\n/Marked true\n/A << /O /List >>\n>>") == "<</Marked true/A<</O/List>>>>");
    CHECK(compact_object("/Name#20with#20spaces") == "/Name#20with#20spaces");
    CHECK(compact_object("  42  ") == "42");
    CHECK(compact_object("") == "");
}

TEST_CASE("compact objects: strings are literal, escaping only backslash, parentheses and carriage return") {
    // libharu's \057 for '/' and octal for high bytes become the bytes themselves.
    CHECK(compact_object("<< /URI (https:\\057\\057example.org\\057a) >>") == "<</URI(https://example.org/a)>>");
    CHECK(compact_object("(caf\\351 \\215q\\216)") == "(caf\xE9 \x8Dq\x8E)");
    CHECK(compact_object("(a \\(b\\) c\\\\d)") == "(a \\(b\\) c\\\\d)");
    CHECK(compact_object("(nested (balanced) parens)") == "(nested \\(balanced\\) parens)");
    CHECK(compact_object("(\\n\\t\\b\\f\\r)") == "(\n\t\b\f\\r)");
    CHECK(compact_object("(line\\\ncontinued)") == "(linecontinued)");
    CHECK(compact_object("(raw\r\nend)") == "(raw\nend)");   // an end of line in a string is a line feed
    CHECK(compact_object("(\\0\\101\\1012)") == std::string("(\0AA2)", 6));  // octal: one to three digits
    CHECK(compact_object("(\\q)") == "(q)");                  // an unknown escape is its character
    // Hex strings (binary, UTF-16) become literal strings of the same bytes.
    CHECK(compact_object("<< /Alt <FEFF03B1> /T <0a 2> >>") == "<</Alt(\xFE\xFF\x03\xB1)/T(\n )>>");
    CHECK(compact_object("<28295C0D>") == "(\\(\\)\\\\\\r)");
    CHECK(compact_object("<>") == "()");
}

TEST_CASE("compact objects: what a libharu value never holds is refused") {
    CHECK_FALSE(compact_object("<< /A 1 % a comment\n>>"));
    CHECK_FALSE(compact_object("(unterminated"));
    CHECK_FALSE(compact_object("(ends in a backslash\\"));
    CHECK_FALSE(compact_object("<12G4>"));
    CHECK_FALSE(compact_object("<1234"));
    CHECK_FALSE(compact_object("1 >"));
    CHECK_FALSE(compact_object("a)"));
}
