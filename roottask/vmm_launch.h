/* SPDX-License-Identifier: MIT */
/* Starting a VMM process for a guest: its address space loaded from an ELF
 * file of the boot archive, its CSpace with the guest's memory, devices
 * and the archive (libl4/include/l4/vmm_start.h). */
#ifndef ROOTTASK_VMM_LAUNCH_H
#define ROOTTASK_VMM_LAUNCH_H

#include <l4/l4.h>
#include <l4/vmm_start.h>
#include "display.h"

struct vmm_launch {
	const struct l4_bootinfo *bi;
	struct l4_allocator *alloc;
	const void *archive;          /* mapped in the root task */
	const void *elf;              /* the VMM program */
	unsigned elf_size;
	unsigned guest_memory_bits;   /* untyped handed to the VMM */
	unsigned priority;            /* the VMM's (its guest's is in start) */
	bool console_input;           /* the console's input interrupt goes to it */
	const struct display_window *window; /* of the shared display, or NULL */
	struct l4_vmm_start start;    /* names, RAM size, bootargs (the rest is filled in) */
};

/* Returns NULL, or what went wrong. */
const char *vmm_launch(struct vmm_launch *l);

#endif
