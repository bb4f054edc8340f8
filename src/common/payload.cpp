#include "booklet/payload.hpp"

#include <bit>

namespace booklet {

void PayloadWriter::u64(std::uint64_t v) {
    for (int shift = 0; shift < 64; shift += 8) out_ += static_cast<char>((v >> shift) & 0xFF);
}

void PayloadWriter::f64(double v) { u64(std::bit_cast<std::uint64_t>(v)); }

void PayloadWriter::bytes(std::string_view v) {
    u64(v.size());
    out_.append(v);
}

std::uint64_t PayloadReader::u64() {
    const auto s = take(8);
    std::uint64_t u = 0;
    for (std::size_t i = 0; i < s.size(); ++i) u |= std::uint64_t(static_cast<std::uint8_t>(s[i])) << (8 * i);
    return u;
}

double PayloadReader::f64() { return std::bit_cast<double>(u64()); }

std::string_view PayloadReader::bytes() {
    const std::uint64_t n = u64();
    if (!ok_ || n > in_.size()) {
        ok_ = false;
        return {};
    }
    const auto s = take(static_cast<std::size_t>(n));
    return {s.data(), s.size()};
}

}  // namespace booklet
