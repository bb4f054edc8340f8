// Deflate for the PDF's streams (/FlateDecode, the zlib format of RFC 1950).
//
// booklet compresses every stream itself rather than leaving it to libharu:
// libdeflate is about three times as fast as zlib and compresses a little
// better at the same level, and the pages' streams can be compressed on two
// cores (writer.cpp). The same bytes in give the same bytes out, whichever
// thread compresses them (each has its own compressor).
#pragma once

#include <string>
#include <string_view>

namespace booklet::pdf {

// `data` deflated in the zlib format; throws std::bad_alloc when memory runs out.
std::string flate(std::string_view data);

}  // namespace booklet::pdf
