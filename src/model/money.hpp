#pragma once
// Amounts of money: whole đồng, never floating point.

#include <compare>
#include <cstdint>

namespace vanban::model {

/// An amount in đồng. The case format limits amounts to 0 … 10^15 − 1, so sums of a register fit easily.
struct Money {
  std::int64_t dong = 0;

  friend constexpr Money operator+(Money a, Money b) { return Money{a.dong + b.dong}; }
  friend constexpr Money operator-(Money a, Money b) { return Money{a.dong - b.dong}; }
  constexpr Money& operator+=(Money other) {
    dong += other.dong;
    return *this;
  }
  friend constexpr bool operator==(Money, Money) = default;
  friend constexpr std::strong_ordering operator<=>(Money, Money) = default;
};

/// The largest amount a case may state: 10^15 − 1 đồng.
inline constexpr std::int64_t kMaxAmount = 999'999'999'999'999;

}  // namespace vanban::model
