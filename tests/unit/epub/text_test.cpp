#include "text.hpp"

#include "epub_reader.hpp"
#include "booklet/kept_bytes.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

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

namespace {

// An archive's bytes written out and read back by libzip (which checks each
// entry's CRC as it reads it to the end), with each entry's compression method.
struct ReadBack {
    booklet::test::EpubFile file;
    std::vector<zip_uint16_t> methods;
};

ReadBack read_back(const std::string& bytes, const std::string& name) {
    const std::filesystem::path path = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(getpid()) + ".zip");
    std::ofstream(path, std::ios::binary) << bytes;
    ReadBack r{booklet::test::read_epub(path), {}};
    int error = 0;
    std::unique_ptr<zip_t, decltype(&zip_discard)> z(zip_open(path.c_str(), ZIP_RDONLY, &error), zip_discard);
    REQUIRE(z);
    for (zip_int64_t i = 0; i < zip_get_num_entries(z.get(), 0); ++i) {
        zip_stat_t st;
        zip_stat_index(z.get(), static_cast<zip_uint64_t>(i), 0, &st);
        r.methods.push_back(st.comp_method);
    }
    std::filesystem::remove(path);
    return r;
}

std::vector<ZipEntry> sample_entries() {
    std::string chapter;
    for (int i = 0; i < 2000; ++i) chapter += "<p>Paragraph " + std::to_string(i) + " of a chapter.</p>\n";
    return {{"mimetype", "application/epub+zip", false},
            {"EPUB/text/one.xhtml", chapter, true},
            {"EPUB/text/empty.xhtml", "", true},
            {"EPUB/images/photo.jpg", std::string(5000, '\xAB'), false},
            {"EPUB/text/two.xhtml", chapter + "<p>and one more</p>", true}};
}

}  // namespace

TEST_CASE("build_zip deflates entries itself: libzip reads them back, on any number of threads, kept or not") {
    const std::vector<ZipEntry> entries = sample_entries();
    const std::string one = build_zip(entries, 1714567890, 1);
    const ReadBack r = read_back(one, "zip-one");
    REQUIRE(r.file.names.size() == entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        CHECK(r.file.names[i] == entries[i].name);
        CHECK(r.file.at(entries[i].name) == entries[i].data);
        CHECK(r.methods[i] == (entries[i].compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE));
    }
    CHECK(one.size() < entries[1].data.size() / 4);  // the chapters really are deflated
    CHECK(build_zip(entries, 1714567890, 3) == one);

    booklet::KeptBytes kept;
    CHECK(build_zip(entries, 1714567890, 2, &kept) == one);
    CHECK(kept.size() == 3);  // the three compressed entries
    kept.next_build();
    CHECK(build_zip(entries, 1714567890, 2, &kept) == one);
    CHECK(kept.size() == 3);

    SECTION("what is kept is what goes into the archive") {
        // The empty entry's kept deflate stream (libdeflate's: a stored block of no
        // bytes) replaced by another that also inflates to nothing: a fixed-Huffman
        // block holding only its end code.
        const std::string huffman_empty("\x03\x00", 2);
        for (auto& [key, entry] : kept.entries())
            if (entry.value.size() <= 5) entry.value = huffman_empty;
        kept.next_build();
        const std::string tampered = build_zip(entries, 1714567890, 1, &kept);
        CHECK(tampered != one);
        CHECK(tampered.find(huffman_empty) != std::string::npos);
        CHECK(read_back(tampered, "zip-tampered").file.at("EPUB/text/empty.xhtml").empty());
    }
    SECTION("a changed entry is deflated again, and only this build's entries stay kept") {
        std::vector<ZipEntry> changed = entries;
        changed[4].data += "<p>changed</p>";
        kept.next_build();
        const std::string with_kept = build_zip(changed, 1714567890, 1, &kept);
        CHECK(with_kept == build_zip(changed, 1714567890, 1));
        CHECK(kept.size() == 4);
        kept.next_build();  // two.xhtml's old bytes were not used
        CHECK(kept.size() == 3);
    }
}
