// Fuzz target: page_texts_from_payload (src/pdf/glyph_text.hpp) on arbitrary bytes:
// a page's glyph texts as the cache folder keeps them are read whole or refused,
// never past their end, with nothing reserved for a count the bytes cannot hold;
// what is read writes the same bytes again (one form per value).
#include "glyph_text.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto texts = booklet::pdf::page_texts_from_payload(bytes);
    if (!texts) return 0;
    if (booklet::pdf::page_texts_payload(*texts) != bytes) {
        std::fprintf(stderr, "page texts reader broken: read back, the texts write other bytes\n");
        std::abort();
    }
    return 0;
}
