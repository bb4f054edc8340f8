#include "options.hpp"

#include <sstream>

namespace booklet::cli {
namespace {

const char* const kOverview = R"(booklet — Markdown pages to print-ready PDF booklets and EPUB 3 books

usage: booklet <command> [options]

commands:
  build [MANIFEST]   render the booklet (default content/booklet.yaml) as PDF and EPUB
  inspect FILE       show the document model of a page or a whole manifest
  check [MANIFEST]   find problems without rendering: missing pages and images,
                     broken internal links, duplicate heading ids, unknown keys
  styles             list the available styles

Run 'booklet <command> --help' for a command's options.
Exit status: 0 ok, 1 problems in the content, 2 wrong usage.
)";

const char* const kBuild = R"(usage: booklet build [MANIFEST] [options]

Renders the pages named by MANIFEST (default content/booklet.yaml).

options:
  --format LIST      pdf, epub or pdf,epub (default pdf,epub)
  --style NAME|FILE  a style from styles/ or a style file; it drives the PDF and the EPUB
                     (default: the manifest's; else booklet for the PDF and ereader for the EPUB)
  --set KEY=VALUE    override one style setting, e.g. --set page.size=Letter (repeatable)
  --impose[=LIST]    also write NAME-print.pdf, the pages on sheets to print double-sided
                     (flip on the short edge); LIST, comma-separated, sets imposition.*:
                       booklet      folded and nested (the default; signatures when long)
                       cut-stack    two-up, the stack cut in half and the halves stacked
                       trifold      one sheet folded in three (pages a third of it wide)
                       creep=0.1mm  move inner pages toward the fold by paper thickness x depth
  -o, --output DIR   where to write (default out/)
  -q, --quiet        no progress messages
  -h, --help         this text
)";

const char* const kInspect = R"(usage: booklet inspect FILE.md|MANIFEST [--json] [--base-url URL]

Prints the document model — chapters, blocks, inlines, resolved links — as an
indented tree, or as JSON with --json. Warnings go to standard error.

options:
  --json             JSON instead of the tree
  --base-url URL     for a single page: the site that its /site-relative links belong to
)";

const char* const kCheck = R"(usage: booklet check [MANIFEST]

Reads the manifest and every page without rendering and reports missing pages and
images, broken internal links, duplicate heading ids and unknown manifest keys as
'path:line:col: error|warning: message'. Exit status 1 when there are errors.
)";

const char* const kStyles = R"(usage: booklet styles

Lists the styles in the styles folder, one line each.
)";

std::vector<Format> parse_formats(const std::string& list) {
    std::vector<Format> formats;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (item == "pdf") formats.push_back(Format::pdf);
        else if (item == "epub") formats.push_back(Format::epub);
        else throw UsageError("unknown format '" + item + "' (known: pdf, epub)", "build");
    }
    if (formats.empty()) throw UsageError("--format needs pdf, epub or both", "build");
    return formats;
}

// --impose=trifold,creep=0.1mm as the style settings it stands for.
std::vector<std::string> impose_settings(const std::string& list) {
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
                             "build");
    }
    if (out.empty()) throw UsageError("--impose= needs booklet, cut-stack, trifold or creep=LENGTH", "build");
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

Invocation parse_build(const std::vector<std::string>& args) {
    BuildOptions o;
    bool have_manifest = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        std::string v;
        if (a == "-h" || a == "--help") return HelpRequest{kBuild};
        if (take_value(args, i, "--format", v, "build")) o.formats = parse_formats(v);
        else if (take_value(args, i, "--style", v, "build")) o.style = v;
        else if (take_value(args, i, "--set", v, "build")) {
            if (v.find('=') == std::string::npos) throw UsageError("--set needs KEY=VALUE, got '" + v + "'", "build");
            o.overrides.push_back(v);
        } else if (take_value(args, i, "-o", v, "build") || take_value(args, i, "--output", v, "build")) {
            o.out_dir = v;
        } else if (a == "--impose") {
            o.impose = true;
        } else if (a.rfind("--impose=", 0) == 0) {
            o.impose = true;
            for (const auto& setting : impose_settings(a.substr(9))) o.overrides.push_back(setting);
        } else if (a == "-q" || a == "--quiet") o.quiet = true;
        else if (!a.empty() && a[0] == '-') throw UsageError("unknown option '" + a + "'", "build");
        else if (have_manifest) throw UsageError("more than one manifest given ('" + a + "')", "build");
        else {
            o.manifest = a;
            have_manifest = true;
        }
    }
    return o;
}

Invocation parse_inspect(const std::vector<std::string>& args) {
    InspectOptions o;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        std::string v;
        if (a == "-h" || a == "--help") return HelpRequest{kInspect};
        if (a == "--json") o.json = true;
        else if (take_value(args, i, "--base-url", v, "inspect")) o.base_url = v;
        else if (!a.empty() && a[0] == '-') throw UsageError("unknown option '" + a + "'", "inspect");
        else if (!o.input.empty()) throw UsageError("inspect takes one file", "inspect");
        else o.input = a;
    }
    if (o.input.empty()) throw UsageError("inspect needs a Markdown file or a manifest", "inspect");
    return o;
}

Invocation parse_check(const std::vector<std::string>& args) {
    CheckOptions o;
    bool have_manifest = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") return HelpRequest{kCheck};
        if (!a.empty() && a[0] == '-') throw UsageError("unknown option '" + a + "'", "check");
        if (have_manifest) throw UsageError("check takes one manifest", "check");
        o.manifest = a;
        have_manifest = true;
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
    if (command == "inspect") return kInspect;
    if (command == "check") return kCheck;
    if (command == "styles") return kStyles;
    return kOverview;
}

Invocation parse_arguments(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help")
        return HelpRequest{args.size() > 1 ? help_text(args[1]) : kOverview};
    if (args[0] == "--version") return VersionRequest{};
    const std::string& command = args[0];
    if (command == "build") return parse_build(args);
    if (command == "inspect") return parse_inspect(args);
    if (command == "check") return parse_check(args);
    if (command == "styles") return parse_styles(args);
    throw UsageError("unknown command '" + command + "'", "");
}

}  // namespace booklet::cli
