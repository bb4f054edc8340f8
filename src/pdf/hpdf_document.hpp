// The one owner of a libharu document, and the checked calls into it.
//
// libharu reports errors two ways: public functions call the document's error
// handler, internal object functions (HPDF_Dict_Add, HPDF_Xref_Add, ...) only
// return a status and note it in the document. The handler here records and
// never throws (it is called from C); every call goes through check(), which
// throws booklet::Error naming the output file and what was being done.
//
// Ownership: the document is held in a unique_ptr with HPDF_Free as deleter, and
// it owns every object in it. Objects are handed to the document (HPDF_Xref_Add)
// or to their parent container the moment they are made, with no throwing code in
// between, so an exception at any point frees everything through that one handle.
// The one exception, the placeholders through which libharu objects refer to
// booklet's own objects (own_reference), are this class's, each recorded the
// moment it is made and freed before the document.
//
// This file includes libharu's internal headers (hpdf_objects.h, hpdf_doc.h,
// hpdf_pages.h): the writer builds font objects and content streams through them,
// so it must be compiled against the very libharu it runs with.
#pragma once

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_version.h>

#include "object_streams.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

static_assert(HPDF_VERSION_ID == 20300,
              "booklet's PDF writer uses libharu internals (hpdf_objects.h, hpdf_doc.h, HPDF_PageAttr) as laid "
              "out in libharu 2.3.0 (Debian 12's libhpdf-dev); check src/pdf against this version's headers "
              "before changing this assertion");

namespace booklet::pdf {

class HpdfDocument {
public:
    // Throws booklet::Error when the libharu found at run time is not the one
    // compiled against, or the document cannot be created.
    explicit HpdfDocument(std::string target);

    HPDF_Doc doc() const { return doc_.get(); }
    HPDF_MMgr mmgr() const { return doc_->mmgr; }
    HPDF_Xref xref() const { return doc_->xref; }

    // Throws when status is not HPDF_OK or libharu noted an error.
    void check(HPDF_STATUS status, std::string_view what) const;
    template <class T>
    T* check(T* object, std::string_view what) const {
        if (!object) fail(what);
        check(HPDF_OK, what);
        return object;
    }

    // Objects built through the object API, each owned by the document or by
    // its parent as soon as it exists.
    HPDF_Dict new_indirect_dict(std::string_view what);
    // A stream object; `compress`: deflated here (booklet/deflate.hpp), not by libharu.
    HPDF_Dict new_stream(std::string_view bytes, bool compress, std::string_view what);
    // A stream object whose bytes, deflated (flate()), are written to it later
    // with write() or held (hold()).
    HPDF_Dict new_flate_stream(std::string_view what);
    // A stream object whose bytes, a JPEG, are held (hold(); /DCTDecode, copied
    // as they are).
    HPDF_Dict new_jpeg_stream(std::string_view what);
    // The page's content stream, marked to hold deflated bytes: held (hold()).
    HPDF_Dict flate_content(HPDF_Page page);
    void write(HPDF_Stream stream, std::string_view bytes, std::string_view what);
    // The stream's data, not given to libharu: libharu writes the stream empty and
    // pack_object_streams puts `data` there (HeldStreams: object_streams.hpp).
    // `data` must stay as it is until the file is packed.
    void hold(HPDF_Dict stream, std::string_view data, std::string_view what);
    HPDF_Dict add_dict(HPDF_Dict parent, const char* key);
    HPDF_Array add_array(HPDF_Dict parent, const char* key);
    void add(HPDF_Dict parent, const char* key, void* object, std::string_view what);
    void add(HPDF_Array parent, void* object, std::string_view what);
    void add_name(HPDF_Dict parent, const char* key, const char* value);
    void add_number(HPDF_Dict parent, const char* key, std::int64_t value);
    void add_number(HPDF_Array parent, std::int64_t value);
    void add_real(HPDF_Array parent, double value);
    // A literal string for printable ASCII, else UTF-16BE with a byte order mark
    // (written as hex), so titles and names in any script survive.
    void add_text(HPDF_Dict parent, const char* key, std::string_view utf8);
    void add_ascii(HPDF_Dict parent, const char* key, std::string_view ascii);
    void add_ascii(HPDF_Array parent, std::string_view ascii);
    void add_binary(HPDF_Array parent, std::string_view bytes);

    // Indirect objects whose values booklet writes itself (ObjectText), for objects
    // made by the thousand (the bookmarks, the link annotations, the structure
    // tree): libharu never holds them, pack_object_streams puts them into the file.
    // They are numbered after every object of libharu's: start_own_objects, once
    // libharu's objects are all made, gives the first own number, the next multiple
    // of `align` (so that the own numbers stay where they were when libharu's objects
    // are a few more or fewer; pack_object_streams groups own objects by spans of
    // numbers). Each own object takes the next number; leave_numbers_free skips
    // `count` of them, so that the objects made after keep their numbers when
    // fewer or more objects are made before them, up to `count`.
    void start_own_objects(std::size_t align);
    std::uint32_t new_own_object(std::string_view what);
    void leave_numbers_free(std::size_t count);
    // The next own object numbered from the next multiple of `align` (the numbers
    // before it left free).
    void align_own_objects(std::size_t align);
    void set_own_value(std::uint32_t number, std::string value);
    // What a libharu object holds to refer to own object `number` (added to a
    // dictionary or an array, libharu writes `number 0 R`): a placeholder libharu
    // writes only as that reference, freed with the document.
    void* own_reference(std::uint32_t number, std::string_view what);
    // The number of an indirect object of libharu's (a page), or of an own object's placeholder.
    static std::uint32_t number_of(const void* indirect_object);

    // The whole file as libharu writes it.
    std::string save();
    // The own objects' values by number (OwnValues: object_streams.hpp).
    const OwnValues& own_values() const { return own_values_; }
    // The held streams, by number.
    const HeldStreams& held_streams() const { return held_; }

private:
    [[noreturn]] void fail(std::string_view what) const;
    void* text_object(std::string_view utf8);

    struct ErrorRecord {
        HPDF_STATUS error = HPDF_OK;
        HPDF_STATUS detail = 0;
    };
    struct Free {
        void operator()(HPDF_Doc d) const { HPDF_Free(d); }
    };
    static void record_error(HPDF_STATUS error, HPDF_STATUS detail, void* user_data);

    std::string target_;
    std::unique_ptr<ErrorRecord> errors_;  // stable address handed to libharu
    std::unique_ptr<HPDF_Doc_Rec, Free> doc_;
    OwnValues own_values_;
    std::uint32_t next_own_ = 0;  // 0 until start_own_objects
    // The own objects' placeholders (own_reference), in libharu's memory but
    // not libharu's to free: freed before the document.
    struct OwnReferences {
        HPDF_MMgr mmgr = nullptr;
        std::vector<void*> placeholders;
        OwnReferences() = default;
        OwnReferences(const OwnReferences&) = delete;
        OwnReferences& operator=(const OwnReferences&) = delete;
        ~OwnReferences();
    };
    OwnReferences own_references_;  // declared after doc_: destroyed before it
    HeldStreams held_;
};

}  // namespace booklet::pdf
