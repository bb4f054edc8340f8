#include "session.hpp"

#include "outputs.hpp"

#include "booklet/cite.hpp"
#include "booklet/dates.hpp"
#include "booklet/epub.hpp"
#include "booklet/impose.hpp"
#include "booklet/layout.hpp"
#include "booklet/markdown.hpp"
#include "booklet/pdf.hpp"
#include "booklet/shape.hpp"
#include "booklet/style.hpp"

#include <cstdio>
#include <cstdlib>
#include <optional>

namespace booklet::cli {
namespace fs = std::filesystem;

cite::Citations cite_book(const model::Document& doc, const style::Style& style, std::int64_t when) {
    return cite::cite_document(doc, style.links, when,
                               words::for_language(doc.meta.language, {&style.labels, &doc.meta.labels}));
}

namespace {

// The style's imposition settings as the impose stage takes them.
impose::SheetOptions sheet_options(const style::Imposition& imp) {
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
    return sheet;
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

std::string size_of(const fs::path& file) {
    std::error_code ec;
    const auto bytes = fs::file_size(file, ec);
    return ec ? std::string("size unknown") : human_size(bytes);
}

// The style of each format: the one the user or the manifest names drives both;
// otherwise each format gets the style made for it.
struct Styles {
    std::optional<style::Style> pdf, epub;
};

// One run of the pipeline; the session keeps what outlives it.
class Run {
public:
    Run(const BuildOptions& options, const DataDir& data, hyphenate::Dictionaries& dictionaries,
        const Reporter& reporter, BuildOutcome& out)
        : options_(options), data_(data), dictionaries_(dictionaries), reporter_(reporter), out_(out) {}

    void go(Purpose purpose) {
        BookInputs inputs = read_inputs(options_.inputs, diags());
        if (!options_.base_url.empty()) inputs.manifest.base_url = options_.base_url;
        model::Document doc = build_model(inputs, diags());
        if (purpose == Purpose::check) markdown::check_document(inputs.manifest, doc, diags());
        drop_unreadable_images(doc, diags());
        reporter_.progress("read " + plural(doc.chapters.size(), "page", "pages"));
        clock_.lap(out_.times, "read");

        Styles styles = load_styles(inputs.manifest);
        clock_.lap(out_.times, "style");
        std::vector<fs::path> style_files;
        for (const auto* s : {&styles.pdf, &styles.epub})
            if (*s) style_files.push_back((*s)->file);
        out_.inputs = watch_list(inputs, doc, style_files);
        if (diags().error_count() > 0) return;  // nothing rendered from a broken booklet

        OutputSet outputs = purpose == Purpose::check ? OutputSet::throwaway() : OutputSet(options_.output, inputs.name);
        std::vector<std::string> details;
        const std::int64_t when = build_date(inputs.manifest.date, diags()).seconds;
        // The PDF first: the EPUB's page list is made from its pages.
        std::optional<page_map::PageMap> printed;
        for (const Format format : options_.formats)
            if (format == Format::pdf) printed = write_pdf(doc, *styles.pdf, when, outputs, details);
        for (const Format format : options_.formats) {
            if (format != Format::epub) continue;
            if (!styles.epub->epub.page_list) printed.reset();
            else if (!printed) printed = printed_pages(doc, inputs.manifest, when);
            write_epub(doc, *styles.epub, when, printed ? *printed : page_map::PageMap{}, outputs, details);
        }
        out_.diags = with_strictness(out_.diags, options_.report);
        if (purpose == Purpose::check || out_.diags.error_count() > 0) return;
        const std::vector<std::string> where = outputs.commit();
        for (std::size_t i = 0; i < where.size(); ++i)
            out_.written.push_back((where[i] == "-" ? std::string("standard output") : where[i]) + " (" + details[i] + ")");
    }

private:
    Diagnostics& diags() { return out_.diags; }

    // The style a format is built in: the one the user or the manifest names, else
    // the style made for that format.
    std::string style_name(Format format, const source::Manifest& manifest) const {
        const std::string& chosen = !options_.style.empty() ? options_.style : manifest.style;
        return !chosen.empty() ? chosen : format == Format::pdf ? "booklet" : "ereader";
    }

    Styles load_styles(const source::Manifest& manifest) {
        const auto load = [&](Format format) -> std::optional<style::Style> {
            try {
                return style::load_style(style_name(format, manifest), data_.path / "styles", options_.overrides);
            } catch (const Error& e) {
                diags().add(e.diagnostic());  // the same style twice reports once
                return std::nullopt;
            }
        };
        Styles s;
        for (const Format f : options_.formats) {
            if (f == Format::pdf) s.pdf = load(Format::pdf);
            else s.epub = load(Format::epub);
        }
        return s;
    }

    // The page map of a laid-out book, named for the EPUB's dc:source.
    static page_map::PageMap page_map_of(const model::Document& doc, const style::Style& style, const pages::Book& book) {
        page_map::PageMap map = book.page_map;
        const std::string title = !doc.meta.title.empty() ? doc.meta.title
                                  : !doc.chapters.empty() ? doc.chapters.front().title
                                                          : std::string();
        map.source = title + " (PDF, " + plural(book.pages.size(), "page", "pages") + ", style " + style.name + ")";
        return map;
    }

    // Only the EPUB asked for: the pages of the PDF this build would make (in
    // style_name(pdf)), laid out for their page map alone. Its warnings are the
    // PDF's, not this build's: they are not reported.
    std::optional<page_map::PageMap> printed_pages(const model::Document& doc, const source::Manifest& manifest,
                                                   std::int64_t when) {
        Diagnostics quiet;
        try {
            const style::Style style =
                style::load_style(style_name(Format::pdf, manifest), data_.path / "styles", options_.overrides);
            shape::FontRegistry fonts;
            const pages::Book book = layout::layout_book(doc, cite_book(doc, style, when), style, fonts, dictionaries_,
                                                         {when}, quiet);
            clock_.lap(out_.times, "layout");
            return page_map_of(doc, style, book);
        } catch (const Error&) {
            // No page list then; a build of that PDF reports why.
            return std::nullopt;
        }
    }

    std::optional<page_map::PageMap> write_pdf(const model::Document& doc, const style::Style& style, std::int64_t when,
                                               OutputSet& outputs, std::vector<std::string>& details) {
        shape::FontRegistry fonts;
        const cite::Citations cites = cite_book(doc, style, when);
        const pages::Book book = layout::layout_book(doc, cites, style, fonts, dictionaries_, {when}, diags());
        shape::report_missing_characters(fonts, diags());
        hyphenate::report_missing_dictionaries(dictionaries_, diags());
        reporter_.progress("laid out " + plural(book.pages.size(), "page", "pages"));
        clock_.lap(out_.times, "layout");
        const fs::path file = outputs.stage(".pdf");
        pdf::write_pdf(book, file);
        details.push_back(plural(book.pages.size(), "page", "pages") + ", " + size_of(file));
        clock_.lap(out_.times, "pdf");
        if (options_.impose) {
            // The page list keeps the reading order's pages: sheets are not pages.
            const pages::Book sheets = impose::impose_book(book, sheet_options(style.imposition), diags());
            const fs::path print = outputs.stage("-print.pdf");
            pdf::write_pdf(sheets, print);
            details.push_back(plural(sheets.pages.size(), "sheet side", "sheet sides") + ", " + size_of(print));
            clock_.lap(out_.times, "impose");
        }
        return page_map_of(doc, style, book);
    }

    void write_epub(const model::Document& doc, const style::Style& style, std::int64_t when,
                    const page_map::PageMap& printed, OutputSet& outputs, std::vector<std::string>& details) {
        const fs::path file = outputs.stage(".epub");
        epub::Settings settings{when, printed};
        epub::write_epub(doc, cite_book(doc, style, when), style, settings, file, diags());
        details.push_back(size_of(file));
        clock_.lap(out_.times, "epub");
    }

    const BuildOptions& options_;
    const DataDir& data_;
    hyphenate::Dictionaries& dictionaries_;
    const Reporter& reporter_;
    BuildOutcome& out_;
    Stopwatch clock_;
};

}  // namespace

BuildSession::BuildSession(BuildOptions options) : options_(std::move(options)) {}

BuildOutcome BuildSession::run(Purpose purpose, const Reporter& reporter) {
    BuildOutcome out;
    try {
        if (!data_) data_ = find_data_dir();
        Run(options_, *data_, dictionaries_, reporter, out).go(purpose);
    } catch (const Error& e) {
        out.diags.add(e.diagnostic());
    }
    out.diags = with_strictness(out.diags, options_.report);  // warnings found before rendering too
    return out;
}

}  // namespace booklet::cli
