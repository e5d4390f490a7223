# vanban_module(NAME SOURCES ... [DEPS ...] [PRIVATE_DEPS ...])
# One static library per module under src/NAME, namespace vanban::NAME, warnings applied per target.
set(VANBAN_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
    # GCC 12 reports false -Wrestrict positives inside std::string's operator+ at -O2 (GCC bug 105651).
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)

function(vanban_apply_warnings target)
  target_compile_options(${target} PRIVATE ${VANBAN_WARNINGS})
  if(VANBAN_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

function(vanban_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(vanban_${name} STATIC ${ARG_SOURCES})
  add_library(vanban::${name} ALIAS vanban_${name})
  target_include_directories(vanban_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(vanban_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  vanban_apply_warnings(vanban_${name})
endfunction()

if(VANBAN_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# libFuzzer targets (tests/fuzz) need clang; every library is then built with coverage and sanitizers.
if(VANBAN_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "VANBAN_FUZZ needs clang (cmake --preset fuzz uses clang-14)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
