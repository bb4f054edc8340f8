// The picture cache: keys that differ whenever an input differs, entries that come
// back whole or not at all, a damaged or unwritable folder that is never an error,
// pruning of the least recently used, and two threads at once.
#include "booklet/image.hpp"
#include "booklet/picture_cache.hpp"

#include <catch2/catch.hpp>

#include <optional>

#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <thread>
#include <unistd.h>

using namespace booklet;
using image::CacheKey;
using image::CacheKeyBuilder;
using image::PictureCache;
namespace fs = std::filesystem;

namespace {

// A fresh folder of its own for each test case, removed afterwards.
struct TempFolder {
    fs::path path;
    explicit TempFolder(const std::string& name)
        : path(fs::temp_directory_path() / ("booklet-picture-cache-" + name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(path);
    }
    ~TempFolder() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

CacheKey key_for(std::string_view source, int setting = 1) {
    return CacheKeyBuilder("test", sha256(source)).integer("setting", setting).finish();
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

pages::Raster sample_raster() {
    pages::Raster r;
    r.width = 3;
    r.height = 2;
    r.channels = 3;
    for (int i = 0; i < 18; ++i) r.pixels.push_back(static_cast<std::uint8_t>(i * 13));
    r.alpha = {0, 50, 100, 150, 200, 255};
    r.dpi_x = 300;
    r.dpi_y = 150.5;
    r.lossy_source = true;
    r.compression = pages::RasterCompression::palette;
    r.jpeg_quality = 72;
    return r;
}

}  // namespace

TEST_CASE("picture cache keys: every input counts, and fields cannot run together") {
    const CacheKey base = key_for("picture bytes");
    CHECK(key_for("picture bytes") == base);
    CHECK(key_for("picture bytez") != base);
    CHECK(key_for("picture bytes", 2) != base);
    CHECK(CacheKeyBuilder("other", sha256(std::string_view("picture bytes"))).integer("setting", 1).finish() != base);
    CHECK(CacheKeyBuilder("test", sha256(std::string_view("picture bytes"))).integer("settinh", 1).finish() != base);
    // The same bytes under another type or split differently are other keys.
    const auto source = sha256(std::string_view("x"));
    CHECK(CacheKeyBuilder("p", source).integer("a", 1).finish() != CacheKeyBuilder("p", source).flag("a", true).finish());
    CHECK(CacheKeyBuilder("p", source).real("a", 0.5).finish() !=
          CacheKeyBuilder("p", source).real("a", 0.5000000000000001).finish());
    CHECK(CacheKeyBuilder("p", source).integer("ab", 1).finish() != CacheKeyBuilder("pa", source).integer("b", 1).finish());
    // Texts: each by its length, so that two fields cannot pass for one.
    CHECK(CacheKeyBuilder("p", source).text("a", "xy").text("b", "z").finish() ==
          CacheKeyBuilder("p", source).text("a", "xy").text("b", "z").finish());
    CHECK(CacheKeyBuilder("p", source).text("a", "xy").text("b", "z").finish() !=
          CacheKeyBuilder("p", source).text("a", "x").text("b", "yz").finish());
    CHECK(CacheKeyBuilder("p", source).text("a", "1").finish() != CacheKeyBuilder("p", source).flag("a", true).finish());
    // The program's part names the code digest and the libraries it runs with.
    const std::string identity = image::cache_code_identity();
    CHECK(identity.find("code ") == 0);
    CHECK(identity.find("libpng ") != std::string::npos);
    CHECK(identity.find("zlib ") != std::string::npos);
}

TEST_CASE("picture cache: what is put comes back; another key finds nothing") {
    TempFolder dir("roundtrip");
    PictureCache cache(dir.path);
    CHECK_FALSE(cache.get(key_for("a")));  // no folder yet: a miss, no error
    const std::string payload = std::string("binary\0bytes\xff", 13) + std::string(100000, 'x');
    cache.put(key_for("a"), payload);
    CHECK(cache.get(key_for("a")) == payload);
    CHECK_FALSE(cache.get(key_for("a", 2)));
    CHECK(fs::exists(cache.entry_path(key_for("a"))));
    CHECK(cache.entry_path(key_for("a")).parent_path().parent_path() == dir.path);
    cache.put(key_for("empty"), "");
    CHECK(cache.get(key_for("empty")) == std::string());
    // Read in place, the same bytes.
    const auto mapped = cache.get_mapped(key_for("a"));
    REQUIRE(mapped);
    CHECK(mapped->view() == payload);
    CHECK(cache.get_mapped(key_for("empty"))->view().empty());
    CHECK_FALSE(cache.get_mapped(key_for("a", 2)));
    const auto counts = cache.counts();
    CHECK(counts.hits == 4);
    CHECK(counts.misses == 3);
    CHECK(counts.writes == 2);
    CHECK_FALSE(cache.take_problem());
    // No temporary file is left beside the entry.
    std::size_t files = 0;
    for (const auto& f : fs::recursive_directory_iterator(dir.path)) files += f.is_regular_file() ? 1 : 0;
    CHECK(files == 2);
}

TEST_CASE("picture cache: a damaged entry is never used, and putting again repairs it") {
    TempFolder dir("damaged");
    PictureCache cache(dir.path);
    const CacheKey key = key_for("picture");
    const std::string payload(5000, 'p');
    cache.put(key, payload);
    const fs::path file = cache.entry_path(key);
    const std::string whole = slurp(file);

    const auto damaged_is_missed = [&](const std::string& bytes) {
        spit(file, bytes);
        const bool missed = !cache.get(key).has_value() && !cache.get_mapped(key).has_value();
        cache.put(key, payload);  // what a caller does after a miss
        return missed && cache.get(key) == payload && cache.get_mapped(key)->view() == payload;
    };
    std::string flipped = whole;
    flipped[whole.size() - 10] ^= 0x01;  // one bit of the payload
    CHECK(damaged_is_missed(flipped));
    CHECK(damaged_is_missed(whole.substr(0, whole.size() - 1)));  // truncated
    CHECK(damaged_is_missed(whole.substr(0, 40)));                // inside the header
    CHECK(damaged_is_missed(""));
    CHECK(damaged_is_missed(whole + "tail"));
    std::string magic = whole;
    magic[0] = 'X';
    CHECK(damaged_is_missed(magic));
    // An entry whole in itself but under another key's name is not that key's.
    cache.put(key_for("other"), payload);
    fs::copy_file(cache.entry_path(key_for("other")), file, fs::copy_options::overwrite_existing);
    CHECK_FALSE(cache.get(key));
    CHECK_FALSE(cache.get_mapped(key));
    // A folder where the entry should be is a miss too.
    fs::remove(file);
    fs::create_directory(file);
    CHECK_FALSE(cache.get(key));
    CHECK_FALSE(cache.get_mapped(key));
}

TEST_CASE("picture cache: a payload read in place stays whole while its entry is replaced and removed") {
    TempFolder dir("mapped");
    PictureCache cache(dir.path);
    const CacheKey key = key_for("pack");
    const std::string first(300000, 'a'), second(200000, 'b');
    cache.put(key, first);
    std::optional<booklet::image::MappedPayload> mapped = cache.get_mapped(key);
    REQUIRE(mapped);
    cache.put(key, second);  // as the next build's pack takes its place
    CHECK(mapped->view() == first);
    CHECK(cache.get_mapped(key)->view() == second);
    fs::remove(cache.entry_path(key));  // as pruning removes it
    CHECK(mapped->view() == first);
    booklet::image::MappedPayload moved = std::move(*mapped);
    mapped.reset();
    CHECK(moved.view() == first);
}

TEST_CASE("picture cache: a folder that cannot be written is one problem, not an error") {
    TempFolder dir("unwritable");
    fs::create_directories(dir.path);
    spit(dir.path / "file", "a file, not a folder");
    PictureCache cache(dir.path / "file" / "cache");
    cache.put(key_for("a"), "payload");
    CHECK_FALSE(cache.get(key_for("a")));
    const auto problem = cache.take_problem();
    REQUIRE(problem);
    CHECK(problem->find("cannot create") != std::string::npos);
    cache.put(key_for("b"), "payload");
    CHECK_FALSE(cache.take_problem());  // reported once
    CHECK(cache.counts().writes == 0);
    CHECK(cache.prune().entries == 0);
}

TEST_CASE("picture cache: pruning removes the least recently used down to 90 % of the limit") {
    TempFolder dir("prune");
    const std::string payload(1000, 'q');
    PictureCache cache(dir.path, 10'000);  // room for nine entries of about 1,100 bytes
    const auto now = fs::file_time_type::clock::now();
    for (int i = 0; i < 12; ++i) {
        cache.put(key_for("entry", i), payload);
        fs::last_write_time(cache.entry_path(key_for("entry", i)), now - std::chrono::hours(100 - i));
    }
    // Entry 0 is the oldest written, but read now: it stays.
    REQUIRE(cache.get(key_for("entry", 0)) == payload);
    // A temporary file a killed build left long ago goes; one being written now stays.
    const fs::path sub = cache.entry_path(key_for("entry", 0)).parent_path();
    const fs::path stale = sub / ".x.bin.booklet-tmp-0123456789abcdef";
    const fs::path fresh = sub / ".y.bin.booklet-tmp-fedcba9876543210";
    spit(stale, "old");
    spit(fresh, "new");
    fs::last_write_time(stale, now - std::chrono::hours(2));
    spit(dir.path / "unrelated.txt", std::string(50000, 'u'));  // not an entry: neither counted nor removed

    const PictureCache::PruneResult result = cache.prune();
    CHECK(result.entries == 12);
    CHECK(result.removed == 4);
    CHECK(result.bytes <= 9000);
    CHECK(cache.get(key_for("entry", 0)));
    for (int i = 1; i <= 4; ++i) CHECK_FALSE(cache.get(key_for("entry", i)));
    for (int i = 5; i < 12; ++i) CHECK(cache.get(key_for("entry", i)));
    CHECK_FALSE(fs::exists(stale));
    CHECK(fs::exists(fresh));
    CHECK(fs::exists(dir.path / "unrelated.txt"));
    CHECK(cache.prune().entries == 0);  // nothing written since: no scan
}

TEST_CASE("picture cache: two threads putting and getting the same and different keys") {
    TempFolder dir("threads");
    PictureCache cache(dir.path);
    // Each payload says which key it belongs to, so a torn or mixed-up read shows.
    const auto payload_of = [](int k) { return std::string(20000 + 37 * k, static_cast<char>('a' + k % 26)); };
    std::atomic<int> wrong{0};
    const auto worker = [&](int first) {
        for (int round = 0; round < 200; ++round) {
            const int shared = round % 5;                 // both threads use these keys
            const int own = 100 + first * 1000 + round;   // only this thread uses these
            for (const int k : {shared, own}) {
                if (auto got = cache.get(key_for("t", k)); got && *got != payload_of(k)) ++wrong;
                cache.put(key_for("t", k), payload_of(k));
                if (cache.get(key_for("t", k)) != payload_of(k)) ++wrong;
            }
        }
    };
    std::thread a(worker, 0), b(worker, 1);
    a.join();
    b.join();
    CHECK(wrong.load() == 0);
    CHECK_FALSE(cache.take_problem());
    for (int k = 0; k < 5; ++k) CHECK(cache.get(key_for("t", k)) == payload_of(k));
}

TEST_CASE("raster payload: every field comes back; anything else is refused") {
    const pages::Raster r = sample_raster();
    const std::string payload = image::raster_payload(r);
    const auto back = image::raster_from_payload(payload);
    REQUIRE(back);
    CHECK(back->width == r.width);
    CHECK(back->height == r.height);
    CHECK(back->channels == r.channels);
    CHECK(back->pixels == r.pixels);
    CHECK(back->alpha == r.alpha);
    CHECK(back->dpi_x == r.dpi_x);
    CHECK(back->dpi_y == r.dpi_y);
    CHECK(back->lossy_source == r.lossy_source);
    CHECK(back->compression == r.compression);
    CHECK(back->jpeg_quality == r.jpeg_quality);
    CHECK(image::raster_payload(*back) == payload);

    CHECK_FALSE(image::raster_from_payload(payload.substr(0, payload.size() - 1)));
    CHECK_FALSE(image::raster_from_payload(payload + "x"));
    CHECK_FALSE(image::raster_from_payload(""));
    pages::Raster wrong = r;
    wrong.width = 4;  // no longer width * height * channels pixel bytes
    CHECK_FALSE(image::raster_from_payload(image::raster_payload(wrong)));
}

TEST_CASE("raster payload: an encoded raster comes back encoded; one with samples beside them is refused") {
    pages::Raster r = sample_raster();
    r.compression = pages::RasterCompression::lossless;
    const pages::EncodedSamples samples = image::encode_samples(r);
    REQUIRE_FALSE(samples.alpha.empty());  // the sample raster is translucent in places
    pages::Raster encoded = r;
    encoded.pixels.clear();
    encoded.alpha.clear();
    encoded.encoded = samples;
    const std::string payload = image::raster_payload(encoded);
    const auto back = image::raster_from_payload(payload);
    REQUIRE(back);
    CHECK(back->encoded == encoded.encoded);
    CHECK(back->pixels.empty());
    CHECK(back->width == r.width);
    CHECK(back->compression == r.compression);
    CHECK(image::raster_payload(*back) == payload);
    CHECK_FALSE(image::raster_from_payload(payload.substr(0, payload.size() - 1)));

    pages::Raster both = r;  // pixels and encoded samples: not a raster any reader makes
    both.encoded = samples;
    CHECK_FALSE(image::raster_from_payload(image::raster_payload(both)));
    pages::Raster empty = encoded;
    empty.encoded->colour.clear();
    CHECK_FALSE(image::raster_from_payload(image::raster_payload(empty)));
    pages::Raster huge = encoded;  // no samples to bound the size: kMaxDimension does
    huge.width = image::kMaxDimension + 1;
    CHECK_FALSE(image::raster_from_payload(image::raster_payload(huge)));

    // The fuzz harness's seeds are payloads the reader takes, one of each kind.
    const fs::path seeds = fs::path(BOOKLET_TEST_DATA) / ".." / "fuzz" / "image" / "payloads";
    for (const auto& [seed, is_encoded] : {std::pair{"samples.bin", false}, std::pair{"encoded.bin", true}}) {
        std::ifstream in(seeds / seed, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto seeded = image::raster_from_payload(bytes);
        REQUIRE(seeded);
        CHECK(seeded->encoded.has_value() == is_encoded);
    }
}
