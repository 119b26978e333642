// libFuzzer's entry point for programs that have their own `main` (compiler-rt's
// FuzzerInterface.h). SwiftPM gives every executable target a `main` of its own, so the fuzz
// targets call this from theirs instead of linking libFuzzer's `main`.
#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

typedef int (*hanchot_fuzz_callback)(const uint8_t *data, size_t size);

int LLVMFuzzerRunDriver(int *argc, char ***argv, hanchot_fuzz_callback callback);

#endif
