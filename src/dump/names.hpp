// The words both dumps use for enumerations, so the tree and the JSON agree.
#pragma once

#include "booklet/model.hpp"

namespace booklet::dump {

inline const char* align_name(model::Align a) {
    switch (a) {
        case model::Align::none: return "none";
        case model::Align::left: return "left";
        case model::Align::center: return "center";
        case model::Align::right: return "right";
    }
    return "none";
}

inline const char* link_kind(model::LinkKind k) {
    switch (k) {
        case model::LinkKind::external: return "external";
        case model::LinkKind::internal: return "internal";
        case model::LinkKind::email: return "email";
        case model::LinkKind::phone: return "phone";
        case model::LinkKind::unresolved: return "unresolved";
        case model::LinkKind::refused: return "refused";
    }
    return "external";
}

}  // namespace booklet::dump
