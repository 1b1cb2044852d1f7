/* SPDX-License-Identifier: MIT */
/* The system description (dts/system/, compiled to system.dtb in the boot
 * archive): which guests to start and with what. */
#ifndef ROOTTASK_SYSTEM_H
#define ROOTTASK_SYSTEM_H

#include <stdbool.h>

#define SYSTEM_MAX_GUESTS 4
/* Above every guest and its VMM (guest priorities go to 244, VMMs 10
 * higher): without a 'supervisor-priority', nothing delays a take-back. */
#define SYSTEM_SUPERVISOR_PRIORITY_DEFAULT 255
#define SYSTEM_MAX_CHANNELS 4
#define SYSTEM_MAX_CHANNEL_FRAMES 16 /* 64 KiB: a command channel, not bulk data */

struct guest_desc {
	const char *name, *vmm, *kernel, *dtb, *initrd, *bootargs, *display_window;
	unsigned ram_mib, memory_bits, priority;
	bool console_input;
	bool restart;             /* started again when it stops */
	bool strict_hypercalls;   /* an unknown hypercall stops it */
};

/* An inter-VM channel (/channels/NAME): frames shared by two guests, and
 * a doorbell each way. side[0] is the first guest of its `guests`. */
struct channel_desc {
	const char *name;
	unsigned side[2];   /* indices into system_desc.guest */
	unsigned frames;
};

struct system_desc {
	struct guest_desc guest[SYSTEM_MAX_GUESTS];
	unsigned guests;
	struct channel_desc channel[SYSTEM_MAX_CHANNELS];
	unsigned channels;
	unsigned supervisor_priority; /* the root task's while it supervises */
};

/* Reads the description from the DTB at blob (size bytes, untrusted).
 * Returns NULL, or what is wrong, naming the node and property (the text
 * lives in a static buffer). */
const char *system_read(struct system_desc *s, const void *blob, unsigned size);

#endif
