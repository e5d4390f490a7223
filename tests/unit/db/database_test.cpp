// The db module on both backends (the same suite): parameters and values, transactions, migrations, failures.

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <latch>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "base/error.hpp"
#include "db/schema.hpp"
#include "db/session.hpp"
#include "support/database_backends.hpp"

namespace vanban {
namespace {

using db::Type;
using db::Value;
using test::Backend;

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.what();
  }
  ADD_FAILURE() << "no Error thrown";
  return "";
}

std::int64_t integer(const Value& value) { return std::get<std::int64_t>(value); }

class DatabaseTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    const std::string name = test::current_test_name();
    sandbox_ = std::make_unique<test::DatabaseSandbox>(GetParam(), "db-" + name, name);
  }
  [[nodiscard]] db::DatabaseLocation location() const {
    if (GetParam() == Backend::sqlite) return db::sqlite_location(sandbox_->dir() / "test.sqlite");
    std::string problem;
    const auto parsed = db::parse_location(sandbox_->postgres_uri(), problem);
    EXPECT_TRUE(parsed) << problem;
    return parsed.value_or(db::DatabaseLocation{});
  }
  [[nodiscard]] std::unique_ptr<db::Session> open() const {
    return std::make_unique<db::Session>(location(), db::OpenMode::create);
  }
  static std::int64_t count(db::Session& session, const std::string& table) {
    return integer(session.select("SELECT COUNT(*) FROM " + table, {}, {Type::integer}).front().front());
  }
  std::unique_ptr<test::DatabaseSandbox> sandbox_;
};

TEST_P(DatabaseTest, ParametersAndValuesRoundTrip) {
  const auto session = open();
  session->execute("CREATE TABLE party (id BIGINT NOT NULL, name TEXT NOT NULL, note TEXT)");
  const std::string name = "Nguyễn Thị Ánh Tuyết — Đắk Lắk, \"Công ty Ứng Hòa\" 'ngõ 5' ? %_\\";
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  session->execute("INSERT INTO party (id, name, note) VALUES (?, ?, ?)", {big, name, Value{}});
  session->execute("INSERT INTO party (id, name, note) VALUES (?, ?, ?)", {std::int64_t{-7}, "Lê Văn Đức", "ghi chú"});

  const auto rows =
      session->select("SELECT id, name, note FROM party ORDER BY id DESC", {}, {Type::integer, Type::text, Type::text});
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0], (db::Row{big, name, Value{}}));
  EXPECT_EQ(rows[1], (db::Row{std::int64_t{-7}, "Lê Văn Đức", "ghi chú"}));
  // A Vietnamese parameter finds its row; a ? between quotes is text, not a parameter.
  const auto found = session->select("SELECT id FROM party WHERE name = ? AND name <> 'a?b' AND note IS NULL", {name},
                                     {Type::integer});
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(integer(found.front().front()), big);
  EXPECT_TRUE(
      session->select("SELECT id FROM party WHERE name = ?", {"Nguyen Thi Anh Tuyet"}, {Type::integer}).empty());
  // NULL is a parameter too.
  session->execute("UPDATE party SET note = ? WHERE id = ?", {Value{}, std::int64_t{-7}});
  EXPECT_EQ(count(*session, "party WHERE note IS NULL"), 2);
}

TEST_P(DatabaseTest, ARolledBackTransactionLeavesNothing) {
  const auto session = open();
  session->execute("CREATE TABLE entry (text TEXT NOT NULL)");
  {
    db::Transaction transaction(*session);
    session->execute("INSERT INTO entry (text) VALUES (?)", {"một"});
    session->execute("INSERT INTO entry (text) VALUES (?)", {"hai"});
  }  // not committed
  EXPECT_EQ(count(*session, "entry"), 0);
  EXPECT_THROW(
      {
        db::Transaction transaction(*session, "entry");
        session->execute("INSERT INTO entry (text) VALUES (?)", {"ba"});
        session->execute("INSERT INTO no_such_table (text) VALUES (?)", {"bốn"});
        transaction.commit();
      },
      Error);
  EXPECT_EQ(count(*session, "entry"), 0);
  {
    db::Transaction transaction(*session, "entry");
    session->execute("INSERT INTO entry (text) VALUES (?)", {"năm"});
    transaction.commit();
  }
  EXPECT_EQ(count(*session, "entry"), 1);
}

// The second writer queued on a table begins only once the first has committed, so it sees the first's row.
TEST_P(DatabaseTest, WritersQueuedOnATableTakeTurns) {
  open()->execute("CREATE TABLE chain (seq BIGINT NOT NULL)");
  std::latch first_began(1);
  std::int64_t seen_by_second = -1;
  std::string second_failed;
  std::thread second([&] {
    try {
      const auto session = open();
      first_began.wait();
      db::Transaction transaction(*session, "chain");
      seen_by_second = count(*session, "chain");
      session->execute("INSERT INTO chain (seq) VALUES (?)", {seen_by_second + 1});
      transaction.commit();
    } catch (const std::exception& error) {
      second_failed = error.what();
    }
  });
  std::string first_failed;
  try {
    const auto session = open();
    db::Transaction transaction(*session, "chain");
    first_began.count_down();
    // Give the second writer time to reach its lock; it must wait there whatever the delay.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    session->execute("INSERT INTO chain (seq) VALUES (?)", {std::int64_t{1}});
    transaction.commit();
  } catch (const std::exception& error) {
    first_failed = error.what();
    if (!first_began.try_wait()) first_began.count_down();  // never leave the second writer waiting
  }
  second.join();
  EXPECT_EQ(first_failed, "");
  EXPECT_EQ(second_failed, "");
  EXPECT_EQ(seen_by_second, 1);
  EXPECT_EQ(count(*open(), "chain"), 2);
}

// A test component: a table, then a second table and a row that must exist exactly once.
db::Schema component(std::size_t steps) {
  db::Schema schema;
  schema.component = "test";
  schema.migrations = {
      {{"CREATE TABLE test_case (id TEXT PRIMARY KEY, debtor TEXT NOT NULL)"}},
      {{"CREATE TABLE test_event (case_id TEXT NOT NULL, what TEXT NOT NULL)",
        "INSERT INTO test_event (case_id, what) VALUES ('-', 'migration 2')"}},
      {{db::Sql("CREATE TABLE test_job (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT)",
                "CREATE TABLE test_job (id BIGSERIAL PRIMARY KEY, name TEXT)"),
        db::Sql("", "CREATE INDEX test_job_name ON test_job (name)")}},
  };
  schema.migrations.resize(steps);
  return schema;
}

std::int64_t recorded_version(db::Session& session, const std::string& component) {
  const auto rows =
      session.select("SELECT version FROM schema_versions WHERE component = ?", {component}, {Type::integer});
  return rows.empty() ? 0 : integer(rows.front().front());
}

TEST_P(DatabaseTest, AFreshDatabaseGetsEveryMigration) {
  const auto session = open();
  EXPECT_EQ(db::schema_version(*session, component(3)), 0);
  db::migrate(*session, component(3));
  EXPECT_EQ(db::schema_version(*session, component(3)), 3);
  EXPECT_EQ(recorded_version(*session, "test"), 3);
  EXPECT_TRUE(session->has_table("test_case"));
  EXPECT_EQ(count(*session, "test_event"), 1);
  // The per-backend statements ran: the key counts on its own.
  session->execute("INSERT INTO test_job (name) VALUES (?)", {"xuất hồ sơ"});
  session->execute("INSERT INTO test_job (name) VALUES (?)", {"thống kê"});
  EXPECT_EQ(session->select("SELECT id FROM test_job ORDER BY id", {}, {Type::integer}),
            (std::vector<db::Row>{{std::int64_t{1}}, {std::int64_t{2}}}));
  // Opening again changes nothing.
  db::migrate(*open(), component(3));
  EXPECT_EQ(count(*session, "test_event"), 1);
}

TEST_P(DatabaseTest, APartlyMigratedDatabaseGetsOnlyTheMissingSteps) {
  const auto session = open();
  db::migrate(*session, component(1));
  EXPECT_EQ(db::schema_version(*session, component(1)), 1);
  session->execute("INSERT INTO test_case (id, debtor) VALUES (?, ?)", {"THA-1", "Trần Thị Bé"});
  // Step 1 again would fail (its table exists): only step 2 runs.
  db::migrate(*session, component(2));
  EXPECT_EQ(recorded_version(*session, "test"), 2);
  EXPECT_EQ(count(*session, "test_case"), 1);
  EXPECT_EQ(count(*session, "test_event"), 1);
  EXPECT_FALSE(session->has_table("test_job"));
}

TEST_P(DatabaseTest, ComponentsKeepTheirOwnVersions) {
  const auto session = open();
  db::migrate(*session, component(2));
  db::Schema other;
  other.component = "other";
  other.migrations = {{{"CREATE TABLE other_thing (id BIGINT NOT NULL)"}}};
  EXPECT_EQ(db::schema_version(*session, other), 0);
  db::migrate(*session, other);
  EXPECT_EQ(recorded_version(*session, "other"), 1);
  EXPECT_EQ(recorded_version(*session, "test"), 2);
}

TEST_P(DatabaseTest, SessionsMigratingAtOnceApplyEachStepOnce) {
  constexpr int kSessions = 3;
  std::latch start(kSessions);
  std::vector<std::string> failures(kSessions);
  std::vector<std::thread> threads;
  for (int i = 0; i < kSessions; ++i) {
    threads.emplace_back([&, i] {
      try {
        // Each opens the (possibly new) database itself, then all migrate at once.
        const auto session = open();
        start.arrive_and_wait();
        db::migrate(*session, component(3));
      } catch (const std::exception& error) {
        failures[static_cast<std::size_t>(i)] = error.what();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& failure : failures) EXPECT_EQ(failure, "");
  const auto session = open();
  EXPECT_EQ(recorded_version(*session, "test"), 3);
  EXPECT_EQ(count(*session, "test_event"), 1);
}

TEST_P(DatabaseTest, ADatabaseNewerThanTheBinaryIsRefused) {
  db::migrate(*open(), component(3));
  const auto session = open();
  const std::string message = error_of([&] { db::migrate(*session, component(2)); });
  EXPECT_NE(message.find("[E0763]"), std::string::npos) << message;
  EXPECT_NE(message.find("\"test\""), std::string::npos) << message;
  EXPECT_NE(message.find(" 3"), std::string::npos) << message;
  EXPECT_NE(message.find(" 2"), std::string::npos) << message;
  EXPECT_NE(message.find(location().display), std::string::npos) << message;
  EXPECT_EQ(recorded_version(*session, "test"), 3);  // left alone
}

TEST_P(DatabaseTest, AFailedMigrationChangesNothing) {
  const auto session = open();
  db::migrate(*session, component(1));
  auto broken = component(3);
  broken.migrations[2].statements.emplace_back("CREATE TABLE test_case (id TEXT)");  // exists already
  EXPECT_NE(error_of([&] { db::migrate(*session, broken); }).find("[E0762]"), std::string::npos);
  EXPECT_EQ(recorded_version(*session, "test"), 1);
  EXPECT_FALSE(session->has_table("test_event"));
  EXPECT_FALSE(session->has_table("test_job"));
}

TEST_P(DatabaseTest, TablesMadeBeforeVersionsWereRecordedCountAsVersion1) {
  const auto session = open();
  // The component's first tables, made the old way: no schema_versions.
  session->execute("CREATE TABLE test_case (id TEXT PRIMARY KEY, debtor TEXT NOT NULL)");
  session->execute("INSERT INTO test_case (id, debtor) VALUES (?, ?)", {"THA-1", "Phạm Văn Đồng"});
  auto schema = component(2);
  EXPECT_EQ(db::schema_version(*session, schema), 0);  // nothing says these tables are the component's
  schema.version_1_table = "test_case";
  EXPECT_EQ(db::schema_version(*session, schema), 1);
  EXPECT_FALSE(session->has_table("schema_versions"));
  db::migrate(*session, schema);
  EXPECT_EQ(recorded_version(*session, "test"), 2);
  EXPECT_EQ(count(*session, "test_case"), 1);
  EXPECT_EQ(count(*session, "test_event"), 1);
  // Once recorded, the record decides.
  schema.version_1_table = "no_such_table";
  EXPECT_EQ(db::schema_version(*session, schema), 2);
}

TEST_P(DatabaseTest, FailuresNameTheDatabase) {
  const auto session = open();
  const std::string message = error_of([&] { session->execute("SELECT * FROM no_such_table"); });
  EXPECT_EQ(message.rfind("[E0762] cơ sở dữ liệu " + location().display + ": ", 0), 0U) << message;
  const db::Session named(location(), db::OpenMode::existing, "cơ sở dữ liệu hồ sơ");
  EXPECT_EQ(named.name(), "cơ sở dữ liệu hồ sơ " + location().display);
  EXPECT_TRUE(session->integrity_problems().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest, test::test_backends(), test::backend_name);

// One backend only.

TEST(DatabaseSqlite, AMissingFileIsCreatedOnlyWhenAsked) {
  const auto dir = test::scratch_dir("db-missing");
  const auto location = db::sqlite_location(dir / "kho.sqlite");
  const std::string message = error_of([&] { db::Session(location, db::OpenMode::existing, "cơ sở dữ liệu lưu trữ"); });
  EXPECT_EQ(message.rfind("[E0760] không có cơ sở dữ liệu lưu trữ " + location.display, 0), 0U) << message;
  EXPECT_FALSE(std::filesystem::exists(dir / "kho.sqlite"));
  db::Session(location, db::OpenMode::create);
  EXPECT_TRUE(std::filesystem::exists(dir / "kho.sqlite"));
  db::Session(location, db::OpenMode::existing);
}

TEST(DatabaseSqlite, ACorruptFileIsReportedAsSuch) {
  const auto dir = test::scratch_dir("db-corrupt");
  test::write_text(dir / "kho.sqlite", std::string(8192, 'x'));
  const auto location = db::sqlite_location(dir / "kho.sqlite");
  const std::string message = error_of([&] { db::Session(location, db::OpenMode::existing); });
  EXPECT_EQ(message.rfind("[E0761] cơ sở dữ liệu " + location.display, 0), 0U) << message;
}

TEST(DatabaseSqlite, IntegrityCheckFindsADamagedPage) {
  const auto dir = test::scratch_dir("db-integrity");
  const auto location = db::sqlite_location(dir / "kho.sqlite");
  {
    db::Session session(location, db::OpenMode::create);
    session.execute("PRAGMA journal_mode=DELETE");
    session.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, text TEXT NOT NULL)");
    session.execute("CREATE INDEX t_text ON t (text)");
    db::Transaction transaction(session);
    for (std::int64_t i = 0; i < 2000; ++i)
      session.execute("INSERT INTO t (id, text) VALUES (?, ?)", {i, "dòng số " + std::to_string(i)});
    transaction.commit();
    EXPECT_TRUE(session.integrity_problems().empty());
  }
  // Overwrite the index's pages in the middle of the file (the table's first page stays readable).
  std::string bytes = test::read_text(dir / "kho.sqlite");
  ASSERT_GT(bytes.size(), 40000U);
  for (std::size_t i = bytes.size() - 12000; i < bytes.size() - 4000; ++i) bytes[i] = '\x5a';
  test::write_text(dir / "kho.sqlite", bytes);
  db::Session session(location, db::OpenMode::existing);
  EXPECT_FALSE(session.integrity_problems().empty());
}

TEST(DatabasePostgresql, AnUnreachableServerIsNamedWithoutThePassword) {
  std::string problem;
  const auto location = db::parse_location("postgresql://thads:m%E1%BA%ADt-kh%E1%BA%A9u@127.0.0.1:1/luutru", problem);
  ASSERT_TRUE(location) << problem;
  const std::string message = error_of([&] { db::Session(*location, db::OpenMode::existing); });
  EXPECT_EQ(message.rfind("[E0762] cơ sở dữ liệu postgresql://thads:***@127.0.0.1:1/luutru: ", 0), 0U) << message;
  EXPECT_EQ(message.find("mật-khẩu"), std::string::npos) << message;
}

TEST(DatabasePostgresql, ThePasswordIsBlankedOutOfTheServersMessages) {
  // The server repeats the database name; here the password is the same text.
  const std::string uri =
      "postgresql://vanban:khongco@127.0.0.1:" + std::to_string(test::PostgresServer::instance().port()) + "/khongco";
  std::string problem;
  const auto location = db::parse_location(uri, problem);
  ASSERT_TRUE(location) << problem;
  const std::string message = error_of([&] { db::Session(*location, db::OpenMode::existing); });
  EXPECT_NE(message.find("[E0762]"), std::string::npos) << message;
  EXPECT_NE(message.find("\"***\""), std::string::npos) << message;
  EXPECT_EQ(message.find("khongco\""), std::string::npos) << message;
}

}  // namespace
}  // namespace vanban
