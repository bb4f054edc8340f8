#include "booklet/deflate.hpp"

#include <libdeflate.h>

#include <memory>
#include <new>

namespace booklet {

namespace {

// Level 6, zlib's default and libdeflate's: measured on the English corpus in
// bench/README.md against the levels above it.
constexpr int kLevel = 6;

struct FreeCompressor {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

// One compressor per thread: it holds some hundred kilobytes of tables, and a
// compressor may not be used by two threads at once.
libdeflate_compressor& compressor() {
    thread_local std::unique_ptr<libdeflate_compressor, FreeCompressor> made(libdeflate_alloc_compressor(kLevel));
    if (!made) throw std::bad_alloc();
    return *made;
}

// `data` compressed by this thread's compressor in one of libdeflate's formats
// (its bound and compress functions).
using Bound = std::size_t (*)(libdeflate_compressor*, std::size_t);
using Compress = std::size_t (*)(libdeflate_compressor*, const void*, std::size_t, void*, std::size_t);
std::string compressed(std::string_view data, Bound bound, Compress compress) {
    libdeflate_compressor& c = compressor();
    std::string out(bound(&c, data.size()), '\0');
    const std::size_t size = compress(&c, data.data(), data.size(), out.data(), out.size());
    // The bound is always enough; 0 would mean it was not.
    if (size == 0) throw std::bad_alloc();
    out.resize(size);
    return out;
}

}  // namespace

std::string flate(std::string_view data) {
    return compressed(data, libdeflate_zlib_compress_bound, libdeflate_zlib_compress);
}

std::string deflate_raw(std::string_view data) {
    return compressed(data, libdeflate_deflate_compress_bound, libdeflate_deflate_compress);
}

std::uint32_t crc32(std::string_view data) {
    return static_cast<std::uint32_t>(libdeflate_crc32(0, data.data(), data.size()));
}

const char* flate_library_version() { return LIBDEFLATE_VERSION_STRING; }

}  // namespace booklet
