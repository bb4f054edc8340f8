# Every dependency comes from a Debian 12 package (scripts/setup.sh installs them).
find_package(PkgConfig REQUIRED)
# The PDF and EPUB writers run side by side (src/cli/session.cpp).
find_package(Threads REQUIRED)
pkg_check_modules(CMARK_GFM REQUIRED IMPORTED_TARGET libcmark-gfm)
pkg_check_modules(YAML_CPP REQUIRED IMPORTED_TARGET yaml-cpp)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(LIBDEFLATE REQUIRED IMPORTED_TARGET libdeflate)
# The PDF writer's digest of what a page draws (src/pdf/drawing_key.cpp).
pkg_check_modules(LIBXXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(HARFBUZZ REQUIRED IMPORTED_TARGET harfbuzz)
pkg_check_modules(HARFBUZZ_SUBSET REQUIRED IMPORTED_TARGET harfbuzz-subset)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(LIBPNG REQUIRED IMPORTED_TARGET libpng)
pkg_check_modules(LIBWEBP REQUIRED IMPORTED_TARGET libwebp)
pkg_check_modules(LIBQRENCODE REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(FONTCONFIG REQUIRED IMPORTED_TARGET fontconfig)
# SVG pictures are parsed with expat (src/image/svg_clean.cpp), which fontconfig
# loads anyway; the tests read XHTML back with libxml2.
pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat)
if(BOOKLET_TESTS)
  pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
endif()
# The program's allocator (src/cli/main.cpp): not with the sanitizers, which
# bring their own, nor where BOOKLET_TCMALLOC is off.
if(BOOKLET_TCMALLOC AND NOT BOOKLET_SANITIZE AND NOT BOOKLET_FUZZ)
  pkg_check_modules(TCMALLOC REQUIRED IMPORTED_TARGET libtcmalloc_minimal)
endif()
find_package(JPEG REQUIRED)
find_package(ZLIB REQUIRED)

# cmark-gfm's extensions library ships no pkg-config file.
find_library(CMARK_GFM_EXTENSIONS_LIBRARY NAMES cmark-gfm-extensions REQUIRED)
add_library(booklet::cmark_gfm INTERFACE IMPORTED)
target_link_libraries(booklet::cmark_gfm INTERFACE PkgConfig::CMARK_GFM ${CMARK_GFM_EXTENSIONS_LIBRARY})

# libhyphen ships no pkg-config file either.
find_path(HYPHEN_INCLUDE_DIR hyphen.h REQUIRED)
find_library(HYPHEN_LIBRARY NAMES hyphen REQUIRED)
add_library(booklet::hyphen INTERFACE IMPORTED)
target_include_directories(booklet::hyphen INTERFACE ${HYPHEN_INCLUDE_DIR})
target_link_libraries(booklet::hyphen INTERFACE ${HYPHEN_LIBRARY})

# libharu (libhpdf-dev) has no pkg-config file.
find_path(HPDF_INCLUDE_DIR hpdf.h REQUIRED)
find_library(HPDF_LIBRARY NAMES hpdf REQUIRED)
add_library(booklet::hpdf INTERFACE IMPORTED)
target_include_directories(booklet::hpdf INTERFACE ${HPDF_INCLUDE_DIR})
target_link_libraries(booklet::hpdf INTERFACE ${HPDF_LIBRARY})

if(BOOKLET_TESTS)
  find_path(CATCH2_INCLUDE_DIR catch2/catch.hpp REQUIRED)
endif()
