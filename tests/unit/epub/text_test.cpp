#include "text.hpp"

#include <catch2/catch.hpp>

using namespace booklet::epub::detail;

namespace {
std::string hex(const std::array<std::uint8_t, 20>& d) {
    std::string s;
    char buf[3];
    for (auto b : d) std::snprintf(buf, sizeof buf, "%02x", b), s += buf;
    return s;
}
}  // namespace

TEST_CASE("SHA-1 matches FIPS 180 test vectors") {
    CHECK(hex(sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(hex(sha1("")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    CHECK(hex(sha1(std::string(1000, 'a'))) == "291e9a6c66994949b57ba5e650361e98fc36b1ba");
}

TEST_CASE("UUID version 5 matches RFC 4122 implementations") {
    const std::array<std::uint8_t, 16> dns = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                              0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
    CHECK(uuid_v5(dns, "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d");  // Python's uuid.uuid5
    CHECK(uuid_v5(kUrlNamespace, "test-booklet") == "3286f411-bc92-5b5c-a33a-2311de77fe01");
}

TEST_CASE("text is cleaned for XML and escaped") {
    CHECK(clean_text("a\x01" "b\tc\nd") == "ab\tc\nd");
    CHECK(clean_text("\xC2\x80\xC2\x9F ok") == " ok");                 // C1 controls
    CHECK(clean_text("\xEF\xBF\xBE\xEF\xBF\xBF\xEF\xB7\x90x") == "x");   // noncharacters
    CHECK(clean_text("\xF4\x8F\xBF\xBFy") == "y");                       // U+10FFFF
    CHECK(clean_text("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");         // emoji stay
    CHECK(clean_text("\xFF") == "\xEF\xBF\xBD");
    CHECK(clean_text("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");          // overlong
    CHECK(clean_text("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // encoded surrogate
    CHECK(clean_text("\xE2\x82") == "\xEF\xBF\xBD\xEF\xBF\xBD");          // cut sequence
    CHECK(xml_text("a<b>&]]>") == "a&lt;b&gt;&amp;]]&gt;");
    CHECK(xml_attr("\"x\"\n<y>") == "&quot;x&quot; &lt;y&gt;");
}

TEST_CASE("language tags") {
    CHECK(is_language_tag("en"));
    CHECK(is_language_tag("nl-BE"));
    CHECK(is_language_tag("zh-Hant-TW"));
    CHECK(!is_language_tag(""));
    CHECK(!is_language_tag("en_US"));
    CHECK(!is_language_tag("en-"));
    CHECK(!is_language_tag("123"));
    CHECK(!is_language_tag("toolonglanguage"));
}

TEST_CASE("hrefs: the scheme lower-cased, invalid characters escaped, escapes kept") {
    // Which schemes and hosts are linked is the markdown stage's decision
    // (tests/unit/markdown/links_test.cpp); the writer only spells the href.
    CHECK(href_of("https://example.com/a b") == "https://example.com/a%20b");
    CHECK(href_of("HTTPS://example.com/x?a=1&b=2#frag#more") == "https://example.com/x?a=1&b=2#frag%23more");
    CHECK(href_of("https://example.com/%20ok%zz") == "https://example.com/%20ok%25zz");
    CHECK(href_of("https://example.com/caf\xC3\xA9") == "https://example.com/caf%C3%A9");
    CHECK(href_of(" https://example.com/[x] ") == "https://example.com/%5Bx%5D");
    CHECK(href_of("https://[::1]:8080/") == "https://[::1]:8080/");
    CHECK(href_of("mailto:a@b.org") == "mailto:a@b.org");
    CHECK(href_of("tel:+31 20") == "tel:+31%2020");
}

TEST_CASE("ids are NCNames, unique per registry") {
    CHECK(sanitize_id("overview") == "overview");
    CHECK(sanitize_id("a b<c>&d") == "a-b-c-d");
    CHECK(sanitize_id("2024-plan") == "id-2024-plan");
    CHECK(sanitize_id("") == "id");
    CHECK(sanitize_id("\xC3\xA9t\xC3\xA9") == "t");
    IdRegistry ids;
    CHECK(ids.claim("x") == "x");
    CHECK(ids.claim("x") == "x-2");
    CHECK(ids.claim("x") == "x-3");
    CHECK(ids.claim("x-2") == "x-2-2");
    CHECK(ids.contains("x-3"));
}

TEST_CASE("UTC fields of epoch seconds") {
    auto check = [](std::int64_t t, CivilTime want) {
        const CivilTime got = civil_from_epoch(t);
        CHECK(got.year == want.year);
        CHECK(got.month == want.month);
        CHECK(got.day == want.day);
        CHECK(got.hour == want.hour);
        CHECK(got.minute == want.minute);
        CHECK(got.second == want.second);
    };
    check(0, {1970, 1, 1, 0, 0, 0});
    check(951782400, {2000, 2, 29, 0, 0, 0});
    check(-1, {1969, 12, 31, 23, 59, 59});
    check(4102444799, {2099, 12, 31, 23, 59, 59});
    CHECK(iso8601_utc(1727577000) == "2024-09-29T02:30:00Z");
}
