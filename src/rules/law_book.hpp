#pragma once
// The law as data keyed by effective date: which regime applies on a date, what each document cites,
// its time limits and form codes. Loaded from rules/*.xml (schemas/law.xsd), validated at start.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "model/date.hpp"

namespace vanban::rules {

enum class DayCount { calendar_days, working_days, months };

/// A legal time limit, e.g. the voluntary period: 10 calendar days (Điều 45 khoản 1).
struct TimeLimit {
  std::string id;
  int count = 0;
  DayCount unit = DayCount::calendar_days;
  std::string basis;  ///< the article that sets it
  bool confirmed = true;
  SourceLoc loc;
};

/// A rule for exempting or reducing a debt to the State budget (miễn, giảm; Luật 2008 Điều 61): a debtor without means
/// who still owes at least `from` and less than `below` đồng `after_months` months after the decision is a candidate.
struct RemissionRule {
  enum class Kind { exempt, reduce };
  Kind kind = Kind::exempt;
  std::int64_t from = 0;
  std::optional<std::int64_t> below;  ///< absent: no upper bound
  int after_months = 0;
  std::string basis;
  bool confirmed = true;
  SourceLoc loc;
};

/// A decision a party may complain against and the time limit it states (Luật 2008 Điều 140): `limit` names one of the
/// regime's time limits; `when` ("", "after-coercion", "account-freeze") the case it applies to, "" in any other.
struct Complaint {
  std::string document;  ///< a template name
  std::string limit;     ///< a time limit's id
  std::string when;
  SourceLoc loc;
};

/// A document the law sends to the agency above its issuer when the issuer is the body `issuer` (rules/law.xml
/// <superior-copy>), for `purpose` ("để đăng tải công khai thông tin").
struct SuperiorCopy {
  std::string document;  ///< a template name
  std::string issuer;    ///< a <body> id of kind agency
  std::string purpose;
  SourceLoc loc;
};

/// One legal regime (Luật THADS 2008/2014 + NĐ 62/2015, or Luật 106/2025 + NĐ 152/2026).
struct Regime {
  std::string id;
  std::string name;
  model::Date from;
  std::optional<model::Date> until;
  std::map<std::string, std::string, std::less<>> citations;                 ///< "law", "decree", …
  std::map<std::string, std::vector<std::string>, std::less<>> basis_lines;  ///< căn cứ per document kind
  std::map<std::string, TimeLimit, std::less<>> time_limits;
  std::map<std::string, std::string, std::less<>> form_codes;  ///< per document kind
  std::vector<RemissionRule> remissions;                       ///< miễn, giảm candidates
  std::vector<Complaint> complaints;  ///< in file order: a document's conditional entries before its default
  std::vector<SuperiorCopy> superior_copies;
  SourceLoc loc;
};

/// A body a document may name (an agency, its ký hiệu, a signing position, a court, a procuracy, a police or finance
/// body) and the period it exists in: a name starting with one of `names` (lower case) exists only from `from` to
/// `until` (DOMAIN.md §6).
struct Body {
  std::string id;
  std::string kind;                ///< "agency", "code", "position", "court", "procuracy", "police", "finance"
  std::vector<std::string> names;  ///< lower-case prefixes of the names it goes by
  bool whole = false;              ///< a name must be one of `names` entirely, not only start with it
  std::optional<model::Date> from;
  std::optional<model::Date> until;
  std::string instead;        ///< what exists outside its period, as a clerk reads it
  std::string header_parent;  ///< an agency's parent line in a header when it issues in its own name ("" when none)
  std::string superior;       ///< the agency above it, as written in a sentence ("" when none or its parent)
  bool superior_is_parent = false;  ///< the agency above it is its parent line (a Chi cục's Cục)
  bool confirmed = true;
  SourceLoc loc;
  /// Whether `lower` (a name in lower case) is one of this body's names.
  [[nodiscard]] bool names_it(std::string_view lower) const;
  /// Whether the body exists on `date`.
  [[nodiscard]] bool exists_on(model::Date date) const {
    return (!from || *from <= date) && (!until || date <= *until);
  }
};

/// All regimes, ordered by start date, without gaps or overlaps.
class LawBook {
 public:
  /// Parses and checks one law data file; nullopt with diagnostics when it is wrong.
  static std::optional<LawBook> parse(std::string_view bytes, const FileName& file, Diagnostics& diagnostics);

  /// The regime in force on `date`, or nullptr when none covers it.
  [[nodiscard]] const Regime* regime_on(model::Date date) const;
  [[nodiscard]] const std::vector<Regime>& regimes() const { return regimes_; }
  /// The body of `kind` that `lower` (a name in lower case) names and that does not exist on `date`, or nullptr.
  [[nodiscard]] const Body* body_not_on(std::string_view kind, std::string_view lower, model::Date date) const;
  /// The body of `kind` that `lower` names and that exists on `date`, or nullptr.
  [[nodiscard]] const Body* body_on(std::string_view kind, std::string_view lower, model::Date date) const;
  [[nodiscard]] const std::vector<Body>& bodies() const { return bodies_; }

 private:
  std::vector<Regime> regimes_;
  std::vector<Body> bodies_;
};

}  // namespace vanban::rules
