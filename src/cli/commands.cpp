#include "commands.hpp"

#include "booklet/atomic_file.hpp"
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

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <new>

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
    for (const auto& d : summarised(diags.all())) std::cerr << format(d) << '\n';
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

// Output must not depend on when it was built: SOURCE_DATE_EPOCH, else the
// manifest's date, else the newest page date, else the epoch with a warning.
std::int64_t build_time(const model::Document& doc, Diagnostics& diags) {
    if (const char* env = std::getenv("SOURCE_DATE_EPOCH"); env && *env) {
        // 1970-01-01 to 9999-12-31 23:59:59: EPUB dates and PDF dates have four-digit years.
        constexpr long long kLast = 253402300799;
        errno = 0;
        char* end = nullptr;
        const long long v = std::strtoll(env, &end, 10);
        if (!end || *end != '\0' || errno == ERANGE)
            throw Error({"SOURCE_DATE_EPOCH"}, "'" + excerpt(env) + "' is not a number of seconds", "source-date-epoch");
        if (v < 0 || v > kLast)
            throw Error({"SOURCE_DATE_EPOCH"},
                        "'" + excerpt(env) + "' is outside the years 1970 to 9999 (0 to " + std::to_string(kLast) + ")",
                        "source-date-epoch");
        return v;
    }
    if (auto t = parse_iso_date(doc.meta.date)) return *t;
    std::optional<std::int64_t> newest;
    for (const auto& ch : doc.chapters)
        if (auto t = parse_iso_date(ch.date); t && (!newest || *t > *newest)) newest = t;
    if (newest) return *newest;
    diags.warning({}, "no-date", "no date in the manifest or the pages: output is dated 1970-01-01 (set 'date')");
    return 0;
}

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

namespace {

int build(const BuildOptions& options, std::string& doing) {
    const Progress progress(options.quiet);
    Diagnostics diags;

    doing = "reading the manifest and the pages";
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
    const std::int64_t when = build_time(doc, diags);

    std::error_code ec;
    fs::create_directories(options.out_dir, ec);
    if (ec) throw Error({options.out_dir.string()}, "cannot create output folder: " + ec.message());
    remove_temporary_files(options.out_dir);  // what a killed build left
    const std::string name = options.manifest.stem().string();

    // Every format is written to a temporary file first and all are renamed into
    // place together at the end, so the folder never holds the PDF of one build
    // beside the EPUB of another.
    OutputBatch batch;
    std::vector<std::string> written;
    for (const Format format : options.formats) {
        if (format == Format::pdf) {
            doing = "laying out the PDF";
            const style::Style style = load("booklet");
            shape::FontRegistry fonts;
            hyphenate::Dictionaries dictionaries;
            const pages::Book book = layout::layout_book(doc, style, fonts, dictionaries, {when}, diags);
            progress.step("laid out " + plural(book.pages.size(), "page", "pages"));
            doing = "writing the PDF";
            const fs::path target = options.out_dir / (name + ".pdf");
            const fs::path temp = batch.stage(target);
            pdf::write_pdf(book, temp);
            written.push_back("wrote " + target.string() + " (" + plural(book.pages.size(), "page", "pages") + ", " +
                              human_size(fs::file_size(temp)) + ")");
            if (options.impose) {
                const auto& imp = style.imposition;
                impose::SheetOptions sheet;
                sheet.sheet_width = imp.sheet_width;
                sheet.sheet_height = imp.sheet_height;
                sheet.crop_marks = imp.crop_marks;
                sheet.bleed = imp.bleed;
                sheet.scheme = imp.scheme == style::ImposeScheme::cut_stack ? impose::Scheme::cut_stack
                               : imp.scheme == style::ImposeScheme::trifold ? impose::Scheme::trifold
                                                                            : impose::Scheme::booklet;
                sheet.max_sheets = imp.max_sheets;
                sheet.signature_sheets = imp.signature_sheets;
                sheet.paper_thickness = imp.paper_thickness;
                const pages::Book sheets = impose::impose_book(book, sheet, diags);
                const fs::path print_target = options.out_dir / (name + "-print.pdf");
                pdf::write_pdf(sheets, batch.stage(print_target));
                written.push_back("wrote " + print_target.string() + " (" +
                                  plural(sheets.pages.size(), "sheet side", "sheet sides") + ")");
            }
        } else {
            doing = "writing the EPUB";
            const style::Style style = load("ereader");
            const fs::path target = options.out_dir / (name + ".epub");
            const fs::path temp = batch.stage(target);
            epub::write_epub(doc, style, {when}, temp, diags);
            written.push_back("wrote " + target.string() + " (" + human_size(fs::file_size(temp)) + ")");
        }
    }
    batch.commit();
    for (const auto& line : written) progress.result(line);
    print_diagnostics(diags);
    if (!options.quiet) print_summary(diags);
    return diags.error_count() > 0 ? 1 : 0;
}

}  // namespace

int run_build(const BuildOptions& options) {
    std::string doing = "starting";
    try {
        return build(options, doing);
    } catch (const std::bad_alloc&) {
        // Input too large for the memory there is: a clear error about the
        // content (exit 1), never an internal error; no output was replaced.
        throw Error({options.manifest.string()},
                    "out of memory while " + doing + ": the content is too large for this machine; nothing written",
                    "out-of-memory");
    }
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
