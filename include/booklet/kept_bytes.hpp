// What a session that writes the same files again and again (`booklet watch`)
// keeps between its builds of bytes that are costly to make and a function of
// their input alone: the PDF's deflated page streams, the EPUB's deflated entries.
// Each is kept under the SHA-256 of what it was made from; bytes made from the
// same input are taken from here rather than made again, and the file is the same
// byte for byte either way. At most one build's bytes are kept. (KeptValues keeps
// values of other types alike: the PDF writer's analysis of each page's text.)
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

// The key of what `how` makes from `input` (a name of the making, such as "flate",
// then the input): the one way the writers key what they keep.
Sha256Digest kept_key(std::string_view how, std::string_view input);

// Values kept under their keys for one build after the one that made or used them.
template <class Value>
class KeptValues {
public:
    // The value made from what `key` names, marked used by this build; nullptr if none.
    const Value* find(const Sha256Digest& key) {
        const auto it = entries_.find(key);
        if (it == entries_.end()) return nullptr;
        it->second.used = true;
        return &it->second.value;
    }
    // The value as kept: it stays where it is until next_build() drops it.
    const Value& keep(const Sha256Digest& key, Value value) {
        return entries_.insert_or_assign(key, Entry{std::move(value), true}).first->second.value;
    }

    // Called as a build starts: drops what the build before did not use, so the
    // store never holds more than one build's values however long the session runs.
    void next_build() {
        std::erase_if(entries_, [](const auto& entry) { return !entry.second.used; });
        for (auto& [key, entry] : entries_) entry.used = false;
    }
    std::size_t size() const { return entries_.size(); }

    struct Entry {
        Value value;
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
    const Entries& entries() const { return entries_; }

private:
    Entries entries_;
};

using KeptBytes = KeptValues<std::string>;

}  // namespace booklet
