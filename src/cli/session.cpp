#include "session.hpp"

#include "cache_dir.hpp"
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

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <optional>
#include <thread>

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

// What a run finds of the session's: the kept fonts and paragraphs and whether it
// may leave them there for the next run, the kept pages, the PDF's kept streams,
// the EPUB's kept entries, chapter documents and pictures, and where to leave
// what it is done with (none of these outside watch).
struct KeptSlots {
    std::unique_ptr<layout::KeptText>& text;
    bool keep_text = false;
    markdown::KeptPages* pages = nullptr;
    pdf::KeptStreams* streams = nullptr;
    KeptBytes* entries = nullptr;
    epub::KeptDocuments* documents = nullptr;
    epub::KeptPictures* epub_pictures = nullptr;
    ReleaseLater* leftovers = nullptr;
};

// One run of the pipeline; the session keeps what outlives it.
class Run {
public:
    Run(const BuildOptions& options, const DataDir& data, hyphenate::Dictionaries& dictionaries,
        image::PictureCache* picture_cache, KeptSlots kept,
        const Reporter& reporter, BuildOutcome& out)
        : options_(options), data_(data), dictionaries_(dictionaries), picture_cache_(picture_cache),
          kept_(kept), reporter_(reporter), out_(out) {}

    void go(Purpose purpose) {
        BookInputs inputs = read_inputs(options_.inputs, diags());
        if (!options_.base_url.empty()) inputs.manifest.base_url = options_.base_url;
        std::future<void> dictionaries_read = read_dictionaries_ahead({inputs.manifest.language});
        // The styles are read beside the pages: neither needs the other (the seed's
        // two took 2 ms after its pages' 2 ms).
        std::future<LoadedStyles> styles_read = std::async(policy(), [&] { return load_styles(inputs.manifest); });
        model::Document read = build_model(inputs, diags(), kept_.pages, jobs());
        dictionaries_read = read_dictionaries_ahead(chapter_languages(read), std::move(dictionaries_read));
        if (purpose == Purpose::check) markdown::check_document(inputs.manifest, read, diags());
        drop_unreadable_images(read, diags());
        // Shared from here on: a session's layout keeps it for the next build (layout::Settings::document).
        document_ = std::make_shared<const model::Document>(std::move(read));
        const model::Document& doc = *document_;
        reporter_.progress("read " + plural(doc.chapters.size(), "page", "pages"));
        clock_.lap(out_.times, "read");

        LoadedStyles loaded = styles_read.get();
        diags().merge(loaded.diags);  // after the pages', as when one was read after the other
        const Styles& styles = loaded.styles;
        // Layout waits for the dictionaries only where it first asks for one.
        if (dictionaries_read.valid()) dictionaries_.reading_ahead(std::move(dictionaries_read));
        clock_.lap(out_.times, "style");
        std::vector<fs::path> style_files;
        for (const auto* s : {&styles.pdf, &styles.epub})
            if (*s) style_files.push_back((*s)->file);
        out_.inputs = watch_list(inputs, doc, style_files);
        if (diags().error_count() > 0) return;  // nothing rendered from a broken booklet

        OutputSet outputs = purpose == Purpose::check ? OutputSet::throwaway() : OutputSet(options_.output, inputs.name);
        const std::int64_t when = build_date(inputs.manifest.date, diags()).seconds;
        const std::vector<std::string> details = render(doc, styles, inputs.manifest, when, outputs);
        report_picture_cache_problem(picture_cache_, diags());  // before --strict counts it
        out_.diags = with_strictness(out_.diags, options_.report);
        if (purpose == Purpose::check || out_.diags.error_count() > 0) return;
        const std::vector<std::string> where = outputs.commit();
        for (std::size_t i = 0; i < where.size(); ++i)
            out_.written.push_back((where[i] == "-" ? std::string("standard output") : where[i]) + " (" + details[i] + ")");
        release_later(kept_.leftovers, std::move(document_));
        release_later(kept_.leftovers, outputs.take_replaced());
    }

private:
    Diagnostics& diags() { return out_.diags; }

    // The style a format is built in: the one the user or the manifest names, else
    // the style made for that format.
    std::string style_name(Format format, const source::Manifest& manifest) const {
        const std::string& chosen = !options_.style.empty() ? options_.style : manifest.style;
        return !chosen.empty() ? chosen : format == Format::pdf ? "booklet" : "ereader";
    }

    // The styles and what was wrong with them, kept apart from the run's
    // diagnostics while they are read on another thread.
    struct LoadedStyles {
        Styles styles;
        Diagnostics diags;
    };

    LoadedStyles load_styles(const source::Manifest& manifest) const {
        LoadedStyles out;
        const auto load = [&](Format format) -> std::optional<style::Style> {
            try {
                return style::load_style(style_name(format, manifest), data_.path / "styles", options_.overrides);
            } catch (const Error& e) {
                out.diags.add(e.diagnostic());  // the same style twice reports once
                return std::nullopt;
            }
        };
        for (const Format f : options_.formats) {
            if (f == Format::pdf) out.styles.pdf = load(Format::pdf);
            else out.styles.epub = load(Format::epub);
        }
        return out;
    }

    // The page map of a laid-out book, named for the EPUB's dc:source.
    static page_map::PageMap named(page_map::PageMap map, const model::Document& doc, const style::Style& style) {
        const std::string title = !doc.meta.title.empty() ? doc.meta.title
                                  : !doc.chapters.empty() ? doc.chapters.front().title
                                                          : std::string();
        map.source = title + " (PDF, " + plural(map.pages.size(), "page", "pages") + ", style " + style.name + ")";
        return map;
    }

    // Only the EPUB asked for: the pages of the PDF this build would make (in
    // style_name(pdf)), laid out for their page map alone, never drawn. Its
    // warnings are the PDF's, not this build's: they are not reported.
    std::optional<page_map::PageMap> printed_pages(const model::Document& doc, const source::Manifest& manifest,
                                                   std::int64_t when) {
        Diagnostics quiet;
        try {
            const style::Style style =
                style::load_style(style_name(Format::pdf, manifest), data_.path / "styles", options_.overrides);
            layout::KeptText& kept = kept_for(style);
            page_map::PageMap map = layout::layout_page_map(doc, cite_book(doc, style, when), style, kept.fonts(),
                                                            dictionaries_, layout_settings(when, kept), quiet);
            out_.paragraphs = kept.stored();
            release_kept_text();
            clock_.lap(out_.times, "layout");
            return named(std::move(map), doc, style);
        } catch (const Error&) {
            // No page list then; a build of that PDF reports why.
            return std::nullopt;
        }
    }

    // A format's work once laid out: what it writes where, what it found, and the
    // seconds it took on its own thread.
    struct PdfJob {
        pages::Book book;
        fs::path file;
        std::optional<fs::path> print;  // the imposed sheets, with --impose
        Diagnostics diags;
        std::string print_detail;
        double seconds = 0, impose_seconds = 0;
        std::optional<image::KeptBytesPack::Counts> streams;  // what its packs gave and took (the book's, the sheets')
    };
    struct EpubJob {
        fs::path file;
        page_map::PageMap printed;
        epub::Pictures pictures;
        cite::Citations cites;
        Diagnostics diags;
        double seconds = 0;
        std::optional<image::KeptBytesPack::Counts> streams;  // what its pack of deflated entries gave and took
    };

    // --jobs 1: each step in turn, run where its result is asked for (the same
    // order as the threads would finish them; the output is the same either way).
    int jobs() const {
        return options_.jobs > 0 ? options_.jobs : std::thread::hardware_concurrency() >= 2 ? 2 : 1;
    }
    std::launch policy() const { return jobs() >= 2 ? std::launch::async : std::launch::deferred; }

    // The hyphenation dictionaries of `languages`, read on the second core while
    // this one reads the pages and the styles and starts the layout (a dictionary
    // takes 1 to 90 ms to build), after those `before` reads; nothing else may use
    // dictionaries_ until the future is handed to it (Dictionaries::reading_ahead:
    // each use then waits for the reading to end). With one job they are read when
    // layout first asks for them, as ever.
    std::future<void> read_dictionaries_ahead(std::vector<std::string> languages, std::future<void> before = {}) {
        if (jobs() < 2) return {};
        // A reading the run before handed over and nothing waited for (it stopped
        // before layout) ends before another starts.
        dictionaries_.wait_for_reading();
        // The session's dictionaries, not this run's: a reading handed over may
        // outlive the run (one that stops before layout leaves it unwaited for).
        auto read = [&dictionaries = dictionaries_, languages = std::move(languages),
                     before = std::move(before)]() mutable {
            if (before.valid()) before.get();
            for (const auto& language : languages) dictionaries.load_ahead(language);
        };
        return std::async(std::launch::async, std::move(read));
    }
    static std::vector<std::string> chapter_languages(const model::Document& doc) {
        std::vector<std::string> languages;
        for (const auto& chapter : doc.chapters)
            if (std::find(languages.begin(), languages.end(), chapter.lang) == languages.end())
                languages.push_back(chapter.lang);
        return languages;
    }

    bool wants(Format format) const {
        return std::find(options_.formats.begin(), options_.formats.end(), format) != options_.formats.end();
    }

    // Writes the formats asked for; says for each file staged what it holds. The
    // PDF is laid out first (the EPUB's page list is made from its pages) while the
    // EPUB's pictures are prepared on the second core; then the two writers run
    // side by side, each with its own sink. Their diagnostics join in a fixed order
    // (PDF, then EPUB), so the report and the files are the same whatever the
    // scheduling.
    std::vector<std::string> render(const model::Document& doc, const Styles& styles,
                                    const source::Manifest& manifest, std::int64_t when, OutputSet& outputs) {
        // What the EPUB needs of no layout, made on the second core while this one
        // lays out the PDF.
        std::future<EpubAhead> ahead;
        if (wants(Format::epub))
            ahead = std::async(policy(), [&] {
                return prepare_epub(doc, *styles.epub, when, picture_cache_, kept_.epub_pictures);
            });
        std::optional<PdfJob> pdf;
        if (wants(Format::pdf)) {
            pdf.emplace();
            pdf->book = layout_pdf(doc, *styles.pdf, when);
            pdf->file = outputs.stage(".pdf");
            if (options_.impose) pdf->print = outputs.stage("-print.pdf");
        }
        std::optional<EpubJob> epub;
        if (wants(Format::epub)) {
            epub.emplace();
            epub->file = outputs.stage(".epub");
            if (!styles.epub->epub.page_list) epub->printed = page_map::PageMap{};
            else if (pdf) epub->printed = named(pdf->book.page_map, doc, *styles.pdf);
            else epub->printed = printed_pages(doc, manifest, when).value_or(page_map::PageMap{});
        }
        std::future<void> pdf_done;
        if (pdf)
            pdf_done = std::async(policy(),
                                  [&] { write_pdf(*pdf, styles.pdf->imposition, jobs(), kept_, picture_cache_); });
        try {
            if (epub) {
                EpubAhead ready = ahead.get();
                out_.times.stages.emplace_back("epub prepare", ready.seconds);
                epub->pictures = std::move(ready.pictures);
                epub->cites = std::move(ready.cites);
                // Beside the PDF writer the EPUB's deflating takes one thread: the
                // PDF, the longer of the two, keeps the other core.
                write_epub(doc, *styles.epub, when, *epub, picture_cache_, pdf ? 1 : jobs(), kept_);
            }
            if (pdf_done.valid()) pdf_done.get();  // rethrows what the PDF writer threw
        } catch (const Error& e) {
            // A writer names the file it writes, a staged temporary one; the user
            // knows it by its target. Nothing is committed after an error.
            Diagnostic d = e.diagnostic();
            d.pos.file = outputs.shown_as(d.pos.file);
            diags().add(std::move(d));
            return {};
        }
        std::vector<std::string> details = joined(pdf, epub);
        if (pdf) give_back_later(std::move(pdf->book));
        return details;
    }

    // A session's book holds the items of the layout it keeps (lent, not copied):
    // they go back to it once the files are written, and the book is freed then.
    void give_back_later(pages::Book book) {
        if (!kept_.leftovers || !kept_.text) return;  // a single build's: freed now
        // Freed with the work once it has run (ReleaseLater::release).
        auto written = std::make_shared<pages::Book>(std::move(book));
        kept_.leftovers->then([text = kept_.text.get(), written] { text->give_back(*written); });
    }

    // The writers' diagnostics and times, in the order of the files.
    std::vector<std::string> joined(std::optional<PdfJob>& pdf, std::optional<EpubJob>& epub) {
        std::vector<std::string> details;
        if (pdf) {
            diags().merge(pdf->diags);
            out_.times.stages.emplace_back("pdf", pdf->seconds);
            details.push_back(plural(pdf->book.pages.size(), "page", "pages") + ", " + size_of(pdf->file));
            if (pdf->print) details.push_back(pdf->print_detail);
            if (pdf->print) out_.times.stages.emplace_back("impose", pdf->impose_seconds);
            add_counts(out_.streams, pdf->streams);
        }
        if (epub) {
            diags().merge(epub->diags);
            out_.times.stages.emplace_back("epub", epub->seconds);
            details.push_back(size_of(epub->file));
            add_counts(out_.streams, epub->streams);
        }
        return details;
    }

    static void add_counts(std::optional<image::KeptBytesPack::Counts>& sum,
                           const std::optional<image::KeptBytesPack::Counts>& part) {
        if (!part) return;
        if (!sum) sum.emplace();
        sum->found += part->found;
        sum->made += part->made;
    }

    // The EPUB's pictures and its citations (for the EPUB's style: the PDF's may
    // cite otherwise), and the seconds they took.
    struct EpubAhead {
        epub::Pictures pictures;
        cite::Citations cites;
        double seconds = 0;
    };
    static EpubAhead prepare_epub(const model::Document& doc, const style::Style& style, std::int64_t when,
                                  image::PictureCache* picture_cache, epub::KeptPictures* kept) {
        const Stopwatch clock;
        EpubAhead out{epub::prepare_pictures(doc, style, picture_cache, kept), cite_book(doc, style, when)};
        out.seconds = clock.seconds();
        return out;
    }

    pages::Book layout_pdf(const model::Document& doc, const style::Style& style, std::int64_t when) {
        layout::KeptText& kept = kept_for(style);
        cite::Citations cites = cite_book(doc, style, when);
        pages::Book book = layout::layout_book(doc, cites, style, kept.fonts(), dictionaries_,
                                               layout_settings(when, kept), diags());
        release_later(kept_.leftovers, std::move(cites));
        out_.paragraphs = kept.stored();
        shape::report_missing_characters(kept.fonts(), diags(),
                                         style.fonts.missing_glyphs == style::MissingGlyphs::error
                                             ? shape::MissingSeverity::error
                                             : shape::MissingSeverity::warning);
        release_kept_text();
        hyphenate::report_missing_dictionaries(dictionaries_, diags());
        reporter_.progress("laid out " + plural(book.pages.size(), "page", "pages"));
        clock_.lap(out_.times, "layout");
        return book;
    }

    // The fonts and set paragraphs for a layout in `style`: the session's, when it
    // keeps them and the style's fonts are those they were made with; else new ones.
    layout::KeptText& kept_for(const style::Style& style) {
        auto& kept = kept_.text;
        if (!kept || !(kept->made_for() == style.fonts)) kept = std::make_unique<layout::KeptText>(style.fonts);
        return *kept;
    }
    // A session that keeps nothing frees them once the layout is done, before the
    // writers run (as a build's peak memory was before sessions could keep them).
    // A layout's settings: the session's picture cache and kept paragraphs, the
    // kept chapters and pictures when the session keeps them for its next build (a
    // single build would only pay for keeping them), and what it frees after the build.
    layout::Settings layout_settings(std::int64_t when, layout::KeptText& kept) const {
        layout::Settings settings{when, picture_cache_, kept.paragraphs()};
        settings.text_lines = false;  // the writers read none
        settings.threads = jobs();
        if (kept_.keep_text) {
            settings.kept_chapters = kept.chapters();
            settings.kept_pictures = kept.pictures();
            settings.document = document_;
        }
        settings.leftovers = kept_.leftovers;
        return settings;
    }

    void release_kept_text() {
        if (!kept_.keep_text) kept_.text.reset();
    }

    // Runs beside the EPUB writer: reads only the laid-out book, writes only `job`.
    static void write_pdf(PdfJob& job, const style::Imposition& imposition, int threads, const KeptSlots& kept,
                          image::PictureCache* cache) {
        const Stopwatch clock;
        job.streams = pdf::write_pdf(job.book, job.file, threads, kept.streams, kept.leftovers, cache);
        job.seconds = clock.seconds();
        if (!job.print) return;
        // The page list keeps the reading order's pages: sheets are not pages.
        const pages::Book sheets = impose::impose_book(job.book, sheet_options(imposition), job.diags);
        add_counts(job.streams, pdf::write_pdf(sheets, *job.print, threads, kept.streams, kept.leftovers, cache));
        job.print_detail = plural(sheets.pages.size(), "sheet side", "sheet sides") + ", " + size_of(*job.print);
        job.impose_seconds = clock.seconds() - job.seconds;
    }

    static void write_epub(const model::Document& doc, const style::Style& style, std::int64_t when, EpubJob& job,
                           image::PictureCache* picture_cache, int threads, const KeptSlots& kept) {
        const Stopwatch clock;
        epub::Settings settings{when, job.printed, &job.pictures, picture_cache, threads, kept.entries, kept.documents};
        job.streams = epub::write_epub(doc, job.cites, style, settings, job.file, job.diags);
        release_later(kept.leftovers, std::move(job.cites));
        job.seconds = clock.seconds();
    }

    std::shared_ptr<const model::Document> document_;  // this build's, once read
    const BuildOptions& options_;
    const DataDir& data_;
    hyphenate::Dictionaries& dictionaries_;
    image::PictureCache* picture_cache_;
    KeptSlots kept_;
    const Reporter& reporter_;
    BuildOutcome& out_;
    Stopwatch clock_;
};

}  // namespace

BuildSession::BuildSession(BuildOptions options, KeepText keep)
    : options_(std::move(options)), picture_cache_(open_picture_cache(options_.cache)),
      machines_(picture_cache_ ? machine_shelf(*picture_cache_) : nullptr), keep_text_(keep == KeepText::yes),
      kept_pages_(keep_text_ ? std::make_unique<markdown::KeptPages>() : nullptr),
      kept_streams_(keep_text_ ? std::make_unique<pdf::KeptStreams>() : nullptr),
      kept_entries_(keep_text_ ? std::make_unique<KeptBytes>() : nullptr),
      kept_documents_(keep_text_ ? std::make_unique<epub::KeptDocuments>() : nullptr),
      kept_epub_pictures_(keep_text_ ? std::make_unique<epub::KeptPictures>() : nullptr),
      leftovers_(keep_text_ ? std::make_unique<ReleaseLater>() : nullptr) {
    dictionaries_.keep_machines_on(machines_.get());
}

BuildOutcome BuildSession::run(Purpose purpose, const Reporter& reporter) {
    BuildOutcome out;
    const Stopwatch wall;
    const auto cache_before = picture_cache_ ? picture_cache_->counts() : image::PictureCache::Counts{};
    try {
        // What the last build left (watch frees it while it waits), before anything
        // of this one: the kept layout takes its items back.
        if (leftovers_) leftovers_->release();
        if (!data_) data_ = find_data_dir();
        if (kept_text_) kept_text_->next_build();
        if (kept_streams_) kept_streams_->next_build();
        if (kept_entries_) kept_entries_->next_build();
        Run(options_, *data_, dictionaries_, picture_cache_.get(),
            {kept_text_, keep_text_, kept_pages_.get(), kept_streams_.get(), kept_entries_.get(), kept_documents_.get(),
             kept_epub_pictures_.get(), leftovers_.get()},
            reporter, out)
            .go(purpose);
    } catch (const Error& e) {
        out.diags.add(e.diagnostic());
    }
    if (picture_cache_) out.picture_cache = finish_run(*picture_cache_, cache_before);
    out.diags = with_strictness(out.diags, options_.report);  // warnings found before rendering too
    out.times.wall = wall.seconds();
    return out;
}

}  // namespace booklet::cli
