// Database references: SQLite file paths and postgresql:// URIs, good and bad; the password never in the display.

#include "db/location.hpp"

#include <gtest/gtest.h>

namespace vanban {
namespace {

using db::Backend;

db::DatabaseLocation parsed(const std::string& reference) {
  std::string problem;
  const auto location = db::parse_location(reference, problem);
  EXPECT_TRUE(location) << reference << ": " << problem;
  return location.value_or(db::DatabaseLocation{});
}

// The problem with a reference that is refused (Vietnamese), "" when it is accepted.
std::string refused(const std::string& reference) {
  std::string problem;
  const auto location = db::parse_location(reference, problem);
  EXPECT_FALSE(location) << reference << " was accepted: " << (location ? location->connection : "");
  EXPECT_FALSE(problem.empty()) << reference;
  return problem;
}

TEST(DatabaseLocation, AFilePathIsAnSQLiteDatabase) {
  const auto file = parsed("/srv/thads/kho lưu trữ/archive.sqlite");
  EXPECT_EQ(file.backend, Backend::sqlite);
  EXPECT_EQ(file.connection, "/srv/thads/kho lưu trữ/archive.sqlite");
  EXPECT_EQ(file.display, file.connection);
  EXPECT_EQ(parsed("a.db").connection, "a.db");
  const auto made = db::sqlite_location(std::filesystem::path("kho") / "archive.sqlite");
  EXPECT_EQ(made.backend, Backend::sqlite);
  EXPECT_EQ(made.connection, "kho/archive.sqlite");
  EXPECT_EQ(made.display, "kho/archive.sqlite");
}

TEST(DatabaseLocation, APostgresqlUriBecomesLibpqParameters) {
  const auto pg = parsed("postgresql://thads:b%C3%AD@db.local:5433/luutru?sslmode=require&connect_timeout=5");
  EXPECT_EQ(pg.backend, Backend::postgresql);
  EXPECT_EQ(pg.connection,
            "password=bí user=thads host=db.local port=5433 dbname=luutru sslmode=require connect_timeout=5");
  EXPECT_EQ(pg.display, "postgresql://thads:***@db.local:5433/luutru?sslmode=require&connect_timeout=5");

  EXPECT_EQ(parsed("postgres://[::1]:5432/x").connection, "host=::1 port=5432 dbname=x");
  EXPECT_EQ(parsed("postgresql://[fe80::1]/x").connection, "host=fe80::1 dbname=x");
  EXPECT_EQ(parsed("postgresql://vanban@/kho").connection, "user=vanban dbname=kho");
  EXPECT_EQ(parsed("postgresql://h").connection, "host=h");
  EXPECT_EQ(parsed("postgresql:///kho?host=%2Fvar%2Frun%2Fpostgresql").connection,
            "dbname=kho host=/var/run/postgresql");
  // Without a password the display is the URI as given.
  EXPECT_EQ(parsed("postgresql://vanban@h:5432/kho").display, "postgresql://vanban@h:5432/kho");
}

TEST(DatabaseLocation, ThePasswordNeverReachesTheDisplay) {
  for (const std::string password : {"p%40ss", "s3cr3t", "b%C3%AD", "x"}) {
    const auto pg = parsed("postgresql://thads:" + password + "@db.local/luutru");
    EXPECT_EQ(pg.display, "postgresql://thads:***@db.local/luutru") << password;
    EXPECT_EQ(pg.display.find(password), std::string::npos) << password;
  }
  // An empty password is refused like any empty value; it is not displayed either.
  EXPECT_EQ(refused("postgresql://thads:@db.local/luutru").find("thads:@"), std::string::npos);
}

TEST(DatabaseLocation, BadReferencesAreRefusedWithAReason) {
  refused("");
  refused("mysql://h/db");
  refused("file:///srv/a.sqlite");
  refused("postgresql://");
  refused("postgresql://h:port/db");     // port not a number
  refused("postgresql://[::1/db");       // IPv6 without ]
  refused("postgresql://h/db?sslmode");  // not key=value
  refused("postgresql://h/db?=x");
  refused("postgresql://h/db?options=-c a=b");  // a space would split the libpq word
  refused("postgresql://h/db?options=it's");
  refused("postgresql://h/db?x=%4");  // a malformed %XX
  refused("postgresql://h/db?x=%zz");
  refused("postgresql://h/db?sslmode=");  // an empty value
  EXPECT_NE(refused("postgresql://h:port/db").find("port"), std::string::npos);
}

}  // namespace
}  // namespace vanban
