// Only the declaration in include/CFuzzerDriver.h matters: libFuzzer (linked by
// `-sanitize=fuzzer`) defines LLVMFuzzerRunDriver. A C target needs one source file.
#include "CFuzzerDriver.h"
