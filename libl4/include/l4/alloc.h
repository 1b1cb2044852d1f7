/* SPDX-License-Identifier: MIT */
/* A simple allocator for user programs: cap slots from a range of a CNode,
 * kernel objects retyped from the untyped memory the boot info lists
 * (largest first, moving on when one is full). Nothing is ever freed:
 * revoking the untyped reclaims everything at once. */
#ifndef L4_ALLOC_H
#define L4_ALLOC_H

#include <l4/bootinfo.h>
#include <l4/invocation.h>

struct l4_allocator {
	l4_cptr_t cnode;           /* where slots come from */
	unsigned next_slot;
	unsigned end_slot;
	l4_cptr_t untyped[L4_BOOTINFO_MAX_UNTYPED]; /* RAM untypeds, largest first */
	unsigned untyped_count;
	unsigned current;          /* the untyped retyped from now */
	int last_error;            /* of the last failed retype */
	const struct l4_bootinfo *bi;
	l4_cptr_t vspace_id_pool;  /* new VSpaces get their ids from it (0: none) */
	unsigned objects;          /* made so far */
	/* bytes taken from each device untyped (by boot info index) */
	unsigned long long device_used[L4_BOOTINFO_MAX_UNTYPED];
	/* RAM untypeds l4_alloc_contiguous took its block from (bit = index
	 * into untyped[]) */
	unsigned long long contiguous_taken;
};

/* The root task's allocator: its CNode's empty slots, all RAM untypeds. */
void l4_alloc_init(struct l4_allocator *a, const struct l4_bootinfo *bi);
/* A free slot, or 0 when the range is used up. */
l4_cptr_t l4_alloc_slot(struct l4_allocator *a);
/* A new object in a new slot, or 0 (a->last_error says why). A VSpace
 * gets an id from a->vspace_id_pool when there is one. */
l4_cptr_t l4_alloc_object(struct l4_allocator *a, unsigned type, unsigned size_bits);
/* The 4 KiB device frame at physical address paddr in a new slot, or 0
 * (not device memory, or already taken). Device untypeds are retyped from
 * their start, so frames below paddr not taken yet are taken on the way
 * and left unused. */
l4_cptr_t l4_alloc_device_frame(struct l4_allocator *a, unsigned long long paddr);
/* A VSpace id pool of 4 KiB of the allocator's memory in a new slot, or 0:
 * with the VSpaceIdControl cap, the root task's. */
l4_cptr_t l4_alloc_vspace_id_pool(struct l4_allocator *a, l4_cptr_t control);
/* A new untyped of 2^size_bits bytes of RAM whose physical address (in
 * *paddr) the caller needs, e.g. for a device that scans memory out: the
 * start of a RAM untyped that nothing has been retyped from yet, the
 * smallest that is large enough (the large ones stay for l4_alloc_object,
 * which may later go on retyping after the block). 0 when there is none
 * (a->last_error says L4_NOT_ENOUGH_MEMORY). */
l4_cptr_t l4_alloc_contiguous(struct l4_allocator *a, unsigned size_bits, unsigned long long *paddr);
/* The untyped objects come from now (the largest, until it fills). */
l4_cptr_t l4_alloc_untyped(const struct l4_allocator *a);

#endif
