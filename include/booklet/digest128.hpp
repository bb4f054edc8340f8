// A fast 128-bit digest (XXH3-128, libxxhash) for keys a `watch` session holds in
// memory and that must be cheap to make for megabytes: what each page of a PDF
// draws, and the glyphs of each set line. Not a cryptographic hash — where a key
// names bytes kept on disk or bytes a reader could choose, use SHA-256
// (booklet/sha256.hpp). Two different inputs among a few hundred thousand share a
// digest by chance with odds near 2^-90.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace booklet {

using Digest128 = std::array<std::uint8_t, 16>;

Digest128 digest128(const void* bytes, std::size_t size);

// XXH3's 64-bit hash, for hash tables keyed by long byte strings (the layout's set
// paragraphs, kilobytes each): several times faster than std::hash's. Not seeded,
// as std::hash is not.
std::uint64_t hash64(const void* bytes, std::size_t size);

// The same digest over bytes given in pieces (the pieces' boundaries do not matter).
class Digest128Stream {
public:
    Digest128Stream();  // throws std::bad_alloc
    ~Digest128Stream();
    Digest128Stream(const Digest128Stream&) = delete;
    Digest128Stream& operator=(const Digest128Stream&) = delete;

    void reset();
    void update(const void* bytes, std::size_t size);
    Digest128 finish() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace booklet
