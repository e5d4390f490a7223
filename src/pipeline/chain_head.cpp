#include "pipeline/chain_head.hpp"

#include "doc/document.hpp"
#include "pipeline/request.hpp"

namespace vanban::pipeline {

namespace {

bool is_hex_digest(const std::string& text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

doc::Paragraph paragraph(std::string text, bool bold = false) {
  doc::Paragraph out;
  out.runs.push_back(doc::Run{std::move(text), bold, false, {}, {}});
  return out;
}

}  // namespace

std::string format_chain_head(const archive::ChainHead& head) { return std::to_string(head.seq) + ":" + head.hash; }

archive::ChainHead parse_chain_head(const std::string& text) {
  const auto colon = text.find(':');
  const std::string seq = colon == std::string::npos ? std::string() : text.substr(0, colon);
  archive::ChainHead head;
  head.hash = colon == std::string::npos ? std::string() : text.substr(colon + 1);
  if (seq.empty() || seq.size() > 18 || seq.find_first_not_of("0123456789") != std::string::npos ||
      !is_hex_digest(head.hash))
    throw RequestError(
        "--expect-head \"" + text +
        "\" phải có dạng SỐ:MÃ-BĂM (số bản ghi, dấu hai chấm, 64 chữ số thập lục phân), như lệnh archive verify "
        "và archive head in ra");
  head.seq = std::stoll(seq);
  return head;
}

std::optional<Bytes> chain_head_statement(const Engine& engine, const ChainHeadFacts& facts, Diagnostics& diagnostics) {
  const std::string head = format_chain_head(facts.head);
  doc::Document document;
  doc::Title title;
  title.type_name = "XÁC NHẬN ĐẦU CHUỖI";
  title.subject_lines = {"Kho lưu trữ văn bản điện tử"};
  document.blocks.emplace_back(std::move(title));
  document.blocks.emplace_back(paragraph("Cơ sở dữ liệu: " + facts.database));
  document.blocks.emplace_back(paragraph("Thời điểm: " + facts.moment.iso8601()));
  document.blocks.emplace_back(paragraph("Đầu chuỗi (bản ghi cuối): " + std::to_string(facts.head.seq)));
  // The hash in two halves, so that each line fits the text width.
  document.blocks.emplace_back(paragraph("Mã băm SHA-256: " + facts.head.hash.substr(0, 32)));
  document.blocks.emplace_back(paragraph(facts.head.hash.substr(32)));
  document.blocks.emplace_back(paragraph(
      "Kiểm tra về sau: vanban archive verify --expect-head SỐ:MÃ-BĂM với số và mã băm trên: mọi bản ghi đến số " +
      std::to_string(facts.head.seq) + " phải còn nguyên, đúng mã băm này."));
  model::DocumentMetadata& m = document.metadata;
  m.title = "Xác nhận đầu chuỗi kho lưu trữ";
  m.type_name = "Xác nhận";
  m.subject = "Đầu chuỗi kho lưu trữ " + head;
  m.keywords = "vanban-archive-head " + head;
  m.issued_date = model::Date::from_ymd(facts.moment.year, facts.moment.month, facts.moment.day);
  return engine.render_document(document, layout::Profile{}, diagnostics);
}

}  // namespace vanban::pipeline
