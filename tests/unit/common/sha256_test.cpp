#include "booklet/sha256.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using booklet::Sha256;
using booklet::sha256;
using booklet::to_hex;

// The examples of FIPS 180-4's companion document (NIST, "SHA256.pdf", one and
// two blocks) and the long-message vector of FIPS 180-2 appendix B.3.
TEST_CASE("sha256: FIPS 180 test vectors") {
    CHECK(to_hex(sha256(std::string_view("abc"))) ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(to_hex(sha256(std::string_view(""))) ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(to_hex(sha256(std::string_view("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(to_hex(sha256(std::string_view("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                                         "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"))) ==
          "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    CHECK(to_hex(sha256(std::string(1'000'000, 'a'))) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256: padding at every length around a block's end") {
    // 55 bytes still fit the length in the same block, 56 need a second one; the
    // digests of "a" * n were taken from coreutils' sha256sum.
    CHECK(to_hex(sha256(std::string(55, 'a'))) ==
          "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    CHECK(to_hex(sha256(std::string(56, 'a'))) ==
          "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    CHECK(to_hex(sha256(std::string(64, 'a'))) ==
          "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("sha256: the CPU's SHA instructions and the portable code agree") {
    // Both codes on every length up to five blocks and on the FIPS vectors; on a
    // CPU without SHA extensions both are the portable code and this says so.
    INFO("SHA instructions used: " << booklet::sha256_uses_cpu_instructions());
    std::string bytes;
    for (std::size_t n = 0; n <= 320; ++n) {
        Sha256 best(Sha256::Code::best), portable(Sha256::Code::portable);
        best.update(bytes);
        portable.update(bytes);
        REQUIRE(best.finish() == portable.finish());
        bytes += static_cast<char>((n * 89 + 13) % 256);
    }
    Sha256 portable(Sha256::Code::portable);
    portable.update(std::string(1'000'000, 'a'));
    CHECK(to_hex(portable.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    Sha256 abc(Sha256::Code::portable);
    abc.update(std::string_view("abc"));
    CHECK(to_hex(abc.finish()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sha256: the same digest however the bytes are split") {
    std::vector<std::uint8_t> bytes(1000);
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>((i * 131 + 7) % 251);
    const auto whole = sha256(std::span<const std::uint8_t>(bytes));
    for (const std::size_t piece : {1u, 3u, 63u, 64u, 65u, 200u, 999u}) {
        Sha256 h;
        for (std::size_t at = 0; at < bytes.size(); at += piece)
            h.update(std::span(bytes).subspan(at, std::min(piece, bytes.size() - at)));
        CHECK(h.finish() == whole);
    }
    bytes[500] ^= 1;  // one bit changes the digest
    CHECK(sha256(std::span<const std::uint8_t>(bytes)) != whole);
}
