#include "report.hpp"

#include "booklet/dump.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>

namespace booklet::cli {

void Stopwatch::lap(StageTimes& times, const std::string& stage) {
    const double now = seconds();
    const double spent = now - last_lap_;
    last_lap_ = now;
    for (auto& [name, total] : times.stages)
        if (name == stage) {
            total += spent;
            return;
        }
    times.stages.emplace_back(stage, spent);
}

Diagnostics with_strictness(const Diagnostics& diags, const ReportOptions& options) {
    return options.strict ? diags.as_errors() : diags;
}

std::string json_line(const Diagnostic& d) {
    const auto number = [](int n) { return n > 0 ? std::to_string(n) : std::string("null"); };
    std::string s = "{\"file\":" + (d.pos.file.empty() ? std::string("null") : dump::json_string(d.pos.file));
    s += ",\"line\":" + number(d.pos.line);
    s += ",\"column\":" + number(d.pos.column);
    s += std::string(",\"severity\":\"") + (d.severity == Severity::error ? "error" : "warning") + "\"";
    s += ",\"kind\":" + dump::json_string(d.kind);
    s += ",\"message\":" + dump::json_string(d.message) + "}";
    return s;
}

Reporter::Reporter(ReportOptions options, std::ostream& out) : options_(options), out_(out) {}

void Reporter::progress(const std::string& message) const {
    // A build that finishes in a moment says nothing until its result.
    if (progress_ && !options_.quiet && text() && since_start_.seconds() >= 0.3)
        out_ << "booklet: " << message << '\n';
}

void Reporter::result(const std::string& message) const {
    if (!options_.quiet && text()) out_ << "booklet: " << message << '\n';
}

void Reporter::diagnostics(const Diagnostics& diags) const {
    const auto shown = [&](const Diagnostic& d) { return d.severity == Severity::error || !options_.quiet; };
    if (!text()) {
        for (const auto& d : diags.all())
            if (shown(d)) out_ << json_line(d) << '\n';
        for (const auto& [kind, n] : diags.not_kept()) {  // the sink counted these without keeping them
            const Diagnostic more{kind.first, {}, kind.second,
                                  "... and " + std::to_string(n) + " more of kind " + kind.second + " (not kept)"};
            if (shown(more)) out_ << json_line(more) << '\n';
        }
        out_.flush();
        return;
    }
    // Errors first, in the order found; then warnings kind by kind, kinds in the
    // order they first appeared, so that forty dropped iframes read as one block.
    // At most kShownPerKind of a kind are listed; a closing line counts the rest.
    const std::vector<Diagnostic> listed = summarised(diags);
    std::vector<std::string> kinds;
    const std::map<std::string, std::size_t> counts = diags.count_by_kind();
    for (const auto& d : listed) {
        if (d.severity == Severity::error) out_ << format(d) << '\n';
        else if (std::find(kinds.begin(), kinds.end(), d.kind) == kinds.end()) kinds.push_back(d.kind);
    }
    if (!options_.quiet)
        for (const auto& kind : kinds)
            for (const auto& d : listed)
                if (d.severity == Severity::warning && d.kind == kind) out_ << format(d) << '\n';

    const std::size_t errors = diags.error_count(), warnings = diags.warning_count();
    if (errors == 0 && (warnings == 0 || options_.quiet)) return;
    out_ << "booklet: " << errors << (errors == 1 ? " error" : " errors");
    if (!options_.quiet) out_ << ", " << warnings << (warnings == 1 ? " warning" : " warnings");
    if (!options_.quiet || warnings == 0) {  // the count per kind, unless it would count hidden warnings
        std::vector<std::pair<std::string, std::size_t>> by_count(counts.begin(), counts.end());
        std::stable_sort(by_count.begin(), by_count.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        const char* sep = ": ";
        for (const auto& [kind, n] : by_count) {
            out_ << sep << n << ' ' << kind;
            sep = ", ";
        }
    }
    out_ << '\n';
}

void Reporter::timings(const StageTimes& times, const std::optional<PictureCacheUse>& cache,
                       const std::optional<layout::StoredParagraphs>& paragraphs,
                       const std::optional<image::KeptBytesPack::Counts>& streams) const {
    if (!options_.timings) return;
    if (!text()) {  // one more JSON object, so the stream stays JSON lines
        std::string line = "{\"timings\":{";
        for (const auto& [stage, seconds] : times.stages) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "\"%s\":%.3f,", stage.c_str(), seconds);
            line += buf;
        }
        char buf[64];
        if (times.waited) {
            std::snprintf(buf, sizeof buf, "\"waited\":%.3f,", *times.waited);
            line += buf;
        }
        std::snprintf(buf, sizeof buf, "\"wall\":%.3f}", times.wall);
        line += buf;
        if (cache)
            line += ",\"picture_cache\":{\"found\":" + std::to_string(cache->found) + ",\"missing\":" +
                    std::to_string(cache->missing) + ",\"written\":" + std::to_string(cache->written) + "}";
        if (paragraphs)
            line += ",\"set_paragraphs\":{\"found\":" + std::to_string(paragraphs->found) +
                    ",\"set\":" + std::to_string(paragraphs->set) + ",\"kept\":" + std::to_string(paragraphs->kept) +
                    ",\"written\":" + (paragraphs->written ? "true" : "false") + "}" +
                    ",\"settled_pages\":{\"found\":" + std::to_string(paragraphs->settlements_found) +
                    ",\"taken\":" + std::to_string(paragraphs->settlements_taken) + "}";
        if (streams)
            line += ",\"writers_kept\":{\"found\":" + std::to_string(streams->found) +
                    ",\"made\":" + std::to_string(streams->made) + "}";
        out_ << line << "}\n";
        return;
    }
    double sum = 0;
    std::string line = "booklet: seconds per stage:";
    for (const auto& [stage, seconds] : times.stages) {
        char buf[64];
        std::snprintf(buf, sizeof buf, " %s %.2f,", stage.c_str(), seconds);
        line += buf;
        sum += seconds;
    }
    char buf[96];
    std::snprintf(buf, sizeof buf, " total %.2f", times.wall);
    std::string total = buf;
    // With two jobs stages overlap: their seconds add up to more than the run took.
    if (sum > times.wall * 1.05) {
        std::snprintf(buf, sizeof buf, " (wall clock; the stages overlap, their own seconds add up to %.2f)", sum);
        total += buf;
    }
    if (times.waited) {
        std::snprintf(buf, sizeof buf, "; %.3f waited for the change to settle", *times.waited);
        total += buf;
    }
    out_ << line << total << '\n';
    if (cache)
        out_ << "booklet: picture cache " << cache->folder.string() << ": " << cache->found << " of "
             << cache->found + cache->missing << " entries found, " << cache->written << " written\n";
    if (paragraphs)
        out_ << "booklet: set paragraphs kept there: " << paragraphs->found << " of "
             << paragraphs->found + paragraphs->set << " found, " << paragraphs->set << " set anew; "
             << (paragraphs->written ? std::to_string(paragraphs->found + paragraphs->kept) + " written for the next build"
                                     : std::string("nothing written"))
             << '\n';
    if (paragraphs && paragraphs->settlements_found > 0)
        out_ << "booklet: page numbers the last build settled on: found for " << paragraphs->settlements_found
             << " layout" << (paragraphs->settlements_found == 1 ? "" : "s") << ", " << paragraphs->settlements_taken
             << " settled in one pass\n";
    if (streams)
        out_ << "booklet: what the writers made, kept there: " << streams->found << " of "
             << streams->found + streams->made << " entries found, " << streams->made << " made anew\n";
}

}  // namespace booklet::cli
