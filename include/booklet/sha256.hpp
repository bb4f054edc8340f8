// SHA-256 (FIPS 180-4): the digest that names an entry of the picture cache and
// checks its payload. Used where two different inputs must never be taken for one
// (a cache key), so never a shorter or weaker hash.
//
// Input:  bytes, in as many pieces as it takes (update); the pieces' boundaries do
//         not change the digest.
// Output: the 32-byte digest (finish), or its lower-case hex form (to_hex).
// Invariants: plain value type, no allocation; finish() may be called once.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace booklet {

using Sha256Digest = std::array<std::uint8_t, 32>;

class Sha256 {
public:
    // best: the CPU's SHA instructions where it has them (x86-64 SHA extensions),
    // else portable code; the digest is the same (a test compares the two).
    enum class Code { best, portable };
    explicit Sha256(Code code = Code::best);
    void update(std::span<const std::uint8_t> bytes);
    void update(std::string_view bytes);
    Sha256Digest finish();

private:
    void compress(const std::uint8_t* blocks, std::size_t count);

    Code code_;
    std::array<std::uint32_t, 8> state_;
    std::array<std::uint8_t, 64> pending_{};  // bytes of a block not yet compressed
    std::size_t pending_size_ = 0;
    std::uint64_t total_bytes_ = 0;
};

Sha256Digest sha256(std::string_view bytes);
Sha256Digest sha256(std::span<const std::uint8_t> bytes);
std::string to_hex(const Sha256Digest& digest);
// Whether Code::best uses the CPU's SHA instructions on this machine.
bool sha256_uses_cpu_instructions();

}  // namespace booklet
