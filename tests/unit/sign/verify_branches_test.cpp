// One crafted input per problem branch of sign::verify_pdf, each test naming the code it expects (the list of
// branches and their tests: tests/unit/verification_branches.md). Every input is made from a real signed
// document. The forgeries redefine its signature dictionary in an incremental update and carry a CMS that
// `openssl cms` makes over the forged ranges with the officer's key, so that integrity, the CMS signature and the
// chain hold and only the check under test can stop them.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "sign/pdf_objects.hpp"
#include "sign/revisions.hpp"
#include "support/forged_updates.hpp"
#include "support/process.hpp"
#include "support/signing.hpp"
#include "support/tiny_pdf.hpp"

namespace vanban::sign {
namespace {

using namespace helpers;

std::vector<std::string> codes(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& finding : findings) out.push_back(finding.code);
  return out;
}

// "[E0652] …; [W0658] …", for failure messages.
std::string shown(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& finding : findings) out += (out.empty() ? "" : "; ") + format_finding(finding);
  return out;
}

bool has(const std::vector<Finding>& findings, std::string_view code) {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.code == code; });
}

// Integrity, the CMS signature and the chain hold: `code` is the only problem.
void expect_only_problem(const SignatureReport& s, const std::string& code) {
  EXPECT_EQ(s.integrity, Check::passed);
  EXPECT_EQ(s.signature, Check::passed);
  EXPECT_EQ(s.chain, Check::passed);
  EXPECT_EQ(codes(s.problems), std::vector<std::string>{code});
}

// The officer's signature over the one-page document: the real signed document every input is made from.
const Bytes& signed_once() {
  static const Bytes pdf = sign(test::one_page_pdf(), officer(), request());
  return pdf;
}

// The only signature of `pdf`, verified.
SignatureReport only_signature(std::string_view pdf, const VerifyOptions& options = verify_options()) {
  auto report = verify(pdf, options);
  EXPECT_EQ(report.signatures.size(), 1U);
  return report.signatures.empty() ? SignatureReport{} : report.signatures.front();
}

// `pdf` with `from` (first occurrence) replaced by `to` of the same length: no offset moves.
Bytes replaced(Bytes pdf, const std::string& from, const std::string& to) {
  EXPECT_EQ(from.size(), to.size());
  const std::size_t at = pdf.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) pdf.replace(at, from.size(), to);
  return pdf;
}

// The newest signature dictionary of a file signed by sign_pdf: its object number, its body, and where its
// /Contents hex digits are.
struct SignatureObject {
  std::size_t number = 0;
  std::string body;
  std::size_t hex_at = 0;    // the first hex digit of /Contents in the file
  std::size_t hex_size = 0;  // the number of hex digits
};

SignatureObject newest_signature(const std::string& pdf) {
  SignatureObject out;
  const std::size_t type = pdf.rfind("/Type /Sig");
  const std::size_t obj = pdf.rfind(" 0 obj\n", type);
  const std::size_t line = pdf.rfind('\n', obj) + 1;
  out.number = std::stoul(pdf.substr(line, obj - line));
  const std::size_t body = obj + 7;
  out.body = pdf.substr(body, pdf.find("\nendobj", type) - body);
  out.hex_at = pdf.find("/Contents <", type) + 11;
  out.hex_size = pdf.find('>', out.hex_at) - out.hex_at;
  return out;
}

// A signature dictionary like `signature` (made by sign_pdf) with its /ByteRange and /Contents replaced.
std::string with_range(const SignatureObject& signature, const std::string& range, const std::string& contents_hex) {
  return signature.body.substr(0, signature.body.find(" /ByteRange")) + " /ByteRange [" + range + "] /Contents <" +
         contents_hex + ">>>";
}

// What the bytes a crafted signature leaves out are, and where its signed ranges end.
enum class Gap { own_contents, other_string };
enum class End { at_eof, inside_revision };

// `signed_pdf` with its newest signature signed again, by an incremental update that redefines the signature
// dictionary. The gap is the dictionary's own /Contents, or a hex string in another new object (the dictionary's
// /Contents then being a signed "<00>"); the ranges end at the update's %%EOF, or just after the dictionary's
// object, inside the revision. The CMS over the ranges (by openssl) goes into the gap.
Bytes resigned(const Bytes& signed_pdf, Gap gap, End end, bool cades = true, const std::string& who = "officer") {
  const SignatureObject signature = newest_signature(signed_pdf);
  const std::string room(signature.hex_size, '0');
  const std::string placeholder(40, ' ');
  const std::size_t other = test::newest_number(signed_pdf, "/Size ");
  std::map<std::size_t, std::string> bodies;
  if (gap == Gap::own_contents) {
    bodies[signature.number] = with_range(signature, placeholder, room);
  } else {
    bodies[signature.number] = with_range(signature, placeholder, "00");
    bodies[other] = "<" + room + ">";
  }
  Bytes out = test::append_update(signed_pdf, bodies);
  const std::size_t dict_at = out.find(std::to_string(signature.number) + " 0 obj\n", signed_pdf.size());
  const std::size_t range_at = out.find("/ByteRange [", dict_at) + 12;
  const std::size_t a = gap == Gap::own_contents
                            ? out.find("/Contents <", dict_at) + 10
                            : out.find('<', out.find(std::to_string(other) + " 0 obj\n", signed_pdf.size()));
  const std::size_t b = a + signature.hex_size + 2;
  const std::size_t last = end == End::at_eof ? out.size() : out.find("endobj\n", dict_at) + 7;
  std::string range = "0 " + std::to_string(a) + " " + std::to_string(b) + " " + std::to_string(last - b);
  range.resize(placeholder.size(), ' ');
  out.replace(range_at, range.size(), range);
  const std::string cms = openssl_cms_hex(out.substr(0, a) + out.substr(b, last - b), cades, who);
  EXPECT_LE(cms.size(), signature.hex_size);
  out.replace(a + 1, std::min(cms.size(), signature.hex_size), cms);
  return out;
}

TEST(VerifyBranches, AValidSignatureRaisesNothing) {
  const auto report = verify(signed_once());
  ASSERT_EQ(report.signatures.size(), 1U);
  EXPECT_EQ(codes(report.signatures[0].problems), std::vector<std::string>{});
  EXPECT_EQ(codes(report.signatures[0].warnings), std::vector<std::string>{});
  EXPECT_TRUE(report.all_valid());
  // Signed again by the forging machinery, honestly: valid, with only openssl's signing-time to note.
  const auto honest = only_signature(resigned(signed_once(), Gap::own_contents, End::at_eof));
  EXPECT_EQ(codes(honest.problems), std::vector<std::string>{});
  EXPECT_TRUE(honest.valid());
}

TEST(VerifyBranches, UnreadableFiles) {
  const auto problem = [](const std::string& pdf) {
    Diagnostics diagnostics;
    EXPECT_FALSE(verify_pdf(pdf, verify_options(), {}, diagnostics).has_value());
    EXPECT_EQ(diagnostics.error_count(), 1U) << diagnostics.to_string();
    return diagnostics.list().empty() ? std::string() : diagnostics.list().front().code;
  };
  EXPECT_EQ(problem("not a pdf"), "E0600");
  Bytes encrypted = signed_once();
  encrypted.insert(encrypted.rfind("/Root "), "/Encrypt 1 0 R ");  // in the newest trailer, after its xref
  EXPECT_EQ(problem(encrypted), "E0601");
  const std::size_t startxref = test::newest_number(signed_once(), "startxref");
  EXPECT_EQ(problem(replaced(signed_once(), "startxref\n" + std::to_string(startxref) + "\n%%EOF",
                             "startxref\n" + std::string(std::to_string(startxref).size(), '9') + "\n%%EOF")),
            "E0602");
  EXPECT_EQ(problem(signed_once().substr(0, signed_once().size() - 100)), "E0603");
  Diagnostics none;
  EXPECT_TRUE(verify_pdf(signed_once(), verify_options(), {}, none).has_value());
  EXPECT_TRUE(none.empty()) << none.to_string();
}

// Issue 18: a signed PDF cut short by one byte (the line end after %%EOF) was reported as the whole file appended after
// the signature. It is a file cut short (E0603), and nothing is said to be appended.
TEST(VerifyBranches, AFileCutShortByOneByteIsCutShortNotAppended) {
  const Bytes cut = signed_once().substr(0, signed_once().size() - 1);
  const auto report = verify(cut);
  ASSERT_EQ(report.signatures.size(), 1U);
  EXPECT_EQ(codes(report.signatures[0].problems), std::vector<std::string>{"E0603"});
  EXPECT_NE(shown(report.signatures[0].problems).find("tệp bị cắt cụt"), std::string::npos);
  EXPECT_NE(shown(report.signatures[0].problems).find("(mất 1 byte cuối)"), std::string::npos)
      << shown(report.signatures[0].problems);
  EXPECT_EQ(report.appended_bytes, 0U);
  EXPECT_EQ(report.appended_revisions, 0U);
}

TEST(VerifyBranches, BytesAppendedAfterTheLastSignature) {
  const Bytes once = test::append_update(signed_once(), {{9, "(appended)"}});
  const Bytes twice = test::append_update(once, {{10, "(again)"}});
  const auto report = verify(twice);
  ASSERT_EQ(report.signatures.size(), 1U);
  EXPECT_TRUE(report.signatures[0].valid()) << "the signature holds for its own revision";
  EXPECT_EQ(report.appended_bytes, twice.size() - signed_once().size());
  EXPECT_EQ(report.appended_revisions, 2U);
  EXPECT_FALSE(report.all_valid());
  EXPECT_EQ(verify(signed_once()).appended_bytes, 0U);
}

TEST(VerifyBranches, E0643TheSignatureDictionaryIsNotADictionary) {
  const auto signature = newest_signature(signed_once());
  const auto report = only_signature(test::append_update(signed_once(), {{signature.number, "(không phải)"}}));
  EXPECT_EQ(codes(report.problems), std::vector<std::string>{"E0643"});
  EXPECT_FALSE(report.valid());
}

TEST(VerifyBranches, E0644To0647AByteRangeThatCannotBeRead) {
  const auto signature = newest_signature(signed_once());
  const std::string room(signature.hex_size, '0');
  const auto problems = [&](const std::string& range) {
    return codes(
        only_signature(test::append_update(signed_once(), {{signature.number, with_range(signature, range, room)}}))
            .problems);
  };
  EXPECT_EQ(problems("0 1 2"), std::vector<std::string>{"E0644"});
  EXPECT_EQ(problems("0 -10 20 30"), std::vector<std::string>{"E0645"});
  EXPECT_EQ(problems("0 10 /Name 30"), std::vector<std::string>{"E0645"});
  EXPECT_EQ(problems("0 20 10 5"), std::vector<std::string>{"E0646"});
  EXPECT_EQ(problems("0 10 20 99999999"), std::vector<std::string>{"E0646"});
  EXPECT_EQ(problems("5 10 20 30"), std::vector<std::string>{"E0646"});
  EXPECT_EQ(problems("0 10 20 30"), std::vector<std::string>{"E0647"}) << "the gap is not a hex string";
}

// The forgery only the revision check stops: the first signature's ranges end inside its revision (after its
// dictionary, before the cross-reference section and trailer, which it leaves unsigned); its bytes are intact
// and its CMS valid. A second, genuine signature covers the whole file, so nothing else is wrong.
TEST(VerifyBranches, E0648ARangeEndingInsideARevision) {
  const Bytes forged = resigned(signed_once(), Gap::own_contents, End::inside_revision);
  const Bytes countersigned = sign(forged, agency(), request());
  const auto report = verify(countersigned);
  ASSERT_EQ(report.signatures.size(), 2U);
  const auto& first = report.signatures[0];
  EXPECT_FALSE(first.covers_revision);
  expect_only_problem(first, "E0648");
  EXPECT_FALSE(first.valid());
  EXPECT_TRUE(report.signatures[1].valid());
  EXPECT_EQ(report.appended_bytes, 0U);
  EXPECT_FALSE(report.all_valid());
}

// The forgery only the gap check stops: the ranges leave out a hex string in another object (which holds the
// CMS) instead of the dictionary's own /Contents; they end at %%EOF, the bytes are intact, the CMS is valid.
TEST(VerifyBranches, E0649AGapThatIsNotTheSignaturesOwnContents) {
  const Bytes forged = resigned(signed_once(), Gap::other_string, End::at_eof);
  const auto report = verify(forged);
  ASSERT_EQ(report.signatures.size(), 1U);
  const auto& s = report.signatures[0];
  EXPECT_TRUE(s.covers_revision);
  EXPECT_TRUE(s.covers_whole_file);
  expect_only_problem(s, "E0649");
  EXPECT_FALSE(report.all_valid());
}

TEST(VerifyBranches, E0650AnUnsupportedSubFilter) {
  const auto s =
      only_signature(replaced(signed_once(), "/SubFilter /ETSI.CAdES.detached", "/SubFilter /adbe.x509.rsa_sha1 "));
  EXPECT_EQ(s.sub_filter, "adbe.x509.rsa_sha1");
  EXPECT_EQ(codes(s.problems), std::vector<std::string>{"E0650"});
}

TEST(VerifyBranches, E0651ContentsThatAreNotACms) {
  const auto signature = newest_signature(signed_once());
  Bytes zeros = signed_once();
  zeros.replace(signature.hex_at, signature.hex_size, std::string(signature.hex_size, '0'));
  const auto s = only_signature(zeros);
  EXPECT_EQ(codes(s.problems), std::vector<std::string>{"E0651"});
  EXPECT_EQ(s.integrity, Check::not_checked);
}

TEST(VerifyBranches, E0652ContentChangedAfterSigning) {
  const auto s = only_signature(replaced(signed_once(), "Quyet dinh", "Xuyet dinh"));
  EXPECT_EQ(s.integrity, Check::failed);
  EXPECT_TRUE(has(s.problems, "E0652")) << shown(s.problems);
}

TEST(VerifyBranches, E0653ACmsSignatureThatDoesNotVerify) {
  // The last byte of the DER is the last byte of the RSA signature value; the messageDigest still matches.
  const auto signature = newest_signature(signed_once());
  Bytes changed = signed_once();
  ASSERT_EQ(changed.substr(signature.hex_at, 4), "3082");
  const std::size_t der_size = 4 + std::stoul(changed.substr(signature.hex_at + 4, 4), nullptr, 16);
  char& digit = changed[signature.hex_at + 2 * der_size - 1];
  digit = digit == '0' ? '1' : '0';
  const auto s = only_signature(changed);
  EXPECT_EQ(s.integrity, Check::passed);
  EXPECT_EQ(s.signature, Check::failed);
  EXPECT_EQ(codes(s.problems), std::vector<std::string>{"E0653"});
}

TEST(VerifyBranches, E0654AChainThatDoesNotReachTheTrustedRoots) {
  auto options = verify_options(false);
  options.trusted_roots_pem.push_back(pki("untrusted-ca.pem"));
  const auto s = only_signature(signed_once(), options);
  EXPECT_EQ(s.chain, Check::failed);
  EXPECT_EQ(codes(s.problems), std::vector<std::string>{std::string(kUntrustedChain)});
  EXPECT_EQ(kUntrustedChain, "E0654");
}

TEST(VerifyBranches, E0655ACertificateNotValidWhenItSigned) {
  auto lenient = request();
  lenient.expired = ExpiredCertificate::warn;
  const auto s = only_signature(sign(test::one_page_pdf(), expired(), lenient));
  EXPECT_TRUE(has(s.problems, "E0655")) << shown(s.problems);
  EXPECT_EQ(s.integrity, Check::passed);
}

// Issue 18: a certificate whose key usage is key encipherment only (issued by the trusted root, chain intact) is not a
// signing certificate; `sign` refuses it (E0617), so the forgery is signed by openssl.
TEST(VerifyBranches, E0666ACertificateThatIsNotForSigning) {
  const auto s = only_signature(resigned(signed_once(), Gap::own_contents, End::at_eof, true, "encipher"));
  ASSERT_TRUE(s.signer.has_value());
  EXPECT_FALSE(s.signer->signing_usage);
  expect_only_problem(s, "E0666");
  EXPECT_FALSE(s.valid());
  EXPECT_TRUE(only_signature(signed_once()).signer->signing_usage);
}

TEST(VerifyBranches, W0656NoTrustedRootsGiven) {
  const auto s = only_signature(signed_once(), verify_options(false));
  EXPECT_EQ(s.chain, Check::not_checked);
  EXPECT_EQ(codes(s.warnings), std::vector<std::string>{"W0656"});
  EXPECT_TRUE(s.valid());
  EXPECT_FALSE(s.trusted()) << "intact, but nothing says who signed";
  EXPECT_TRUE(only_signature(signed_once()).trusted());
}

TEST(VerifyBranches, W0657ACertificateExpiredSinceItSigned) {
  auto in_2020 = request();
  in_2020.time = *Moment::parse_iso("2020-06-01T10:00:00+07:00");
  const auto s = only_signature(sign(test::one_page_pdf(), expired(), in_2020));
  EXPECT_EQ(s.chain, Check::passed);
  EXPECT_EQ(codes(s.warnings), std::vector<std::string>{"W0657"});
  EXPECT_TRUE(s.valid());
}

TEST(VerifyBranches, W0658NoSigningTime) {
  // Without /M (renamed /X) and without a signing-time attribute; renaming the key changes the signed bytes.
  const auto s = only_signature(replaced(signed_once(), "/M (D:", "/X (D:"));
  EXPECT_FALSE(s.time.has_value());
  EXPECT_EQ(codes(s.warnings), std::vector<std::string>{"W0658"});
}

TEST(VerifyBranches, W0659ASigningTimeAfterTheVerification) {
  auto options = verify_options();
  options.now = *Moment::parse_iso("2026-06-30T09:00:00+07:00");
  const auto s = only_signature(signed_once(), options);
  EXPECT_EQ(codes(s.warnings), std::vector<std::string>{"W0659"});
  EXPECT_TRUE(s.valid());
}

TEST(VerifyBranches, W0660AndW0661ACmsThatIsNotPadesBaseline) {
  const auto with_v2 = only_signature(resigned(signed_once(), Gap::own_contents, End::at_eof, true));
  EXPECT_EQ(codes(with_v2.warnings), std::vector<std::string>{"W0660"}) << "openssl adds signing-time";
  EXPECT_FALSE(with_v2.pades_baseline);
  const auto without_v2 = only_signature(resigned(signed_once(), Gap::own_contents, End::at_eof, false));
  EXPECT_EQ(codes(without_v2.warnings), (std::vector<std::string>{"W0660", "W0661"}));
  EXPECT_TRUE(without_v2.valid()) << "warnings only";
}

// Signatures in sequence (issue 18): the forged files of support/forged_updates.hpp.

TEST(VerifyBranches, TwoSignaturesWithNothingBetweenThemHold) {
  const auto report = verify(countersigned_elsewhere(signed_once()));
  ASSERT_EQ(report.signatures.size(), 2U);
  EXPECT_TRUE(report.signatures[0].valid()) << shown(report.signatures[0].problems);
  EXPECT_TRUE(report.signatures[1].valid()) << shown(report.signatures[1].problems);
  ASSERT_EQ(report.updates.size(), 1U);
  EXPECT_EQ(report.updates[0].after, 1U);
  EXPECT_FALSE(report.updates[0].after_last);
  EXPECT_FALSE(has(report.updates[0].problems, "E0667"));
  EXPECT_NE(report.updates[0].changes.find("/Annot"), std::string::npos) << report.updates[0].changes;
  EXPECT_TRUE(report.all_valid());
}

TEST(VerifyBranches, E0667AJavaScriptOpenActionSlippedBetweenTwoSignatures) {
  const auto report = verify(countersigned_elsewhere(with_open_action(signed_once())));
  ASSERT_EQ(report.signatures.size(), 2U);
  EXPECT_TRUE(report.signatures[0].valid()) << "the first signature holds for its own revision";
  EXPECT_TRUE(report.signatures[1].valid()) << "the second signs whatever it was given";
  ASSERT_EQ(report.updates.size(), 1U);
  const UpdateReport& between = report.updates[0];
  EXPECT_EQ(between.revisions, 2U) << "the unsigned update and the second signature's";
  EXPECT_TRUE(has(between.problems, "E0667")) << shown(between.problems);
  EXPECT_NE(shown(between.problems).find("danh mục tài liệu bị thay đổi ngoài /AcroForm và /DSS (/OpenAction)"),
            std::string::npos)
      << shown(between.problems);
  EXPECT_NE(between.changes.find("sửa "), std::string::npos) << between.changes;
  EXPECT_NE(between.changes.find("/Catalog"), std::string::npos) << between.changes;
  EXPECT_FALSE(report.all_valid());
}

TEST(VerifyBranches, E0667APageContentChangedBetweenTwoSignatures) {
  const auto report = verify(countersigned_elsewhere(with_new_content(signed_once())));
  ASSERT_EQ(report.updates.size(), 1U);
  EXPECT_TRUE(has(report.updates[0].problems, "E0667")) << report.updates[0].changes;
  EXPECT_NE(shown(report.updates[0].problems).find("luồng dữ liệu"), std::string::npos)
      << shown(report.updates[0].problems);
  EXPECT_FALSE(report.all_valid());
}

TEST(VerifyBranches, ValidationDataBetweenTwoSignaturesIsAllowed) {
  const auto report = verify(countersigned_elsewhere(with_dss(signed_once())));
  ASSERT_EQ(report.signatures.size(), 2U);
  ASSERT_EQ(report.updates.size(), 1U);
  EXPECT_FALSE(has(report.updates[0].problems, "E0667")) << shown(report.updates[0].problems);
  EXPECT_TRUE(report.all_valid());
}

// Certified at P=3, a new comment between signatures is allowed (no E0667); at P=2 (and without certification) not.
TEST(VerifyBranches, E0667AnnotationsFollowTheCertificationLevel) {
  // Certified before the first signature (the catalog's /Perms), signed, commented, countersigned.
  const auto certified = [](int p) {
    return updated(test::one_page_pdf(), [p](const PdfFile& file, IncrementalUpdate& update) {
      Dict params;
      set(params, "P", Object(std::int64_t{p}));
      Dict reference;
      set(reference, "TransformMethod", Object(Name{"DocMDP"}));
      set(reference, "TransformParams", Object(params));
      Dict signature;
      set(signature, "Reference", Object(Array{Object(reference)}));
      Dict perms;
      set(perms, "DocMDP", Object(update.add(Object(signature))));
      Dict catalog = catalog_of(file);
      set(catalog, "Perms", Object(perms));
      update.put(*file.root(), Object(catalog));
    });
  };
  const auto commented = [](const Bytes& pdf) {
    return updated(pdf, [](const PdfFile& file, IncrementalUpdate& update) {
      Dict note;
      set(note, "Type", Object(Name{"Annot"}));
      set(note, "Subtype", Object(Name{"Text"}));
      set(note, "Contents", text_string("Đã xem"));
      auto [page, page_dict] = first_page(file);
      append_ref(page_dict, "Annots", update.add(Object(note)));
      update.put(page, Object(page_dict));
    });
  };
  for (const int p : {2, 3}) {
    const auto report = verify(countersigned_elsewhere(commented(sign(certified(p), officer(), request()))));
    ASSERT_EQ(report.updates.size(), 1U);
    EXPECT_EQ(has(report.updates[0].problems, "E0667"), p == 2) << p << ": " << shown(report.updates[0].problems);
    EXPECT_NE(report.updates[0].changes.find("/Annot"), std::string::npos) << report.updates[0].changes;
  }
  OpenProblem problem;
  const auto plain = PdfFile::open(signed_once(), problem);
  ASSERT_TRUE(plain);
  EXPECT_FALSE(certification_level(*plain).has_value());
  EXPECT_EQ(policy_after_signing(*plain), UpdatePolicy::signatures) << "without certification: as P=2";
}

}  // namespace
}  // namespace vanban::sign
