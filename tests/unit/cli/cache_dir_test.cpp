// Where the picture cache goes: --cache-dir, else the XDG cache folder, else
// ~/.cache, else nowhere; and what --timings says about it.
#include "cache_dir.hpp"
#include "report.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace booklet;
using namespace booklet::cli;

TEST_CASE("picture cache folder: --cache-dir, $XDG_CACHE_HOME/booklet, $HOME/.cache/booklet, or none") {
    const CacheOption standard;
    const CacheOption named{CacheOption::Kind::folder, "/work/c"};
    const CacheOption none{CacheOption::Kind::none, {}};
    CHECK(picture_cache_folder(named, "/x", "/home/u") == std::filesystem::path("/work/c"));
    CHECK(picture_cache_folder(none, "/x", "/home/u") == std::nullopt);
    CHECK(picture_cache_folder(standard, "/x", "/home/u") == std::filesystem::path("/x/booklet"));
    CHECK(picture_cache_folder(standard, nullptr, "/home/u") == std::filesystem::path("/home/u/.cache/booklet"));
    // The XDG specification: an empty or relative XDG_CACHE_HOME is ignored.
    CHECK(picture_cache_folder(standard, "", "/home/u") == std::filesystem::path("/home/u/.cache/booklet"));
    CHECK(picture_cache_folder(standard, "rel", "/home/u") == std::filesystem::path("/home/u/.cache/booklet"));
    CHECK(picture_cache_folder(standard, nullptr, nullptr) == std::nullopt);
    CHECK(picture_cache_folder(standard, nullptr, "") == std::nullopt);
}

TEST_CASE("--timings says what the picture cache held, in text and in JSON") {
    ReportOptions o;
    o.timings = true;
    const StageTimes times = {{{"layout", 0.5}, {"epub", 0.25}}, 0.75, std::nullopt};
    const PictureCacheUse use{"/c", 7, 1, 1};
    std::ostringstream text;
    Reporter(o, text).timings(times, use);
    CHECK(text.str() == "booklet: seconds per stage: layout 0.50, epub 0.25, total 0.75\n"
                        "booklet: picture cache /c: 7 of 8 entries found, 1 written\n");
    o.format = DiagnosticsFormat::json;
    std::ostringstream json;
    Reporter(o, json).timings(times, use);
    CHECK(json.str() == "{\"timings\":{\"layout\":0.500,\"epub\":0.250,\"wall\":0.750},"
                        "\"picture_cache\":{\"found\":7,\"missing\":1,\"written\":1}}\n");
    std::ostringstream without;
    Reporter(o, without).timings(times);
    CHECK(without.str() == "{\"timings\":{\"layout\":0.500,\"epub\":0.250,\"wall\":0.750}}\n");
}

TEST_CASE("--timings of a watch rebuild says how long the change took to settle before it") {
    ReportOptions o;
    o.timings = true;
    const StageTimes times = {{{"layout", 0.5}}, 0.5, 0.0021};
    std::ostringstream text;
    Reporter(o, text).timings(times);
    CHECK(text.str() == "booklet: seconds per stage: layout 0.50, total 0.50; 0.002 waited for the change to settle\n");
    o.format = DiagnosticsFormat::json;
    std::ostringstream json;
    Reporter(o, json).timings(times);
    CHECK(json.str() == "{\"timings\":{\"layout\":0.500,\"waited\":0.002,\"wall\":0.500}}\n");
}

TEST_CASE("an unwritable picture cache is one warning of kind picture-cache") {
    const auto dir = std::filesystem::temp_directory_path() / "booklet-cache-dir-test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    { std::ofstream(dir / "file") << "a file"; }
    image::PictureCache cache(dir / "file" / "cache");
    cache.put(image::CacheKeyBuilder("t", sha256(std::string_view("x"))).finish(), "payload");
    Diagnostics diags;
    report_picture_cache_problem(&cache, diags);
    report_picture_cache_problem(&cache, diags);
    report_picture_cache_problem(nullptr, diags);
    REQUIRE(diags.all().size() == 1);
    CHECK(diags.all()[0].kind == "picture-cache");
    CHECK(diags.all()[0].severity == Severity::warning);
    CHECK(diags.all()[0].message.find("--no-cache") != std::string::npos);
    std::filesystem::remove_all(dir);
}
