// The pack of deflated streams kept in the cache folder between builds: read whole
// or not at all, written with what the build used and made, and only when that
// changed.
#include "booklet/kept_bytes_pack.hpp"

#include <catch2/catch.hpp>

#include "scratch.hpp"

#include <filesystem>
#include <fstream>

using namespace booklet;
using image::KeptBytesPack;
namespace fs = std::filesystem;

namespace {

fs::path folder_for(const std::string& name) { return test::fresh_scratch_folder("kept-bytes-pack", name); }

const image::CacheKey kPackKey = image::CacheKeyBuilder("test pack", Sha256Digest{}).text("title", "A book").finish();

// What a writer keeps: `made` under the key of the bytes it was made from.
Sha256Digest key_of(std::string_view from) { return kept_key("flate", from); }

}  // namespace

TEST_CASE("kept bytes pack: the same entries write the same bytes, in any order, and read back") {
    const std::vector<KeptBytesPack::Entry> entries = {
        {key_of("a"), "deflated a"}, {key_of("b"), ""}, {key_of("c"), std::string_view("\0\x01\xff", 3)}};
    const std::string payload = KeptBytesPack::write_pack(entries);
    CHECK(KeptBytesPack::write_pack({entries[2], entries[0], entries[1]}) == payload);
    const auto read = KeptBytesPack::read_pack(payload);
    REQUIRE(read);
    REQUIRE(read->size() == 3);
    for (const auto& entry : entries) CHECK(std::find(read->begin(), read->end(), entry) != read->end());
    // The pack of nothing is a pack.
    const auto empty = KeptBytesPack::read_pack(KeptBytesPack::write_pack({}));
    REQUIRE(empty);
    CHECK(empty->empty());
}

TEST_CASE("kept bytes pack: bytes that are not a whole pack are refused") {
    const std::string payload = KeptBytesPack::write_pack({{key_of("a"), "one"}, {key_of("b"), "two"}});
    for (std::size_t cut = 0; cut < payload.size(); ++cut) {
        INFO(cut);
        CHECK_FALSE(KeptBytesPack::read_pack(payload.substr(0, cut)));
    }
    CHECK_FALSE(KeptBytesPack::read_pack(payload + '\0'));
    // Another tag (a pack of another format).
    std::string other = payload;
    other[8] ^= 1;
    CHECK_FALSE(KeptBytesPack::read_pack(other));
    // A key twice: not a pack this writer makes.
    const std::string twice = KeptBytesPack::write_pack({{key_of("a"), "one"}, {key_of("a"), "two"}});
    CHECK_FALSE(KeptBytesPack::read_pack(twice));
    // A count of more entries than the bytes could hold is refused before anything is made for it.
    std::string counted = payload;
    const std::size_t count_at = 8 + std::string_view("kept bytes 1").size();
    counted[count_at + 6] = '\x7f';
    CHECK_FALSE(KeptBytesPack::read_pack(counted));
}

TEST_CASE("kept bytes pack: the next build finds what this one kept; the pack holds what the last build used") {
    const fs::path folder = folder_for("builds");
    image::PictureCache cache(folder);
    {
        KeptBytesPack first(cache, kPackKey);
        CHECK(first.bytes().size() == 0);
        first.bytes().keep(key_of("page 1"), "deflated 1");
        first.bytes().keep(key_of("page 2"), "deflated 2");
        CHECK(first.counts() == KeptBytesPack::Counts{0, 2});
        CHECK(first.save() == KeptBytesPack::Counts{0, 2});
    }
    const fs::path entry = cache.entry_path(kPackKey);
    REQUIRE(fs::exists(entry));
    {
        KeptBytesPack second(cache, kPackKey);
        CHECK(second.counts() == KeptBytesPack::Counts{0, 0});
        const std::string* found = second.bytes().find(key_of("page 1"));
        REQUIRE(found);
        CHECK(*found == "deflated 1");
        CHECK_FALSE(second.bytes().find(key_of("page 3")));
        second.bytes().keep(key_of("page 3"), "deflated 3");
        CHECK(second.counts() == KeptBytesPack::Counts{1, 1});
        CHECK(second.save() == KeptBytesPack::Counts{1, 1});  // page 2 was not used: dropped
    }
    {
        KeptBytesPack third(cache, kPackKey);
        CHECK(third.bytes().find(key_of("page 1")));
        CHECK(third.bytes().find(key_of("page 3")));
        CHECK_FALSE(third.bytes().find(key_of("page 2")));
        CHECK(third.counts() == KeptBytesPack::Counts{2, 0});
        // Everything found, nothing made: the entry is left as it is (a hard link to
        // it shows whether another file was renamed into its place).
        const fs::path link = folder / "link";
        fs::create_hard_link(entry, link);
        third.save();
        CHECK(fs::hard_link_count(entry) == 2);
        fs::remove(link);
    }
    {
        // Another book's pack is another entry.
        KeptBytesPack other(cache, image::CacheKeyBuilder("test pack", Sha256Digest{}).text("title", "B").finish());
        CHECK_FALSE(other.bytes().find(key_of("page 1")));
    }
}

TEST_CASE("kept bytes pack: a damaged entry is no pack, and the next save replaces it") {
    const fs::path folder = folder_for("damaged");
    image::PictureCache cache(folder);
    {
        KeptBytesPack first(cache, kPackKey);
        first.bytes().keep(key_of("page 1"), "deflated 1");
        first.save();
    }
    const fs::path entry = cache.entry_path(kPackKey);
    // One byte of the entry's payload flipped, in place.
    {
        std::fstream file(entry, std::ios::binary | std::ios::in | std::ios::out);
        file.seekg(-3, std::ios::end);
        const char byte = static_cast<char>(file.get() ^ 0x10);
        file.seekp(-3, std::ios::end);
        file.put(byte);
    }
    {
        KeptBytesPack second(cache, kPackKey);
        CHECK_FALSE(second.bytes().find(key_of("page 1")));
        second.bytes().keep(key_of("page 1"), "deflated 1");
        CHECK(second.counts() == KeptBytesPack::Counts{0, 1});
        second.save();
    }
    KeptBytesPack third(cache, kPackKey);
    const std::string* found = third.bytes().find(key_of("page 1"));
    REQUIRE(found);
    CHECK(*found == "deflated 1");
}
