// QR codes: the only user of libqrencode.
//
// Input:  a text (a URL), as UTF-8 bytes.
// Output: the module grid of a QR code, and that grid as filled rectangles for a
//         page's display list (vector output: sharp at any print resolution).
// Invariants: error correction level M (about 15 % of the symbol may be lost and
//   it still scans); the smallest version that holds the text; a quiet zone of 4
//   light modules on every side (ISO/IEC 18004 asks for 4) is part of the code's
//   size, so a caller that reserves total_size() modules never crowds it. Text with
//   bytes above 0x7F is declared UTF-8 (ECI 26) so that readers do not guess.
// Must not: place codes on pages (layout decides where a code goes).
#pragma once

#include "booklet/pages.hpp"
#include "booklet/units.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace booklet::qr {

struct Matrix {
    int version = 0;                  // 1..40
    int size = 0;                     // modules per side without the quiet zone: 17 + 4 * version
    int quiet_zone = 4;               // light modules required around the symbol
    std::vector<std::uint8_t> dark;   // size * size, row by row from the top; 1 = dark module

    bool is_dark(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x] != 0; }
    int total_size() const { return size + 2 * quiet_zone; }  // modules per side, quiet zone included
};

// The text as a QR code. booklet::Error (with no position: the caller knows where the
// text came from) when it is empty or longer than a QR code holds at level M.
Matrix encode(std::string_view text);

// The largest whole-sp module size that fits the code, quiet zone included, into `width`.
Sp module_size_for(const Matrix& matrix, Sp width);

// The dark modules as rectangles: (x, y) is the top-left corner of the quiet zone,
// so the code occupies total_size() * module_size on each side. Horizontal runs of
// dark modules are one rectangle, and a run repeated in the rows below grows that
// rectangle downwards, so finder patterns and bars carry no seams between rows.
std::vector<pages::RectItem> to_rects(const Matrix& matrix, Sp x, Sp y, Sp module_size, Color color = kBlack);

}  // namespace booklet::qr
