// Fuzz target: Settlement::read_payload on arbitrary bytes. A payload is read whole
// or refused, never past its end, and nothing is allocated for a count larger than
// the bytes left; one that is read is the one payload that writes those bytes again
// (the encoding has one form per value, so a damaged entry cannot pass as another).
#include "settlement.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto kept = booklet::layout::Settlement::read_payload(bytes);
    if (!kept) return 0;
    if (booklet::layout::Settlement::payload(*kept) != bytes) {
        std::fprintf(stderr, "settlement reader broken: read back, the payload writes other bytes\n");
        std::abort();
    }
    return 0;
}
