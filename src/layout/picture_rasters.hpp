// The rasters of a finished Book, made ready for print: no finer than the style's
// images.max_ppi where they are drawn, and photographs marked for JPEG.
//
// Runs once on the final Book (after every pass and the max_pages fitting), so
// a picture is reduced once however often layout ran. Every distinct raster (the
// same shared_ptr) is reduced once, for the largest size it is drawn at, and all
// its uses then share the new raster: the writer still embeds it once.
#pragma once

#include "booklet/pages.hpp"
#include "booklet/style.hpp"

namespace booklet::layout {

// Replaces ImageItem::raster where a raster is reduced or its compression
// changes; rasters that need neither stay the same object. Deterministic.
void prepare_rasters(pages::Book& book, const style::ImageStyle& images);

}  // namespace booklet::layout
