// HpdfDocument's own objects: numbered after libharu's, referred to from libharu's
// objects through placeholders, packed with their values, read back by qpdf.
#include "hpdf_document.hpp"
#include "object_streams.hpp"
#include "run_tool.hpp"

#include "booklet/diagnostics.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using booklet::pdf::HpdfDocument;
using namespace booklet::pdf_test;

TEST_CASE("own objects are numbered after libharu's and reached through placeholders") {
    HpdfDocument doc("own.pdf");
    doc.check(HPDF_AddPage(doc.doc()), "adding a page");
    // No own object before libharu's are all made: its number could be one of theirs.
    CHECK_THROWS_AS(doc.new_own_object("too early"), booklet::Error);

    const auto libharus = doc.xref()->entries->count;  // object 0 and libharu's, a handful
    REQUIRE(libharus < 10);
    doc.start_own_objects(10);
    const std::uint32_t first = doc.new_own_object("a test");
    CHECK(first == 10);  // the next multiple of 10
    doc.leave_numbers_free(3);
    const std::uint32_t second = doc.new_own_object("a test");
    CHECK(second == 14);
    doc.align_own_objects(10);
    const std::uint32_t third = doc.new_own_object("a test");
    CHECK(third == 20);  // 15 to 19 left free
    CHECK_THROWS_AS(doc.start_own_objects(10), booklet::Error);  // numbered once

    HPDF_Dict catalog = doc.doc()->catalog;
    doc.add(catalog, "Made", doc.own_reference(first, "a test"), "a test");
    doc.set_own_value(first, "<</By(booklet)/Next 14 0 R>>");
    doc.set_own_value(second, "[10 0 R]");
    doc.set_own_value(third, "20");
    CHECK_THROWS_AS(doc.set_own_value(12, "1"), booklet::Error);  // a free number, no own object's
    // libharu holds none of them: its table is as long as before.
    CHECK(doc.xref()->entries->count == libharus);

    // The packer takes a file with an /ID, as the writer's (write_catalog_and_info).
    HPDF_Array id = doc.add_array(doc.doc()->trailer, "ID");
    doc.add_binary(id, std::string(16, '\0'));
    doc.add_binary(id, std::string(16, '\0'));
    const auto packed = booklet::pdf::pack_object_streams([&] { return doc.save(); }, doc.own_values(),
                                                          doc.held_streams());
    REQUIRE(packed);
    const std::filesystem::path file = fresh_dir("hpdf_document_own") / "own.pdf";
    std::ofstream(file, std::ios::binary) << *packed;
    const ToolResult check = run_tool("qpdf --check " + quoted(file));
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    const auto shown = [&](int number) {
        return run_tool("qpdf --show-object=" + std::to_string(number) + " " + quoted(file)).out;
    };
    CHECK(shown(1).find("/Made 10 0 R") != std::string::npos);  // the catalog
    CHECK(shown(10).find("/By (booklet)") != std::string::npos);
    CHECK(shown(10).find("/Next 14 0 R") != std::string::npos);
    CHECK(shown(14).find("[ 10 0 R ]") != std::string::npos);
    CHECK(shown(20).find("20") != std::string::npos);
}
