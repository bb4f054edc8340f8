#include "booklet/xml_text.hpp"

#include <catch2/catch.hpp>

using booklet::append_xml_escaped;

TEST_CASE("xml text: markup characters escaped, the quote and white space only in attributes") {
    std::string text = "before ";
    append_xml_escaped(text, "a < b && c > \"d\"\tline\nend", false);
    CHECK(text == "before a &lt; b &amp;&amp; c &gt; \"d\"\tline\nend");
    std::string attribute;
    append_xml_escaped(attribute, "a < b && c > \"d\"\tline\r\nend", true);
    CHECK(attribute == "a &lt; b &amp;&amp; c &gt; &quot;d&quot; line  end");
    std::string utf8;
    append_xml_escaped(utf8, "caf\xC3\xA9 \xE2\x80\x94 'x'", true);
    CHECK(utf8 == "caf\xC3\xA9 \xE2\x80\x94 'x'");  // bytes above ASCII and the apostrophe pass
}
