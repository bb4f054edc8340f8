// Positions in source files, the one exception type for bad input, and the sink
// that collects warnings.
//
// Rules: a stage that meets bad input it cannot recover from throws booklet::Error
// with the file:line:col of the cause; anything it can recover from is reported to
// a Diagnostics sink and the stage goes on. Programmer errors are asserts, never
// Error. The CLI maps Error and error diagnostics to exit code 1, usage to 2.
#pragma once

#include "booklet/diagnostic_kinds.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace booklet {

struct SourcePos {
    std::string file;  // as given by the user (relative paths stay relative)
    int line = 0;      // 1-based; 0 = unknown
    int column = 0;    // 1-based byte column; 0 = unknown

    bool known() const { return !file.empty(); }
    friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

// "file:line:col" with the unknown parts left out.
std::string to_string(const SourcePos& pos);

enum class Severity { warning, error };

struct Diagnostic {
    Severity severity = Severity::warning;
    SourcePos pos;
    std::string kind;     // a stable name from the one list (diagnostic_kinds.hpp), e.g. "image-missing"
    std::string message;  // one sentence, no trailing period

    friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// A warning of `kind` at `pos`, for a caller that hands it on rather than adding
// it to a Diagnostics (Diagnostics::warning adds one made so).
Diagnostic warning_at(SourcePos pos, KindName kind, std::string message);

// "path:line:col: error|warning: message"
std::string format(const Diagnostic& d);

// Bad input: carries where the problem is. what() is the formatted diagnostic.
class Error : public std::runtime_error {
public:
    Error(SourcePos pos, std::string message, KindName kind = DiagnosticKind::error);
    const SourcePos& pos() const { return pos_; }
    const std::string& message() const { return message_; }
    const std::string& kind() const { return kind_; }
    Diagnostic diagnostic() const;

private:
    SourcePos pos_;
    std::string message_;
    std::string kind_;
};

// Collects warnings and recoverable errors in the order they were found, each once:
// a diagnostic equal to one already collected (same severity, place, kind and
// message, as when both writers meet the same problem) is not added again, so a
// build that writes a PDF and an EPUB reports every problem once.
//
// Of each severity and kind the first kKeptPerKind are kept whole; the rest are
// only counted (by a hash of their text, so repeats still count once). A page of
// a hundred thousand leftovers costs the memory of a thousand, and nobody reads
// past the first few of a kind anyway.
class Diagnostics {
public:
    static constexpr std::size_t kKeptPerKind = 1000;

    void warning(SourcePos pos, KindName kind, std::string message);
    void error(SourcePos pos, KindName kind, std::string message);
    void add(Diagnostic d);  // ignored when an equal diagnostic is already there
    void merge(const Diagnostics& other);  // adds every diagnostic of `other`, kept or counted
    Diagnostics as_errors() const;         // the same with every warning made an error (--strict)

    // The diagnostics kept whole, in the order found.
    const std::vector<Diagnostic>& all() const { return items_; }
    // Per severity and kind, how many more there were than all() holds.
    std::map<std::pair<Severity, std::string>, std::size_t> not_kept() const;
    std::size_t error_count() const;
    std::size_t warning_count() const;
    // kind -> number of diagnostics of that kind, kept or not
    std::map<std::string, std::size_t> count_by_kind() const;

private:
    using KindKey = std::pair<Severity, std::string>;
    std::vector<Diagnostic> items_;
    std::set<std::string> seen_;  // a key per kept item: finding a repeat stays O(log n)
    std::map<KindKey, std::size_t> kept_;
    std::map<KindKey, std::set<std::size_t>> counted_;  // hashes of the keys of those not kept
};

// User text fit for a message: its first line, at most `max` bytes (cut at a
// UTF-8 character boundary), with "…" when anything was left out. A message about
// a file must never repeat the file: quote values through this.
std::string excerpt(std::string_view text, std::size_t max = 60);

// Diagnostics as they are shown to a user: the first `per_kind` of each severity
// and kind are listed; the rest of that kind are counted in one closing line each
// ("... and 4312 more warnings of kind layout-overfull"), in order of first appearance.
inline constexpr std::size_t kShownPerKind = 20;
std::vector<Diagnostic> summarised(const std::vector<Diagnostic>& all, std::size_t per_kind = kShownPerKind);
// The same for a sink, counting in the closing lines those it did not keep.
std::vector<Diagnostic> summarised(const Diagnostics& diags, std::size_t per_kind = kShownPerKind);

}  // namespace booklet
