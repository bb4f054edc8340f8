#include "commands.hpp"

#include "booklet/dates.hpp"
#include "booklet/diagnostics.hpp"
#include "booklet/dump.hpp"
#include "booklet/epub.hpp"
#include "booklet/hyphenate.hpp"
#include "booklet/impose.hpp"
#include "booklet/layout.hpp"
#include "booklet/markdown.hpp"
#include "booklet/pdf.hpp"
#include "booklet/shape.hpp"
#include "booklet/source.hpp"
#include "booklet/style.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>

namespace booklet::cli {
namespace fs = std::filesystem;

namespace {

// The folder holding styles/ and fonts/: $BOOKLET_DATA_DIR, else the source tree the
// binary was built from (the project is run from its checkout, not installed).
fs::path data_dir() {
    if (const char* env = std::getenv("BOOKLET_DATA_DIR"); env && *env) return env;
    return BOOKLET_SOURCE_DIR;
}

void print_diagnostics(const Diagnostics& diags) {
    for (const auto& d : diags.all()) std::cerr << format(d) << '\n';
}

void print_summary(const Diagnostics& diags) {
    if (diags.all().empty()) return;
    std::cerr << "booklet: " << diags.error_count() << " error(s), " << diags.warning_count() << " warning(s)";
    const auto kinds = diags.count_by_kind();
    const char* sep = ": ";
    for (const auto& [kind, n] : kinds) {
        std::cerr << sep << kind << " " << n;
        sep = ", ";
    }
    std::cerr << '\n';
}

// Messages while a build runs; a build that finishes in a moment says nothing
// until its result.
class Progress {
public:
    explicit Progress(bool quiet) : quiet_(quiet), start_(std::chrono::steady_clock::now()) {}

    void step(const std::string& message) const {
        if (!quiet_ && seconds() >= 0.3) std::cerr << "booklet: " << message << '\n';
    }
    void result(const std::string& message) const {
        if (!quiet_) std::cerr << "booklet: " << message << '\n';
    }
    double seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }

private:
    bool quiet_;
    std::chrono::steady_clock::time_point start_;
};

std::string human_size(std::uintmax_t bytes) {
    char buf[32];
    if (bytes >= 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    else std::snprintf(buf, sizeof buf, "%.0f KB", static_cast<double>(bytes) / 1024.0);
    return buf;
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

int run_build(const BuildOptions& options) {
    const Progress progress(options.quiet);
    Diagnostics diags;

    const source::Manifest manifest = source::load_manifest(options.manifest, diags);
    const model::Document doc = markdown::build_document(manifest, diags);
    progress.step("read " + plural(doc.chapters.size(), "page", "pages"));
    if (diags.error_count() > 0) {
        print_diagnostics(diags);
        print_summary(diags);
        std::cerr << "booklet: nothing written: fix the errors above first\n";
        return 1;
    }

    // One style drives both formats when the user names one; otherwise each format
    // gets the style made for it.
    const std::string chosen = !options.style.empty() ? options.style : manifest.style;
    const auto load = [&](const char* fallback) {
        return style::load_style(chosen.empty() ? fallback : chosen, data_dir() / "styles", options.overrides);
    };
    const std::int64_t when = build_date(manifest.date, diags).seconds;

    std::error_code ec;
    fs::create_directories(options.out_dir, ec);
    if (ec) throw Error({options.out_dir.string()}, "cannot create output folder: " + ec.message());
    const std::string name = options.manifest.stem().string();

    for (const Format format : options.formats) {
        if (format == Format::pdf) {
            const style::Style style = load("booklet");
            shape::FontRegistry fonts;
            hyphenate::Dictionaries dictionaries;
            const pages::Book book = layout::layout_book(doc, style, fonts, dictionaries, {when}, diags);
            progress.step("laid out " + plural(book.pages.size(), "page", "pages"));
            const fs::path target = options.out_dir / (name + ".pdf");
            pdf::write_pdf(book, target);
            progress.result("wrote " + target.string() + " (" + plural(book.pages.size(), "page", "pages") + ", " +
                            human_size(fs::file_size(target)) + ")");
            if (options.impose) {
                impose::SheetOptions sheet{style.imposition.sheet_width, style.imposition.sheet_height,
                                           style.imposition.crop_marks, style.imposition.bleed};
                const pages::Book sheets = impose::impose_booklet(book, sheet);
                const fs::path print_target = options.out_dir / (name + "-print.pdf");
                pdf::write_pdf(sheets, print_target);
                progress.result("wrote " + print_target.string() + " (" +
                                plural(sheets.pages.size(), "sheet side", "sheet sides") + ")");
            }
        } else {
            const style::Style style = load("ereader");
            const fs::path target = options.out_dir / (name + ".epub");
            epub::write_epub(doc, style, {when}, target, diags);
            progress.result("wrote " + target.string() + " (" + human_size(fs::file_size(target)) + ")");
        }
    }
    print_diagnostics(diags);
    if (!options.quiet) print_summary(diags);
    return diags.error_count() > 0 ? 1 : 0;
}

int run_inspect(const InspectOptions& options) {
    Diagnostics diags;
    const bool is_page = options.input.extension() == ".md" || options.input.extension() == ".markdown";
    source::Manifest manifest =
        is_page ? source::manifest_for_page(options.input) : source::load_manifest(options.input, diags);
    if (!options.base_url.empty()) manifest.base_url = options.base_url;
    const model::Document doc = markdown::build_document(manifest, diags);
    std::cout << (options.json ? dump::model_json(doc) : dump::model_tree(doc));
    print_diagnostics(diags);
    print_summary(diags);
    return diags.error_count() > 0 ? 1 : 0;
}

int run_check(const CheckOptions& options) {
    Diagnostics diags;
    const source::Manifest manifest = source::load_manifest(options.manifest, diags);
    const model::Document doc = markdown::build_document(manifest, diags);
    markdown::check_document(manifest, doc, diags);
    print_diagnostics(diags);
    if (diags.all().empty()) std::cerr << "booklet: " << options.manifest.string() << ": no problems found\n";
    else print_summary(diags);
    return diags.error_count() > 0 ? 1 : 0;
}

int run_styles(const StylesOptions&) {
    for (const auto& [name, description] : style::list_styles(data_dir() / "styles"))
        std::cout << name << (name.size() < 12 ? std::string(12 - name.size(), ' ') : " ") << description << '\n';
    return 0;
}

}  // namespace booklet::cli
