// Reading the value types of style files: lengths with units, page sizes, colours.
// Each reader takes the YAML node and the dotted key it sits at, and throws
// booklet::Error at the node's file:line:col naming that key.
#pragma once

#include "booklet/config.hpp"
#include "booklet/units.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace booklet::style {

enum class LengthUnit { pt, mm, cm, in, em };

// A length as written, before `em` is resolved against a font size.
struct Length {
    double value = 0;
    LengthUnit unit = LengthUnit::pt;
};

// "10pt", "12.5 mm", "1.2em", "0". A plain number other than 0 is an error that
// suggests the unit the writer probably meant.
Length read_length(const config::ConfigNode& node, std::string_view key);

// em = the font size the length is relative to.
Sp length_to_sp(const Length& length, Sp em);

struct PageSize {
    std::string name;  // canonical: "A5", "Letter", "A4 landscape", "148mm x 210mm"
    Sp width = 0, height = 0;
};

// A4, A5, Letter, ... (case-insensitive, optional "landscape"), or "W x H" with units
// ("148mm x 210mm", "6 x 9in"; em is not allowed).
PageSize read_page_size(const config::ConfigNode& node, std::string_view key);

// "#rrggbb" (quoted: YAML starts a comment at #).
Color read_color(const config::ConfigNode& node, std::string_view key);

// A number for messages, with at most `decimals` decimals and no trailing zeros
// ("13.5", "148"); independent of the C locale.
std::string number_text(double value, int decimals);

// The names read_page_size knows, for messages and documentation.
std::vector<std::string> page_size_names();

}  // namespace booklet::style
