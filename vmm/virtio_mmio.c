// SPDX-License-Identifier: MIT
/* virtio-mmio version 2 (virtio 1.x, spec 4.2.2): the registers below
 * 0x100 are 32-bit; the device's configuration space follows. The driver
 * brings the device up in the spec's order (3.1.1): ACKNOWLEDGE, DRIVER,
 * features, FEATURES_OK, the queues, DRIVER_OK; writing 0 to Status
 * resets it. */
#include <tern/printf.h>
#include <tern/string.h>
#include "fdt_edit.h"
#include "virtio_mmio.h"

enum {
	MAGIC = 0x000, VERSION = 0x004, DEVICE_ID = 0x008, VENDOR_ID = 0x00c,
	DEVICE_FEATURES = 0x010, DEVICE_FEATURES_SEL = 0x014,
	DRIVER_FEATURES = 0x020, DRIVER_FEATURES_SEL = 0x024,
	QUEUE_SEL = 0x030, QUEUE_NUM_MAX = 0x034, QUEUE_NUM = 0x038, QUEUE_READY = 0x044,
	QUEUE_NOTIFY = 0x050, INTERRUPT_STATUS = 0x060, INTERRUPT_ACK = 0x064, STATUS = 0x070,
	QUEUE_DESC_LOW = 0x080, QUEUE_DESC_HIGH = 0x084, QUEUE_DRIVER_LOW = 0x090,
	QUEUE_DRIVER_HIGH = 0x094, QUEUE_DEVICE_LOW = 0x0a0, QUEUE_DEVICE_HIGH = 0x0a4,
	CONFIG_GENERATION = 0x0fc, CONFIG = 0x100,
};
#define MAGIC_VALUE 0x74726976u  /* "virt" */
#define VENDOR_TERN 0x4e524554u  /* "TERN" */
#define IRQ_TYPE_LEVEL_HIGH 4u

static void update_irq(struct virtio_mmio *t)
{
	t->dev->ops->irq(t->ctx, t->interrupt_status != 0);
}

static bool broken(const struct virtio_mmio *t)
{
	return t->status & VIRTIO_STATUS_DEVICE_NEEDS_RESET;
}

static void reset(struct virtio_mmio *t)
{
	t->status = t->device_features_sel = t->driver_features_sel = t->queue_sel = 0;
	t->driver_features = 0;
	t->interrupt_status = 0;
	t->error[0] = '\0';
	for (unsigned i = 0; i < VIRTIO_MMIO_MAX_QUEUES; i++)
		virtq_reset(&t->queue[i], t->dev->queue_max);
	update_irq(t);
}

void virtio_mmio_init(struct virtio_mmio *t, const struct virtio_device *dev, void *ctx,
		      const struct guest_ram *ram)
{
	t->dev = dev;
	t->ctx = ctx;
	t->ram = ram;
	reset(t);
}

bool virtio_mmio_live(const struct virtio_mmio *t)
{
	return (t->status & VIRTIO_STATUS_DRIVER_OK) && !broken(t);
}

struct virtq *virtio_mmio_queue(struct virtio_mmio *t, unsigned queue)
{
	if (!virtio_mmio_live(t) || queue >= t->dev->queues || !t->queue[queue].ready)
		return NULL;
	return &t->queue[queue];
}

void virtio_mmio_fail(struct virtio_mmio *t, const char *fmt, ...)
{
	if (broken(t))
		return; /* said once, until the driver resets the device */
	int n = ksnprintf(t->error, sizeof(t->error), "%s: ", t->dev->name);
	va_list ap;
	va_start(ap, fmt);
	if (n > 0 && (unsigned)n < sizeof(t->error))
		kvsnprintf(t->error + n, sizeof(t->error) - (unsigned)n, fmt, ap);
	va_end(ap);
	n = (int)strnlen(t->error, sizeof(t->error));
	ksnprintf(t->error + n, sizeof(t->error) - (unsigned)n, " (device stopped: DEVICE_NEEDS_RESET)");
	t->status |= VIRTIO_STATUS_DEVICE_NEEDS_RESET;
	t->dev->ops->error(t->ctx, t->error);
	/* the driver learns of the new status through a configuration change */
	if (t->status & VIRTIO_STATUS_DRIVER_OK) {
		t->interrupt_status |= VIRTIO_INT_CONFIG_CHANGE;
		update_irq(t);
	}
}

void virtio_mmio_used(struct virtio_mmio *t, unsigned queue)
{
	if (queue < t->dev->queues && virtq_wants_interrupt(&t->queue[queue], t->ram)) {
		t->interrupt_status |= VIRTIO_INT_USED_BUFFER;
		update_irq(t);
	}
}

static bool valid(uint32_t offset, unsigned size)
{
	if (offset >= VIRTIO_MMIO_SIZE || offset % size)
		return false;
	return offset >= CONFIG ? size == 1 || size == 2 || size == 4 : size == 4;
}

static struct virtq *selected(struct virtio_mmio *t)
{
	return t->queue_sel < t->dev->queues ? &t->queue[t->queue_sel] : NULL;
}

bool virtio_mmio_read(struct virtio_mmio *t, uint32_t offset, unsigned size, uint32_t *value)
{
	if (!valid(offset, size))
		return false;
	struct virtq *q = selected(t);
	uint32_t v = 0;
	switch (offset) {
	case MAGIC: v = MAGIC_VALUE; break;
	case VERSION: v = 2; break;
	case DEVICE_ID: v = t->dev->id; break;
	case VENDOR_ID: v = VENDOR_TERN; break;
	case DEVICE_FEATURES:
		if (t->device_features_sel < 2)
			v = (uint32_t)(t->dev->features >> (32 * t->device_features_sel));
		break;
	case QUEUE_NUM_MAX: v = q ? t->dev->queue_max : 0; break;
	case QUEUE_READY: v = q && q->ready; break;
	case INTERRUPT_STATUS: v = t->interrupt_status; break;
	case STATUS: v = t->status; break;
	case CONFIG_GENERATION: v = 0; break; /* the configuration never changes */
	default:
		if (offset >= CONFIG)
			v = t->dev->ops->config_read(t, offset - CONFIG, size);
		break; /* write-only and reserved registers read as zero */
	}
	*value = v;
	return true;
}

/* FEATURES_OK sticks only for features the device offered, VERSION_1
 * among them (this is a version 2 transport: no legacy interface). */
static uint32_t accept_status(struct virtio_mmio *t, uint32_t value)
{
	uint32_t set = value & ~t->status;
	if (set & VIRTIO_STATUS_FEATURES_OK) {
		uint64_t extra = t->driver_features & ~t->dev->features;
		if (extra || !(t->driver_features & VIRTIO_F_VERSION_1)) {
			char why[120];
			if (extra)
				ksnprintf(why, sizeof(why), "%s: FEATURES_OK refused: the driver asked "
					  "for features not offered (0x%llx)", t->dev->name,
					  (unsigned long long)extra);
			else
				ksnprintf(why, sizeof(why), "%s: FEATURES_OK refused: the driver did not "
					  "accept VIRTIO_F_VERSION_1 (a legacy driver?)", t->dev->name);
			t->dev->ops->error(t->ctx, why);
			value &= ~VIRTIO_STATUS_FEATURES_OK;
		}
	}
	if ((set & VIRTIO_STATUS_DRIVER_OK) && !(value & VIRTIO_STATUS_FEATURES_OK)) {
		virtio_mmio_fail(t, "the driver set DRIVER_OK without FEATURES_OK");
		value &= ~VIRTIO_STATUS_DRIVER_OK;
	}
	/* DEVICE_NEEDS_RESET is the device's to set, and only a reset clears it */
	return (value & ~VIRTIO_STATUS_DEVICE_NEEDS_RESET) | (t->status & VIRTIO_STATUS_DEVICE_NEEDS_RESET);
}

static void notify(struct virtio_mmio *t, uint32_t queue)
{
	if (broken(t))
		return;
	if (!(t->status & VIRTIO_STATUS_DRIVER_OK)) {
		virtio_mmio_fail(t, "queue %u notified before the driver set DRIVER_OK", queue);
		return;
	}
	if (queue >= t->dev->queues || !t->queue[queue].ready) {
		virtio_mmio_fail(t, "queue %u notified, which %s", queue,
				 queue >= t->dev->queues ? "does not exist" : "is not ready");
		return;
	}
	const char *why = t->dev->ops->notify(t, queue);
	if (why)
		virtio_mmio_fail(t, "queue %u: %s", queue, why);
}

static void set_half(uint64_t *field, bool high, uint32_t value)
{
	unsigned shift = high ? 32 : 0;
	*field = (*field & ~(0xffffffffull << shift)) | (uint64_t)value << shift;
}

/* The selected queue's set-up registers: only while it is not ready. */
static void configure_queue(struct virtio_mmio *t, uint32_t offset, uint32_t value)
{
	struct virtq *q = selected(t);
	if (!q)
		return; /* QueueNumMax reads 0: there is no such queue to set up */
	if (offset == QUEUE_READY) {
		if (!(value & 1)) {
			q->ready = false;
			return;
		}
		const char *why = virtq_check(q, t->ram, t->dev->queue_max);
		if (why)
			virtio_mmio_fail(t, "queue %u: %s", t->queue_sel, why);
		else
			q->ready = true;
		return;
	}
	if (q->ready) {
		virtio_mmio_fail(t, "queue %u set up again while ready (register 0x%03x)",
				 t->queue_sel, offset);
		return;
	}
	switch (offset) {
	case QUEUE_NUM: q->size = value; break;
	case QUEUE_DESC_LOW: case QUEUE_DESC_HIGH:
		set_half(&q->desc, offset == QUEUE_DESC_HIGH, value);
		break;
	case QUEUE_DRIVER_LOW: case QUEUE_DRIVER_HIGH:
		set_half(&q->avail, offset == QUEUE_DRIVER_HIGH, value);
		break;
	case QUEUE_DEVICE_LOW: case QUEUE_DEVICE_HIGH:
		set_half(&q->used, offset == QUEUE_DEVICE_HIGH, value);
		break;
	}
}

bool virtio_mmio_write(struct virtio_mmio *t, uint32_t offset, unsigned size, uint32_t value)
{
	if (!valid(offset, size))
		return false;
	switch (offset) {
	case STATUS:
		if (!value)
			reset(t);
		else
			t->status = accept_status(t, value);
		return true;
	case INTERRUPT_ACK:
		t->interrupt_status &= ~value;
		update_irq(t);
		return true;
	case QUEUE_NOTIFY:
		notify(t, value);
		return true;
	}
	if (broken(t))
		return true; /* nothing else changes until the reset */
	switch (offset) {
	case DEVICE_FEATURES_SEL: t->device_features_sel = value; break;
	case DRIVER_FEATURES_SEL: t->driver_features_sel = value; break;
	case DRIVER_FEATURES:
		if (t->driver_features_sel < 2 && !(t->status & VIRTIO_STATUS_FEATURES_OK))
			set_half(&t->driver_features, t->driver_features_sel == 1, value);
		break;
	case QUEUE_SEL: t->queue_sel = value; break;
	case QUEUE_NUM: case QUEUE_READY:
	case QUEUE_DESC_LOW: case QUEUE_DESC_HIGH: case QUEUE_DRIVER_LOW: case QUEUE_DRIVER_HIGH:
	case QUEUE_DEVICE_LOW: case QUEUE_DEVICE_HIGH:
		configure_queue(t, offset, value);
		break;
	default:
		break; /* read-only, reserved and the read-only configuration: ignored */
	}
	return true;
}

const char *virtio_mmio_describe(void *dtb, uint32_t base, unsigned spi)
{
	char name[32], path[40];
	ksnprintf(name, sizeof(name), "virtio@%x", base);
	ksnprintf(path, sizeof(path), "/%s", name);
	uint32_t interrupt[3] = {0, spi, IRQ_TYPE_LEVEL_HIGH};
	int err = fdt_edit_add_node(dtb, "/", name);
	if (!err)
		err = fdt_edit_setprop_reg(dtb, path, base, VIRTIO_MMIO_SIZE);
	if (!err)
		err = fdt_edit_setprop_cells(dtb, path, "interrupts", interrupt, 3);
	/* last: a node left half-filled by an error matches no driver */
	if (!err)
		err = fdt_edit_setprop_string(dtb, path, "compatible", "virtio,mmio");
	if (err == -FDT_ERR_BADVALUE)
		return "the guest's device tree has a root #address-cells or #size-cells other than 1 "
		       "or 2";
	return err ? fdt_edit_strerror(err) : NULL;
}
