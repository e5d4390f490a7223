// Collecting: each doc block becomes a FlowBlock of bands, with the typography of the Nghị định 30 profile.

#include <algorithm>
#include <cmath>

#include "layout/flow.hpp"
#include "layout/layout.hpp"
#include "layout/linebreak.hpp"

namespace vanban::layout {

namespace {

// Single spacing (the font's own line height) for header, signature and tables.
constexpr double kTightSpacing = 1.15;

class Collector {
 public:
  Collector(const FontMetrics& metrics, const Profile& profile, Diagnostics& diagnostics)
      : metrics_(metrics), profile_(profile), diagnostics_(diagnostics),
        left_(profile.margin_left), width_(profile.page_width - profile.margin_left - profile.margin_right) {}

  std::vector<FlowBlock> collect(const doc::Document& document) {
    bool break_next = false;
    for (const auto& block : document.blocks) {
      if (std::holds_alternative<doc::PageBreak>(block)) {
        break_next = true;
        continue;
      }
      FlowBlock flow = std::visit([this](const auto& b) { return this->block(b); }, block);
      flow.page_break_before = break_next;
      break_next = false;
      blocks_.push_back(std::move(flow));
    }
    return std::move(blocks_);
  }

 private:
  // ---- helpers -------------------------------------------------------------------------------
  double baseline_in(double line_height, double size) const {
    const FaceMetrics m = metrics_.metrics(Face::regular);
    const double box = (m.ascent - m.descent) * size / 1000.0;
    return (line_height - box) / 2 + m.ascent * size / 1000.0;
  }

  std::vector<BrokenLine> lines(const std::vector<StyledSpan>& spans, double width, Alignment alignment,
                                double first_indent = 0, double hanging = 0) {
    LineSpec spec;
    if (alignment == Alignment::center) spec.preferred_line_starts = &profile_.preferred_header_breaks;
    spec.width = width;
    spec.first_indent = first_indent;
    spec.hanging_indent = hanging;
    spec.alignment = alignment;
    return break_lines(spans, spec, metrics_, diagnostics_);
  }

  static StyledSpan span(std::string text, Face face, double size, const SourceLoc& loc, std::string field = {}) {
    return StyledSpan{std::move(text), face, size, loc, std::move(field)};
  }

  // Appends lines to a slice at x offset `x`, starting at `y` (top of the first line); returns the new y.
  double stack(Slice& slice, const std::vector<BrokenLine>& broken, double x, double y, double size,
               double spacing) const {
    const double height = size * spacing;
    for (const auto& line : broken) {
      const double baseline = y + baseline_in(height, size);
      for (auto text : line.texts) {
        text.x += x;
        text.baseline = baseline;
        slice.texts.push_back(std::move(text));
      }
      y += height;
    }
    return y;
  }

  // The last baseline placed in a slice, and the widest extent of the texts after `from`.
  static double last_baseline(const Slice& slice) { return slice.texts.empty() ? 0 : slice.texts.back().baseline; }
  static std::pair<double, double> extent(const Slice& slice, std::size_t from) {
    double low = 1e9, high = -1e9;
    for (std::size_t i = from; i < slice.texts.size(); ++i) {
      low = std::min(low, slice.texts[i].x);
      high = std::max(high, slice.texts[i].x + slice.texts[i].width);
    }
    return {low, high};
  }

  // Widest line among texts [from, size), one line per distinct baseline.
  static double widest_line(const Slice& slice, std::size_t from) {
    double widest = 0;
    for (std::size_t i = from; i < slice.texts.size();) {
      const double baseline = slice.texts[i].baseline;
      double low = slice.texts[i].x, high = low;
      for (; i < slice.texts.size() && slice.texts[i].baseline == baseline; ++i)
        high = std::max(high, slice.texts[i].x + slice.texts[i].width);
      widest = std::max(widest, high - low);
    }
    return widest;
  }

  PlacedRule centered_rule(double center, double length, double y) const {
    return PlacedRule{center - length / 2, y, center + length / 2, y, profile_.rule_thickness};
  }

  // ---- blocks --------------------------------------------------------------------------------
  FlowBlock block(const doc::Header& header) {
    Slice slice;
    const double left_width = profile_.header_left_width;
    const double right_x = left_ + left_width;
    const double right_width = width_ - left_width;
    const double left_center = left_ + left_width / 2;

    // Left column: parent agency (regular), agency (bold), a short rule under the agency.
    double y = 0;
    if (header.parent_agency)
      y = stack(slice, lines({span(*header.parent_agency, Face::regular, profile_.agency_size, header.loc, "agency.parent")},
                             left_width, Alignment::center),
                left_, y, profile_.agency_size, kTightSpacing);
    const std::size_t agency_from = slice.texts.size();
    y = stack(slice, lines({span(header.agency, Face::bold, profile_.agency_size, header.loc, "agency.name")}, left_width,
                           Alignment::center),
              left_, y, profile_.agency_size, kTightSpacing);
    const double agency_rule_y = last_baseline(slice) + 3.5;
    slice.rules.push_back(
        centered_rule(left_center, widest_line(slice, agency_from) * profile_.agency_rule_fraction, agency_rule_y));

    // Right column: Quốc hiệu, Tiêu ngữ with a rule its full length.
    double right_y = 0;
    right_y = stack(slice, lines({span(header.national_title, Face::bold, profile_.national_title_size, header.loc)},
                                 right_width, Alignment::center),
                    right_x, right_y, profile_.national_title_size, kTightSpacing);
    const std::size_t motto_from = slice.texts.size();
    stack(slice, lines({span(header.motto, Face::bold, profile_.motto_size, header.loc)}, right_width, Alignment::center),
          right_x, right_y, profile_.motto_size, kTightSpacing);
    const auto [motto_low, motto_high] = extent(slice, motto_from);
    const double motto_rule_y = last_baseline(slice) + 3.5;
    slice.rules.push_back(PlacedRule{motto_low, motto_rule_y, motto_high, motto_rule_y, profile_.rule_thickness});

    // Số, ký hiệu under the agency; place and date, italic, under the motto, on the same baseline.
    const double baseline = std::max(agency_rule_y, motto_rule_y) + 6 + profile_.number_size;
    const double number_width = text_width(metrics_, Face::regular, profile_.number_size, header.number_line);
    slice.texts.push_back(PlacedText{left_center - number_width / 2, baseline, Face::regular, profile_.number_size,
                                     header.number_line, number_width, 0});
    auto place = lines({span(header.place_date, Face::italic, profile_.place_date_size, header.loc, "agency.place")},
                       right_width, Alignment::center);
    for (auto& text : place.empty() ? std::vector<PlacedText>{} : place.front().texts) {
      text.x += right_x;
      text.baseline = baseline;
      slice.texts.push_back(text);
    }
    slice.height = baseline + profile_.number_size * 0.5;
    FlowBlock flow;
    flow.slices.push_back(std::move(slice));
    flow.keep_together = true;
    flow.keep_with_next = true;
    return flow;
  }

  FlowBlock block(const doc::Title& title) {
    Slice slice;
    double y = stack(slice, lines({span(title.type_name, Face::bold, profile_.title_size, title.loc)}, width_,
                                  Alignment::center),
                     left_, 0, profile_.title_size, kTightSpacing);
    std::vector<StyledSpan> subject;
    std::string joined;
    for (const auto& line : title.subject_lines) joined += (joined.empty() ? "" : " ") + line;
    const std::size_t subject_from = slice.texts.size();
    y = stack(slice, lines({span(joined, Face::bold, profile_.title_size, title.loc)}, width_ * 0.8, Alignment::center),
              left_ + width_ * 0.1, y, profile_.title_size, kTightSpacing);
    const double rule_y = last_baseline(slice) + 4;
    slice.rules.push_back(
        centered_rule(left_ + width_ / 2, widest_line(slice, subject_from) * profile_.subject_rule_fraction, rule_y));
    slice.height = std::max(y, rule_y + 2);
    FlowBlock flow;
    flow.slices.push_back(std::move(slice));
    flow.space_before = 18;
    flow.keep_together = true;
    flow.keep_with_next = true;
    return flow;
  }

  FlowBlock block(const doc::Paragraph& paragraph) {
    const double size = profile_.body_size;
    std::vector<StyledSpan> spans;
    const bool italic_role = paragraph.role == doc::ParagraphRole::basis;
    const bool bold_role = paragraph.role == doc::ParagraphRole::heading;
    for (const auto& run : paragraph.runs)
      spans.push_back(span(run.text, face_of(run.bold || bold_role, run.italic || italic_role), size, run.loc, run.field));
    Alignment alignment = Alignment::justify;
    double indent = profile_.first_line_indent;
    if (paragraph.role == doc::ParagraphRole::heading || paragraph.role == doc::ParagraphRole::centered) {
      alignment = Alignment::center;
      indent = 0;
    }
    FlowBlock flow;
    flow.space_before = profile_.paragraph_spacing;
    const double height = size * profile_.line_spacing;
    for (const auto& line : lines(spans, width_, alignment, indent)) {
      Slice slice;
      slice.height = height;
      for (auto text : line.texts) {
        text.x += left_;
        text.baseline = baseline_in(height, size);
        slice.texts.push_back(std::move(text));
      }
      flow.slices.push_back(std::move(slice));
    }
    flow.orphans = 2;
    flow.widows = 2;
    if (paragraph.role == doc::ParagraphRole::heading) {
      flow.keep_together = true;
      flow.keep_with_next = true;
      flow.space_before = profile_.paragraph_spacing * 2;
    }
    return flow;
  }

  FlowBlock block(const doc::Addressee& addressee) {
    const double size = profile_.body_size;
    const std::string label = "Kính gửi: ";
    const double label_width = text_width(metrics_, Face::regular, size, label);
    const double x = left_ + profile_.first_line_indent * 2;
    const double width = width_ - (x - left_);
    FlowBlock flow;
    flow.space_before = profile_.paragraph_spacing * 2;
    flow.keep_together = true;
    Slice slice;
    double y = 0;
    for (std::size_t i = 0; i < addressee.lines.size(); ++i) {
      std::vector<StyledSpan> spans;
      if (i == 0) spans.push_back(span(label, Face::regular, size, addressee.loc));
      for (const auto& run : addressee.lines[i])
        spans.push_back(span(run.text, face_of(run.bold, run.italic), size, run.loc, run.field));
      y = stack(slice, lines(spans, width - (i == 0 ? 0 : label_width), Alignment::left, 0,
                             i == 0 ? label_width : 0),
                x + (i == 0 ? 0 : label_width), y, size, profile_.line_spacing);
    }
    slice.height = y;
    flow.slices.push_back(std::move(slice));
    return flow;
  }

  FlowBlock block(const doc::Signature& signature) {
    Slice slice;
    const double column = profile_.signature_column_width;
    const double right_x = left_ + width_ - column;
    const double size = profile_.signature_size;
    double y = 0;
    for (const auto& line : signature.authority_lines)
      y = stack(slice, lines({span(line, Face::bold, size, signature.loc)}, column, Alignment::center), right_x, y, size,
                kTightSpacing);
    const double first_baseline = slice.texts.empty() ? baseline_in(size * kTightSpacing, size) : slice.texts.front().baseline;
    slice.signature_boxes.push_back(SignatureBox{right_x, y, column, profile_.signature_gap});
    y += profile_.signature_gap;
    y = stack(slice, lines({span(signature.signer_name, Face::bold, size, signature.loc, "signer.name")}, column,
                           Alignment::center),
              right_x, y, size, kTightSpacing);
    double left_y = 0;
    if (!signature.recipients.empty()) {
      const double recipients_width = width_ - column;
      const double heading_size = profile_.recipients_heading_size;
      const std::string heading = "Nơi nhận:";
      slice.texts.push_back(PlacedText{left_, first_baseline, Face::bold_italic, heading_size, heading,
                                       text_width(metrics_, Face::bold_italic, heading_size, heading), 0});
      left_y = first_baseline + heading_size * 0.4;
      const double item_size = profile_.recipients_size;
      const double dash = text_width(metrics_, Face::regular, item_size, "- ");
      for (const auto& item : signature.recipients)
        left_y = stack(slice, lines({span(item, Face::regular, item_size, signature.loc)}, recipients_width - 6,
                                    Alignment::left, 0, dash),
                       left_, left_y, item_size, kTightSpacing);
    }
    slice.height = std::max(y, left_y);
    FlowBlock flow;
    flow.slices.push_back(std::move(slice));
    flow.space_before = 12;
    flow.keep_together = true;
    flow.keep_with_previous = true;
    return flow;
  }

  FlowBlock block(const doc::Table& table) {
    const double size = profile_.body_size - 1;
    const double padding = 3;
    const std::size_t columns = table.columns.size();
    // Column widths from content: at least the widest word, ideally the widest cell, within the text width.
    std::vector<double> minimum(columns, 2 * padding), natural(columns, 2 * padding);
    const auto measure = [&](std::size_t c, const std::vector<doc::Run>& runs, bool bold) {
      double whole = 0, word = 0, longest = 0;
      for (const auto& run : runs) {
        const Face face = face_of(bold || run.bold, run.italic);
        whole += text_width(metrics_, face, size, run.text);
        for (const char ch : run.text) {
          if (ch == ' ') {
            longest = std::max(longest, word);
            word = 0;
          } else {
            word += text_width(metrics_, face, size, std::string(1, ch));
          }
        }
      }
      longest = std::max(longest, word);
      minimum[c] = std::max(minimum[c], longest + 2 * padding);
      natural[c] = std::max(natural[c], whole + 2 * padding);
    };
    for (std::size_t c = 0; c < columns; ++c) measure(c, {doc::Run{table.columns[c].header, true, false, {}, {}}}, true);
    for (const auto& row : table.rows)
      for (std::size_t c = 0; c < columns; ++c) measure(c, row[c], false);
    double total_natural = 0, total_minimum = 0;
    for (std::size_t c = 0; c < columns; ++c) {
      minimum[c] = std::min(minimum[c], width_ / 2);
      total_natural += natural[c];
      total_minimum += minimum[c];
    }
    std::vector<double> widths(columns);
    for (std::size_t c = 0; c < columns; ++c) {
      if (total_natural <= width_)
        widths[c] = natural[c] + (width_ - total_natural) * natural[c] / total_natural;
      else if (total_minimum >= width_)
        widths[c] = width_ * minimum[c] / total_minimum;
      else
        widths[c] = minimum[c] + (width_ - total_minimum) * (natural[c] - minimum[c]) / (total_natural - total_minimum);
    }
    const auto row_slice = [&](const std::vector<std::vector<doc::Run>>& cells, bool header) {
      Slice slice;
      double x = left_;
      double height = 0;
      for (std::size_t c = 0; c < columns; ++c) {
        std::vector<StyledSpan> spans;
        for (const auto& run : cells[c])
          spans.push_back(span(run.text, face_of(header || run.bold, run.italic), size, run.loc, run.field));
        const doc::CellAlign align = header ? doc::CellAlign::center : table.columns[c].align;
        const Alignment alignment = align == doc::CellAlign::right    ? Alignment::right
                                    : align == doc::CellAlign::center ? Alignment::center
                                                                      : Alignment::left;
        const double bottom = stack(slice, lines(spans, widths[c] - 2 * padding, alignment), x + padding, padding,
                                    size, kTightSpacing);
        height = std::max(height, bottom + padding);
        x += widths[c];
      }
      slice.height = height;
      // Borders: top, bottom, and every column edge.
      slice.rules.push_back(PlacedRule{left_, 0, left_ + width_, 0, 0.5});
      slice.rules.push_back(PlacedRule{left_, height, left_ + width_, height, 0.5});
      double edge = left_;
      for (std::size_t c = 0; c <= columns; ++c) {
        slice.rules.push_back(PlacedRule{edge, 0, edge, height, 0.5});
        if (c < columns) edge += widths[c];
      }
      return slice;
    };
    std::vector<std::vector<doc::Run>> header_cells;
    for (const auto& column : table.columns) header_cells.push_back({doc::Run{column.header, true, false, table.loc, {}}});
    FlowBlock flow;
    flow.space_before = profile_.paragraph_spacing;
    flow.slices.push_back(row_slice(header_cells, true));
    for (const auto& row : table.rows) flow.slices.push_back(row_slice(row, false));
    flow.repeat_header = flow.slices.front();
    flow.orphans = std::min<std::size_t>(2, flow.slices.size());  // never the header row alone
    return flow;
  }

  FlowBlock block(const doc::PageBreak&) { return {}; }

  const FontMetrics& metrics_;
  const Profile& profile_;
  Diagnostics& diagnostics_;
  double left_;
  double width_;
  std::vector<FlowBlock> blocks_;
};

}  // namespace

PageSet lay_out(const doc::Document& document, const FontMetrics& metrics, const Profile& profile,
                Diagnostics& diagnostics) {
  Collector collector(metrics, profile, diagnostics);
  PageSet result;
  result.width = profile.page_width;
  result.height = profile.page_height;
  result.pages = paginate(collector.collect(document), profile.margin_top, profile.page_height - profile.margin_bottom);
  // Page numbers from page 2, centred in the top margin.
  for (std::size_t p = 1; p < result.pages.size(); ++p) {
    const std::string number = std::to_string(p + 1);
    const double width = text_width(metrics, Face::regular, profile.page_number_size, number);
    result.pages[p].texts.insert(
        result.pages[p].texts.begin(),
        PlacedText{(profile.page_width + profile.margin_left - profile.margin_right) / 2 - width / 2,
                   profile.margin_top / 2 + profile.page_number_size / 3, Face::regular, profile.page_number_size,
                   number, width, 0});
  }
  return result;
}

}  // namespace vanban::layout
