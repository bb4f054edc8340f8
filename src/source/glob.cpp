#include "glob.hpp"

#include <algorithm>
#include <string>
#include <system_error>

namespace booklet::source {
namespace fs = std::filesystem;

bool has_wildcard(std::string_view pattern) {
    return pattern.find_first_of("*?[") != std::string_view::npos;
}

namespace {

// Matches a [...] class at pattern[p]; on success sets p past the ']' and returns
// whether c is in the class. Returns nullopt-like -1 when the class is not closed
// (then '[' is an ordinary character).
int match_class(std::string_view pattern, std::size_t& p, char c) {
    std::size_t i = p + 1;
    bool negate = false;
    if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) {
        negate = true;
        ++i;
    }
    bool matched = false;
    bool first = true;
    while (i < pattern.size() && (pattern[i] != ']' || first)) {
        const char lo = pattern[i];
        if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
            if (c >= lo && c <= pattern[i + 2]) matched = true;
            i += 3;
        } else {
            if (c == lo) matched = true;
            ++i;
        }
        first = false;
    }
    if (i >= pattern.size()) return -1;
    p = i + 1;
    return matched != negate ? 1 : 0;
}

}  // namespace

bool match_segment(std::string_view pattern, std::string_view name) {
    if (!name.empty() && name[0] == '.' && (pattern.empty() || pattern[0] != '.')) return false;
    // Iterative matching with one backtrack point for the last '*': linear in
    // practice and never exponential.
    std::size_t p = 0, n = 0;
    std::size_t star_p = std::string_view::npos, star_n = 0;
    while (n < name.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star_p = p++;
            star_n = n;
            continue;
        }
        if (p < pattern.size()) {
            if (pattern[p] == '?') {
                ++p;
                ++n;
                continue;
            }
            if (pattern[p] == '[') {
                std::size_t q = p;
                const int r = match_class(pattern, q, name[n]);
                if (r == 1) {
                    p = q;
                    ++n;
                    continue;
                }
                if (r == -1 && name[n] == '[') {
                    ++p;
                    ++n;
                    continue;
                }
            } else if (pattern[p] == name[n]) {
                ++p;
                ++n;
                continue;
            }
        }
        if (star_p == std::string_view::npos) return false;
        p = star_p + 1;
        n = ++star_n;
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

namespace {

struct Walk {
    std::vector<std::string> segments;
    std::vector<fs::path> found;
    std::size_t budget;
};

void walk(Walk& w, const fs::path& dir, std::size_t seg) {
    if (seg >= w.segments.size() || w.budget == 0) return;
    const std::string& pattern = w.segments[seg];
    const bool last = seg + 1 == w.segments.size();
    std::error_code ec;
    if (pattern == "**") {
        walk(w, dir, seg + 1);  // zero folders
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            if (w.budget == 0) return;
            --w.budget;
            std::error_code kind_ec;
            if (it->is_directory(kind_ec) && !it->is_symlink(kind_ec) &&
                it->path().filename().string()[0] != '.')
                walk(w, it->path(), seg);  // one more folder, same "**"
        }
        return;
    }
    if (!has_wildcard(pattern)) {
        const fs::path next = dir / pattern;
        if (last) {
            if (fs::is_regular_file(next, ec)) w.found.push_back(next);
        } else if (fs::is_directory(next, ec)) {
            walk(w, next, seg + 1);
        }
        return;
    }
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (w.budget == 0) return;
        --w.budget;
        const std::string name = it->path().filename().string();
        if (!match_segment(pattern, name)) continue;
        std::error_code kind_ec;
        if (last) {
            if (it->is_regular_file(kind_ec)) w.found.push_back(it->path());
        } else if (it->is_directory(kind_ec) && !it->is_symlink(kind_ec)) {
            // A wildcard never enters a linked folder: a link to "." or to a
            // parent would make the walk loop (and include one file many times).
            walk(w, it->path(), seg + 1);
        }
    }
}

}  // namespace

std::vector<fs::path> expand_glob(const fs::path& root, std::string_view pattern, std::size_t max_entries) {
    Walk w{{}, {}, max_entries};
    std::size_t start = 0;
    while (start <= pattern.size()) {
        std::size_t end = pattern.find('/', start);
        if (end == std::string_view::npos) end = pattern.size();
        const std::string_view seg = pattern.substr(start, end - start);
        if (!seg.empty() && seg != ".") w.segments.emplace_back(seg);
        if (end == pattern.size()) break;
        start = end + 1;
    }
    if (w.segments.empty()) return {};
    const bool absolute = !pattern.empty() && pattern[0] == '/';
    walk(w, absolute ? fs::path("/") : root, 0);
    std::sort(w.found.begin(), w.found.end(),
              [](const fs::path& a, const fs::path& b) { return a.generic_string() < b.generic_string(); });
    w.found.erase(std::unique(w.found.begin(), w.found.end()), w.found.end());
    return w.found;
}

}  // namespace booklet::source
