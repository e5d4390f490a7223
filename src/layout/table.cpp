// Tables: bordered, column widths from content within the text width, numbers right-aligned, the header row
// repeated on each page, a row split across pages (between its lines) only when it is taller than a page.

#include <algorithm>

#include "layout/flow.hpp"

namespace vanban::layout {

namespace {

constexpr double kPaddingX = 4;
constexpr double kPaddingY = 3;
constexpr double kBorder = 0.5;
constexpr double kLongestWordShare = 1.0 / 3;  // a longer word (an account number) breaks by character

using Cells = std::vector<std::vector<doc::Run>>;

// "1.250.000", "15", "52,87 %": digits with separators only.
bool is_number(const std::vector<doc::Run>& runs) {
  const std::string text = doc::plain_text(runs);
  bool digit = false;
  for (const char c : text) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != '.' && c != ',' && c != ' ' && c != '%' && c != '-' && c != '+') return false;
  }
  return digit;
}

struct ColumnMeasure {
  double minimum = 0;  ///< the longest word
  double natural = 0;  ///< the widest cell on one line
};

class TableSetter {
 public:
  TableSetter(const Typesetter& setter, const doc::Table& table)
      : setter_(setter), table_(table), size_(setter.profile().table_size), line_(size_ * kSingleLine) {}

  FlowBlock build() {
    FlowBlock flow;
    const std::size_t columns = table_.columns.size();
    if (columns == 0) return flow;
    widths_ = column_widths();
    aligns_.resize(columns);
    for (std::size_t c = 0; c < columns; ++c) aligns_[c] = body_alignment(c);

    Cells header;
    for (const auto& column : table_.columns) header.push_back({doc::Run{column.header, true, false, table_.loc, {}}});
    const auto header_lines = cell_lines(header, true);
    Slice header_slice = piece(header_lines, 0, rows_in(header_lines), true, true);
    header_slice.rules.push_back(horizontal(kBorder / 2));
    const double available = setter_.content_height() - header_slice.height;
    flow.slices.push_back(header_slice);
    flow.repeat_header = header_slice;

    for (const auto& row : table_.rows) {
      const auto lines = cell_lines(row, false);
      const std::size_t count = rows_in(lines);
      if (static_cast<double>(count) * line_ + 2 * kPaddingY <= available) {
        flow.slices.push_back(piece(lines, 0, count, true, true));
        continue;
      }
      // Taller than a page: one band per line, at least two lines on each side of a page break.
      for (std::size_t l = 0; l < count; ++l) {
        Slice slice = piece(lines, l, l + 1, l == 0, l + 1 == count);
        slice.keep_with_previous = l == 1 || (l > 0 && l + 1 == count);
        if (l + 1 < count) slice.rules_at_break.push_back(horizontal(slice.height - kBorder / 2));
        flow.slices.push_back(std::move(slice));
      }
    }
    flow.space_before = setter_.profile().paragraph_spacing;
    flow.orphans = std::min<std::size_t>(2, flow.slices.size());  // never the header row alone
    return flow;
  }

 private:
  // Column widths: at least the longest word (at most a third of the width: longer words break by character),
  // ideally the widest cell, filling the text width.
  std::vector<double> column_widths() const {
    const std::size_t columns = table_.columns.size();
    const double width = setter_.width() - kBorder;
    std::vector<ColumnMeasure> measures(columns, ColumnMeasure{2 * kPaddingX, 2 * kPaddingX});
    const auto measure = [&](std::size_t c, const std::vector<doc::Run>& runs, bool bold) {
      double whole = 0;
      for (const auto& run : runs) {
        const Face face = face_of(bold || run.bold, run.italic);
        whole += text_width(setter_.metrics(), face, size_, run.text);
        for (std::size_t start = 0; start < run.text.size();) {
          const std::size_t space = std::min(run.text.find(' ', start), run.text.size());
          const double word =
              text_width(setter_.metrics(), face, size_, std::string_view(run.text).substr(start, space - start));
          measures[c].minimum = std::max(measures[c].minimum, word + 2 * kPaddingX);
          start = space + 1;
        }
      }
      measures[c].natural = std::max(measures[c].natural, whole + 2 * kPaddingX);
    };
    for (std::size_t c = 0; c < columns; ++c)
      measure(c, {doc::Run{table_.columns[c].header, true, false, {}, {}}}, true);
    for (const auto& row : table_.rows)
      for (std::size_t c = 0; c < columns && c < row.size(); ++c) measure(c, row[c], false);
    for (auto& m : measures) {
      m.minimum = std::min(m.minimum, width * kLongestWordShare);
      m.natural = std::max(m.natural, m.minimum);
    }
    return distribute(measures, width);
  }

  // Columns that fit their fair share keep their natural width (their cells stay on one line); the others
  // share what is left in proportion to how much they would need beyond their longest word.
  static std::vector<double> distribute(const std::vector<ColumnMeasure>& measures, double width) {
    const std::size_t columns = measures.size();
    std::vector<double> widths(columns, 0);
    double total_natural = 0;
    for (const auto& m : measures) total_natural += m.natural;
    if (total_natural <= width) {
      for (std::size_t c = 0; c < columns; ++c) widths[c] = measures[c].natural * width / total_natural;
      return widths;
    }
    std::vector<bool> fixed(columns, false);
    double remaining = width;
    for (bool changed = true; changed;) {
      changed = false;
      std::size_t free = 0;
      for (std::size_t c = 0; c < columns; ++c) free += fixed[c] ? 0U : 1U;
      if (free == 0) break;
      const double share = remaining / static_cast<double>(free);
      double free_minimum = 0;
      for (std::size_t c = 0; c < columns; ++c) free_minimum += fixed[c] ? 0 : measures[c].minimum;
      for (std::size_t c = 0; c < columns; ++c) {
        if (fixed[c] || measures[c].natural > share) continue;
        // The others keep room for their longest words.
        if (remaining - measures[c].natural < free_minimum - measures[c].minimum) continue;
        free_minimum -= measures[c].minimum;
        fixed[c] = true;
        widths[c] = measures[c].natural;
        remaining -= measures[c].natural;
        changed = true;
      }
    }
    double free_natural = 0, free_minimum = 0;
    for (std::size_t c = 0; c < columns; ++c)
      if (!fixed[c]) {
        free_natural += measures[c].natural;
        free_minimum += measures[c].minimum;
      }
    if (free_minimum > remaining) {  // the longest words do not fit: every column in proportion to its word
      double total_minimum = 0;
      for (const auto& m : measures) total_minimum += m.minimum;
      for (std::size_t c = 0; c < columns; ++c) widths[c] = measures[c].minimum * width / total_minimum;
      return widths;
    }
    for (std::size_t c = 0; c < columns; ++c)
      if (!fixed[c])
        widths[c] = measures[c].minimum + (remaining - free_minimum) * (measures[c].natural - measures[c].minimum) /
                                              (free_natural - free_minimum);
    return widths;
  }

  // The column's alignment; a left-aligned column of numbers is right-aligned.
  Alignment body_alignment(std::size_t c) const {
    switch (table_.columns[c].align) {
      case doc::CellAlign::right: return Alignment::right;
      case doc::CellAlign::center: return Alignment::center;
      case doc::CellAlign::left: break;
    }
    bool any = false;
    for (const auto& row : table_.rows) {
      if (c >= row.size() || doc::plain_text(row[c]).empty()) continue;
      if (!is_number(row[c])) return Alignment::left;
      any = true;
    }
    return any ? Alignment::right : Alignment::left;
  }

  std::vector<std::vector<BrokenLine>> cell_lines(const Cells& cells, bool header) const {
    std::vector<std::vector<BrokenLine>> out;
    for (std::size_t c = 0; c < widths_.size(); ++c) {
      std::vector<StyledSpan> spans;
      if (c < cells.size())
        for (const auto& run : cells[c])
          spans.push_back(span(run.text, face_of(header || run.bold, run.italic), size_, run.loc, run.field));
      out.push_back(setter_.lines(spans, widths_[c] - 2 * kPaddingX, header ? Alignment::center : aligns_[c]));
    }
    return out;
  }

  static std::size_t rows_in(const std::vector<std::vector<BrokenLine>>& lines) {
    std::size_t count = 1;
    for (const auto& cell : lines) count = std::max(count, cell.size());
    return count;
  }

  // Borders are stroked inside the text area and inside their band.
  double left() const { return setter_.left() + kBorder / 2; }

  PlacedRule horizontal(double y) const {
    return PlacedRule{left(), y, left() + setter_.width() - kBorder, y, kBorder};
  }

  // Lines [from, to) of every cell as one band, with the row's top padding when `first`, its bottom padding and
  // border when `last`, and the column borders.
  Slice piece(const std::vector<std::vector<BrokenLine>>& lines, std::size_t from, std::size_t to, bool first,
              bool last) const {
    Slice slice;
    const double top = first ? kPaddingY : 0;
    double x = left();
    for (std::size_t c = 0; c < lines.size(); ++c) {
      const auto& cell = lines[c];
      const std::size_t stop = std::min(to, cell.size());
      if (from < stop) {
        const std::vector<BrokenLine> part(cell.begin() + static_cast<std::ptrdiff_t>(from),
                                           cell.begin() + static_cast<std::ptrdiff_t>(stop));
        setter_.stack(slice, part, x + kPaddingX, top, size_, line_);
      }
      x += widths_[c];
    }
    slice.height = top + static_cast<double>(to - from) * line_ + (last ? kPaddingY : 0);
    if (last) slice.rules.push_back(horizontal(slice.height - kBorder / 2));
    double edge = left();
    for (std::size_t c = 0; c <= widths_.size(); ++c) {
      slice.rules.push_back(PlacedRule{edge, 0, edge, slice.height, kBorder});
      if (c < widths_.size()) edge += widths_[c];
    }
    return slice;
  }

  const Typesetter& setter_;
  const doc::Table& table_;
  double size_;
  double line_;
  std::vector<double> widths_;
  std::vector<Alignment> aligns_;
};

}  // namespace

FlowBlock table_block(const Typesetter& setter, const doc::Table& table) { return TableSetter(setter, table).build(); }

}  // namespace vanban::layout
