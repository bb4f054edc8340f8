# What `cmake --install` puts under the prefix, and the Debian package CPack makes
# of it:
#   bin/booklet
#   share/booklet/{styles,fonts}          found by the binary as ../share/booklet
#   share/man/man1/booklet.1.gz
#   share/bash-completion/completions/booklet, share/zsh/vendor-completions/_booklet,
#   share/fish/vendor_completions.d/booklet.fish
#   share/doc/booklet/copyright
include(GNUInstallDirs)
set(BOOKLET_MAINTAINER "booklet maintainers <maintainers@users.noreply.r-seed-951d8435.example>")

install(TARGETS booklet RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/styles/ DESTINATION ${CMAKE_INSTALL_DATADIR}/booklet/styles
        FILES_MATCHING PATTERN "*.yaml")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/fonts/ DESTINATION ${CMAKE_INSTALL_DATADIR}/booklet/fonts)

# The man page carries the version; Debian wants it compressed, and gzip -n keeps
# the bytes the same from build to build.
configure_file(${PROJECT_SOURCE_DIR}/docs/booklet.1 ${PROJECT_BINARY_DIR}/packaging/booklet.1 @ONLY)
add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/packaging/booklet.1.gz
                   COMMAND gzip -9n -c ${PROJECT_BINARY_DIR}/packaging/booklet.1 > ${PROJECT_BINARY_DIR}/packaging/booklet.1.gz
                   DEPENDS ${PROJECT_BINARY_DIR}/packaging/booklet.1 VERBATIM)
add_custom_target(booklet_man_page ALL DEPENDS ${PROJECT_BINARY_DIR}/packaging/booklet.1.gz)
install(FILES ${PROJECT_BINARY_DIR}/packaging/booklet.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

set(completions ${PROJECT_SOURCE_DIR}/packaging/completions)
install(FILES ${completions}/booklet.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME booklet)
install(FILES ${completions}/_booklet DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${completions}/booklet.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

# A machine-readable copyright file with the fonts' licence texts inlined (each
# line indented by one space, empty lines as " .").
function(booklet_licence_text file out)
  file(READ ${file} text)
  string(REGEX REPLACE "\r" "" text "${text}")
  string(REGEX REPLACE "\n+$" "" text "${text}")
  string(REGEX REPLACE "\n[ \t]*\n" "\n.\n" text "${text}")
  string(REGEX REPLACE "\n[ \t]*\n" "\n.\n" text "${text}")  # runs of empty lines
  string(REPLACE "\n" "\n " text " ${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()
booklet_licence_text(${PROJECT_SOURCE_DIR}/fonts/noto/OFL.txt OFL_TEXT)
booklet_licence_text(${PROJECT_SOURCE_DIR}/fonts/dejavu/LICENSE.txt VERA_TEXT)
configure_file(${PROJECT_SOURCE_DIR}/packaging/copyright.in ${PROJECT_BINARY_DIR}/packaging/copyright @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/packaging/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})

# Debian wants a changelog in every package. Its one entry names the commit the
# package was built from and that commit's date (a true date, and the same bytes
# on every rebuild of the commit); rewritten at each build, as commits move on.
add_custom_target(booklet_changelog ALL
                  COMMAND ${CMAKE_COMMAND} -DSOURCE=${PROJECT_SOURCE_DIR} -DOUT=${PROJECT_BINARY_DIR}/packaging
                          -DVERSION=${PROJECT_VERSION} "-DMAINTAINER=${BOOKLET_MAINTAINER}"
                          -P ${PROJECT_SOURCE_DIR}/cmake/Changelog.cmake
                  BYPRODUCTS ${PROJECT_BINARY_DIR}/packaging/changelog.gz VERBATIM)
install(FILES ${PROJECT_BINARY_DIR}/packaging/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR} OPTIONAL)

# CPack: `cpack -G DEB` in the build folder makes booklet_VERSION_ARCH.deb. The
# library dependencies come from dpkg-shlibdeps; the hyphenation dictionaries and
# the colour emoji font are data the program looks for and goes on without.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME booklet)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Markdown pages to print-ready PDF booklets and EPUB 3 books")
set(CPACK_PACKAGE_DESCRIPTION
    "booklet turns a folder of Markdown pages with YAML front matter into PDF\n"
    "booklets laid out for print (A5 booklets imposed for folding, handouts,\n"
    "press kits that print every link's address on its page) and EPUB 3 books,\n"
    "with HarfBuzz shaping, Knuth-Plass line breaking and hyphenation.")
set(CPACK_PACKAGE_CONTACT "${BOOKLET_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "fonts-noto-color-emoji, hyphen-en-us, hyphen-en-gb, hyphen-nl, hyphen-de, hyphen-fr, hyphen-es")
# Fonts the system fallback finds for other scripts, and hyphenation for more languages.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS
    "fonts-noto-core, fonts-noto-cjk, hyphen-pl, hyphen-ru, hyphen-it, hyphen-pt-pt, hyphen-sv, hyphen-da, hyphen-cs, hyphen-hu, hyphen-el")
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)  # xz: 3.3 MB instead of 5.2, but three times the CPU time
include(CPack)
