// ObjectText: values written straight into the compact form must be exactly what
// compact_object makes of the same value written as libharu writes it, since a
// book's own objects and libharu's sit side by side in one object stream.
#include "compact_object.hpp"
#include "object_text.hpp"

#include <catch2/catch.hpp>

using booklet::pdf::compact_object;
using booklet::pdf::ObjectText;

namespace {

std::string compacted(std::string_view libharu_text) {
    const auto value = compact_object(libharu_text);
    REQUIRE(value);
    return *value;
}

}  // namespace

TEST_CASE("object text: a structure element as the packer would have compacted it") {
    ObjectText e;
    e.open_dict().name("S").name("P").name("P").reference(8149).name("Pg").reference(414).name("K").open_array();
    e.integer(1).reference(8222).integer(4);
    e.open_dict().name("Type").name("MCR").name("Pg").reference(7).name("MCID").integer(0).close_dict();
    e.close_array().name("ID").bytes("note-0042").close_dict();
    CHECK(e.str() == compacted("<<\n/S /P\n/P 8149 0 R\n/Pg 414 0 R\n/K [ 1 8222 0 R 4 << /Type /MCR /Pg 7 0 R /MCID 0 >> ]\n"
                               "/ID (note-0042)\n>>"));
    CHECK(e.str() == "<</S/P/P 8149 0 R/Pg 414 0 R/K[1 8222 0 R 4<</Type/MCR/Pg 7 0 R/MCID 0>>]/ID(note-0042)>>");
}

TEST_CASE("object text: numbers and keywords are spaced apart, names and delimiters are not") {
    ObjectText d;
    d.open_array().reference(75).name("XYZ").keyword("null").number("549.921").keyword("null").close_array();
    CHECK(d.str() == compacted("[ 75 0 R /XYZ null 549.921 null ]"));
    ObjectText n;
    n.integer(-3).integer(0).name("A").open_dict().close_dict().integer(7).name("Marked").keyword("true");
    CHECK(n.str() == "-3 0/A<<>>7/Marked true");
}

TEST_CASE("object text: names escape what a name cannot hold bare") {
    ObjectText n;
    n.name("Name with spaces").name("a#b/c(d)").name("\xC3\xA9");
    CHECK(n.str() == "/Name#20with#20spaces/a#23b#2Fc#28d#29/#C3#A9");
    CHECK(n.str() == compacted("/Name#20with#20spaces /a#23b#2Fc#28d#29 /#C3#A9"));
}

TEST_CASE("object text: strings as literals with the fewest escapes; text in PDFDocEncoding or UTF-16") {
    ObjectText s;
    s.bytes("a (b) c\\d\re").bytes("https://example.org/a");
    CHECK(s.str() == compacted("(a \\(b\\) c\\\\d\\re) (https:\\057\\057example.org\\057a)"));
    ObjectText latin;
    latin.text("caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D");  // "café “quoted”": one byte a character
    CHECK(latin.str() == "(caf\xE9 \x8Dquoted\x8E)");
    ObjectText greek;
    greek.text("\xCE\xB1");  // α has no PDFDocEncoding byte: UTF-16BE with its byte order mark
    CHECK(greek.str() == compacted("<FEFF03B1>"));
    CHECK(greek.str() == "(\xFE\xFF\x03\xB1)");
}
