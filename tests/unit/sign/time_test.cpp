// The moment of a signature: ISO 8601 and PDF dates, Unix seconds.

#include "sign/time.hpp"

#include <gtest/gtest.h>

namespace vanban::sign {
namespace {

TEST(Moment, IsoAndPdfDates) {
  const auto m = Moment::parse_iso("2026-07-01T14:41:19+07:00");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->iso8601(), "2026-07-01T14:41:19+07:00");
  EXPECT_EQ(m->pdf_date(), "D:20260701144119+07'00'");
  EXPECT_EQ(m->unix_seconds(), 1782891679);
  EXPECT_EQ(Moment::from_unix(1782891679, 420).iso8601(), "2026-07-01T14:41:19+07:00");
  EXPECT_EQ(Moment::from_unix(1782891679, 0).iso8601(), "2026-07-01T07:41:19Z");
  const auto pdf = Moment::parse_pdf("D:20260701144119+07'00'");
  ASSERT_TRUE(pdf.has_value());
  EXPECT_EQ(pdf->unix_seconds(), m->unix_seconds());
  EXPECT_EQ(Moment::parse_pdf("D:2026")->iso8601(), "2026-01-01T00:00:00Z");
  for (const char* bad : {"2026-02-30T00:00:00Z", "2026-07-01 14:41", "2026-07-01T24:00:00Z", "x"})
    EXPECT_FALSE(Moment::parse_iso(bad).has_value()) << bad;
  EXPECT_FALSE(Moment::parse_pdf("D:20261301").has_value());
}

}  // namespace
}  // namespace vanban::sign
