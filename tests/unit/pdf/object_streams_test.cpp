// pack_object_streams: a classic PDF in, object streams and a cross-reference
// stream out, read back with zlib here and checked by qpdf.
#include "object_streams.hpp"
#include "run_tool.hpp"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <fstream>
#include <stdexcept>
#include <vector>

using booklet::pdf::OwnValues;
using booklet::pdf::pack_object_streams;
using namespace booklet::pdf_test;

namespace {

// A one-page PDF with a classic table, as libharu lays one out. The content
// stream holds the word "endobj" to show that object ends are found from the
// table, not by searching.
// `info`: object 5's value as written (the `null` of an own object, say).
// `content`: object 4, the page's content stream, as written; `more`: objects
// after the fifth.
std::string classic_pdf(std::string info = "<<\n/Producer (a \\(test\\) endobj)\n>>",
                        std::string content = "<<\n/Length 22\n>>\nstream\n% endobj endstream\nq Q\nendstream",
                        const std::vector<std::string>& more = {}) {
    std::vector<std::string> objects = {
        "<<\n/Type /Catalog\n/Pages 2 0 R\n>>",
        "<<\n/Type /Pages\n/Kids [ 3 0 R ]\n/Count 1\n>>",
        "<<\n/Type /Page\n/Parent 2 0 R\n/MediaBox [ 0 0 200 200 ]\n/Contents 4 0 R\n/Resources << >>\n>>",
        std::move(content),
        std::move(info),
    };
    objects.insert(objects.end(), more.begin(), more.end());
    std::string pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f\r\n";
    for (const std::size_t o : offsets) {
        std::string digits = std::to_string(o);
        pdf += std::string(10 - digits.size(), '0') + digits + " 00000 n\r\n";
    }
    pdf += "trailer\n<<\n/Root 1 0 R\n/Info 5 0 R\n/ID [ <00> <00> ]\n/Size " + std::to_string(objects.size() + 1) +
           "\n>>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

std::string inflate(std::string_view data) {
    std::string out(1 << 16, '\0');
    uLongf size = static_cast<uLongf>(out.size());
    REQUIRE(uncompress(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
                       static_cast<uLong>(data.size())) == Z_OK);
    out.resize(size);
    return out;
}

// The data of the stream whose dictionary holds `type` (the `nth` such, from 0).
std::string stream_data(const std::string& pdf, const std::string& type, std::size_t nth = 0) {
    std::size_t dict = pdf.find(type);
    for (std::size_t i = 0; i < nth && dict != std::string::npos; ++i) dict = pdf.find(type, dict + 1);
    REQUIRE(dict != std::string::npos);
    const std::size_t start = pdf.find("stream\n", dict) + 7;
    const std::size_t end = pdf.find("\nendstream", start);
    return inflate(std::string_view(pdf).substr(start, end - start));
}

// The cross-reference stream's rows (type, field 2, field 3), undoing the PNG Up
// predictor; fields as wide as its /W says.
using Entry = std::tuple<int, std::uint32_t, int>;
std::vector<Entry> xref_entries(const std::string& pdf) {
    const std::size_t w = pdf.find("/W [1 ");
    REQUIRE(w != std::string::npos);
    const int field2 = pdf[w + 6] - '0', field3 = pdf[w + 8] - '0';
    const std::size_t columns = static_cast<std::size_t>(1 + field2 + field3);
    const std::string predicted = stream_data(pdf, "/Type /XRef");
    REQUIRE(predicted.size() % (columns + 1) == 0);
    std::vector<Entry> entries;
    std::string above(columns, '\0'), row(columns, '\0');
    for (std::size_t at = 0; at < predicted.size(); at += columns + 1) {
        REQUIRE(predicted[at] == 2);
        for (std::size_t i = 0; i < columns; ++i)
            row[i] = static_cast<char>(static_cast<unsigned char>(predicted[at + 1 + i]) +
                                       static_cast<unsigned char>(above[i]));
        above = row;
        const auto field = [&](std::size_t from, int width) {
            std::uint32_t value = 0;
            for (std::size_t i = 0; i < static_cast<std::size_t>(width); ++i)
                value = (value << 8) | static_cast<unsigned char>(row[from + i]);
            return value;
        };
        entries.emplace_back(static_cast<unsigned char>(row[0]), field(1, field2),
                             static_cast<int>(field(1 + static_cast<std::size_t>(field2), field3)));
    }
    return entries;
}

}  // namespace

TEST_CASE("object streams: dictionaries packed, streams kept, every object where the cross-reference stream says") {
    const auto packed = pack_object_streams(classic_pdf(), {}, 2);
    REQUIRE(packed);
    const std::string& pdf = *packed;
    CHECK(pdf.rfind("%PDF-1.7\n", 0) == 0);
    CHECK(pdf.find("trailer") == std::string::npos);
    CHECK(pdf.find("4 0 obj\n<<\n/Length 22\n>>\nstream\n% endobj endstream\nq Q\nendstream\nendobj\n") != std::string::npos);
    CHECK(pdf.find("/Type /Catalog") == std::string::npos);  // compressed now

    // Four dictionaries at two per stream: objects 6 and 7, then the table as 8.
    // Its rows are under the PNG Up predictor, fields as wide as their values need.
    CHECK(pdf.find("/W [1 2 2]") != std::string::npos);
    CHECK(pdf.find("/DecodeParms <<\n/Predictor 12\n/Columns 5\n>>") != std::string::npos);
    const std::vector<Entry> entries = xref_entries(pdf);
    REQUIRE(entries.size() == 9);
    const auto entry = [&](std::size_t n) { return entries[n]; };
    CHECK(entry(0) == Entry(0, 0, 0xFFFF));
    CHECK(entry(1) == Entry(2, 6, 0));
    CHECK(entry(2) == Entry(2, 6, 1));
    CHECK(entry(3) == Entry(2, 7, 0));
    CHECK(entry(5) == Entry(2, 7, 1));
    for (const std::size_t n : {4, 6, 7, 8}) {
        const auto [type, offset, index] = entry(n);
        CHECK(type == 1);
        CHECK(pdf.compare(offset, std::to_string(n).size() + 6, std::to_string(n) + " 0 obj") == 0);
    }
    const std::string first = stream_data(pdf, "/Type /ObjStm");
    CHECK(first.rfind("1 0 2 ", 0) == 0);
    CHECK(first.find("<</Type/Catalog/Pages 2 0 R>>\n<</Type/Pages") != std::string::npos);  // compacted
    CHECK(pdf.find("/Root 1 0 R\n/Info 5 0 R\n/ID [ <00> <00> ]") != std::string::npos);

    const std::filesystem::path file = fresh_dir("object_streams") / "packed.pdf";
    std::ofstream(file, std::ios::binary) << pdf;
    const ToolResult check = run_tool("qpdf --check " + quoted(file));
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.out.find("No syntax or stream encoding errors") != std::string::npos);
}

TEST_CASE("object streams: the same input gives the same bytes, on any number of threads") {
    CHECK(*pack_object_streams(classic_pdf()) == *pack_object_streams(classic_pdf()));
    const auto one = pack_object_streams(classic_pdf(), {}, 1, 1);  // four object streams
    REQUIRE(one);
    CHECK(*one == *pack_object_streams(classic_pdf(), {}, 1, 2));
    CHECK(*one == *pack_object_streams(classic_pdf(), {}, 1, 3));
}

TEST_CASE("object streams: a file not laid out as expected is refused, not guessed at") {
    const std::string good = classic_pdf();
    CHECK_FALSE(pack_object_streams(""));
    CHECK_FALSE(pack_object_streams(good.substr(0, good.size() / 2)));
    std::string no_trailer = good;
    no_trailer.replace(no_trailer.find("trailer"), 7, "trailor");
    CHECK_FALSE(pack_object_streams(no_trailer));
    std::string moved = good;  // an offset that points at the wrong object
    moved.replace(moved.find(" 00000 n") - 10, 10, "0000000016");  // one past object 1
    CHECK_FALSE(pack_object_streams(moved));
    CHECK_FALSE(pack_object_streams(good, {}, 0));
}

TEST_CASE("object streams: own objects are numbered after libharu's, and packed after them") {
    // libharu's object 5 refers to own object 6.
    const std::string pdf = classic_pdf("<<\n/Producer (a test)\n/Made 6 0 R\n>>");
    const OwnValues own = {{6, "<</By(booklet)>>"}};
    const auto packed = pack_object_streams(pdf, own);
    REQUIRE(packed);
    // libharu's objects (1 to 3, 5) in one object stream, 7, after the own object's
    // number; the own object in the next, 8.
    const std::string libharus = stream_data(*packed, "/Type /ObjStm");
    CHECK(libharus.rfind("1 0 2 ", 0) == 0);
    CHECK(libharus.find("<</Type/Catalog/Pages 2 0 R>>") != std::string::npos);  // compacted as before
    CHECK(packed->find("7 0 obj\n<<\n/Type /ObjStm\n/N 4\n") != std::string::npos);
    CHECK(stream_data(*packed, "/Type /ObjStm", 1) == "6 0\n<</By(booklet)>>\n");
    CHECK(packed->find("8 0 obj\n<<\n/Type /ObjStm\n/N 1\n/First 4\n") != std::string::npos);
    const std::filesystem::path file = fresh_dir("object_streams_own") / "own.pdf";
    std::ofstream(file, std::ios::binary) << *packed;
    const ToolResult shown = run_tool("qpdf --show-object=6 " + quoted(file));
    INFO(shown.out << shown.err);
    CHECK(shown.exit_code == 0);
    CHECK(shown.out.find("/By (booklet)") != std::string::npos);
    const ToolResult check = run_tool("qpdf --check " + quoted(file));
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);

    CHECK_FALSE(pack_object_streams(pdf, {{5, "<<>>"}}));             // libharu's number
    CHECK_FALSE(pack_object_streams(pdf, {{6, ""}}));                 // no value given
    CHECK_FALSE(pack_object_streams(pdf, {{7, "<<>>"}, {6, "1"}}));  // out of order
    CHECK_FALSE(pack_object_streams(pdf, {{6, "<<>>"}, {6, "1"}}));  // twice
}

TEST_CASE("object streams: the file saved while the own objects are deflated, on any number of threads") {
    const std::string pdf = classic_pdf();
    const OwnValues own = {{6, "<</Producer(booklet)>>"}};
    const auto whole = pack_object_streams(pdf, own, 1);
    REQUIRE(whole);
    for (const int threads : {1, 2, 3}) {
        int saved = 0;
        const auto packed = pack_object_streams(
            [&] {
                ++saved;
                return pdf;
            },
            own, {}, 1, threads);
        CHECK(saved == 1);
        CHECK(packed == whole);
    }
    // A session's second build takes every object stream as the first deflated it:
    // the own object's, and libharu's four objects' (one a stream here).
    booklet::KeptBytes kept;
    CHECK(pack_object_streams([&] { return pdf; }, own, {}, 1, 2, &kept) == whole);
    REQUIRE(kept.size() == 5);
    kept.next_build();
    CHECK(pack_object_streams([&] { return pdf; }, own, {}, 1, 2, &kept) == whole);
    CHECK(kept.size() == 5);
    std::vector<std::string> deflated;
    for (auto& [key, entry] : kept.entries()) {
        deflated.push_back(entry.value);
        entry.value = "tampered " + std::to_string(deflated.size());  // shows that the kept bytes are the ones written
    }
    const auto tampered = pack_object_streams([&] { return pdf; }, own, {}, 1, 2, &kept);
    REQUIRE(tampered);
    for (std::size_t i = 0; i < deflated.size(); ++i) {
        CHECK(tampered->find("tampered " + std::to_string(i + 1)) != std::string::npos);
        CHECK(tampered->find(deflated[i]) == std::string::npos);
    }

    CHECK_THROWS_WITH(
        pack_object_streams([]() -> std::string { throw std::runtime_error("disk full"); }, own, {}, 1, 2),
        "disk full");
    CHECK_FALSE(pack_object_streams(pdf, {{0, "1"}}));  // object 0 heads the free list
}

TEST_CASE("object streams: a held stream's data where libharu wrote it empty, its length where libharu wrote 0") {
    const std::string data = "% endobj endstream\r\nq Q";  // not searched: taken as they are
    // libharu's way: an indirect /Length, written after the stream.
    const auto stream_with = [](std::string_view bytes) {
        return "<<\n/Length 6 0 R\n>>\nstream\r\n" + std::string(bytes) + "\nendstream";
    };
    const std::string given = classic_pdf("null", stream_with(data), {std::to_string(data.size())});
    const std::string empty = classic_pdf("null", stream_with(""), {"0"});
    const OwnValues own = {{7, "<</Producer(booklet)>>"}};
    const booklet::pdf::HeldStreams held = {{4, 6, data}};
    const auto whole = pack_object_streams(given, own, 1);
    REQUIRE(whole);
    for (const int threads : {1, 2})
        CHECK(pack_object_streams([&] { return empty; }, own, held, 1, threads) == whole);
    CHECK(whole->find(stream_with(data)) != std::string::npos);
    // An empty held stream stays empty.
    CHECK(pack_object_streams(empty, own, 1, 1, {{4, 6, ""}}) == pack_object_streams(empty, own, 1));

    const std::filesystem::path file = fresh_dir("object_streams_held") / "held.pdf";
    std::ofstream(file, std::ios::binary) << *whole;
    const ToolResult check = run_tool("qpdf --check " + quoted(file));
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);

    CHECK_FALSE(pack_object_streams(given, own, 1, 1, held));                 // libharu's stream is not empty
    CHECK_FALSE(pack_object_streams(classic_pdf("null", stream_with(""), {"7"}), own, 1, 1, held));  // nor its length 0
    CHECK_FALSE(pack_object_streams(empty, own, 1, 1, {{5, 6, data}}));      // not a stream
    CHECK_FALSE(pack_object_streams(empty, own, 1, 1, {{4, 6, data}, {9, 6, data}}));  // never written
    CHECK_FALSE(pack_object_streams(empty, own, 1, 1, {{4, 6, data}, {4, 6, data}}));  // twice
    CHECK_FALSE(pack_object_streams(empty, own, 1, 1, {{4, 9, data}}));  // its length never written
}

// An edited page's content stream has another length; libharu's other objects
// (the pages' dictionaries, the fonts) are as they were, and so is their stream.
TEST_CASE("object streams: the held streams' lengths are packed apart from libharu's other objects") {
    const std::string empty =
        classic_pdf("null", "<<\n/Length 6 0 R\n>>\nstream\r\n\nendstream", {"0"});
    const OwnValues own = {{7, "<</Producer(booklet)>>"}};
    booklet::KeptBytes kept;
    const auto first = pack_object_streams([&] { return empty; }, own, {{4, 6, "q Q"}}, 1000, 1, &kept);
    REQUIRE(first);
    CHECK(kept.size() == 3);  // libharu's objects', the lengths', the own objects'
    const std::string objects = stream_data(*first, "/Type /ObjStm", 0);
    CHECK(objects.find("/Catalog") != std::string::npos);
    CHECK(stream_data(*first, "/Type /ObjStm", 1) == "6 0\n3\n");
    CHECK(xref_entries(*first)[6] == Entry{2, 9, 0});  // the length: first in its stream, object 9

    kept.next_build();
    // Taken from what was kept (tampered with here to show it), where a length
    // among those objects made another stream.
    kept.entries().at(booklet::kept_key("flate", objects)).value = "kept bytes";
    const auto second = pack_object_streams([&] { return empty; }, own, {{4, 6, "q Q Q"}}, 1000, 1, &kept);
    REQUIRE(second);
    CHECK(second->find("kept bytes") != std::string::npos);
    CHECK(second->find("stream\r\nq Q Q\nendstream") != std::string::npos);
    kept.next_build();
    CHECK(kept.size() == 3);  // the first build's lengths were not used again: dropped

    const std::filesystem::path file = fresh_dir("object_streams_lengths") / "lengths.pdf";
    std::ofstream(file, std::ios::binary) << *first;
    const ToolResult check = run_tool("qpdf --check " + quoted(file));
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
}

TEST_CASE("object streams: numbers no object has are free entries, and the own objects are grouped by number") {
    // Objects 1 to 5 are libharu's, 7 and 9 own objects: 6 and 8 are free.
    const std::string pdf = classic_pdf();
    const OwnValues own = {{7, "<</Producer(booklet)>>"}, {9, "[7 0 R]"}};
    const auto packed = pack_object_streams(pdf, own);
    REQUIRE(packed);
    CHECK(stream_data(*packed, "/Type /ObjStm", 1) == "7 0 9 23\n<</Producer(booklet)>>\n[7 0 R]\n");
    const std::filesystem::path file = fresh_dir("object_streams_free") / "free.pdf";
    std::ofstream(file, std::ios::binary) << *packed;
    const ToolResult check = run_tool("qpdf --check " + quoted(file));
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    // Object 0 heads the list of free objects: 6, then 8.
    const std::vector<Entry> entries = xref_entries(*packed);
    CHECK(entries[0] == Entry(0, 6, 0xFFFF));
    CHECK(entries[6] == Entry(0, 8, 0));
    CHECK(entries[8] == Entry(0, 0, 0));
    CHECK(entries[9] == Entry(2, 11, 1));

    // Between two multiples of `per_stream` (here 8): 7 in one stream, 9 in the
    // next, which a change to 7 leaves as it was.
    const auto split = pack_object_streams(pdf, own, 8);
    REQUIRE(split);
    CHECK(stream_data(*split, "/Type /ObjStm", 1) == "7 0\n<</Producer(booklet)>>\n");
    CHECK(stream_data(*split, "/Type /ObjStm", 2) == "9 0\n[7 0 R]\n");
    const auto changed = pack_object_streams(pdf, {{7, "<</Producer(a test)>>"}, {9, "[7 0 R]"}}, 8);
    REQUIRE(changed);
    CHECK(stream_data(*changed, "/Type /ObjStm", 2) == "9 0\n[7 0 R]\n");
}
