// Completing a prepared signature: the CMS that prepare_signature left unsigned in /Contents, signed elsewhere.

#include <algorithm>

#include "base/hex.hpp"
#include "crypto/cms.hpp"
#include "sign/byte_range.hpp"
#include "sign/signing.hpp"

namespace vanban::sign {

namespace {

// A prepared document's pending signature, and where it goes.
struct Pending {
  PendingSignature signature;
  ByteRange range;
};

std::optional<Pending> pending(std::string_view pdf, const SourceLoc& file, Diagnostics& diagnostics) {
  const auto opened = open_pdf(pdf, file, diagnostics);
  if (!opened) return std::nullopt;
  const auto refuse = [&](const std::string& why) -> std::optional<Pending> {
    diagnostics.error("E0695", file, "không phải tệp đã chuẩn bị để ký (vanban sign --prepare): " + why);
    return std::nullopt;
  };
  // The last signature: it reaches the end of the file.
  std::optional<ByteRange> last;
  for (const auto& field : opened->signature_fields()) {
    const auto dict = field.is_signed() ? signature_dictionary(*opened, field) : std::nullopt;
    Finding ignored;
    const auto range = dict ? read_byte_range(*dict->dict(), pdf, ignored) : std::nullopt;
    if (range && range->end == pdf.size()) last = range;
  }
  if (!last) return refuse("không có chữ ký nào phủ tới cuối tệp");
  const Bytes gap = gap_contents(pdf, *last);
  const std::string_view der = std::string_view(gap).substr(0, crypto::der_length(gap));
  const auto certificates = crypto::cms_certificates(der);
  const auto value = crypto::cms_signature_value(der);
  if (!certificates || !value) return refuse("/Contents của chữ ký cuối không chứa CMS đang chờ ký");
  if (std::any_of(value->begin(), value->end(), [](char c) { return c != '\0'; }))
    return refuse("chữ ký cuối đã được ký xong");
  const crypto::PadesCms cms(certificates->signer, certificates->others, signed_digest(pdf, *last));
  return Pending{{cms.to_be_signed(), {certificates->signer, certificates->others}}, *last};
}

}  // namespace

std::optional<PendingSignature> read_prepared(std::string_view prepared, const SourceLoc& file,
                                              Diagnostics& diagnostics) {
  auto found = pending(prepared, file, diagnostics);
  if (!found) return std::nullopt;
  return std::move(found->signature);
}

bool signature_matches(const PendingSignature& pending, std::string_view signature, const SourceLoc& file,
                       Diagnostics& diagnostics) {
  const crypto::Certificate& signer = pending.signer.certificate;
  if (signer.verifies_sha256(pending.to_be_signed, signature)) return true;
  diagnostics.error(
      "E0696", file,
      "chữ ký đưa vào không khớp: không phải chữ ký SHA-256 của dữ liệu cần ký bằng khóa của chứng thư \"" +
          signer.describe().common_name + "\" (ký nhầm tệp, hoặc nhầm khóa?)");
  return false;
}

bool complete_signature_in_place(Bytes& prepared, std::string_view signature, std::string_view timestamp,
                                 const SourceLoc& file, Diagnostics& diagnostics) {
  const auto found = pending(prepared, file, diagnostics);
  if (!found || !signature_matches(found->signature, signature, file, diagnostics)) return false;
  const SignerCertificates& certificates = found->signature.signer;
  crypto::PadesCms cms(certificates.certificate, certificates.chain, signed_digest(prepared, found->range));
  const std::string hex = hex::encode(cms.finish(signature, timestamp));
  const std::size_t room = found->range.gap_end - found->range.gap_start - 2;
  if (hex.size() > room) {
    diagnostics.error("E0697", file,
                      "chữ ký cùng dấu thời gian (" + std::to_string(hex.size() / 2) + " byte) lớn hơn chỗ đã dành (" +
                          std::to_string(room / 2) + " byte)");
    return false;
  }
  // The room keeps its size: the /ByteRange around it is already signed for.
  prepared.replace(found->range.gap_start + 1, hex.size(), hex);
  std::fill_n(prepared.begin() + static_cast<std::ptrdiff_t>(found->range.gap_start + 1 + hex.size()),
              room - hex.size(), '0');
  return true;
}

std::optional<Bytes> complete_signature(std::string_view prepared, std::string_view signature,
                                        std::string_view timestamp, const SourceLoc& file, Diagnostics& diagnostics) {
  Bytes out(prepared);
  if (!complete_signature_in_place(out, signature, timestamp, file, diagnostics)) return std::nullopt;
  return out;
}

}  // namespace vanban::sign
