// Page files: bytes → checked UTF-8 text → front matter + body with line offsets.
#include "booklet/source.hpp"

#include "booklet/files.hpp"

namespace booklet::source {
namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is malformed
// (overlong forms, surrogates and code points above U+10FFFF count as malformed,
// as RFC 3629 section 4 requires).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80) return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) len = 2;
    else if (b0 == 0xE0) { len = 3; lo = 0xA0; }
    else if (b0 >= 0xE1 && b0 <= 0xEC) len = 3;
    else if (b0 == 0xED) { len = 3; hi = 0x9F; }
    else if (b0 >= 0xEE && b0 <= 0xEF) len = 3;
    else if (b0 == 0xF0) { len = 4; lo = 0x90; }
    else if (b0 >= 0xF1 && b0 <= 0xF3) len = 4;
    else if (b0 == 0xF4) { len = 4; hi = 0x8F; }
    else return 0;
    if (i + len > s.size()) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < len; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return len;
}

std::string normalise_line_ends(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

// A front matter fence: "---" (or "..." to close, as YAML documents end) with
// nothing after it but spaces or tabs.
bool is_fence(std::string_view line, bool closing) {
    std::string_view mark = line.substr(0, 3);
    if (mark != "---" && !(closing && mark == "...")) return false;
    for (char c : line.substr(3))
        if (c != ' ' && c != '\t') return false;
    return true;
}

}  // namespace

SourcePos first_invalid_utf8(std::string_view text, const std::string& file) {
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t len = utf8_sequence_length(text, i);
        if (len == 0) return {file, line, static_cast<int>(i - line_start) + 1};
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
        i += len;
    }
    return {file, 0, 0};
}

SourcePage parse_page(std::string_view raw, const std::filesystem::path& file, const std::string& display_name) {
    if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
    const std::string text = normalise_line_ends(raw);
    if (const SourcePos bad = first_invalid_utf8(text, display_name); bad.line > 0)
        throw Error(bad, "the file is not valid UTF-8 (save it as UTF-8)", "encoding");

    SourcePage page;
    page.file = file;
    page.display_name = display_name;

    const std::size_t first_end = text.find('\n');
    const std::string_view first_line =
        std::string_view(text).substr(0, first_end == std::string::npos ? text.size() : first_end);
    if (first_end == std::string::npos || !is_fence(first_line, false)) {
        page.body = text;
        page.body_first_line = 1;
        return page;
    }

    // Look for the closing fence line by line, counting lines as we go.
    std::size_t pos = first_end + 1;
    int line = 2;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        const std::string_view l = std::string_view(text).substr(pos, end - pos);
        if (is_fence(l, true)) {
            const std::string_view yaml = std::string_view(text).substr(first_end + 1, pos - first_end - 1);
            page.front_matter = config::parse_yaml(yaml, display_name, 2);
            if (page.front_matter.kind != config::ConfigNode::Kind::null && !page.front_matter.is_map())
                throw Error(page.front_matter.pos, "front matter must be a list of 'key: value' lines",
                            "front-matter");
            page.body = end < text.size() ? text.substr(end + 1) : std::string();
            page.body_first_line = line + 1;
            return page;
        }
        if (end == text.size()) break;
        pos = end + 1;
        ++line;
    }
    throw Error({display_name, 1, 1}, "front matter opened with '---' on line 1 is never closed with '---'",
                "front-matter");
}

std::string read_page_text(const std::filesystem::path& file, const std::string& display_name) {
    return files::read_bounded(file, files::kMaxPageBytes, "the page", display_name, "page-unreadable");
}

SourcePage read_page(const std::filesystem::path& file, const std::string& display_name) {
    return parse_page(read_page_text(file, display_name), file, display_name);
}

bool is_language_tag(std::string_view tag) {
    // RFC 5646 in outline: subtags of 1-8 letters or digits joined by '-', the first
    // one 2-3 letters (or 'x'/'i' for private use and grandfathered tags).
    if (tag.empty() || tag.size() > 64) return false;
    std::size_t start = 0;
    bool first = true;
    while (start <= tag.size()) {
        std::size_t end = tag.find('-', start);
        if (end == std::string_view::npos) end = tag.size();
        const std::string_view sub = tag.substr(start, end - start);
        if (sub.empty() || sub.size() > 8) return false;
        for (char c : sub) {
            const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            const bool digit = c >= '0' && c <= '9';
            if (!alpha && !(digit && !first)) return false;
        }
        if (first) {
            const bool private_use = sub == "x" || sub == "X" || sub == "i" || sub == "I";
            if (!private_use && (sub.size() < 2 || sub.size() > 3)) return false;
            if (private_use && end == tag.size()) return false;
        }
        first = false;
        if (end == tag.size()) break;
        start = end + 1;
    }
    return tag.back() != '-';
}

}  // namespace booklet::source
