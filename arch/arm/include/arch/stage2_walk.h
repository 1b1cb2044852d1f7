/* SPDX-License-Identifier: MIT */
/* Reading the kernel's memory structures from the outside, for the
 * invariant checker (CONFIG_KERNEL_INVARIANTS, kernel/debug/invariants.c):
 * a walk over a VSpace's stage-2 tables and a test of whether an address
 * is RAM in the kernel's own mapping. Nothing here changes any state. */
#ifndef ARCH_STAGE2_WALK_H
#define ARCH_STAGE2_WALK_H

#include <tern/types.h>

/* One valid entry of a stage-2 table, decoded. Levels are LPAE's on both
 * variants: level 2 entries cover 2 MiB, level 3 4 KiB. The SVC variant's
 * short descriptors show as level 2 for a pair of first-level entries (a
 * page table's two halves, a 2 MiB frame's two sections) and level 3 for
 * a small page; level 1 does not appear there. */
struct stage2_entry {
	uint32_t vaddr;     /* the first address it translates */
	paddr_t paddr;      /* the next-level table, or the memory it maps, as
			     * the kernel names it (arch/memory.h: a cap's
			     * object; the physical address on HYP) */
	uint8_t level;      /* 1-3: level of the table holding the entry */
	bool table;         /* it points to a next-level table */
	bool malformed;     /* an encoding the kernel never writes: a 1 GiB block,
			     * or a level-3 entry with bit 1 clear; on SVC also
			     * a pair whose halves disagree, or a large page */
	/* leaves only */
	bool readable, writable, executable;
	bool normal_memory; /* cacheable RAM attributes, not device memory */
};

enum stage2_walk_step {
	STAGE2_NEXT,     /* go on with the next entry */
	STAGE2_DESCEND,  /* (table entries) walk the table it points to, then go on */
	STAGE2_STOP,     /* end the walk */
};

/* Called for each valid entry in address order. A table is entered only
 * when the visitor asks: it must first know that the table is memory the
 * kernel may read (a table it knows, or RAM). */
typedef enum stage2_walk_step (*stage2_visit_t)(const struct stage2_entry *e, void *ctx);

/* Walks the tables of a VSpace object, without recursion. False when the
 * visitor stopped it. */
bool arch_stage2_walk(const void *vspace_object, stage2_visit_t visit, void *ctx);

/* Whether the kernel's own mapping has [addr, addr + size) as RAM (normal
 * memory it may read): the test before reading through a pointer that
 * could be corrupt. Asks the MMU, remembering the answer per block of the
 * kernel's mapping granule: on HYP ATS1HR and 2 MiB; on SVC, ATS1CPR and
 * 1 MiB, within the window of RAM (KERNEL_WINDOW_BASE up to
 * KERNEL_DEVICE_BASE). */
bool arch_kernel_range_is_ram(uintptr_t addr, size_t size);

#endif
