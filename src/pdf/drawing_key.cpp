#include "drawing_key.hpp"

#include "structure.hpp"

#include "booklet/fields.hpp"

#include <memory>
#include <optional>
#include <type_traits>
#include <variant>
#include <vector>

namespace booklet::pdf {

using fields::is_optional;
using fields::is_variant;
using fields::is_vector;

void DrawingKey::flush() {
    stream_.update(std::string_view(block_.data(), filled_));
    filled_ = 0;
}

DrawingKey::Digest DrawingKey::page(const pages::Page& page) {
    stream_ = Sha256();
    filled_ = 0;
    ordinals_.clear();
    put(page.width);
    put(page.height);
    put(page.items.size());
    for (const pages::Item& item : page.items) {
        put(static_cast<std::uint8_t>(item.index()));
        std::visit([&](const auto& it) { put_item(it); }, item);
    }
    flush();
    return stream_.finish();
}

template <class T>
void DrawingKey::put(const T& value) {
    if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
        append(&value, sizeof value);
    } else if constexpr (std::is_same_v<T, std::string>) {
        put(value.size());
        append(value.data(), value.size());
    } else if constexpr (std::is_same_v<T, GlyphList>) {
        const GlyphList::Digest digest = value.digest();
        append(digest.data(), digest.size());
    } else if constexpr (std::is_same_v<T, std::shared_ptr<const pages::Raster>>) {
        put(image_name_(value.get()));
    } else if constexpr (is_vector<T>) {
        put(value.size());
        for (const auto& v : value) put(v);
    } else if constexpr (is_optional<T>) {
        put(value.has_value());
        if (value) put(*value);
    } else {
        static_assert(!is_variant<T> && !std::is_pointer_v<T>, "write this type by a rule of its own");
        fields::for_each_field(value, [&](const auto& field) { put(field); });
    }
}

template <class Item>
void DrawingKey::put_item(const Item& item) {
    fields::for_each_field(item, [&](const auto& field) {
        if (static_cast<const void*>(&field) == static_cast<const void*>(&item.element)) put_element(item.element);
        else put(field);
    });
}

void DrawingKey::put_element(pages::ElementId element) {
    if (structure_.empty()) return;  // untagged: the stream marks nothing
    if (element == pages::kArtifact || element < 0 || static_cast<std::size_t>(element) >= structure_.elements.size()) {
        // An element the book does not have is refused as the stream is written.
        put(element == pages::kArtifact ? std::uint32_t{0} : std::uint32_t{1});
        return;
    }
    const auto [at, added] = ordinals_.try_emplace(element, static_cast<std::uint32_t>(ordinals_.size()));
    put(std::uint32_t{2} + at->second);
    if (added) put(structure_type(structure_.elements[static_cast<std::size_t>(element)]));
}

}  // namespace booklet::pdf
