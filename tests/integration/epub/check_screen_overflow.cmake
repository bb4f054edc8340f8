# Builds an EPUB with the CLI and renders each of its documents in headless
# Chromium at 360 px and at 200 % text size (screen_overflow.sh): nothing may
# reach past the screen's edge. Skips (exit 77) only when Chromium is absent.
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${BOOKLET} build ${MANIFEST} --format epub -o ${OUT}/book -q
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "booklet build failed (${rc}):\n${out}${err}")
endif()
file(GLOB epubs ${OUT}/book/*.epub)
list(LENGTH epubs n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "expected one .epub in ${OUT}/book, found ${n}: ${epubs}")
endif()
execute_process(COMMAND bash ${SCRIPT} ${epubs} ${OUT}/render RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(rc EQUAL 77)
  # ctest's SKIP_REGULAR_EXPRESSION sees the message; the process must still end.
  message("SKIPPED: ${out}")
  return()
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "content reaches past a 360 px screen (${rc}); see the lines above")
endif()
