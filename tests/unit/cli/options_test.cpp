#include "options.hpp"

#include <catch2/catch.hpp>

using namespace booklet::cli;

static Invocation parse(std::initializer_list<const char*> args) {
    return parse_arguments(std::vector<std::string>(args.begin(), args.end()));
}

TEST_CASE("build defaults: the default input, both formats, out/") {
    const auto o = std::get<BuildOptions>(parse({"build"}));
    CHECK(o.inputs.empty());
    CHECK(o.formats == std::vector<Format>{Format::pdf, Format::epub});
    CHECK(o.output.kind == OutputSpec::Kind::folder);
    CHECK(o.output.path == "out");
    CHECK_FALSE(o.report.quiet);
    CHECK_FALSE(o.report.strict);
    CHECK(o.report.format == DiagnosticsFormat::text);
}

TEST_CASE("build options in both spellings") {
    const auto o = std::get<BuildOptions>(
        parse({"build", "m.yaml", "--format=epub", "--style", "handout", "--set", "page.size=Letter", "-o", "dist",
               "-q", "--impose", "--strict", "--diagnostics=json", "--timings"}));
    CHECK(o.inputs == std::vector<std::string>{"m.yaml"});
    CHECK(o.formats == std::vector<Format>{Format::epub});
    CHECK(o.style == "handout");
    CHECK(o.overrides == std::vector<std::string>{"page.size=Letter"});
    CHECK(o.output.kind == OutputSpec::Kind::folder);
    CHECK(o.output.path == "dist");
    CHECK(o.report.quiet);
    CHECK(o.report.strict);
    CHECK(o.report.timings);
    CHECK(o.report.format == DiagnosticsFormat::json);
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

TEST_CASE("several pages and standard input are inputs") {
    const auto o = std::get<BuildOptions>(parse({"build", "a.md", "b.md", "-"}));
    CHECK(o.inputs == std::vector<std::string>{"a.md", "b.md", "-"});
}

TEST_CASE("-o FILE.pdf and FILE.epub choose the one format they hold") {
    const auto pdf = std::get<BuildOptions>(parse({"build", "page.md", "-o", "x/page.pdf"}));
    CHECK(pdf.output.kind == OutputSpec::Kind::file);
    CHECK(pdf.output.path == "x/page.pdf");
    CHECK(pdf.formats == std::vector<Format>{Format::pdf});
    const auto epub = std::get<BuildOptions>(parse({"build", "--output=book.epub", "--format", "epub"}));
    CHECK(epub.formats == std::vector<Format>{Format::epub});
    CHECK_THROWS_WITH(parse({"build", "-o", "a.pdf", "--format", "epub"}), Catch::Contains("does not match --format"));
    CHECK_THROWS_WITH(parse({"build", "-o", "a.pdf", "--format", "pdf,epub"}), Catch::Contains("one format"));
    const auto folder = std::get<BuildOptions>(parse({"build", "-o", "dist/"}));
    CHECK(folder.output.kind == OutputSpec::Kind::folder);
}

TEST_CASE("-o - writes one named format to standard output") {
    const auto o = std::get<BuildOptions>(parse({"build", "-", "--format", "pdf", "-o", "-"}));
    CHECK(o.output.kind == OutputSpec::Kind::standard_output);
    CHECK_THROWS_WITH(parse({"build", "-o", "-"}), Catch::Contains("add --format pdf or --format epub"));
    CHECK_THROWS_WITH(parse({"build", "-o", "-", "--format", "pdf,epub"}), Catch::Contains("one format"));
    CHECK_THROWS_WITH(parse({"build", "-o", "-", "--format", "pdf", "--impose"}), Catch::Contains("--impose"));
    CHECK_THROWS_WITH(parse({"watch", "-o", "-", "--format", "pdf"}), Catch::Contains("watch writes files"));
    CHECK_THROWS_WITH(parse({"watch", "-"}), Catch::Contains("standard input"));
}

TEST_CASE("check and watch share build's options; check takes no -o") {
    const auto c = std::get<CheckOptions>(parse({"check", "x.yaml", "--strict", "--style", "press-kit"}));
    CHECK(c.build.inputs == std::vector<std::string>{"x.yaml"});
    CHECK(c.build.report.strict);
    CHECK(c.build.style == "press-kit");
    CHECK_THROWS_WITH(parse({"check", "-o", "out"}), Catch::Contains("unknown option '-o'"));
    const auto w = std::get<WatchOptions>(parse({"watch", "content", "-o", "dist", "-q"}));
    CHECK(w.build.inputs == std::vector<std::string>{"content"});
    CHECK(w.build.output.path == "dist");
    CHECK(w.build.report.quiet);
}

TEST_CASE("init takes a folder and --force") {
    const auto i = std::get<InitOptions>(parse({"init"}));
    CHECK(i.folder == ".");
    CHECK_FALSE(i.force);
    const auto j = std::get<InitOptions>(parse({"init", "posts", "--force"}));
    CHECK(j.folder == "posts");
    CHECK(j.force);
    CHECK_THROWS_WITH(parse({"init", "a", "b"}), Catch::Contains("one folder"));
}

TEST_CASE("usage errors name the problem and the command, with a suggestion") {
    CHECK_THROWS_WITH(parse({"build", "--format", "docx"}), Catch::Contains("unknown format 'docx'"));
    CHECK_THROWS_WITH(parse({"build", "--bogus"}), Catch::Contains("unknown option '--bogus'"));
    CHECK_THROWS_WITH(parse({"build", "--stirct"}), Catch::Contains("did you mean '--strict'?"));
    CHECK_THROWS_WITH(parse({"build", "--diagnostics", "xml"}), Catch::Contains("text or json"));
    CHECK_THROWS_WITH(parse({"build", "--set", "nokey"}), Catch::Contains("KEY=VALUE"));
    CHECK_THROWS_WITH(parse({"build", "a.yaml", "b.yaml"}), Catch::Contains("one manifest or folder"));
    CHECK_THROWS_WITH(parse({"check", "a.md", "dir"}), Catch::Contains("'dir' is neither a page nor alone"));
    CHECK_THROWS_WITH(parse({"build", "-o"}), Catch::Contains("-o needs a value"));
    CHECK_THROWS_WITH(parse({"inspect"}), Catch::Contains("needs a Markdown file"));
    CHECK_THROWS_WITH(parse({"frobnicate"}), Catch::Contains("unknown command"));
    CHECK_THROWS_WITH(parse({"biuld"}), Catch::Contains("did you mean 'build'?"));
    try {
        parse({"check", "--x"});
        FAIL("no usage error");
    } catch (const UsageError& e) {
        CHECK(e.command() == "check");
    }
}

TEST_CASE("every subcommand has --help") {
    for (const char* cmd : {"build", "check", "watch", "init", "inspect", "styles"}) {
        const auto h = std::get<HelpRequest>(parse({cmd, "--help"}));
        CHECK(h.text.find(std::string("booklet ") + cmd) != std::string::npos);
    }
    CHECK(std::holds_alternative<HelpRequest>(parse({})));
    CHECK(std::holds_alternative<VersionRequest>(parse({"--version"})));
}

TEST_CASE("inspect takes its file") {
    const auto i = std::get<InspectOptions>(parse({"inspect", "page.md", "--json"}));
    CHECK(i.input == "page.md");
    CHECK(i.json);
}

TEST_CASE("inspect dumps citations, lines or pages in a style") {
    const auto i = std::get<InspectOptions>(
        parse({"inspect", "book.yaml", "--dump", "citations", "--style", "press-kit", "--set", "links.numbering=per_book"}));
    CHECK(i.dump == "citations");
    CHECK(i.style == "press-kit");
    CHECK(i.overrides == std::vector<std::string>{"links.numbering=per_book"});
    CHECK(std::get<InspectOptions>(parse({"inspect", "book.yaml", "--dump=lines"})).dump == "lines");
    CHECK(std::get<InspectOptions>(parse({"inspect", "book.yaml"})).dump == "tree");
    CHECK_THROWS_WITH(parse({"inspect", "book.yaml", "--dump", "words"}), Catch::Contains("unknown dump"));
    CHECK_THROWS_WITH(parse({"inspect", "book.yaml", "--dump", "lines", "--json"}), Catch::Contains("--json"));
}

TEST_CASE("the picture cache: the standard folder, --cache-dir DIR or --no-cache, for build, check and watch") {
    CHECK(std::get<BuildOptions>(parse({"build"})).cache.kind == CacheOption::Kind::standard);
    for (const char* command : {"build", "check", "watch"}) {
        const Invocation dir = parse({command, "--cache-dir", "/tmp/c"});
        const Invocation none = parse({command, "--no-cache"});
        const auto option_of = [](const Invocation& i) {
            if (const auto* b = std::get_if<BuildOptions>(&i)) return b->cache;
            if (const auto* c = std::get_if<CheckOptions>(&i)) return c->build.cache;
            return std::get<WatchOptions>(i).build.cache;
        };
        CHECK(option_of(dir).kind == CacheOption::Kind::folder);
        CHECK(option_of(dir).folder == "/tmp/c");
        CHECK(option_of(none).kind == CacheOption::Kind::none);
    }
    CHECK(std::get<BuildOptions>(parse({"build", "--cache-dir=rel/c"})).cache.folder == "rel/c");
    CHECK_THROWS_WITH(parse({"build", "--cache-dir", "/a", "--no-cache"}), Catch::Contains("give one"));
    CHECK_THROWS_WITH(parse({"build", "--no-cache", "--cache-dir", "/a"}), Catch::Contains("give one"));
    CHECK_THROWS_WITH(parse({"build", "--cache-dir="}), Catch::Contains("--cache-dir needs a folder"));
    CHECK_THROWS_WITH(parse({"build", "--cache-dir"}), Catch::Contains("--cache-dir needs a value"));
    CHECK_THROWS_WITH(parse({"build", "--no-cach"}), Catch::Contains("--no-cache"));  // did you mean
    CHECK(std::get<HelpRequest>(parse({"build", "--help"})).text.find("--cache-dir DIR") != std::string::npos);
    CHECK(std::get<HelpRequest>(parse({"check", "--help"})).text.find("--cache-dir") != std::string::npos);
}
