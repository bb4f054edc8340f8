#include "options.hpp"

#include <catch2/catch.hpp>

using namespace booklet::cli;

static Invocation parse(std::initializer_list<const char*> args) {
    return parse_arguments(std::vector<std::string>(args.begin(), args.end()));
}

TEST_CASE("build defaults to the content manifest, both formats, out/") {
    const auto o = std::get<BuildOptions>(parse({"build"}));
    CHECK(o.manifest == "content/booklet.yaml");
    CHECK(o.formats == std::vector<Format>{Format::pdf, Format::epub});
    CHECK(o.out_dir == "out");
    CHECK_FALSE(o.quiet);
}

TEST_CASE("build options in both spellings") {
    const auto o = std::get<BuildOptions>(
        parse({"build", "m.yaml", "--format=epub", "--style", "handout", "--set", "page.size=Letter", "-o", "dist",
               "-q", "--impose"}));
    CHECK(o.manifest == "m.yaml");
    CHECK(o.formats == std::vector<Format>{Format::epub});
    CHECK(o.style == "handout");
    CHECK(o.overrides == std::vector<std::string>{"page.size=Letter"});
    CHECK(o.out_dir == "dist");
    CHECK(o.quiet);
    CHECK(o.impose);
}

TEST_CASE("--impose=LIST stands for imposition settings, applied after --set") {
    const auto o = std::get<BuildOptions>(
        parse({"build", "--set", "page.size=99mm x 210mm", "--impose=trifold,creep=0.1mm"}));
    CHECK(o.impose);
    CHECK(o.overrides == std::vector<std::string>{"page.size=99mm x 210mm", "imposition.scheme=trifold",
                                                  "imposition.paper_thickness=0.1mm"});
    CHECK(std::get<BuildOptions>(parse({"build", "--impose=cut-stack"})).overrides ==
          std::vector<std::string>{"imposition.scheme=cut_stack"});
    CHECK_THROWS_WITH(parse({"build", "--impose=zigzag"}), Catch::Contains("unknown --impose setting 'zigzag'"));
    CHECK_THROWS_WITH(parse({"build", "--impose=creep="}), Catch::Contains("unknown --impose setting 'creep='"));
    CHECK_THROWS_WITH(parse({"build", "--impose="}), Catch::Contains("--impose= needs"));
}

TEST_CASE("usage errors name the problem and the command") {
    CHECK_THROWS_WITH(parse({"build", "--format", "docx"}), Catch::Contains("unknown format 'docx'"));
    CHECK_THROWS_WITH(parse({"build", "--bogus"}), Catch::Contains("unknown option '--bogus'"));
    CHECK_THROWS_WITH(parse({"build", "a.yaml", "b.yaml"}), Catch::Contains("more than one manifest"));
    CHECK_THROWS_WITH(parse({"build", "--set", "nokey"}), Catch::Contains("KEY=VALUE"));
    CHECK_THROWS_WITH(parse({"build", "-o"}), Catch::Contains("-o needs a value"));
    CHECK_THROWS_WITH(parse({"inspect"}), Catch::Contains("needs a Markdown file"));
    CHECK_THROWS_WITH(parse({"frobnicate"}), Catch::Contains("unknown command"));
    try {
        parse({"check", "--x"});
    } catch (const UsageError& e) {
        CHECK(e.command() == "check");
    }
}

TEST_CASE("every subcommand has --help") {
    for (const char* cmd : {"build", "inspect", "check", "styles"}) {
        const auto h = std::get<HelpRequest>(parse({cmd, "--help"}));
        CHECK(h.text.find(std::string("booklet ") + cmd) != std::string::npos);
    }
    CHECK(std::holds_alternative<HelpRequest>(parse({})));
    CHECK(std::holds_alternative<VersionRequest>(parse({"--version"})));
}

TEST_CASE("inspect and check take their file") {
    const auto i = std::get<InspectOptions>(parse({"inspect", "page.md", "--json"}));
    CHECK(i.input == "page.md");
    CHECK(i.json);
    const auto c = std::get<CheckOptions>(parse({"check", "x.yaml"}));
    CHECK(c.manifest == "x.yaml");
}
