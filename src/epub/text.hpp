// Internal to the EPUB writer: text that is safe in XML, ids, URLs, hashes, dates
// and the ZIP container. None of it knows about the document model's structure.
#pragma once

#include "booklet/ascii.hpp"
#include "booklet/dates.hpp"
#include "booklet/kept_bytes.hpp"
#include "booklet/model.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::epub::detail {

// Valid UTF-8 holding only characters XML 1.0 and HTML allow in text: invalid bytes
// become U+FFFD; C0/C1 controls (except tab, newline, carriage return), DEL,
// surrogates and noncharacters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF) are dropped.
std::string clean_text(std::string_view utf8);
// clean_text, then & < > escaped (so "]]>" cannot end anything).
std::string xml_text(std::string_view utf8);
// clean_text, then & < > " escaped and tab/newline/return turned into spaces.
std::string xml_attr(std::string_view utf8);

// A BCP 47 tag as xsd:language accepts it: [A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*.
bool is_language_tag(std::string_view tag);
// ASCII letters lower-cased, every other byte as it is (no locale involved).
// Language tags compare case-insensitively: "en-GB" is "en-gb".
inline bool same_language(std::string_view a, std::string_view b) { return ascii_iequal(a, b); }

// The href for an address the markdown stage accepted (it alone decides which
// schemes and hosts are linked): the scheme lower-cased, characters not allowed in
// URLs percent-encoded, existing escapes kept, so epubcheck and readers take it.
std::string href_of(std::string_view url);

// An id that is an XML NCName in ASCII: letters, digits, '-', '_', '.', starting
// with a letter or '_'. Other characters become '-'.
std::string sanitize_id(std::string_view wanted);

// Hands out ids unique within one document, suffixing -2, -3, ... on collision.
class IdRegistry {
public:
    std::string claim(std::string_view wanted);
    bool contains(const std::string& id) const { return used_.count(id) != 0; }

private:
    std::set<std::string> used_;
};

// SHA-1 (FIPS 180-4), for name-based UUIDs only.
std::array<std::uint8_t, 20> sha1(std::string_view data);
// Name-based UUID, version 5 (RFC 4122, 4.3), lower-case, without "urn:uuid:".
std::string uuid_v5(const std::array<std::uint8_t, 16>& name_space, std::string_view name);
inline constexpr std::array<std::uint8_t, 16> kUrlNamespace = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                                                0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};

using booklet::CivilTime;
using booklet::civil_from_epoch;
std::string iso8601_utc(std::int64_t seconds);  // "2024-09-29T02:30:00Z"

struct ZipEntry {
    std::string name;
    std::string data;
    bool compress = true;
};
// A ZIP archive of the entries in the given order, every entry dated `modified`
// (UTC fields as DOS date and time). The first entry should be the stored mimetype.
// Entries are deflated on `threads` threads, or taken from `kept` (may be null)
// when an earlier build deflated the same bytes; the archive is the same either
// way. Throws booklet::Error.
std::string build_zip(const std::vector<ZipEntry>& entries, std::int64_t modified, int threads = 1,
                      KeptBytes* kept = nullptr);

}  // namespace booklet::epub::detail
