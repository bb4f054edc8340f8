// Fuzz target: KeptBytesPack::read_pack on arbitrary bytes. A pack is read whole or
// refused, never past its end, and nothing is reserved for a count larger than the
// bytes left could hold; one that is read writes the same bytes again when its
// entries were in the order the writer puts them (by key), so that a damaged pack
// cannot pass for another.
#include "booklet/kept_bytes_pack.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using booklet::image::KeptBytesPack;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto entries = KeptBytesPack::read_pack(bytes);
    if (!entries) return 0;
    const bool sorted = std::is_sorted(entries->begin(), entries->end(),
                                       [](const auto& a, const auto& b) { return a.first < b.first; });
    if (sorted && KeptBytesPack::write_pack(*entries) != bytes) {
        std::fprintf(stderr, "kept bytes pack reader broken: read back, the pack writes other bytes\n");
        std::abort();
    }
    return 0;
}
