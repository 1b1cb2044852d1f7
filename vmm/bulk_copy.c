// SPDX-License-Identifier: MIT
/* memcpy moves 32 bytes in 19 instructions; a load and a store multiple
 * of eight registers move them in two. For a guest's boot images (6.5 MiB
 * for Linux and its initramfs) that is 3.4 M instructions of its start.
 * C has no load or store multiple, hence the inline assembly; the host's
 * unit tests take memcpy. */
#include <tern/string.h>
#include "bulk_copy.h"

#define BLOCK 64u /* bytes a loop iteration moves */

void bulk_copy(void *dst, const void *src, size_t n)
{
#if defined(__arm__)
	/* word-aligned both: the multiples need it */
	if (!(((uintptr_t)dst | (uintptr_t)src) & 3u)) {
		uint8_t *d = dst, *end = d + (n & ~(size_t)(BLOCK - 1));
		const uint8_t *s = src;
		while (d < end)
			__asm__ volatile("ldmia %1!, {r2-r9}\n\tstmia %0!, {r2-r9}\n\t"
					 "ldmia %1!, {r2-r9}\n\tstmia %0!, {r2-r9}"
					 : "+r"(d), "+r"(s)
					 :
					 : "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "memory");
		dst = d;
		src = s;
		n %= BLOCK;
	}
#endif
	memcpy(dst, src, n);
}
