#include "archive/facts.hpp"

#include <array>
#include <utility>

namespace vanban::archive {

namespace {
constexpr std::array<std::pair<SignatureStatus, std::string_view>, 5> kNames = {{
    {SignatureStatus::broken, "broken"},
    {SignatureStatus::invalid, "invalid"},
    {SignatureStatus::unsigned_document, "unsigned"},
    {SignatureStatus::untrusted, "untrusted"},
    {SignatureStatus::trusted, "trusted"},
}};
}  // namespace

std::string_view status_name(SignatureStatus status) {
  for (const auto& [value, name] : kNames)
    if (value == status) return name;
  return "broken";
}

std::optional<SignatureStatus> status_from_name(std::string_view name) {
  for (const auto& [value, word] : kNames)
    if (word == name) return value;
  return std::nullopt;
}

SignatureStatus classify(const SignatureCheck& check) {
  if (check.signatures.empty()) return SignatureStatus::unsigned_document;
  for (const auto& signature : check.signatures)
    if (!signature.intact) return SignatureStatus::broken;
  if (check.appended_bytes != 0) return SignatureStatus::invalid;
  for (const auto& signature : check.signatures)
    if (!signature.problems.empty()) return SignatureStatus::invalid;
  for (const auto& signature : check.signatures)
    if (!signature.anchored) return SignatureStatus::untrusted;
  return SignatureStatus::trusted;
}

}  // namespace vanban::archive
