// The store behind pdf::KeptStreams (booklet/pdf.hpp): the streams a session's
// last build made, each under the SHA-256 of what it was made from.
#pragma once

#include "booklet/pdf.hpp"
#include "booklet/sha256.hpp"

#include <cstring>
#include <string>
#include <unordered_map>

namespace booklet::pdf {

struct KeptStreams::Store {
    // A stream's bytes as the writer made them, and whether this build used them.
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

    // The kept stream made from what `key` names, marked used; nullptr if none.
    const std::string* find(const Sha256Digest& key) {
        const auto it = entries.find(key);
        if (it == entries.end()) return nullptr;
        it->second.used = true;
        return &it->second.bytes;
    }
    void keep(const Sha256Digest& key, std::string bytes) {
        entries.insert_or_assign(key, Entry{std::move(bytes), true});
    }

    std::unordered_map<Sha256Digest, Entry, DigestHash> entries;
};

}  // namespace booklet::pdf
