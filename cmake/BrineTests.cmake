# brine's tests under CTest, the same ones `bazel test //...` runs (included
# by CMakeLists.txt when BRINE_BUILD_TESTS is ON):
#   - every *_test.cc (GoogleTest, gtest_main) of value/ codec/ registry/
#     facade/ types/numpy/ cli/ tests/, found by glob: a new test file needs no edit here;
#   - the sh tests: tests/conformance/conformance_test.sh,
#     tests/hostile/hostile_test.sh and
#     examples/*_test.sh (each example binary examples/NAME.cc is built);
#   - fuzz/: one corpus test per fuzz/*_fuzzer.cc (without libFuzzer);
#   - benchmarks/: allocation_counter_test and the smoke test, when Google
#     Benchmark is found.
# As under Bazel, tests run from the source root (they open files such as
# codec/testdata/dis_cases.py by that relative path), each with its own fresh
# TEST_TMPDIR under <build>/testtmp/. cli/ tests run `./brine`, the binary in
# their Bazel runfiles: here they run in <build>/runfiles, a tree of symlinks
# to the source folders plus `brine` -> the built command.
find_package(GTest REQUIRED)
find_package(benchmark QUIET)

set(BRINE_TEST_TMP "${PROJECT_BINARY_DIR}/testtmp")
set(BRINE_RUNFILES "${PROJECT_BINARY_DIR}/runfiles")
set_property(GLOBAL PROPERTY BRINE_TEST_TMPDIRS "")

# The runfiles-like tree for the cli/ tests.
file(MAKE_DIRECTORY "${BRINE_RUNFILES}")
file(GLOB source_entries RELATIVE "${PROJECT_SOURCE_DIR}" "${PROJECT_SOURCE_DIR}/*")
foreach(entry IN LISTS source_entries)
  if(IS_DIRECTORY "${PROJECT_SOURCE_DIR}/${entry}" AND NOT entry MATCHES "^(\\.|bazel-)"
     AND NOT "${PROJECT_SOURCE_DIR}/${entry}" STREQUAL "${PROJECT_BINARY_DIR}"
     AND NOT EXISTS "${BRINE_RUNFILES}/${entry}")
    file(CREATE_LINK "${PROJECT_SOURCE_DIR}/${entry}" "${BRINE_RUNFILES}/${entry}" SYMBOLIC)
  endif()
endforeach()
add_custom_command(TARGET brine_cli POST_BUILD
  COMMAND "${CMAKE_COMMAND}" -E create_symlink "$<TARGET_FILE:brine_cli>" "${BRINE_RUNFILES}/brine")

# Test helpers, testonly in Bazel: tests/python_runner and the library
# folders' testonly sources (BRINE_TESTONLY_SOURCES). Its precompiled headers,
# GoogleTest's added, serve every test (same options: -Wall, GoogleTest's
# definitions).
add_library(brine_testing STATIC tests/python_runner.cc ${BRINE_TESTONLY_SOURCES})
target_compile_options(brine_testing PRIVATE -Wall)
target_link_libraries(brine_testing PUBLIC brine GTest::gtest)
brine_precompile_headers(brine_testing <gtest/gtest.h>)

# brine_add_test(NAME <ctest name> COMMAND ... [WORKING_DIRECTORY dir])
# registers a test with its own TEST_TMPDIR, made fresh before each ctest run.
function(brine_add_test)
  cmake_parse_arguments(ARG "" "NAME;WORKING_DIRECTORY" "COMMAND" ${ARGN})
  if(NOT ARG_WORKING_DIRECTORY)
    set(ARG_WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
  endif()
  string(REPLACE "/" "_" tmp_name "${ARG_NAME}")
  set(tmpdir "${BRINE_TEST_TMP}/${tmp_name}")
  add_test(NAME "${ARG_NAME}" COMMAND ${ARG_COMMAND} WORKING_DIRECTORY "${ARG_WORKING_DIRECTORY}")
  set_tests_properties("${ARG_NAME}" PROPERTIES
    ENVIRONMENT "TEST_TMPDIR=${tmpdir};PYTHONDONTWRITEBYTECODE=1"
    FIXTURES_REQUIRED brine_test_tmpdirs)
  set_property(GLOBAL APPEND PROPERTY BRINE_TEST_TMPDIRS "${tmpdir}")
endfunction()

# brine_gtest(<folder/name_test.cc> [extra link libraries...])
function(brine_gtest source)
  string(REGEX REPLACE "\\.cc$" "" name "${source}")   # codec/decoder_test
  string(REPLACE "/" "_" target "${name}")             # codec_decoder_test
  add_executable(${target} "${source}")
  target_compile_options(${target} PRIVATE -Wall)
  target_link_libraries(${target} PRIVATE brine_testing brine ${ARGN} GTest::gtest_main)
  brine_reuse_precompiled_headers(${target} brine_testing)
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/tests")
  set(working_directory "${PROJECT_SOURCE_DIR}")
  if(name MATCHES "^cli/")
    set(working_directory "${BRINE_RUNFILES}")
  endif()
  brine_add_test(NAME "${name}" COMMAND ${target} WORKING_DIRECTORY "${working_directory}")
endfunction()

foreach(dir IN LISTS BRINE_LIBRARY_DIRS ITEMS cli tests)
  file(GLOB test_sources CONFIGURE_DEPENDS RELATIVE "${PROJECT_SOURCE_DIR}" "${dir}/*_test.cc")
  foreach(source IN LISTS test_sources)
    brine_gtest("${source}")
  endforeach()
endforeach()

# The CPython conformance suite (tests/conformance/BUILD.bazel).
brine_add_test(NAME tests/conformance/conformance
  COMMAND bash tests/conformance/conformance_test.sh "$<TARGET_FILE:brine_cli>")
# The hostile-input suite (tests/hostile/BUILD.bazel).
brine_add_test(NAME tests/hostile/hostile
  COMMAND bash tests/hostile/hostile_test.sh "$<TARGET_FILE:brine_cli>")

# examples/: each NAME.cc is a binary; each NAME_test.sh runs it.
file(GLOB example_sources CONFIGURE_DEPENDS RELATIVE "${PROJECT_SOURCE_DIR}" "examples/*.cc")
foreach(source IN LISTS example_sources)
  get_filename_component(name "${source}" NAME_WE)
  add_executable(example_${name} "${source}")
  target_compile_options(example_${name} PRIVATE -Wall)
  target_link_libraries(example_${name} PRIVATE brine)
  set_target_properties(example_${name} PROPERTIES
    OUTPUT_NAME ${name} RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/examples")
  if(EXISTS "${PROJECT_SOURCE_DIR}/examples/${name}_test.sh")
    set(extra_args "")
    if(name STREQUAL "registry_custom_reducer")
      set(extra_args examples/untrusted.pkl)  # as in examples/BUILD.bazel
    endif()
    brine_add_test(NAME examples/${name}_test
      COMMAND bash "examples/${name}_test.sh" "$<TARGET_FILE:example_${name}>" ${extra_args})
  endif()
endforeach()

# fuzz/: the corpus tests, each a fuzz target's LLVMFuzzerTestOneInput run by
# corpus_test.cc over make_corpus.py's corpus and fuzz/regressions/.
add_library(brine_fuzz_support STATIC fuzz/fuzz_options.cc fuzz/graph_checks.cc fuzz/input_files.cc)
target_link_libraries(brine_fuzz_support PUBLIC brine)
file(GLOB fuzzer_sources CONFIGURE_DEPENDS RELATIVE "${PROJECT_SOURCE_DIR}" "fuzz/*_fuzzer.cc")
foreach(source IN LISTS fuzzer_sources)
  get_filename_component(fuzzer "${source}" NAME_WE)            # decode_fuzzer
  string(REGEX REPLACE "_fuzzer$" "" name "${fuzzer}")          # decode
  add_executable(fuzz_${name}_corpus_test fuzz/corpus_test.cc "${source}")
  target_link_libraries(fuzz_${name}_corpus_test PRIVATE
    brine_fuzz_support brine_testing brine GTest::gtest_main)
  target_compile_options(fuzz_${name}_corpus_test PRIVATE -Wall)
  brine_reuse_precompiled_headers(fuzz_${name}_corpus_test brine_testing)
  set_target_properties(fuzz_${name}_corpus_test PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/tests")
  brine_add_test(NAME fuzz/${name}_corpus_test COMMAND fuzz_${name}_corpus_test)
endforeach()

# benchmarks/ (Google Benchmark): the binaries, the allocation counter's test
# and the smoke test that runs each benchmark once on tiny data.
if(benchmark_FOUND)
  add_library(brine_bench_datasets STATIC benchmarks/datasets.cc)
  target_link_libraries(brine_bench_datasets PUBLIC brine)
  foreach(name decode_benchmark encode_benchmark)
    # allocation_counter.cc replaces the global operator new: linked as a source.
    add_executable(${name} benchmarks/${name}.cc benchmarks/allocation_counter.cc)
    target_link_libraries(${name} PRIVATE brine_bench_datasets brine benchmark::benchmark_main)
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/benchmarks")
  endforeach()
  # The text writers' benchmark builds its values in memory: no data sets.
  add_executable(writer_benchmark benchmarks/writer_benchmark.cc)
  target_link_libraries(writer_benchmark PRIVATE brine benchmark::benchmark_main)
  set_target_properties(writer_benchmark PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/benchmarks")
  add_executable(benchmarks_allocation_counter_test
    benchmarks/allocation_counter_test.cc benchmarks/allocation_counter.cc)
  target_link_libraries(benchmarks_allocation_counter_test PRIVATE brine GTest::gtest_main)
  set_target_properties(benchmarks_allocation_counter_test PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/tests")
  brine_add_test(NAME benchmarks/allocation_counter_test COMMAND benchmarks_allocation_counter_test)
  brine_add_test(NAME benchmarks/smoke_test
    COMMAND bash benchmarks/smoke_test.sh benchmarks/data/make_datasets.py benchmarks/compare_cpython.py
            "$<TARGET_FILE:decode_benchmark>" "$<TARGET_FILE:encode_benchmark>")
else()
  message(STATUS "Google Benchmark not found: benchmarks/ tests are not built")
endif()

# Fresh TEST_TMPDIRs before the tests run (a CTest fixture every test requires).
get_property(tmpdirs GLOBAL PROPERTY BRINE_TEST_TMPDIRS)
add_test(NAME brine_test_tmpdirs
  COMMAND sh -c "rm -rf \"$0\" && mkdir -p \"$@\"" "${BRINE_TEST_TMP}" ${tmpdirs})
set_tests_properties(brine_test_tmpdirs PROPERTIES FIXTURES_SETUP brine_test_tmpdirs)
