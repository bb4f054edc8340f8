// Payloads: what the cache folder keeps (pictures, set paragraphs, hyphenation
// machines) written and read back field by field.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace booklet {

// Little-endian fields for payloads. The reader never reads past its bytes: a field
// it cannot read (or a check that fails) marks it bad, and a caller that finds it
// bad treats the entry as missing.
// A little-endian 32-bit field at `at`, four bytes the caller knows it has (a
// block of fixed records whose size it checked).
inline std::int32_t read_le32(const char* at) {
    std::uint32_t u = 0;
    for (std::size_t i = 0; i < 4; ++i) u |= std::uint32_t(static_cast<std::uint8_t>(at[i])) << (8 * i);
    return static_cast<std::int32_t>(u);
}

// The fixed-width fields are defined here, inline: a hyphenation machine is
// read and written as hundreds of thousands of them.
class PayloadWriter {
public:
    void u8(std::uint8_t v) { out_ += static_cast<char>(v); }
    void i32(std::int32_t v) {
        const auto u = static_cast<std::uint32_t>(v);
        const char le[4] = {static_cast<char>(u & 0xFF), static_cast<char>((u >> 8) & 0xFF),
                            static_cast<char>((u >> 16) & 0xFF), static_cast<char>(u >> 24)};
        out_.append(le, 4);
    }
    void u64(std::uint64_t v);
    void f64(double v);
    void bytes(std::string_view v);  // its length, then the bytes
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

// Variable-length fields: an unsigned number in seven bits a byte, low first, the
// high bit set on every byte but the last; a signed one zigzagged first; a string
// as its length, then its bytes. Appended to `out` (layout's set paragraphs, and
// the values its settled pages are keyed by).
class VarintWriter {
public:
    explicit VarintWriter(std::string& out) : out_(out) {}
    void u(std::uint64_t v) {
        while (v >= 0x80) {
            out_ += static_cast<char>((v & 0x7F) | 0x80);
            v >>= 7;
        }
        out_ += static_cast<char>(v);
    }
    void s(std::int64_t v) { u((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63)); }
    void f(double v) { u(std::bit_cast<std::uint64_t>(v)); }
    void b(bool v) { u(v ? 1 : 0); }
    void str(std::string_view v) {
        u(v.size());
        out_.append(v);
    }

private:
    std::string& out_;
};

class PayloadReader {
public:
    explicit PayloadReader(std::string_view in) : in_(in) {}
    std::uint8_t u8() {
        const auto s = take(1);
        return s.empty() ? 0 : static_cast<std::uint8_t>(s[0]);
    }
    std::int32_t i32() {
        const auto s = take(4);
        return s.empty() ? 0 : read_le32(s.data());
    }
    std::uint64_t u64();
    double f64();
    std::string_view bytes();
    void require(bool condition) { ok_ = ok_ && condition; }
    bool ok() const { return ok_; }
    bool finished() const { return ok_ && in_.empty(); }  // every byte read, nothing wrong
    std::size_t left() const { return in_.size(); }       // the bytes not read yet

private:
    std::span<const char> take(std::size_t n) {
        if (!ok_ || in_.size() < n) {
            ok_ = false;
            return {};
        }
        std::span<const char> out(in_.data(), n);
        in_.remove_prefix(n);
        return out;
    }
    std::string_view in_;
    bool ok_ = true;
};

}  // namespace booklet
