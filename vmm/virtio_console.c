// SPDX-License-Identifier: MIT
/* The console's two queues (without VIRTIO_CONSOLE_F_MULTIPORT): receiveq
 * 0, device-writable buffers the driver posts for input; transmitq 1,
 * device-readable buffers of output. Output is consumed at once, within
 * the doorbell's exit, so the driver finds its buffer used when the exit
 * returns. The configuration space (cols, rows, max_nr_ports, emerg_wr)
 * means nothing without the features that give it meaning: all zero. */
#include "virtio_console.h"

static struct virtio_console *console_of(struct virtio_mmio *t)
{
	return (struct virtio_console *)t; /* mmio is the first member */
}

static const char *transmit(struct virtio_console *vc)
{
	struct virtio_mmio *t = &vc->mmio;
	struct virtq *q = virtio_mmio_queue(t, VIRTIO_CONSOLE_TRANSMITQ);
	bool used = false;
	for (;;) {
		bool found;
		const char *why = virtq_pop(q, t->ram, &vc->chain, &found);
		if (why)
			return why;
		if (!found)
			break;
		for (unsigned i = 0; i < vc->chain.count; i++) {
			const struct virtq_buf *b = &vc->chain.buf[i];
			if (b->writable)
				return "an output buffer is device-writable";
			vc->ops->output(vc->ctx, b->host, b->length);
		}
		virtq_push(q, t->ram, vc->chain.head, 0);
		used = true;
	}
	if (used)
		virtio_mmio_used(t, VIRTIO_CONSOLE_TRANSMITQ);
	return NULL;
}

static const char *notify(struct virtio_mmio *t, unsigned queue)
{
	/* receive buffers wait for input (virtio_console_receive) */
	return queue == VIRTIO_CONSOLE_TRANSMITQ ? transmit(console_of(t)) : NULL;
}

static uint32_t config_read(struct virtio_mmio *t, uint32_t offset, unsigned size)
{
	return 0;
}

static void irq(void *ctx, bool level)
{
	struct virtio_console *vc = ctx;
	vc->ops->irq(vc->ctx, level);
}

static void error(void *ctx, const char *what)
{
	struct virtio_console *vc = ctx;
	vc->ops->error(vc->ctx, what);
}

static const struct virtio_device_ops device_ops = {
	.notify = notify, .config_read = config_read, .irq = irq, .error = error};

static const struct virtio_device console_device = {
	.name = "virtio-console",
	.id = VIRTIO_ID_CONSOLE,
	.features = VIRTIO_F_VERSION_1,
	.queues = 2,
	.queue_max = VIRTQ_MAX_SIZE,
	.ops = &device_ops,
};

void virtio_console_init(struct virtio_console *vc, const struct virtio_console_ops *ops, void *ctx,
			 const struct guest_ram *ram)
{
	vc->ops = ops;
	vc->ctx = ctx;
	virtio_mmio_init(&vc->mmio, &console_device, vc, ram);
}

bool virtio_console_live(const struct virtio_console *vc)
{
	return virtio_mmio_live(&vc->mmio);
}

uint32_t virtio_console_receive(struct virtio_console *vc, const uint8_t *bytes, uint32_t length)
{
	struct virtio_mmio *t = &vc->mmio;
	struct virtq *q = virtio_mmio_queue(t, VIRTIO_CONSOLE_RECEIVEQ);
	uint32_t taken = 0;
	while (q && taken < length) {
		bool found;
		const char *why = virtq_pop(q, t->ram, &vc->chain, &found);
		if (why) {
			virtio_mmio_fail(t, "queue %u: %s", VIRTIO_CONSOLE_RECEIVEQ, why);
			break;
		}
		if (!found)
			break;
		uint32_t written = 0;
		for (unsigned i = 0; i < vc->chain.count && taken < length; i++) {
			const struct virtq_buf *b = &vc->chain.buf[i];
			if (!b->writable) {
				virtio_mmio_fail(t, "queue %u: an input buffer is device-readable",
						 VIRTIO_CONSOLE_RECEIVEQ);
				return taken;
			}
			uint32_t n = length - taken < b->length ? length - taken : b->length;
			for (uint32_t k = 0; k < n; k++)
				b->host[k] = bytes[taken + k];
			taken += n;
			written += n;
		}
		virtq_push(q, t->ram, vc->chain.head, written);
	}
	if (taken)
		virtio_mmio_used(t, VIRTIO_CONSOLE_RECEIVEQ);
	return taken;
}
