// libFuzzer entry point: probe, decode and re-encode whatever bytes come in, and
// read them as a picture cache payload. Any
// outcome but a clean result or a booklet::Error is a bug (the sanitizers and
// libFuzzer catch crashes, leaks and hangs).
#include "booklet/diagnostics.hpp"
#include "booklet/image.hpp"
#include "booklet/picture_cache.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    try {
        booklet::image::probe_bytes(bytes, "fuzz");
    } catch (const booklet::Error&) {
    }
    try {
        const booklet::pages::Raster r = booklet::image::decode_bytes(bytes, "fuzz");
        const std::size_t expected = static_cast<std::size_t>(r.width) * static_cast<std::size_t>(r.height);
        if (r.pixels.size() != expected * static_cast<std::size_t>(r.channels)) std::abort();
        if (!r.alpha.empty() && r.alpha.size() != expected) std::abort();
        if (r.width * r.height <= 4096) booklet::image::encode_png(r);
    } catch (const booklet::Error&) {
    }
    {
        // A picture cache entry's payload: the cache checks an entry's SHA-256, but a
        // crafted entry passes that. A raster comes back only whole and consistent,
        // and its payload is every byte that came in.
        const std::string_view payload(reinterpret_cast<const char*>(data), size);
        if (const auto r = booklet::image::raster_from_payload(payload)) {
            if (!booklet::image::is_well_formed(*r)) std::abort();
            if (r->width > booklet::image::kMaxDimension || r->height > booklet::image::kMaxDimension) std::abort();
            if (booklet::image::raster_payload(*r) != payload) std::abort();
        }
    }
    try {
        // SVG: the cleaned text must never carry what the allow-list leaves out.
        if (booklet::image::sniff_bytes(bytes.first(std::min<std::size_t>(size, 1024))) == booklet::image::Format::svg) {
            const auto clean = booklet::image::clean_svg(bytes, "fuzz");
            for (const char* bad : {"<script", "<foreignObject", "<!DOCTYPE", "<!ENTITY"})
                if (clean.text.find(bad) != std::string::npos) std::abort();
            // What comes out is well-formed and already clean: cleaned again, it
            // is the same text with nothing left out.
            const std::span<const std::uint8_t> text(reinterpret_cast<const std::uint8_t*>(clean.text.data()),
                                                     clean.text.size());
            const auto again = booklet::image::clean_svg(text, "fuzz-again");
            if (again.text != clean.text || !again.removed.empty()) std::abort();
        }
    } catch (const booklet::Error&) {
    }
    return 0;
}
