/* SPDX-License-Identifier: MIT */
/* The kernel's invariant checker (CONFIG_KERNEL_INVARIANTS): a debug
 * system call that walks caps, the derivation tree, every live VSpace and
 * the thread queues, and names the first invariant it finds violated (the
 * list is in libl4/include/l4/abi.h, enum l4_invariant). */
#ifndef TERN_INVARIANTS_H
#define TERN_INVARIANTS_H

#include <tern/kconfig.h>
#include <tern/thread.h>

struct invariants_counts {
	uint32_t caps;      /* non-empty slots looked at */
	uint32_t mappings;  /* valid leaf entries in live VSpaces */
	uint32_t vspaces;   /* live VSpaces walked */
};

#ifdef CONFIG_KERNEL_INVARIANTS
/* Checks everything reachable from caller's CSpace and VSpace slots (the
 * root task's: the boot CSpace) and every VSpace in the id table. flags:
 * L4_INVARIANTS_*. Returns 0 or the first invariant violated (enum
 * l4_invariant), after printing one line that names it and the objects. */
uint32_t invariants_check(struct tcb *caller, uint32_t flags, struct invariants_counts *counts);
#else
static inline uint32_t invariants_check(struct tcb *caller, uint32_t flags,
					struct invariants_counts *counts)
{
	*counts = (struct invariants_counts){0};
	return 0;
}
#endif

#endif
