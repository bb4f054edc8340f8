#include "booklet/kept_bytes.hpp"

namespace booklet {

Sha256Digest kept_key(std::string_view how, std::string_view input) {
    Sha256 key;
    key.update(how);
    key.update("\n");
    key.update(input);
    return key.finish();
}

}  // namespace booklet
