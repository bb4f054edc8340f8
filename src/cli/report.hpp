// How a build talks to its user: progress, the diagnostics (text grouped by kind
// with counts, or one JSON object per line), and the time per stage.
#pragma once

#include "booklet/layout.hpp"

#include "options.hpp"

#include "booklet/diagnostics.hpp"
#include "booklet/kept_bytes_pack.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace booklet::cli {

// Seconds per stage in the order they ran ("read", "style", "layout", "pdf", ...).
// Seconds per stage, each stage's own (the PDF and EPUB writers run side by
// side, so the stages add up to more than the wall time the run took).
struct StageTimes {
    std::vector<std::pair<std::string, double>> stages;
    double wall = 0;
    // watch: from the change's first event to the build's start (the burst's quiet
    // time); the new files came `waited` + `wall` after the save.
    std::optional<double> waited;
};

// What one build found in and wrote to the picture cache (reported with --timings).
struct PictureCacheUse {
    std::filesystem::path folder;
    std::size_t found = 0, missing = 0, written = 0;
};

class Stopwatch {
public:
    Stopwatch() : start_(std::chrono::steady_clock::now()) {}
    double seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }
    // Seconds since the last lap (or the start), recorded under `stage`; a stage
    // that runs twice (two PDFs) adds up.
    void lap(StageTimes& times, const std::string& stage);

private:
    std::chrono::steady_clock::time_point start_;
    double last_lap_ = 0;
};

// --strict: the diagnostics with every warning made an error.
Diagnostics with_strictness(const Diagnostics& diags, const ReportOptions& options);

// One JSON object on one line: file, line, column (null when unknown), severity,
// kind, message.
std::string json_line(const Diagnostic& d);

class Reporter {
public:
    Reporter(ReportOptions options, std::ostream& out);

    // No progress messages (watch prints one line per build instead).
    void without_progress() { progress_ = false; }

    // A step of a build that has been running for a while (quiet builds say nothing).
    void progress(const std::string& message) const;
    // What a build produced ("wrote out/booklet.pdf (12 pages, 80 KB)").
    void result(const std::string& message) const;
    // Every diagnostic: as text, errors first, then the warnings grouped by kind,
    // closed by a count per kind; or as JSON lines. -q leaves warnings out.
    void diagnostics(const Diagnostics& diags) const;
    // Seconds per stage, and with a cache what it held: "picture cache DIR: 8 of 12
    // entries found, 4 written".
    void timings(const StageTimes& times, const std::optional<PictureCacheUse>& cache = std::nullopt,
                 const std::optional<layout::StoredParagraphs>& paragraphs = std::nullopt,
                 const std::optional<image::KeptBytesPack::Counts>& streams = std::nullopt) const;

    const ReportOptions& options() const { return options_; }
    bool text() const { return options_.format == DiagnosticsFormat::text; }

private:
    ReportOptions options_;
    std::ostream& out_;
    Stopwatch since_start_;
    bool progress_ = true;
};

}  // namespace booklet::cli
