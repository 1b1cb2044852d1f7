// SPDX-License-Identifier: MIT
/* Calls to the hypervisor: HVC #0 with the SMC Calling Convention's
 * registers (function id in r0, arguments in r1-r3, result in r0). A
 * paravirtualized port without HVC provides the same function. */
#include "arch.h"

uint32_t arch_hypercall(uint32_t function, uint32_t arg)
{
	register uint32_t r0 __asm__("r0") = function;
	register uint32_t r1 __asm__("r1") = arg;
	/* SMCCC lets the callee clobber r2 and r3 (and r1, which we pass) */
	__asm__ volatile(".arch_extension virt\n\thvc #0"
			 : "+r"(r0), "+r"(r1)
			 :
			 : "r2", "r3", "memory");
	return r0;
}
