// SPDX-License-Identifier: MIT
/* GICv2 distributor registers (ARM IHI 0048B, 4.3). An interrupt is handed
 * to the VCPU when it is pending, enabled and the distributor is on;
 * handing it over clears the model's pending bit, since the list register
 * holds it from then on. A level-sensitive line stays raised at the VCPU
 * (the kernel makes it pending again after each EOI) until it falls or the
 * guest masks it. */
#include "vgic_dist.h"

enum {
	CTLR = 0x000, TYPER = 0x004, IIDR = 0x008, ISENABLER = 0x100, ICENABLER = 0x180,
	ISPENDR = 0x200, ICPENDR = 0x280, ISACTIVER = 0x300, ICACTIVER = 0x380,
	IPRIORITYR = 0x400, ITARGETSR = 0x800, ICFGR = 0xc00, SGIR = 0xf00, ICPIDR2 = 0xfe8,
};
#define IIDR_VALUE 0x0200143bu
#define SGIS 16
#define PRIVATE 32
#define SGI_FILTER(v) (((v) >> 24) & 3u)
#define SGI_TARGETS(v) (((v) >> 16) & 0xffu)

static bool bit(const uint32_t *words, unsigned irq)
{
	return words[irq / 32] >> (irq % 32) & 1u;
}

static void set_bit(uint32_t *words, unsigned irq, bool on)
{
	if (on)
		words[irq / 32] |= 1u << (irq % 32);
	else
		words[irq / 32] &= ~(1u << (irq % 32));
}

static void deliver(struct vgic_dist *d, unsigned irq)
{
	if (!d->enabled || !bit(d->enable, irq) || !bit(d->pending, irq))
		return;
	set_bit(d->pending, irq, false);
	bool level = bit(d->level, irq);
	if (level && bit(d->raised, irq))
		return; /* the VCPU keeps it coming */
	set_bit(d->raised, irq, level);
	d->ops->inject(d->ctx, irq, level);
}

/* The VCPU stops raising irq; a line still high waits here as pending. */
static void withdraw(struct vgic_dist *d, unsigned irq)
{
	if (!bit(d->raised, irq))
		return;
	set_bit(d->raised, irq, false);
	d->ops->lower(d->ctx, irq);
	if (bit(d->level, irq))
		set_bit(d->pending, irq, true);
}

static void withdraw_word(struct vgic_dist *d, unsigned word, uint32_t mask)
{
	for (unsigned i = 0; i < 32; i++)
		if (mask & (1u << i))
			withdraw(d, word * 32 + i);
}

static void deliver_word(struct vgic_dist *d, unsigned word)
{
	for (unsigned i = 0; i < 32; i++)
		deliver(d, word * 32 + i);
}

void vgic_dist_init(struct vgic_dist *d, unsigned nr_irqs, const struct vgic_dist_ops *ops,
		    void *ctx)
{
	*d = (struct vgic_dist){.ops = ops, .ctx = ctx};
	d->nr_irqs = nr_irqs > VGIC_MAX_IRQS || nr_irqs % 32 || !nr_irqs ? VGIC_MAX_IRQS : nr_irqs;
	for (unsigned i = 0; i < PRIVATE; i++)
		d->target[i] = 0x01;
	d->config[0] = 0xaaaaaaaau; /* SGIs are edge-triggered */
}

void vgic_dist_set_level(struct vgic_dist *d, unsigned irq, bool level)
{
	if (irq >= d->nr_irqs || bit(d->level, irq) == level)
		return;
	set_bit(d->level, irq, level);
	set_bit(d->pending, irq, level);
	if (level)
		deliver(d, irq);
	else
		withdraw(d, irq);
}

void vgic_dist_pulse(struct vgic_dist *d, unsigned irq)
{
	if (irq < PRIVATE || irq >= d->nr_irqs || bit(d->level, irq))
		return;
	set_bit(d->pending, irq, true);
	deliver(d, irq);
}

/* The bank of 32-interrupt bit registers an offset falls in, or NULL. */
static uint32_t *bit_bank(struct vgic_dist *d, uint32_t offset, uint32_t base, uint32_t *words)
{
	unsigned word = (offset - base) / 4;
	return word < d->nr_irqs / 32 ? &words[word] : NULL;
}

bool vgic_dist_read(struct vgic_dist *d, uint32_t offset, unsigned size, uint32_t *value)
{
	bool bytewise = (offset >= IPRIORITYR && offset < ITARGETSR + 0x400);
	if (offset >= 0x1000 || (size != 4 && !(bytewise && size == 1)) || offset % size)
		return false;
	uint32_t v = 0;
	if (bytewise) {
		const uint8_t *bytes = offset < ITARGETSR ? d->priority : d->target;
		unsigned first = offset - (offset < ITARGETSR ? IPRIORITYR : ITARGETSR);
		for (unsigned i = 0; i < size; i++)
			if (first + i < d->nr_irqs)
				v |= (uint32_t)bytes[first + i] << (8 * i);
	} else if (offset == CTLR) {
		v = d->enabled;
	} else if (offset == TYPER) {
		v = d->nr_irqs / 32 - 1; /* one CPU */
	} else if (offset == IIDR) {
		v = IIDR_VALUE;
	} else if (offset == ICPIDR2) {
		v = 0x20; /* GICv2 */
	} else if (offset >= ISENABLER && offset < ISPENDR) {
		uint32_t *w = bit_bank(d, offset % 0x80 + ISENABLER, ISENABLER, d->enable);
		v = w ? *w : 0;
	} else if (offset >= ISPENDR && offset < ISACTIVER) {
		unsigned word = (offset % 0x80) / 4;
		v = word < d->nr_irqs / 32 ? d->pending[word] | d->level[word] : 0;
	} else if (offset >= ISACTIVER && offset < IPRIORITYR) {
		uint32_t *w = bit_bank(d, offset % 0x80 + ISACTIVER, ISACTIVER, d->active);
		v = w ? *w : 0;
	} else if (offset >= ICFGR && offset < ICFGR + 0x100) {
		unsigned word = (offset - ICFGR) / 4;
		v = word < d->nr_irqs / 16 ? d->config[word] : 0;
	}
	*value = v;
	return true;
}

bool vgic_dist_write(struct vgic_dist *d, uint32_t offset, unsigned size, uint32_t value)
{
	bool bytewise = (offset >= IPRIORITYR && offset < ITARGETSR + 0x400);
	if (offset >= 0x1000 || (size != 4 && !(bytewise && size == 1)) || offset % size)
		return false;
	if (bytewise) {
		bool targets = offset >= ITARGETSR;
		unsigned first = offset - (targets ? ITARGETSR : IPRIORITYR);
		for (unsigned i = 0; i < size; i++) {
			unsigned irq = first + i;
			uint8_t b = (uint8_t)(value >> (8 * i));
			if (irq >= d->nr_irqs)
				continue;
			if (!targets)
				d->priority[irq] = b;
			else if (irq >= PRIVATE) /* private ones always target this CPU */
				d->target[irq] = b & 0x01;
		}
		return true;
	}
	if (offset == CTLR) {
		d->enabled = value & 1u;
		for (unsigned w = 0; w < d->nr_irqs / 32; w++) {
			if (!d->enabled)
				withdraw_word(d, w, ~0u);
			deliver_word(d, w);
		}
	} else if (offset >= ISENABLER && offset < ISPENDR) {
		uint32_t *w = bit_bank(d, offset % 0x80 + ISENABLER, ISENABLER, d->enable);
		if (!w)
			return true;
		if (offset < ICENABLER) {
			*w |= value;
			unsigned word = (unsigned)(w - d->enable);
			d->pending[word] |= d->level[word] & value; /* lines already high */
			deliver_word(d, word);
		} else {
			*w &= ~value;
			withdraw_word(d, (unsigned)(w - d->enable), value);
		}
	} else if (offset >= ISPENDR && offset < ISACTIVER) {
		unsigned word = (offset % 0x80) / 4;
		if (word >= d->nr_irqs / 32)
			return true;
		if (offset < ICPENDR) {
			d->pending[word] |= value;
			deliver_word(d, word);
		} else {
			d->pending[word] &= ~value;
		}
	} else if (offset >= ISACTIVER && offset < IPRIORITYR) {
		uint32_t *w = bit_bank(d, offset % 0x80 + ISACTIVER, ISACTIVER, d->active);
		if (w)
			*w = offset < ICACTIVER ? *w | value : *w & ~value;
	} else if (offset >= ICFGR && offset < ICFGR + 0x100) {
		unsigned word = (offset - ICFGR) / 4;
		if (word > 0 && word < d->nr_irqs / 16) /* SGIs' word is read-only */
			d->config[word] = value;
	} else if (offset == SGIR) {
		unsigned filter = SGI_FILTER(value), sgi = value & 0xfu;
		if (filter == 2 || (filter == 0 && SGI_TARGETS(value) & 1u)) {
			d->pending[0] |= 1u << sgi;
			deliver(d, sgi);
		}
	}
	return true;
}
