# Builds MANIFEST twice with BOOKLET and checks the PDF: byte-identical builds,
# qpdf --check clean, every font embedded with ToUnicode, and pdftotext giving
# back the words of the page (ligatures and accents included) without warnings.
function(run_or_fail)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "'${ARGN}' failed with ${rc}:\n${out}${err}")
  endif()
  set(run_out "${out}" PARENT_SCOPE)
  set(run_err "${err}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${OUT})
run_or_fail(${BOOKLET} build ${MANIFEST} --format pdf -q -o ${OUT}/first)
run_or_fail(${BOOKLET} build ${MANIFEST} --format pdf -q -o ${OUT}/second)
get_filename_component(name ${MANIFEST} NAME_WE)
set(pdf ${OUT}/first/${name}.pdf)

execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${pdf} ${OUT}/second/${name}.pdf RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  message(FATAL_ERROR "two builds of the same booklet differ")
endif()

run_or_fail(qpdf --check ${pdf})
if(NOT run_out MATCHES "No syntax or stream encoding errors found")
  message(FATAL_ERROR "qpdf --check:\n${run_out}${run_err}")
endif()

run_or_fail(pdffonts ${pdf})
string(REPLACE "\n" ";" rows "${run_out}")
list(LENGTH rows count)
if(count LESS 3)
  message(FATAL_ERROR "pdffonts lists no fonts:\n${run_out}")
endif()
list(SUBLIST rows 2 -1 rows)
foreach(row IN LISTS rows)
  if(row STREQUAL "")
    continue()
  endif()
  # name type... encoding emb sub uni num gen: check the three flags
  if(NOT row MATCHES " yes +yes +yes +[0-9]+ +[0-9]+$")
    message(FATAL_ERROR "font not embedded as a subset with ToUnicode: ${row}")
  endif()
endforeach()

run_or_fail(pdftotext -enc UTF-8 ${pdf} -)
if(NOT run_err STREQUAL "")
  message(FATAL_ERROR "pdftotext warned:\n${run_err}")
endif()
# Undo line-end hyphenation and join lines before looking for words.
string(REPLACE "-\n" "" text "${run_out}")
string(REGEX REPLACE "[ \n\f]+" " " text "${text}")
foreach(word office flow affinity efficient fjord fluff waffles café Zoë naïve Ærø Dvořák AVATAR Tyre WAVE
             "A section" "the text ends here")
  string(FIND "${text}" "${word}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "'${word}' is not in the PDF's text:\n${text}")
  endif()
endforeach()
