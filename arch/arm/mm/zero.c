// SPDX-License-Identifier: MIT
/* Zeroing new objects. Retype zeroes every object before its cap exists,
 * and the largest are guests' RAM frames (a 128 MiB guest is 64 of 2 MiB):
 * a store multiple of eight zero registers writes 32 bytes an instruction
 * where memset writes four, which takes most of the cost out of a guest's
 * start; eight of them an iteration, so that the loop's compare and
 * branch cost little beside them. C has no store-multiple, hence the
 * inline assembly. */
#include <arch/thread.h>
#include <tern/bits.h>
#include <tern/string.h>

#define BLOCK 256u /* bytes a loop iteration writes */

void arch_zero(void *dst, size_t size)
{
	/* memset up to a block boundary and after the last whole block */
	size_t head = ALIGN_UP((uintptr_t)dst, BLOCK) - (uintptr_t)dst;
	if (head >= size) {
		memset(dst, 0, size);
		return;
	}
	memset(dst, 0, head);
	dst = (uint8_t *)dst + head;
	size -= head;
	memset((uint8_t *)dst + ALIGN_DOWN(size, BLOCK), 0, size % BLOCK);
	size = ALIGN_DOWN(size, BLOCK);
	register uint32_t z0 __asm__("r2") = 0, z1 __asm__("r3") = 0, z2 __asm__("r4") = 0,
					 z3 __asm__("r5") = 0, z4 __asm__("r6") = 0, z5 __asm__("r7") = 0,
					 z6 __asm__("r8") = 0, z7 __asm__("r9") = 0;
	uint8_t *p = dst, *end = p + size;
	while (p < end)
		__asm__ volatile("stmia %0!, {%1-%8}\n\tstmia %0!, {%1-%8}\n\t"
				 "stmia %0!, {%1-%8}\n\tstmia %0!, {%1-%8}\n\t"
				 "stmia %0!, {%1-%8}\n\tstmia %0!, {%1-%8}\n\t"
				 "stmia %0!, {%1-%8}\n\tstmia %0!, {%1-%8}"
				 : "+r"(p)
				 : "r"(z0), "r"(z1), "r"(z2), "r"(z3), "r"(z4), "r"(z5), "r"(z6),
				   "r"(z7)
				 : "memory");
}
