// The fields of a plain aggregate, one after another, found by the compiler rather than
// listed by hand: what encodes a value field by field (layout's set paragraphs kept
// between builds) cannot then leave out a field that is added later.
//
// field_count<T>() is the number of initialisers T{...} takes, each a value that
// converts to anything (a member that is itself an aggregate takes one of them as a
// whole: the conversion is found before brace elision is tried); for_each_field
// binds them with a structured binding. For aggregates of up to kMaxFields fields
// with no base class, no bit-field and no array member (what a structured binding
// and that count agree on).
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

namespace booklet::fields {

inline constexpr std::size_t kMaxFields = 24;

namespace detail {
struct AnyField {
    template <class T>
    operator T() const;  // never defined: only asked whether it converts
};
template <class T, std::size_t... I>
constexpr bool takes(std::index_sequence<I...>) {
    return requires { T{(void(I), AnyField{})...}; };
}
template <class T, std::size_t N>
constexpr std::size_t count_from() {
    if constexpr (N > kMaxFields) return N;
    else if constexpr (takes<T>(std::make_index_sequence<N + 1>{})) return count_from<T, N + 1>();
    else return N;
}
}  // namespace detail

template <class T>
constexpr std::size_t field_count() {
    static_assert(std::is_aggregate_v<T>, "fields of aggregates only");
    constexpr std::size_t n = detail::count_from<T, 0>();
    static_assert(n <= kMaxFields, "more fields than for_each_field binds");
    return n;
}

namespace detail {
template <class F, class... Field>
constexpr void visit(F& f, Field&... fields) {
    (f(fields), ...);
}
}  // namespace detail

// Calls f(field) for each field of `value` in declaration order (const or not);
// in a constant expression too, for a value made in one.
template <class T, class F>
constexpr void for_each_field(T& value, F&& f) {
    constexpr std::size_t n = field_count<std::remove_cv_t<T>>();
    static_assert(n > 0, "an aggregate with fields");
    if constexpr (n == 1) {
        auto& [f0] = value;
        detail::visit(f, f0);
    } else if constexpr (n == 2) {
        auto& [f0, f1] = value;
        detail::visit(f, f0, f1);
    } else if constexpr (n == 3) {
        auto& [f0, f1, f2] = value;
        detail::visit(f, f0, f1, f2);
    } else if constexpr (n == 4) {
        auto& [f0, f1, f2, f3] = value;
        detail::visit(f, f0, f1, f2, f3);
    } else if constexpr (n == 5) {
        auto& [f0, f1, f2, f3, f4] = value;
        detail::visit(f, f0, f1, f2, f3, f4);
    } else if constexpr (n == 6) {
        auto& [f0, f1, f2, f3, f4, f5] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5);
    } else if constexpr (n == 7) {
        auto& [f0, f1, f2, f3, f4, f5, f6] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6);
    } else if constexpr (n == 8) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7);
    } else if constexpr (n == 9) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7, f8);
    } else if constexpr (n == 10) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9);
    } else if constexpr (n == 11) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10);
    } else if constexpr (n == 12) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11);
    } else if constexpr (n == 13) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12);
    } else if constexpr (n == 14) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13);
    } else if constexpr (n == 15) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14);
    } else if constexpr (n == 16) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15);
    } else if constexpr (n == 17) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16);
    } else if constexpr (n == 18) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17);
    } else if constexpr (n == 19) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17,
                      f18);
    } else if constexpr (n == 20) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18,
              f19] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17,
                      f18, f19);
    } else if constexpr (n == 21) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18,
              f19, f20] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17,
                      f18, f19, f20);
    } else if constexpr (n == 22) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18,
              f19, f20, f21] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17,
                      f18, f19, f20, f21);
    } else if constexpr (n == 23) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18,
              f19, f20, f21, f22] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17,
                      f18, f19, f20, f21, f22);
    } else if constexpr (n == 24) {
        auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18,
              f19, f20, f21, f22, f23] = value;
        detail::visit(f, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17,
                      f18, f19, f20, f21, f22, f23);
    }
}

}  // namespace booklet::fields
