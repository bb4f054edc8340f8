#include "values.hpp"

#include "booklet/ascii.hpp"
#include "booklet/suggest.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <vector>

namespace booklet::style {
namespace {

struct NamedSize {
    const char* name;
    double width_mm, height_mm;
};

// ISO 216 (A and B series) and the ANSI/US sizes, portrait, in millimetres
// (US sizes are exact inches: 8.5 in = 215.9 mm).
constexpr NamedSize kNamedSizes[] = {
    {"A3", 297, 420},       {"A4", 210, 297},       {"A5", 148, 210},     {"A6", 105, 148},
    {"B5", 176, 250},       {"B6", 125, 176},       {"Letter", 215.9, 279.4},
    {"Legal", 215.9, 355.6}, {"Statement", 139.7, 215.9}, {"Executive", 184.15, 266.7},
};

// Nothing in a style is larger than a poster; this also keeps sp far from overflow.
constexpr double kMaxLengthPt = 14400;  // 200 in

std::string trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

[[noreturn]] void fail(const config::ConfigNode& node, std::string_view key, const std::string& message,
                       KindName kind = "style-value") {
    throw Error(node.pos, std::string(key) + ": " + message, kind);
}

const std::string& scalar_text(const config::ConfigNode& node, std::string_view key, const char* expected) {
    if (!node.is_scalar())
        fail(node, key, std::string("expected ") + expected + ", not " +
                            (node.kind == config::ConfigNode::Kind::null  ? "nothing"
                             : node.is_map()                              ? "a mapping"
                                                                          : "a list"),
             "config-type");
    return node.scalar;
}

struct Parsed {
    double value = 0;
    std::string unit;  // as written, lower-cased
    bool ok = false;
};

// A number followed by an optional unit. from_chars is locale-independent.
Parsed split_number(std::string_view text) {
    Parsed p;
    const std::string t = trim(text);
    const char* begin = t.data();
    const char* end = t.data() + t.size();
    if (begin != end && *begin == '+') ++begin;
    const auto r = std::from_chars(begin, end, p.value);
    if (r.ec != std::errc() || !std::isfinite(p.value)) return p;
    p.unit = ascii_lower(trim(std::string_view(r.ptr, static_cast<std::size_t>(end - r.ptr))));
    p.ok = true;
    return p;
}

double pt_per_unit(LengthUnit u) {
    switch (u) {
        case LengthUnit::pt: return 1;
        case LengthUnit::mm: return 72.0 / 25.4;
        case LengthUnit::cm: return 720.0 / 25.4;
        case LengthUnit::in: return 72;
        case LengthUnit::em: return 1;  // resolved by the caller
    }
    return 1;
}

bool unit_from_name(const std::string& name, LengthUnit& unit) {
    if (name == "pt") unit = LengthUnit::pt;
    else if (name == "mm") unit = LengthUnit::mm;
    else if (name == "cm") unit = LengthUnit::cm;
    else if (name == "in") unit = LengthUnit::in;
    else if (name == "em") unit = LengthUnit::em;
    else return false;
    return true;
}

Length parse_length_text(const config::ConfigNode& node, std::string_view key, std::string_view text,
                         bool allow_em) {
    const Parsed p = split_number(text);
    if (!p.ok)
        fail(node, key, "expected a length such as 10pt, 12mm, 1cm, 0.5in or 1.2em, not '" + std::string(text) + "'");
    Length length;
    length.value = p.value;
    if (p.unit.empty()) {
        if (p.value == 0) return length;
        // Small plain numbers are usually line-height factors, larger ones points.
        const std::string guess = number_text(p.value, 6) + (p.value < 4 ? "em" : "pt");
        fail(node, key, "'" + std::string(text) + "' needs a unit (pt, mm, cm, in" + (allow_em ? " or em" : "") +
                            "); did you mean '" + guess + "'?");
    }
    if (!unit_from_name(p.unit, length.unit) || (!allow_em && length.unit == LengthUnit::em))
        fail(node, key, "unknown unit '" + p.unit + "' in '" + std::string(text) + "' (use pt, mm, cm, in" +
                            (allow_em ? " or em" : "") + ")");
    const double limit = length.unit == LengthUnit::em ? kMaxLengthPt / 4 : kMaxLengthPt;
    if (std::abs(p.value * pt_per_unit(length.unit)) > limit)
        fail(node, key, "'" + std::string(text) + "' is too large");
    return length;
}

}  // namespace

std::string number_text(double value, int decimals) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
    std::string s(buf, r.ptr);
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

Length read_length(const config::ConfigNode& node, std::string_view key) {
    return parse_length_text(node, key, scalar_text(node, key, "a length such as 10pt or 12mm"), true);
}

Sp length_to_sp(const Length& length, Sp em) {
    if (length.unit == LengthUnit::em)
        return static_cast<Sp>(std::llround(length.value * static_cast<double>(em)));
    return sp_from_pt(length.value * pt_per_unit(length.unit));
}

std::vector<std::string> page_size_names() {
    std::vector<std::string> names;
    for (const auto& s : kNamedSizes) names.emplace_back(s.name);
    return names;
}

PageSize read_page_size(const config::ConfigNode& node, std::string_view key) {
    const std::string text = trim(scalar_text(node, key, "a page size such as A5, Letter or 148mm x 210mm"));
    const std::string folded = ascii_lower(text);

    // "W x H" (also with the multiplication sign ×, U+00D7).
    std::size_t cut = std::string::npos, cut_len = 0;
    if (const auto at = folded.find("\xc3\x97"); at != std::string::npos) cut = at, cut_len = 2;
    else if (const auto at_x = folded.find('x'); at_x != std::string::npos && at_x > 0 &&
                                                 (std::isdigit(static_cast<unsigned char>(folded[0])) ||
                                                  folded[0] == '.'))
        cut = at_x, cut_len = 1;
    if (cut != std::string::npos) {
        std::string w = trim(std::string_view(text).substr(0, cut));
        const std::string h = trim(std::string_view(text).substr(cut + cut_len));
        // "6 x 9in": the unit of the second number applies to the first.
        const Parsed pw = split_number(w), ph = split_number(h);
        if (pw.ok && pw.unit.empty() && ph.ok && !ph.unit.empty()) w += ph.unit;
        const Length lw = parse_length_text(node, key, w, false);
        const Length lh = parse_length_text(node, key, h, false);
        PageSize size{text, length_to_sp(lw, 0), length_to_sp(lh, 0)};
        if (size.width <= 0 || size.height <= 0) fail(node, key, "page width and height must be positive");
        if (size.width < sp_from_mm(20) || size.height < sp_from_mm(20))
            fail(node, key, "a page of '" + text + "' is too small to hold text (at least 20mm x 20mm)");
        return size;
    }

    std::string name = folded;
    bool landscape = false;
    for (const char* word : {" landscape", " portrait"}) {
        const std::string w = word;
        if (name.size() > w.size() && name.compare(name.size() - w.size(), w.size(), w) == 0) {
            landscape = w == " landscape";
            name = trim(name.substr(0, name.size() - w.size()));
        }
    }
    for (const auto& s : kNamedSizes) {
        if (ascii_lower(s.name) == name) {
            PageSize size{s.name, sp_from_mm(s.width_mm), sp_from_mm(s.height_mm)};
            if (landscape) {
                std::swap(size.width, size.height);
                size.name += " landscape";
            }
            return size;
        }
    }
    fail(node, key,
         "unknown page size '" + text + "'" + did_you_mean(name, page_size_names()) +
             " (named sizes: A3, A4, A5, A6, B5, B6, Letter, Legal, Statement, Executive; or 'W x H' "
             "such as '148mm x 210mm')");
}

Color read_color(const config::ConfigNode& node, std::string_view key) {
    if (node.kind == config::ConfigNode::Kind::null)
        fail(node, key, "expected a colour \"#rrggbb\" in quotes (without quotes YAML reads # as a comment)");
    const std::string text = trim(scalar_text(node, key, "a colour \"#rrggbb\""));
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    bool ok = text.size() == 7 && text[0] == '#';
    for (std::size_t i = 1; ok && i < 7; ++i) ok = hex(text[i]) >= 0;
    if (!ok) fail(node, key, "expected a colour \"#rrggbb\" such as \"#1a4f8b\", not '" + text + "'");
    auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(hex(text[i]) * 16 + hex(text[i + 1])); };
    return Color{byte(1), byte(3), byte(5)};
}

}  // namespace booklet::style
