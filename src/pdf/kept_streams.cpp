#include "kept_streams.hpp"

namespace booklet::pdf {

KeptStreams::KeptStreams() : store_(std::make_unique<Store>()) {}
KeptStreams::~KeptStreams() = default;

void KeptStreams::next_build() {
    // What no PDF of the last build used is dropped: the store never holds more
    // than one build's streams, however long the session runs.
    std::erase_if(store_->entries, [](const auto& entry) { return !entry.second.used; });
    for (auto& [key, entry] : store_->entries) entry.used = false;
}

std::size_t KeptStreams::size() const { return store_->entries.size(); }

}  // namespace booklet::pdf
