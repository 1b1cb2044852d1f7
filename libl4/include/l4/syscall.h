/* SPDX-License-Identifier: MIT */
/* System call stubs. The call number is the SVC immediate; arguments and
 * results travel in r0-r7. */
#ifndef L4_SYSCALL_H
#define L4_SYSCALL_H

#include <l4/abi.h>

#define L4_STRINGIFY_(x) #x
#define L4_STRINGIFY(x) L4_STRINGIFY_(x)

static inline void l4_yield(void)
{
	__asm__ volatile("svc #" L4_STRINGIFY(7) : : : "memory");
}

static inline void l4_debug_putchar(char c)
{
	register unsigned int r0 __asm__("r0") = (unsigned char)c;
	__asm__ volatile("svc #" L4_STRINGIFY(8) : "+r"(r0) : : "memory");
}

_Static_assert(L4_SYS_YIELD == 7 && L4_SYS_DEBUG_PUTCHAR == 8, "stub numbers match the ABI");

#endif
