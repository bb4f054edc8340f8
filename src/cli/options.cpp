#include "options.hpp"

#include "booklet/source.hpp"
#include "booklet/suggest.hpp"

#include <sstream>

namespace booklet::cli {
namespace {

const char* const kOverview = R"(booklet — Markdown pages to print-ready PDF booklets and EPUB 3 books

usage: booklet <command> [options]

commands:
  build [INPUT...]   render a booklet as PDF and EPUB
  check [INPUT...]   everything build does, writing nothing: every problem it would meet
  watch [INPUT...]   build, then build again whenever a page, image, style or the manifest changes
  init [DIR]         write a commented booklet.yaml for the pages in DIR
  inspect INPUT      show the document model as a tree or JSON
  styles             list the available styles

INPUT is a manifest (booklet.yaml), a folder (its booklet.yaml, else all its *.md
pages in name order), one or more Markdown pages, or - for a page on standard
input. Without one: booklet.yaml here, else content/booklet.yaml.

Run 'booklet <command> --help' for a command's options; 'man booklet' for more.
Exit status: 0 ok, 1 problems in the content, 2 wrong usage.
)";

const char* const kBuild = R"(usage: booklet build [INPUT...] [options]

Renders the booklet. INPUT is a manifest, a folder (its booklet.yaml, else its
*.md pages in name order), Markdown pages (title and language from the first
page's front matter), or - for a page on standard input. Without one:
booklet.yaml here, else content/booklet.yaml.

options:
  --format LIST        pdf, epub or pdf,epub (default pdf,epub)
  --style NAME|FILE    a style from 'booklet styles' or a style file; it drives the PDF and
                       the EPUB (default: the manifest's; else booklet for the PDF and
                       ereader for the EPUB)
  --set KEY=VALUE      override one style setting, e.g. --set page.size=Letter (repeatable)
  --base-url URL       the site that /site-relative links belong to, e.g. https://pauseai.info
                       (default: the manifest's base_url; pages without one leave them unlinked)
  --impose[=LIST]      also write NAME-print.pdf, the pages on sheets to print double-sided
                       (flip on the short edge); LIST, comma-separated, sets imposition.*:
                         booklet      folded and nested (the default; signatures when long)
                         cut-stack    two-up, the stack cut in half and the halves stacked
                         trifold      one sheet folded in three (pages a third of it wide)
                         creep=0.1mm  move inner pages toward the fold by paper thickness x depth
  -o, --output PATH    a folder (default out/), FILE.pdf or FILE.epub (that one format),
                       or - for standard output (one format)
  -q, --quiet          no warnings and no progress; errors are still shown
  --strict             warnings are errors: exit status 1 and nothing written
  --diagnostics FORM   text (default) or json: one JSON object per line on standard error
                       with file, line, column, severity, kind and message
  --timings            seconds spent in each stage, and what the picture cache held
  -j, --jobs N         threads: 1 does every step in turn; 2 (the default where the machine
                       has two cores or more) reads the pages two at a time, reads the pictures
                       and kept paragraphs ahead of the layout, lays out the PDF while the
                       EPUB's pictures are prepared and writes the PDF and the EPUB side by
                       side. The files are the same byte for byte either way
  --cache-dir DIR      keep prepared pictures, set paragraphs, settled page numbers and
                       written pages and streams in DIR between builds: a build of the same
                       pictures with the same settings reads them instead of decoding,
                       reducing and encoding them again, sets again only the paragraphs that
                       changed, lays out unchanged pages in one pass and writes and deflates
                       again only the pages and streams that changed; the output is the same
                       (default: $XDG_CACHE_HOME/booklet, else ~/.cache/booklet; at most 1 GiB,
                       the least recently used removed first)
  --no-cache           neither read nor write the cache
  -h, --help           this text

The build date (title page, running heads, PDF and EPUB metadata, ZIP times) is
$SOURCE_DATE_EPOCH, else the manifest's 'date'. With neither it is the time of
the build, and then the output is not reproducible: two builds differ.
)";

const char* const kCheck = R"(usage: booklet check [INPUT...] [options]

Does everything 'booklet build' does — reads the manifest and the pages, loads the
style, lays out the pages, writes both formats to a throwaway place — and reports
every problem it meets with the severity build gives it, plus pages or images
that went missing, broken internal links and heading ids given twice. Writes
nothing. Exit status 1 when there are errors.

options: --format, --style, --set, --base-url, --impose, -q, --strict, --diagnostics,
--timings, --jobs, --cache-dir, --no-cache as for 'booklet build' (the picture cache
is read and filled as by build: it is no output).
)";

const char* const kWatch = R"(usage: booklet watch [INPUT...] [options]

Builds like 'booklet build', then waits and builds again whenever a page, an image,
the style or the manifest changes (new pages matching the manifest's patterns
too), printing one line per build with the time it finished and how long it took.
A build with errors writes nothing and the watch goes on. Ctrl-C stops it.

options: as for 'booklet build', except that the output cannot be standard output.
)";

const char* const kInit = R"(usage: booklet init [DIR] [--force]

Writes DIR/booklet.yaml (DIR defaults to the working folder) listing the *.md pages
in DIR in name order, with the title and language taken from the first page's
front matter and every other manifest key explained in a comment. An existing
booklet.yaml is kept unless --force is given.
)";

const char* const kInspect = R"(usage: booklet inspect INPUT [--json] [--base-url URL]
                       [--dump tree|citations|lines|pages] [--style NAME|FILE] [--set KEY=VALUE]

Prints the document model — chapters, blocks, inlines, resolved links — as an
indented tree, or as JSON with --json. INPUT is a page, a folder or a manifest.
Warnings go to standard error.

options:
  --json             JSON instead of the tree
  --base-url URL     for pages without a manifest: the site their /site-relative links belong to
  --dump WHAT        tree: the model (the default); citations: every link's decision and
                     the Sources list; lines: the laid-out pages line by line, with roles;
                     pages: every drawn item of the laid-out pages
  --style NAME|FILE  the style for citations, lines and pages (default: the manifest's,
                     else booklet)
  --set KEY=VALUE    override one style setting (repeatable)
)";

const char* const kStyles = R"(usage: booklet styles

Lists the styles in the styles folder, one line each.
)";

const std::vector<std::string> kCommands = {"build", "check", "watch", "init", "inspect", "styles", "help"};

std::vector<Format> parse_formats(const std::string& list, const std::string& command) {
    std::vector<Format> formats;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (item == "pdf") formats.push_back(Format::pdf);
        else if (item == "epub") formats.push_back(Format::epub);
        else throw UsageError("unknown format '" + item + "' (known: pdf, epub)", command);
    }
    if (formats.empty()) throw UsageError("--format needs pdf, epub or both", command);
    return formats;
}

DiagnosticsFormat parse_diagnostics_format(const std::string& v, const std::string& command) {
    if (v == "text") return DiagnosticsFormat::text;
    if (v == "json") return DiagnosticsFormat::json;
    throw UsageError("--diagnostics takes text or json, not '" + v + "'", command);
}

// --impose=trifold,creep=0.1mm as the style settings it stands for.
std::vector<std::string> impose_settings(const std::string& list, const std::string& command) {
    std::vector<std::string> out;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (item == "booklet") out.push_back("imposition.scheme=booklet");
        else if (item == "cut-stack" || item == "cut_stack") out.push_back("imposition.scheme=cut_stack");
        else if (item == "trifold") out.push_back("imposition.scheme=trifold");
        else if (item.rfind("creep=", 0) == 0 && item.size() > 6) out.push_back("imposition.paper_thickness=" + item.substr(6));
        else
            throw UsageError("unknown --impose setting '" + item + "' (known: booklet, cut-stack, trifold, creep=LENGTH)",
                             command);
    }
    if (out.empty()) throw UsageError("--impose= needs booklet, cut-stack, trifold or creep=LENGTH", command);
    return out;
}

// Splits "--name=value" so both spellings work.
bool take_value(const std::vector<std::string>& args, std::size_t& i, const std::string& name,
                std::string& value, const std::string& command) {
    const std::string& a = args[i];
    if (a == name) {
        if (i + 1 >= args.size()) throw UsageError(name + " needs a value", command);
        value = args[++i];
        return true;
    }
    if (a.rfind(name + "=", 0) == 0 && name.rfind("--", 0) == 0) {
        value = a.substr(name.size() + 1);
        return true;
    }
    return false;
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// -o PATH: "-" is standard output, a name ending in .pdf or .epub is that one
// file, anything else (out, dist/) a folder.
OutputSpec output_spec(const std::string& path) {
    if (path == "-") return {OutputSpec::Kind::standard_output, {}};
    if (ends_with(path, ".pdf") || ends_with(path, ".epub")) return {OutputSpec::Kind::file, path};
    return {OutputSpec::Kind::folder, path};
}

// The formats and the output must agree: a file or standard output holds one format.
void settle_formats(BuildOptions& o, bool formats_given, const std::string& command) {
    const auto& out = o.output;
    if (out.kind == OutputSpec::Kind::file) {
        const Format wanted = out.path.extension() == ".pdf" ? Format::pdf : Format::epub;
        if (formats_given && o.formats != std::vector<Format>{wanted})
            throw UsageError("-o " + out.path.string() + " holds one format; it does not match --format", command);
        o.formats = {wanted};
    }
    if (out.kind == OutputSpec::Kind::standard_output) {
        if (!formats_given || o.formats.size() != 1)
            throw UsageError("-o - writes one format to standard output: add --format pdf or --format epub", command);
        if (o.impose) throw UsageError("--impose writes a second PDF: give -o a folder or FILE.pdf", command);
    }
}

[[noreturn]] void unknown_option(const std::string& option, const std::string& command,
                                 const std::vector<std::string>& known) {
    std::string name = option.substr(0, option.find('='));
    throw UsageError("unknown option '" + option + "'" + did_you_mean(name, known), command);
}

// --base-url takes what the manifest's base_url takes (source::site_base_url).
std::string checked_base_url(const std::string& value, const std::string& command) {
    const auto base = source::site_base_url(value);
    if (!base) throw UsageError("--base-url must be an absolute http(s) URL such as https://example.org, not '" + value + "'", command);
    return *base;
}

// build, check and watch share their options; check writes nothing, so it takes no -o.
BuildOptions parse_build_like(const std::vector<std::string>& args, const std::string& command, bool* help) {
    BuildOptions o;
    bool formats_given = false;
    const bool takes_output = command != "check";
    std::vector<std::string> known = {"--format", "--style", "--set", "--base-url", "--impose", "--quiet",
                                      "--strict", "--diagnostics", "--timings", "--jobs", "--cache-dir", "--no-cache",
                                      "--help"};
    if (takes_output) known.push_back("--output");
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        std::string v;
        if (a == "-h" || a == "--help") {
            *help = true;
            return o;
        }
        if (take_value(args, i, "--format", v, command)) {
            o.formats = parse_formats(v, command);
            formats_given = true;
        } else if (take_value(args, i, "--style", v, command)) {
            o.style = v;
        } else if (take_value(args, i, "--set", v, command)) {
            if (v.find('=') == std::string::npos) throw UsageError("--set needs KEY=VALUE, got '" + v + "'", command);
            o.overrides.push_back(v);
        } else if (take_value(args, i, "--base-url", v, command)) {
            o.base_url = checked_base_url(v, command);
        } else if (takes_output &&
                   (take_value(args, i, "-o", v, command) || take_value(args, i, "--output", v, command))) {
            if (v.empty()) throw UsageError("-o needs a path", command);
            o.output = output_spec(v);
        } else if (take_value(args, i, "--diagnostics", v, command)) {
            o.report.format = parse_diagnostics_format(v, command);
        } else if (take_value(args, i, "-j", v, command) || take_value(args, i, "--jobs", v, command)) {
            if (v != "1" && v != "2") throw UsageError("--jobs takes 1 or 2 (the steps that can overlap are two), not '" + v + "'", command);
            o.jobs = v[0] - '0';
        } else if (a == "--impose") {
            o.impose = true;
        } else if (a.rfind("--impose=", 0) == 0) {
            o.impose = true;
            for (const auto& setting : impose_settings(a.substr(9), command)) o.overrides.push_back(setting);
        } else if (a == "-q" || a == "--quiet") {
            o.report.quiet = true;
        } else if (a == "--strict") {
            o.report.strict = true;
        } else if (a == "--timings") {
            o.report.timings = true;
        } else if (take_value(args, i, "--cache-dir", v, command)) {
            if (v.empty()) throw UsageError("--cache-dir needs a folder", command);
            if (o.cache.kind == CacheOption::Kind::none) throw UsageError("--cache-dir and --no-cache: give one", command);
            o.cache = {CacheOption::Kind::folder, v};
        } else if (a == "--no-cache") {
            if (o.cache.kind == CacheOption::Kind::folder) throw UsageError("--cache-dir and --no-cache: give one", command);
            o.cache = {CacheOption::Kind::none, {}};
        } else if (a.size() > 1 && a[0] == '-') {
            unknown_option(a, command, known);
        } else {
            o.inputs.push_back(a);
        }
    }
    if (o.inputs.size() > 1)
        for (const auto& input : o.inputs)
            if (input != "-" && !ends_with(input, ".md") && !ends_with(input, ".markdown"))
                throw UsageError("give one manifest or folder, or Markdown pages (*.md) only; '" + input +
                                     "' is neither a page nor alone",
                                 command);
    settle_formats(o, formats_given, command);
    if (command == "watch" && o.output.kind == OutputSpec::Kind::standard_output)
        throw UsageError("watch writes files again and again: give -o a folder or a file", command);
    return o;
}

Invocation parse_build(const std::vector<std::string>& args) {
    bool help = false;
    BuildOptions o = parse_build_like(args, "build", &help);
    if (help) return HelpRequest{kBuild};
    return o;
}

Invocation parse_check(const std::vector<std::string>& args) {
    bool help = false;
    BuildOptions o = parse_build_like(args, "check", &help);
    if (help) return HelpRequest{kCheck};
    return CheckOptions{std::move(o)};
}

Invocation parse_watch(const std::vector<std::string>& args) {
    bool help = false;
    BuildOptions o = parse_build_like(args, "watch", &help);
    if (help) return HelpRequest{kWatch};
    for (const auto& input : o.inputs)
        if (input == "-") throw UsageError("watch cannot watch standard input: name the page's file", "watch");
    return WatchOptions{std::move(o)};
}

Invocation parse_inspect(const std::vector<std::string>& args) {
    InspectOptions o;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        std::string v;
        if (a == "-h" || a == "--help") return HelpRequest{kInspect};
        if (a == "--json") o.json = true;
        else if (take_value(args, i, "--base-url", v, "inspect")) o.base_url = checked_base_url(v, "inspect");
        else if (take_value(args, i, "--dump", v, "inspect")) {
            if (v != "tree" && v != "citations" && v != "lines" && v != "pages")
                throw UsageError("unknown dump '" + v + "' (known: tree, citations, lines, pages)", "inspect");
            o.dump = v;
        } else if (take_value(args, i, "--style", v, "inspect")) o.style = v;
        else if (take_value(args, i, "--set", v, "inspect")) {
            if (v.find('=') == std::string::npos) throw UsageError("--set needs KEY=VALUE, got '" + v + "'", "inspect");
            o.overrides.push_back(v);
        }
        else if (a.size() > 1 && a[0] == '-')
            unknown_option(a, "inspect", {"--json", "--base-url", "--dump", "--style", "--set", "--help"});
        else if (!o.input.empty()) throw UsageError("inspect takes one file", "inspect");
        else o.input = a;
    }
    if (o.input.empty()) throw UsageError("inspect needs a Markdown file, a folder or a manifest", "inspect");
    if (o.json && o.dump != "tree") throw UsageError("--json shows the model; it does not go with --dump " + o.dump, "inspect");
    return o;
}

Invocation parse_init(const std::vector<std::string>& args) {
    InitOptions o;
    bool have_folder = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") return HelpRequest{kInit};
        if (a == "--force") o.force = true;
        else if (a.size() > 1 && a[0] == '-') unknown_option(a, "init", {"--force", "--help"});
        else if (have_folder) throw UsageError("init takes one folder", "init");
        else {
            o.folder = a;
            have_folder = true;
        }
    }
    return o;
}

Invocation parse_styles(const std::vector<std::string>& args) {
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "-h" || args[i] == "--help") return HelpRequest{kStyles};
        throw UsageError("styles takes no arguments", "styles");
    }
    return StylesOptions{};
}

}  // namespace

std::string help_text(const std::string& command) {
    if (command == "build") return kBuild;
    if (command == "check") return kCheck;
    if (command == "watch") return kWatch;
    if (command == "init") return kInit;
    if (command == "inspect") return kInspect;
    if (command == "styles") return kStyles;
    return kOverview;
}

Invocation parse_arguments(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help")
        return HelpRequest{args.size() > 1 ? help_text(args[1]) : kOverview};
    if (args[0] == "--version") return VersionRequest{};
    const std::string& command = args[0];
    if (command == "build") return parse_build(args);
    if (command == "check") return parse_check(args);
    if (command == "watch") return parse_watch(args);
    if (command == "init") return parse_init(args);
    if (command == "inspect") return parse_inspect(args);
    if (command == "styles") return parse_styles(args);
    throw UsageError("unknown command '" + command + "'" + did_you_mean(command, kCommands), "");
}

}  // namespace booklet::cli
