#include "booklet/diagnostics.hpp"

#include <algorithm>
#include <functional>
#include <utility>

namespace booklet {

std::string to_string(const SourcePos& pos) {
    std::string s = pos.file;
    if (pos.line > 0) {
        s += ':' + std::to_string(pos.line);
        if (pos.column > 0) s += ':' + std::to_string(pos.column);
    }
    return s;
}

std::string format(const Diagnostic& d) {
    std::string s;
    if (d.pos.known()) s = to_string(d.pos) + ": ";
    s += d.severity == Severity::error ? "error: " : "warning: ";
    s += d.message;
    return s;
}

static std::string format_error(const SourcePos& pos, const std::string& message) {
    return format(Diagnostic{Severity::error, pos, "", message});
}

Error::Error(SourcePos pos, std::string message, KindName kind)
    : std::runtime_error(format_error(pos, message)),
      pos_(std::move(pos)),
      message_(std::move(message)),
      kind_(kind.name()) {}

Diagnostic Error::diagnostic() const { return Diagnostic{Severity::error, pos_, kind_, message_}; }

Diagnostic warning_at(SourcePos pos, KindName kind, std::string message) {
    return {Severity::warning, std::move(pos), std::string(kind.name()), std::move(message)};
}

void Diagnostics::warning(SourcePos pos, KindName kind, std::string message) {
    add(warning_at(std::move(pos), kind, std::move(message)));
}

void Diagnostics::error(SourcePos pos, KindName kind, std::string message) {
    add({Severity::error, std::move(pos), std::string(kind.name()), std::move(message)});
}

// Each text field prefixed by its length, so no two diagnostics share a key.
static std::string key_of(const Diagnostic& d) {
    std::string key = (d.severity == Severity::error ? "E" : "W") + std::to_string(d.pos.line) + ':' +
                      std::to_string(d.pos.column);
    for (const std::string* part : {&d.pos.file, &d.kind, &d.message})
        key += ' ' + std::to_string(part->size()) + ':' + *part;
    return key;
}

void Diagnostics::add(Diagnostic d) {
    std::string key = key_of(d);
    if (seen_.count(key)) return;
    KindKey kind{d.severity, d.kind};
    if (kept_[kind] >= kKeptPerKind) {
        counted_[kind].insert(std::hash<std::string>{}(key));
        return;
    }
    ++kept_[kind];
    seen_.insert(std::move(key));
    items_.push_back(std::move(d));
}

void Diagnostics::merge(const Diagnostics& other) {
    for (const auto& d : other.items_) add(d);
    for (const auto& [kind, hashes] : other.counted_) counted_[kind].insert(hashes.begin(), hashes.end());
}

Diagnostics Diagnostics::as_errors() const {
    Diagnostics out;
    for (Diagnostic d : items_) {
        d.severity = Severity::error;
        out.add(std::move(d));
    }
    for (const auto& [kind, hashes] : counted_) out.counted_[{Severity::error, kind.second}].insert(hashes.begin(), hashes.end());
    return out;
}

std::map<std::pair<Severity, std::string>, std::size_t> Diagnostics::not_kept() const {
    std::map<KindKey, std::size_t> out;
    for (const auto& [kind, hashes] : counted_) out[kind] = hashes.size();
    return out;
}

std::size_t Diagnostics::error_count() const {
    std::size_t n = 0;
    for (const auto& [kind, count] : kept_)
        if (kind.first == Severity::error) n += count;
    for (const auto& [kind, hashes] : counted_)
        if (kind.first == Severity::error) n += hashes.size();
    return n;
}

std::size_t Diagnostics::warning_count() const {
    std::size_t n = items_.size();
    for (const auto& [kind, hashes] : counted_) n += hashes.size();
    return n - error_count();
}

std::map<std::string, std::size_t> Diagnostics::count_by_kind() const {
    std::map<std::string, std::size_t> counts;
    for (const auto& [kind, count] : kept_) counts[kind.second] += count;
    for (const auto& [kind, hashes] : counted_) counts[kind.second] += hashes.size();
    return counts;
}

}  // namespace booklet

namespace booklet {

std::string excerpt(std::string_view text, std::size_t max) {
    const std::size_t line_end = text.find_first_of("\r\n");
    bool cut = line_end != std::string_view::npos;
    std::string_view line = text.substr(0, line_end);
    if (line.size() > max) {
        std::size_t end = max;
        // Back up to the start of a UTF-8 sequence.
        while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
        line = line.substr(0, end);
        cut = true;
    }
    std::string out(line);
    if (cut) out += "\xE2\x80\xA6";  // …
    return out;
}

namespace {

std::vector<Diagnostic> summarise(const std::vector<Diagnostic>& all,
                                  const std::map<std::pair<Severity, std::string>, std::size_t>& not_kept,
                                  std::size_t per_kind) {
    std::map<std::pair<Severity, std::string>, std::size_t> seen;
    std::vector<std::pair<Severity, std::string>> order;  // kinds that overflowed, first seen first
    std::vector<Diagnostic> out;
    for (const auto& d : all) {
        const auto key = std::make_pair(d.severity, d.kind);
        const std::size_t n = ++seen[key];
        if (n <= per_kind) out.push_back(d);
        else if (n == per_kind + 1) order.push_back(key);
    }
    for (const auto& [key, n] : not_kept)  // a sink keeps more of a kind than are shown: never new here
        if (n > 0 && std::find(order.begin(), order.end(), key) == order.end()) order.push_back(key);
    for (const auto& key : order) {
        const auto unkept = not_kept.find(key);
        const std::size_t total = seen[key] + (unkept == not_kept.end() ? 0 : unkept->second);
        const std::size_t more = total - std::min(total, per_kind);
        const char* noun = key.first == Severity::error ? (more == 1 ? "error" : "errors") : (more == 1 ? "warning" : "warnings");
        out.push_back({key.first, {}, key.second,
                       "... and " + std::to_string(more) + " more " + noun + " of kind " + key.second + " (not listed)"});
    }
    return out;
}

}  // namespace

std::vector<Diagnostic> summarised(const std::vector<Diagnostic>& all, std::size_t per_kind) {
    return summarise(all, {}, per_kind);
}

std::vector<Diagnostic> summarised(const Diagnostics& diags, std::size_t per_kind) {
    return summarise(diags.all(), diags.not_kept(), per_kind);
}

}  // namespace booklet
