// Markdown pages to the document model: the only user of cmark-gfm.
//
// Input:  a Manifest and its SourcePages.
// Output: model::Document (see booklet/model.hpp for its invariants).
// Policy: raw HTML is turned into the same model (common elements kept, script,
//   style, iframe and unknown components dropped with one warning each, their
//   Markdown content kept); URLs are resolved (absolute kept, site-relative against
//   base_url, pages of the booklet become internal references); images are looked
//   up next to the page and in the manifest's asset folders, never fetched.
// Must not: know about styles, fonts or output formats.
#pragma once

#include "booklet/diagnostics.hpp"
#include "booklet/model.hpp"
#include "booklet/source.hpp"

namespace booklet::markdown {

// Builds the whole document: reads every page of the manifest. Per-page problems
// are reported to `diags` (errors included) and the page is skipped only when it
// cannot be read at all.
model::Document build_document(const source::Manifest& manifest, Diagnostics& diags);

// Lower-cased ASCII slug as heading ids use ("Why we protest" -> "why-we-protest").
std::string slugify(std::string_view text);

}  // namespace booklet::markdown
