// Lengths, colours and rectangles shared by every stage.
//
// All layout arithmetic is done in scaled points (sp, 1/65536 pt, as TeX does) held
// in 64-bit integers, so that layout is exact and reproducible on every machine;
// floating point appears only when a writer turns sp into PDF points or CSS units.
#pragma once

#include <cmath>
#include <compare>
#include <cstdint>

namespace booklet {

using Sp = std::int64_t;

inline constexpr Sp kSpPerPt = 65536;

constexpr Sp sp_from_pt(double pt) {
    const double v = pt * static_cast<double>(kSpPerPt);
    return static_cast<Sp>(v < 0 ? v - 0.5 : v + 0.5);
}
constexpr Sp sp_from_mm(double mm) { return sp_from_pt(mm * 72.0 / 25.4); }
constexpr Sp sp_from_in(double in) { return sp_from_pt(in * 72.0); }
constexpr double pt_from_sp(Sp v) { return static_cast<double>(v) / static_cast<double>(kSpPerPt); }
constexpr double mm_from_sp(Sp v) { return pt_from_sp(v) * 25.4 / 72.0; }

// a * b / c without intermediate overflow for the magnitudes layout uses.
constexpr Sp scale_sp(Sp a, Sp b, Sp c) {
    return static_cast<Sp>((static_cast<__int128>(a) * b) / c);
}

struct Color {
    std::uint8_t r = 0, g = 0, b = 0;
    friend constexpr bool operator==(Color, Color) = default;
    friend constexpr auto operator<=>(Color, Color) = default;
};

inline constexpr Color kBlack{0, 0, 0};

// A rectangle in page coordinates: origin at the top-left corner of the page,
// y growing downwards (the PDF writer flips it).
struct Rect {
    Sp x = 0, y = 0, width = 0, height = 0;
    friend constexpr bool operator==(const Rect&, const Rect&) = default;
};

}  // namespace booklet
