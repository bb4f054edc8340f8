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
    Sha256();
    void update(std::span<const std::uint8_t> bytes);
    void update(std::string_view bytes);
    Sha256Digest finish();

private:
    void compress(const std::uint8_t* block);

    std::array<std::uint32_t, 8> state_;
    std::array<std::uint8_t, 64> pending_{};  // bytes of a block not yet compressed
    std::size_t pending_size_ = 0;
    std::uint64_t total_bytes_ = 0;
};

Sha256Digest sha256(std::string_view bytes);
Sha256Digest sha256(std::span<const std::uint8_t> bytes);
std::string to_hex(const Sha256Digest& digest);

}  // namespace booklet
