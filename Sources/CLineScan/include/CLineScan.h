#ifndef CLINESCAN_H
#define CLINESCAN_H

#include <stddef.h>
#include <stdint.h>

/* What one pass over a log line learns, 32 bytes a step, before its JSON is read.

   The line codec reads millions of lines a second. Letter-by-letter UTF-8 checks (Vietnamese has
   a multi-byte letter every few bytes) and byte-by-byte searches for each string's closing quote
   were most of its work; here they are done for the whole line at once with AVX2 byte shuffles
   and compares, which Swift cannot reach. */

/* The line is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above
   U+10FFFF, no sequence cut off at the end), so every string in it is. */
#define HANCHOT_LINE_UTF8 1u
/* The line holds no backslash and no control byte (< 0x20), so every string in it ends at the
   next quote, and the quote map below gives each string's end. */
#define HANCHOT_LINE_PLAIN 2u
/* `quotes` was filled in: bit (i % 32) of quotes[i / 32] is set when byte i is a quote, for
   every i < length, and the bits from `length` up to the end of the last word used are clear. */
#define HANCHOT_LINE_QUOTES 4u

/* Scans `length` bytes at `bytes`, filling `quotes` (room for `quote_words` words) when the line
   fits in it. Answers the HANCHOT_LINE_ flags that hold.

   A flag that is not answered is not known, which is not the same as false: on a CPU without
   AVX2 this answers 0 for every line, and the codec then checks each string itself, which is
   also how it finds and words an error. */
unsigned hanchot_line_scan(const void *bytes, size_t length, uint32_t *quotes, size_t quote_words);

#endif
