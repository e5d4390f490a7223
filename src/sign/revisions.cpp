// What appended revisions changed, object by object, against the revision before them.

#include "sign/revisions.hpp"

#include <algorithm>
#include <set>

namespace vanban::sign {

namespace {

constexpr int kMaxParents = 8;
constexpr int kMaxDssDepth = 8;  // DSS → VRI → entry → array → stream, with room

// An object's text for comparison: its syntax, and a stream's raw data.
std::string canonical(const PdfFile& file, const Object& object) {
  std::string out;
  if (const Stream* stream = object.stream()) {
    write_object(out, Object(stream->dict));
    out += "stream:";
    out += file.bytes().substr(stream->data_offset, stream->data_length);
    return out;
  }
  write_object(out, object);
  return out;
}

// A dictionary without `keys`, as text.
std::string without(const PdfFile& file, const Object& object, std::initializer_list<const char*> keys) {
  Object copy = object;
  Dict* dict = nullptr;
  if (auto* stream = std::get_if<Stream>(&copy.value())) dict = &stream->dict;
  else dict = std::get_if<Dict>(&copy.value());
  if (dict != nullptr)
    for (const char* key : keys) pdfobj::erase(*dict, key);
  return canonical(file, copy);
}

// The references an array (direct, or an indirect array object) holds.
std::vector<Ref> refs_in(const PdfFile& file, const Object* value) {
  std::vector<Ref> out;
  const auto resolved = value != nullptr ? file.resolve(*value) : std::nullopt;
  if (resolved && resolved->array() != nullptr)
    for (const auto& item : *resolved->array())
      if (item.ref() != nullptr) out.push_back(*item.ref());
  return out;
}

std::optional<Ref> ref_under(const Dict& dict, const char* key) {
  const Object* value = find(dict, key);
  if (value == nullptr || value->ref() == nullptr) return std::nullopt;
  return *value->ref();
}

class Comparison {
 public:
  Comparison(const PdfFile& before, const PdfFile& after, UpdatePolicy policy)
      : before_(before), after_(after), policy_(policy) {}

  std::vector<std::string> run() {
    if (before_.root() != after_.root()) {
      problems_.push_back("danh mục (/Root) của tài liệu bị thay bằng đối tượng khác");
      return problems_;
    }
    collect_roles();
    if (policy_ == UpdatePolicy::validation_data) collect_new_dss();
    for (const std::uint32_t number : after_.defined_after(before_.bytes().size())) check(number);
    return problems_;
  }

 private:
  // What each object of the earlier revision is, for the objects an update may rewrite.
  void collect_roles() {
    const auto catalog_object = before_.object(*before_.root());
    const Dict& catalog = *catalog_object->dict();
    catalog_ = *before_.root();
    for (const Ref page : before_.pages()) pages_.insert(page);
    for (const Ref page : pages_) {
      const auto dict = before_.object(page);
      if (const auto annots = dict ? ref_under(*dict->dict(), "Annots") : std::nullopt) annot_arrays_.insert(*annots);
    }
    if (const auto form = ref_under(catalog, "AcroForm")) acroform_ = *form;
    if (const auto form = before_.get(catalog, "AcroForm"); form && form->dict() != nullptr)
      if (const auto fields = ref_under(*form->dict(), "Fields")) field_arrays_.insert(*fields);
    for (const auto& field : before_.signature_fields()) {
      signature_objects_.insert(field.field);
      if (field.widget) signature_objects_.insert(*field.widget);
      // An empty field's appearance gives way to the signature's (a signer may rewrite or drop it).
      const auto widget = field.is_signed() ? std::nullopt : before_.object(field.widget.value_or(field.field));
      const auto appearance = widget && widget->dict() != nullptr ? before_.get(*widget->dict(), "AP") : std::nullopt;
      if (appearance && appearance->dict() != nullptr)
        for (const auto& entry : *appearance->dict())
          if (entry.value.ref() != nullptr) empty_appearances_.insert(*entry.value.ref());
    }
    if (const auto info = ref_under(before_.trailer(), "Info")) info_ = *info;
    if (const auto dss = ref_under(catalog, "DSS")) dss_objects_.insert(*dss);
    if (const auto dss = before_.get(catalog, "DSS"); dss && dss->dict() != nullptr)
      for (const char* key : {"Certs", "CRLs", "OCSPs", "VRI"})
        if (const auto part = ref_under(*dss->dict(), key)) dss_objects_.insert(*part);
  }

  // Every object the newest DSS reaches (its arrays, streams, VRI dictionaries), a few levels deep.
  void collect_new_dss() {
    const auto catalog = after_.object(*after_.root());
    const Object* dss = catalog && catalog->dict() != nullptr ? find(*catalog->dict(), "DSS") : nullptr;
    if (dss != nullptr) reach(*dss, 0);
  }
  void reach(const Object& object, int depth) {
    if (depth > kMaxDssDepth) return;
    if (const Ref* ref = object.ref()) {
      if (!new_dss_objects_.insert(*ref).second) return;
      if (const auto target = after_.object(*ref)) reach(*target, depth + 1);
    } else if (const Array* array = object.array()) {
      for (const auto& item : *array) reach(item, depth + 1);
    } else if (const Dict* dict = object.dict()) {
      for (const auto& entry : *dict) reach(entry.value, depth + 1);
    }
  }

  void check(std::uint32_t number) {
    const auto old_ref = before_.ref_of(number);
    const auto new_ref = after_.ref_of(number);
    if (!old_ref) {
      // A new object: what refers to it is checked; validation data is reached from the DSS.
      if (new_ref && policy_ == UpdatePolicy::validation_data && !new_dss_objects_.count(*new_ref))
        problems_.push_back("thêm đối tượng " + std::to_string(number) + " không thuộc dữ liệu kiểm tra dài hạn");
      return;
    }
    const auto old_object = before_.object(*old_ref);
    const auto new_object = new_ref ? after_.object(*new_ref) : std::nullopt;
    const bool signatures = policy_ == UpdatePolicy::signatures;
    const Ref ref = *old_ref;
    if (signatures && empty_appearances_.count(ref)) return;
    if (!new_object || new_ref->gen != ref.gen) {
      if (old_object) problems_.push_back("đối tượng " + std::to_string(number) + " bị xóa");
      return;
    }
    if (!old_object || canonical(before_, *old_object) == canonical(after_, *new_object)) return;
    if (ref == catalog_) return check_catalog(*old_object, *new_object);
    if (dss_objects_.count(ref)) return;
    if (signatures && pages_.count(ref)) return check_page(*old_object, *new_object);
    if (signatures && acroform_ && ref == *acroform_) return check_acroform(*old_object, *new_object);
    if (signatures && (annot_arrays_.count(ref) || field_arrays_.count(ref)))
      return check_grown_array(*old_object, *new_object, annot_arrays_.count(ref) ? "chú thích" : "trường");
    if (signatures && signature_objects_.count(ref)) return check_signature_field(*old_object, *new_object, number);
    if (signatures && info_ && ref == *info_) return;  // the document information (producer, dates)
    problems_.push_back("đối tượng " + std::to_string(number) + " (" + kind_of(*old_object) + ") bị thay đổi");
  }

  static std::string kind_of(const Object& object) {
    if (object.stream() != nullptr) return "luồng dữ liệu";
    if (object.dict() != nullptr) {
      if (const Object* type = find(*object.dict(), "Type"); type != nullptr && type->name() != nullptr)
        return "/" + type->name()->value;
      return "từ điển";
    }
    return "giá trị";
  }

  void check_catalog(const Object& old_object, const Object& new_object) {
    if (policy_ == UpdatePolicy::signatures) {
      if (without(before_, old_object, {"DSS", "Extensions", "AcroForm"}) !=
          without(after_, new_object, {"DSS", "Extensions", "AcroForm"})) {
        problems_.push_back("danh mục tài liệu bị thay đổi ngoài /AcroForm và /DSS");
        return;
      }
      // A form added, or another form object named: its new fields must be signatures.
      const Object* old_entry = find(*old_object.dict(), "AcroForm");
      const Object* new_entry = find(*new_object.dict(), "AcroForm");
      const auto text = [](const PdfFile& file, const Object* entry) {
        return entry != nullptr ? canonical(file, *entry) : std::string();
      };
      if (text(before_, old_entry) == text(after_, new_entry)) return;
      const auto old_form = old_entry != nullptr ? before_.resolve(*old_entry) : std::nullopt;
      const auto new_form = new_entry != nullptr ? after_.resolve(*new_entry) : std::nullopt;
      if (!new_form || new_form->dict() == nullptr) {
        problems_.push_back("biểu mẫu (/AcroForm) bị bỏ đi");
        return;
      }
      check_acroform(old_form && old_form->dict() != nullptr ? *old_form : Object(Dict{}), *new_form);
      return;
    }
    if (without(before_, old_object, {"DSS", "Extensions"}) != without(after_, new_object, {"DSS", "Extensions"}))
      problems_.push_back("danh mục tài liệu bị thay đổi ngoài /DSS");
  }

  void check_page(const Object& old_object, const Object& new_object) {
    if (without(before_, old_object, {"Annots"}) != without(after_, new_object, {"Annots"})) {
      problems_.push_back("một trang bị thay đổi (nội dung, tài nguyên hoặc kích thước)");
      return;
    }
    check_new_members(refs_in(before_, find(*old_object.dict(), "Annots")),
                      refs_in(after_, find(*new_object.dict(), "Annots")), "chú thích");
  }

  void check_acroform(const Object& old_object, const Object& new_object) {
    const auto keys = {"Fields", "SigFlags", "DR", "DA", "NeedAppearances"};
    if (old_object.dict() != nullptr && !old_object.dict()->empty() &&
        without(before_, old_object, keys) != without(after_, new_object, keys)) {
      problems_.push_back("biểu mẫu (/AcroForm) bị thay đổi ngoài danh sách trường");
      return;
    }
    check_new_members(refs_in(before_, old_object.dict() ? find(*old_object.dict(), "Fields") : nullptr),
                      refs_in(after_, find(*new_object.dict(), "Fields")), "trường");
  }

  void check_grown_array(const Object& old_object, const Object& new_object, const char* what) {
    const Array* old_array = old_object.array();
    const Array* new_array = new_object.array();
    if (old_array == nullptr || new_array == nullptr) {
      problems_.push_back(std::string("danh sách ") + what + " bị thay bằng thứ khác");
      return;
    }
    const auto refs = [](const Array& array) {
      std::vector<Ref> out;
      for (const auto& item : array)
        if (item.ref() != nullptr) out.push_back(*item.ref());
      return out;
    };
    check_new_members(refs(*old_array), refs(*new_array), what);
  }

  // Every earlier member stays; every new one is a signature field or its widget.
  void check_new_members(const std::vector<Ref>& old_refs, const std::vector<Ref>& new_refs, const char* what) {
    for (const Ref ref : old_refs)
      if (std::find(new_refs.begin(), new_refs.end(), ref) == new_refs.end())
        problems_.push_back(std::string("một ") + what + " có sẵn bị bỏ đi");
    for (const Ref ref : new_refs)
      if (std::find(old_refs.begin(), old_refs.end(), ref) == old_refs.end() && !is_signature_field(ref))
        problems_.push_back(std::string("thêm một ") + what + " không phải chữ ký (đối tượng " +
                            std::to_string(ref.num) + ")");
  }

  // A field of type /Sig, or a widget whose field (itself or a parent) is one.
  [[nodiscard]] bool is_signature_field(Ref ref) const {
    std::optional<Object> node = after_.object(ref);
    for (int depth = 0; depth < kMaxParents && node && node->dict() != nullptr; ++depth) {
      const Dict& dict = *node->dict();
      if (const Object* ft = find(dict, "FT")) return ft->is_name("Sig");
      const Object* parent = find(dict, "Parent");
      if (parent == nullptr) return false;
      node = after_.resolve(*parent);
    }
    return false;
  }

  void check_signature_field(const Object& old_object, const Object& new_object, std::uint32_t number) {
    if (find(*old_object.dict(), "V") != nullptr) {
      problems_.push_back("chữ ký có sẵn (đối tượng " + std::to_string(number) + ") bị thay đổi");
      return;
    }
    const auto keys = {"V", "AP", "AS", "F", "M", "Rect", "P", "MK", "DA", "Lock", "SV"};
    if (without(before_, old_object, keys) != without(after_, new_object, keys))
      problems_.push_back("ô chữ ký (đối tượng " + std::to_string(number) + ") bị thay đổi ngoài chữ ký");
  }

  const PdfFile& before_;
  const PdfFile& after_;
  UpdatePolicy policy_;
  Ref catalog_;
  std::set<Ref> pages_;
  std::set<Ref> annot_arrays_;
  std::set<Ref> field_arrays_;
  std::set<Ref> signature_objects_;
  std::set<Ref> dss_objects_;
  std::set<Ref> empty_appearances_;
  std::set<Ref> new_dss_objects_;
  std::optional<Ref> acroform_;
  std::optional<Ref> info_;
  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> disallowed_changes(const PdfFile& before, const PdfFile& after, UpdatePolicy policy) {
  return Comparison(before, after, policy).run();
}

}  // namespace vanban::sign
