// What the user reads: diagnostics grouped by kind with counts, -q, --strict, JSON lines.
#include "report.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace booklet;
using namespace booklet::cli;

namespace {

Diagnostics sample() {
    Diagnostics d;
    d.warning({"a.md", 3, 1}, "html-dropped", "dropped <script>");
    d.warning({"a.md", 5, 2}, "link-unresolved", "link '#x' cannot be followed");
    d.error({"booklet.yaml", 2, 1}, "manifest-key", "unknown key 'titel'; did you mean 'title'?");
    d.warning({"b.md", 9, 1}, "html-dropped", "dropped <iframe>");
    d.warning({}, "missing-glyph", "no font of the style has 1 character of the Han script");
    return d;
}

std::string report(const Diagnostics& d, ReportOptions o) {
    std::ostringstream out;
    Reporter(o, out).diagnostics(d);
    return out.str();
}

}  // namespace

TEST_CASE("text: errors first, warnings kind by kind, then a count per kind") {
    CHECK(report(sample(), {}) ==
          "booklet.yaml:2:1: error: unknown key 'titel'; did you mean 'title'?\n"
          "a.md:3:1: warning: dropped <script>\n"
          "b.md:9:1: warning: dropped <iframe>\n"
          "a.md:5:2: warning: link '#x' cannot be followed\n"
          "warning: no font of the style has 1 character of the Han script\n"
          "booklet: 1 error, 4 warnings: 2 html-dropped, 1 link-unresolved, 1 manifest-key, 1 missing-glyph\n");
    CHECK(report(Diagnostics{}, {}).empty());
}

TEST_CASE("-q keeps the errors only") {
    ReportOptions quiet;
    quiet.quiet = true;
    CHECK(report(sample(), quiet) == "booklet.yaml:2:1: error: unknown key 'titel'; did you mean 'title'?\n"
                                     "booklet: 1 error\n");
    Diagnostics warnings_only;
    warnings_only.warning({"a.md", 1, 1}, "html-dropped", "m");
    CHECK(report(warnings_only, quiet).empty());
}

TEST_CASE("--strict makes every warning an error") {
    ReportOptions strict;
    strict.strict = true;
    const Diagnostics d = with_strictness(sample(), strict);
    CHECK(d.error_count() == 5);
    CHECK(d.warning_count() == 0);
    CHECK(with_strictness(sample(), {}).warning_count() == 4);
}

TEST_CASE("JSON: one object per line, unknown parts null, text escaped") {
    CHECK(json_line({Severity::warning, {"dir/\"odd\".md", 3, 7}, "link-unsafe", "tab\there \\ and \x01"}) ==
          "{\"file\":\"dir/\\\"odd\\\".md\",\"line\":3,\"column\":7,\"severity\":\"warning\",\"kind\":\"link-unsafe\","
          "\"message\":\"tab\\there \\\\ and \\u0001\"}");
    CHECK(json_line({Severity::error, {}, "source-date-epoch", "m"}) ==
          "{\"file\":null,\"line\":null,\"column\":null,\"severity\":\"error\",\"kind\":\"source-date-epoch\",\"message\":\"m\"}");
    ReportOptions json;
    json.format = DiagnosticsFormat::json;
    const std::string out = report(sample(), json);
    CHECK(std::count(out.begin(), out.end(), '\n') == 5);  // no summary line
}
