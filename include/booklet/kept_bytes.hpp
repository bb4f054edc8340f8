// What a session that writes the same files again and again (`booklet watch`)
// keeps between its builds of bytes that are costly to make and a function of
// their input alone: the PDF's deflated page streams, the EPUB's deflated entries.
// Each is kept under the SHA-256 of what it was made from; bytes made from the
// same input are taken from here rather than made again, and the file is the same
// byte for byte either way. At most one build's bytes are kept.
//
// Not thread-safe: a writer looks up and keeps on one thread.
#pragma once

#include "booklet/sha256.hpp"

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>

namespace booklet {

class KeptBytes {
public:
    // The key of the bytes `how` makes from `input` (a name of the making, such as
    // "flate", then the input): the one way the writers key what they keep.
    static Sha256Digest key_for(std::string_view how, std::string_view input);
    // The bytes made from what `key` names, marked used by this build; nullptr if none.
    const std::string* find(const Sha256Digest& key);
    void keep(const Sha256Digest& key, std::string bytes);

    // Called as a build starts: drops what the build before did not use.
    void next_build();
    std::size_t size() const { return entries_.size(); }

    struct Entry {
        std::string bytes;
        bool used = false;
    };
    struct DigestHash {
        std::size_t operator()(const Sha256Digest& d) const {
            std::size_t h = 0;
            std::memcpy(&h, d.data(), sizeof h);  // a SHA-256 is evenly spread already
            return h;
        }
    };
    using Entries = std::unordered_map<Sha256Digest, Entry, DigestHash>;
    Entries& entries() { return entries_; }  // for tests that tamper with what is kept

private:
    Entries entries_;
};

}  // namespace booklet
