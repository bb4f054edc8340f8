#include "booklet/glyphs.hpp"

#include "booklet/sha256.hpp"

#include <stdexcept>
#include <string>
#include <type_traits>

namespace booklet {

void throw_glyph_length(Sp v) {
    throw std::out_of_range("a glyph length of " + std::to_string(pt_from_sp(v)) + "pt does not fit a glyph");
}

// Glyphs are hashed as they lie in memory.
static_assert(std::has_unique_object_representations_v<Glyph>, "Glyph has padding: hash its fields one by one");

GlyphList::Digest GlyphList::digest() const {
    const std::vector<Glyph>& glyphs = vector();
    const auto make = [&glyphs] {
        return sha256(std::span(reinterpret_cast<const std::uint8_t*>(glyphs.data()), glyphs.size() * sizeof(Glyph)));
    };
    if (!shared_) return make();
    if (shared_->digest_made.load(std::memory_order_acquire)) return shared_->digest;
    const Digest d = make();
    // One thread stores it; another one making it at the same time keeps its own.
    if (!shared_->digest_claimed.exchange(true, std::memory_order_relaxed)) {
        shared_->digest = d;
        shared_->digest_made.store(true, std::memory_order_release);
    }
    return d;
}

}  // namespace booklet
