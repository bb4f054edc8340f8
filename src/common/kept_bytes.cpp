#include "booklet/kept_bytes.hpp"

namespace booklet {

Sha256Digest KeptBytes::key_for(std::string_view how, std::string_view input) {
    Sha256 key;
    key.update(how);
    key.update("\n");
    key.update(input);
    return key.finish();
}

const std::string* KeptBytes::find(const Sha256Digest& key) {
    const auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    it->second.used = true;
    return &it->second.bytes;
}

void KeptBytes::keep(const Sha256Digest& key, std::string bytes) {
    entries_.insert_or_assign(key, Entry{std::move(bytes), true});
}

void KeptBytes::next_build() {
    // What no file of the last build used is dropped: the store never holds more
    // than one build's bytes, however long the session runs.
    std::erase_if(entries_, [](const auto& entry) { return !entry.second.used; });
    for (auto& [key, entry] : entries_) entry.used = false;
}

}  // namespace booklet
