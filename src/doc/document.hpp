#pragma once
// The content tree a template produces: Nghị định 30 parts as typed blocks, text as styled runs.
// Typography is not here: the layout profile decides how each kind of block looks.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/source_loc.hpp"
#include "model/document_metadata.hpp"

namespace vanban::doc {

/// A piece of text in one style. `loc` is where the text came from (the case value for a field, else the
/// template); `field` names the context field it came from ("" for template text), for error messages.
struct Run {
  std::string text;
  bool bold = false;
  bool italic = false;
  SourceLoc loc;
  std::string field;
};

/// What a paragraph is, which fixes its typography.
enum class ParagraphRole {
  body,      ///< justified, first-line indent
  basis,     ///< căn cứ line: italic, justified, first-line indent
  article,   ///< starts with the bold "Điều N." run
  heading,   ///< centred bold line, e.g. "QUYẾT ĐỊNH:" or the deciding authority
  centered,  ///< centred regular line
};

struct Paragraph {
  ParagraphRole role = ParagraphRole::body;
  std::vector<Run> runs;
  SourceLoc loc;
};

/// The two-column header (Phụ lục I boxes 1–4): agency block left, Quốc hiệu and Tiêu ngữ right.
struct Header {
  std::optional<std::string> parent_agency;  ///< upper case, regular
  std::string agency;                        ///< upper case, bold, with a short rule below
  std::string number_line;                   ///< "Số: 123/QĐ-CCTHADS"
  std::string place_date;                    ///< "Quỳ Hợp, ngày 05 tháng 3 năm 2024", italic
  /// A công văn's subject (box 5b), "V/v …", under Số; empty for a document with a type name and a title.
  std::vector<std::string> letter_subject;
  std::string national_title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  std::string motto = "Độc lập - Tự do - Hạnh phúc";
  SourceLoc loc;
};

/// Document type and trích yếu (box 5a), centred bold with a short rule below.
struct Title {
  std::string type_name;                   ///< upper case: "QUYẾT ĐỊNH"
  std::vector<std::string> subject_lines;  ///< "Về việc thi hành án"
  SourceLoc loc;
};

/// "Kính gửi:" and one or more addressees (box 9a).
struct Addressee {
  std::vector<std::vector<Run>> lines;
  SourceLoc loc;
};

/// Signature block (box 7) beside the recipient list (box 9b).
struct Signature {
  std::vector<std::string> authority_lines;  ///< upper case: {"KT. CHI CỤC TRƯỞNG", "PHÓ CHI CỤC TRƯỞNG"}
  std::string signer_name;
  std::vector<std::string> recipients;  ///< "- Như Điều 3;" … "- Lưu: VT, HSTHA."; empty: no "Nơi nhận:"
  SourceLoc loc;
};

enum class CellAlign { left, center, right };

struct TableColumn {
  std::string header;
  CellAlign align = CellAlign::left;
};

/// A bordered table; the header row repeats on every page.
struct Table {
  std::vector<TableColumn> columns;
  std::vector<std::vector<std::vector<Run>>> rows;  ///< rows × cells × runs
  SourceLoc loc;
};

/// A bar chart drawn as vector graphics (rectangles and fills): one bar per item, each a percentage from 0 to 100.
struct BarChart {
  struct Bar {
    std::string label;       ///< under the bar: an officer's name, "Tháng 3/2024"
    double percent = 0;      ///< 0–100: the bar's height
    std::string value_text;  ///< over the bar: "52,87"
  };
  std::string title;  ///< centred above the chart
  std::vector<Bar> bars;
  std::optional<double> target;  ///< a line across the chart at this percentage
  std::string target_label;      ///< beside that line: "Chỉ tiêu 47,50 %"
  SourceLoc loc;
};

/// Forces the next block onto a new page.
struct PageBreak {
  SourceLoc loc;
};

using Block = std::variant<Header, Title, Addressee, Paragraph, Table, Signature, BarChart, PageBreak>;

struct Document {
  model::DocumentMetadata metadata;  ///< what the document is, for the PDF's metadata and the archive
  std::vector<Block> blocks;
};

/// The text of a run list joined.
std::string plain_text(const std::vector<Run>& runs);

}  // namespace vanban::doc
