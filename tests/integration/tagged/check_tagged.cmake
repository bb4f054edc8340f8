# See CMakeLists.txt. SOURCE is the checkout, OUT a scratch folder, HERE this folder.
cmake_minimum_required(VERSION 3.25)
function(run_or_fail)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "'${ARGN}' failed with ${rc}:\n${out}${err}")
  endif()
  set(run_out "${out}" PARENT_SCOPE)
endfunction()
function(expect_tagged pdf want)
  run_or_fail(pdfinfo ${pdf})
  if(NOT run_out MATCHES "Tagged: +${want}")
    message(FATAL_ERROR "${pdf}: pdfinfo does not say 'Tagged: ${want}':\n${run_out}")
  endif()
endfunction()

set(python /usr/bin/python3)
file(REMOVE_RECURSE ${OUT})

# The default booklet (content/), imposed too; the PDF writer's own test page in
# every shipped style; the real-site test pages as one book.
run_or_fail(${BOOKLET} build ${SOURCE}/content/booklet.yaml --format pdf --impose -q -o ${OUT}/content)
set(pdfs ${OUT}/content/booklet.pdf)
foreach(style booklet handout press-kit leaflet ereader)
  run_or_fail(${BOOKLET} build ${SOURCE}/tests/data/pdf/e2e/booklet.yaml --format pdf --style ${style} -q
              -o ${OUT}/e2e-${style}.pdf)
  list(APPEND pdfs ${OUT}/e2e-${style}.pdf)
endforeach()
# A home QR code and QR codes beside the URL notes.
foreach(style booklet handout)
  run_or_fail(${BOOKLET} build ${SOURCE}/tests/data/pdf/tagged/booklet.yaml --format pdf --style ${style}
              --set links.qr_codes=true -q -o ${OUT}/codes-${style}.pdf)
  list(APPEND pdfs ${OUT}/codes-${style}.pdf)
endforeach()
file(GLOB realpages ${SOURCE}/tests/data/realpages/*.md)
list(SORT realpages)
run_or_fail(${BOOKLET} build ${realpages} --format pdf -q -o ${OUT}/realpages.pdf)
list(APPEND pdfs ${OUT}/realpages.pdf)
# A book whose ParentTree and IDTree outgrow one array (libharu stops at 32,767
# elements): two pages of 4,300 links each give 17,200 link annotations and
# 8,600 notes; both trees are then split into leaves with /Limits.
foreach(part 1 2)
  set(page "# Links ${part}\n\n")
  foreach(i RANGE 1 4300)
    string(APPEND page "Word [link ${part}-${i}](https://example.org/${part}/${i}) and more.\n\n")
  endforeach()
  file(WRITE ${OUT}/many/links-${part}.md "${page}")
endforeach()
file(WRITE ${OUT}/many/booklet.yaml "title: Many links\nlanguage: en\ndate: 2026-01-01\npages: [links-1.md, links-2.md]\n")
run_or_fail(${BOOKLET} build ${OUT}/many/booklet.yaml --format pdf -q -o ${OUT}/many-links.pdf)
list(APPEND pdfs ${OUT}/many-links.pdf)
run_or_fail(qpdf --check ${OUT}/many-links.pdf)
# A chapter of 33,000 one-word paragraphs: more kids than a PDF array holds went
# into its Sect before (libharu error 0x1001, nothing written); past 8,000 they
# go into Div elements, and the tree still reads in the page's order.
set(page "# Many paragraphs\n\n")
foreach(i RANGE 1 33000)
  string(APPEND page "w${i}\n\n")
endforeach()
file(WRITE ${OUT}/many/paragraphs.md "${page}")
run_or_fail(${BOOKLET} build ${OUT}/many/paragraphs.md --format pdf -q -o ${OUT}/many-paragraphs.pdf)
list(APPEND pdfs ${OUT}/many-paragraphs.pdf)
run_or_fail(${python} ${HERE}/struct_order.py ${OUT}/many-paragraphs.pdf ${OUT}/many/paragraphs.md)

foreach(pdf IN LISTS pdfs)
  expect_tagged(${pdf} yes)
endforeach()
run_or_fail(${python} ${HERE}/pdfua_check.py ${pdfs})

# Book order: the structure tree reads as the pages do.
run_or_fail(${python} ${HERE}/struct_order.py ${OUT}/content/booklet.pdf
            ${SOURCE}/content/digitale-hersenen.nl.md ${SOURCE}/content/making-this-booklet.md)
run_or_fail(${python} ${HERE}/struct_order.py ${OUT}/e2e-booklet.pdf ${SOURCE}/tests/data/pdf/e2e/typesetting.md)

# The sheets for the printer are not tagged, nor is a booklet whose style says so.
expect_tagged(${OUT}/content/booklet-print.pdf no)
run_or_fail(${BOOKLET} build ${SOURCE}/content/booklet.yaml --format pdf --set pdf.tagged=false -q
            -o ${OUT}/untagged.pdf)
expect_tagged(${OUT}/untagged.pdf no)
run_or_fail(qpdf --check ${OUT}/untagged.pdf)
