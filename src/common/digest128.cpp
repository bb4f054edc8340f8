#include "booklet/digest128.hpp"

#include <new>

#include <xxhash.h>

namespace booklet {

namespace {

Digest128 bytes_of(XXH128_hash_t hash) {
    Digest128 d{};
    for (std::size_t i = 0; i < 8; ++i) {
        d[i] = static_cast<std::uint8_t>(hash.high64 >> (8 * i));
        d[8 + i] = static_cast<std::uint8_t>(hash.low64 >> (8 * i));
    }
    return d;
}

}  // namespace

Digest128 digest128(const void* bytes, std::size_t size) { return bytes_of(XXH3_128bits(bytes, size)); }

std::uint64_t hash64(const void* bytes, std::size_t size) { return XXH3_64bits(bytes, size); }

struct Digest128Stream::State {
    struct Free {
        void operator()(XXH3_state_t* s) const { XXH3_freeState(s); }
    };
    std::unique_ptr<XXH3_state_t, Free> xxh3{XXH3_createState()};
};

Digest128Stream::Digest128Stream() : state_(std::make_unique<State>()) {
    if (!state_->xxh3) throw std::bad_alloc();
    reset();
}

Digest128Stream::~Digest128Stream() = default;

void Digest128Stream::reset() { XXH3_128bits_reset(state_->xxh3.get()); }

void Digest128Stream::update(const void* bytes, std::size_t size) {
    XXH3_128bits_update(state_->xxh3.get(), bytes, size);
}

Digest128 Digest128Stream::finish() const { return bytes_of(XXH3_128bits_digest(state_->xxh3.get())); }

}  // namespace booklet
