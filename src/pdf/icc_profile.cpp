#include "pdf/icc_profile.hpp"

#include <cmath>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "pdf/big_endian.hpp"

namespace vanban::pdf {

namespace {

void put_tag(Bytes& out, std::string_view tag) { out.append(tag.substr(0, 4)); }
// s15Fixed16Number.
void put_fixed(Bytes& out, double value) {
  put32(out, static_cast<std::uint32_t>(static_cast<std::int32_t>(std::lround(value * 65536.0))));
}
void pad4(Bytes& out) {
  while (out.size() % 4 != 0) out += '\0';
}

Bytes xyz_type(double x, double y, double z) {
  Bytes out;
  put_tag(out, "XYZ ");
  put32(out, 0);
  put_fixed(out, x);
  put_fixed(out, y);
  put_fixed(out, z);
  return out;
}

// textDescriptionType (ICC v2): ASCII part; empty Unicode and ScriptCode parts.
Bytes description_type(std::string_view text) {
  Bytes out;
  put_tag(out, "desc");
  put32(out, 0);
  put32(out, static_cast<std::uint32_t>(text.size() + 1));
  out.append(text);
  out += '\0';
  put32(out, 0);  // Unicode language code
  put32(out, 0);  // Unicode count
  put16(out, 0);  // ScriptCode code
  out += '\0';    // ScriptCode count
  out.append(67, '\0');
  return out;
}

Bytes text_type(std::string_view text) {
  Bytes out;
  put_tag(out, "text");
  put32(out, 0);
  out.append(text);
  out += '\0';
  return out;
}

// The sRGB transfer function (IEC 61966-2-1, with its linear segment below 0.04045) sampled at 256 points:
// exact at every 8-bit component value, a quarter of the usual 1,024-point table.
Bytes curve_type() {
  constexpr std::uint32_t kPoints = 256;
  Bytes out;
  put_tag(out, "curv");
  put32(out, 0);
  put32(out, kPoints);
  for (std::uint32_t i = 0; i < kPoints; ++i) {
    const double v = static_cast<double>(i) / (kPoints - 1);
    const double linear = v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    put16(out, static_cast<std::uint32_t>(std::lround(linear * 65535.0)));
  }
  return out;
}

}  // namespace

Bytes srgb_icc_profile() {
  // Tag data; rTRC, gTRC and bTRC share one curve (the ICC format allows tags to share data).
  const std::vector<std::pair<std::string_view, Bytes>> data = {
      {"desc", description_type("sRGB IEC61966-2.1 (vanban)")},
      {"cprt", text_type("No copyright, use freely")},
      {"wtpt", xyz_type(0.9505, 1.0, 1.0890)},
      {"rXYZ", xyz_type(0.4360747, 0.2225045, 0.0139322)},
      {"gXYZ", xyz_type(0.3850649, 0.7168786, 0.0971045)},
      {"bXYZ", xyz_type(0.1430804, 0.0606169, 0.7141733)},
      {"rTRC", curve_type()},
  };
  const std::vector<std::pair<std::string_view, std::size_t>> tags = {{"desc", 0}, {"cprt", 1}, {"wtpt", 2},
                                                                      {"rXYZ", 3}, {"gXYZ", 4}, {"bXYZ", 5},
                                                                      {"rTRC", 6}, {"gTRC", 6}, {"bTRC", 6}};

  std::vector<std::uint32_t> offsets;
  std::uint32_t offset = 128 + 4 + 12 * static_cast<std::uint32_t>(tags.size());
  for (const auto& [tag, bytes] : data) {
    offsets.push_back(offset);
    offset += (static_cast<std::uint32_t>(bytes.size()) + 3U) & ~3U;
  }
  const std::uint32_t size = offset;

  Bytes out;
  put32(out, size);
  put32(out, 0);           // preferred CMM: none
  put32(out, 0x02100000);  // version 2.1.0
  put_tag(out, "mntr");
  put_tag(out, "RGB ");
  put_tag(out, "XYZ ");
  for (const std::uint32_t part : {2024U, 1U, 1U, 0U, 0U, 0U}) put16(out, part);  // a fixed creation date
  put_tag(out, "acsp");
  put32(out, 0);  // primary platform
  put32(out, 0);  // flags
  put32(out, 0);  // device manufacturer
  put32(out, 0);  // device model
  put32(out, 0);  // device attributes
  put32(out, 0);
  put32(out, 0);           // rendering intent: perceptual
  put_fixed(out, 0.9642);  // PCS illuminant D50
  put_fixed(out, 1.0);
  put_fixed(out, 0.8249);
  put32(out, 0);  // creator
  out.append(128 - out.size(), '\0');

  put32(out, static_cast<std::uint32_t>(tags.size()));
  for (const auto& [tag, index] : tags) {
    put_tag(out, tag);
    put32(out, offsets[index]);
    put32(out, static_cast<std::uint32_t>(data[index].second.size()));
  }
  for (const auto& item : data) {
    out += item.second;
    pad4(out);
  }
  return out;
}

}  // namespace vanban::pdf
