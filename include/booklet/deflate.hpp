// Deflate in the zlib format (RFC 1950), as a PDF's /FlateDecode streams hold it,
// and raw (RFC 1951), as a ZIP entry does.
//
// booklet compresses every stream itself rather than leaving it to libharu:
// libdeflate is about three times as fast as zlib and compresses a little
// better at the same level, and the PDF's streams can be compressed on two cores
// (pdf/writer.cpp). Layout deflates a picture's samples where it prepares the
// picture (image::prepare_for_print), the PDF writer its pages' streams: one
// function, so both give the bytes one level gives. The same bytes in give the
// same bytes out, whichever thread compresses them (each has its own compressor).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace booklet {

// `data` deflated in the zlib format; throws std::bad_alloc when memory runs out.
std::string flate(std::string_view data);

// `data` as a raw deflate stream (RFC 1951, no header), at the same level: what a
// ZIP entry holds (the EPUB's), with crc32 of the data for its headers.
std::string deflate_raw(std::string_view data);
std::uint32_t crc32(std::string_view data);

// The version of the deflate library, for keys of what it made (the picture cache).
const char* flate_library_version();

}  // namespace booklet
