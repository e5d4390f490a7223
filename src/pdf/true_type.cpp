#include "pdf/true_type.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "pdf/big_endian.hpp"

namespace vanban::pdf {

namespace {

std::uint32_t tag_of(std::string_view tag) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(tag[0])) << 24U) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(tag[1])) << 16U) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(tag[2])) << 8U) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(tag[3]));
}

// Bounds-checked big-endian reading.
class Reader {
 public:
  Reader(std::string_view data, const std::string& path) : data_(data), path_(path) {}
  [[nodiscard]] std::uint8_t u8(std::size_t at) const {
    check(at, 1);
    return static_cast<std::uint8_t>(data_[at]);
  }
  [[nodiscard]] std::uint16_t u16(std::size_t at) const {
    check(at, 2);
    return static_cast<std::uint16_t>((u8(at) << 8U) | u8(at + 1));
  }
  [[nodiscard]] std::int16_t s16(std::size_t at) const { return static_cast<std::int16_t>(u16(at)); }
  [[nodiscard]] std::uint32_t u32(std::size_t at) const {
    return (static_cast<std::uint32_t>(u16(at)) << 16U) | u16(at + 2);
  }
  void check(std::size_t at, std::size_t size) const {
    if (at + size > data_.size() || at + size < at)
      throw Error(errors::kResource, "tệp phông chữ bị cắt cụt hoặc hỏng", path_);
  }

 private:
  std::string_view data_;
  const std::string& path_;
};

// The sum of the big-endian 32-bit words, the last one padded with zeros (a table checksum).
std::uint32_t checksum(std::string_view bytes) {
  const auto byte = [&](std::size_t at) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])); };
  std::uint32_t sum = 0;
  std::size_t i = 0;
  for (; i + 4 <= bytes.size(); i += 4)
    sum += (byte(i) << 24U) | (byte(i + 1) << 16U) | (byte(i + 2) << 8U) | byte(i + 3);
  std::uint32_t last = 0;
  for (std::size_t k = 0; k < 4; ++k) last = (last << 8U) | (i + k < bytes.size() ? byte(i + k) : 0U);
  return sum + last;
}

// Composite glyph flags.
constexpr std::uint16_t kArgsAreWords = 0x0001;
constexpr std::uint16_t kHaveScale = 0x0008;
constexpr std::uint16_t kMoreComponents = 0x0020;
constexpr std::uint16_t kHaveXYScale = 0x0040;
constexpr std::uint16_t kHaveTwoByTwo = 0x0080;
constexpr std::uint16_t kHaveInstructions = 0x0100;

std::size_t component_size(std::uint16_t flags) {
  std::size_t size = 4 + ((flags & kArgsAreWords) != 0 ? 4 : 2);
  if ((flags & kHaveScale) != 0) size += 2;
  else if ((flags & kHaveXYScale) != 0) size += 4;
  else if ((flags & kHaveTwoByTwo) != 0) size += 8;
  return size;
}

}  // namespace

TrueTypeFont TrueTypeFont::parse(Bytes data, std::string path) {
  TrueTypeFont font;
  font.data_ = std::move(data);
  font.path_ = std::move(path);
  const Reader r(font.data_, font.path_);
  const std::uint32_t version = r.u32(0);
  if (version != 0x00010000U && version != tag_of("true"))
    throw Error(errors::kResource, "tệp không phải phông chữ TrueType", font.path_);
  const std::uint16_t count = r.u16(4);
  if (count > 64) throw Error(errors::kResource, "phông chữ có quá nhiều bảng", font.path_);
  for (std::uint16_t i = 0; i < count; ++i) {
    const std::size_t entry = 12 + 16U * i;
    Table table{r.u32(entry + 8), r.u32(entry + 12)};
    r.check(table.offset, table.length);
    font.tables_.emplace_back(r.u32(entry), table);
  }
  const Table head = font.table("head");
  font.units_per_em_ = r.u16(head.offset + 18);
  font.bbox_ = {r.s16(head.offset + 36), r.s16(head.offset + 38), r.s16(head.offset + 40), r.s16(head.offset + 42)};
  font.long_loca_ = r.s16(head.offset + 50) == 1;
  const Table hhea = font.table("hhea");
  font.ascender_ = r.s16(hhea.offset + 4);
  font.descender_ = r.s16(hhea.offset + 6);
  font.metric_count_ = r.u16(hhea.offset + 34);
  font.glyph_count_ = r.u16(font.table("maxp").offset + 4);
  if (font.metric_count_ == 0 || font.metric_count_ > font.glyph_count_ || font.units_per_em_ == 0)
    throw Error(errors::kResource, "số đo của phông chữ không nhất quán", font.path_);
  font.hmtx_offset_ = font.table("hmtx").offset;
  r.check(font.hmtx_offset_, 4U * font.metric_count_);
  const Table os2 = font.table("OS/2");
  font.weight_class_ = r.u16(os2.offset + 4);
  font.embedding_flags_ = r.u16(os2.offset + 8);
  font.cap_height_ = r.u16(os2.offset) >= 2 ? r.s16(os2.offset + 88) : font.ascender_;
  const Table post = font.table("post");
  font.italic_angle_ = static_cast<double>(static_cast<std::int32_t>(r.u32(post.offset + 4))) / 65536.0;
  // loca
  const Table loca = font.table("loca");
  font.glyph_offsets_.resize(font.glyph_count_ + 1U);
  for (std::size_t g = 0; g <= font.glyph_count_; ++g)
    font.glyph_offsets_[g] = font.long_loca_ ? r.u32(loca.offset + 4 * g) : 2U * r.u16(loca.offset + 2 * g);
  const Table glyf = font.table("glyf");
  font.glyf_offset_ = glyf.offset;
  if (font.glyph_offsets_.back() > glyf.length)
    throw Error(errors::kResource, "bảng loca của phông chữ hỏng", font.path_);
  // PostScript name (name id 6, Windows Unicode or Mac Roman).
  const Table name = font.table("name", false);
  const std::uint16_t names = name.length > 0 ? r.u16(name.offset + 2) : 0;
  const std::size_t strings = name.length > 0 ? name.offset + r.u16(name.offset + 4) : 0;
  for (std::uint16_t i = 0; name.length > 0 && i < names && font.postscript_name_.empty(); ++i) {
    const std::size_t record = name.offset + 6 + 12U * i;
    if (r.u16(record + 6) != 6) continue;
    const std::uint16_t platform = r.u16(record);
    const std::size_t length = r.u16(record + 8);
    const std::size_t at = strings + r.u16(record + 10);
    r.check(at, length);
    std::string value;
    if (platform == 3) {
      for (std::size_t k = 0; k + 1 < length; k += 2) value += static_cast<char>(r.u16(at + k) & 0x7FU);
    } else {
      value.assign(font.data_, at, length);
    }
    font.postscript_name_ = value;
  }
  font.parse_cmap();
  return font;
}

TrueTypeFont::Table TrueTypeFont::table(std::string_view tag, bool required) const {
  const std::uint32_t wanted = tag_of(tag);
  for (const auto& [tag_value, found] : tables_)
    if (tag_value == wanted) return found;
  if (required) throw Error(errors::kResource, "phông chữ thiếu bảng '" + std::string(tag) + "'", path_);
  return {};
}

void TrueTypeFont::parse_cmap() {
  const Reader r(data_, path_);
  const Table cmap = table("cmap", false);
  if (cmap.length == 0) return;  // a subset: glyphs are addressed by number only
  const std::uint16_t count = r.u16(cmap.offset + 2);
  std::size_t format4 = 0;
  for (std::uint16_t i = 0; i < count; ++i) {
    const std::size_t record = cmap.offset + 4 + 8U * i;
    const std::uint16_t platform = r.u16(record);
    const std::uint16_t encoding = r.u16(record + 2);
    const std::size_t at = cmap.offset + r.u32(record + 4);
    if (((platform == 3 && encoding == 1) || platform == 0) && r.u16(at) == 4) format4 = at;
  }
  if (format4 == 0) throw Error(errors::kResource, "phông chữ không có bảng mã Unicode (format 4)", path_);
  bmp_.assign(65536, 0);
  const std::size_t segments = r.u16(format4 + 6) / 2U;
  const std::size_t ends = format4 + 14;
  const std::size_t starts = ends + 2 * segments + 2;
  const std::size_t deltas = starts + 2 * segments;
  const std::size_t ranges = deltas + 2 * segments;
  for (std::size_t s = 0; s < segments; ++s) {
    const std::uint32_t end = r.u16(ends + 2 * s);
    const std::uint32_t start = r.u16(starts + 2 * s);
    const std::uint16_t delta = r.u16(deltas + 2 * s);
    const std::uint16_t range = r.u16(ranges + 2 * s);
    for (std::uint32_t c = start; c <= end && c < 0xFFFF; ++c) {
      std::uint16_t glyph = 0;
      if (range == 0) {
        glyph = static_cast<std::uint16_t>(c + delta);
      } else {
        const std::size_t at = ranges + 2 * s + range + 2 * (c - start);
        glyph = r.u16(at);
        if (glyph != 0) glyph = static_cast<std::uint16_t>(glyph + delta);
      }
      if (glyph < glyph_count_) bmp_[c] = glyph;
    }
  }
}

std::uint16_t TrueTypeFont::glyph_for(char32_t code_point) const {
  return code_point < bmp_.size() ? bmp_[code_point] : 0;
}

std::uint16_t TrueTypeFont::advance(std::uint16_t glyph) const {
  const Reader r(data_, path_);
  const std::size_t hmtx = hmtx_offset_;
  const std::uint16_t index = std::min<std::uint16_t>(glyph, static_cast<std::uint16_t>(metric_count_ - 1));
  return r.u16(hmtx + 4U * index);
}

std::string_view TrueTypeFont::glyph_data(std::uint16_t glyph) const {
  if (glyph >= glyph_count_) return {};
  const std::size_t glyf = glyf_offset_;
  return std::string_view(data_).substr(glyf + glyph_offsets_[glyph],
                                        glyph_offsets_[glyph + 1U] - glyph_offsets_[glyph]);
}

std::vector<std::uint16_t> TrueTypeFont::components(std::uint16_t glyph) const {
  std::vector<std::uint16_t> out;
  const std::string_view data = glyph_data(glyph);
  if (data.size() < 10) return out;
  const Reader r(data, path_);
  if (r.s16(0) >= 0) return out;
  std::size_t at = 10;
  while (true) {
    const std::uint16_t flags = r.u16(at);
    out.push_back(r.u16(at + 2));
    at += component_size(flags);
    if ((flags & kMoreComponents) == 0) break;
  }
  return out;
}

std::vector<std::uint16_t> TrueTypeFont::subset_glyphs(const std::vector<char32_t>& code_points) const {
  std::vector<std::uint16_t> glyphs{0};
  for (const char32_t cp : code_points) glyphs.push_back(glyph_for(cp));
  std::vector<bool> present(65536, false);
  for (const std::uint16_t glyph : glyphs) present[glyph] = true;
  for (std::size_t i = 0; i < glyphs.size(); ++i)
    for (const std::uint16_t component : components(glyphs[i]))
      if (!present[component]) {
        present[component] = true;
        glyphs.push_back(component);
      }
  return glyphs;
}

std::string TrueTypeFont::subset_name(const std::vector<std::uint16_t>& glyphs) const {
  std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a
  const auto mix = [&](unsigned char byte) {
    hash ^= byte;
    hash *= 1099511628211ULL;
  };
  for (const char c : postscript_name_) mix(static_cast<unsigned char>(c));
  for (const std::uint16_t g : glyphs) {
    mix(static_cast<unsigned char>(g >> 8U));
    mix(static_cast<unsigned char>(g & 0xFFU));
  }
  std::string name;
  for (int i = 0; i < 6; ++i) {
    name += static_cast<char>('A' + hash % 26);
    hash /= 26;
  }
  return name + "+" + postscript_name_;
}

namespace {

// A cmap table with one format 4 subtable (Windows, Unicode BMP) mapping mapped[k] to glyph k + 1: ascending code
// points with consecutive glyphs, so each run of consecutive code points is one segment with an idDelta.
Bytes character_map(const std::vector<char32_t>& mapped) {
  struct Segment {
    std::uint32_t start, end, glyph;
  };
  std::vector<Segment> segments;
  for (std::size_t k = 0; k < mapped.size(); ++k) {
    const auto cp = static_cast<std::uint32_t>(mapped[k]);
    if (cp >= 0xFFFF) break;  // ascending: nothing beyond the BMP follows
    if (!segments.empty() && segments.back().end + 1 == cp) segments.back().end = cp;
    else segments.push_back({cp, cp, static_cast<std::uint32_t>(k + 1)});
  }
  segments.push_back({0xFFFF, 0xFFFF, 0});
  const auto count = static_cast<std::uint32_t>(segments.size());
  std::uint32_t power = 1, log = 0;
  while (power * 2U <= count) {
    power *= 2U;
    ++log;
  }
  Bytes sub;
  put16(sub, 4);
  put16(sub, 16U + 8U * count);  // length
  put16(sub, 0);                 // language
  put16(sub, count * 2U);
  put16(sub, power * 2U);
  put16(sub, log);
  put16(sub, count * 2U - power * 2U);
  for (const auto& s : segments) put16(sub, s.end);
  put16(sub, 0);  // reservedPad
  for (const auto& s : segments) put16(sub, s.start);
  for (const auto& s : segments) put16(sub, s.start == 0xFFFF ? 1U : (s.glyph - s.start) & 0xFFFFU);
  for (std::uint32_t i = 0; i < count; ++i) put16(sub, 0);  // idRangeOffset
  Bytes out;
  put16(out, 0);  // version
  put16(out, 1);
  put16(out, 3);  // Windows
  put16(out, 1);  // Unicode BMP
  put32(out, 12);
  return out + sub;
}

// A name table (Windows, Unicode) giving the family, style, full and PostScript names as `name`.
Bytes name_table(const std::string& name) {
  Bytes utf16;
  for (const char c : name) put16(utf16, static_cast<unsigned char>(c));  // ASCII: a subset name
  Bytes style;
  for (const char c : std::string("Regular")) put16(style, static_cast<unsigned char>(c));
  const std::vector<std::pair<std::uint16_t, const Bytes*>> records = {
      {1, &utf16}, {2, &style}, {4, &utf16}, {6, &utf16}};
  Bytes out;
  put16(out, 0);
  put16(out, static_cast<std::uint32_t>(records.size()));
  put16(out, static_cast<std::uint32_t>(6 + 12 * records.size()));
  Bytes strings;
  for (const auto& [id, text] : records) {
    put16(out, 3);
    put16(out, 1);
    put16(out, 0x0409);
    put16(out, id);
    put16(out, static_cast<std::uint32_t>(text->size()));
    put16(out, static_cast<std::uint32_t>(strings.size()));
    strings += *text;
  }
  return out + strings;
}

}  // namespace

Bytes TrueTypeFont::subset(const std::vector<std::uint16_t>& glyphs, const std::vector<char32_t>& mapped,
                           const std::string& name) const {
  const Reader r(data_, path_);
  constexpr std::uint16_t kAbsent = 0xFFFF;
  std::vector<std::uint16_t> renumber(glyph_count_, kAbsent);  // original → new, first occurrence
  for (std::size_t i = glyphs.size(); i-- > 0;)
    if (glyphs[i] < glyph_count_) renumber[glyphs[i]] = static_cast<std::uint16_t>(i);
  const auto count = static_cast<std::uint16_t>(glyphs.size());

  // glyf without instructions, composites pointing at the new numbers; loca beside it.
  Bytes glyf;
  std::vector<std::uint32_t> loca_offsets;
  Bytes hmtx;
  for (const std::uint16_t original : glyphs) {
    loca_offsets.push_back(static_cast<std::uint32_t>(glyf.size()));
    const std::uint16_t glyph_advance = advance(original);
    const std::size_t hmtx_at =
        hmtx_offset_ +
        (original < metric_count_ ? 4U * original : 4U * metric_count_ + 2U * (original - metric_count_));
    const std::int16_t left_bearing = r.s16(original < metric_count_ ? hmtx_at + 2 : hmtx_at);
    put16(hmtx, glyph_advance);
    put16(hmtx, static_cast<std::uint16_t>(left_bearing));
    const std::string_view data = glyph_data(original);
    if (data.size() < 10) continue;  // empty glyph (space)
    const std::string_view source = data;
    const Reader g(source, path_);
    const std::int16_t contours = g.s16(0);
    if (contours >= 0) {
      const std::size_t instructions_at = 10 + 2U * static_cast<std::size_t>(contours);
      const std::size_t instruction_length = g.u16(instructions_at);
      glyf.append(source, 0, instructions_at);
      put16(glyf, 0);
      glyf.append(source, instructions_at + 2 + instruction_length, std::string::npos);
    } else {
      glyf.append(source, 0, 10);
      std::size_t at = 10;
      while (true) {
        std::uint16_t flags = g.u16(at);
        const std::uint16_t component = g.u16(at + 2);
        const std::size_t size = component_size(flags);
        const bool more = (flags & kMoreComponents) != 0;
        if (!more) flags = static_cast<std::uint16_t>(flags & ~kHaveInstructions);
        const std::uint16_t renumbered = component < glyph_count_ ? renumber[component] : kAbsent;
        if (renumbered == kAbsent) throw Error(errors::kLibrary, "font subset misses a component glyph of " + path_);
        put16(glyf, flags);
        put16(glyf, renumbered);
        g.check(at + 4, size - 4);
        glyf.append(source, at + 4, size - 4);
        at += size;
        if (!more) break;
      }
    }
    while (glyf.size() % 4 != 0) glyf += '\0';
  }
  loca_offsets.push_back(static_cast<std::uint32_t>(glyf.size()));

  // The short loca format (offset / 2 in 16 bits) whenever the glyph data allows it: half the size.
  const bool long_loca = glyf.size() > 0x1FFFEU;
  Bytes loca;
  for (const std::uint32_t offset : loca_offsets) {
    if (long_loca) put32(loca, offset);
    else put16(loca, offset / 2U);
  }

  const auto copy_table = [&](std::string_view tag) {
    const Table t = table(tag);
    return Bytes(data_, t.offset, t.length);
  };
  Bytes head = copy_table("head");
  set32(head, 8, 0);                     // checkSumAdjustment, set below
  set16(head, 50, long_loca ? 1U : 0U);  // indexToLocFormat
  Bytes hhea = copy_table("hhea");
  set16(hhea, 34, count);
  Bytes maxp = copy_table("maxp");
  set16(maxp, 4, count);
  Bytes post = copy_table("post").substr(0, 32);
  set32(post, 0, 0x00030000U);  // no glyph names
  Bytes os2 = copy_table("OS/2");

  // Tables in tag order, each 4-byte aligned.
  std::vector<std::pair<std::string_view, const Bytes*>> tables = {{"OS/2", &os2},  {"glyf", &glyf}, {"head", &head},
                                                                   {"hhea", &hhea}, {"hmtx", &hmtx}, {"loca", &loca},
                                                                   {"maxp", &maxp}, {"post", &post}};
  Bytes cmap, names;
  if (!mapped.empty()) {
    cmap = character_map(mapped);
    names = name_table(name);
    tables.insert(tables.begin() + 1, {"cmap", &cmap});
    tables.insert(tables.begin() + 8, {"name", &names});  // after maxp: "maxp" < "name" < "post"
  }
  const auto table_count = static_cast<std::uint16_t>(tables.size());
  Bytes out;
  put32(out, 0x00010000U);
  put16(out, table_count);
  std::uint16_t power = 1, log = 0;
  while (power * 2U <= table_count) {
    power = static_cast<std::uint16_t>(power * 2U);
    ++log;
  }
  put16(out, power * 16U);
  put16(out, log);
  put16(out, table_count * 16U - power * 16U);
  std::size_t offset = 12 + 16U * table_count;
  std::size_t head_offset = 0;
  for (const auto& [tag, bytes] : tables) {
    put32(out, tag_of(tag));
    put32(out, checksum(*bytes));
    put32(out, static_cast<std::uint32_t>(offset));
    put32(out, static_cast<std::uint32_t>(bytes->size()));
    if (tag == "head") head_offset = offset;
    offset += (bytes->size() + 3) & ~std::size_t{3};
  }
  for (const auto& [tag, bytes] : tables) {
    out += *bytes;
    while (out.size() % 4 != 0) out += '\0';
  }
  set32(out, head_offset + 8, 0xB1B0AFBAU - checksum(out));
  return out;
}

}  // namespace vanban::pdf
