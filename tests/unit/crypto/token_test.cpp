// Keys on a PKCS#11 token through libp11's engine: a SoftHSM2 token made by the test holds the test PKI's RSA and
// ECDSA keys and certificates.

#include "crypto/token.hpp"

#include <gtest/gtest.h>

#include "support/soft_token.hpp"

namespace vanban::crypto {
namespace {

Certificate certificate(const char* name) { return read_certificates(test::read_text(test::test_pki() / name)).at(0); }

// A PIN source that counts how often it is asked.
struct CountingPin {
  std::string pin;
  int asked = 0;
  PassphraseSource source() {
    return [this]() -> std::optional<std::string> {
      ++asked;
      return pin;
    };
  }
};

Pkcs11Uri uri(const std::string& text) {
  UriProblem problem{};
  const auto parsed = parse_pkcs11_uri(text, problem);
  if (!parsed) throw std::runtime_error("not a usable URI: " + text);
  return *parsed;
}

TEST(Pkcs11Uri, AttributesAreDecodedAndPinsRefused) {
  const Pkcs11Uri parsed = uri("pkcs11:token=Ban%20C%C6%A1%20y%E1%BA%BFu;object=officer;id=%01%02;type=private");
  EXPECT_EQ(parsed.token, "Ban Cơ yếu");
  EXPECT_EQ(parsed.object, "officer");
  EXPECT_EQ(parsed.id, std::string("\x01\x02", 2));
  for (const auto& [text, expected] : {std::pair{"token=x", UriProblem::not_pkcs11},
                                       {"pkcs11:token=x?pin-value=1234", UriProblem::carries_pin},
                                       {"pkcs11:token=x;pin-source=file:/tmp/pin", UriProblem::carries_pin},
                                       {"pkcs11:token=x?module-path=/lib/x.so", UriProblem::unknown_attribute},
                                       {"pkcs11:token=%zz", UriProblem::malformed},
                                       {"pkcs11:token=a;token=b", UriProblem::malformed},
                                       {"pkcs11:object=x;type=secret-key", UriProblem::malformed}}) {
    UriProblem problem{};
    EXPECT_FALSE(parse_pkcs11_uri(text, problem)) << text;
    EXPECT_EQ(problem, expected) << text;
  }
}

TEST(Token, RsaAndEcdsaKeysSignOnTheToken) {
  const test::SoftToken token("crypto-token");
  token.use();
  for (const auto& [label, cert] : {std::pair{"officer", "officer.pem"}, {"agency", "agency.pem"}}) {
    CountingPin pin{test::SoftToken::kPin};
    TokenProblem problem{};
    const auto contents = open_token(uri(test::SoftToken::uri(label)), test::SoftToken::kModule, pin.source(), problem);
    ASSERT_TRUE(contents) << label << ": problem " << static_cast<int>(problem);
    EXPECT_EQ(pin.asked, 1);
    EXPECT_TRUE(contents->key.on_token());
    EXPECT_TRUE(contents->key.matches(certificate(cert)));
    EXPECT_EQ(contents->certificates.size(), 3U);  // officer, agency, root
    const auto signature = contents->key.sign_sha256("dữ liệu cần ký");
    ASSERT_TRUE(signature) << label;
    EXPECT_TRUE(certificate(cert).verifies_sha256("dữ liệu cần ký", *signature)) << label;
  }
}

TEST(Token, AWrongPinIsToldAndNeverTriedAgain) {
  const test::SoftToken token("crypto-token-pin");
  token.use();
  CountingPin wrong{"9999"};
  TokenProblem problem{};
  EXPECT_FALSE(open_token(uri(test::SoftToken::uri("officer")), test::SoftToken::kModule, wrong.source(), problem));
  EXPECT_EQ(problem, TokenProblem::pin_wrong);
  EXPECT_EQ(wrong.asked, 1);
  CountingPin none{""};
  const PassphraseSource nothing = [&]() -> std::optional<std::string> {
    ++none.asked;
    return std::nullopt;
  };
  EXPECT_FALSE(open_token(uri(test::SoftToken::uri("officer")), test::SoftToken::kModule, nothing, problem));
  EXPECT_EQ(problem, TokenProblem::pin_missing);
  EXPECT_EQ(none.asked, 1);
  // The right PIN still opens it: nothing was locked by the tool.
  CountingPin right{test::SoftToken::kPin};
  EXPECT_TRUE(open_token(uri(test::SoftToken::uri("officer")), test::SoftToken::kModule, right.source(), problem));
}

TEST(Token, WhatIsNotThereIsTold) {
  const test::SoftToken token("crypto-token-missing");
  token.use();
  CountingPin pin{test::SoftToken::kPin};
  TokenProblem problem{};
  EXPECT_FALSE(open_token(uri("pkcs11:token=Absent"), test::SoftToken::kModule, pin.source(), problem));
  EXPECT_EQ(problem, TokenProblem::token_missing);
  EXPECT_EQ(pin.asked, 0);
  EXPECT_FALSE(open_token(uri(test::SoftToken::uri("nobody")), test::SoftToken::kModule, pin.source(), problem));
  EXPECT_EQ(problem, TokenProblem::key_missing);
  EXPECT_FALSE(open_token(uri(test::SoftToken::uri("officer")), "/nonexistent/module.so", pin.source(), problem));
  EXPECT_EQ(problem, TokenProblem::module_unusable);
  // A URI that names no token matches every token: with two, it names none.
  token.add_second_token();
  CountingPin unasked{test::SoftToken::kPin};
  EXPECT_FALSE(open_token(uri("pkcs11:object=officer"), test::SoftToken::kModule, unasked.source(), problem));
  EXPECT_EQ(problem, TokenProblem::token_ambiguous);
  EXPECT_EQ(unasked.asked, 0);
}

TEST(Token, ATokenRemovedBeforeItSignsFailsTheSignature) {
  const test::SoftToken token("crypto-token-removed");
  token.use();
  CountingPin pin{test::SoftToken::kPin};
  TokenProblem problem{};
  const auto contents =
      open_token(uri(test::SoftToken::uri("officer")), test::SoftToken::kModule, pin.source(), problem);
  ASSERT_TRUE(contents);
  token.remove();
  EXPECT_FALSE(contents->key.sign_sha256("dữ liệu cần ký"));
}

}  // namespace
}  // namespace vanban::crypto
