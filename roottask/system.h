/* SPDX-License-Identifier: MIT */
/* The system description (dts/system/, compiled to system.dtb in the boot
 * archive): which guests to start and with what. */
#ifndef ROOTTASK_SYSTEM_H
#define ROOTTASK_SYSTEM_H

#include <stdbool.h>

#define SYSTEM_MAX_GUESTS 4

struct guest_desc {
	const char *name, *vmm, *kernel, *dtb, *initrd, *bootargs, *display_window;
	unsigned ram_mib, memory_bits, priority;
	bool console_input;
	bool restart;             /* started again when it stops */
	bool strict_hypercalls;   /* an unknown hypercall stops it */
};

struct system_desc {
	struct guest_desc guest[SYSTEM_MAX_GUESTS];
	unsigned guests;
};

/* Reads the description from the DTB at blob (size bytes, untrusted).
 * Returns NULL, or what is wrong, naming the node and property (the text
 * lives in a static buffer). */
const char *system_read(struct system_desc *s, const void *blob, unsigned size);

#endif
