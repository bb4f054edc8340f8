// The picture cache's folder: entry files written whole or not at all, checked
// when read, and pruned to a size. See include/booklet/picture_cache.hpp.
#include "booklet/picture_cache.hpp"

#include "booklet/atomic_file.hpp"
#include "booklet/digest128.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <utility>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace booklet::image {

namespace fs = std::filesystem;

namespace {

// The entry header: magic, format, the key, the payload's length and its checksum.
// The checksum finds damage (a disk's, a write cut short), nothing a hostile hand
// made: one who can write the folder can write a right checksum of any kind. So
// it is XXH3-128 (booklet/digest128.hpp), not SHA-256: a build reads every entry
// it uses and checked the English corpus's 8 MB of set paragraphs in 3.5 ms with
// SHA-256, in 0.3 ms with XXH3.
constexpr std::string_view kMagic = "bkltpic\n";
constexpr std::size_t kChecksumSize = sizeof(Digest128);
constexpr std::size_t kHeaderSize = 8 + 4 + 32 + 8 + kChecksumSize;

// A temporary file older than this was left by a build that was killed; a younger
// one may be another build's entry being written.
constexpr auto kStaleTemporary = std::chrono::hours(1);

class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    FileDescriptor(FileDescriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    FileDescriptor& operator=(FileDescriptor&&) = delete;
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }
    // Closes now, for a writer that must know the close succeeded.
    bool close() {
        const int fd = std::exchange(fd_, -1);
        return ::close(fd) == 0;
    }

private:
    int fd_;
};

bool read_fully(int fd, char* into, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::read(fd, into, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        into += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

bool write_fully(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

std::string header_for(const CacheKey& key, std::uint64_t payload_size, const Digest128& checksum) {
    PayloadWriter w;
    std::string header(kMagic);
    w.i32(static_cast<std::int32_t>(kCacheFormat));
    header += w.take();
    header.append(reinterpret_cast<const char*>(key.digest.data()), key.digest.size());
    PayloadWriter length;
    length.u64(payload_size);
    header += length.take();
    header.append(reinterpret_cast<const char*>(checksum.data()), checksum.size());
    return header;
}

// Whether a header read from a file of `file_size` bytes belongs to `key` and says
// how long the rest is; the payload's checksum is checked once it is read.
bool header_matches(std::string_view header, const CacheKey& key, std::uintmax_t file_size) {
    PayloadReader in(header.substr(kMagic.size()));
    const std::int32_t format = in.i32();
    const std::string_view stored_key = header.substr(kMagic.size() + 4, 32);
    const auto* k = reinterpret_cast<const char*>(key.digest.data());
    PayloadReader length(header.substr(kMagic.size() + 4 + 32, 8));
    return header.substr(0, kMagic.size()) == kMagic && format == static_cast<std::int32_t>(kCacheFormat) &&
           stored_key == std::string_view(k, key.digest.size()) && length.u64() == file_size - kHeaderSize;
}

// An entry's file opened, with its size, when it is a regular file of a size an
// entry may have.
std::optional<std::pair<FileDescriptor, std::uintmax_t>> open_entry(const fs::path& file) {
    FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return std::nullopt;
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    const auto size = static_cast<std::uintmax_t>(st.st_size);
    if (size < kHeaderSize || size - kHeaderSize > PictureCache::kMaxPayload) return std::nullopt;
    return std::pair<FileDescriptor, std::uintmax_t>(std::move(fd), size);
}

// Whether `header` is `key`'s for a file of `size` bytes and `payload` its checksum's.
bool entry_matches(std::string_view header, std::string_view payload, const CacheKey& key, std::uintmax_t size) {
    if (!header_matches(header, key, size)) return false;
    const Digest128 checksum = digest128(payload.data(), payload.size());
    return header.substr(kHeaderSize - kChecksumSize) ==
           std::string_view(reinterpret_cast<const char*>(checksum.data()), kChecksumSize);
}

std::optional<std::string> read_entry(const fs::path& file, const CacheKey& key) {
    auto opened = open_entry(file);
    if (!opened) return std::nullopt;
    const auto& [fd, size] = *opened;
    std::string header(kHeaderSize, '\0');
    if (!read_fully(fd.get(), header.data(), header.size())) return std::nullopt;
    std::string payload(static_cast<std::size_t>(size - kHeaderSize), '\0');
    if (!read_fully(fd.get(), payload.data(), payload.size()) || !entry_matches(header, payload, key, size))
        return std::nullopt;
    ::futimens(fd.get(), nullptr);  // used now: pruning takes the least recently used first
    return payload;
}

// The hidden temporary name atomic_file.hpp uses, so that is_temporary_name knows it.
fs::path temporary_for(const fs::path& target) {
    std::random_device random;
    char suffix[17];
    std::snprintf(suffix, sizeof suffix, "%08x%08x", random(), random());
    return target.parent_path() / ("." + target.filename().string() + ".booklet-tmp-" + suffix);
}

// An empty optional when `temp` now holds the header and the payload `write` hands
// over in pieces (gathered into writes of about a MiB, the header written last, at
// the start, once the length and checksum are known), or is left as it was when the
// payload came to more than PictureCache::kMaxPayload (`too_big`); else what failed.
std::optional<std::string> write_temporary(const fs::path& temp, const CacheKey& key,
                                           const PictureCache::PayloadPieces& write, bool& too_big) {
    constexpr std::size_t kChunk = std::size_t{1} << 20;
    FileDescriptor fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (fd.get() < 0) return "cannot write in " + temp.parent_path().string() + ": " + std::strerror(errno);
    bool ok = ::lseek(fd.get(), static_cast<off_t>(kHeaderSize), SEEK_SET) >= 0;
    Digest128Stream checksum;
    std::uint64_t size = 0;
    std::string chunk;
    chunk.reserve(kChunk);
    write([&](std::string_view piece) {
        checksum.update(piece.data(), piece.size());
        size += piece.size();
        if (size > PictureCache::kMaxPayload) return;
        chunk.append(piece);
        if (chunk.size() >= kChunk) {
            ok = ok && write_fully(fd.get(), chunk);
            chunk.clear();
        }
    });
    too_big = size > PictureCache::kMaxPayload;
    if (too_big) return std::nullopt;
    ok = ok && write_fully(fd.get(), chunk) && ::lseek(fd.get(), 0, SEEK_SET) == 0 &&
         write_fully(fd.get(), header_for(key, size, checksum.finish()));
    // No fsync: a cache entry is not worth a disk flush; one a crash damaged fails
    // its check and is made again.
    if (!ok || !fd.close()) return "cannot write " + temp.string() + ": " + std::strerror(errno);
    return std::nullopt;
}

bool is_hex(std::string_view s) { return s.find_first_not_of("0123456789abcdef") == std::string_view::npos; }

// DIR/ab/ab….bin: 64 hex digits whose first two name the subfolder.
bool is_entry_name(std::string_view name, std::string_view subfolder) {
    return name.size() == 68 && name.substr(64) == ".bin" && is_hex(name.substr(0, 64)) &&
           name.substr(0, 2) == subfolder;
}

struct FoundEntry {
    fs::file_time_type used;
    fs::path path;
    std::uintmax_t size = 0;
    auto operator<=>(const FoundEntry&) const = default;  // least recently used first
};

// The entries in `folder`'s two-hex-digit subfolders; stale temporary files found
// on the way are removed. Nothing else is touched.
std::vector<FoundEntry> scan_entries(const fs::path& folder) {
    std::vector<FoundEntry> found;
    const auto now = fs::file_time_type::clock::now();
    std::error_code ec;
    for (fs::directory_iterator sub(folder, ec), end; !ec && sub != end; sub.increment(ec)) {
        const std::string sub_name = sub->path().filename().string();
        std::error_code kind;
        if (sub_name.size() != 2 || !is_hex(sub_name) || !sub->is_directory(kind) || sub->is_symlink(kind)) continue;
        std::error_code ec2;
        for (fs::directory_iterator it(sub->path(), ec2), end2; !ec2 && it != end2; it.increment(ec2)) {
            const std::string name = it->path().filename().string();
            std::error_code stat_ec;
            if (!it->is_regular_file(stat_ec) || it->is_symlink(stat_ec)) continue;
            const auto when = it->last_write_time(stat_ec);
            if (stat_ec) continue;
            if (is_entry_name(name, sub_name)) {
                const auto size = it->file_size(stat_ec);
                if (!stat_ec) found.push_back({when, it->path(), size});
            } else if (is_temporary_name(name) && now - when > kStaleTemporary) {
                fs::remove(it->path(), stat_ec);
            }
        }
    }
    return found;
}

}  // namespace

PictureCache::PictureCache(fs::path folder, std::uintmax_t limit) : folder_(std::move(folder)), limit_(limit) {}

fs::path PictureCache::entry_path(const CacheKey& key) const {
    const std::string hex = to_hex(key.digest);
    return folder_ / hex.substr(0, 2) / (hex + ".bin");
}

std::optional<std::string> PictureCache::get(const CacheKey& key, Counted counted) const {
    std::optional<std::string> payload = read_entry(entry_path(key), key);
    if (counted == Counted::yes) ++(payload ? hits_ : misses_);
    return payload;
}

MappedPayload::MappedPayload(MappedPayload&& other) noexcept
    : mapping_(std::exchange(other.mapping_, nullptr)), length_(std::exchange(other.length_, 0)),
      payload_(std::exchange(other.payload_, {})) {}

MappedPayload& MappedPayload::operator=(MappedPayload&& other) noexcept {
    if (this != &other) {
        if (mapping_) ::munmap(mapping_, length_);
        mapping_ = std::exchange(other.mapping_, nullptr);
        length_ = std::exchange(other.length_, 0);
        payload_ = std::exchange(other.payload_, {});
    }
    return *this;
}

MappedPayload::~MappedPayload() {
    if (mapping_) ::munmap(mapping_, length_);
}

std::optional<MappedPayload> PictureCache::get_mapped(const CacheKey& key, Counted counted) const {
    std::optional<MappedPayload> out;
    if (auto opened = open_entry(entry_path(key))) {
        const auto& [fd, size] = *opened;
        const auto length = static_cast<std::size_t>(size);
        // Read whole now (MAP_POPULATE): the checksum reads every byte at once anyway.
        void* mapping = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd.get(), 0);
        if (mapping != MAP_FAILED) {
            const std::string_view file(static_cast<const char*>(mapping), length);
            MappedPayload mapped(mapping, length, file.substr(kHeaderSize));
            if (entry_matches(file.substr(0, kHeaderSize), mapped.view(), key, size)) {
                ::futimens(fd.get(), nullptr);  // used now, as get() marks it
                out = std::move(mapped);
            }
        }
    }
    if (counted == Counted::yes) ++(out ? hits_ : misses_);
    return out;
}

bool PictureCache::put(const CacheKey& key, std::string_view payload, Counted counted) {
    if (payload.size() > kMaxPayload) return false;
    return put(key, [&](const auto& piece) { piece(payload); }, counted);
}

bool PictureCache::put(const CacheKey& key, const PayloadPieces& write, Counted counted) {
    if (!writable_.load()) return false;
    const fs::path target = entry_path(key);
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
        fail("cannot create " + target.parent_path().string() + ": " + ec.message());
        return false;
    }
    const fs::path temp = temporary_for(target);
    bool too_big = false;
    auto problem = write_temporary(temp, key, write, too_big);
    if (problem || too_big) {
        fs::remove(temp, ec);
        if (problem) fail(*problem);
        return false;
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        fs::remove(temp, ec);
        fail("cannot put " + target.string() + " in place: " + why);
        return false;
    }
    if (counted == Counted::yes) ++writes_;
    ++writes_since_prune_;
    return true;
}

PictureCache::PruneResult PictureCache::prune() {
    PruneResult result;
    if (writes_since_prune_.exchange(0) == 0) return result;
    std::vector<FoundEntry> entries = scan_entries(folder_);
    result.entries = entries.size();
    for (const auto& e : entries) result.bytes += e.size;
    if (result.bytes <= limit_) return result;
    std::sort(entries.begin(), entries.end());
    const std::uintmax_t goal = limit_ / 10 * 9;  // some room, so that the next build does not prune again
    for (const auto& e : entries) {
        if (result.bytes <= goal) break;
        std::error_code ec;
        if (!fs::remove(e.path, ec)) continue;
        result.bytes -= e.size;
        ++result.removed;
    }
    return result;
}

void PictureCache::fail(std::string problem) {
    writable_.store(false);
    std::lock_guard lock(problem_mutex_);
    if (!problem_) problem_ = std::move(problem);
}

std::optional<std::string> PictureCache::take_problem() {
    std::lock_guard lock(problem_mutex_);
    if (!problem_ || problem_taken_) return std::nullopt;
    problem_taken_ = true;
    return problem_;
}

PictureCache::Counts PictureCache::counts() const { return {hits_.load(), misses_.load(), writes_.load()}; }

}  // namespace booklet::image
