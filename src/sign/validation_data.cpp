// The Document Security Store: read for verification, extended for PAdES B-LT.

#include "sign/validation_data.hpp"

#include <algorithm>
#include <map>

#include "sign/byte_range.hpp"

namespace vanban::sign {

namespace {

constexpr const char* kParts[] = {"Certs", "CRLs", "OCSPs"};

// The DSS's streams under `key`: references and data.
std::vector<std::pair<Ref, Bytes>> dss_streams(const PdfFile& file, const Dict& dss, const char* key) {
  std::vector<std::pair<Ref, Bytes>> out;
  const auto array = file.get(dss, key);
  if (!array || array->array() == nullptr) return out;
  for (const auto& item : *array->array()) {
    if (item.ref() == nullptr) continue;
    const auto object = file.object(*item.ref());
    const Stream* stream = object ? object->stream() : nullptr;
    if (stream == nullptr) continue;
    if (auto data = file.stream_data(*stream)) out.emplace_back(*item.ref(), std::move(*data));
  }
  return out;
}

std::optional<Dict> dss_of(const PdfFile& file) {
  const auto catalog = file.object(*file.root());
  const auto dss = catalog && catalog->dict() != nullptr ? file.get(*catalog->dict(), "DSS") : std::nullopt;
  if (!dss || dss->dict() == nullptr) return std::nullopt;
  return *dss->dict();
}

}  // namespace

bool ValidationData::empty() const {
  return certificates.empty() && revocation.crls.empty() && revocation.ocsp_responses.empty();
}

ValidationData read_validation_data(const PdfFile& file) {
  ValidationData data;
  const auto dss = dss_of(file);
  if (!dss) return data;
  for (const auto& [ref, der] : dss_streams(file, *dss, "Certs"))
    for (auto& certificate : crypto::read_certificates(der)) data.certificates.push_back(std::move(certificate));
  for (auto& [ref, der] : dss_streams(file, *dss, "CRLs")) data.revocation.crls.push_back(std::move(der));
  for (auto& [ref, der] : dss_streams(file, *dss, "OCSPs")) data.revocation.ocsp_responses.push_back(std::move(der));
  return data;
}

std::optional<Bytes> add_validation_data(std::string_view pdf, const ValidationData& data, const SourceLoc& file,
                                         Diagnostics& diagnostics) {
  const auto opened = open_pdf(pdf, file, diagnostics);
  if (!opened) return std::nullopt;
  IncrementalUpdate update(*opened);
  const auto old_dss = dss_of(*opened);
  std::vector<Bytes> certificates;
  for (const auto& certificate : data.certificates) certificates.push_back(certificate.der());
  const std::map<std::string, const std::vector<Bytes>*> wanted = {
      {"Certs", &certificates}, {"CRLs", &data.revocation.crls}, {"OCSPs", &data.revocation.ocsp_responses}};

  Dict dss;
  set(dss, "Type", Object(Name{"DSS"}));
  for (const char* key : kParts) {
    Array refs;
    std::vector<Bytes> present;
    if (old_dss)
      for (auto& [ref, bytes] : dss_streams(*opened, *old_dss, key)) {
        refs.emplace_back(ref);
        present.push_back(std::move(bytes));
      }
    for (const auto& der : *wanted.at(key)) {
      if (std::find(present.begin(), present.end(), der) != present.end()) continue;
      refs.emplace_back(update.add_stream(Dict{}, der, pdfobj::StreamCoding::flate));
      present.push_back(der);
    }
    if (!refs.empty()) set(dss, key, Object(std::move(refs)));
  }
  if (old_dss)
    if (const Object* vri = find(*old_dss, "VRI")) set(dss, "VRI", *vri);

  Dict catalog = *opened->object(*opened->root())->dict();
  set(catalog, "DSS", Object(update.add(Object(std::move(dss)))));
  update.put(*opened->root(), Object(std::move(catalog)));
  std::map<Ref, std::size_t> offsets;
  return update.finish(offsets);
}

}  // namespace vanban::sign
