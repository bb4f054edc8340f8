// Writes the tests' sample Book to a file, for looking at it with outside tools
// (pdf-layout, a viewer) and for measuring: write_sample OUT.pdf
#include "booklet/pdf.hpp"
#include "sample_book.hpp"

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: write_sample OUT.pdf\n");
        return 2;
    }
    try {
        booklet::pdf::write_pdf(booklet::pdf_test::sample_book(), argv[1]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
