// See include/CLineScan.h for what this answers and why.
#include "CLineScan.h"

#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2")))

// Error bits, one per kind of malformed pair of bytes (first byte, second byte). A pair is bad
// when the three lookups below all set the same bit for it.
#define TOO_SHORT (1 << 0)      // 11______ 0_______ or 11______ 11______: a sequence cut short
#define TOO_LONG (1 << 1)       // 0_______ 10______: a continuation after ASCII
#define OVERLONG_3 (1 << 2)     // 11100000 100_____
#define TOO_LARGE (1 << 3)      // 11110100 1001____ and above: beyond U+10FFFF
#define SURROGATE (1 << 4)      // 11101101 101_____
#define OVERLONG_2 (1 << 5)     // 1100000_ 10______
#define TOO_LARGE_1000 (1 << 6) // 11110101 1000____ and above
#define OVERLONG_4 (1 << 6)     // 11110000 1000____
#define TWO_CONTS (1 << 7)      // 10______ 10______ (allowed only where a 3- or 4-byte lead says so)
#define CARRY (TOO_SHORT | TOO_LONG | TWO_CONTS)

// A 16-entry byte table, in both 128-bit lanes (a byte shuffle looks up within its own lane).
#define TABLE(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p) _mm256_setr_epi8( \
    (char)(a), (char)(b), (char)(c), (char)(d), (char)(e), (char)(f), (char)(g), (char)(h), \
    (char)(i), (char)(j), (char)(k), (char)(l), (char)(m), (char)(n), (char)(o), (char)(p), \
    (char)(a), (char)(b), (char)(c), (char)(d), (char)(e), (char)(f), (char)(g), (char)(h), \
    (char)(i), (char)(j), (char)(k), (char)(l), (char)(m), (char)(n), (char)(o), (char)(p))

AVX2 static inline __m256i high_nibbles(__m256i v) {
    return _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F));
}

// `input` shifted by N bytes, with the last N bytes of `previous` shifted in: byte i of the
// answer is the byte N before byte i of `input`.
#define PREVIOUS(input, previous, n) \
    _mm256_alignr_epi8((input), _mm256_permute2x128_si256((previous), (input), 0x21), 16 - (n))

// Which error bits each pair (byte before, byte) sets.
AVX2 static inline __m256i pair_errors(__m256i input, __m256i prev1) {
    const __m256i byte1_high = _mm256_shuffle_epi8(TABLE(
        TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
        TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
        TOO_SHORT | OVERLONG_2,
        TOO_SHORT,
        TOO_SHORT | OVERLONG_3 | SURROGATE,
        TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4), high_nibbles(prev1));
    const __m256i byte1_low = _mm256_shuffle_epi8(TABLE(
        CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,
        CARRY | OVERLONG_2,
        CARRY,
        CARRY,
        CARRY | TOO_LARGE,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000), _mm256_and_si256(prev1, _mm256_set1_epi8(0x0F)));
    const __m256i byte2_high = _mm256_shuffle_epi8(TABLE(
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT), high_nibbles(input));
    return _mm256_and_si256(_mm256_and_si256(byte1_high, byte1_low), byte2_high);
}

// The errors of one 32-byte block, given the block before it. A continuation two or three bytes
// after a 3- or 4-byte lead is required (and TWO_CONTS must then be set); anywhere else it must not be.
AVX2 static inline __m256i block_errors(__m256i input, __m256i previous) {
    const __m256i pairs = pair_errors(input, PREVIOUS(input, previous, 1));
    const __m256i third = _mm256_subs_epu8(PREVIOUS(input, previous, 2), _mm256_set1_epi8((char)(0xE0 - 0x80)));
    const __m256i fourth = _mm256_subs_epu8(PREVIOUS(input, previous, 3), _mm256_set1_epi8((char)(0xF0 - 0x80)));
    const __m256i required = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
    return _mm256_xor_si256(required, pairs);
}

// Non-zero where the block's last bytes begin a sequence that needs more bytes than it has.
AVX2 static inline __m256i unfinished(__m256i input) {
    const __m256i limits = _mm256_setr_epi8(
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
    return _mm256_subs_epu8(input, limits);
}

// UTF-8 errors are found with the lookup algorithm of Keiser and Lemire ("Validating UTF-8 in
// less than one instruction per byte", 2021); quotes, backslashes and control bytes by compares.
AVX2 static unsigned scan_avx2(const uint8_t *bytes, size_t length, uint32_t *quotes, size_t quote_words) {
    const int mapped = length <= quote_words * 32;
    __m256i errors = _mm256_setzero_si256();
    __m256i previous = _mm256_setzero_si256();
    __m256i escapes = _mm256_setzero_si256();  // backslashes and control bytes
    const __m256i quote = _mm256_set1_epi8('"');
    const __m256i backslash = _mm256_set1_epi8('\\');
    const __m256i below_space = _mm256_set1_epi8(0x1F);
    for (size_t i = 0; i < length; i += 32) {
        __m256i input;
        unsigned shift = 0;  // bytes of `input` before byte i (already scanned)
        if (i + 32 <= length) {
            input = _mm256_loadu_si256((const __m256i *)(bytes + i));
        } else if (length >= 64) {
            // The tail, as the last 32 bytes of the line: the bytes it shares with the block
            // before are scanned again, with the same answers, and the context of its first bytes
            // is the 32 bytes before it, as for any block. (A copy into a padded block cost more
            // than the whole scan of a short line.)
            shift = (unsigned)(i + 32 - length);
            input = _mm256_loadu_si256((const __m256i *)(bytes + length - 32));
            previous = _mm256_loadu_si256((const __m256i *)(bytes + length - 64));
        } else {
            // The tail of a short line, padded with spaces: ASCII, so a sequence cut off by the
            // end of the line is followed by ASCII (an error like any other), and neither a
            // quote nor a control byte.
            uint8_t tail[32];
            memset(tail, ' ', sizeof tail);
            memcpy(tail, bytes + i, length - i);
            input = _mm256_loadu_si256((const __m256i *)tail);
        }
        if (mapped) quotes[i / 32] = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(input, quote)) >> shift;
        escapes = _mm256_or_si256(escapes, _mm256_or_si256(
            _mm256_cmpeq_epi8(input, backslash),
            _mm256_cmpeq_epi8(_mm256_min_epu8(input, below_space), input)));
        // Every block takes the full check, ASCII or not: in log lines ASCII blocks and others
        // alternate unpredictably, and a branch to skip the check cost more in mispredictions
        // than the check it skipped.
        errors = _mm256_or_si256(errors, block_errors(input, previous));
        previous = input;
    }
    errors = _mm256_or_si256(errors, unfinished(previous));
    unsigned flags = 0;
    if (_mm256_testz_si256(errors, errors)) flags |= HANCHOT_LINE_UTF8;
    if (_mm256_testz_si256(escapes, escapes)) flags |= HANCHOT_LINE_PLAIN;
    if (mapped) flags |= HANCHOT_LINE_QUOTES;
    return flags;
}

unsigned hanchot_line_scan(const void *bytes, size_t length, uint32_t *quotes, size_t quote_words) {
    // Asked once; threads that race here all store the same answer.
    static int avx2 = -1;
    int known = __atomic_load_n(&avx2, __ATOMIC_RELAXED);
    if (known < 0) {
        __builtin_cpu_init();
        known = __builtin_cpu_supports("avx2") ? 1 : 0;
        __atomic_store_n(&avx2, known, __ATOMIC_RELAXED);
    }
    return known ? scan_avx2((const uint8_t *)bytes, length, quotes, quote_words) : 0;
}

#else

unsigned hanchot_line_scan(const void *bytes, size_t length, uint32_t *quotes, size_t quote_words) {
    (void)bytes; (void)length; (void)quotes; (void)quote_words;
    return 0;
}

#endif
