#pragma once
// The office profile the sample documents are drafted with: only what a configuration file adds to a case that
// carries its own agency and officers (the account that receives payments, the telephone), so that nothing in it
// disagrees with a sample's agency (no W0319) or names a body (no E0320).

#include "model/office.hpp"

namespace vanban::test {

/// An office profile with the account that receives payments and a telephone, and nothing else.
inline model::OfficeProfile sample_office() {
  model::OfficeProfile office;
  office.phone = "0237.3876.123";
  office.account =
      model::BankAccount{"3949.0.1055735.00000", "Cơ quan thi hành án dân sự", "Kho bạc Nhà nước khu vực XI"};
  return office;
}

}  // namespace vanban::test
