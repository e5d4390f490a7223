// The PDF/A parts the pdf module makes itself: the sRGB ICC profile, the XMP packet, the ToUnicode CMap.

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <map>

#include "pdf/icc_profile.hpp"
#include "pdf/xmp.hpp"

namespace vanban::pdf {
namespace {

std::uint32_t u32(const Bytes& b, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24U) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16U) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8U) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3]));
}
std::uint32_t u16(const Bytes& b, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 8U) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1]));
}
double s15(const Bytes& b, std::size_t at) { return static_cast<std::int32_t>(u32(b, at)) / 65536.0; }

TEST(IccProfile, IsAVersion2DisplayProfileOfSrgb) {
  const Bytes icc = srgb_icc_profile();
  EXPECT_EQ(icc, srgb_icc_profile());  // deterministic
  ASSERT_GE(icc.size(), 132U);
  EXPECT_EQ(u32(icc, 0), icc.size());
  EXPECT_EQ(icc[8], 2);  // major version 2: PDF/A-1 requires a profile below version 4 (veraPDF 6.2.2)
  EXPECT_EQ(icc.substr(12, 12), "mntrRGB XYZ ");
  EXPECT_EQ(icc.substr(36, 4), "acsp");
  EXPECT_NEAR(s15(icc, 68), 0.9642, 1e-4);  // PCS illuminant D50
  std::map<std::string, std::pair<std::uint32_t, std::uint32_t>> tags;
  for (std::uint32_t i = 0; i < u32(icc, 128); ++i) {
    const std::size_t entry = 132 + 12U * i;
    tags[icc.substr(entry, 4)] = {u32(icc, entry + 4), u32(icc, entry + 8)};
    EXPECT_EQ(u32(icc, entry + 4) % 4, 0U);
    EXPECT_LE(u32(icc, entry + 4) + u32(icc, entry + 8), icc.size());
  }
  for (const char* tag : {"desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"})
    EXPECT_TRUE(tags.count(tag)) << tag;
  // The colorants add up to the D50 white (what a matrix/TRC profile must satisfy; the Bradford-adapted sRGB
  // primaries give Z = 0.8252 against the PCS illuminant's rounded 0.8249).
  const std::array<double, 3> d50 = {0.9642, 1.0, 0.8249};
  for (std::size_t k = 0; k < 3; ++k) {
    double sum = 0;
    for (const char* tag : {"rXYZ", "gXYZ", "bXYZ"}) sum += s15(icc, tags[tag].first + 8 + 4 * k);
    EXPECT_NEAR(sum, d50[k], 5e-4) << k;
  }
  // The tone curve is the sRGB transfer function at every 8-bit value.
  const std::size_t curve = tags["rTRC"].first;
  EXPECT_EQ(icc.substr(curve, 4), "curv");
  ASSERT_EQ(u32(icc, curve + 8), 256U);
  for (std::uint32_t i = 0; i < 256; ++i) {
    const double v = i / 255.0;
    const double linear = v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    EXPECT_NEAR(u16(icc, curve + 12 + 2 * i) / 65535.0, linear, 1e-5) << i;
  }
}

model::DocumentMetadata sample_info() {
  model::DocumentMetadata info;
  info.title = "Quyết định về việc thi hành án";
  info.organ_name = "CHI CỤC A & B <C>";
  info.subject = "Về việc thi hành án";
  info.keywords = "THA-1, 05/QĐ-CCTHADS";
  info.issued_date = model::Date::from_ymd(2024, 3, 5);
  info.type_name = "Quyết định";
  info.code_number = "05";
  info.code_notation = "QĐ-CCTHADS";
  info.signer_position = "Chi cục trưởng";
  info.signer_name = "Hoàng Minh Đức";
  return info;
}

TEST(Xmp, CarriesInfoAndPhuLucVIFieldsEscaped) {
  const std::string xmp = xmp_packet(sample_info(), "vanban", 2);
  EXPECT_EQ(xmp.rfind("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>", 0), 0U);
  EXPECT_NE(xmp.find("<?xpacket end=\"w\"?>"), std::string::npos);
  for (const char* piece :
       {"<pdfaid:part>1</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Quyết định về việc thi hành "
        "án</rdf:li></rdf:Alt></dc:title>",
        "<dc:creator><rdf:Seq><rdf:li>CHI CỤC A &amp; B &lt;C&gt;</rdf:li></rdf:Seq></dc:creator>",
        "<pdf:Keywords>THA-1, 05/QĐ-CCTHADS</pdf:Keywords>", "<pdf:Producer>vanban</pdf:Producer>",
        "<xmp:CreateDate>2024-03-05T00:00:00+07:00</xmp:CreateDate>", "<nd30:CodeNumber>05</nd30:CodeNumber>",
        "<nd30:IssuedDate>2024-03-05</nd30:IssuedDate>", "<nd30:PageAmount>2</nd30:PageAmount>",
        "<nd30:OrganName>CHI CỤC A &amp; B &lt;C&gt;</nd30:OrganName>",
        "<nd30signer:FullName>Hoàng Minh Đức</nd30signer:FullName>",
        "<pdfaSchema:namespaceURI>urn:vanban:xmp:nd30:1.0/</pdfaSchema:namespaceURI>"})
    EXPECT_NE(xmp.find(piece), std::string::npos) << piece;
  EXPECT_EQ(xmp.find("A & B"), std::string::npos);
}

TEST(Xmp, LeavesOutEmptyValuesAndControlCharacters) {
  model::DocumentMetadata info = sample_info();
  info.code_number.clear();  // a draft
  info.title = "Quyết\x01định";
  const std::string xmp = xmp_packet(info, "vanban", 1);
  EXPECT_EQ(xmp.find("nd30:CodeNumber>"), std::string::npos);
  EXPECT_NE(xmp.find("Quyết định"), std::string::npos);
  EXPECT_EQ(metadata_text("a\tb\x1F"
                          "c"),
            "a\tb c");
}

}  // namespace
}  // namespace vanban::pdf
