// SPDX-License-Identifier: MIT
/* HC_CACHE: a deprivileged guest's cache maintenance by virtual address
 * (docs/pv-vcpu.md, sections 5 and 6). The guest cannot run the MCRs (they
 * are PL1's), and the kernel must not run them on the guest's addresses
 * (one not mapped would abort in the kernel), so each page goes through
 * the guest's own translation (walked when its MMU is on, shadow.c) to the
 * kernel's alias of the frame; the A9's data cache is PIPT, so the lines
 * are the same. Pages that are not cached RAM of the guest are skipped.
 * Invalidating the data cache is done as clean and invalidate: a plain
 * invalidate could discard another's dirty lines in a shared frame. */
#include <arch/thread.h>
#include <l4/abi.h>
#include "shadow.h"

enum { CACHE_CLEAN, CACHE_CLEAN_INVALIDATE, CACHE_INVALIDATE_I, CACHE_CODE_WRITTEN };

int guest_cache_maintain(struct arch_vcpu *v, uint32_t op, uint32_t va, uint32_t length,
			 uint32_t *done)
{
	if (op > CACHE_CODE_WRITTEN)
		return L4_INVALID_ARGUMENT;
	int result = L4_OK;
	if (length > SHADOW_CACHE_MAX_BYTES) {
		length = SHADOW_CACHE_MAX_BYTES;
		result = L4_RANGE_ERROR;
	}
	*done = length;
	if (op == CACHE_INVALIDATE_I) {
		arch_invalidate_icache(); /* the whole of it: cheaper than by line */
		return result;
	}
	for (uint32_t at = va, left = length; left;) {
		uint32_t chunk = 0x1000u - (at & 0xfffu);
		if (chunk > left)
			chunk = left;
		const void *k = shadow_guest_pointer(v, at);
		if (k && op == CACHE_CLEAN)
			arch_clean_to_memory(k, chunk);
		else if (k && op == CACHE_CLEAN_INVALIDATE)
			arch_clean_invalidate_dcache(k, chunk);
		else if (k)
			arch_sync_icache(k, chunk);
		if (at + chunk < at)
			break; /* the top of the address space */
		at += chunk;
		left -= chunk;
	}
	return result;
}
