# Runs the booklet binary and checks its exit code and combined output.
# ARGS arrives as a CMake list; unquoted, it expands to one argument per item.
execute_process(COMMAND ${BOOKLET} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
if(NOT "${rc}" STREQUAL "${EXPECT_EXIT}")
  message(FATAL_ERROR "exit code ${rc}, expected ${EXPECT_EXIT}\n--- output:\n${all}")
endif()
if(REGEX AND NOT all MATCHES "${REGEX}")
  message(FATAL_ERROR "output does not match '${REGEX}'\n--- output:\n${all}")
endif()
if(NOT_REGEX AND all MATCHES "${NOT_REGEX}")
  message(FATAL_ERROR "output matches '${NOT_REGEX}' but must not\n--- output:\n${all}")
endif()
