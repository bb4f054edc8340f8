#include "commands.hpp"

#include "data_dir.hpp"
#include "inputs.hpp"
#include "report.hpp"
#include "session.hpp"

#include "booklet/atomic_file.hpp"
#include "booklet/cite.hpp"
#include "booklet/dates.hpp"
#include "booklet/dump.hpp"
#include "booklet/hyphenate.hpp"
#include "booklet/layout.hpp"
#include "booklet/markdown.hpp"
#include "booklet/shape.hpp"
#include "booklet/source.hpp"
#include "booklet/style.hpp"

#include <iostream>

namespace booklet::cli {
namespace fs = std::filesystem;

namespace {

int exit_status(const Diagnostics& diags) { return diags.error_count() > 0 ? 1 : 0; }

}  // namespace

int run_version() {
    std::cout << "booklet " BOOKLET_VERSION "\n";
    try {
        const DataDir data = find_data_dir();
        std::cout << "data: " << data.path.string() << " (" << data.found_by << ")\n";
    } catch (const Error& e) {
        std::cout << "data: not found: " << e.message() << "\n";
    }
    return 0;
}

int run_build(const BuildOptions& options) {
    const Reporter reporter(options.report, std::cerr);
    BuildSession session(options);
    const BuildOutcome outcome = session.run(Purpose::build, reporter);
    for (const auto& w : outcome.written) reporter.result("wrote " + w);
    reporter.diagnostics(outcome.diags);
    if (!outcome.ok() && reporter.text()) std::cerr << "booklet: nothing written: fix the errors above first\n";
    reporter.timings(outcome.times, outcome.picture_cache, outcome.paragraphs, outcome.streams);
    return exit_status(outcome.diags);
}

int run_check(const CheckOptions& options) {
    const Reporter reporter(options.build.report, std::cerr);
    BuildSession session(options.build);
    const BuildOutcome outcome = session.run(Purpose::check, reporter);
    reporter.diagnostics(outcome.diags);
    if (outcome.diags.all().empty() && reporter.text() && !options.build.report.quiet)
        std::cerr << "booklet: no problems found\n";
    reporter.timings(outcome.times, outcome.picture_cache, outcome.paragraphs, outcome.streams);
    return exit_status(outcome.diags);
}

namespace {

// The cite stage's decisions, or the pages laid out, as build would make them
// for the PDF (the style named, else the manifest's, else booklet).
std::string laid_out_dump(const InspectOptions& options, const source::Manifest& manifest,
                          const model::Document& doc, Diagnostics& diags) {
    const std::string chosen = !options.style.empty() ? options.style : manifest.style;
    const style::Style style =
        style::load_style(chosen.empty() ? "booklet" : chosen, find_data_dir().path / "styles", options.overrides);
    // Dated as build dates its output (booklet/dates.hpp): one date policy.
    const std::int64_t when = build_date(manifest.date, diags).seconds;
    const cite::Citations cites = cite_book(doc, style, when);
    if (options.dump == "citations") return dump::citations(doc, cites);
    shape::FontRegistry fonts;
    hyphenate::Dictionaries dictionaries;
    const pages::Book book = layout::layout_book(doc, cites, style, fonts, dictionaries, {when}, diags);
    return options.dump == "lines" ? dump::page_lines(book) : dump::page_items(book);
}

}  // namespace

int run_inspect(const InspectOptions& options) {
    const Reporter reporter({}, std::cerr);
    Diagnostics diags;
    BookInputs inputs = read_inputs({options.input}, diags);
    if (!options.base_url.empty()) inputs.manifest.base_url = options.base_url;
    if (diags.error_count() == 0) {
        const model::Document doc = build_model(inputs, diags);
        if (options.dump == "tree") std::cout << (options.json ? dump::model_json(doc) : dump::model_tree(doc));
        else std::cout << laid_out_dump(options, inputs.manifest, doc, diags);
    }
    reporter.diagnostics(diags);
    return exit_status(diags);
}

int run_init(const InitOptions& options) {
    const fs::path target = options.folder / "booklet.yaml";
    std::error_code ec;
    if (!fs::is_directory(options.folder, ec))
        throw Error({options.folder.string()}, "no such folder", "init");
    if (fs::exists(target, ec) && !options.force)
        throw Error({target.string()}, "a manifest is already there; it is kept (--force replaces it)", "init");
    const std::vector<fs::path> files = source::pages_in_folder(options.folder);
    if (files.empty()) throw Error({options.folder.string()}, "no *.md pages in this folder", "init");

    std::vector<std::string> names;
    std::vector<source::SourcePage> first;
    for (const auto& f : files) names.push_back(f.lexically_relative(options.folder).generic_string());
    try {
        first.push_back(source::read_page(files.front(), files.front().string()));
    } catch (const Error& e) {
        // The title and language are a courtesy; a page with bad front matter still
        // gets its place in the list, and build will report the problem.
        std::cerr << "booklet: " << e.what() << " (title and language left at their defaults)\n";
    }
    write_bytes_atomically(target, source::manifest_template(names, first));
    std::cerr << "booklet: wrote " << target.string() << " with " << names.size()
              << (names.size() == 1 ? " page" : " pages") << "; 'booklet build " << options.folder.string()
              << "' builds it\n";
    return 0;
}

int run_styles(const StylesOptions&) {
    const DataDir data = find_data_dir();
    for (const auto& [name, description] : style::list_styles(data.path / "styles"))
        std::cout << name << (name.size() < 12 ? std::string(12 - name.size(), ' ') : " ") << description << '\n';
    return 0;
}

}  // namespace booklet::cli
