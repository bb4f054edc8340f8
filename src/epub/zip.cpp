// The ZIP container through libzip, built in memory so that the caller can write
// the finished bytes atomically.
#include "text.hpp"

#include "booklet/deflate.hpp"
#include "booklet/diagnostics.hpp"
#include "booklet/parallel.hpp"
#include "booklet/sha256.hpp"

#include <zip.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace booklet::epub::detail {

namespace {

[[noreturn]] void zip_failure(const std::string& what, zip_error_t* error) {
    throw Error(SourcePos{}, "EPUB container: " + what + ": " + zip_error_strerror(error), "epub-zip");
}

struct SourceFree {
    void operator()(zip_source_t* s) const { zip_source_free(s); }
};
struct ArchiveDiscard {
    void operator()(zip_t* z) const { zip_discard(z); }
};
using SourcePtr = std::unique_ptr<zip_source_t, SourceFree>;
using ArchivePtr = std::unique_ptr<zip_t, ArchiveDiscard>;

struct DosTime {
    zip_uint16_t time = 0, date = 0;
};

// MS-DOS date and time fields (APPNOTE.TXT 4.4.6) filled with the UTC fields of
// `seconds`, so the archive reads the same in every time zone. DOS dates cover
// 1980..2107; times outside are clamped.
DosTime dos_time(std::int64_t seconds) {
    CivilTime t = civil_from_epoch(seconds);
    if (t.year < 1980) t = CivilTime{1980, 1, 1, 0, 0, 0};
    if (t.year > 2107) t = CivilTime{2107, 12, 31, 23, 59, 58};
    DosTime d;
    d.time = static_cast<zip_uint16_t>((t.hour << 11) | (t.minute << 5) | (t.second / 2));
    d.date = static_cast<zip_uint16_t>(((t.year - 1980) << 9) | (t.month << 5) | t.day);
    return d;
}

std::uint16_t read_u16(const std::string& s, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) | (static_cast<unsigned char>(s[at + 1]) << 8));
}
std::uint32_t read_u32(const std::string& s, std::size_t at) {
    return read_u16(s, at) | (std::uint32_t(read_u16(s, at + 2)) << 16);
}
void write_u16(std::string& s, std::size_t at, std::uint16_t v) {
    s[at] = static_cast<char>(v & 0xFF);
    s[at + 1] = static_cast<char>(v >> 8);
}

// libzip 1.7 keeps entry times as time_t: zip_file_set_dostime() turns the fields
// into a time_t with mktime() and the writer turns that back with localtime(). In a
// time zone where the wall-clock time does not exist (a daylight-saving gap) the
// round trip moves it by an hour. The archive must not depend on TZ, so the fields
// are put back in both the local headers and the central directory.
void force_dos_times(std::string& zip, DosTime when) {
    constexpr std::uint32_t kEnd = 0x06054b50, kCentral = 0x02014b50, kLocal = 0x04034b50;
    if (zip.size() < 22) throw Error(SourcePos{}, "EPUB container: archive too short", "epub-zip");
    std::size_t end = zip.size() - 22;  // no archive comment is written
    if (read_u32(zip, end) != kEnd) throw Error(SourcePos{}, "EPUB container: no end record", "epub-zip");
    const std::size_t count = read_u16(zip, end + 10);
    std::size_t at = read_u32(zip, end + 16);
    for (std::size_t i = 0; i < count; ++i) {
        if (at + 46 > zip.size() || read_u32(zip, at) != kCentral)
            throw Error(SourcePos{}, "EPUB container: bad central directory", "epub-zip");
        write_u16(zip, at + 12, when.time);
        write_u16(zip, at + 14, when.date);
        const std::size_t local = read_u32(zip, at + 42);
        if (local + 30 > zip.size() || read_u32(zip, local) != kLocal)
            throw Error(SourcePos{}, "EPUB container: bad local header", "epub-zip");
        write_u16(zip, local + 10, when.time);
        write_u16(zip, local + 12, when.date);
        at += 46 + read_u16(zip, at + 28) + read_u16(zip, at + 30) + read_u16(zip, at + 32);
    }
}

// The compressed entries deflated (an entry stored is left empty): taken from
// `kept` when it has the same bytes deflated, else deflated on `threads` threads
// and kept there. booklet deflates rather than libzip: libdeflate at the PDF's
// level makes smaller entries than zlib at 9 in half the time (bench/README.md).
std::vector<std::string> deflate_entries(const std::vector<ZipEntry>& entries, int threads, KeptBytes* kept) {
    std::vector<std::string> out(entries.size());
    std::vector<Sha256Digest> keys(kept ? entries.size() : 0);
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (!entries[i].compress) continue;
        if (kept) {
            keys[i] = kept_key("deflate raw", entries[i].data);
            if (const std::string* deflated = kept->find(keys[i])) {
                out[i] = *deflated;
                continue;
            }
        }
        todo.push_back(i);
    }
    for_each_index(todo.size(), threads, [&](std::size_t k) { out[todo[k]] = deflate_raw(entries[todo[k]].data); });
    if (kept)
        for (const std::size_t i : todo) kept->keep(keys[i], out[i]);
    return out;
}

// A libzip source of an entry deflated already: its stat says so (method, sizes,
// CRC), and libzip then copies the bytes into the archive instead of compressing.
struct DeflatedSource {
    std::string_view deflated;
    zip_uint64_t size = 0;  // of the entry's data
    zip_uint32_t crc = 0;
    std::size_t at = 0;     // read so far
    zip_error_t error{};
};

zip_int64_t read_deflated(void* state, void* data, zip_uint64_t length, zip_source_cmd_t command) {
    auto* s = static_cast<DeflatedSource*>(state);
    switch (command) {
    case ZIP_SOURCE_OPEN:
        s->at = 0;
        return 0;
    case ZIP_SOURCE_READ: {
        const std::size_t n = std::min<std::size_t>(length, s->deflated.size() - s->at);
        std::memcpy(data, s->deflated.data() + s->at, n);
        s->at += n;
        return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
        return 0;
    case ZIP_SOURCE_STAT: {
        if (length < sizeof(zip_stat_t)) {
            zip_error_set(&s->error, ZIP_ER_INVAL, 0);
            return -1;
        }
        auto* st = static_cast<zip_stat_t*>(data);
        st->valid |= ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
        st->size = s->size;
        st->comp_size = s->deflated.size();
        st->comp_method = ZIP_CM_DEFLATE;
        st->crc = s->crc;
        return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&s->error, data, length);
    case ZIP_SOURCE_FREE:
        zip_error_fini(&s->error);
        delete s;
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                              ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
        zip_error_set(&s->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

// The source of one entry: its deflated bytes when it is compressed, its data as
// it is when stored. Both must outlive the archive.
zip_source_t* entry_source(zip_t* archive, const ZipEntry& entry, const std::string& deflated) {
    if (!entry.compress) return zip_source_buffer(archive, entry.data.data(), entry.data.size(), 0);
    auto* state = new DeflatedSource{deflated, entry.data.size(), crc32(entry.data)};
    zip_source_t* source = zip_source_function(archive, read_deflated, state);
    if (!source) delete state;
    return source;
}

}  // namespace

std::string build_zip(const std::vector<ZipEntry>& entries, std::int64_t modified, int threads, KeptBytes* kept) {
    const DosTime when = dos_time(modified);
    const std::vector<std::string> deflated = deflate_entries(entries, threads, kept);
    zip_error_t error;
    zip_error_init(&error);
    SourcePtr memory(zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!memory) zip_failure("cannot create buffer", &error);
    zip_source_keep(memory.get());  // outlives the archive: we read the result from it
    ArchivePtr archive(zip_open_from_source(memory.get(), ZIP_TRUNCATE, &error));
    if (!archive) {
        zip_source_free(memory.get());  // drop the reference zip_open_from_source did not take
        zip_failure("cannot open archive", &error);
    }

    for (std::size_t e = 0; e < entries.size(); ++e) {
        const ZipEntry& entry = entries[e];
        zip_source_t* data = entry_source(archive.get(), entry, deflated[e]);
        if (!data) zip_failure("cannot add " + entry.name, zip_get_error(archive.get()));
        const zip_int64_t index = zip_file_add(archive.get(), entry.name.c_str(), data, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(data);
            zip_failure("cannot add " + entry.name, zip_get_error(archive.get()));
        }
        const auto i = static_cast<zip_uint64_t>(index);
        // A compressed entry's source is deflated already: libzip copies it.
        if (zip_set_file_compression(archive.get(), i, entry.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) != 0 ||
            zip_file_set_dostime(archive.get(), i, when.time, when.date, 0) != 0 ||
            zip_file_set_external_attributes(archive.get(), i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) != 0)
            zip_failure("cannot set attributes of " + entry.name, zip_get_error(archive.get()));
    }
    if (zip_close(archive.get()) != 0) zip_failure("cannot write archive", zip_get_error(archive.get()));
    (void)archive.release();  // zip_close freed it

    if (zip_source_open(memory.get()) != 0) zip_failure("cannot read archive", zip_source_error(memory.get()));
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_stat(memory.get(), &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
        zip_source_close(memory.get());
        zip_failure("cannot size archive", zip_source_error(memory.get()));
    }
    std::string bytes(static_cast<std::size_t>(st.size), '\0');
    const zip_int64_t got = zip_source_read(memory.get(), bytes.data(), st.size);
    zip_source_close(memory.get());
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) zip_failure("cannot read archive", zip_source_error(memory.get()));
    force_dos_times(bytes, when);
    return bytes;
}

}  // namespace booklet::epub::detail
