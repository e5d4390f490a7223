# Every dependency comes from a Debian 12 package (scripts/setup installs them); nothing is downloaded.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n data)
find_package(pugixml REQUIRED)
find_package(LibXml2 REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(PNG REQUIRED)
# toml++ 3.3 (libtomlplusplus-dev): Debian builds it as a shared library.
find_package(tomlplusplus 3 REQUIRED)
pkg_check_modules(LIBDEFLATE REQUIRED IMPORTED_TARGET libdeflate)
# PKCS#11 tokens: the standard header (p11-kit's) to list a token's certificates; libp11's engine
# (libengine-pkcs11-openssl) is loaded by OpenSSL at run time.
pkg_check_modules(P11KIT REQUIRED p11-kit-1)
# Debian's Poco::DataPostgreSQL links "PostgreSQL::client", a target Poco's CMake files expect but do not define.
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
if(NOT TARGET PostgreSQL::client)
  add_library(PostgreSQL::client INTERFACE IMPORTED)
  target_link_libraries(PostgreSQL::client INTERFACE PkgConfig::LIBPQ)
endif()
find_package(Poco REQUIRED COMPONENTS Foundation Util Net Data DataSQLite DataPostgreSQL JSON Zip)

# libharu has no CMake or pkg-config file on Debian 12.
find_path(HPDF_INCLUDE_DIR hpdf.h REQUIRED)
find_library(HPDF_LIBRARY NAMES hpdf REQUIRED)
add_library(hpdf::hpdf UNKNOWN IMPORTED)
set_target_properties(hpdf::hpdf PROPERTIES IMPORTED_LOCATION "${HPDF_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${HPDF_INCLUDE_DIR}")

if(VANBAN_TESTS)
  find_package(GTest REQUIRED)
endif()
