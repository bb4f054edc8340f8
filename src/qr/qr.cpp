#include "booklet/qr.hpp"

#include "booklet/diagnostics.hpp"

#include <qrencode.h>

#include <cerrno>
#include <map>
#include <memory>
#include <string>
#include <utility>

namespace booklet::qr {
namespace {

struct QrCodeDeleter {
    void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrCodePtr = std::unique_ptr<QRcode, QrCodeDeleter>;
struct QrInputDeleter {
    void operator()(QRinput* input) const { QRinput_free(input); }
};
using QrInputPtr = std::unique_ptr<QRinput, QrInputDeleter>;

// ECI assignment number of UTF-8 (AIM ECI specification).
constexpr unsigned kEciUtf8 = 26;

bool is_ascii(std::string_view text) {
    for (unsigned char c : text)
        if (c >= 0x80 || c == 0) return false;
    return true;
}

// Non-ASCII text gets an ECI header saying UTF-8: without it readers guess the
// charset of 8-bit data (zbar takes "é" bytes for Shift-JIS). ASCII stays without
// one, because a few old readers do not know ECI and ASCII needs no declaration.
QRcode* encode_utf8(std::string_view text) {
    QrInputPtr input(QRinput_new2(0, QR_ECLEVEL_M));
    if (!input) return nullptr;
    if (QRinput_appendECIheader(input.get(), kEciUtf8) != 0) return nullptr;
    if (QRinput_append(input.get(), QR_MODE_8, static_cast<int>(text.size()),
                       reinterpret_cast<const unsigned char*>(text.data())) != 0)
        return nullptr;
    return QRcode_encodeInput(input.get());
}

// Byte capacity of version 40 at level M (ISO/IEC 18004 table 7), for the message.
constexpr int kMaxBytesLevelM = 2331;

}  // namespace

Matrix encode(std::string_view text) {
    if (text.empty()) throw Error({}, "a QR code needs a text to encode; this one is empty", "qr");
    errno = 0;
    QrCodePtr code;
    if (is_ascii(text)) {
        // encodeString splits the text into numeric, alphanumeric and 8-bit segments,
        // which gives smaller codes than one 8-bit segment. Version 0 = the smallest that fits.
        const std::string terminated(text);
        code.reset(QRcode_encodeString(terminated.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    } else {
        code.reset(encode_utf8(text));
    }
    if (!code) {
        if (errno == ERANGE)
            throw Error({}, "a text of " + std::to_string(text.size()) + " bytes is too long for a QR code (at most " +
                                std::to_string(kMaxBytesLevelM) + " bytes at error correction M)",
                        "qr");
        throw Error({}, "libqrencode could not encode the text (errno " + std::to_string(errno) + ")", "qr");
    }

    Matrix m;
    m.version = code->version;
    m.size = code->width;
    m.dark.resize(static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size));
    // Bit 0 of each byte is the module colour; the other bits say which pattern it
    // belongs to (qrencode.h), which a drawing does not need.
    for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code->data[i] & 1;
    return m;
}

Sp module_size_for(const Matrix& matrix, Sp width) {
    return matrix.total_size() > 0 ? width / matrix.total_size() : 0;
}

std::vector<pages::RectItem> to_rects(const Matrix& matrix, Sp x, Sp y, Sp module_size, Color color) {
    std::vector<pages::RectItem> rects;
    // Runs of the row above, keyed by (first column, length), and the rectangle each grew into.
    std::map<std::pair<int, int>, std::size_t> open, next;
    for (int row = 0; row < matrix.size; ++row) {
        next.clear();
        for (int col = 0; col < matrix.size;) {
            if (!matrix.is_dark(col, row)) {
                ++col;
                continue;
            }
            const int start = col;
            while (col < matrix.size && matrix.is_dark(col, row)) ++col;
            const std::pair<int, int> run{start, col - start};
            if (const auto it = open.find(run); it != open.end()) {
                rects[it->second].rect.height += module_size;
                next.emplace(run, it->second);
            } else {
                pages::RectItem item;
                item.rect = Rect{x + (matrix.quiet_zone + start) * module_size,
                                 y + (matrix.quiet_zone + row) * module_size, run.second * module_size, module_size};
                item.fill = color;
                next.emplace(run, rects.size());
                rects.push_back(item);
            }
        }
        open.swap(next);
    }
    return rects;
}

}  // namespace booklet::qr
