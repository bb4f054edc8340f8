#include "booklet/kept_bytes_pack.hpp"

#include "booklet/payload.hpp"

#include <algorithm>
#include <unordered_set>

namespace booklet::image {

namespace {

// The pack's layout: a tag and version, the count of entries, then each entry's
// 32-byte key and its bytes (PayloadWriter::bytes: length, then the bytes).
constexpr std::string_view kPackTag = "kept bytes 1";

}  // namespace

std::optional<std::vector<KeptBytesPack::Entry>> KeptBytesPack::read_pack(std::string_view payload) {
    PayloadReader in(payload);
    in.require(in.bytes() == kPackTag);
    const std::uint64_t count = in.u64();
    // Each entry takes at least its key with the key's length and its bytes'
    // length: a count that cannot fit in what is left is refused before anything
    // is reserved for it.
    constexpr std::size_t kSmallest = 8 + sizeof(Sha256Digest) + 8;
    in.require(count <= in.left() / kSmallest);
    if (!in.ok()) return std::nullopt;
    std::vector<Entry> entries;
    entries.reserve(static_cast<std::size_t>(count));
    std::unordered_set<Sha256Digest, KeptBytes::DigestHash> keys;
    for (std::uint64_t i = 0; i < count && in.ok(); ++i) {
        Entry entry;
        const std::string_view key = in.bytes();
        in.require(key.size() == entry.first.size());
        if (!in.ok()) break;
        std::copy(key.begin(), key.end(), reinterpret_cast<char*>(entry.first.data()));
        entry.second = in.bytes();
        in.require(keys.insert(entry.first).second);
        entries.push_back(entry);
    }
    if (!in.finished()) return std::nullopt;
    return entries;
}

std::string KeptBytesPack::write_pack(std::vector<Entry> entries) {
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.first < b.first; });
    PayloadWriter out;
    out.bytes(kPackTag);
    out.u64(entries.size());
    for (const auto& [key, bytes] : entries) {
        out.bytes(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
        out.bytes(bytes);
    }
    return out.take();
}

KeptBytesPack::KeptBytesPack(PictureCache& cache, const CacheKey& key) : cache_(cache), key_(key) {
    const auto payload = cache_.get_mapped(key_, PictureCache::Counted::no);
    if (!payload) return;
    const auto entries = read_pack(payload->view());
    if (!entries) return;
    for (const auto& [digest, bytes] : *entries) bytes_.keep(digest, std::string(bytes));
    // Kept here is not used yet: the build marks what it finds.
    bytes_.next_build();
    read_ = entries->size();
}

KeptBytesPack::Counts KeptBytesPack::counts() const {
    // A build only adds entries (KeptValues::keep of bytes it made), so those past
    // the pack's count are its own, and every other used one was found.
    const auto& entries = bytes_.entries();
    const auto used = static_cast<std::size_t>(
        std::count_if(entries.begin(), entries.end(), [](const auto& entry) { return entry.second.used; }));
    const std::size_t made = entries.size() - read_;
    return {used - made, made};
}

KeptBytesPack::Counts KeptBytesPack::save() {
    const Counts now = counts();
    if (now.made == 0 && now.found == read_) return now;
    std::vector<Entry> used;
    for (const auto& [digest, entry] : bytes_.entries())
        if (entry.used) used.emplace_back(digest, entry.value);
    cache_.put(key_, write_pack(std::move(used)), PictureCache::Counted::no);
    return now;
}

}  // namespace booklet::image
