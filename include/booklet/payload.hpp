// Payloads: what the cache folder keeps (pictures, set paragraphs, hyphenation
// machines) written and read back field by field.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace booklet {

// Little-endian fields for payloads. The reader never reads past its bytes: a field
// it cannot read (or a check that fails) marks it bad, and a caller that finds it
// bad treats the entry as missing.
class PayloadWriter {
public:
    void u8(std::uint8_t v);
    void i32(std::int32_t v);
    void u64(std::uint64_t v);
    void f64(double v);
    void bytes(std::string_view v);  // its length, then the bytes
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

class PayloadReader {
public:
    explicit PayloadReader(std::string_view in) : in_(in) {}
    std::uint8_t u8();
    std::int32_t i32();
    std::uint64_t u64();
    double f64();
    std::string_view bytes();
    void require(bool condition) { ok_ = ok_ && condition; }
    bool ok() const { return ok_; }
    bool finished() const { return ok_ && in_.empty(); }  // every byte read, nothing wrong

private:
    std::span<const char> take(std::size_t n);
    std::string_view in_;
    bool ok_ = true;
};

}  // namespace booklet
