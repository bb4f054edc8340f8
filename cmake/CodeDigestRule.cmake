# booklet_code_digest(OUT_VAR NAMESPACE SYMBOL COMMENT FILE...): a build rule that writes
# SYMBOL.cpp in the current binary folder, defining NAMESPACE::SYMBOL as the digest of the
# FILEs and of the compiler and its flags (cmake/CodeDigest.cmake, run again whenever one
# of the files changes), and sets OUT_VAR to that file, for the sources of a library.
function(booklet_code_digest out_var namespace symbol comment)
  set(files ${ARGN})
  string(REPLACE ";" "|" file_list "${files}")
  string(TOUPPER "${CMAKE_BUILD_TYPE}" build_type)
  set(compiler "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION} ${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${build_type}}")
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${symbol}.cpp)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} "-DFILES=${file_list}" -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
            "-DCOMPILER=${compiler}" -DOUTPUT=${output} -DNAMESPACE=${namespace} -DSYMBOL=${symbol}
            -P ${PROJECT_SOURCE_DIR}/cmake/CodeDigest.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/CodeDigest.cmake
    COMMENT "${comment}"
    VERBATIM)
  set(${out_var} ${output} PARENT_SCOPE)
endfunction()
