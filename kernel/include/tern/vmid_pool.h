/* SPDX-License-Identifier: MIT */
/* Hardware VMIDs (8 bits on ARMv7) handed out with a generation: an address
 * space keeps its VMID while its generation is current; when the VMIDs run
 * out, the generation advances, every TLB entry of the old one is dropped
 * (the only full flush), and address spaces get fresh VMIDs as they next
 * run. No flush on a context switch. */
#ifndef TERN_VMID_POOL_H
#define TERN_VMID_POOL_H

#include <tern/types.h>

struct vmid_pool {
	uint32_t generation; /* starts at 1; 0 marks "never assigned" */
	uint32_t next;       /* next VMID to hand out */
	uint32_t limit;      /* one past the highest VMID */
};

void vmid_pool_init(struct vmid_pool *p, uint32_t limit);
/* Is (vmid, generation) still valid? */
static inline bool vmid_pool_current(const struct vmid_pool *p, uint32_t generation)
{
	return generation == p->generation;
}
/* Gives a new VMID for the current generation. Returns true when the
 * generation rolled over: the caller must drop all stale TLB entries. */
bool vmid_pool_assign(struct vmid_pool *p, uint32_t *vmid, uint32_t *generation);

#endif
