// The XMP metadata stream of the catalog (PDF 1.7, 14.3.2): the document info
// again, as PDF/UA-1 asks (dc:title is what a reader's title bar shows), and the
// PDF/UA identification when the file is tagged.
#pragma once

#include "booklet/pages.hpp"

#include <string>

namespace booklet::pdf {

// An XMP packet (UTF-8, no byte order mark): dc:title, dc:creator, dc:description,
// dc:language, xmp:CreatorTool, xmp:CreateDate and xmp:ModifyDate (from
// DocumentInfo::date, left out when it is 0), pdf:Producer and pdf:Keywords, and
// pdfuaid:part 1 when `tagged`. Identical input gives identical bytes.
std::string xmp_metadata(const pages::DocumentInfo& info, bool tagged);

}  // namespace booklet::pdf
