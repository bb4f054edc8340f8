#include "booklet/dates.hpp"

#include <catch2/catch.hpp>

using namespace booklet;

namespace {
constexpr std::int64_t kNow = 1778457600;  // 2026-05-11, a stand-in for the clock
}

TEST_CASE("SOURCE_DATE_EPOCH decides the build date first") {
    Diagnostics diags;
    const BuildDate d = decide_build_date("1714521600", "2020-01-01", kNow, diags);
    CHECK(d.seconds == 1714521600);
    CHECK(d.source == BuildDateSource::source_date_epoch);
    CHECK(diags.all().empty());
}

TEST_CASE("the manifest's date comes next") {
    Diagnostics diags;
    const BuildDate d = decide_build_date(nullptr, "2024-05-01", kNow, diags);
    CHECK(d.seconds == 1714521600);
    CHECK(d.source == BuildDateSource::manifest);
    CHECK(diags.all().empty());
    CHECK(decide_build_date("", "2024-05-01", kNow, diags).source == BuildDateSource::manifest);
}

TEST_CASE("with neither, the time of the build, said to be not reproducible") {
    Diagnostics diags;
    const BuildDate d = decide_build_date(nullptr, "", kNow, diags);
    CHECK(d.seconds == kNow);
    CHECK(d.source == BuildDateSource::clock);
    REQUIRE(diags.all().size() == 1);
    CHECK(diags.all()[0].kind == "build-date-clock");
    CHECK(diags.all()[0].message.find("not reproducible") != std::string::npos);
}

TEST_CASE("a broken SOURCE_DATE_EPOCH stops the build, never read as the epoch or replaced") {
    for (const char* bad : {"yesterday", "-5", "12abc", "99999999999999", "253402300800"}) {
        INFO(bad);
        Diagnostics diags;
        try {
            decide_build_date(bad, "2024-05-01", kNow, diags);
            FAIL("no error");
        } catch (const booklet::Error& e) {
            CHECK(e.kind() == "source-date-epoch");
            CHECK(e.pos().file == "SOURCE_DATE_EPOCH");
        }
    }
    Diagnostics diags;
    CHECK(decide_build_date("253402300799", "", kNow, diags).seconds == 253402300799LL);
}
