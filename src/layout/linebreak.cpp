#include "layout/linebreak.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "base/utf8.hpp"
#include "layout/layout.hpp"
#include "text/line_breaks.hpp"

namespace vanban::layout {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kForcedBreak = -1e9;  // penalty value that forces a break
constexpr double kLinePenalty = 10;
// Centred lines are judged by their leftover space relative to the whole line (a ratio from 0 to 1), and every
// line costs more, so that a preferred break never buys an extra line.
constexpr double kRaggedLinePenalty = 100;
constexpr double kAdjacentFitnessDemerits = 10000;
constexpr double kCharacterBreakPenalty = 50;
constexpr double kInsidePhrasePenalty = 300;  // breaking inside a preferred phrase ("THỊ / XÃ")
constexpr double kRigidLineRatio = 1000;

struct Piece {
  std::string text;
  Face face = Face::regular;
  double size = 0;
  double width = 0;
};

struct Item {
  enum class Kind { box, glue, penalty } kind = Kind::box;
  double width = 0;
  double stretch = 0;
  double shrink = 0;
  double penalty = 0;         ///< cost of breaking here (a penalty item, or glue)
  std::vector<Piece> pieces;  ///< box content; for glue the space character's face and size
};

double advance_of(const FontMetrics& metrics, Face face, double size, char32_t cp) {
  const auto units = metrics.advance(face, cp);
  return units ? *units * size / 1000.0 : 0.0;
}

// Builds boxes, glue and penalties; characters without glyph are reported once per span.
class ItemBuilder {
 public:
  ItemBuilder(const FontMetrics& metrics, Diagnostics& diagnostics) : metrics_(metrics), diagnostics_(diagnostics) {}

  std::vector<Item> build(const std::vector<StyledSpan>& spans, const LineSpec& spec) {
    std::string all;
    std::vector<std::size_t> span_start;
    for (const auto& span : spans) {
      span_start.push_back(all.size());
      all += span.text;
    }
    span_start.push_back(all.size());
    const auto span_at = [&](std::size_t offset) {
      const auto it = std::upper_bound(span_start.begin(), span_start.end(), offset);
      return static_cast<std::size_t>(it - span_start.begin()) - 1;
    };
    // Break only at spaces: ICU also allows "62/2015/ | NĐ-CP" or "407/QĐ- | CCTHADS", which Vietnamese
    // documents never do. A token wider than the line still breaks between characters (below).
    std::vector<std::size_t> breaks;
    for (const std::size_t at : text::line_break_opportunities(all))
      if (at == all.size() || all[at - 1] == ' ') breaks.push_back(at);
    const double widest = std::max(1.0, spec.width - std::max(spec.first_indent, spec.hanging_indent));
    std::vector<Item> items;
    std::size_t start = 0;
    for (const std::size_t stop : breaks) {
      // The segment [start, stop): a word, then the spaces after it.
      std::size_t word_end = stop;
      while (word_end > start && all[word_end - 1] == ' ') --word_end;
      Item box;
      box.kind = Item::Kind::box;
      std::size_t offset = start;
      while (offset < word_end) {
        const std::size_t s = span_at(offset);
        const std::size_t piece_end = std::min(word_end, span_start[s + 1]);
        add_piece(box, spans[s], all.substr(offset, piece_end - offset));
        offset = piece_end;
      }
      if (!box.pieces.empty()) {
        if (box.width > widest) split_by_character(box, items);
        else items.push_back(std::move(box));
      }
      if (word_end < stop) {
        const StyledSpan& span = spans[span_at(word_end)];
        const double space = advance_of(metrics_, span.face, span.size, U' ');
        Item glue;
        glue.kind = Item::Kind::glue;
        glue.width = space;
        glue.stretch = space / 2;
        glue.shrink = space / 3;
        if (spec.preferred_starts != nullptr) glue.penalty = preference(all, stop, *spec.preferred_starts);
        glue.pieces.push_back(Piece{" ", span.face, span.size, space});
        items.push_back(std::move(glue));
      } else if (stop < all.size()) {
        Item penalty;
        penalty.kind = Item::Kind::penalty;
        items.push_back(std::move(penalty));
      }
      start = stop;
    }
    return items;
  }

 private:
  void add_piece(Item& box, const StyledSpan& span, std::string_view text) {
    double width = 0;
    std::size_t offset = 0;
    while (offset < text.size()) {
      const char32_t cp = utf8::decode(text, offset);
      const auto units = metrics_.advance(span.face, cp);
      if (!units) {
        report_missing(span, cp);
        continue;
      }
      width += *units * span.size / 1000.0;
    }
    if (!box.pieces.empty() && box.pieces.back().face == span.face && box.pieces.back().size == span.size) {
      box.pieces.back().text += text;
      box.pieces.back().width += width;
    } else {
      box.pieces.push_back(Piece{std::string(text), span.face, span.size, width});
    }
    box.width += width;
  }

  // Whether `phrase` stands at `offset` as whole words.
  static bool phrase_at(const std::string& all, std::size_t offset, const std::string& phrase) {
    if (offset > 0 && all[offset - 1] != ' ') return false;
    if (all.compare(offset, phrase.size(), phrase) != 0) return false;
    const std::size_t after = offset + phrase.size();
    return after == all.size() || all[after] == ' ';
  }

  // The cost of breaking before the word at `offset`: inside a preferred phrase it is discouraged ("THỊ / XÃ"
  // although "XÃ" is a unit), before one it is the phrase's bonus (the strongest, if several start there).
  static double preference(const std::string& all, std::size_t offset, const std::vector<PreferredStart>& starts) {
    for (const auto& start : starts) {
      const std::size_t length = start.phrase.size();
      for (std::size_t from = offset > length ? offset - length : 0; from < offset; ++from)
        if (phrase_at(all, from, start.phrase) && from + length > offset) return kInsidePhrasePenalty;
    }
    double best = 0;
    for (const auto& start : starts)
      if (phrase_at(all, offset, start.phrase)) best = std::min(best, -start.bonus);
    return best;
  }

  void report_missing(const StyledSpan& span, char32_t cp) {
    const std::string where = span.field.empty() ? "trong mẫu văn bản" : "trong trường \"" + span.field + "\"";
    diagnostics_.error("E0501", span.loc, missing_character(cp, where, metrics_.face_name(span.face)));
  }

  // A word wider than any line (an account number, a URL): allow a break after every character.
  void split_by_character(const Item& box, std::vector<Item>& items) {
    for (const auto& piece : box.pieces) {
      std::size_t offset = 0;
      while (offset < piece.text.size()) {
        const std::size_t begin = offset;
        const char32_t cp = utf8::decode(piece.text, offset);
        Item character;
        character.kind = Item::Kind::box;
        character.width = advance_of(metrics_, piece.face, piece.size, cp);
        character.pieces.push_back(
            Piece{piece.text.substr(begin, offset - begin), piece.face, piece.size, character.width});
        if (!items.empty() && items.back().kind == Item::Kind::box) {
          // A break between characters leaves the line ragged (up to a character short) without the line
          // counting as loose: invisible glue that stretches only when the line ends here (Knuth's ragged-right
          // sequence: no break, +stretch, the break, -stretch).
          Item no_break, ragged, penalty, back;
          no_break.kind = Item::Kind::penalty;
          no_break.penalty = kInfinity;
          ragged.kind = back.kind = Item::Kind::glue;
          ragged.stretch = piece.size;
          back.stretch = -piece.size;
          penalty.kind = Item::Kind::penalty;
          penalty.penalty = kCharacterBreakPenalty;
          for (auto* item : {&no_break, &ragged, &penalty, &back}) items.push_back(std::move(*item));
        }
        items.push_back(std::move(character));
      }
    }
  }

  const FontMetrics& metrics_;
  Diagnostics& diagnostics_;
};

struct Node {
  std::size_t position = 0;  ///< index of the break item
  std::size_t line = 0;      ///< number of lines before this break
  int fitness = 1;
  double width = 0, stretch = 0, shrink = 0;  ///< totals after the break
  double demerits = 0;
  int previous = -1;
};

class KnuthPlass {
 public:
  KnuthPlass(const std::vector<Item>& items, const LineSpec& spec, double tolerance, bool ragged)
      : items_(items), spec_(spec), tolerance_(tolerance), ragged_(ragged) {}

  // Break positions (item indices), or empty when no solution fits the tolerance.
  std::vector<std::size_t> solve() {
    nodes_.push_back(Node{});
    active_.push_back(0);
    double width = 0, stretch = 0, shrink = 0;
    for (std::size_t i = 0; i < items_.size(); ++i) {
      const Item& item = items_[i];
      if (item.kind == Item::Kind::box) {
        width += item.width;
      } else if (item.kind == Item::Kind::glue) {
        if (i > 0 && items_[i - 1].kind == Item::Kind::box) try_break(i, width, stretch, shrink);
        width += item.width;
        stretch += item.stretch;
        shrink += item.shrink;
      } else if (item.penalty < kInfinity) {
        try_break(i, width, stretch, shrink);
      }
      if (active_.empty()) return {};
    }
    int best = -1;
    for (const int a : active_)
      if (nodes_[static_cast<std::size_t>(a)].position == items_.size() - 1 &&
          (best < 0 || nodes_[static_cast<std::size_t>(a)].demerits < nodes_[static_cast<std::size_t>(best)].demerits))
        best = a;
    std::vector<std::size_t> breaks;
    for (int n = best; n > 0; n = nodes_[static_cast<std::size_t>(n)].previous)
      breaks.push_back(nodes_[static_cast<std::size_t>(n)].position);
    std::reverse(breaks.begin(), breaks.end());
    return breaks;
  }

 private:
  double line_width(std::size_t line) const {
    return spec_.width - (line == 0 ? spec_.first_indent : spec_.hanging_indent);
  }

  void try_break(std::size_t i, double width, double stretch, double shrink) {
    const Item& item = items_[i];
    const bool forced = item.kind == Item::Kind::penalty && item.penalty <= kForcedBreak;
    struct Candidate {
      double demerits = kInfinity;
      int from = -1;
    } best[4];
    std::vector<int> still_active;
    for (const int a : active_) {
      const Node& node = nodes_[static_cast<std::size_t>(a)];
      const double available = line_width(node.line);
      double natural = width - node.width;
      if (item.kind == Item::Kind::penalty) natural += item.width;
      double ratio = 0;
      if (ragged_) {
        // Ragged lines are judged by their leftover space; a short last line is no fault.
        // Centred and right-aligned lines balance: the last line is judged like the others.
        ratio = natural <= available ? (available - natural) / available : -kInfinity;
      } else if (natural < available) {
        // A line that cannot stretch (one word) is very bad, but acceptable when nothing else fits.
        const double s = stretch - node.stretch;
        ratio = s > 0 ? (available - natural) / s : kRigidLineRatio;
      } else if (natural > available) {
        const double s = shrink - node.shrink;
        ratio = s > 0 ? (available - natural) / s : -kInfinity;
      }
      if (ratio < -1 || forced) {
        // Deactivate: this node can never start a feasible line ending later.
      } else {
        still_active.push_back(a);
      }
      if (ratio >= -1 && ratio <= tolerance_) {
        const double badness = 100 * std::pow(std::abs(ratio), 3);
        double demerits = std::pow((ragged_ ? kRaggedLinePenalty : kLinePenalty) + badness, 2);
        if (item.penalty > 0) demerits += item.penalty * item.penalty;
        else if (item.penalty > kForcedBreak) demerits -= item.penalty * item.penalty;
        const int fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
        if (std::abs(fitness - node.fitness) > 1) demerits += kAdjacentFitnessDemerits;
        demerits += node.demerits;
        if (demerits < best[fitness].demerits) best[fitness] = Candidate{demerits, a};
      }
    }
    active_ = std::move(still_active);
    // Totals after the break: glue (and penalties) right after it are dropped.
    double after_width = width, after_stretch = stretch, after_shrink = shrink;
    for (std::size_t j = i; j < items_.size(); ++j) {
      const Item& next = items_[j];
      if (next.kind == Item::Kind::box) break;
      if (next.kind == Item::Kind::glue) {
        after_width += next.width;
        after_stretch += next.stretch;
        after_shrink += next.shrink;
      } else if (next.penalty <= kForcedBreak && j > i) {
        break;
      }
    }
    for (int fitness = 0; fitness < 4; ++fitness) {
      if (best[fitness].from < 0) continue;
      Node node;
      node.position = i;
      node.line = nodes_[static_cast<std::size_t>(best[fitness].from)].line + 1;
      node.fitness = fitness;
      node.width = after_width;
      node.stretch = after_stretch;
      node.shrink = after_shrink;
      node.demerits = best[fitness].demerits;
      node.previous = best[fitness].from;
      nodes_.push_back(node);
      active_.push_back(static_cast<int>(nodes_.size() - 1));
    }
  }

  const std::vector<Item>& items_;
  const LineSpec& spec_;
  double tolerance_;
  bool ragged_;
  std::vector<Node> nodes_;
  std::vector<int> active_;
};

// Puts the items of one line into runs: same face and size share a run; glue becomes a space.
BrokenLine make_line(const std::vector<Item>& items, std::size_t begin, std::size_t end, double ratio) {
  BrokenLine line;
  // Skip glue and penalties at the start of the line.
  while (begin < end && items[begin].kind != Item::Kind::box) ++begin;
  double x = 0;
  PlacedText* current = nullptr;
  for (std::size_t i = begin; i < end; ++i) {
    const Item& item = items[i];
    if (item.kind == Item::Kind::penalty) continue;
    if (item.kind == Item::Kind::glue && item.pieces.empty()) continue;  // invisible: its stretch cancels out
    if (item.kind == Item::Kind::glue) {
      // Trailing glue is not part of the line.
      bool trailing = true;
      for (std::size_t j = i + 1; j < end; ++j)
        if (items[j].kind == Item::Kind::box) trailing = false;
      if (trailing) break;
      const double extra = ratio >= 0 ? ratio * item.stretch : ratio * item.shrink;
      const Piece& space = item.pieces.front();
      if (current != nullptr && current->face == space.face && current->size == space.size) {
        current->text += ' ';
        current->width += space.width + extra;
        current->word_spacing = extra;  // every glue of a face in a line gets the same extra
      } else {
        x += space.width + extra;
        current = nullptr;
      }
      if (current != nullptr) x = current->x + current->width;
      line.natural_width += space.width;
      continue;
    }
    for (const auto& piece : item.pieces) {
      if (current != nullptr && current->face == piece.face && current->size == piece.size) {
        current->text += piece.text;
        current->width += piece.width;
      } else {
        line.texts.push_back(PlacedText{x, 0, piece.face, piece.size, piece.text, piece.width, 0});
        current = &line.texts.back();
      }
      x = current->x + current->width;
      line.natural_width += piece.width;
      line.max_size = std::max(line.max_size, piece.size);
    }
  }
  return line;
}

}  // namespace

double text_width(const FontMetrics& metrics, Face face, double size, std::string_view text) {
  double width = 0;
  std::size_t offset = 0;
  while (offset < text.size()) width += advance_of(metrics, face, size, utf8::decode(text, offset));
  return width;
}

std::vector<BrokenLine> break_lines(const std::vector<StyledSpan>& spans, const LineSpec& spec,
                                    const FontMetrics& metrics, Diagnostics& diagnostics) {
  std::vector<Item> items = ItemBuilder(metrics, diagnostics).build(spans, spec);
  if (items.empty()) return {};
  const bool ragged = spec.alignment != Alignment::justify;
  const bool fill_last = spec.alignment == Alignment::justify || spec.alignment == Alignment::left;
  // The paragraph's end: fill glue (flush-left last line) and a forced break.
  Item fill;
  fill.kind = Item::Kind::glue;
  fill.stretch = fill_last ? 1e6 : 0;
  fill.pieces.push_back(Piece{" ", Face::regular, 0, 0});
  items.push_back(fill);
  Item end;
  end.kind = Item::Kind::penalty;
  end.penalty = kForcedBreak;
  items.push_back(end);

  std::vector<std::size_t> breaks;
  double total = 0;
  for (const Item& item : items)
    if (item.kind != Item::Kind::penalty) total += item.width;
  if (total <= spec.width - spec.first_indent) breaks.push_back(items.size() - 1);  // it all fits on one line
  for (const double tolerance : {2.0, 10.0, 1e9}) {
    if (!breaks.empty()) break;
    breaks = KnuthPlass(items, spec, tolerance, ragged && !fill_last).solve();
  }
  if (breaks.empty()) breaks.push_back(items.size() - 1);  // cannot happen: every box fits a line

  std::vector<BrokenLine> lines;
  std::size_t start = 0;
  for (std::size_t l = 0; l < breaks.size(); ++l) {
    const std::size_t stop = breaks[l];
    const bool last = l + 1 == breaks.size();
    double ratio = 0;
    // Justified lines stretch or shrink; any line (the last one too) shrinks when it is too wide.
    {
      double natural = 0, stretch = 0, shrink = 0;
      std::size_t first = start;
      while (first < stop && items[first].kind != Item::Kind::box) ++first;
      std::size_t final_box = stop;
      while (final_box > first && items[final_box - 1].kind != Item::Kind::box) --final_box;
      for (std::size_t i = first; i < final_box; ++i) {
        if (items[i].kind == Item::Kind::penalty) continue;
        natural += items[i].width;
        stretch += items[i].stretch;
        shrink += items[i].shrink;
      }
      if (items[stop].kind == Item::Kind::penalty) natural += items[stop].width;
      const double available = spec.width - (l == 0 ? spec.first_indent : spec.hanging_indent);
      const bool justified = spec.alignment == Alignment::justify && !last;
      if (justified && natural < available && stretch > 0) ratio = (available - natural) / stretch;
      if (natural > available && shrink > 0) ratio = std::max(-1.0, (available - natural) / shrink);
    }
    BrokenLine line = make_line(items, start, stop, ratio);
    const double indent = l == 0 ? spec.first_indent : spec.hanging_indent;
    const double available = spec.width - indent;
    const double used = line.texts.empty() ? 0 : line.texts.back().x + line.texts.back().width;
    double shift = indent;
    if (spec.alignment == Alignment::center) shift += (available - used) / 2;
    if (spec.alignment == Alignment::right) shift += available - used;
    for (auto& text : line.texts) text.x += shift;
    lines.push_back(std::move(line));
    start = stop + 1;
  }
  return lines;
}

}  // namespace vanban::layout

namespace vanban::layout {

std::string missing_character(char32_t code_point, const std::string& where, const char* face_name) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(code_point));
  std::string character;
  utf8::append(character, code_point);
  return "ký tự \"" + utf8::visible(character) + "\" (" + code + ") " + where + " không có trong phông chữ " +
         face_name + "; hãy sửa dữ liệu";
}

void check_characters(std::string_view text, const SourceLoc& loc, const std::string& where, const FontMetrics& metrics,
                      Diagnostics& diagnostics) {
  std::u32string reported;
  for (std::size_t offset = 0; offset < text.size();) {
    const char32_t cp = utf8::decode(text, offset);
    if (reported.find(cp) != std::u32string::npos) continue;
    for (int face = 0; face < kFaceCount; ++face) {
      if (metrics.advance(static_cast<Face>(face), cp)) continue;
      diagnostics.error("E0501", loc, missing_character(cp, where, metrics.face_name(static_cast<Face>(face))));
      reported += cp;
      break;
    }
  }
}

}  // namespace vanban::layout
