/* SPDX-License-Identifier: MIT */
/* A virtio console (virtio 1.x, device ID 3, spec 5.3) on the virtio-mmio
 * transport: one port, no optional features. The guest's driver (Linux's
 * virtio_console: hvc0) hands output over in buffers, one doorbell each,
 * instead of a trap per byte; input fills the buffers it posts. */
#ifndef VMM_VIRTIO_CONSOLE_H
#define VMM_VIRTIO_CONSOLE_H

#include "virtio_mmio.h"

#define VIRTIO_ID_CONSOLE 3u
#define VIRTIO_CONSOLE_RECEIVEQ 0u
#define VIRTIO_CONSOLE_TRANSMITQ 1u

struct virtio_console_ops {
	/* Bytes the guest sent. */
	void (*output)(void *ctx, const uint8_t *bytes, uint32_t length);
	/* The interrupt line's level changed. */
	void (*irq)(void *ctx, bool level);
	/* The device broke (the guest's driver is at fault): why. */
	void (*error)(void *ctx, const char *what);
};

struct virtio_console {
	struct virtio_mmio mmio;
	const struct virtio_console_ops *ops;
	void *ctx;
	struct virtq_chain chain; /* the chain being served */
};

void virtio_console_init(struct virtio_console *vc, const struct virtio_console_ops *ops, void *ctx,
			 const struct guest_ram *ram);
/* Input: fills the receive buffers the driver posted; returns how many of
 * the length bytes they took (0 before DRIVER_OK, with no buffer posted,
 * or once the device is broken). */
uint32_t virtio_console_receive(struct virtio_console *vc, const uint8_t *bytes, uint32_t length);
/* Whether the guest's driver runs the device: input should go here. */
bool virtio_console_live(const struct virtio_console *vc);

#endif
