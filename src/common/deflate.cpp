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

}  // namespace

std::string flate(std::string_view data) {
    libdeflate_compressor& c = compressor();
    std::string out(libdeflate_zlib_compress_bound(&c, data.size()), '\0');
    const std::size_t size = libdeflate_zlib_compress(&c, data.data(), data.size(), out.data(), out.size());
    // The bound is always enough; 0 would mean it was not.
    if (size == 0) throw std::bad_alloc();
    out.resize(size);
    return out;
}

std::string deflate_raw(std::string_view data) {
    libdeflate_compressor& c = compressor();
    std::string out(libdeflate_deflate_compress_bound(&c, data.size()), '\0');
    const std::size_t size = libdeflate_deflate_compress(&c, data.data(), data.size(), out.data(), out.size());
    if (size == 0) throw std::bad_alloc();
    out.resize(size);
    return out;
}

std::uint32_t crc32(std::string_view data) {
    return static_cast<std::uint32_t>(libdeflate_crc32(0, data.data(), data.size()));
}

const char* flate_library_version() { return LIBDEFLATE_VERSION_STRING; }

}  // namespace booklet
