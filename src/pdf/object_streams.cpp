#include "object_streams.hpp"

#include "compact_object.hpp"

#include "booklet/deflate.hpp"
#include "booklet/parallel.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace booklet::pdf {
namespace {

// Around a stream's data, as libharu writes them: the data of a held stream goes
// between the two.
constexpr std::string_view kHeldHead = "stream\r\n";
constexpr std::string_view kHeldTail = "\nendstream";

// The object streams a session keeps deflated, by their data: each looked up
// before the deflating, the ones deflated here kept after it (the own objects'
// streams and libharu's objects gathered alike). Does nothing outside a session.
class KeptFlates {
public:
    KeptFlates(KeptBytes* kept, std::size_t streams) : kept_(kept), keys_(kept ? streams : 0) {}

    // Stream `i`'s deflated bytes from a build before, or null.
    const std::string* find(std::size_t i, std::string_view data) {
        if (!kept_) return nullptr;
        keys_[i] = kept_key("flate", data);
        return kept_->find(keys_[i]);
    }
    // Stream `i`, deflated here (find was asked first), for the next build.
    void keep(std::size_t i, const std::string& packed) {
        if (kept_) kept_->keep(keys_[i], packed);
    }

private:
    KeptBytes* kept_;
    std::vector<Sha256Digest> keys_;
};

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// Reads unsigned integers and single-letter tokens, skipping white space.
class Scanner {
public:
    Scanner(std::string_view text, std::size_t at) : text_(text), at_(at) {}

    std::optional<std::uint64_t> number() {
        skip();
        if (at_ >= text_.size() || text_[at_] < '0' || text_[at_] > '9') return std::nullopt;
        std::uint64_t value = 0;
        for (; at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9'; ++at_) {
            if (value > (std::uint64_t{1} << 40)) return std::nullopt;  // no offset or count is that large
            value = value * 10 + static_cast<std::uint64_t>(text_[at_] - '0');
        }
        return value;
    }
    std::optional<char> letter() {
        skip();
        if (at_ >= text_.size()) return std::nullopt;
        return text_[at_++];
    }
    bool word(std::string_view w) {
        skip();
        if (text_.substr(at_, w.size()) != w) return false;
        at_ += w.size();
        return true;
    }
    std::size_t at() const { return at_; }

private:
    void skip() {
        while (at_ < text_.size() && is_space(text_[at_])) ++at_;
    }
    std::string_view text_;
    std::size_t at_;
};

struct Trailer {
    std::size_t xref_offset = 0;
    std::string root, info, id;  // as written: "1 0 R", "[ <…> <…> ]"
};

// "/Key 12 0 R" in the trailer dictionary → "12 0 R".
std::string reference_after(std::string_view dict, std::string_view key) {
    const std::size_t at = dict.find(key);
    if (at == std::string_view::npos) return {};
    Scanner s(dict, at + key.size());
    const auto number = s.number(), generation = s.number();
    if (!number || !generation || !s.word("R")) return {};
    return std::to_string(*number) + ' ' + std::to_string(*generation) + " R";
}

std::optional<Trailer> read_trailer(std::string_view pdf) {
    const std::size_t startxref = pdf.rfind("startxref");
    const std::size_t trailer = pdf.rfind("trailer", startxref);
    if (startxref == std::string_view::npos || trailer == std::string_view::npos) return std::nullopt;
    Scanner s(pdf, startxref + 9);
    const auto offset = s.number();
    if (!offset || *offset >= trailer) return std::nullopt;
    const std::string_view dict = pdf.substr(trailer, startxref - trailer);
    Trailer t;
    t.xref_offset = *offset;
    t.root = reference_after(dict, "/Root");
    t.info = reference_after(dict, "/Info");
    const std::size_t id = dict.find("/ID");
    const std::size_t id_end = id == std::string_view::npos ? id : dict.find(']', id);
    if (t.root.empty() || id_end == std::string_view::npos) return std::nullopt;
    t.id = std::string(dict.substr(id + 3, id_end + 1 - (id + 3)));
    return t;
}

// The in-use objects of the table: number → offset (0 where free).
std::optional<std::vector<std::size_t>> read_table(std::string_view pdf, std::size_t at) {
    Scanner s(pdf, at);
    if (!s.word("xref")) return std::nullopt;
    std::vector<std::size_t> offsets;
    while (!s.word("trailer")) {
        const auto first = s.number(), count = s.number();
        if (!first || !count || *first + *count > pdf.size()) return std::nullopt;
        if (offsets.size() < *first + *count) offsets.resize(*first + *count, 0);
        for (std::uint64_t i = 0; i < *count; ++i) {
            const auto offset = s.number(), generation = s.number();
            const auto kind = s.letter();
            if (!offset || !generation || !kind || (*kind != 'n' && *kind != 'f')) return std::nullopt;
            // Only generation 0 may go into an object stream; libharu writes no other.
            if (*kind == 'n' && (*generation != 0 || *offset == 0 || *offset >= at)) return std::nullopt;
            offsets[*first + i] = *kind == 'n' ? *offset : 0;
        }
    }
    return offsets;
}

struct Body {
    std::string_view text;  // between "N 0 obj" and "endobj"
    bool stream = false;
};

// Object `number`'s value: from its offset up to the last "endobj" before `end`.
std::optional<Body> object_body(std::string_view pdf, std::size_t number, std::size_t offset, std::size_t end) {
    Scanner s(pdf, offset);
    const auto n = s.number(), generation = s.number();
    if (!n || *n != number || !generation || !s.word("obj")) return std::nullopt;
    const std::size_t close = pdf.substr(0, end).rfind("endobj");
    if (close == std::string_view::npos || close < s.at()) return std::nullopt;
    Body body;
    body.text = trimmed(pdf.substr(s.at(), close - s.at()));
    body.stream = body.text.ends_with("endstream");
    return body;
}

// One cross-reference stream entry (7.5.8.3).
struct Entry {
    std::uint8_t type = 0;  // 0 free, 1 at an offset, 2 in an object stream
    std::uint32_t field2 = 0;
    std::uint16_t field3 = 0;
};

int bytes_for(std::uint32_t value) {
    int n = 1;
    while (n < 4 && (value >> (8 * n)) != 0) ++n;
    return n;
}

// The table's fields, each as wide as its largest value needs: /W [1 w2 w3].
struct Widths {
    int field2 = 1, field3 = 1;
    int row() const { return 1 + field2 + field3; }
};

Widths widths_for(const std::vector<Entry>& entries) {
    Widths w;
    for (const Entry& e : entries) {
        w.field2 = std::max(w.field2, bytes_for(e.field2));
        w.field3 = std::max(w.field3, bytes_for(e.field3));
    }
    return w;
}

void append_big_endian(std::string& out, std::uint32_t value, int width) {
    for (int shift = 8 * (width - 1); shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFF);
}

// The rows under the PNG "Up" predictor (/Predictor 12, 7.4.4.4): each row a
// filter byte 2 and its bytes less the row above's. Consecutive objects of one
// object stream differ only in their index, so the rows become nearly all zeros
// and the table, one entry per structure element, compresses to almost nothing
// (plain rows of a tagged book's 17,000 objects took 40 KB).
std::string predicted_rows(const std::vector<Entry>& entries, const Widths& w) {
    std::string out, row, above(static_cast<std::size_t>(w.row()), '\0');
    for (const Entry& e : entries) {
        row.clear();
        row += static_cast<char>(e.type);
        append_big_endian(row, e.field2, w.field2);
        append_big_endian(row, e.field3, w.field3);
        out += '\x02';
        for (std::size_t i = 0; i < row.size(); ++i)
            out += static_cast<char>(static_cast<unsigned char>(row[i]) - static_cast<unsigned char>(above[i]));
        above = row;
    }
    return out;
}

// An object stream's data (7.5.7): "number offset" pairs, then the values, one a line.
class StreamData {
public:
    void add(std::size_t number, std::string_view value) {
        index_ += std::to_string(number) + ' ' + std::to_string(values_.size()) + ' ';
        values_ += value;
        values_ += '\n';
        ++count_;
    }
    // The dictionary up to the value of /Length, and the data; at least one object added.
    std::pair<std::string, std::string> finish() {
        index_.back() = '\n';
        std::string head = "<<\n/Type /ObjStm\n/N " + std::to_string(count_) + "\n/First " +
                           std::to_string(index_.size()) + "\n/Filter /FlateDecode\n/Length ";
        return {std::move(head), index_ + values_};
    }

private:
    std::string index_, values_;
    std::size_t count_ = 0;
};

// An object stream of own objects: their numbers, its dictionary up to the value
// of /Length, its data and, once deflated, its bytes.
struct OwnStream {
    std::vector<std::uint32_t> numbers;
    std::string head, data, packed;
    bool kept = false;  // `packed` taken from what a session kept
};

// The objects in the order the file will hold them: stream objects as libharu
// wrote them, its others gathered into object streams, then the own objects'
// streams, deflated before. libharu's object streams are deflated together at
// the end, on several threads, and only then are offsets known and the file put
// together.
class Packer {
public:
    // `objects`: the numbers taken, libharu's and the own objects' (the streams
    // this makes are numbered after them).
    Packer(std::string_view head, std::size_t objects, std::size_t per_stream)
        : head_(head), entries_(objects), next_number_(objects), per_stream_(per_stream) {
        entries_[0] = {0, 0, 0xFFFF};  // the head of the free list, as in every table
    }

    bool add(std::size_t number, const Body& body) {
        if (body.stream) {
            pieces_.push_back({number, body.text, {}, {}, {}, {}, false});
            return true;
        }
        auto value = compact_object(body.text);
        if (!value) return false;
        pending_.push_back({number, std::move(*value)});
        return pending_.size() < per_stream_ || flush(pending_);
    }

    // A held stream's length, the number written where libharu wrote 0. The
    // lengths go into object streams of their own: an edited page's stream changes
    // its length alone, and libharu's other objects (the pages' dictionaries, the
    // fonts) then make the same stream as before, which a session keeps deflated.
    bool add_length(std::size_t number, std::size_t length) {
        lengths_.push_back({number, std::to_string(length)});
        return lengths_.size() < per_stream_ || flush(lengths_);
    }

    // A held stream: libharu's object up to its (empty) data, and the data.
    void add_held(std::size_t number, std::string_view head, std::string_view data) {
        pieces_.push_back({number, head, data, {}, {}, {}, false});
    }

    std::optional<std::string> finish(const Trailer& trailer, const std::vector<OwnStream>& own, int threads,
                                      KeptBytes* kept) {
        if (!flush(pending_) || !flush(lengths_)) return std::nullopt;
        deflate_objects(threads, kept);
        out_.reserve(size_at_most(own));  // the file is megabytes: appended to, it was copied as it grew
        out_ = head_;
        for (const Piece& piece : pieces_)
            if (!place(piece)) return std::nullopt;
        for (const OwnStream& stream : own)
            if (!place_own(stream)) return std::nullopt;
        const std::size_t xref_number = next_number_++;
        entries_.resize(next_number_);
        const std::size_t xref_offset = out_.size();
        if (xref_offset > UINT32_MAX) return std::nullopt;
        entries_[xref_number] = {1, static_cast<std::uint32_t>(xref_offset), 0};
        link_free_entries();
        const Widths w = widths_for(entries_);
        const std::string packed = flate(predicted_rows(entries_, w));
        out_ += std::to_string(xref_number) + " 0 obj\n<<\n/Type /XRef\n/Size " + std::to_string(next_number_) +
                "\n/W [1 " + std::to_string(w.field2) + ' ' + std::to_string(w.field3) + "]\n/Root " + trailer.root +
                (trailer.info.empty() ? "" : "\n/Info " + trailer.info) + "\n/ID" + trailer.id +
                "\n/Filter /FlateDecode\n/DecodeParms <<\n/Predictor 12\n/Columns " + std::to_string(w.row()) +
                "\n>>\n/Length " + std::to_string(packed.size()) +
                "\n>>\nstream\n" + packed + "\nendstream\nendobj\nstartxref\n" + std::to_string(xref_offset) +
                "\n%%EOF\n";
        return std::move(out_);
    }

private:
    struct Pending {
        std::size_t number;
        std::string value;  // compacted
    };
    // A stream object as libharu wrote it (`direct`; a held stream's head, then
    // `held`), or an object stream: its dictionary's head, its index and values
    // (`objects`), deflated (`packed`).
    struct Piece {
        std::size_t number;
        std::string_view direct;
        std::optional<std::string_view> held;
        std::string head, objects, packed;
        bool kept = false;  // `packed` taken from what a session kept
    };

    // The file's size, or a little more: each object's bytes and what frames them
    // (its number, its stream's length and the keywords), and the cross-reference
    // stream, at most a row of 9 bytes an object before it is deflated.
    std::size_t size_at_most(const std::vector<OwnStream>& own) const {
        constexpr std::size_t kFrame = 64;
        std::size_t size = head_.size() + (entries_.size() + own.size() + 1) * 9 + 512;
        for (const Piece& piece : pieces_)
            size += kFrame + piece.direct.size() + (piece.held ? piece.held->size() : 0) + piece.head.size() +
                    piece.packed.size();
        for (const OwnStream& stream : own) size += kFrame + stream.head.size() + stream.packed.size();
        return size;
    }

    // libharu's objects gathered into streams, deflated on `threads` threads; those
    // `kept` holds (the page dictionaries, fonts and resources an edit leaves as
    // they were) taken from there, as the own objects' streams are.
    void deflate_objects(int threads, KeptBytes* kept) {
        const auto made_here = [](const Piece& piece) { return !piece.objects.empty() && !piece.kept; };
        KeptFlates flates(kept, pieces_.size());
        for (std::size_t i = 0; i < pieces_.size(); ++i) {
            Piece& piece = pieces_[i];
            if (piece.objects.empty()) continue;
            if (const std::string* packed = flates.find(i, piece.objects)) {
                piece.packed = *packed;
                piece.kept = true;
            }
        }
        for_each_index(pieces_.size(), threads, [&](std::size_t i) {
            if (made_here(pieces_[i])) pieces_[i].packed = flate(pieces_[i].objects);
        });
        for (std::size_t i = 0; i < pieces_.size(); ++i)
            if (made_here(pieces_[i])) flates.keep(i, pieces_[i].packed);
    }

    // The free entries as a list (7.5.4): object 0 names the first, each the next,
    // the last 0.
    void link_free_entries() {
        std::size_t last = 0;
        for (std::size_t number = 1; number < entries_.size(); ++number) {
            if (entries_[number].type != 0) continue;
            entries_[last].field2 = static_cast<std::uint32_t>(number);
            last = number;
        }
    }

    bool place(const Piece& piece) {
        if (out_.size() > UINT32_MAX) return false;
        entries_[piece.number] = {1, static_cast<std::uint32_t>(out_.size()), 0};
        out_ += std::to_string(piece.number) + " 0 obj\n";
        if (piece.objects.empty()) {
            out_ += piece.direct;
            if (piece.held) {
                out_ += *piece.held;
                out_ += kHeldTail;
            }
        } else {
            add_object_stream(piece.head, piece.packed);
        }
        out_ += "\nendobj\n";
        return true;
    }

    bool place_own(const OwnStream& stream) {
        if (out_.size() > UINT32_MAX) return false;
        const std::size_t number = next_number_++;
        entries_.resize(next_number_);
        entries_[number] = {1, static_cast<std::uint32_t>(out_.size()), 0};
        for (std::size_t i = 0; i < stream.numbers.size(); ++i)
            entries_[stream.numbers[i]] = {2, static_cast<std::uint32_t>(number), static_cast<std::uint16_t>(i)};
        out_ += std::to_string(number) + " 0 obj\n";
        add_object_stream(stream.head, stream.packed);
        out_ += "\nendobj\n";
        return true;
    }

    void add_object_stream(const std::string& head, const std::string& packed) {
        out_ += head;
        out_ += std::to_string(packed.size()) + "\n>>\nstream\n";
        out_ += packed;
        out_ += "\nendstream";
    }

    // The pending objects as one object stream: "number offset" pairs, then the values.
    bool flush(std::vector<Pending>& pending) {
        if (pending.empty()) return true;
        const std::size_t stream_number = next_number_++;
        entries_.resize(next_number_);
        StreamData data;
        for (std::size_t i = 0; i < pending.size(); ++i) {
            data.add(pending[i].number, pending[i].value);
            entries_[pending[i].number] = {2, static_cast<std::uint32_t>(stream_number), static_cast<std::uint16_t>(i)};
        }
        auto [head, objects] = data.finish();
        pieces_.push_back({stream_number, {}, {}, std::move(head), std::move(objects), {}, false});
        pending.clear();
        return true;
    }

    std::string_view head_;
    std::string out_;
    std::vector<Entry> entries_;
    std::size_t next_number_;
    std::size_t per_stream_;
    std::vector<Pending> pending_;   // libharu's objects but the lengths
    std::vector<Pending> lengths_;   // the held streams' lengths
    std::vector<Piece> pieces_;
};

// The own objects in streams, those numbered between the same two multiples of
// `per_stream` together; nullopt when a value is empty or the numbers do not ascend.
std::optional<std::vector<OwnStream>> gather_own(const OwnValues& own, std::size_t per_stream) {
    std::vector<OwnStream> streams;
    std::optional<StreamData> data;
    std::uint32_t last = 0;
    const auto finish = [&] {
        if (data) std::tie(streams.back().head, streams.back().data) = data->finish();
    };
    for (const auto& [number, value] : own) {
        if (value.empty() || number <= last) return std::nullopt;
        if (streams.empty() || number / per_stream != last / per_stream) {
            finish();
            streams.emplace_back();
            data.emplace();
        }
        last = number;
        data->add(number, value);
        streams.back().numbers.push_back(number);
    }
    finish();
    return streams;
}

struct ReadFile {
    Trailer trailer;
    Packer packer;
};

// The held streams' lengths, by the number of their /Length objects, ascending as
// the file is read; nullopt when the streams' numbers do not ascend or a number is
// named twice.
std::optional<std::vector<std::pair<std::uint32_t, std::size_t>>> held_lengths(const HeldStreams& held) {
    std::vector<std::pair<std::uint32_t, std::size_t>> lengths;
    for (std::size_t i = 0; i < held.size(); ++i) {
        if (i > 0 && held[i].number <= held[i - 1].number) return std::nullopt;
        lengths.emplace_back(held[i].length_number, held[i].data.size());
    }
    std::sort(lengths.begin(), lengths.end());
    for (std::size_t i = 1; i < lengths.size(); ++i)
        if (lengths[i].first == lengths[i - 1].first) return std::nullopt;
    return lengths;
}

// libharu's file read into a Packer: each object compacted, each held stream's
// data put where libharu wrote it empty and its length where libharu wrote 0; the
// numbers up to `own_last` (the own objects are numbered `own_first` to it, both
// 0 when there are none) taken. nullopt when the file is not laid out as libharu
// lays it out, or a held stream or its length not as libharu writes them empty, or
// libharu numbered an object `own_first` or later.
std::optional<ReadFile> read_file(std::string_view pdf, std::uint32_t own_first, std::uint32_t own_last,
                                  const HeldStreams& held, std::size_t per_stream) {
    const auto lengths = held_lengths(held);
    if (!lengths) return std::nullopt;
    auto next_held = held.begin();
    auto next_length = lengths->begin();
    const auto trailer = read_trailer(pdf);
    if (!trailer) return std::nullopt;
    const auto offsets = read_table(pdf, trailer->xref_offset);
    if (!offsets || offsets->empty() || (*offsets)[0] != 0) return std::nullopt;
    if (own_first != 0 && own_first < offsets->size()) return std::nullopt;  // a number libharu gave too
    // Each object ends where the next one in the file begins (the last, at the table).
    std::vector<std::size_t> starts;
    for (const std::size_t offset : *offsets)
        if (offset != 0) starts.push_back(offset);
    if (starts.empty()) return std::nullopt;
    std::sort(starts.begin(), starts.end());
    starts.push_back(trailer->xref_offset);
    const std::size_t taken = std::max<std::size_t>(offsets->size(), std::size_t{own_last} + 1);
    ReadFile read{*trailer, Packer(pdf.substr(0, starts.front()), taken, per_stream)};
    for (std::size_t number = 1; number < offsets->size(); ++number) {
        const std::size_t offset = (*offsets)[number];
        if (offset == 0) continue;
        const std::size_t end = *std::upper_bound(starts.begin(), starts.end(), offset);
        const auto body = object_body(pdf, number, offset, end);
        if (!body) return std::nullopt;
        if (next_held != held.end() && next_held->number == number) {
            // libharu writes an empty stream's data as nothing between the two.
            if (!body->stream || !body->text.ends_with(kHeldTail)) return std::nullopt;
            const std::string_view head = body->text.substr(0, body->text.size() - kHeldTail.size());
            if (!head.ends_with(kHeldHead)) return std::nullopt;
            read.packer.add_held(number, head, next_held->data);
            ++next_held;
            continue;
        }
        if (next_length != lengths->end() && next_length->first == number) {
            if (body->text != "0" || !read.packer.add_length(number, next_length->second)) return std::nullopt;
            ++next_length;
            continue;
        }
        if (!read.packer.add(number, *body)) return std::nullopt;
    }
    if (next_held != held.end() || next_length != lengths->end()) return std::nullopt;
    return read;
}

}  // namespace

std::optional<std::string> pack_object_streams(const std::function<std::string()>& save, const OwnValues& own,
                                               const HeldStreams& held, std::size_t per_stream, int threads,
                                               KeptBytes* kept) {
    if (per_stream == 0 || per_stream > 0xFFFF) return std::nullopt;
    auto own_streams = gather_own(own, per_stream);
    if (!own_streams) return std::nullopt;
    std::vector<OwnStream>& streams = *own_streams;
    KeptFlates flates(kept, streams.size());
    for (std::size_t i = 0; i < streams.size(); ++i) {
        if (const std::string* packed = flates.find(i, streams[i].data)) {
            streams[i].packed = *packed;
            streams[i].kept = true;
        }
    }
    // libharu writes the file, and it is read, on one thread while the others
    // deflate the own objects' streams.
    std::string pdf;
    std::optional<ReadFile> read;
    for_each_index(streams.size() + 1, threads, [&](std::size_t i) {
        if (i == 0) {
            pdf = save();
            read = read_file(pdf, own.empty() ? 0 : own.front().first, own.empty() ? 0 : own.back().first, held,
                             per_stream);
        } else if (!streams[i - 1].kept) {
            streams[i - 1].packed = flate(streams[i - 1].data);
        }
    });
    if (!read) return std::nullopt;
    for (std::size_t i = 0; i < streams.size(); ++i)
        if (!streams[i].kept) flates.keep(i, streams[i].packed);
    return read->packer.finish(read->trailer, streams, threads, kept);
}

std::optional<std::string> pack_object_streams(std::string_view pdf, const OwnValues& own, std::size_t per_stream,
                                               int threads, const HeldStreams& held) {
    return pack_object_streams([pdf] { return std::string(pdf); }, own, held, per_stream, threads);
}

}  // namespace booklet::pdf
