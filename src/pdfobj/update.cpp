#include "pdfobj/update.hpp"

#include <cstdio>

#include "pdfobj/flate.hpp"

namespace vanban::pdfobj {

Ref IncrementalUpdate::allocate() { return Ref{next_++, 0}; }

Ref IncrementalUpdate::add(const Object& object) {
  const Ref ref = allocate();
  put(ref, object);
  return ref;
}

Ref IncrementalUpdate::add_stream(Dict dict, const Bytes& data) {
  set(dict, "Length", Object(static_cast<std::int64_t>(data.size())));
  std::string body;
  write_object(body, Object(std::move(dict)));
  body += "\nstream\n";
  body += data;
  body += "\nendstream";
  const Ref ref = allocate();
  put_raw(ref, std::move(body));
  return ref;
}

Ref IncrementalUpdate::add_stream(Dict dict, std::string_view data, StreamCoding coding) {
  if (coding == StreamCoding::as_is) return add_stream(std::move(dict), Bytes(data));
  set(dict, "Filter", Object(Name{"FlateDecode"}));
  return add_stream(std::move(dict), deflate(data));
}

void IncrementalUpdate::put(Ref ref, const Object& object) {
  std::string body;
  write_object(body, object);
  put_raw(ref, std::move(body));
}

void IncrementalUpdate::put_raw(Ref ref, std::string body) { bodies_[ref] = std::move(body); }

Bytes IncrementalUpdate::finish(std::map<Ref, std::size_t>& offsets) const {
  // The update is written on its own first, so that the whole file is allocated once: a copy of a large original
  // grown by appending would hold it twice while it moves (issue 18: signing a 64 MiB file).
  const std::string_view original = file_.bytes();
  const bool line_end = original.empty() || original.back() == '\n' || original.back() == '\r';
  const std::size_t base = original.size() + (line_end ? 0 : 1);
  Bytes tail;
  write_tail(base, tail, offsets);
  Bytes out;
  out.reserve(base + tail.size());
  out += original;
  if (!line_end) out += '\n';
  out += tail;
  return out;
}

void IncrementalUpdate::write_tail(std::size_t base, Bytes& out, std::map<Ref, std::size_t>& offsets) const {
  std::map<std::uint32_t, std::pair<std::size_t, std::uint16_t>> entries;
  for (const auto& [ref, body] : bodies_) {
    entries[ref.num] = {base + out.size(), ref.gen};
    out += std::to_string(ref.num) + " " + std::to_string(ref.gen) + " obj\n";
    offsets[ref] = base + out.size();
    out += body;
    out += "\nendobj\n";
  }
  const std::size_t xref = base + out.size();
  out += "xref\n";
  for (auto it = entries.begin(); it != entries.end();) {
    auto end = it;
    std::uint32_t count = 0;
    while (end != entries.end() && end->first == it->first + count) {
      ++end;
      ++count;
    }
    out += std::to_string(it->first) + " " + std::to_string(count) + "\n";
    for (; it != end; ++it) {
      char line[32];
      std::snprintf(line, sizeof line, "%010zu %05u n\r\n", it->second.first, static_cast<unsigned>(it->second.second));
      out += line;
    }
  }
  Dict trailer;
  const std::uint32_t size = std::max(next_, entries.empty() ? 0U : entries.rbegin()->first + 1);
  set(trailer, "Size", Object(static_cast<std::int64_t>(size)));
  for (const char* key : {"Root", "Info", "ID"})
    if (const Object* value = find(file_.trailer(), key)) set(trailer, key, *value);
  set(trailer, "Prev", Object(static_cast<std::int64_t>(file_.startxref())));
  out += "trailer\n";
  write_object(out, Object(std::move(trailer)));
  out += "\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
}

}  // namespace vanban::pdfobj
