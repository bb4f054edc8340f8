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

Error::Error(SourcePos pos, std::string message, KindName kind)
    : std::runtime_error(format_error(pos, message)),
      pos_(std::move(pos)),
      message_(std::move(message)),
      kind_(kind.name()) {}

Diagnostic Error::diagnostic() const { return Diagnostic{Severity::error, pos_, kind_, message_}; }

void Diagnostics::warning(SourcePos pos, KindName kind, std::string message) {
    items_.push_back({Severity::warning, std::move(pos), std::string(kind.name()), std::move(message)});
}

void Diagnostics::error(SourcePos pos, KindName kind, std::string message) {
    items_.push_back({Severity::error, std::move(pos), std::string(kind.name()), std::move(message)});
}

void Diagnostics::add(Diagnostic d) { items_.push_back(std::move(d)); }

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
