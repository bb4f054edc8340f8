#include "booklet/diagnostics.hpp"

#include <algorithm>

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

Error::Error(SourcePos pos, std::string message, std::string kind)
    : std::runtime_error(format_error(pos, message)),
      pos_(std::move(pos)),
      message_(std::move(message)),
      kind_(std::move(kind)) {}

Diagnostic Error::diagnostic() const { return Diagnostic{Severity::error, pos_, kind_, message_}; }

void Diagnostics::warning(SourcePos pos, std::string kind, std::string message) {
    add({Severity::warning, std::move(pos), std::move(kind), std::move(message)});
}

void Diagnostics::error(SourcePos pos, std::string kind, std::string message) {
    add({Severity::error, std::move(pos), std::move(kind), std::move(message)});
}

void Diagnostics::add(Diagnostic d) {
    // Each text field prefixed by its length, so no two diagnostics share a key.
    std::string key = (d.severity == Severity::error ? "E" : "W") + std::to_string(d.pos.line) + ':' +
                      std::to_string(d.pos.column);
    for (const std::string* part : {&d.pos.file, &d.kind, &d.message})
        key += ' ' + std::to_string(part->size()) + ':' + *part;
    if (!seen_.insert(std::move(key)).second) return;
    items_.push_back(std::move(d));
}

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
        return d.severity == Severity::error;
    }));
}

std::size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

std::map<std::string, std::size_t> Diagnostics::count_by_kind() const {
    std::map<std::string, std::size_t> counts;
    for (const auto& d : items_) ++counts[d.kind];
    return counts;
}

}  // namespace booklet
