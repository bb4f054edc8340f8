#include "hpdf_document.hpp"

#include "booklet/deflate.hpp"

#include "booklet/diagnostics.hpp"
#include "pdf_syntax.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace booklet::pdf {

namespace {

// The codes a user of this writer can act on; anything else is reported by number
// (libharu's hpdf_error.h lists them all).
const char* describe(HPDF_STATUS code) {
    switch (code) {
        case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
        case HPDF_FILE_IO_ERROR: return "file input/output failed";
        case HPDF_FILE_OPEN_ERROR: return "cannot open file";
        case HPDF_PAGE_INVALID_SIZE: return "page size out of range (3 to 14400 pt)";
        case HPDF_XREF_COUNT_ERR: return "too many objects";
        case HPDF_DICT_COUNT_ERR: return "too many dictionary entries";
        case HPDF_STRING_OUT_OF_RANGE: return "string too long";
        case HPDF_INVALID_IMAGE: return "invalid image";
        case HPDF_INVALID_PARAMETER: return "invalid parameter";
        default: return nullptr;
    }
}

}  // namespace

void HpdfDocument::record_error(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
    auto* record = static_cast<ErrorRecord*>(user_data);
    if (record->error == HPDF_OK) {  // the first error is the cause; later ones follow from it
        record->error = error;
        record->detail = detail;
    }
}

HpdfDocument::HpdfDocument(std::string target) : target_(std::move(target)), errors_(std::make_unique<ErrorRecord>()) {
    if (std::strcmp(HPDF_GetVersion(), HPDF_VERSION_TEXT) != 0)
        throw Error({target_},
                    std::string("libharu ") + HPDF_GetVersion() + " found at run time, but booklet was built against " +
                        HPDF_VERSION_TEXT + " and uses its internal structures; rebuild booklet",
                    "pdf-library");
    doc_.reset(HPDF_New(&HpdfDocument::record_error, errors_.get()));
    if (!doc_) throw Error({target_}, "cannot create a PDF document (out of memory?)", "pdf-library");
    own_references_.mmgr = mmgr();
    check(HPDF_SetCompressionMode(doc(), HPDF_COMP_ALL), "setting compression");
    // Marked-content /ActualText needs PDF 1.5 and soft masks 1.4; libharu
    // writes nothing newer than 1.4 by itself.
    doc_->pdf_version = HPDF_VER_17;
}

void HpdfDocument::fail(std::string_view what) const {
    const HPDF_STATUS code = errors_->error != HPDF_OK ? errors_->error : HPDF_GetError(doc_.get());
    const HPDF_STATUS detail = errors_->error != HPDF_OK ? errors_->detail : HPDF_GetErrorDetail(doc_.get());
    char number[64];
    std::snprintf(number, sizeof number, "libharu error 0x%04X, detail %d", static_cast<unsigned>(code),
                  static_cast<int>(detail));
    std::string message = "cannot write PDF while " + std::string(what) + ": ";
    if (const char* text = describe(code))
        message += std::string(text) + " (" + number + ")";
    else
        message += number;
    throw Error({target_}, message, "pdf-library");
}

void HpdfDocument::check(HPDF_STATUS status, std::string_view what) const {
    if (status != HPDF_OK || errors_->error != HPDF_OK || HPDF_GetError(doc_.get()) != HPDF_OK) fail(what);
}

HPDF_Dict HpdfDocument::new_indirect_dict(std::string_view what) {
    HPDF_Dict dict = check(HPDF_Dict_New(mmgr()), what);
    check(HPDF_Xref_Add(xref(), dict), what);  // frees the dict itself on failure
    return dict;
}

void HpdfDocument::start_own_objects(std::size_t align) {
    if (next_own_ != 0) throw Error({target_}, "own objects numbered twice", "pdf-library");
    // libharu's table holds object 0 and its objects, numbered from 1: the
    // count of its entries is the first number after them.
    next_own_ = static_cast<std::uint32_t>(xref()->entries->count);
    align_own_objects(align);
}

std::uint32_t HpdfDocument::new_own_object(std::string_view what) {
    if (next_own_ == 0)
        throw Error({target_}, "an own object made before libharu's are all made, while " + std::string(what),
                    "pdf-library");
    own_values_.emplace_back(next_own_, std::string());  // numbers only grow: kept in order
    return next_own_++;
}

void HpdfDocument::leave_numbers_free(std::size_t count) { next_own_ += static_cast<std::uint32_t>(count); }

void HpdfDocument::align_own_objects(std::size_t align) {
    if (next_own_ == 0 || align == 0)
        throw Error({target_}, "own objects aligned before they are numbered", "pdf-library");
    next_own_ = static_cast<std::uint32_t>((next_own_ + align - 1) / align * align);
}

void HpdfDocument::set_own_value(std::uint32_t number, std::string value) {
    const auto at = std::lower_bound(own_values_.begin(), own_values_.end(), number,
                                     [](const auto& entry, std::uint32_t n) { return entry.first < n; });
    if (at == own_values_.end() || at->first != number)
        throw Error({target_}, "object " + std::to_string(number) + " is not one of booklet's own", "pdf-library");
    at->second = std::move(value);
}

void* HpdfDocument::own_reference(std::uint32_t number, std::string_view what) {
    void*& slot = own_references_.placeholders.emplace_back(nullptr);  // recorded before it is made
    HPDF_Null placeholder = check(HPDF_Null_New(mmgr()), what);
    slot = placeholder;
    // Indirect, so that a dictionary or array holds it through a proxy that
    // libharu writes as a reference, and never frees it.
    placeholder->header.obj_id = number | HPDF_OTYPE_INDIRECT;
    return placeholder;
}

HpdfDocument::OwnReferences::~OwnReferences() {
    for (void* placeholder : placeholders)
        if (placeholder) HPDF_Obj_ForceFree(mmgr, placeholder);
}

std::uint32_t HpdfDocument::number_of(const void* indirect_object) {
    return static_cast<const HPDF_Obj_Header*>(indirect_object)->obj_id & 0x00FFFFFF;
}

namespace {

// libharu deflates a stream only itself, as it writes the file, and writes
// /Filter only for what it deflated. A stream deflated beforehand is written by
// libharu as it is (filter none) and names its filter through the dictionary's
// write hook, which libharu calls after the other entries.
HPDF_STATUS name_flate_filter(HPDF_Dict, HPDF_Stream stream) {
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

void hold_deflated(HPDF_Dict stream) {
    stream->filter = HPDF_STREAM_FILTER_NONE;
    stream->write_fn = name_flate_filter;
}

}  // namespace

HPDF_Dict HpdfDocument::new_stream(std::string_view bytes, bool compress, std::string_view what) {
    if (compress) {
        HPDF_Dict stream = new_flate_stream(what);
        write(stream->stream, flate(bytes), what);
        return stream;
    }
    HPDF_Dict stream = check(HPDF_DictStream_New(mmgr(), xref()), what);  // in the xref already
    write(stream->stream, bytes, what);
    return stream;
}

HPDF_Dict HpdfDocument::new_flate_stream(std::string_view what) {
    HPDF_Dict stream = check(HPDF_DictStream_New(mmgr(), xref()), what);
    hold_deflated(stream);
    return stream;
}

HPDF_Dict HpdfDocument::new_jpeg_stream(std::string_view what) {
    HPDF_Dict stream = check(HPDF_DictStream_New(mmgr(), xref()), what);
    stream->filter = HPDF_STREAM_FILTER_DCT_DECODE;
    return stream;
}

HPDF_Dict HpdfDocument::flate_content(HPDF_Page page) {
    auto* attr = static_cast<HPDF_PageAttr>(page->attr);
    hold_deflated(attr->contents);
    return attr->contents;
}

void HpdfDocument::hold(HPDF_Dict stream, std::string_view data, std::string_view what) {
    // libharu gives every stream an indirect number object as its /Length.
    const auto* length = static_cast<HPDF_Number>(HPDF_Dict_GetItem(stream, "Length", HPDF_OCLASS_NUMBER));
    const std::uint32_t number = number_of(stream);
    if (!length || !(length->header.obj_id & HPDF_OTYPE_INDIRECT) || (!held_.empty() && held_.back().number >= number))
        throw Error({target_}, std::string(what) + ": the stream cannot be held", "pdf-library");
    held_.push_back({number, number_of(length), data});
}

void HpdfDocument::write(HPDF_Stream stream, std::string_view bytes, std::string_view what) {
    if (bytes.empty()) return;
    check(HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT>(bytes.size())),
          what);
}

HPDF_Dict HpdfDocument::add_dict(HPDF_Dict parent, const char* key) {
    HPDF_Dict dict = check(HPDF_Dict_New(mmgr()), key);
    check(HPDF_Dict_Add(parent, key, dict), key);  // frees the dict on failure
    return dict;
}

HPDF_Array HpdfDocument::add_array(HPDF_Dict parent, const char* key) {
    HPDF_Array array = check(HPDF_Array_New(mmgr()), key);
    check(HPDF_Dict_Add(parent, key, array), key);
    return array;
}

void HpdfDocument::add(HPDF_Dict parent, const char* key, void* object, std::string_view what) {
    check(HPDF_Dict_Add(parent, key, check(object, what)), what);
}

void HpdfDocument::add(HPDF_Array parent, void* object, std::string_view what) {
    check(HPDF_Array_Add(parent, check(object, what)), what);
}

void HpdfDocument::add_name(HPDF_Dict parent, const char* key, const char* value) {
    check(HPDF_Dict_AddName(parent, key, value), key);
}

void HpdfDocument::add_number(HPDF_Dict parent, const char* key, std::int64_t value) {
    check(HPDF_Dict_AddNumber(parent, key, static_cast<HPDF_INT32>(value)), key);
}

void HpdfDocument::add_number(HPDF_Array parent, std::int64_t value) {
    check(HPDF_Array_AddNumber(parent, static_cast<HPDF_INT32>(value)), "array number");
}

void HpdfDocument::add_real(HPDF_Array parent, double value) {
    check(HPDF_Array_AddReal(parent, static_cast<HPDF_REAL>(value)), "array number");
}

// text_string_bytes: UTF-16 as a binary string (libharu writes a string only up
// to its first zero byte), PDFDocEncoding, which has no zero, as a string.
void* HpdfDocument::text_object(std::string_view utf8) {
    std::string bytes = text_string_bytes(utf8);
    if (bytes.starts_with("\xFE\xFF"))
        return HPDF_Binary_New(mmgr(), reinterpret_cast<HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT>(bytes.size()));
    return HPDF_String_New(mmgr(), bytes.c_str(), nullptr);
}

void HpdfDocument::add_text(HPDF_Dict parent, const char* key, std::string_view utf8) {
    add(parent, key, text_object(utf8), key);
}

void HpdfDocument::add_ascii(HPDF_Dict parent, const char* key, std::string_view ascii) {
    add(parent, key, HPDF_String_New(mmgr(), std::string(ascii).c_str(), nullptr), key);
}

void HpdfDocument::add_ascii(HPDF_Array parent, std::string_view ascii) {
    add(parent, HPDF_String_New(mmgr(), std::string(ascii).c_str(), nullptr), "string");
}

void HpdfDocument::add_binary(HPDF_Array parent, std::string_view bytes) {
    std::string copy(bytes);
    add(parent, HPDF_Binary_New(mmgr(), reinterpret_cast<HPDF_BYTE*>(copy.data()), static_cast<HPDF_UINT>(copy.size())),
        "binary string");
}

std::string HpdfDocument::save() {
    check(HPDF_SaveToStream(doc()), "writing the document");
    const HPDF_UINT32 size = HPDF_GetStreamSize(doc());
    std::string bytes(size, '\0');
    HPDF_UINT32 done = 0;
    while (done < size) {
        HPDF_UINT32 chunk = size - done;
        const HPDF_STATUS status =
            HPDF_ReadFromStream(doc(), reinterpret_cast<HPDF_BYTE*>(bytes.data() + done), &chunk);
        if (chunk == 0) check(status == HPDF_OK ? HPDF_STREAM_EOF : status, "reading the written document");
        done += chunk;
    }
    return bytes;
}

}  // namespace booklet::pdf
