#pragma once
// Forged signed files for the sign and verify tests: a CMS made by `openssl cms` over given bytes, and unsigned
// incremental updates written with pdfobj's writer (a JavaScript /OpenAction, a page's new content, validation data)
// followed by a second signature added by a tool that does not check what it countersigns (the update and its
// signature dictionary by pdfobj, the CMS over its ranges by openssl): `sign` refuses to make these (E0606, E0607).

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string>

#include "crypto/x509.hpp"
#include "sign/pdf_objects.hpp"
#include "support/process.hpp"
#include "support/signing.hpp"

namespace vanban::sign::helpers {

// The detached CMS `openssl cms` makes over `content` with the key of `who` in the test PKI (SHA-256; with `cades`, the
// signingCertificateV2 attribute; always a signing-time attribute), in hex.
inline std::string openssl_cms_hex(const std::string& content, bool cades, const std::string& who = "officer") {
  // A folder of the running test's own: ctest runs tests as parallel processes.
  static int made_so_far = 0;
  const auto dir =
      test::scratch_dir(std::string("forged_") + ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
                        std::to_string(++made_so_far));
  test::write_text(dir / "content.bin", content);
  const auto made = test::run("openssl cms -sign -binary -md sha256 -nosmimecap" + std::string(cades ? " -cades" : "") +
                              " -signer " + test::quote((test::test_pki() / (who + ".pem")).string()) + " -inkey " +
                              test::quote((test::test_pki() / (who + ".key")).string()) + " -in " +
                              test::quote((dir / "content.bin").string()) + " -outform DER -out " +
                              test::quote((dir / "cms.der").string()));
  EXPECT_EQ(made.exit_code, 0) << made.err;
  const std::string der = test::read_text(dir / "cms.der");
  std::string hex;
  for (const char c : der) {
    static constexpr char kDigits[] = "0123456789abcdef";
    hex += kDigits[static_cast<unsigned char>(c) >> 4];
    hex += kDigits[static_cast<unsigned char>(c) & 15];
  }
  return hex;
}

// `pdf` followed by one unsigned incremental update that `change` writes.
inline Bytes updated(const Bytes& pdf, const std::function<void(const PdfFile&, IncrementalUpdate&)>& change) {
  OpenProblem problem;
  const auto file = PdfFile::open(pdf, problem);
  EXPECT_TRUE(file.has_value()) << problem.detail;
  if (!file) return pdf;
  IncrementalUpdate update(*file);
  change(*file, update);
  std::map<Ref, std::size_t> offsets;
  return update.finish(offsets);
}

// The newest catalog of `file`, to be rewritten.
inline Dict catalog_of(const PdfFile& file) {
  const auto catalog = file.object(*file.root());
  return catalog && catalog->dict() != nullptr ? *catalog->dict() : Dict{};
}

// `dict` with `ref` appended to its direct array under `key` (made when missing).
inline void append_ref(Dict& dict, const char* key, Ref ref) {
  const Object* existing = find(dict, key);
  Array items = existing != nullptr && existing->array() != nullptr ? *existing->array() : Array{};
  items.emplace_back(ref);
  set(dict, key, Object(std::move(items)));
}

// The first page of `file` and its dictionary, to be rewritten.
inline std::pair<Ref, Dict> first_page(const PdfFile& file) {
  const Ref page = file.pages().front();
  const auto dict = file.object(page);
  return {page, dict && dict->dict() != nullptr ? *dict->dict() : Dict{}};
}

// `pdf` (signed once by `sign`: the catalog's /AcroForm and the page's /Annots are direct) with a second, invisible
// signature in a new field, by pdfobj's writer and openssl.
inline Bytes countersigned_elsewhere(const Bytes& pdf) {
  constexpr std::size_t kRoom = 8192;  // hex digits
  Bytes out = updated(pdf, [&](const PdfFile& file, IncrementalUpdate& update) {
    const Ref signature = update.allocate();
    update.put_raw(signature,
                   "<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (D:20260701150200+07'00') "
                   "/ByteRange [" +
                       std::string(40, ' ') + "] /Contents <" + std::string(kRoom, '0') + ">>>");
    auto [page, page_dict] = first_page(file);
    Dict widget;
    set(widget, "Type", Object(Name{"Annot"}));
    set(widget, "Subtype", Object(Name{"Widget"}));
    set(widget, "FT", Object(Name{"Sig"}));
    set(widget, "T", text_string("elsewhere"));
    set(widget, "V", Object(signature));
    set(widget, "F", Object(std::int64_t{132}));
    set(widget, "Rect",
        Object(
            Array{Object(std::int64_t{0}), Object(std::int64_t{0}), Object(std::int64_t{0}), Object(std::int64_t{0})}));
    set(widget, "P", Object(page));
    const Ref widget_ref = update.add(Object(widget));
    append_ref(page_dict, "Annots", widget_ref);
    update.put(page, Object(page_dict));
    Dict catalog = catalog_of(file);
    const Object* form_entry = find(catalog, "AcroForm");
    Dict form = form_entry != nullptr && form_entry->dict() != nullptr ? *form_entry->dict() : Dict{};
    append_ref(form, "Fields", widget_ref);
    set(catalog, "AcroForm", Object(form));
    update.put(*file.root(), Object(catalog));
  });
  const std::size_t range_at = out.find("/ByteRange [", pdf.size()) + 12;
  const std::size_t a = out.find("/Contents <", range_at) + 10;
  const std::size_t b = a + kRoom + 2;
  std::string range = "0 " + std::to_string(a) + " " + std::to_string(b) + " " + std::to_string(out.size() - b);
  range.resize(40, ' ');
  out.replace(range_at, range.size(), range);
  const std::string cms = openssl_cms_hex(out.substr(0, a) + out.substr(b), true);
  EXPECT_LE(cms.size(), kRoom);
  out.replace(a + 1, std::min(cms.size(), kRoom), cms);
  return out;
}

// An unsigned update that opens the document with JavaScript (a new action, the catalog's /OpenAction).
inline Bytes with_open_action(const Bytes& pdf) {
  return updated(pdf, [](const PdfFile& file, IncrementalUpdate& update) {
    Dict action;
    set(action, "S", Object(Name{"JavaScript"}));
    set(action, "JS", text_string("app.alert('Văn bản đã được duyệt')"));
    Dict catalog = catalog_of(file);
    set(catalog, "OpenAction", Object(update.add(Object(action))));
    update.put(*file.root(), Object(catalog));
  });
}

// An unsigned update that rewrites the page's content stream (object 4 of the one-page document).
inline Bytes with_new_content(const Bytes& pdf) {
  return updated(pdf, [](const PdfFile&, IncrementalUpdate& update) {
    const std::string content = "BT /F1 12 Tf 72 770 Td (Quyet dinh huy bo) Tj ET";
    update.put_raw(Ref{4, 0},
                   "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
  });
}

// An unsigned update that adds validation data (B-LT): a DSS with the root's certificate.
inline Bytes with_dss(const Bytes& pdf) {
  return updated(pdf, [](const PdfFile& file, IncrementalUpdate& update) {
    const auto root = crypto::read_certificates(pki("ca.pem"));
    const Ref cert = update.add_stream(Dict{}, root.front().der());
    Dict dss;
    set(dss, "Certs", Object(Array{Object(cert)}));
    Dict catalog = catalog_of(file);
    set(catalog, "DSS", Object(dss));
    update.put(*file.root(), Object(catalog));
  });
}

}  // namespace vanban::sign::helpers
