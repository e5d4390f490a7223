#pragma once
// An ObjectWriter that keeps what it is given, for tests of what objects contain, whoever writes them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pdfobj/object_writer.hpp"

namespace vanban::test {

/// Records every object written; Ref{n} is the n-th.
struct ObjectRecorder final : pdfobj::ObjectWriter {
  struct Written {
    pdfobj::Object object;  ///< for a stream, its dictionary
    std::string data;       ///< a stream's data as given
    pdfobj::StreamCoding coding = pdfobj::StreamCoding::as_is;
    bool stream = false;
  };
  std::vector<Written> objects;

  pdfobj::Ref add(const pdfobj::Object& object) override {
    objects.push_back({object, "", pdfobj::StreamCoding::as_is, false});
    return pdfobj::Ref{static_cast<std::uint32_t>(objects.size()), 0};
  }
  pdfobj::Ref add_stream(pdfobj::Dict dict, std::string_view data, pdfobj::StreamCoding coding) override {
    objects.push_back({pdfobj::Object(std::move(dict)), std::string(data), coding, true});
    return pdfobj::Ref{static_cast<std::uint32_t>(objects.size()), 0};
  }
  /// The object a reference (an Object holding a Ref) names.
  [[nodiscard]] const Written& at(const pdfobj::Object& ref) const { return at(std::get<pdfobj::Ref>(ref.value())); }
  [[nodiscard]] const Written& at(pdfobj::Ref ref) const { return objects.at(ref.num - 1); }
};

}  // namespace vanban::test
