/* SPDX-License-Identifier: MIT */
/* The virtio-mmio transport, version 2 (virtio 1.x, spec 4.2): the register
 * page a guest driver finds through a "virtio,mmio" device tree node, the
 * device status and feature negotiation, the queues' set-up, the doorbell
 * (QueueNotify: one exit per notification) and the interrupt line. A
 * device (virtio_console.c) supplies its ID, features, queues and what a
 * notification does.
 *
 * The guest controls all of it. A driver that breaks the protocol (a
 * notification before DRIVER_OK, a malformed queue) breaks the device: it
 * sets DEVICE_NEEDS_RESET, says why once through the error hook, and does
 * nothing more until the driver resets it. Features not offered are
 * refused the way the spec says: FEATURES_OK does not stick. */
#ifndef VMM_VIRTIO_MMIO_H
#define VMM_VIRTIO_MMIO_H

#include "virtqueue.h"

#define VIRTIO_MMIO_SIZE 0x200
#define VIRTIO_MMIO_MAX_QUEUES 2

#define VIRTIO_STATUS_ACKNOWLEDGE 1u
#define VIRTIO_STATUS_DRIVER 2u
#define VIRTIO_STATUS_DRIVER_OK 4u
#define VIRTIO_STATUS_FEATURES_OK 8u
#define VIRTIO_STATUS_DEVICE_NEEDS_RESET 64u
#define VIRTIO_STATUS_FAILED 128u

#define VIRTIO_INT_USED_BUFFER 1u
#define VIRTIO_INT_CONFIG_CHANGE 2u

#define VIRTIO_F_VERSION_1 (1ull << 32)

struct virtio_mmio;

struct virtio_device_ops {
	/* The driver notified queue (< queues, ready, DRIVER_OK set). NULL,
	 * or what is wrong, which breaks the device. */
	const char *(*notify)(struct virtio_mmio *t, unsigned queue);
	/* The device's configuration space: reads at offset from 0x100. */
	uint32_t (*config_read)(struct virtio_mmio *t, uint32_t offset, unsigned size);
	/* The interrupt line's level changed. */
	void (*irq)(void *ctx, bool level);
	/* The device broke: what (a whole sentence, no line end). */
	void (*error)(void *ctx, const char *what);
};

struct virtio_device {
	const char *name;       /* in error messages: "virtio-console" */
	uint32_t id;            /* virtio device ID (3: console) */
	uint64_t features;      /* offered, VIRTIO_F_VERSION_1 included */
	unsigned queues;        /* up to VIRTIO_MMIO_MAX_QUEUES */
	uint32_t queue_max;     /* QueueNumMax, up to VIRTQ_MAX_SIZE */
	const struct virtio_device_ops *ops;
};

struct virtio_mmio {
	const struct virtio_device *dev;
	void *ctx;              /* the ops' (and the device's) context */
	const struct guest_ram *ram;
	uint32_t status;
	uint32_t device_features_sel, driver_features_sel, queue_sel;
	uint64_t driver_features;
	uint32_t interrupt_status;
	struct virtq queue[VIRTIO_MMIO_MAX_QUEUES];
	char error[200];        /* why DEVICE_NEEDS_RESET is set */
};

void virtio_mmio_init(struct virtio_mmio *t, const struct virtio_device *dev, void *ctx,
		      const struct guest_ram *ram);
/* A guest access at offset in the register page, size 1, 2 or 4. False
 * for an access the transport cannot take (misaligned, not 32-bit outside
 * the configuration space, beyond it): the guest gets an external abort. */
bool virtio_mmio_read(struct virtio_mmio *t, uint32_t offset, unsigned size, uint32_t *value);
bool virtio_mmio_write(struct virtio_mmio *t, uint32_t offset, unsigned size, uint32_t value);
/* Whether the driver has set DRIVER_OK and the device is not broken. */
bool virtio_mmio_live(const struct virtio_mmio *t);
/* The device's part: a queue the device may use (live, queue ready). */
struct virtq *virtio_mmio_queue(struct virtio_mmio *t, unsigned queue);
/* The device used buffers of a queue: the interrupt, if the driver wants it. */
void virtio_mmio_used(struct virtio_mmio *t, unsigned queue);
/* Adds the transport's node to the guest's device tree: "virtio,mmio" at
 * base, level-triggered SPI spi. NULL, or why it could not. */
const char *virtio_mmio_describe(void *dtb, uint32_t base, unsigned spi);
/* The device found the driver at fault: DEVICE_NEEDS_RESET, and why. */
void virtio_mmio_fail(struct virtio_mmio *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
