/* SPDX-License-Identifier: MIT */
/* Boot memory: the set of free physical ranges, built from the RAM banks
 * minus what is in use (kernel image, device tree). Boot code carves aligned
 * blocks from it; what is left becomes untyped memory for the root task. */
#ifndef TERN_MEMREGION_H
#define TERN_MEMREGION_H

#include <tern/types.h>

#define MEMREGION_MAX 16

struct memregion {
	paddr_t base;
	uint64_t size;
};

/* Free ranges, sorted by base, never overlapping or touching. */
struct memregion_set {
	struct memregion r[MEMREGION_MAX];
	unsigned count;
};

enum memregion_error {
	MEMREGION_OK = 0,
	MEMREGION_ERR_FULL = 1,     /* more ranges than MEMREGION_MAX */
	MEMREGION_ERR_RANGE = 2,    /* empty or wrapping range */
	MEMREGION_ERR_NOMEM = 3,    /* no free range fits */
};

void memregion_init(struct memregion_set *set);
/* Adds [base, base+size) to the free set, merging with neighbours. */
int memregion_add(struct memregion_set *set, paddr_t base, uint64_t size);
/* Removes [base, base+size) from the free set (parts not free are ignored). */
int memregion_reserve(struct memregion_set *set, paddr_t base, uint64_t size);
/* Takes the lowest free block of size bytes aligned to align (a power of 2). */
int memregion_alloc(struct memregion_set *set, uint64_t size, uint64_t align, paddr_t *out);
uint64_t memregion_total(const struct memregion_set *set);

#endif
