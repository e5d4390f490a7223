# `cmake --install` (GNUInstallDirs) and the Debian package (CPack DEB).
#
#   <prefix>/bin/vanban, <prefix>/bin/vanban-serve (what `vanban serve` runs)
#   <prefix>/lib/systemd/system/vanban.service                   the service's unit (state directory /var/lib/vanban)
#   <prefix>/share/vanban/{templates,rules,schemas,examples}   and fonts/ unless VANBAN_INSTALL_FONTS is OFF
#   <prefix>/share/man/man1/vanban.1                             made from the option table at build time
#   <prefix>/share/bash-completion/completions/vanban            made from the option table at build time
#   <prefix>/share/doc/vanban/{vanban.conf.example,LICENSE,NOTICE,README.md}
#
# The binary finds share/vanban next to itself (<bindir>/../share/vanban), so any prefix works.
option(VANBAN_INSTALL_FONTS "Install the bundled fonts (the Debian package depends on fonts-liberation2 instead)" ON)

set(VANBAN_DATA_DIR "${CMAKE_INSTALL_DATADIR}/vanban")
install(TARGETS vanban vanban-serve RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY templates/ DESTINATION ${VANBAN_DATA_DIR}/templates)
install(DIRECTORY rules/ DESTINATION ${VANBAN_DATA_DIR}/rules)
install(DIRECTORY schemas/ DESTINATION ${VANBAN_DATA_DIR}/schemas)
install(DIRECTORY examples/ DESTINATION ${VANBAN_DATA_DIR}/examples)
if(VANBAN_INSTALL_FONTS)
  install(DIRECTORY fonts/ DESTINATION ${VANBAN_DATA_DIR}/fonts)
endif()
install(FILES ${CMAKE_BINARY_DIR}/vanban.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_BINARY_DIR}/vanban.bash-completion DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
  RENAME vanban)
install(FILES etc/vanban.conf.example LICENSE NOTICE README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The service's systemd unit (a package installs it under /lib/systemd/system).
install(FILES etc/vanban.service DESTINATION lib/systemd/system)

# ---- Debian package: scripts/package builds it (fonts from fonts-liberation2, dependencies computed) ------------
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "vanban")
set(CPACK_PACKAGE_VENDOR "vanban")
set(CPACK_PACKAGE_CONTACT "vanban maintainers <vanban@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
  "Drafts the legal documents of Vietnam's civil judgment enforcement offices from case data, lays them out as\
 Nghị định 30/2020/NĐ-CP prescribes, writes PDF/A-1b, signs them (PAdES) and keeps them in a hash-chained archive.")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_LICENSE "Apache-2.0")
# The shared libraries' packages are computed by dpkg-shlibdeps; the fonts are a package of their own.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-liberation2")
# Keys on PKCS#11 tokens (sign --pkcs11): libp11's engine, which OpenSSL loads at run time, so no library links it.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libengine-pkcs11-openssl")
include(CPack)
