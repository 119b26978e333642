#ifndef CPREFETCH_H
#define CPREFETCH_H

#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

/* A hint that `address` will be read soon, so the fold can start a cache miss for a line it
   will reach a few lines later instead of waiting for it when it gets there. Swift has no
   prefetch of its own; the compiler turns this into one instruction (prefetcht0 on x86-64). */
static inline void hanchot_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/* A hint that the memory at [address, address + length) is a large table read at random (the
   fold's event-id table): back it with huge pages where the kernel allows, which saves a TLB
   miss per lookup and most of the page faults of filling it. Only whole 2 MiB pages inside the
   range are advised; failure is harmless and ignored. */
static inline void hanchot_advise_huge_pages(void *address, size_t length) {
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t start = ((uintptr_t)address + huge - 1) & ~(huge - 1);
    uintptr_t end = ((uintptr_t)address + length) & ~(huge - 1);
    if (end > start) (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)address; (void)length;
#endif
}

#endif
