/* SPDX-License-Identifier: MIT */
/* A virtio 1.x split virtqueue, device side (virtio spec 2.7): the driver's
 * descriptor table and available ring are read, the used ring written, all
 * in guest RAM. The guest controls every word of them: each index and
 * address is checked before use, and a malformed queue is an error (a
 * string naming what is wrong), never an access outside guest RAM. */
#ifndef VMM_VIRTQUEUE_H
#define VMM_VIRTQUEUE_H

#include "guest_ram.h"

#define VIRTQ_MAX_SIZE 64 /* the largest queue a device offers (QueueNumMax) */

#define VIRTQ_DESC_F_NEXT 1u
#define VIRTQ_DESC_F_WRITE 2u
#define VIRTQ_DESC_F_INDIRECT 4u
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1u

struct virtq {
	uint32_t size;          /* entries: a power of two up to VIRTQ_MAX_SIZE */
	bool ready;
	uint64_t desc, avail, used; /* the three areas' guest addresses */
	uint16_t next_avail;    /* the next available-ring entry to take */
	uint16_t used_idx;      /* the used ring's idx as the device last wrote it */
	char error[120];        /* what virtq_check or virtq_pop found wrong */
};

/* One buffer of a chain, checked to lie in guest RAM. */
struct virtq_buf {
	uint8_t *host;
	uint32_t length;
	bool writable;          /* device-writable (VIRTQ_DESC_F_WRITE) */
};

/* A descriptor chain the driver made available: the device-readable
 * buffers first, then the device-writable ones (the spec's order). */
struct virtq_chain {
	uint16_t head;
	unsigned count;
	struct virtq_buf buf[VIRTQ_MAX_SIZE];
};

/* Resets the queue to the state after a device reset: size max_size, not
 * ready, no areas. */
void virtq_reset(struct virtq *q, uint32_t max_size);
/* NULL if q's size and areas are fit to use (the driver sets QueueReady),
 * else what is wrong. */
const char *virtq_check(struct virtq *q, const struct guest_ram *ram, uint32_t max_size);
/* The next chain the driver made available: *found false if there is
 * none. NULL, or what is wrong with the queue (the chain is not taken). */
const char *virtq_pop(struct virtq *q, const struct guest_ram *ram, struct virtq_chain *chain,
		      bool *found);
/* Returns the chain starting at head to the driver, written bytes of its
 * device-writable buffers filled. */
void virtq_push(struct virtq *q, const struct guest_ram *ram, uint16_t head, uint32_t written);
/* Whether the driver wants an interrupt for used buffers (it has not set
 * VIRTQ_AVAIL_F_NO_INTERRUPT). */
bool virtq_wants_interrupt(const struct virtq *q, const struct guest_ram *ram);

#endif
