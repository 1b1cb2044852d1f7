/* SPDX-License-Identifier: MIT */
/* The supervisor: starts one VMM per guest of the system description,
 * each from memory of its own, and when a VMM reports that its guest
 * stopped, revokes everything that guest had and, by its policy, starts it
 * again in the same memory. */
#ifndef ROOTTASK_SUPERVISOR_H
#define ROOTTASK_SUPERVISOR_H

#include <l4/l4.h>
#include "channels.h"
#include "display.h"
#include "system.h"

struct supervisor_env {
	const struct l4_bootinfo *bi;
	struct l4_allocator *root;    /* the root task's own */
	const void *archive;
	const struct display *display;
	const struct channel_objects *channels; /* the inter-VM channels, or NULL */
};

/* Starts the guests; returns how many run. */
unsigned supervisor_start(const struct supervisor_env *env, const struct system_desc *system);
/* Waits for stop reports and acts on them: does not return. */
__attribute__((noreturn)) void supervisor_run(void);

#endif
