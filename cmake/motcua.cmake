# Helpers shared by every module: warnings as errors, sanitizers, one library target per module and
# one CTest per test file.

set(MOTCUA_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wconversion -Wsign-conversion -Wformat=2 -Werror
    # Not -Wnull-dereference: at -O3 GCC 12 reports it inside nlohmann::json and mustache (false positives).
    # GCC 12 reports false -Wrestrict positives inside std::string at -O3 (GCC bug 105329).
    -Wno-restrict)

if(MOTCUA_SANITIZE)
  # The sanitizers' instrumentation makes GCC 12 report false -Wmaybe-uninitialized inside std::variant.
  list(APPEND MOTCUA_WARNINGS -Wno-maybe-uninitialized)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(MOTCUA_SANITIZE_THREAD)
  # The libraries of Debian are not instrumented: cmake/tsan.supp says which of their reports are not ours.
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

# motcua_add_library(NAME name SRCS ... DEPS ... [PUBLIC_DEPS ...])
# Creates target motcua_<name> with alias motcua::<name>. Headers are included as "<module>/<file>.hpp" from src/.
function(motcua_add_library)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(motcua_${ARG_NAME} STATIC ${ARG_SRCS})
  add_library(motcua::${ARG_NAME} ALIAS motcua_${ARG_NAME})
  target_include_directories(motcua_${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(motcua_${ARG_NAME} PRIVATE ${MOTCUA_WARNINGS})
  target_link_libraries(motcua_${ARG_NAME} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

# motcua_add_test(file_test.cpp DEPS ... [LABELS ...])
# One executable and one CTest per test file, named after the file.
function(motcua_add_test SRC)
  cmake_parse_arguments(ARG "" "" "DEPS;LABELS" ${ARGN})
  get_filename_component(name ${SRC} NAME_WE)
  add_executable(${name} ${SRC})
  target_compile_options(${name} PRIVATE ${MOTCUA_WARNINGS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main Threads::Threads)
  add_test(NAME ${name} COMMAND ${name})
  if(ARG_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
  endif()
endfunction()

# motcua_embed_files(TARGET_VAR out_cpp NAMESPACE ns FILES ...)
# Generates a .cpp that defines `const std::vector<motcua::core::EmbeddedFile>& ns::files()` holding each file's
# name and bytes, so migrations and demo data ship inside the binary.
function(motcua_embed_files OUT NS)
  set(files ${ARGN})
  set(out_cpp ${CMAKE_CURRENT_BINARY_DIR}/${NS}_embedded.cpp)
  string(REPLACE ";" "|" files_arg "${files}")
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DNS=${NS} "-DFILES=${files_arg}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    COMMENT "Embedding ${NS}"
    VERBATIM)
  set(${OUT} ${out_cpp} PARENT_SCOPE)
endfunction()
