#include "pdfobj/pdf_file.hpp"

#include <algorithm>

#include "pdfobj/flate.hpp"

namespace vanban::pdfobj {

namespace {

constexpr int kMaxResolveDepth = 16;

std::optional<std::int64_t> integer_of(const Object* object) {
  if (object == nullptr || object->integer() == nullptr) return std::nullopt;
  return *object->integer();
}

// A big-endian field of an xref stream entry.
std::uint64_t field(std::string_view data, std::size_t offset, int width) {
  std::uint64_t value = 0;
  for (int i = 0; i < width; ++i)
    value = (value << 8U) | static_cast<unsigned char>(data[offset + static_cast<std::size_t>(i)]);
  return value;
}

}  // namespace

std::optional<std::array<double, 4>> read_rect(const Object& object) {
  const Array* array = object.array();
  if (array == nullptr || array->size() != 4) return std::nullopt;
  std::array<double, 4> r{};
  for (std::size_t i = 0; i < 4; ++i) {
    const auto v = (*array)[i].number();
    if (!v) return std::nullopt;
    r[i] = *v;
  }
  if (r[0] > r[2]) std::swap(r[0], r[2]);
  if (r[1] > r[3]) std::swap(r[1], r[3]);
  return r;
}

std::optional<PdfFile> PdfFile::open(std::string_view bytes, OpenProblem& problem) {
  const std::size_t header = bytes.substr(0, 1024).find("%PDF-");
  if (header == std::string_view::npos) {
    problem = {OpenProblem::Kind::not_pdf, "không có dòng đầu %PDF-"};
    return std::nullopt;
  }
  PdfFile file(bytes);
  const std::size_t tail_start = bytes.size() > 2048 ? bytes.size() - 2048 : 0;
  const std::size_t startxref = bytes.rfind("startxref");
  if (startxref == std::string_view::npos || startxref < tail_start) {
    problem = {OpenProblem::Kind::truncated, "không có startxref ở cuối tệp"};
    return std::nullopt;
  }
  const std::size_t eof = bytes.find("%%EOF", startxref);
  if (eof == std::string_view::npos) {
    problem = {OpenProblem::Kind::truncated, "không có %%EOF sau startxref cuối"};
    return std::nullopt;
  }
  // Objects after the last %%EOF: a revision was being appended and got cut short.
  if (bytes.find(" obj", eof) != std::string_view::npos) {
    problem = {OpenProblem::Kind::truncated, "bản cập nhật sau %%EOF cuối bị cắt dở"};
    return std::nullopt;
  }
  Parser parser(bytes, startxref + 9);
  const auto offset = parser.unsigned_integer();
  if (!offset || *offset >= bytes.size()) {
    problem = {OpenProblem::Kind::damaged, "startxref trỏ ra ngoài tệp"};
    return std::nullopt;
  }
  file.startxref_ = static_cast<std::size_t>(*offset);
  if (!file.read_sections(problem)) return std::nullopt;
  if (find(file.trailer_, "Encrypt") != nullptr) {
    problem = {OpenProblem::Kind::encrypted, "trailer có /Encrypt"};
    return std::nullopt;
  }
  const auto root = file.root();
  const auto catalog = root ? file.object(*root) : std::nullopt;
  if (!catalog || catalog->dict() == nullptr) {
    problem = {OpenProblem::Kind::damaged, "/Root của trailer không đọc được"};
    return std::nullopt;
  }
  return file;
}

bool PdfFile::read_sections(OpenProblem& problem) {
  std::set<std::size_t> visited;
  std::optional<std::size_t> next = startxref_;
  bool newest = true;
  while (next) {
    const std::size_t offset = *next;
    next.reset();
    if (offset >= bytes_.size() || !visited.insert(offset).second) {
      problem = {OpenProblem::Kind::damaged, "/Prev của bảng tham chiếu chéo trỏ ra ngoài tệp hoặc vòng lại"};
      return false;
    }
    if (visited.size() > kMaxSections) {
      problem = {OpenProblem::Kind::damaged, "quá nhiều bảng tham chiếu chéo"};
      return false;
    }
    sections_.push_back(offset);
    reading_section_ = offset;
    Dict trailer;
    Parser probe(bytes_, offset);
    if (probe.keyword("xref")) {
      if (!read_classic(offset, trailer, problem)) return false;
      // A hybrid file's table is completed by the stream it names.
      if (const auto stm = integer_of(find(trailer, "XRefStm")); stm && *stm >= 0) {
        Dict ignored;
        const auto stm_offset = static_cast<std::size_t>(*stm);
        if (stm_offset < bytes_.size() && visited.insert(stm_offset).second &&
            !read_stream_section(stm_offset, ignored, problem))
          return false;
      }
    } else if (!read_stream_section(offset, trailer, problem)) {
      return false;
    }
    if (const auto size = integer_of(find(trailer, "Size")); size && *size > 0) {
      // Room is left for the objects later updates add, so that what we write reads back.
      if (*size > static_cast<std::int64_t>(kMaxObjects - kRoomForUpdates)) {
        problem = {OpenProblem::Kind::damaged, "/Size vượt giới hạn số đối tượng"};
        return false;
      }
      next_number_ = std::max(next_number_, static_cast<std::uint32_t>(*size));
    }
    if (const auto prev = integer_of(find(trailer, "Prev"))) {
      if (*prev < 0) {
        problem = {OpenProblem::Kind::damaged, "/Prev âm"};
        return false;
      }
      next = static_cast<std::size_t>(*prev);
    }
    if (newest) {
      trailer_ = std::move(trailer);
      newest = false;
    }
  }
  for (const auto& [number, entry] : entries_)
    if (entry.type != Entry::Type::free) next_number_ = std::max(next_number_, number + 1);
  if (next_number_ > kMaxObjects - kRoomForUpdates) {
    problem = {OpenProblem::Kind::damaged, "quá nhiều đối tượng"};
    return false;
  }
  return true;
}

void PdfFile::add_entry(std::uint32_t number, Entry entry) {
  // Sections are read newest first: an entry already known wins.
  if (entries_.emplace(number, entry).second) entry_sections_.emplace(number, reading_section_);
}

std::set<std::uint32_t> PdfFile::defined_after(std::size_t offset) const {
  std::set<std::uint32_t> out;
  for (const auto& [number, section] : entry_sections_)
    if (section >= offset) out.insert(number);
  return out;
}

std::optional<Ref> PdfFile::ref_of(std::uint32_t number) const {
  const auto entry = entries_.find(number);
  if (entry == entries_.end() || entry->second.type == Entry::Type::free) return std::nullopt;
  const auto gen = entry->second.type == Entry::Type::offset ? entry->second.index : 0U;
  return Ref{number, static_cast<std::uint16_t>(gen)};
}

bool PdfFile::read_classic(std::size_t offset, Dict& trailer, OpenProblem& problem) {
  Parser p(bytes_, offset);
  p.keyword("xref");
  for (;;) {
    if (p.keyword("trailer")) break;
    const auto start = p.unsigned_integer();
    const auto count = p.unsigned_integer();
    if (!start || !count || *start + *count > kMaxObjects) {
      problem = {OpenProblem::Kind::damaged, "đầu mục bảng tham chiếu chéo sai"};
      return false;
    }
    for (std::uint64_t i = 0; i < *count; ++i) {
      const auto value = p.unsigned_integer();
      const auto gen = p.unsigned_integer();
      const std::string_view type = p.token();
      if (!value || !gen || *gen > 65535 || (type != "n" && type != "f")) {
        problem = {OpenProblem::Kind::damaged, "dòng bảng tham chiếu chéo sai"};
        return false;
      }
      const auto number = static_cast<std::uint32_t>(*start + i);
      if (type == "n" && *value < bytes_.size() && number != 0)
        add_entry(number, Entry{Entry::Type::offset, *value, static_cast<std::uint32_t>(*gen)});
      else add_entry(number, Entry{});
    }
  }
  auto dict = p.object();
  if (!dict || dict->dict() == nullptr) {
    problem = {OpenProblem::Kind::damaged, "trailer không phải từ điển"};
    return false;
  }
  trailer = *dict->dict();
  return true;
}

bool PdfFile::read_stream_section(std::size_t offset, Dict& trailer, OpenProblem& problem) {
  Parser p(bytes_, offset);
  const auto parsed = p.indirect_object();
  const Stream* stream = parsed ? parsed->second.stream() : nullptr;
  if (stream == nullptr || !find(stream->dict, "Type") || !find(stream->dict, "Type")->is_name("XRef")) {
    problem = {OpenProblem::Kind::damaged, "startxref hoặc /Prev không trỏ tới bảng tham chiếu chéo"};
    return false;
  }
  has_xref_streams_ = true;
  trailer = stream->dict;
  const Array* w = find(trailer, "W") ? find(trailer, "W")->array() : nullptr;
  if (w == nullptr || w->size() != 3) {
    problem = {OpenProblem::Kind::damaged, "luồng tham chiếu chéo thiếu /W hợp lệ"};
    return false;
  }
  std::array<int, 3> widths{};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto v = integer_of(&(*w)[i]);
    if (!v || *v < 0 || *v > 8) {
      problem = {OpenProblem::Kind::damaged, "/W của luồng tham chiếu chéo vượt giới hạn"};
      return false;
    }
    widths[i] = static_cast<int>(*v);
  }
  const auto entry_size = static_cast<std::size_t>(widths[0] + widths[1] + widths[2]);
  const auto data = decode(*stream, bytes_);
  if (!data || entry_size == 0) {
    problem = {OpenProblem::Kind::damaged, "không giải nén được luồng tham chiếu chéo"};
    return false;
  }
  std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
  if (const Object* index = find(trailer, "Index"); index != nullptr && index->array() != nullptr) {
    const Array& a = *index->array();
    for (std::size_t i = 0; i + 1 < a.size(); i += 2) {
      const auto start = integer_of(&a[i]);
      const auto count = integer_of(&a[i + 1]);
      if (!start || !count || *start < 0 || *count < 0 || *start + *count > kMaxObjects) {
        problem = {OpenProblem::Kind::damaged, "/Index của luồng tham chiếu chéo vượt giới hạn"};
        return false;
      }
      ranges.emplace_back(static_cast<std::uint64_t>(*start), static_cast<std::uint64_t>(*count));
    }
  } else {
    const auto size = integer_of(find(trailer, "Size"));
    if (!size || *size < 0 || *size > kMaxObjects) {
      problem = {OpenProblem::Kind::damaged, "luồng tham chiếu chéo thiếu /Size hợp lệ"};
      return false;
    }
    ranges.emplace_back(0, static_cast<std::uint64_t>(*size));
  }
  std::size_t position = 0;
  for (const auto& [start, count] : ranges) {
    for (std::uint64_t i = 0; i < count; ++i) {
      if (position + entry_size > data->size()) {
        problem = {OpenProblem::Kind::damaged, "luồng tham chiếu chéo ngắn hơn /Index"};
        return false;
      }
      const std::uint64_t type = widths[0] == 0 ? 1 : field(*data, position, widths[0]);
      const std::uint64_t second = field(*data, position + static_cast<std::size_t>(widths[0]), widths[1]);
      const std::uint64_t third = field(*data, position + static_cast<std::size_t>(widths[0] + widths[1]), widths[2]);
      position += entry_size;
      const auto number = static_cast<std::uint32_t>(start + i);
      if (type == 1 && second < bytes_.size() && number != 0 && third <= 65535)
        add_entry(number, Entry{Entry::Type::offset, second, static_cast<std::uint32_t>(third)});
      else if (type == 2 && second < kMaxObjects && third < kMaxObjects)
        add_entry(number, Entry{Entry::Type::compressed, second, static_cast<std::uint32_t>(third)});
      else add_entry(number, Entry{});
    }
  }
  return true;
}

std::optional<Object> PdfFile::object(Ref ref) const {
  if (const auto it = cache_.find(ref); it != cache_.end()) return it->second;
  auto loaded = load(ref, 0);
  cache_[ref] = loaded;
  return loaded;
}

std::optional<Object> PdfFile::load(Ref ref, int depth) const {
  if (depth > kMaxResolveDepth) return std::nullopt;
  if (const auto it = cache_.find(ref); it != cache_.end()) return it->second;
  const auto entry = entries_.find(ref.num);
  if (entry == entries_.end() || entry->second.type == Entry::Type::free) return std::nullopt;
  if (!loading_.insert(ref).second) return std::nullopt;  // a cycle through /Length or object streams
  std::optional<Object> result;
  if (entry->second.type == Entry::Type::compressed) {
    if (ref.gen == 0)
      result = from_object_stream(static_cast<std::uint32_t>(entry->second.value), entry->second.index, ref.num, depth);
  } else if (entry->second.index == ref.gen) {
    Parser p(bytes_, static_cast<std::size_t>(entry->second.value));
    auto parsed = p.indirect_object();
    if (parsed && parsed->first == ref) {
      // An indirect /Length: resolve it and read the stream again with the true length.
      if (const Stream* stream = parsed->second.stream()) {
        const Object* length = find(stream->dict, "Length");
        if (length != nullptr && length->ref() != nullptr) {
          const auto value = load(*length->ref(), depth + 1);
          if (value && value->integer() != nullptr &&
              *value->integer() != static_cast<std::int64_t>(stream->data_length)) {
            Parser again(bytes_, static_cast<std::size_t>(entry->second.value));
            if (auto reparsed = again.indirect_object(*value->integer())) parsed = std::move(reparsed);
          }
        }
      }
      result = std::move(parsed->second);
    }
  }
  loading_.erase(ref);
  return result;
}

std::optional<Object> PdfFile::from_object_stream(std::uint32_t stream_number, std::uint32_t index,
                                                  std::uint32_t wanted, int depth) const {
  std::shared_ptr<const ObjectStream> container;
  if (const auto it = object_streams_.find(stream_number); it != object_streams_.end()) {
    container = it->second;
  } else {
    const auto entry = entries_.find(stream_number);
    if (entry == entries_.end() || entry->second.type != Entry::Type::offset) return std::nullopt;
    const auto loaded = load(Ref{stream_number, static_cast<std::uint16_t>(entry->second.index)}, depth + 1);
    const Stream* stream = loaded ? loaded->stream() : nullptr;
    if (stream == nullptr || !find(stream->dict, "Type") || !find(stream->dict, "Type")->is_name("ObjStm"))
      return std::nullopt;
    const auto n = integer_of(find(stream->dict, "N"));
    const auto first = integer_of(find(stream->dict, "First"));
    auto decoded = decode(*stream, bytes_);
    if (!decoded || !n || !first || *n < 0 || *n > 1'000'000 || *first < 0 ||
        static_cast<std::uint64_t>(*first) > decoded->size())
      return std::nullopt;
    container = std::make_shared<const ObjectStream>(
        ObjectStream{std::move(*decoded), static_cast<std::size_t>(*n), static_cast<std::size_t>(*first)});
    object_streams_[stream_number] = container;
  }
  if (index >= container->count) return std::nullopt;
  const Bytes* data = &container->data;
  Parser pairs(*data);
  std::optional<std::uint64_t> offset;
  for (std::uint32_t i = 0; i <= index; ++i) {
    const auto number = pairs.unsigned_integer();
    const auto at = pairs.unsigned_integer();
    if (!number || !at) return std::nullopt;
    if (i == index && *number == wanted) offset = at;
  }
  if (!offset || *offset >= data->size() - container->first) return std::nullopt;
  Parser body(*data, container->first + static_cast<std::size_t>(*offset));
  auto value = body.object();
  if (!value || value->stream() != nullptr) return std::nullopt;
  return value;
}

std::optional<Object> PdfFile::resolve(const Object& object) const {
  if (const Ref* ref = object.ref()) return this->object(*ref);
  return object;
}

std::optional<Object> PdfFile::get(const Dict& dict, std::string_view key) const {
  const Object* value = find(dict, key);
  if (value == nullptr) return std::nullopt;
  return resolve(*value);
}

std::optional<Bytes> PdfFile::stream_data(const Stream& stream) const { return decode(stream, bytes_); }

std::optional<Bytes> PdfFile::decode(const Stream& stream, std::string_view source) const {
  if (stream.data_offset > source.size() || stream.data_length > source.size() - stream.data_offset)
    return std::nullopt;
  const std::string_view raw = source.substr(stream.data_offset, stream.data_length);
  const Object* filter = find(stream.dict, "Filter");
  const Object* parms = find(stream.dict, "DecodeParms");
  if (filter == nullptr || filter->is_null()) {
    if (raw.size() > kMaxStreamSize) return std::nullopt;
    return Bytes(raw);
  }
  if (const Array* filters = filter->array()) {
    if (filters->size() != 1) return std::nullopt;
    filter = &(*filters)[0];
    if (parms != nullptr && parms->array() != nullptr)
      parms = parms->array()->empty() ? nullptr : &(*parms->array())[0];
  }
  if (!filter->is_name("FlateDecode") || decoded_total_ >= kMaxDecodedTotal) return std::nullopt;
  auto data = inflate(raw, std::min(kMaxStreamSize, kMaxDecodedTotal - decoded_total_));
  if (!data) return std::nullopt;
  decoded_total_ += data->size();
  const Dict* p = parms != nullptr ? parms->dict() : nullptr;
  const auto predictor = p != nullptr ? integer_of(find(*p, "Predictor")) : std::nullopt;
  if (!predictor || *predictor == 1) return data;
  if (*predictor < 10) return std::nullopt;
  const auto colors = integer_of(find(*p, "Colors")).value_or(1);
  const auto bits = integer_of(find(*p, "BitsPerComponent")).value_or(8);
  const auto columns = integer_of(find(*p, "Columns")).value_or(1);
  if (colors < 1 || colors > 32 || bits < 1 || bits > 16 || columns < 1 || columns > (1 << 24)) return std::nullopt;
  return undo_png_predictor(*data, static_cast<int>(colors), static_cast<int>(bits), static_cast<int>(columns));
}

std::optional<std::pair<std::size_t, std::size_t>> PdfFile::object_span(Ref ref) const {
  const auto entry = entries_.find(ref.num);
  if (entry == entries_.end() || entry->second.type != Entry::Type::offset || entry->second.index != ref.gen)
    return std::nullopt;
  Parser p(bytes_, static_cast<std::size_t>(entry->second.value));
  const auto parsed = p.indirect_object();
  if (!parsed || parsed->first != ref) return std::nullopt;
  return std::make_pair(static_cast<std::size_t>(entry->second.value), p.position());
}

std::optional<Ref> PdfFile::root() const {
  const Object* root = find(trailer_, "Root");
  if (root == nullptr || root->ref() == nullptr) return std::nullopt;
  return *root->ref();
}

std::vector<Ref> PdfFile::pages() const {
  std::vector<Ref> out;
  const auto root_ref = root();
  const auto catalog = root_ref ? object(*root_ref) : std::nullopt;
  if (!catalog || catalog->dict() == nullptr) return out;
  const Object* top = find(*catalog->dict(), "Pages");
  if (top == nullptr || top->ref() == nullptr) return out;
  std::set<Ref> seen;
  // Depth-first, keeping document order: a stack of (node, depth), children pushed in reverse.
  std::vector<std::pair<Ref, int>> stack{{*top->ref(), 0}};
  while (!stack.empty() && out.size() < kMaxPages) {
    const auto [ref, depth] = stack.back();
    stack.pop_back();
    if (depth > kMaxTreeDepth || !seen.insert(ref).second) continue;
    const auto node = object(ref);
    if (!node || node->dict() == nullptr) continue;
    const Dict& dict = *node->dict();
    const Object* kids = find(dict, "Kids");
    const Object* type = find(dict, "Type");
    const Array* list = kids != nullptr ? kids->array() : nullptr;
    if (list != nullptr && (type == nullptr || !type->is_name("Page"))) {
      for (std::size_t i = list->size(); i > 0; --i)
        if (const Ref* kid = (*list)[i - 1].ref()) stack.emplace_back(*kid, depth + 1);
    } else {
      out.push_back(ref);
    }
  }
  return out;
}

std::optional<Object> PdfFile::page_attribute(Ref page, std::string_view key) const {
  std::optional<Ref> current = page;
  std::set<Ref> seen;
  for (int depth = 0; current && depth <= kMaxTreeDepth; ++depth) {
    if (!seen.insert(*current).second) break;
    const auto node = object(*current);
    if (!node || node->dict() == nullptr) break;
    if (auto value = get(*node->dict(), key)) return value;
    const Object* parent = find(*node->dict(), "Parent");
    current = parent != nullptr && parent->ref() != nullptr ? std::optional<Ref>(*parent->ref()) : std::nullopt;
  }
  return std::nullopt;
}

void PdfFile::collect_fields(const Object& node, const std::string& parent_name, bool parent_is_sig, int depth,
                             std::set<Ref>& seen, std::vector<SignatureField>* signatures,
                             std::set<std::string>* names) const {
  if (depth > kMaxTreeDepth) return;
  if (signatures != nullptr && signatures->size() >= kMaxFields) return;
  std::optional<Ref> ref;
  if (node.ref() != nullptr) {
    ref = *node.ref();
    if (!seen.insert(*ref).second) return;
  }
  const auto resolved = resolve(node);
  if (!resolved || resolved->dict() == nullptr) return;
  const Dict& dict = *resolved->dict();
  std::string name = parent_name;
  if (const Object* t = find(dict, "T"); t != nullptr && t->string() != nullptr) {
    const std::string partial = decode_text_string(t->string()->value);
    name = name.empty() ? partial : name + "." + partial;
  }
  const Object* ft = find(dict, "FT");
  const bool is_sig = ft != nullptr ? ft->is_name("Sig") : parent_is_sig;
  // Kids that are fields (they have /T) make this a non-terminal node; kids without /T are widgets.
  std::vector<Object> field_kids;
  std::optional<Ref> first_widget;
  if (const Object* kids = find(dict, "Kids"); kids != nullptr && kids->array() != nullptr) {
    for (const auto& kid : *kids->array()) {
      const auto kid_dict = resolve(kid);
      if (!kid_dict || kid_dict->dict() == nullptr) continue;
      if (find(*kid_dict->dict(), "T") != nullptr) field_kids.push_back(kid);
      else if (!first_widget && kid.ref() != nullptr) first_widget = *kid.ref();
    }
  }
  if (!field_kids.empty()) {
    for (const auto& kid : field_kids) collect_fields(kid, name, is_sig, depth + 1, seen, signatures, names);
    return;
  }
  if (names != nullptr) names->insert(name);
  if (signatures == nullptr || !is_sig || !ref) return;
  SignatureField field;
  field.name = name;
  field.field = *ref;
  if (const Object* v = find(dict, "V"); v != nullptr && !v->is_null()) {
    if (v->ref() != nullptr) field.value = *v->ref();
    else if (v->dict() != nullptr) field.direct_value = *v;
  }
  const Dict* widget = &dict;
  std::optional<Object> widget_object;
  if (first_widget) {
    field.widget = first_widget;
    widget_object = object(*first_widget);
    if (widget_object && widget_object->dict() != nullptr) widget = widget_object->dict();
  }
  if (const Object* rect = find(*widget, "Rect"))
    if (const auto r = read_rect(*rect)) field.rect = *r;
  if (const Object* p = find(*widget, "P"); p != nullptr && p->ref() != nullptr) {
    field.page = *p->ref();
  } else {
    const Ref annotation = first_widget.value_or(*ref);
    for (const Ref page : pages()) {
      const auto page_object = object(page);
      if (!page_object || page_object->dict() == nullptr) continue;
      const auto annots = get(*page_object->dict(), "Annots");
      if (!annots || annots->array() == nullptr) continue;
      for (const auto& a : *annots->array())
        if (a.ref() != nullptr && *a.ref() == annotation) field.page = page;
      if (field.page) break;
    }
  }
  signatures->push_back(std::move(field));
}

Array PdfFile::form_fields() const {
  const auto root_ref = root();
  const auto catalog = root_ref ? object(*root_ref) : std::nullopt;
  if (!catalog || catalog->dict() == nullptr) return {};
  const auto form = get(*catalog->dict(), "AcroForm");
  if (!form || form->dict() == nullptr) return {};
  const auto fields = get(*form->dict(), "Fields");
  if (!fields || fields->array() == nullptr) return {};
  return *fields->array();
}

std::vector<SignatureField> PdfFile::signature_fields() const {
  std::vector<SignatureField> out;
  std::set<Ref> seen;
  for (const auto& field : form_fields()) collect_fields(field, "", false, 0, seen, &out, nullptr);
  return out;
}

std::set<std::string> PdfFile::field_names() const {
  std::set<std::string> out;
  std::set<Ref> seen;
  for (const auto& field : form_fields()) collect_fields(field, "", false, 0, seen, nullptr, &out);
  return out;
}

}  // namespace vanban::pdfobj
