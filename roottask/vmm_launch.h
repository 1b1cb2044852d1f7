/* SPDX-License-Identifier: MIT */
/* Starting a VMM process for a guest: its address space loaded from an ELF
 * file of the boot archive, its CSpace with the guest's memory, devices
 * and the archive (libl4/include/l4/vmm_start.h). */
#ifndef ROOTTASK_VMM_LAUNCH_H
#define ROOTTASK_VMM_LAUNCH_H

#include <l4/l4.h>
#include <l4/vmm_start.h>
#include "channels.h"
#include "display.h"

struct vmm_launch {
	const struct l4_bootinfo *bi;
	struct l4_allocator *alloc;   /* the VMM's objects come from it */
	l4_cptr_t guest_memory;       /* an untyped: the VMM gets a copy */
	unsigned guest_memory_bits;
	const l4_cptr_t *gicv;        /* the GICV's two frames, or NULL */
	l4_cptr_t supervisor;         /* an endpoint: stop reports go there, or 0 */
	unsigned supervisor_badge;
	const void *archive;          /* mapped in the root task */
	const void *elf;              /* the VMM program */
	unsigned elf_size;
	unsigned priority;            /* the VMM's (its guest's is in start) */
	bool console_input;           /* the console's input interrupt goes to it */
	const struct display_window *window; /* of the shared display, or NULL */
	const struct channel_objects *channels; /* the inter-VM channels, or NULL */
	unsigned guest_index;         /* in the system description (for channels) */
	struct l4_vmm_start start;    /* names, RAM size, bootargs (the rest is filled in) */
	l4_cptr_t vmm_tcb;            /* out: the VMM's thread, to stop it before a take-back */
};

/* Returns NULL, or what went wrong. */
const char *vmm_launch(struct vmm_launch *l);
/* Sets up what every launch shares, from the root task's own allocator
 * (a page table where the root task fills the VMMs' pages). */
int vmm_launch_prepare(struct l4_allocator *root);

#endif
