// Fuzz target: TextStore::read_pack and read_lines on arbitrary bytes. A pack is
// read whole or refused; every entry of one that is read, and the bytes themselves,
// are read as lines or refused; lines read name only the fonts the reader was
// given, and their glyphs and texts come from the bytes (a count larger than the
// bytes left is refused before anything is allocated for it).
#include "text_store.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "text pack reader broken: %s\n", what);
    std::abort();
}

// Ordinals 0..15 are fonts 10..25; any other is a font not loaded.
std::optional<booklet::FontId> font(std::uint64_t ordinal) {
    if (ordinal >= 16) return std::nullopt;
    return static_cast<booklet::FontId>(10 + ordinal);
}

void check_lines(std::string_view bytes) {
    const auto lines = booklet::layout::TextStore::read_lines(bytes, font);
    if (!lines) return;
    std::size_t glyphs = 0, text = 0;
    for (const auto& line : lines->lines)
        for (const auto& run : line.runs) {
            if (run.font < 10 || run.font > 25) fail("a font it was not given");
            glyphs += run.glyphs.size();
            text += run.text.size();
        }
    if (glyphs > bytes.size() || text > bytes.size()) fail("more read than the bytes hold");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    check_lines(bytes);
    const auto pack = booklet::layout::TextStore::read_pack(bytes);
    if (!pack) return 0;
    for (const auto& [key, lines] : pack->entries) {
        if (key.data() < bytes.data() || key.data() + key.size() > bytes.data() + bytes.size())
            fail("a key outside the pack");
        check_lines(lines);
    }
    return 0;
}
