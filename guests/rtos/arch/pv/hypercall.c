// SPDX-License-Identifier: MIT
/* Calls to the VMM: HC_VMM_CALL, which reaches the VMM as the A15's HVC #0
 * exit (r0-r3 in MR2-MR5, r0 back), so the SMC Calling Convention's
 * function and argument mean the same to it as from the A15 port. */
#include "../arch.h"

uint32_t arch_hypercall(uint32_t function, uint32_t arg)
{
	return pv_hypercall(HC_VMM_CALL, function, arg, NULL);
}
