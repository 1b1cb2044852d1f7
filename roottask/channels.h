/* SPDX-License-Identifier: MIT */
/* The inter-VM channels of the system description: the root task makes
 * their shared frames and one notification per VMM that takes part, before
 * any VMM starts (a VMM's doorbell points at its peer's notification), then
 * gives each VMM copies of what its channels need (l4/vmm_start.h). The
 * root task never maps the frames: it carries no channel's data. */
#ifndef ROOTTASK_CHANNELS_H
#define ROOTTASK_CHANNELS_H

#include <l4/l4.h>
#include <l4/vmm_start.h>
#include "system.h"

struct channel_objects {
	const struct system_desc *system;
	l4_cptr_t notification[SYSTEM_MAX_GUESTS]; /* 0: the guest has no channel */
	l4_cptr_t frame[SYSTEM_MAX_CHANNELS][SYSTEM_MAX_CHANNEL_FRAMES];
	bool ready[SYSTEM_MAX_CHANNELS];            /* every object of it was made */
};

/* Makes the objects of every channel; NULL, or what failed (the channels
 * made so far still work, the others are left out). */
const char *channels_create(struct channel_objects *c, const struct system_desc *system,
			    struct l4_allocator *a);
/* Copies guest's channel caps into the VMM's CNode from st->first_free_slot
 * on and describes them in st. Returns 0 or an error of the copy. */
int channels_give(const struct channel_objects *c, unsigned guest, l4_cptr_t cnode,
		  struct l4_vmm_start *st);

#endif
