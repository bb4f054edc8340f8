# cmake -DBUILD=<build tree> -P check_package.cmake: cpack -G DEB, then the .deb's
# files, its dependencies, and lintian (no errors; warnings are printed).
cmake_minimum_required(VERSION 3.25)
set(out "${BUILD}/package-test")
file(REMOVE_RECURSE "${out}")

execute_process(COMMAND cpack -G DEB --config "${BUILD}/CPackConfig.cmake" -B "${out}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE cpack_out ERROR_VARIABLE cpack_err)
file(GLOB debs "${out}/*.deb")
list(LENGTH debs n)
if(NOT rc EQUAL 0 OR NOT n EQUAL 1)
  message(FATAL_ERROR "cpack made ${n} packages (${rc}):\n${cpack_out}${cpack_err}")
endif()

execute_process(COMMAND dpkg-deb -c ${debs} OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "dpkg-deb -c failed")
endif()
foreach(f ./usr/bin/booklet ./usr/share/booklet/styles/booklet.yaml ./usr/share/booklet/styles/handout.yaml
          ./usr/share/booklet/styles/press-kit.yaml ./usr/share/booklet/styles/ereader.yaml
          ./usr/share/booklet/fonts/noto/NotoSerif-Regular.ttf ./usr/share/booklet/fonts/dejavu/DejaVuSans.ttf
          ./usr/share/booklet/fonts/noto/OFL.txt ./usr/share/booklet/fonts/dejavu/LICENSE.txt
          ./usr/share/man/man1/booklet.1.gz ./usr/share/bash-completion/completions/booklet
          ./usr/share/zsh/vendor-completions/_booklet ./usr/share/fish/vendor_completions.d/booklet.fish
          ./usr/share/doc/booklet/copyright ./usr/share/doc/booklet/changelog.gz)
  string(FIND "${listing}" " ${f}\n" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the package has no ${f}:\n${listing}")
  endif()
endforeach()
# Nothing outside /usr, and files owned by root.
string(REGEX MATCHALL "[^\n]+" rows "${listing}")
foreach(row IN LISTS rows)
  if(NOT row MATCHES " \\./usr/" AND NOT row MATCHES " \\./$")
    message(FATAL_ERROR "a file outside /usr: ${row}")
  endif()
  if(NOT row MATCHES "^[-dl][rwxs-]+ root/root ")
    message(FATAL_ERROR "not owned by root: ${row}")
  endif()
endforeach()

execute_process(COMMAND dpkg-deb -f ${debs} Depends OUTPUT_VARIABLE depends)
foreach(lib libhpdf libharfbuzz0b libharfbuzz-subset0 libcmark-gfm0 libyaml-cpp libzip4 libhyphen0 libicu
            libqrencode4 libfontconfig1 libfreetype6 libpng16-16 libjpeg62-turbo libwebp7 libtcmalloc-minimal4)
  string(FIND "${depends}" "${lib}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "Depends lacks ${lib}: ${depends}")
  endif()
endforeach()

execute_process(COMMAND lintian --tag-display-limit 0 ${debs} RESULT_VARIABLE rc OUTPUT_VARIABLE report
                ERROR_VARIABLE report_err)
if(report MATCHES "(^|\n)E: ")
  message(FATAL_ERROR "lintian reports errors:\n${report}${report_err}")
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "lintian failed (${rc}):\n${report}${report_err}")
endif()
message(STATUS "${debs}: files, dependencies and lintian (no errors) checked\n${report}")
file(REMOVE_RECURSE "${out}")
