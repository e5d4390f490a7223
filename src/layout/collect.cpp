// Collecting: each doc block becomes a FlowBlock of bands, with the typography of the Nghị định 30 profile.

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>
#include <variant>

#include "base/utf8.hpp"
#include "layout/flow.hpp"
#include "layout/layout.hpp"

namespace vanban::layout {

namespace {

// Preference for breaking a centred upper-case line before an administrative unit ("… DÂN SỰ / HUYỆN QUỲ HỢP"),
// and, stronger, between a title and the agency it heads ("CHI CỤC TRƯỞNG / CHI CỤC THI HÀNH ÁN …").
constexpr double kUnitBreakBonus = 60;
constexpr double kAgencyBreakBonus = 100;
constexpr double kRuleGap = 1.5;         // between the lowest mark of a line and a rule under it
constexpr double kNumberGap = 6;         // between the header rules and the Số / date line
constexpr double kColumnGap = 12;        // the agency lines wrap this much short of their column (6 pt each side)
constexpr double kLetterSubjectGap = 6;  // between Số and a công văn's "V/v …" line
constexpr double kTitleSpaceBefore = 18;
constexpr double kCentredMeasure = 0.85;  // centred headings and the trích yếu, as a share of the text width
constexpr double kSignatureSpaceBefore = 12;
constexpr double kColumnGutter = 6;  // between the recipient list and the signature column
constexpr std::size_t kSignatureCarriesLines = 2;
constexpr double kSignatureRowGap = 18;  // between rows of signatures in a biên bản

// Widest line among texts [from, size), one line per distinct baseline.
double widest_line(const Slice& slice, std::size_t from) {
  double widest = 0;
  for (std::size_t i = from; i < slice.texts.size();) {
    const double baseline = slice.texts[i].baseline;
    double low = slice.texts[i].x, high = low + slice.texts[i].width;
    for (; i < slice.texts.size() && slice.texts[i].baseline == baseline; ++i) {
      low = std::min(low, slice.texts[i].x);
      high = std::max(high, slice.texts[i].x + slice.texts[i].width);
    }
    widest = std::max(widest, high - low);
  }
  return widest;
}

double last_baseline(const Slice& slice) { return slice.texts.empty() ? 0 : slice.texts.back().baseline; }

// Whether the runs end with ":" (a lead-in such as "Các khoản phải thi hành:", kept with what follows).
bool ends_with_colon(const std::vector<doc::Run>& runs) {
  const std::string text = doc::plain_text(runs);
  const auto last = text.find_last_not_of(' ');
  return last != std::string::npos && text[last] == ':';
}

class Collector {
 public:
  Collector(const FontMetrics& metrics, const Profile& profile, Diagnostics& diagnostics)
      : setter_(metrics, profile, diagnostics), profile_(profile), left_(setter_.left()), width_(setter_.width()) {
    for (const auto& unit : profile.preferred_header_breaks) header_starts_.push_back({unit, kUnitBreakBonus});
    for (const auto& phrase : profile.unbreakable_phrases) header_starts_.push_back({phrase, 0});
    heading_starts_ = header_starts_;
    for (const auto& agency : profile.agency_name_starts) heading_starts_.push_back({agency, kAgencyBreakBonus});
  }

  std::vector<FlowBlock> collect(const doc::Document& document) {
    bool break_next = false;
    for (std::size_t i = 0; i < document.blocks.size(); ++i) {
      const doc::Block& block = document.blocks[i];
      if (std::holds_alternative<doc::PageBreak>(block)) {
        break_next = true;
        continue;
      }
      // Signatures one after another (the parties of a biên bản) share one block, two to a row.
      std::vector<const doc::Signature*> signatures;
      for (std::size_t j = i; j < document.blocks.size(); ++j) {
        const auto* signature = std::get_if<doc::Signature>(&document.blocks[j]);
        if (signature == nullptr || !signature->recipients.empty()) break;
        signatures.push_back(signature);
      }
      FlowBlock flow;
      if (signatures.size() > 1) {
        flow = signature_rows(signatures);
        i += signatures.size() - 1;
      } else {
        flow = std::visit([this](const auto& b) { return this->block(b); }, block);
      }
      if (flow.slices.empty()) continue;  // an empty paragraph or section leaves no trace
      flow.page_break_before = break_next;
      break_next = false;
      blocks_.push_back(std::move(flow));
    }
    return std::move(blocks_);
  }

 private:
  // Centred upper-case lines (agency names, headings) prefer to wrap before a unit or an agency name.
  std::vector<BrokenLine> centred(const std::vector<StyledSpan>& spans, double width,
                                  const std::vector<PreferredStart>& starts) const {
    LineSpec spec;
    spec.width = width;
    spec.alignment = Alignment::center;
    spec.preferred_starts = &starts;
    return setter_.lines(spans, spec);
  }

  double single(double size) const { return size * kSingleLine; }

  PlacedRule centered_rule(double center, double length, double y) const {
    return PlacedRule{center - length / 2, y, center + length / 2, y, profile_.rule_thickness};
  }

  // One line of text centred on `center`, or several when it is wider than `width`; returns the y below.
  double centred_text(Slice& slice, const StyledSpan& text, double center, double width, double y) const {
    const double size = text.size;
    const double natural = text_width(setter_.metrics(), text.face, size, text.text);
    if (natural <= width) {  // placed as written: the blank of a draft number ("Số:      /QĐ-…") stays
      slice.texts.push_back(PlacedText{center - natural / 2, y + setter_.baseline_in(single(size), size), text.face,
                                       size, text.text, natural, 0});
      return y + single(size);
    }
    return setter_.stack(slice, setter_.lines({text}, width, Alignment::center), center - width / 2, y, size,
                         single(size));
  }

  // ---- blocks --------------------------------------------------------------------------------
  FlowBlock block(const doc::Header& header) {
    Slice slice;
    // The Quốc hiệu and the Tiêu ngữ each stay on one line: with wide margins the agency column gives way.
    const double national_width =
        std::max(text_width(setter_.metrics(), Face::bold, profile_.national_title_size, header.national_title),
                 text_width(setter_.metrics(), Face::bold, profile_.motto_size, header.motto)) +
        1;
    const double right_width = std::min(width_ / 2 + profile_.header_left_width / 2,
                                        std::max(width_ - profile_.header_left_width, national_width));
    const double left_width = width_ - right_width;
    const double right_x = left_ + left_width;
    const double left_center = left_ + left_width / 2;
    // The agency lines wrap short of the column's edge, so that a line filling it ("CỤC QUẢN LÝ THI HÀNH ÁN DÂN SỰ")
    // never runs into the Quốc hiệu beside it.
    const double agency_width = left_width - kColumnGap;
    const double agency_x = left_center - agency_width / 2;
    const double right_center = right_x + right_width / 2;

    // Left column: parent agency (regular), agency (bold), a short centred rule under the agency.
    double y = 0;
    if (header.parent_agency)
      y = setter_.stack(
          slice,
          centred({span(*header.parent_agency, Face::regular, profile_.agency_size, header.loc, "agency.parent")},
                  agency_width, header_starts_),
          agency_x, y, profile_.agency_size, single(profile_.agency_size));
    const std::size_t agency_from = slice.texts.size();
    setter_.stack(slice,
                  centred({span(header.agency, Face::bold, profile_.agency_size, header.loc, "agency.name")},
                          agency_width, header_starts_),
                  agency_x, y, profile_.agency_size, single(profile_.agency_size));
    const double agency_rule_y = setter_.rule_under(last_baseline(slice), profile_.agency_size);
    slice.rules.push_back(
        centered_rule(left_center, widest_line(slice, agency_from) * profile_.agency_rule_fraction, agency_rule_y));

    // Right column: Quốc hiệu, Tiêu ngữ with a rule its full length.
    double right_y = setter_.stack(
        slice,
        centred({span(header.national_title, Face::bold, profile_.national_title_size, header.loc)}, right_width, {}),
        right_x, 0, profile_.national_title_size, single(profile_.national_title_size));
    const std::size_t motto_from = slice.texts.size();
    setter_.stack(slice, centred({span(header.motto, Face::bold, profile_.motto_size, header.loc)}, right_width, {}),
                  right_x, right_y, profile_.motto_size, single(profile_.motto_size));
    const double motto_rule_y = setter_.rule_under(last_baseline(slice), profile_.motto_size);
    slice.rules.push_back(centered_rule(right_center, widest_line(slice, motto_from), motto_rule_y));

    // Số, ký hiệu under the agency; place and date, italic, under the motto, on the same first baseline.
    const double top = std::max(agency_rule_y, motto_rule_y) + kNumberGap;
    const double larger = std::max(profile_.number_size, profile_.place_date_size);
    const double baseline = top + setter_.baseline_in(single(larger), larger);
    const auto top_for = [&](double size) { return baseline - setter_.baseline_in(single(size), size); };
    const double number_bottom =
        centred_text(slice, span(header.number_line, Face::regular, profile_.number_size, header.loc), left_center,
                     left_width, top_for(profile_.number_size));
    const double date_bottom = setter_.stack(
        slice,
        centred({span(header.place_date, Face::italic, profile_.place_date_size, header.loc, "agency.place")},
                right_width, {}),
        right_x, top_for(profile_.place_date_size), profile_.place_date_size, single(profile_.place_date_size));
    // A công văn's subject, "V/v …", 6 pt under Số, centred in the agency column.
    double left_bottom = number_bottom;
    if (!header.letter_subject.empty()) {
      const double size = profile_.letter_subject_size;
      left_bottom += kLetterSubjectGap;
      for (const auto& line : header.letter_subject)
        left_bottom = setter_.stack(slice, centred({span(line, Face::regular, size, header.loc)}, left_width, {}),
                                    left_, left_bottom, size, single(size));
    }
    slice.height = std::max(left_bottom, date_bottom);
    FlowBlock flow;
    flow.slices.push_back(std::move(slice));
    flow.keep_together = true;
    flow.keep_with_next = true;
    return flow;
  }

  FlowBlock block(const doc::Title& title) {
    Slice slice;
    const double size = profile_.title_size;
    double y = setter_.stack(slice, centred({span(title.type_name, Face::bold, size, title.loc)}, width_, {}), left_, 0,
                             size, single(size));
    std::string joined;
    for (const auto& line : title.subject_lines) joined += (joined.empty() ? "" : " ") + line;
    if (!joined.empty()) {
      const std::size_t subject_from = slice.texts.size();
      y = setter_.stack(slice, centred({span(joined, Face::bold, size, title.loc)}, width_ * kCentredMeasure, {}),
                        left_ + width_ * (1 - kCentredMeasure) / 2, y, size, single(size));
      const double rule_y = setter_.rule_under(last_baseline(slice), size);
      slice.rules.push_back(
          centered_rule(left_ + width_ / 2, widest_line(slice, subject_from) * profile_.subject_rule_fraction, rule_y));
      y = std::max(y, rule_y + profile_.rule_thickness);
    }
    slice.height = y;
    FlowBlock flow;
    flow.slices.push_back(std::move(slice));
    flow.space_before = kTitleSpaceBefore;
    flow.keep_together = true;
    flow.keep_with_next = true;
    return flow;
  }

  // One band per line, `line_height` high.
  static void add_lines(FlowBlock& flow, const std::vector<BrokenLine>& broken, double x, double line_height,
                        double baseline) {
    for (const auto& line : broken) {
      Slice slice;
      slice.height = line_height;
      for (auto text : line.texts) {
        text.x += x;
        text.baseline = baseline;
        slice.texts.push_back(std::move(text));
      }
      flow.slices.push_back(std::move(slice));
    }
  }

  FlowBlock block(const doc::Paragraph& paragraph) {
    const double size = profile_.body_size;
    const double height = body_line_height(profile_);
    std::vector<StyledSpan> spans;
    const bool italic_role = paragraph.role == doc::ParagraphRole::basis;
    const bool heading = paragraph.role == doc::ParagraphRole::heading;
    for (const auto& run : paragraph.runs)
      spans.push_back(
          span(run.text, face_of(run.bold || heading, run.italic || italic_role), size, run.loc, run.field));
    std::vector<BrokenLine> broken;
    double x = left_;
    if (heading || paragraph.role == doc::ParagraphRole::centered) {
      // Centred lines keep clear of the margins, as the title does: a heading filling the whole measure
      // ("CHI CỤC TRƯỞNG CHI CỤC THI HÀNH ÁN …") wraps between the title and the agency instead.
      const double measure = width_ * kCentredMeasure;
      x += (width_ - measure) / 2;
      broken = centred(spans, measure, heading ? heading_starts_ : header_starts_);
    } else {
      broken = setter_.lines(spans, width_, Alignment::justify, profile_.first_line_indent);
    }
    FlowBlock flow;
    flow.space_before = profile_.paragraph_spacing;
    add_lines(flow, broken, x, height, setter_.baseline_in(height, size));
    flow.orphans = 2;
    flow.widows = 2;
    if (heading) {
      flow.keep_together = true;
      flow.keep_with_next = true;
      flow.space_before = profile_.paragraph_spacing * 2;
    } else if (ends_with_colon(paragraph.runs)) {
      flow.keep_with_next = true;
    }
    return flow;
  }

  FlowBlock block(const doc::Addressee& addressee) {
    const double size = profile_.body_size;
    const double height = body_line_height(profile_);
    const std::string label = "Kính gửi: ";
    const double label_width = text_width(setter_.metrics(), Face::regular, size, label);
    const double x = left_ + profile_.first_line_indent * 2;
    const double width = width_ - (x - left_);
    FlowBlock flow;
    flow.space_before = profile_.paragraph_spacing * 2;
    for (std::size_t i = 0; i < addressee.lines.size(); ++i) {
      std::vector<StyledSpan> spans;
      if (i == 0) spans.push_back(span(label, Face::regular, size, addressee.loc));
      for (const auto& run : addressee.lines[i])
        spans.push_back(span(run.text, face_of(run.bold, run.italic), size, run.loc, run.field));
      // "Kính gửi:" then the addressees aligned after it; a wrapped addressee hangs there too.
      const double line_width = width - (i == 0 ? 0 : label_width);
      add_lines(flow, setter_.lines(spans, line_width, Alignment::left, 0, i == 0 ? label_width : 0),
                x + (i == 0 ? 0 : label_width), height, setter_.baseline_in(height, size));
    }
    flow.orphans = 2;
    flow.widows = 2;
    flow.keep_together = true;  // unless taller than a page
    return flow;
  }

  // The authority lines of a signature (prefix, title), centred in a column `column` wide.
  std::vector<BrokenLine> authority_lines(const doc::Signature& signature, double column) const {
    std::vector<BrokenLine> lines;
    for (const auto& line : signature.authority_lines)
      for (auto& broken :
           centred({span(line, Face::bold, profile_.signature_size, signature.loc)}, column, heading_starts_))
        lines.push_back(std::move(broken));
    return lines;
  }

  // One signature in a column at `x`: its authority lines from `y`, the room for the handwritten signature and
  // seal from `room_top` (at least below those lines, so that signatures side by side line up), then the name.
  // Returns the y below the name.
  double place_signature(Slice& slice, const doc::Signature& signature, double x, double column, double y,
                         double room_top) const {
    const double size = profile_.signature_size;
    y = setter_.stack(slice, authority_lines(signature, column), x, y, size, single(size));
    y = std::max(y, room_top);
    slice.signature_boxes.push_back(SignatureBox{x, y, column, profile_.signature_gap});
    y += profile_.signature_gap;
    return setter_.stack(
        slice, centred({span(signature.signer_name, Face::bold, size, signature.loc, "signer.name")}, column, {}), x, y,
        size, single(size));
  }

  // The signatures of a biên bản, two to a row in half-width columns: the last one (the officer who drew up the
  // record, the chairman of a council) at the top right where a document's signer stands, the others in order
  // from the top left, a lone last one on the left. The officer's room comes first, so it is the PDF's "signer"
  // field. The rows stay together with the last lines of the text.
  FlowBlock signature_rows(const std::vector<const doc::Signature*>& signatures) {
    const double column = width_ / 2;
    const double size = profile_.signature_size;
    std::vector<const doc::Signature*> order{signatures.back()};
    order.insert(order.end(), signatures.begin(), signatures.end() - 1);
    FlowBlock flow;
    flow.space_before = kSignatureSpaceBefore;
    flow.keep_with_previous = true;
    flow.carry_lines = kSignatureCarriesLines;
    flow.keep_together = true;  // unless taller than a page
    for (std::size_t i = 0; i < order.size(); i += 2) {
      std::vector<std::pair<const doc::Signature*, double>> cells;
      if (i == 0) cells = {{order[0], left_ + column}, {order[1], left_}};
      else if (i + 1 < order.size()) cells = {{order[i], left_}, {order[i + 1], left_ + column}};
      else cells = {{order[i], left_}};
      const double top = i == 0 ? 0 : kSignatureRowGap;
      double room_top = top;
      for (const auto& [signature, x] : cells) {
        const auto title_lines = static_cast<double>(authority_lines(*signature, column).size());
        room_top = std::max(room_top, top + single(size) * title_lines);
      }
      Slice slice;
      for (const auto& [signature, x] : cells)
        slice.height = std::max(slice.height, place_signature(slice, *signature, x, column, top, room_top));
      flow.slices.push_back(std::move(slice));
    }
    return flow;
  }

  FlowBlock block(const doc::Signature& signature) {
    Slice slice;
    const double column = profile_.signature_column_width;
    const double right_x = left_ + width_ - column;
    const double first_baseline = setter_.baseline_in(single(profile_.signature_size), profile_.signature_size);
    const double y = place_signature(slice, signature, right_x, column, 0, 0);
    slice.height = y;
    FlowBlock flow;
    flow.space_before = kSignatureSpaceBefore;
    flow.keep_with_previous = true;
    flow.carry_lines = kSignatureCarriesLines;
    if (!signature.recipients.empty()) {
      // "Nơi nhận:" at the left margin on the baseline of the first authority line; the list under it, 11 pt,
      // beside the signature as far as it reaches, then one band per line.
      const double heading_size = profile_.recipients_heading_size;
      const std::string heading = "Nơi nhận:";
      slice.texts.push_back(PlacedText{left_, first_baseline, Face::bold_italic, heading_size, heading,
                                       text_width(setter_.metrics(), Face::bold_italic, heading_size, heading), 0});
      const double item_size = profile_.recipients_size;
      const double item_height = single(item_size);
      const double dash = text_width(setter_.metrics(), Face::regular, item_size, "- ");
      const double list_width = width_ - column - kColumnGutter;
      double list_y = first_baseline + single(heading_size) - setter_.baseline_in(single(heading_size), heading_size);
      std::vector<BrokenLine> items;
      std::vector<bool> continues;  // a wrapped recipient's later lines stay with its first
      for (const auto& item : signature.recipients) {
        auto lines =
            setter_.lines({span(item, Face::regular, item_size, signature.loc)}, list_width, Alignment::left, 0, dash);
        for (std::size_t l = 0; l < lines.size(); ++l) {
          items.push_back(std::move(lines[l]));
          continues.push_back(l > 0);
        }
      }
      std::size_t beside = 0;
      // Every line that starts beside the signature stays there, so that the list goes on below it without a gap.
      while (beside < items.size() && list_y + item_height * static_cast<double>(beside) < slice.height) ++beside;
      while (beside < items.size() && continues[beside]) ++beside;                    // a recipient stays whole
      if (beside < items.size() && beside + 2 > items.size()) beside = items.size();  // no lonely last line
      const std::vector<BrokenLine> first(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(beside));
      list_y = setter_.stack(slice, first, left_, list_y, item_size, item_height);
      slice.height = std::max(slice.height, list_y);
      flow.slices.push_back(std::move(slice));
      const std::vector<BrokenLine> rest(items.begin() + static_cast<std::ptrdiff_t>(beside), items.end());
      add_lines(flow, rest, left_, item_height, setter_.baseline_in(item_height, item_size));
      for (std::size_t i = beside; i < items.size(); ++i) flow.slices[1 + i - beside].keep_with_previous = continues[i];
      flow.widows = 2;
    } else {
      flow.slices.push_back(std::move(slice));
    }
    return flow;
  }

  FlowBlock block(const doc::Table& table) { return table_block(setter_, table); }

  FlowBlock block(const doc::BarChart& chart) { return chart_block(setter_, chart); }

  FlowBlock block(const doc::PageBreak&) { return {}; }

  Typesetter setter_;
  const Profile& profile_;
  double left_;
  double width_;
  std::vector<PreferredStart> header_starts_;
  std::vector<PreferredStart> heading_starts_;
  std::vector<FlowBlock> blocks_;
};

}  // namespace

StyledSpan span(std::string text, Face face, double size, const SourceLoc& loc, std::string field) {
  return StyledSpan{std::move(text), face, size, loc, std::move(field)};
}

Typesetter::Typesetter(const FontMetrics& metrics, const Profile& profile, Diagnostics& diagnostics)
    : metrics_(metrics),
      profile_(profile),
      diagnostics_(diagnostics),
      left_(profile.margin_left),
      width_(profile.page_width - profile.margin_left - profile.margin_right) {}

std::vector<BrokenLine> Typesetter::lines(const std::vector<StyledSpan>& spans, const LineSpec& spec) const {
  return break_lines(spans, spec, metrics_, diagnostics_);
}

std::vector<BrokenLine> Typesetter::lines(const std::vector<StyledSpan>& spans, double width, Alignment alignment,
                                          double first_indent, double hanging) const {
  LineSpec spec;
  spec.width = width;
  spec.first_indent = first_indent;
  spec.hanging_indent = hanging;
  spec.alignment = alignment;
  return lines(spans, spec);
}

double Typesetter::baseline_in(double line_height, double size) const {
  const FaceMetrics m = metrics_.metrics(Face::regular);
  const double box = (m.ascent - m.descent) * size / 1000.0;
  return (line_height - box) / 2 + m.ascent * size / 1000.0;
}

double Typesetter::stack(Slice& slice, const std::vector<BrokenLine>& broken, double x, double y, double size,
                         double line_height) const {
  for (const auto& line : broken) {
    const double baseline = y + baseline_in(line_height, size);
    for (auto text : line.texts) {
      text.x += x;
      text.baseline = baseline;
      slice.texts.push_back(std::move(text));
    }
    y += line_height;
  }
  return y;
}

double Typesetter::rule_under(double baseline, double size) const {
  const FaceMetrics m = metrics_.metrics(Face::regular);
  // Marks below (the dot of "ạ", "ệ") reach a little below the font's descent.
  return baseline - m.descent * size / 1000.0 * 1.05 + kRuleGap + profile_.rule_thickness / 2;
}

namespace {

// Counts a document's characters until they pass kMaxDocumentCharacters; the place where they do, else nullopt.
class SizeCheck {
 public:
  std::optional<SourceLoc> crossing(const doc::Document& document) {
    for (const auto& block : document.blocks) {
      std::visit([&](const auto& b) { add(b); }, block);
      if (crossed_) return where_;
    }
    return std::nullopt;
  }

 private:
  void add(std::string_view text, const SourceLoc& loc) {
    if (crossed_) return;
    count_ += utf8::length(text);
    if (count_ > kMaxDocumentCharacters) {
      crossed_ = true;
      where_ = loc;
    }
  }
  void add(const std::vector<doc::Run>& runs) {
    for (const auto& run : runs) add(run.text, run.loc);
  }
  void add(const doc::Header& header) {
    for (const auto* text : {&header.agency, &header.number_line, &header.place_date}) add(*text, header.loc);
    if (header.parent_agency) add(*header.parent_agency, header.loc);
    for (const auto& line : header.letter_subject) add(line, header.loc);
  }
  void add(const doc::Title& title) {
    add(title.type_name, title.loc);
    for (const auto& line : title.subject_lines) add(line, title.loc);
  }
  void add(const doc::Addressee& addressee) {
    for (const auto& line : addressee.lines) add(line);
  }
  void add(const doc::Paragraph& paragraph) { add(paragraph.runs); }
  void add(const doc::Table& table) {
    for (const auto& column : table.columns) add(column.header, table.loc);
    for (const auto& row : table.rows)
      for (const auto& cell : row) add(cell);
  }
  void add(const doc::Signature& signature) {
    for (const auto& line : signature.authority_lines) add(line, signature.loc);
    add(signature.signer_name, signature.loc);
    for (const auto& line : signature.recipients) add(line, signature.loc);
  }
  void add(const doc::BarChart& chart) {
    add(chart.title, chart.loc);
    for (const auto& bar : chart.bars) {
      add(bar.label, chart.loc);
      add(bar.value_text, chart.loc);
    }
    add(chart.target_label, chart.loc);
  }
  void add(const doc::PageBreak&) {}

  std::size_t count_ = 0;
  bool crossed_ = false;
  SourceLoc where_;
};

SourceLoc first_loc(const doc::Document& document) {
  for (const auto& block : document.blocks) {
    const SourceLoc loc = std::visit([](const auto& b) { return b.loc; }, block);
    if (loc.line > 0) return loc;
  }
  return {};
}

}  // namespace

PageSet lay_out(const doc::Document& document, const FontMetrics& metrics, const Profile& profile,
                Diagnostics& diagnostics) {
  PageSet result;
  result.width = profile.page_width;
  result.height = profile.page_height;
  if (const auto where = SizeCheck().crossing(document)) {
    diagnostics.error("E0503", *where,
                      "văn bản quá dài: nội dung vượt " + std::to_string(kMaxDocumentCharacters) + " ký tự (hơn " +
                          std::to_string(kMaxPages) + " trang) tại trường này; không dàn trang");
    return result;
  }
  Collector collector(metrics, profile, diagnostics);
  result.pages = paginate(collector.collect(document), profile.margin_top, profile.page_height - profile.margin_bottom);
  if (result.pages.size() > kMaxPages) {
    diagnostics.error("E0503", first_loc(document),
                      "văn bản quá dài: " + std::to_string(result.pages.size()) + " trang, giới hạn " +
                          std::to_string(kMaxPages) + " trang");
    result.pages.clear();
    return result;
  }
  // Page numbers from page 2, centred in the top margin (horizontally over the text area).
  for (std::size_t p = 1; p < result.pages.size(); ++p) {
    const std::string number = std::to_string(p + 1);
    const double width = text_width(metrics, Face::regular, profile.page_number_size, number);
    const FaceMetrics m = metrics.metrics(Face::regular);
    const double box = (m.ascent - m.descent) * profile.page_number_size / 1000.0;
    result.pages[p].texts.insert(
        result.pages[p].texts.begin(),
        PlacedText{(profile.page_width + profile.margin_left - profile.margin_right) / 2 - width / 2,
                   (profile.margin_top - box) / 2 + m.ascent * profile.page_number_size / 1000.0, Face::regular,
                   profile.page_number_size, number, width, 0});
  }
  return result;
}

}  // namespace vanban::layout
