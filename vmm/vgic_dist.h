/* SPDX-License-Identifier: MIT */
/* An emulated GICv2 distributor for a single-CPU guest. The guest's CPU
 * interface is the hardware's virtual one; this model decides when an
 * interrupt is handed to the VCPU (the kernel puts it in a list register). */
#ifndef VMM_VGIC_DIST_H
#define VMM_VGIC_DIST_H

#include <tern/types.h>

#define VGIC_MAX_IRQS 128
#define VGIC_WORDS (VGIC_MAX_IRQS / 32)

/* What the model asks of the VCPU: take an interrupt (level: from a
 * level-sensitive line, which the VCPU raises again after each EOI until it
 * is lowered), and lower such a line. */
struct vgic_dist_ops {
	void (*inject)(void *ctx, unsigned irq, bool level);
	void (*lower)(void *ctx, unsigned irq);
};

struct vgic_dist {
	const struct vgic_dist_ops *ops;
	void *ctx;
	unsigned nr_irqs;
	bool enabled;
	uint32_t enable[VGIC_WORDS], pending[VGIC_WORDS], active[VGIC_WORDS];
	uint32_t level[VGIC_WORDS];   /* lines driven high by device models */
	uint32_t raised[VGIC_WORDS];  /* high lines handed to the VCPU, raised there */
	uint32_t config[VGIC_MAX_IRQS / 16];
	uint8_t priority[VGIC_MAX_IRQS];
	uint8_t target[VGIC_MAX_IRQS];
};

void vgic_dist_init(struct vgic_dist *d, unsigned nr_irqs, const struct vgic_dist_ops *ops,
		    void *ctx);
/* A guest access at offset (in the 4 KiB page), size 1, 2 or 4. False for
 * an access the GIC cannot take; reserved registers read as zero. */
bool vgic_dist_read(struct vgic_dist *d, uint32_t offset, unsigned size, uint32_t *value);
bool vgic_dist_write(struct vgic_dist *d, uint32_t offset, unsigned size, uint32_t value);
/* A device model drives a level-sensitive line. Rising: handed to the VCPU
 * if enabled; falling: lowered there. */
void vgic_dist_set_level(struct vgic_dist *d, unsigned irq, bool level);
/* An edge on an edge-triggered SPI: it becomes pending, and is handed to
 * the VCPU once enabled. Edges before the guest has taken the last one
 * merge into one interrupt, as on the hardware. */
void vgic_dist_pulse(struct vgic_dist *d, unsigned irq);

#endif
