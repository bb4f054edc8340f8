// The value readers, through the module's internal headers.
#include "values.hpp"

#include "booklet/config.hpp"

#include <catch2/catch.hpp>

using namespace booklet;
using namespace booklet::style;

namespace {

config::ConfigNode scalar(const std::string& text) {
    return config::parse_yaml("v: " + text + "\n", "t.yaml").entries.at(0).second;
}

Sp length(const std::string& text, Sp em = sp_from_pt(10)) { return length_to_sp(read_length(scalar(text), "k"), em); }

std::string length_error(const std::string& text) {
    try {
        read_length(scalar(text), "k");
    } catch (const Error& e) {
        return e.message();
    }
    return "no error";
}

PageSize page(const std::string& text) { return read_page_size(scalar(text), "page.size"); }

}  // namespace

TEST_CASE("lengths in pt, mm, cm, in and em become sp") {
    CHECK(length("10pt") == 10 * kSpPerPt);
    CHECK(length("10 pt") == 10 * kSpPerPt);
    CHECK(length("25.4mm") == 72 * kSpPerPt);
    CHECK(length("2.54cm") == 72 * kSpPerPt);
    CHECK(length("1in") == 72 * kSpPerPt);
    CHECK(length("1.5em", sp_from_pt(10)) == 15 * kSpPerPt);
    CHECK(length("0") == 0);
    CHECK(length("0.5IN") == 36 * kSpPerPt);  // units are case-insensitive
    CHECK(read_length(scalar("-3mm"), "k").value == -3);  // the sign is the caller's to judge
}

TEST_CASE("length errors suggest what was meant") {
    CHECK(length_error("12") == "k: '12' needs a unit (pt, mm, cm, in or em); did you mean '12pt'?");
    CHECK(length_error("1.2") == "k: '1.2' needs a unit (pt, mm, cm, in or em); did you mean '1.2em'?");
    CHECK(length_error("12px") == "k: unknown unit 'px' in '12px' (use pt, mm, cm, in or em)");
    CHECK(length_error("large") == "k: expected a length such as 10pt, 12mm, 1cm, 0.5in or 1.2em, not 'large'");
    CHECK(length_error("99999in") == "k: '99999in' is too large");
    CHECK(length_error("[1, 2]") == "k: expected a length such as 10pt or 12mm, not a list");
}

TEST_CASE("page sizes by name, orientation and dimensions") {
    CHECK(page("A5").width == sp_from_mm(148));
    CHECK(page("a4").name == "A4");
    CHECK(page("Letter").width == sp_from_in(8.5));
    CHECK(page("Letter").height == sp_from_in(11));
    const auto landscape = page("A4 landscape");
    CHECK(landscape.name == "A4 landscape");
    CHECK(landscape.width == sp_from_mm(297));
    CHECK(landscape.height == sp_from_mm(210));
    const auto custom = page("148mm x 210mm");
    CHECK(custom.width == sp_from_mm(148));
    CHECK(custom.height == sp_from_mm(210));
    const auto inches = page("6 x 9in");
    CHECK(inches.width == sp_from_in(6));
    CHECK(inches.height == sp_from_in(9));
    CHECK(page("90mm \xc3\x97 120mm").width == sp_from_mm(90));  // the × sign
    CHECK_THROWS_WITH(page("10mm x 10mm"),
                      Catch::Contains("too small to hold text"));
    CHECK_THROWS_WITH(page("1em x 2em"), Catch::Contains("unknown unit 'em'"));
    CHECK_THROWS_WITH(page("A7"), Catch::Contains("unknown page size 'A7'"));
}

TEST_CASE("colours") {
    CHECK(read_color(scalar("\"#1a4F8b\""), "c") == Color{0x1a, 0x4f, 0x8b});
    CHECK_THROWS_WITH(read_color(scalar("\"#12345\""), "c"), Catch::Contains("expected a colour \"#rrggbb\""));
    CHECK_THROWS_WITH(read_color(scalar("red"), "c"), Catch::Contains("not 'red'"));
}

TEST_CASE("numbers in messages: short, rounded, locale-free") {
    CHECK(number_text(13.5, 2) == "13.5");
    CHECK(number_text(148.0, 1) == "148");
    CHECK(number_text(18.24, 1) == "18.2");
    CHECK(number_text(0.85, 3) == "0.85");
    CHECK(number_text(-0.01, 1) == "0");
}
